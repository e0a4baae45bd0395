"""Preflight: each check finds what it must on hand-made pages, stays quiet on a clean issue, and the CLI exits 1 on errors."""

from __future__ import annotations

import argparse
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import segno
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from PIL import Image

from app.cli import preflight as preflight_cli
from app.model import Article, Frame, Issue, Page, Publication
from app.model.document import IssueDoc
from app.preflight.findings import PreflightFinding
from app.preflight.qr import MIN_MODULE_MM, module_size
from app.preflight.run import ImageInfo, image_info_from_bytes, preflight
from layouts.color import BLACK, CMYK, RED, WHITE
from layouts.display import (
    Box,
    ComposedPage,
    Finding,
    FontSource,
    FrameInfo,
    GlyphRun,
    ImageItem,
    QRItem,
)
from layouts.units import mm, to_mm

FONTS = Path(__file__).resolve().parents[1] / "fonts"
SONG = FontSource("song", str(FONTS / "BanmianTestSerifSC-Regular.ttf"), 0, "Banmian Test Serif SC")
# CFF outlines, as fonts-noto-cjk installs them: converted for the PDF, so embeddable.
CFF = FontSource("sans", str(FONTS / "BanmianTestSerifSC-CFF.otf"), 0, "Banmian Test Serif SC CFF")
W, H = mm(275), mm(390)


def glyphs(owner: str, text: str, *, size: float = 9, font: str = "song", color=BLACK) -> GlyphRun:
    return GlyphRun(
        owner, font, size, 100, text, tuple(60.0 + size * i for i in range(len(text))), color
    )


class Issue4:
    """A small issue built by hand: pages, frames and composed pages kept in step."""

    def __init__(self, pages: int = 4, colour_pages: frozenset[int] = frozenset({1})) -> None:
        self.pub = Publication(
            "石景山报", sponsor="中共石景山区委宣传部主办", permit="京内资准字2003-L0007"
        )
        self.issue = Issue(date(2019, 4, 25), 30, 1809, page_count=pages, colour_pages=colour_pages)
        self.pages = [Page(n, "要闻" if n == 1 else "综合", id=n) for n in range(1, pages + 1)]
        self.frames: dict[int, list[Frame]] = {p.id: [] for p in self.pages}
        self.articles = {1: Article("区政府召开推进会", ["正文。"], id=1)}
        self.items: dict[int, list] = {n: [] for n in range(1, pages + 1)}
        self.infos: dict[int, list[FrameInfo]] = {n: [] for n in range(1, pages + 1)}
        self.findings: dict[int, list[Finding]] = {n: [] for n in range(1, pages + 1)}
        self.fonts: tuple[FontSource, ...] = (SONG, CFF)
        self.next_id = 100
        self.frame(
            1, "masthead", name="masthead", items=[glyphs("", "石景山报", size=42, color=RED)]
        )

    def frame(
        self, page: int, kind: str, *, name: str = "", items=(), article_id=None, **props
    ) -> str:
        self.next_id += 1
        f = Frame(
            kind,
            60,
            60,
            200,
            200,
            page_id=page,
            article_id=article_id,
            props=props,
            name=name,
            id=self.next_id,
        )
        self.frames[page].append(f)
        owner = f"frame-{f.id}"
        self.items[page].extend(replace(i, owner=owner) for i in items)
        self.infos[page].append(FrameInfo(owner, kind, f.x, f.y, f.w, f.h))
        return owner

    def doc(self) -> IssueDoc:
        return IssueDoc(self.pub, self.issue, self.pages, self.articles, self.frames)

    def composed(self) -> list[ComposedPage]:
        return [
            ComposedPage(
                p.number,
                W,
                H,
                tuple(self.items[p.number]),
                tuple(self.infos[p.number]),
                tuple(self.findings[p.number]),
                fonts=self.fonts,
                black_only=self.issue.is_black_only(p.number),
            )
            for p in self.pages
        ]

    def check(self, **kwargs) -> list[PreflightFinding]:
        # Hand-made pages are not made up (stacked frames, empty pages): the page make-up
        # checks are tested on real pages in test_preflight_pages.py.
        return preflight(self.doc(), self.composed(), **{"makeup": False, **kwargs})


