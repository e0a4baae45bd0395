"""The fast ReportLab face parser holds exactly what ReportLab's own parser holds, and subsets alike."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont as FontToolsFont
from fontTools.ttLib import newTable
from fontTools.ttLib.tables._c_m_a_p import cmap_format_6
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from app.export.fonts import _blank_font_bytes, load_font
from app.export.reportlab_compat import FastTTFont, FastTTFontFace
from app.export.ttface import HMetrics
from layouts.display import FontSource

ROOT = Path(__file__).resolve().parents[2]
TEST_FONT = ROOT / "tests" / "fonts" / "BanmianTestSerifSC-Regular.ttf"
SYSTEM = [
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),  # cmap format 4, 1024 units/em
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 1),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),  # format 12
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
]


def _snapshot(face: TTFontFace) -> dict:
    """Every attribute, with types and order (dicts as item lists), sequences as lists."""
    skip = {"_pos", "_pdfScale", "_cmap_entries", "_glyph_to_char"}
    out = {}
    for key, value in vars(face).items():
        if key in skip:
            continue
        if key == "_ttf_data":  # bytes as ReportLab reads them, a mapping of the file here
            value = hashlib.sha256(value).hexdigest()
        elif isinstance(value, dict):
            value = [(k, type(v).__name__, v) for k, v in value.items()]
        elif isinstance(value, list | tuple | HMetrics) and key in ("hmetrics", "glyphPos"):
            value = [(type(v).__name__, v) for v in value]
        out[key] = value
    out["glyphToChar"] = list(face.glyphToChar.items())
    out["scale(1234)"] = face._pdfScale(1234)
    return out


def _build(tmp_path: Path, name: str, *, upm: int, cmap: dict[int, str], advances: dict) -> Path:
    """A small TrueType font: one box glyph per name, with the given cmap and advances."""
    order = [".notdef", *sorted({*cmap.values(), *advances} - {".notdef"})]
    fb = FontBuilder(upm, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    glyphs = {}
    for i, glyph in enumerate(order):
        pen = TTGlyphPen(None)
        pen.moveTo((10, 0))
        pen.lineTo((10, 100 + i))
        pen.lineTo((200 + i, 100 + i))
        pen.closePath()
        glyphs[glyph] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({g: (advances.get(g, 500), 10) for g in order})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": name, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    path = tmp_path / f"{name}.ttf"
    fb.save(str(path))
    return path


def _assert_same(path: str | Path, index: int = 0) -> tuple[TTFontFace, FastTTFontFace]:
    stock = TTFontFace(str(path), subfontIndex=index)
    fast = FastTTFontFace(str(path), subfontIndex=index)
    assert _snapshot(fast) == _snapshot(stock)
    return stock, fast


def test_shipped_font(tmp_path: Path) -> None:
    stock, fast = _assert_same(TEST_FONT)
    chars = sorted(stock.charToGlyph)[::7]
    assert fast.makeSubset(chars[:200]) == stock.makeSubset(chars[:200])


@pytest.mark.parametrize(("path", "index"), SYSTEM, ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_system_fonts(path: str, index: int) -> None:
    if not os.path.exists(path):
        pytest.skip(f"not installed: {path}")
    stock, fast = _assert_same(path, index)
    chars = sorted(stock.charToGlyph)
    latin = [c for c in chars if c < 0x300][:255]  # UMing's accented letters are composites
    symbols = [c for c in chars if 0x2000 <= c < 0x2300][:255]  # so are WenQuanYi's
    for subset in (chars[100:355], chars[-255:], latin, symbols, [0x20, 0x4E2D, 0x3002]):
        assert fast.makeSubset(subset) == stock.makeSubset(subset)


def test_lsb_only_glyphs_shared_glyphs_and_odd_units(tmp_path: Path) -> None:
    """hmtx with a trailing run of equal advances (lsb-only entries, which ReportLab stores
    scaled), two characters on one glyph, NBSP without space, 2048 units per em."""
    cmap = {0xA0: "nbsp", 0x41: "A", 0x42: "B", 0x391: "A", 0x4E00: "yi", 0x4E01: "ding"}
    advances = {"A": 1229, "B": 1311, "nbsp": 512, "yi": 2048, "ding": 2048, "zz": 2048}
    path = _build(tmp_path, "Odd", upm=2048, cmap=cmap, advances=advances)
    font = FontToolsFont(str(path))
    assert font["hhea"].numberOfHMetrics < len(font.getGlyphOrder())  # lsb-only entries exist
    stock, fast = _assert_same(path)
    assert fast.charToGlyph[0x20] == fast.charToGlyph[0xA0]
    assert fast.makeSubset([0x41, 0x4E00, 0x4E01]) == stock.makeSubset([0x41, 0x4E00, 0x4E01])


def test_supplementary_characters_read_from_format_12(tmp_path: Path) -> None:
    cmap = {0x41: "A", 0x20000: "ext_b", 0x20001: "ext_b2", 0x1F600: "smile"}
    path = _build(tmp_path, "Supp", upm=1000, cmap=cmap, advances={"ext_b": 1000})
    formats = {t.format for t in FontToolsFont(str(path))["cmap"].tables}
    assert 12 in formats
    _, fast = _assert_same(path)
    assert fast.charToGlyph[0x20000] != 0


def test_other_cmap_formats_go_through_reportlab(tmp_path: Path) -> None:
    """A Mac-only format 6 cmap: the fast path hands over, the result is still ReportLab's."""
    path = _build(tmp_path, "Mac", upm=1000, cmap={0x41: "A", 0x42: "B"}, advances={})
    font = FontToolsFont(str(path))
    table = cmap_format_6(6)
    table.platformID, table.platEncID, table.language = 1, 0, 0
    table.cmap = {0x41: "A", 0x42: "B"}
    cmap = newTable("cmap")
    cmap.tableVersion = 0
    cmap.tables = [table]
    font["cmap"] = cmap
    font.save(str(path))
    _, fast = _assert_same(path)  # ReportLab's reading, quirks and all
    assert "_cmap_entries" not in vars(fast)  # read by ReportLab's parser, not the fast path


