"""PDF export facts, checked with tools that did not write the file (pikepdf, pypdfium2, zxing-cpp)."""

from __future__ import annotations

import ctypes
import io
import random
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import segno
import zxingcpp
from PIL import Image

from app.export import PageGeometry, export_pdf
from app.export.fonts import load_font
from app.export.images import to_cmyk
from layouts.color import BLACK, CMYK, RED
from layouts.display import Box, ComposedPage, FontSource, GlyphRun, ImageItem, QRItem, Rule
from layouts.fonts.metrics import Face

SONG = FontSource("song", "/usr/share/fonts/truetype/arphic/uming.ttc", 0, "AR PL UMing CN")
HEI = FontSource("hei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei")
FONTS = (SONG, HEI)

pytestmark = pytest.mark.skipif(
    not all(Path(f.path).exists() for f in FONTS), reason="Debian CJK TrueType fonts not installed"
)

BASE14 = {
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman",
    "Times-Bold", "Times-Italic", "Times-BoldItalic", "Courier", "Courier-Bold",
    "Courier-Oblique", "Courier-BoldOblique", "Symbol", "ZapfDingbats",
}  # fmt: skip
COLOUR_OPS = {"k", "K", "rg", "RG", "g", "G", "sc", "SC", "scn", "SCN", "cs", "CS"}


def set_run(
    owner: str,
    font: str,
    size: float,
    y: float,
    text: str,
    x: float,
    seed: int,
    color: CMYK = BLACK,
) -> GlyphRun:
    """A run whose characters sit at irregular positions (justification, tracking, squeezes)."""
    rng = random.Random(seed)
    face = Face(font, (SONG if font == "song" else HEI).path)
    xs = []
    for ch in text:
        xs.append(x)
        x += face.advance(ch) * size + rng.uniform(-0.2, 0.6) * size / 10
    return GlyphRun(owner, font, size, y, text, tuple(xs), color)


def hanzi(font: FontSource, count: int) -> str:
    """`count` distinct ideographs the font has (more than 256 forces a subset change mid-run)."""
    face = Face(font.key, font.path, font.index)
    return "".join(chr(c) for c in range(0x4E00, 0x9FA6) if face.has(chr(c)))[:count]