def codes(findings: list[PreflightFinding]) -> list[tuple[str, str, int | None]]:
    return [(f.severity, f.code, f.page) for f in findings]


def test_a_clean_issue_has_no_findings() -> None:
    issue = Issue4()
    issue.frame(2, "article", name="lead", article_id=1, items=[glyphs("", "区政府召开推进会。")])
    issue.frame(1, "qr", name="qr", items=[QRItem("", "http://www.sjs.gov.cn", 400, 60, mm(30))])
    assert issue.check() == []


def test_overset_from_the_composer_and_from_the_frame_record() -> None:
    issue = Issue4()
    owner = issue.frame(2, "article", name="lead", article_id=1, items=[glyphs("", "正文")])
    issue.findings[2].append(Finding("overset", owner, "超120字 / overset 120 characters", 120))
    other = issue.frame(3, "article", name="side", article_id=1, items=[glyphs("", "正文")])
    issue.infos[3][-1] = FrameInfo(other, "article", 0, 0, 10, 10, overset=7)
    found = issue.check()
    # The story's last frame (page 3) is where it is cut: one story_cut row says so.
    assert codes(found) == [("error", "overset", 2), ("error", "story_cut", 3)]
    assert (
        found[0].frame == owner
        and "lead" in found[0].frame_name
        and "区政府" in found[0].frame_name
    )
    assert "超7字" in found[1].message and found[1].fix


def test_characters_the_face_lacks() -> None:
    issue = Issue4()
    owner = issue.frame(2, "article", article_id=1, items=[glyphs("", "版\U0001f600面\u2028")])
    (f,) = issue.check()
    assert (f.severity, f.code, f.page, f.frame) == ("error", "missing_glyph", 2, owner)
    assert "U+1F600" in f.message and "U+2028" not in f.message  # whitespace is not ink


