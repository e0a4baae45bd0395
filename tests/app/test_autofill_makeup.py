"""Autofill by the make-up engine, measured with the real composer: the composed pages keep
what the engine promised — no story cut, legs balanced to the line, frames apart, stories on
their section's page, jumps from page 1 continued under a 续题 set in the continuation frame."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.cli.main import main
from app.compose.issue import owner_id
from app.edit.autofill import autofill
from app.edit.issues import create_next_issue
from app.edit.makeup import grid_rect, page_spec
from app.edit.makeup_measure import engine_grid
from app.model import Article
from app.model.document import IssueDoc
from app.model.style import with_setting
from app.model.validate import FieldProblem, check_props
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from layouts.grid import GRIDS
from tests.sample_helpers import sample_library


def _next_issue(lib: Library, long_lead: bool = False) -> int:
    """The issue after the sample with the sample's stories in its bin (and, if asked, a
    要闻 story longer than the front page holds)."""
    issue = create_next_issue(lib, SAMPLE_ISSUE)
    stories = lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id)  # type: ignore[arg-type]
    for a in stories:
        lib.add_article(replace(a, id=None, issue_id=issue.id, status="draft"))
    if long_lead:
        text = [p for a in stories for p in a.paragraphs][:40]
        lib.add_article(
            Article("区里召开长篇会议", text, rank=1, section="要闻", issue_id=issue.id)
        )
    return issue.cumulative_number


def _frames_apart(doc: IssueDoc) -> None:
    pg = GRIDS[doc.publication.page_format]()
    for page in doc.pages:
        frames = doc.frames[page.id]  # type: ignore[index]
        for f in frames:
            if f.kind in ("article", "image") and f.article_id:
                assert (
                    pg.type_left - 0.01 <= f.x and f.x + f.w <= pg.type_left + pg.type_width + 0.01
                )
                assert pg.type_top - 0.01 <= f.y and f.y + f.h <= pg.type_bottom + 0.01
        for i, a in enumerate(frames):
            for b in frames[i + 1 :]:
                w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
                h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
                assert w <= 0.5 or h <= 0.5, (page.number, a, b)


def test_the_whole_issue_is_made_up_as_measured(tmp_path: Path, composer) -> None:
    with sample_library(tmp_path) as lib:
        number = _next_issue(lib, long_lead=True)
        doc = IssueDoc.load(lib, number)
        report = autofill(lib, doc, composer)
        doc = IssueDoc.load(lib, number)
    pages = composer.compose(doc)
    # nothing cut: every story placed holds all its text, the others wait whole in the bin
    assert report.overset == 0
    assert not [f for p in pages for f in p.findings if f.kind == "overset"]
    assert len(report.placed) + len(report.unplaced) == len(doc.articles)
    assert {a.headline for a in doc.unplaced()} == set(report.unplaced)
    _frames_apart(doc)
    pg = GRIDS[doc.publication.page_format]()
    on_section = 0
    for article in doc.articles.values():
        thread = doc.thread(article.id)  # type: ignore[arg-type]
        if not thread:
            continue
        layout, findings, _ = composer.layout_article(doc, article)
        assert not [f for f in findings if f.kind == "headline_fit"], article.headline
        last = layout.fill[owner_id(thread[-1])]
        # the measurer's promise: the last frame holds its legs exactly, balanced
        assert last.balanced and last.spare_lines == 0, (article.headline, last)
        assert thread[0].columns == round((thread[0].w + pg.gutter) / (pg.column_width + pg.gutter))
        first_page = next(p for p in doc.pages if p.id == thread[0].page_id)
        on_section += first_page.section == article.section
    placed = len(report.placed)
    assert on_section / placed >= 0.8
    # the long 要闻 story jumps from page 1 and is continued under its 续题
    assert report.jumps and all(origin == 1 for _, origin, _ in report.jumps)
    text = "".join(p.text() for p in pages)
    for headline, _, target in report.jumps:
        article = next(a for a in doc.articles.values() if a.headline == headline)
        cont = doc.thread(article.id)[1]  # type: ignore[arg-type]
        assert doc.page_number(cont.page_id) == target
        # one frame: the 续题 and （上接第1版） at its top, no text frame of their own
        assert not [f for f in doc.frames[cont.page_id] if f.kind == "text"]  # type: ignore[index]
        head = "".join(r.text for r in pages[target - 1].glyph_runs() if r.owner == owner_id(cont))
        assert head.startswith(headline.split()[0] + "（上接第1版）"), head[:40]
        assert f"下转第{target}版" in text
    # the front page's lead has the issue's largest headline
    front = doc.pages[0]
    leads = [f for f in doc.frames[front.id] if f.kind == "article" and f.thread_index == 0]  # type: ignore[index]
    assert any(f.props.get("headline_size", 0) >= 36 for f in leads)


def test_a_second_autofill_finds_nothing_to_do(tmp_path: Path, composer) -> None:
    with sample_library(tmp_path) as lib:
        number = _next_issue(lib)
        autofill(lib, IssueDoc.load(lib, number), composer)
        before = {p.id: list(fs) for p, fs in _frames(lib, number)}
        again = autofill(lib, IssueDoc.load(lib, number), composer)
        after = {p.id: list(fs) for p, fs in _frames(lib, number)}
    assert again.placed == [] and after == before


def _frames(lib: Library, number: int):
    doc = IssueDoc.load(lib, number)
    return [(p, doc.frames[p.id]) for p in doc.pages]  # type: ignore[index]


def test_proposals_store_nothing_and_apply_stores_the_one_chosen(tmp_path: Path, composer):
    with sample_library(tmp_path) as lib:
        number = _next_issue(lib)
        doc = IssueDoc.load(lib, number)
        offered = autofill(lib, doc, composer, page=3, proposals=3)
        assert 2 <= len(offered.proposals) <= 3
        scores = [p.score.total for p in offered.proposals]
        assert scores == sorted(scores)
        assert not doc.frames[doc.pages[2].id]  # type: ignore[index]
        assert not IssueDoc.load(lib, number).frames[doc.pages[2].id]  # type: ignore[index]
        chosen = offered.proposals[1]
        applied = autofill(lib, IssueDoc.load(lib, number), composer, page=3, proposals=3, apply=2)
        doc = IssueDoc.load(lib, number)
    pg = GRIDS[doc.publication.page_format]()
    stored = {
        (str(f.article_id), round((f.x - pg.type_left) / (pg.column_width + pg.gutter)), f.columns)
        for f in doc.frames[doc.pages[2].id]  # type: ignore[index]
        if f.kind == "article"
    }
    assert stored == {(p.story, p.rect.col, p.span) for p in chosen.placements}
    assert applied.placed and not applied.continued  # one page alone makes no jump


def test_the_command_line_offers_and_refuses_clearly(tmp_path: Path, capsys) -> None:
    with sample_library(tmp_path) as lib:
        number = _next_issue(lib)
    db = str(tmp_path / "sample.banmian")
    assert (
        main(["autofill", "--db", db, "--issue", str(number), "--page", "2", "--proposals", "2"])
        == 0
    )
    out = capsys.readouterr().out
    assert "方案 / proposal 1: score" in out and "方案 / proposal 2: score" in out
    assert main(["autofill", "--db", db, "--issue", str(number), "--page", "12"]) == 2
    err = capsys.readouterr().err.strip()
    assert "page 12" in err and len(err.splitlines()) == 1
    assert main(["autofill", "--db", db, "--issue", str(number), "--proposals", "2"]) == 2
    assert "--page" in capsys.readouterr().err
    assert main(["autofill", "--db", db, "--issue", str(number)]) == 0
    assert "placed" in capsys.readouterr().out


def test_frames_the_measure_made_too_deep_are_fitted_to_their_text(
    tmp_path: Path, composer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the measure promises more lines than the text sets (here: 3 lines too many per
    story), autofill shortens the last frame to its legs (适配高度) instead of leaving white."""
    from app.edit.makeup_measure import Measurer

    real = Measurer.total_lines
    monkeypatch.setattr(Measurer, "total_lines", lambda self, a: real(self, a) + 3)
    with sample_library(tmp_path) as lib:
        number = _next_issue(lib)
        report = autofill(lib, IssueDoc.load(lib, number), composer)
        doc = IssueDoc.load(lib, number)
    assert report.fitted > 0 and report.overset == 0
    for article in doc.articles.values():
        thread = doc.thread(article.id)  # type: ignore[arg-type]
        if thread:
            layout, _, _ = composer.layout_article(doc, article)
            last = layout.fill[owner_id(thread[-1])]
            assert last.balanced and last.spare_lines == 0, article.headline
    _frames_apart(doc)