def sample_page(**extra: object) -> ComposedPage:
    items = (
        set_run("body", "song", 9, 100, "中文排版，测试“引号”。Banmian 版面", 40, 1),
        set_run("head", "hei", 42, 170, "头版头条", 40, 2, RED),
        set_run("body", "song", 10.5, 200, hanzi(SONG, 40), 40, 3),
        Rule("body", 40, 220, 400, 220, 1.0),
        Box("side", 300, 250, 200, 100, stroke=BLACK, fill=None, stroke_width=1.0),
        Box("side", 300, 400, 100, 50, stroke=None, fill=RED),
        QRItem("qr", "https://example.com/第1版", 40, 250, 120),
    )
    return ComposedPage(1, 595.0, 842.0, items, fonts=FONTS, **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    export_pdf([sample_page()], str(out), title="测试版", author="值班编辑")
    return out


def content_ops(pdf: pikepdf.Pdf, page: int = 0) -> list[tuple[list, str]]:
    return [(list(ops), str(op)) for ops, op in pikepdf.parse_content_stream(pdf.pages[page])]


def char_origins(path: Path, page: int = 0) -> list[tuple[str, float, float]]:
    """(character, origin x, origin y) of every real (not generated) character, y up."""
    doc = pdfium.PdfDocument(str(path))
    text = doc[page].get_textpage()
    out = []
    for i in range(text.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(text.raw, i):
            continue
        x, y = ctypes.c_double(), ctypes.c_double()
        assert pdfium_c.FPDFText_GetCharOrigin(text.raw, i, x, y)
        out.append((chr(pdfium_c.FPDFText_GetUnicode(text.raw, i)), x.value, y.value))
    return out


def render(path: Path, scale: float, page: int = 0) -> Image.Image:
    doc = pdfium.PdfDocument(str(path))
    return doc[page].render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")


def test_every_font_embedded_and_no_base14(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        fonts = [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"
        ]
        assert len(fonts) >= 2  # one subset per face at least
        for font in fonts:
            base = str(font.BaseFont)
            assert base.lstrip("/").split("+")[-1] not in BASE14
            assert "/FontFile2" in font.FontDescriptor, base
            assert "/ToUnicode" in font
            assert len(base.lstrip("/").split("+")[0]) == 6  # subset tag: a subset, not the face
        names = {str(f.BaseFont).split("+")[-1] for f in fonts}
        assert names == {"UMingCN-0", "WenQuanYiZenHei-0"}  # face 0 of each .ttc


def test_page_without_text_references_no_font(tmp_path: Path) -> None:
    page = ComposedPage(1, 200, 200, (Rule("r", 10, 10, 190, 10),), fonts=FONTS)
    out = tmp_path / "rule.pdf"
    export_pdf([page], str(out))
    with pikepdf.open(out) as pdf:
        assert not [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"
        ]
        assert all(op not in ("Tf", "Tj", "TJ") for _, op in content_ops(pdf))


def test_colour_is_cmyk_only(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        used = {op for _, op in content_ops(pdf) if op in COLOUR_OPS}
        assert used == {"k", "K"}
        assert "/ColorSpace" not in pdf.pages[0].Resources


def graphics_states(pdf: pikepdf.Pdf) -> list[tuple[str, dict[str, object]]]:
    """At each painting operator (TJ, f/f*, S), the fill or stroke colour and overprint in effect."""
    gs_dicts = pdf.pages[0].Resources.get("/ExtGState", {})
    state: dict[str, object] = {"OP": False, "op": False, "OPM": 0}
    out = []
    for operands, op in content_ops(pdf):
        if op == "gs":
            for key, value in gs_dicts[operands[0]].items():
                state[key.lstrip("/")] = value if isinstance(value, bool) else int(value)
                if key == "/OP" and "/op" not in gs_dicts[operands[0]]:
                    state["op"] = bool(value)  # PDF 32000-1, Table 58
        elif op in ("k", "K"):
            state[op] = tuple(round(float(v), 4) for v in operands)
        elif op in ("TJ", "f", "f*", "S"):
            out.append((op.rstrip("*"), dict(state)))
    return out


def test_black_text_and_rules_overprint_colour_knocks_out(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        states = graphics_states(pdf)
    texts = [s for op, s in states if op == "TJ"]
    black = [s for s in texts if s["k"] == (0, 0, 0, 1)]
    red = [s for s in texts if s["k"] == (0, 1, 1, 0)]
    assert black and red
    assert all(s["op"] is True and s["OPM"] == 1 for s in black)
    assert all(s["op"] is False for s in red)
    strokes = [s for op, s in states if op == "S"]
    assert strokes and all(s["K"] == (0, 0, 0, 1) and s["OP"] is True for s in strokes)
    fills = [s for op, s in states if op == "f"]  # the red box and the QR modules knock out
    assert {s["k"] for s in fills} == {(0, 1, 1, 0), (0, 0, 0, 1)}
    assert all(s["op"] is False for s in fills)


def test_text_extracts_as_written(sample_pdf: Path) -> None:
    doc = pdfium.PdfDocument(str(sample_pdf))
    extracted = doc[0].get_textpage().get_text_range()
    expected = sample_page().text()
    assert "".join(extracted.split()) == "".join(expected.split())


def test_glyph_origins_land_on_listed_xs(tmp_path: Path) -> None:
    runs = (
        set_run("a", "song", 9, 60, hanzi(SONG, 300), 20, 4),  # two subsets inside one run
        set_run("b", "hei", 42, 140, "要闻·综合（第2版）", 20, 5, RED),
        set_run("c", "hei", 7.5, 180, "Qr 码 2025 年", 20, 6),
    )
    page = ComposedPage(1, 3200.0, 400.0, runs, fonts=FONTS)
    out = tmp_path / "xs.pdf"
    export_pdf([page], str(out))
    got = [(ch, x, y) for ch, x, y in char_origins(out) if not ch.isspace()]
    want = [
        (ch, x, 400.0 - r.y)
        for r in runs
        for ch, x in zip(r.text, r.xs, strict=True)
        if not ch.isspace()
    ]
    assert [c for c, _, _ in got] == [c for c, _, _ in want]
    worst = max(abs(gx - wx) for (_, gx, _), (_, wx, _) in zip(got, want, strict=True))
    assert worst < 0.01
    assert all(abs(gy - wy) < 0.01 for (_, _, gy), (_, _, wy) in zip(got, want, strict=True))


def test_widths_are_whole_and_match_the_font_program(sample_pdf: Path) -> None:
    """Integer /Widths read alike everywhere (pdfium truncates fractions) and stay within the
    1/1000 em tolerance of the embedded hmtx."""
    faces = {"UMingCN-0": Face("song", SONG.path), "WenQuanYiZenHei-0": Face("hei", HEI.path)}
    checked = 0
    with pikepdf.open(sample_pdf) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            face = faces[str(font.BaseFont).split("+")[-1]]
            cmap = font.ToUnicode.read_bytes().decode()
            for code, uni in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", cmap):
                ch = chr(int(uni, 16))
                if not face.has(ch):
                    continue
                width = font.Widths[int(code, 16) - int(font.FirstChar)]
                assert float(width) == int(width)
                assert abs(float(width) - face.advance(ch) * 1000) <= 0.5
                checked += 1
    assert checked > 50


def test_glyphs_written_as_tj_arrays_not_one_call_per_character(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        ops = [op for _, op in content_ops(pdf)]
    assert ops.count("TJ") <= 6  # three runs; a subset switch may split one
    assert "Tj" not in ops


def test_missing_glyph_is_left_out_not_drawn_as_box(tmp_path: Path) -> None:
    missing = "\U0001f600"  # not in UMing
    assert missing not in "".join(chr(c) for c in load_font(SONG).face.charToGlyph)
    run = GlyphRun("a", "song", 12, 50, f"版{missing}面", (10.0, 22.0, 34.0))
    out = tmp_path / "missing.pdf"
    export_pdf([ComposedPage(1, 100, 100, (run,), fonts=FONTS)], str(out))
    assert [(c, round(x, 3)) for c, x, _ in char_origins(out)] == [("版", 10.0), ("面", 34.0)]


def test_qr_decodes_and_sits_in_its_slot(sample_pdf: Path) -> None:
    scale = 4.0
    image = render(sample_pdf, scale)
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == ["https://example.com/第1版"]
    qr = sample_page().items[-1]
    assert isinstance(qr, QRItem)
    width, _ = segno.make(qr.payload, error="m", boost_error=False).symbol_size(border=4)
    module = qr.size / width  # the slot holds the symbol and its 4-module quiet zone
    corner = results[0].position.top_left
    assert abs(corner.x / scale - (qr.x + 4 * module)) < module
    assert abs(corner.y / scale - (qr.y + 4 * module)) < module


def test_rule_and_boxes_are_drawn_where_listed(sample_pdf: Path) -> None:
    scale = 2.0
    grey = render(sample_pdf, scale).convert("L")

    def ink(x: float, y: float) -> int:
        return 255 - grey.getpixel((round(x * scale), round(y * scale)))

    assert ink(200, 220) > 150 and ink(200, 224) < 10  # the 1 pt rule, and paper below it
    assert ink(300, 300) > 150 and ink(400, 250) > 150  # box edges
    assert ink(400, 300) < 10  # inside the unfilled box
    r, g, b = render(sample_pdf, scale).getpixel((round(350 * scale), round(425 * scale)))
    assert r > 200 and g < 80 and b < 80  # the red-filled box


def png_bytes(mode: str, size: tuple[int, int], color: object) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, format="PNG")  # type: ignore[arg-type]
    return buf.getvalue()


def test_images_placed_in_cmyk(tmp_path: Path) -> None:
    assets = {"photo": png_bytes("RGBA", (40, 20), (200, 30, 30, 255))}
    page = ComposedPage(1, 300, 300, (ImageItem("pic", "photo", 50, 60, 120, 60),), fonts=FONTS)
    out = tmp_path / "image.pdf"
    export_pdf([page], str(out), image_loader=assets.__getitem__)
    with pikepdf.open(out) as pdf:
        (xobj,) = pdf.pages[0].Resources.XObject.values()
        assert xobj.ColorSpace == "/DeviceCMYK" and (int(xobj.Width), int(xobj.Height)) == (40, 20)
        ops = content_ops(pdf)
        do = next(i for i, (_, op) in enumerate(ops) if op == "Do")
        cm = [float(v) for v in ops[do - 1][0]]
    # 120 × 60 at x 50, bottom edge 300 − (60 + 60) in PDF space
    assert cm == pytest.approx([120, 0, 0, 60, 50, 180])


def test_image_without_loader_is_an_error(tmp_path: Path) -> None:
    page = ComposedPage(1, 100, 100, (ImageItem("pic", "abc", 0, 0, 10, 10),))
    with pytest.raises(ValueError, match="image_loader"):
        export_pdf([page], str(tmp_path / "x.pdf"))


def test_cmyk_conversion_puts_neutrals_on_black_only() -> None:
    assert to_cmyk(png_bytes("RGB", (1, 1), (255, 0, 0))).getpixel((0, 0)) == (0, 255, 255, 0)
    assert to_cmyk(png_bytes("RGB", (1, 1), (64, 64, 64))).getpixel((0, 0)) == (0, 0, 0, 191)
    assert to_cmyk(png_bytes("L", (1, 1), 0)).getpixel((0, 0)) == (0, 0, 0, 255)
    assert to_cmyk(png_bytes("RGBA", (1, 1), (0, 0, 0, 0))).getpixel((0, 0)) == (0, 0, 0, 0)
    c, m, y, k = to_cmyk(png_bytes("RGB", (1, 1), (10, 20, 240))).getpixel((0, 0))
    assert min(c, m, y) == 0 and c + m + y + k <= 2 * 255  # full GCR keeps total ink ≤ 200 %
    assert to_cmyk(png_bytes("RGB", (1, 1), (200, 30, 30)), black_only=True).getpixel((0, 0))[
        :3
    ] == (0, 0, 0)


def test_same_pages_give_identical_bytes(tmp_path: Path) -> None:
    assets = {"photo": png_bytes("RGB", (8, 8), (10, 120, 200))}
    page = ComposedPage(
        1,
        595,
        842,
        sample_page().items + (ImageItem("pic", "photo", 300, 500, 80, 80),),
        fonts=FONTS,
    )
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        export_pdf([page, sample_page()], str(out), title="版面", image_loader=assets.__getitem__)
    assert a.read_bytes() == b.read_bytes()
    changed = tmp_path / "c.pdf"
    export_pdf([page, sample_page()], str(changed), title="版面 2", image_loader=assets.__getitem__)
    assert changed.read_bytes() != a.read_bytes()


def test_pages_keep_their_own_sizes_and_document_info(tmp_path: Path) -> None:
    small = ComposedPage(2, 200, 300, (Rule("r", 0, 0, 10, 0),))
    out = tmp_path / "two.pdf"
    export_pdf([sample_page(), small], str(out), title="第1期", author="编辑部")
    with pikepdf.open(out) as pdf:
        assert [list(map(float, p.MediaBox)) for p in pdf.pages] == [
            [0, 0, 595, 842],
            [0, 0, 200, 300],
        ]
        assert [list(map(float, p.TrimBox)) for p in pdf.pages] == [
            [0, 0, 595, 842],
            [0, 0, 200, 300],
        ]
        assert str(pdf.docinfo.Title) == "第1期" and str(pdf.docinfo.Author) == "编辑部"


def test_font_loaded_once_per_file_and_face() -> None:
    assert load_font(SONG) is load_font(FontSource("other-key", SONG.path, 0))
    assert load_font(SONG) is not load_font(HEI)


def test_geometry_maps_trim_coordinates_into_bleed_and_slug() -> None:
    g = PageGeometry(100, 200, bleed=9, slug=20)
    assert g.media_box == (0, 0, 158, 258)
    assert g.trim_box == (29, 29, 129, 229)
    assert g.bleed_box == (20, 20, 138, 238)
    assert (g.x(0), g.y(0)) == (29, 229)  # trim top-left
    assert (g.x(100), g.y(200)) == (129, 29)  # trim bottom-right
    with pytest.raises(ValueError):
        PageGeometry(100, 200, bleed=-1)


def _reference_glyph_ops(run: GlyphRun, font, doc, geometry: PageGeometry) -> str:
    """The TJ writer as first written, one glyph at a time: the oracle for the faster one."""
    from reportlab.lib.rl_accel import escapePDF

    from app.export.text import num

    face = font.face
    kept = [(ch, x) for ch, x in zip(run.text, run.xs, strict=True) if ord(ch) in face.charToGlyph]
    if not kept:
        return ""
    codes = [
        (subset, byte)
        for subset, chunk in font.splitString("".join(ch for ch, _ in kept), doc)
        for byte in chunk
    ]
    size_text = num(run.size)
    per_unit = float(size_text) / 1000.0
    offset = geometry.x(0.0)
    x0 = num(offset + kept[0][1])
    ops = ["BT", f"1 0 0 1 {x0} {num(geometry.y(run.y))} Tm"]
    pen, subset, elements, glyphs = float(x0), None, [], bytearray()

    def end_string() -> None:
        if glyphs:
            elements.append(f"({escapePDF(bytes(glyphs))})")
            glyphs.clear()

    def end_array() -> None:
        end_string()
        if elements:
            ops.append(f"[{' '.join(elements)}] TJ")
            elements.clear()

    for (ch, x), (sub, code) in zip(kept, codes, strict=True):
        if sub != subset:
            end_array()
            ops.append(f"{font.getSubsetInternalName(sub, doc)} {size_text} Tf")
            subset = sub
        adjust = num((pen - (offset + x)) / per_unit, 3)
        if adjust != "0":
            end_string()
            elements.append(adjust)
            pen -= float(adjust) * per_unit
        glyphs.append(code)
        point = 32 if ord(ch) == 0xA0 else ord(ch)
        pen += face.charWidths.get(point, face.defaultWidth) * per_unit
    end_array()
    ops.append("ET")
    return "\n".join(ops)


def test_tj_writer_matches_the_one_glyph_at_a_time_oracle() -> None:
    """Random runs: gaps of zero, of exactly the rounding edge (±0.0005/1000 em) and larger,
    NBSP, characters the face lacks, parentheses and backslashes (escaped), and more than 256
    distinct characters (a subset switch inside a run)."""
    from reportlab.pdfbase.pdfdoc import PDFDocument

    from app.export.text import glyph_run_ops

    font = load_font(SONG)
    face = Face("song", SONG.path)
    pool = hanzi(SONG, 400) + "（）()\\\u00a0 AZaz09，。“”\U0001f600"
    rng = random.Random(7)
    geometry = PageGeometry(595, 842, bleed=8.5, slug=0)
    for trial in range(60):
        size = rng.choice([7.5, 9, 10.5, 42, 9.123456])
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 300)))
        x, xs = rng.uniform(0, 50), []
        for ch in text:
            xs.append(x)
            # the gap after the advance, in 1/1000 em: none, the rounding edge, or spacing
            gap = rng.choice([0.0, 0.0, 0.0005, -0.0005, 0.0004999, rng.uniform(-200, 600)])
            x += face.advance(ch) * size + gap * size / 1000
        run = GlyphRun(f"r{trial}", "song", size, rng.uniform(0, 800), text, tuple(xs))
        doc_a, doc_b = PDFDocument(), PDFDocument()
        got = glyph_run_ops(run, font, doc_a, geometry)
        want = _reference_glyph_ops(run, font, doc_b, geometry)
        assert got == want, trial
