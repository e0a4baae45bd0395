"""Annotated proofs: marks out as PDF annotations and back in, read by pikepdf and pypdfium2."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pikepdf import Array, Dictionary, Name, String

from app.export import export_pdf
from app.model.proof import Mark, ProofRound, Rect, article_text
from app.proof.annotate import (
    AnnotatedPage,
    annotate_pdf,
    mark_annotation,
    parse_contents,
    pdf_date,
    read_annotations,
)
from app.proof.exchange import export_round_proof, import_returned_pdf
from app.proof.locate import text_box
from app.proof.rounds import add_mark, close_round, frame_articles, open_round

from .helpers import PAGE_H, Paper, at

ROUND = ProofRound(1, "二校", "李校对", (1,), at(9), id=4)


def exported(paper: Paper, folder: Path) -> Path:
    path = folder / "plain.pdf"
    export_pdf(paper.compose(), str(path))
    return path


def where(paper: Paper, slug: str, needle: str, page: int = 1) -> tuple[Rect, int, int]:
    article = paper.lib.article(paper.articles[slug].id)  # type: ignore[arg-type]
    start = article_text(article.paragraphs).index(needle)
    composed = paper.compose()[page - 1]
    frames = frame_articles(paper.lib, paper.page_id(page))
    box = text_box(composed, frames, article.id, start, start + len(needle))  # type: ignore[arg-type]
    assert box is not None
    return box, start, start + len(needle)


def test_marks_out_and_back_in_with_exact_boxes(paper: Paper, tmp_path: Path) -> None:
    plain = exported(paper, tmp_path)
    marks = [
        Mark(4, 1, Rect(40.25, 70.5, 18, 9), "改正", "要事", note="原稿如此？\n请核", id=11),
        Mark(4, 1, Rect(100, 300, 0, 9), "增补", "区", author="外审", id=12),  # a caret: no width
        Mark(4, 1, Rect(20, 500, 120, 30), "另起行", id=13),
    ]
    out = tmp_path / "annotated.pdf"
    pages = [
        AnnotatedPage(1, tuple(mark_annotation(m, ROUND) for m in marks)),
        AnnotatedPage(2, ()),
    ]
    annotate_pdf(plain, out, pages, when=at(9))
    back = read_annotations(out)
    assert [a.page_number for a in back] == [1, 1, 1]
    for mark, a in zip(marks, back, strict=True):
        assert a.subtype == "Square" and a.name == f"banmian-mark-{mark.id}"
        for got, want in zip(
            (a.box.x, a.box.y, a.box.w, a.box.h),
            (mark.box.x, mark.box.y, mark.box.w, mark.box.h),
            strict=True,
        ):
            assert got == pytest.approx(want, abs=1e-3)
        assert parse_contents(a.contents, a.subject, a.subtype) == (
            mark.kind,
            mark.proposed,
            mark.note,
        )
        assert a.author == (mark.author or "李校对")
    # Read by a second library: the colour is the round's, the annotation sits where it should.
    with pikepdf.open(out) as pdf:
        annot = pdf.pages[0].Annots[0]
        assert [float(c) for c in annot.C] == [0.0, 0.25, 0.9]  # 二校 blue
        assert str(annot.Contents) == "改正：要事\n原稿如此？\n请核"
        assert str(annot.M) == pdf_date(at(9)) == "D:20190424090000+08'00'"
        x1, y1, x2, y2 = (float(v) for v in annot.Rect)
        assert (x1 + 1, y2 - 1) == pytest.approx((40.25, PAGE_H - 70.5))
        assert int(pdf.pages[0].PieceInfo.Banmian.Private.Page) == 1
        assert "/Annots" not in pdf.pages[1] or len(pdf.pages[1].Annots) == 0
    doc = pdfium.PdfDocument(str(out))
    try:
        page = doc[0]
        assert pdfium_c.FPDFPage_GetAnnotCount(page.raw) == 3
        plain_px = page.render(scale=2, draw_annots=False).to_pil().convert("RGB")
        bitmap = page.render(scale=2).to_pil().convert("RGB")
        assert plain_px.getpixel((round(40.25 * 2), round(75 * 2))) == (255, 255, 255)
        # The first mark's outline, drawn from its appearance stream: blue on the left edge.
        px = bitmap.getpixel((round(40.25 * 2), round((70.5 + 4.5) * 2)))
        assert px[2] > 150 and px[0] < 100, px
        blank = bitmap.getpixel((round(300 * 2), round(580 * 2)))
        assert blank == (255, 255, 255)
    finally:
        doc.close()


def test_annotated_bytes_are_deterministic(paper: Paper, tmp_path: Path) -> None:
    plain = exported(paper, tmp_path)
    marks = (mark_annotation(Mark(4, 1, Rect(10, 10, 9, 9), "删除", id=1), ROUND),)
    digests = []
    for name in ("a.pdf", "b.pdf"):
        annotate_pdf(
            plain, tmp_path / name, [AnnotatedPage(1, marks), AnnotatedPage(2)], when=at(9)
        )
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    with pytest.raises(ValueError, match="2 pages, 1 were described"):
        annotate_pdf(plain, tmp_path / "c.pdf", [AnnotatedPage(1)])


def test_contents_parse_kinds_aliases_and_other_tools_notes() -> None:
    assert parse_contents("改正：要事") == ("改正", "要事", "")
    assert parse_contents("另起段") == ("另起行", "", "")
    assert parse_contents("转移: 移到下段\n见原稿") == ("移位", "移到下段", "见原稿")
    assert parse_contents("delete") == ("删除", "", "")
    assert parse_contents("这里错了", "Highlight", "Highlight") == ("改正", "", "这里错了")
    assert parse_contents("", "Cross-Out", "StrikeOut") == ("删除", "", "")
    assert parse_contents("区", "Inserted Text", "Caret") == ("增补", "区", "")
    assert parse_contents("请核实数字", "Note", "Text") == ("说明", "", "请核实数字")
    assert parse_contents("改正后的文字", "对调", "Square") == ("对调", "", "改正后的文字")
    assert parse_contents("改正过了", "", "Square") == (
        "改正",
        "",
        "改正过了",
    )  # 改正 then no separator


def add_external(pdf: pikepdf.Pdf, page: pikepdf.Page, **entries: object) -> Dictionary:
    """An annotation as another PDF tool writes it (Acrobat-like keys, no /NM of ours)."""
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, **entries))
    if "/Annots" not in page.obj:
        page.obj.Annots = pdf.make_indirect(Array())
    page.obj.Annots.append(annot)
    return annot


def pdf_rect(box: Rect) -> list[float]:
    """A page box (y down from the trim top) in PDF space (our plain export: trim = media)."""
    return [box.x, PAGE_H - box.y2, box.x2, PAGE_H - box.y]


def test_round_trip_through_the_library(paper: Paper, tmp_path: Path) -> None:
    """Marks out in an annotated proof, the proofreader adds more in another tool, back in."""
    lib = paper.lib
    pages = paper.compose()
    first = open_round(lib, paper.issue.id, "一校", "张校对", pages, at=at(9))  # type: ignore[arg-type]
    box, start, end = where(paper, "lead", "大事")
    ours = add_mark(lib, Mark(first.id, paper.page_id(1), box, "改正", "要事"), pages[0])  # type: ignore[arg-type]
    assert (ours.start, ours.end) == (start, end)
    proof = tmp_path / "proof-1.pdf"
    assert export_round_proof(lib, first.id, pages, proof) == 1  # type: ignore[arg-type]
    with pikepdf.open(proof) as pdf:
        assert len(pdf.pages) == 2
        assert str(pdf.pages[0].Annots[0].NM) == f"banmian-mark-{ours.id}"
        assert float(pdf.pages[0].Annots[0].C[0]) == 0.9  # 一校 red
        # The proofreader's own tool: strike out 十二栋 and replace it, add a caret and a note.
        struck, *_ = where(paper, "second", "十二栋")
        caret_box, caret_at, _ = where(paper, "lead", "八角")
        strike = add_external(
            pdf,
            pdf.pages[0],
            Subtype=Name.StrikeOut,
            Rect=pdf_rect(struck),
            QuadPoints=[
                struck.x,
                PAGE_H - struck.y,
                struck.x2,
                PAGE_H - struck.y,
                struck.x,
                PAGE_H - struck.y2,
                struck.x2,
                PAGE_H - struck.y2,
            ],
            T=String("张校对"),
        )
        add_external(
            pdf,
            pdf.pages[0],
            Subtype=Name.Caret,
            Rect=pdf_rect(Rect(struck.x2 - 2, struck.y, 4, struck.h)),
            Contents=String("十三栋"),
            IRT=strike,
            RT=Name.Group,
            T=String("张校对"),
        )
        add_external(
            pdf,
            pdf.pages[0],
            Subtype=Name.Caret,
            Rect=pdf_rect(Rect(caret_box.x - 2, caret_box.y + 2, 4, 5)),
            Contents=String("石景山区"),
            T=String("外请校对"),
        )
        add_external(
            pdf,
            pdf.pages[1],
            Subtype=Name.Text,
            Rect=[300, 100, 320, 120],
            Contents=String("本版图片偏暗"),
            T=String("张校对"),
        )
        returned = tmp_path / "returned.pdf"
        pdf.save(returned)
    report = import_returned_pdf(lib, first.id, returned, paper.compose())  # type: ignore[arg-type]
    assert report.known == 1 and report.skipped == []
    added = {m.kind + m.proposed: m for m in report.added}
    assert set(added) == {"改正十三栋", "增补石景山区", "说明"}
    second_text = article_text(paper.articles["second"].paragraphs)
    lead_text = article_text(paper.articles["lead"].paragraphs)
    replace = added["改正十三栋"]
    assert replace.article_id == paper.articles["second"].id
    assert second_text[replace.start : replace.end] == "十二栋"  # type: ignore[misc]
    insert = added["增补石景山区"]
    assert (insert.start, insert.end) == (caret_at, caret_at) and insert.author == "外请校对"
    assert lead_text[insert.start :].startswith("八角")  # type: ignore[misc]
    note = added["说明"]
    assert note.page_id == paper.page_id(2) and note.note == "本版图片偏暗"
    assert note.article_id is None and note.author == ""  # the round's own proofreader
    assert len(lib.marks(round_id=first.id)) == 4  # type: ignore[arg-type]
    # A closed round takes no more returned proofs.
    close_round(lib, first.id)  # type: ignore[arg-type]
    from app.proof.errors import ProofError

    with pytest.raises(ProofError, match="closed"):
        import_returned_pdf(lib, first.id, returned)  # type: ignore[arg-type]


def test_next_round_proof_highlights_changed_lines_and_carries_open_marks(
    paper: Paper, tmp_path: Path
) -> None:
    lib = paper.lib
    first = open_round(lib, paper.issue.id, "一校", "张校对", paper.compose(), at=at(9))  # type: ignore[arg-type]
    box, *_ = where(paper, "lead", "大事")
    add_mark(lib, Mark(first.id, paper.page_id(1), box, "改正", "要事"), paper.compose()[0])  # type: ignore[arg-type]
    still, *_ = where(paper, "second", "十二栋")
    open_mark = add_mark(
        lib, Mark(first.id, paper.page_id(1), still, "改正", "十三栋"), paper.compose()[0]
    )  # type: ignore[arg-type]
    close_round(lib, first.id)  # type: ignore[arg-type]
    paper.edit("lead", 1, "大事", "要事")
    second = open_round(lib, paper.issue.id, "二校", "李校对", paper.compose(), at=at(11))  # type: ignore[arg-type]
    proof = tmp_path / "proof-2.pdf"
    assert export_round_proof(lib, second.id, paper.compose(), proof) == 1  # type: ignore[arg-type]
    annots = read_annotations(proof)
    changes = [a for a in annots if a.subtype == "Highlight"]
    assert len(changes) == 1 and "要事" in changes[0].contents
    assert changes[0].box.contains(*where(paper, "lead", "要事")[0].centre)
    carried = [a for a in annots if a.subtype == "Square"]
    assert [a.name for a in carried] == [f"banmian-mark-{open_mark.id}"]
    with pikepdf.open(proof) as pdf:
        colours = {str(a.NM): [float(c) for c in a.C] for a in pdf.pages[0].Annots}
    assert colours[f"banmian-mark-{open_mark.id}"] == [0.9, 0.0, 0.0]  # still in 一校 red
    # Importing its own proof back adds nothing: highlights and known marks are skipped.
    report = import_returned_pdf(lib, second.id, proof, paper.compose())  # type: ignore[arg-type]
    assert report.added == [] and report.known == 1