def test_a_standing_qr_slot_moves_where_the_page_closes_up_unless_pinned(
    tmp_path: Path, composer
) -> None:
    """next-issue carries the sample's QR slot mid-foot of page 1; the make-up may move it to a
    place of its own (a foot corner, under the 报眼) where it leaves no pocket, the same size,
    clear of every frame and inside the type area. Pinned (props "pinned"), it stays."""
    for pinned in (False, True):
        with sample_library(tmp_path / f"pinned-{pinned}") as lib:
            number = _next_issue(lib, long_lead=True)
            doc = IssueDoc.load(lib, number)
            front = doc.pages[0]
            (qr,) = [f for f in doc.frames[front.id] if f.kind == "qr"]  # type: ignore[index]
            if pinned:
                qr = lib.update_frame(replace(qr, props={**qr.props, "pinned": True}))
                doc = IssueDoc.load(lib, number)
            pg = GRIDS[doc.publication.page_format]()
            spec = page_spec(doc, front, pg, engine_grid(pg), floating=True)
            report = autofill(lib, doc, composer)
            doc = IssueDoc.load(lib, number)
            (after,) = [f for f in doc.frames[front.id] if f.kind == "qr"]  # type: ignore[index]
        _frames_apart(doc)
        assert pg.type_top - 0.01 <= after.y and after.y + after.h <= pg.type_bottom + 0.01
        assert (after.w, after.h) == (qr.w, qr.h)
        if pinned:
            assert not spec.floating
            assert (after.x, after.y) == (qr.x, qr.y) and report.moved == []
        else:
            (floating,) = spec.floating
            assert floating.places[0] == grid_rect(qr, pg, engine_grid(pg))
            assert len(floating.places) >= 3  # where it is, the foot corners, under the 报眼
            went = grid_rect(after, pg, engine_grid(pg))
            assert went is not None and any(
                (p.col, p.line, p.cols) == (went.col, went.line, went.cols)
                for p in floating.places[1:]
            )
            assert report.moved == [(qr.name, 1)]