def test_font_object_set_up_like_reportlab_does() -> None:
    stock = TTFont("X", str(TEST_FONT))
    fast = FastTTFont("X", str(TEST_FONT))
    a, b = vars(stock), vars(fast)
    assert sorted(a) == sorted(b)
    for key in a:
        if key not in ("face", "encoding", "state"):
            assert a[key] == b[key], key
    assert type(b["state"]) is type(a["state"]) and b["encoding"].name == a["encoding"].name


def test_file_objects_are_read_as_reportlab_reads_them() -> None:
    with open(TEST_FONT, "rb") as fh:
        fast = FastTTFontFace(fh)
    assert isinstance(fast._ttf_data, bytes)
    assert _snapshot(fast) == _snapshot(TTFontFace(str(TEST_FONT)))


def test_hmetrics_sequence_behaves_like_a_list() -> None:
    seq = HMetrics((500, 1, 600, 2), 600.5, (7, 8))
    plain = [(500, 1), (600, 2), (600.5, 7), (600.5, 8)]
    assert list(seq) == plain and len(seq) == 4
    assert seq[-1] == plain[-1] and seq[1:3] == plain[1:3]
    with pytest.raises(IndexError):
        seq[4]


def test_blank_font_is_a_valid_two_glyph_truetype_font() -> None:
    font = FontToolsFont(io.BytesIO(_blank_font_bytes()))
    assert font.getGlyphOrder() == [".notdef", "space"]
    assert font.getBestCmap() == {0x20: "space"}
    assert font["head"].unitsPerEm == 1000
    assert font["hmtx"].metrics == {".notdef": (500, 50), "space": (250, 0)}
    glyf = font["glyf"]
    assert glyf[".notdef"].numberOfContours == 1 and glyf["space"].numberOfContours == 0
    face = TTFont("BlankCheck", io.BytesIO(_blank_font_bytes())).face
    assert face.charToGlyph[0x20] == 1 and face.name == b"BanmianBlank"


def test_exporting_does_not_import_fonttools() -> None:
    """Parsing fonts for the PDF and making the blank font need no fontTools (a slow import)."""
    code = (
        "import sys\n"
        "from app.export.issue import export_issue\n"
        "from app.export.fonts import blank_font_name, load_font\n"
        "from layouts.display import FontSource\n"
        "blank_font_name()\n"
        f"load_font(FontSource('song', {str(TEST_FONT)!r}, 0, 'x'))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('fontTools.ttLib', 'fontTools.subset',"
        " 'fontTools.pens', 'fontTools.fontBuilder'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert done.stdout.strip() == "[]"


def test_loaded_font_has_whole_widths_from_the_fast_face() -> None:
    font = load_font(FontSource("song", str(TEST_FONT), 0, "Banmian Test Serif SC"))
    assert isinstance(font.face, FastTTFontFace)
    stock = TTFontFace(str(TEST_FONT))
    assert font.face.charWidths.keys() == stock.charWidths.keys()
    assert all(font.face.charWidths[c] == round(w) for c, w in stock.charWidths.items())