def variable_font(path: Path) -> FontSource:
    """A CFF2 face (the outlines of variable fonts): no converter makes TrueType of it."""
    names = [".notdef", "zheng", "wen"]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord("正"): "zheng", ord("文"): "wen"})
    outlines = {}
    for name in names:
        pen = T2CharStringPen(None, None, CFF2=True)
        pen.moveTo((100, 100))
        pen.lineTo((900, 100))
        pen.lineTo((900, 900))
        pen.closePath()
        outlines[name] = pen.getCharString()
    fb.setupCFF2(outlines)
    fb.setupHorizontalMetrics({name: (1000, 100) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Variable Test", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return FontSource("var", str(path), 0, "Variable Test")


def test_fonts_that_cannot_be_embedded(tmp_path: Path) -> None:
    issue = Issue4()
    issue.fonts = (SONG, CFF, variable_font(tmp_path / "variable.otf"))
    issue.frame(2, "article", article_id=1, items=[glyphs("", "正文", font="var")])
    issue.frame(3, "article", article_id=1, items=[glyphs("", "正文", font="var")])
    issue.frame(4, "article", article_id=1, items=[glyphs("", "正文", font="nope")])
    issue.frame(1, "article", article_id=1, items=[glyphs("", "正文", font="sans")])
    found = issue.check()
    embed = [f for f in found if f.code == "font_not_embeddable"]
    assert len(embed) == 1 and embed[0].page == 2 and "2、3" in embed[0].message
    assert "postscript outlines" in embed[0].message.lower()  # CFF2: ReportLab refuses it
    assert [f.page for f in found if f.code == "font_unknown"] == [4]
    # A CFF face (Noto CJK as installed) is no problem: the PDF embeds its conversion.
    assert not [f for f in found if f.page == 1 and f.code.startswith(("font", "missing"))]


def licensed_font(folder: Path, bits: int, key: str = "song") -> FontSource:
    """The shipped test font with its OS/2 fsType (embedding licence bits) set to `bits`."""
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / "BanmianTestSerifSC-Regular.ttf")
    font["OS/2"].fsType = bits
    path = folder / f"licence-{bits:04x}.ttf"
    font.save(path)
    return FontSource(key, str(path), 0, f"Licence {bits:04x}")


@pytest.mark.parametrize(
    ("bits", "severity", "code"),
    [
        (0x0000, None, None),  # installable
        (0x0002, "error", "font_licence_restricted"),
        (0x0004, "warning", "font_licence_note"),  # preview & print
        (0x0008, "warning", "font_licence_note"),  # editable
        (0x0006, "warning", "font_licence_note"),  # the least restrictive bit counts
        (0x0104, "error", "font_licence_restricted"),  # no subsetting: the PDF embeds subsets
        (0x0200, "error", "font_licence_restricted"),  # bitmaps only: no outlines
    ],
)
def test_a_face_whose_licence_forbids_embedding(
    tmp_path: Path, bits: int, severity: str | None, code: str | None
) -> None:
    issue = Issue4()
    issue.fonts = (licensed_font(tmp_path, bits), CFF)
    issue.frame(2, "article", article_id=1, items=[glyphs("", "区政府召开推进会")])
    issue.frame(3, "article", article_id=1, items=[glyphs("", "区政府召开推进会")])
    found = [f for f in issue.check() if f.code.startswith("font")]
    if severity is None:
        assert found == []
        return
    (f,) = found
    assert (f.severity, f.code, f.page) == (severity, code, 1)  # the masthead's face too
    assert "1、2、3" in f.message and f"licence-{bits:04x}.ttf" in f.message


def test_colour_on_a_black_only_page_is_an_error_on_a_colour_page_it_is_not() -> None:
    issue = Issue4(colour_pages=frozenset({1, 4}))
    tint = CMYK(0.2, 0, 0, 0)
    bad = issue.frame(2, "box", items=[Box("", 10, 10, 50, 50, stroke=BLACK, fill=tint)])
    issue.frame(4, "box", items=[Box("", 10, 10, 50, 50, stroke=BLACK, fill=tint)])
    issue.frame(3, "box", items=[Box("", 10, 10, 50, 50, stroke=BLACK, fill=CMYK(0, 0, 0, 0.3))])
    (f,) = issue.check()
    assert (f.code, f.page, f.frame) == ("colour_on_black_page", 2, bad)
    assert "C20%" in f.message


def test_small_colour_type_reversed_type_and_total_ink_are_warnings() -> None:
    issue = Issue4()
    issue.frame(1, "text", items=[glyphs("", "红色小字", size=14, color=RED)])
    issue.frame(1, "text", items=[glyphs("", "红色大字", size=24, color=RED)])
    issue.frame(1, "text", items=[glyphs("", "反白小字", size=8, color=WHITE)])
    issue.frame(1, "box", items=[Box("", 0, 0, 9, 9, stroke=None, fill=CMYK(0.8, 0.8, 0.8, 0.8))])
    found = issue.check()
    assert sorted(codes(found)) == [
        ("warning", "colour_type_small", 1),
        ("warning", "reversed_type_small", 1),
        ("warning", "total_ink", 1),
    ]


def png(mode: str, size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size).save(buf, format="PNG")
    return buf.getvalue()


def test_image_resolution_colour_mode_and_missing_assets() -> None:
    # A 72 × 72 pt (1 inch) slot: pixels across = ppi.
    issue = Issue4(colour_pages=frozenset({1}))
    assets = {
        "sharp": ImageInfo(200, 200, "CMYK"),
        "soft": ImageInfo(150, 300, "L"),  # ppi is the smaller direction
        "blurred": ImageInfo(100, 100, "CMYK"),
        "rgb": ImageInfo(400, 400, "RGB"),
        "lineart": ImageInfo(300, 300, "1"),
    }
    owners = {
        name: issue.frame(1, "image", items=[ImageItem("", name, 0, 0, 72, 72)], asset=name)
        for name in [*assets, "gone"]
    }
    colour_on_black = issue.frame(
        2, "image", items=[ImageItem("", "rgb", 0, 0, 36, 36)], asset="rgb"
    )
    found = issue.check(image_info=assets.get)
    by_frame = {(f.frame, f.code): f for f in found}
    assert not [f for f in found if f.frame == owners["sharp"]]
    assert by_frame[(owners["soft"], "image_ppi")].severity == "warning"
    assert "150 ppi" in by_frame[(owners["soft"], "image_ppi")].message
    assert by_frame[(owners["blurred"], "image_ppi")].severity == "error"
    assert "170×170" in by_frame[(owners["blurred"], "image_ppi")].fix
    assert by_frame[(owners["rgb"], "rgb_image")].severity == "warning"
    assert by_frame[(owners["lineart"], "image_ppi")].severity == "warning"  # 1-bit wants 600
    assert by_frame[(owners["gone"], "image_missing")].severity == "error"
    assert (colour_on_black, "colour_image_on_black_page") in by_frame
    unchecked = issue.check()
    assert {f.code for f in unchecked} == {"image_unchecked"}


def test_image_info_reads_the_header() -> None:
    assert image_info_from_bytes(png("RGB", (31, 17))) == ImageInfo(31, 17, "RGB")


def test_qr_module_under_half_a_millimetre() -> None:
    payload = "http://www.sjs.gov.cn/news/2019/04/25/1809.html"
    modules = segno.make(payload, error="m", boost_error=False).symbol_size(border=0)[0]
    fits = mm(MIN_MODULE_MM) * (modules + 8)  # the smallest slot that keeps 0.5 mm modules
    issue = Issue4()
    small = issue.frame(1, "qr", items=[QRItem("", payload, 300, 60, fits * 0.95)])
    issue.frame(1, "qr", items=[QRItem("", payload, 60, 400, fits * 1.01)])
    (f,) = issue.check()
    assert (f.severity, f.code, f.frame) == ("error", "qr_module_size", small)
    assert f"{to_mm(fits):.1f} mm" in f.fix
    assert to_mm(module_size(QRItem("", payload, 0, 0, fits))) == pytest.approx(MIN_MODULE_MM)


def test_qr_modules_are_counted_as_the_renderers_paint_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One QR geometry (layouts/qr.py): should it draw a larger symbol than segno's bare
    count, preflight sizes that symbol's modules, not a count of its own."""
    from app.export.qrcache import item_modules
    from layouts import qr as geometry

    payload = "http://www.sjs.gov.cn"
    real = len(geometry.qr_rows(payload, "M"))
    drawn = [bytes([(r + c) % 2 for c in range(real + 4)]) for r in range(real + 4)]
    monkeypatch.setattr(geometry, "qr_rows", lambda payload, error="M", cache_dir=None: drawn)
    # 0.5 mm modules for the bare count, under 0.5 mm for the symbol as painted
    size = mm(MIN_MODULE_MM) * (real + 8) * 1.02
    item = QRItem("", payload, 300, 60, size)
    assert module_size(item) == pytest.approx(item_modules(item).module)
    assert module_size(item) == pytest.approx(size / (real + 4 + 8))
    issue = Issue4()
    issue.frame(1, "qr", items=[item])
    (f,) = issue.check(decode_qr=False)
    assert f.code == "qr_module_size" and f"{real + 4}×{real + 4}" in f.message


def test_qr_covered_by_later_ink_and_tint_behind_it() -> None:
    issue = Issue4()
    issue.frame(1, "box", items=[Box("", 50, 50, 300, 300, stroke=None, fill=CMYK(0, 0, 0, 0.1))])
    qr = issue.frame(1, "qr", items=[QRItem("", "http://www.sjs.gov.cn", 60, 60, mm(40))])
    issue.frame(1, "text", items=[glyphs("", "压住二维码", size=12)])  # baseline y 100, inside
    found = {f.code: f for f in issue.check()}
    assert found["qr_covered"].severity == "error" and found["qr_covered"].frame == qr
    assert found["qr_background"].severity == "warning"


def test_qr_that_does_not_decode(monkeypatch: pytest.MonkeyPatch) -> None:
    """The decode check renders through the real renderer: a wrong drawing is caught."""
    from app.export import pdf as renderer
    from app.export.shapes import draw_qr

    def draw_wrong(canvas, paint, g, item):  # the renderer's signature
        draw_qr(
            canvas, paint, g, QRItem(item.owner, "http://example.com", item.x, item.y, item.size)
        )

    issue = Issue4()
    issue.frame(1, "qr", items=[QRItem("", "http://www.sjs.gov.cn", 300, 60, mm(30))])
    assert issue.check() == []
    monkeypatch.setattr(renderer, "draw_qr", draw_wrong)
    (f,) = issue.check()
    assert (f.severity, f.code) == ("error", "qr_unreadable") and "example.com" in f.message
    assert issue.check(decode_qr=False) == []


def test_empty_frames() -> None:
    issue = Issue4()
    text = issue.frame(2, "article", article_id=1)
    image = issue.frame(3, "image")
    found = issue.check()
    assert sorted((f.code, f.frame) for f in found) == [
        ("empty_frame", text),
        ("empty_frame", image),
    ]
    assert all(f.severity == "warning" for f in found)


def test_page_count_multiple_of_four_and_the_masthead_count() -> None:
    issue = Issue4(pages=6)
    assert codes(issue.check()) == [("error", "page_count", None)]
    assert "8" in issue.check()[0].fix and "4" in issue.check()[0].fix
    issue.issue.page_count = 8  # the masthead would say 本期8版
    assert {f.code for f in issue.check()} == {"page_count", "page_count_mismatch"}


def test_masthead_fields_and_the_masthead_itself() -> None:
    issue = Issue4()
    issue.pub.sponsor = " "
    issue.pub.permit = ""
    found = issue.check()
    assert [f.code for f in found] == ["masthead_field", "masthead_field"]
    assert all(f.page == 1 and f.severity == "error" for f in found)
    assert {f.frame_name for f in found} == {"masthead"}
    issue = Issue4()
    issue.frames[1].clear()
    assert [f.code for f in issue.check()] == ["masthead_missing"]


def test_errors_come_before_warnings() -> None:
    issue = Issue4()
    issue.frame(2, "article", article_id=1)  # warning on page 2
    issue.findings[3].append(Finding("overset", "x", "超1字", 1))  # error on page 3
    assert [f.severity for f in issue.check()] == ["error", "warning"]


def cli(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    preflight_cli.add_parser(ap.add_subparsers(dest="command"))
    return ap.parse_args(argv)


def test_cli_on_the_sample_issue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("layouts.paragraph")
    from app.services import create_sample_library

    db = tmp_path / "s.banmian"
    create_sample_library(db).close()
    code = preflight_cli.run(cli(["preflight", "--db", str(db), "--json"]))
    report = json.loads(capsys.readouterr().out)
    assert report["issue"] == 1809 and report["pages"] == 8
    assert report["errors"] + report["warnings"] == len(report["findings"])
    assert code == (1 if report["errors"] else 0)
    # the sample is what a new user exports first: it must be fit for the press
    assert report["errors"] == 0, [f for f in report["findings"] if f["severity"] == "error"]

    from app.services import open_library

    with open_library(db) as lib:
        pub = lib.publication()
        pub.permit = ""
        lib.save_publication(pub)
    assert preflight_cli.run(cli(["preflight", "--db", str(db), "--issue", "1809"])) == 1
    out = capsys.readouterr().out
    assert "masthead_field" in out and "1个错误" in out and "→" in out