def test_head_white_opens_under_the_headline_group(tmp_path: Path, composer) -> None:
    """The make-up may leave 题区 white under a headline group (props head_white, in lines):
    composition starts the legs that many lines lower and keeps every character."""
    with sample_library(tmp_path) as lib:
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
        front = doc.pages[0]
        lead = next(f for f in doc.frames[front.id] if f.name == "lead")  # type: ignore[index]

        def first_leg_line() -> float:
            page = composer.compose(doc)[0]
            return min(
                r.y
                for r in page.glyph_runs()
                if r.owner == owner_id(lead) and r.size < 10 and r.xs[0] < lead.x + 100
            )

        before = first_leg_line()
        lead = lib.update_frame(replace(lead, props={**lead.props, "head_white": 2}))
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
        after = first_leg_line()
    pg = GRIDS[doc.publication.page_format]()
    assert after - before == pytest.approx(2 * pg.leading)
    for bad in (-1, 2.5, "2", True):
        with pytest.raises(FieldProblem, match="head_white"):
            check_props({"head_white": bad})


def test_autofill_measures_in_the_librarys_house_style(tmp_path: Path, composer) -> None:
    """A paper that set its page leads and kickers larger in its 版式表: the make-up measures
    headlines as composition will set them from the library's table, not the composer's
    built-in one, so nothing is overset and no story is cut."""
    with sample_library(tmp_path) as lib:
        number = _next_issue(lib, long_lead=True)
        sheet = lib.house_style()
        sheet = with_setting(sheet, "版面头条", "sizes", "二号 一号 小初 小初 初号 初号")
        sheet = with_setting(sheet, "版面头条", "smallest", "")
        sheet = with_setting(sheet, "二条", "kicker", "三号")
        lib.save_house_style(sheet)
        doc = IssueDoc.load(lib, number)
        report = autofill(lib, doc, composer)
        doc = IssueDoc.load(lib, number)
    assert (
        composer.house(doc).headline_style(1, False).sizes
        != composer.style.headline_style(1, False).sizes
    )  # the library's table is not the built-in one
    assert report.overset == 0
    pages = composer.compose(doc)
    assert not [f for p in pages for f in p.findings if f.kind == "overset"]
    _frames_apart(doc)
