"""ReportLab's internals the renderer relies on, each pinned: a ReportLab that changes one fails here, by name.

Everything is checked against the PDF ReportLab itself writes (read back with pikepdf) or
against ReportLab's own code paths, so a test fails when ReportLab behaves differently, not
when it is merely written differently.
"""

from __future__ import annotations

import ast
import io
import re
import tomllib
from pathlib import Path

import pikepdf
import pytest
import reportlab
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from app.export import reportlab_compat as rl
from app.export.reportlab_compat import FastTTFont, FastTTFontFace

ROOT = Path(__file__).resolve().parents[2]
TEST_FONT = ROOT / "tests" / "fonts" / "BanmianTestSerifSC-Regular.ttf"
HAN = "版面排字中文报纸编辑校对印刷"


def reportlab_spec() -> SpecifierSet:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    spec = next(d for d in project["dependencies"] if re.match(r"reportlab\b", d))
    return SpecifierSet(spec.removeprefix("reportlab").split(";")[0].strip())


def test_pyproject_gives_a_tested_range_with_an_upper_bound() -> None:
    spec = reportlab_spec()
    assert any(s.operator in ("<", "<=", "~=", "==") for s in spec), f"no upper bound: {spec}"
    assert all(Version(v) in spec for v in rl.TESTED), "a tested version outside the range"
    assert not any(Version(v) in spec for v in ("4.3.1", "5.2.0", "6.0.0")), spec


def test_installed_reportlab_is_one_the_suite_was_run_on() -> None:
    installed = Version(reportlab.Version)
    assert installed in reportlab_spec(), f"ReportLab {installed} is outside the tested range"
    assert installed.release[:2] in {Version(v).release[:2] for v in rl.TESTED}, (
        f"ReportLab {installed}: run the suite on it and add it to reportlab_compat.TESTED"
    )


def font() -> FastTTFont:
    return FastTTFont("bm-pin", str(TEST_FONT))


def saved(canvas: Canvas, target: io.BytesIO) -> pikepdf.Pdf:
    canvas.save()
    return pikepdf.open(io.BytesIO(target.getvalue()))


def test_document_is_the_one_the_canvas_writes() -> None:
    """canvas._doc: glyph codes given out in it are the ones the canvas's own text uses."""
    out = io.BytesIO()
    canvas = Canvas(out)
    doc = rl.document(canvas)
    assert isinstance(doc, PDFDocument)
    f = font()
    codes = [rl.new_glyph_code(f, doc, ch) for ch in HAN]
    # ReportLab's own string splitting in that document reuses exactly these codes
    assert f.splitString(HAN, doc) == [(0, bytes(codes))]
    assert rl.document(canvas) is doc


def test_glyph_codes_are_reportlabs_live_numbering() -> None:
    """font._assignState(doc).assignments: character → code, filled as characters are used,
    one numbering per document, 256 codes to a subset."""
    f, doc, other = font(), PDFDocument(), PDFDocument()
    codes = rl.glyph_codes(f, doc)
    assert ord("版") not in codes
    first = rl.new_glyph_code(f, doc, "版")
    assert rl.glyph_codes(f, doc) is codes and codes[ord("版")] == first  # live, not a copy
    assert rl.new_glyph_code(f, doc, "面") == first + 1  # in order of first use
    assert ord("版") not in rl.glyph_codes(f, other)  # another document numbers afresh
    assert codes[ord(" ")] == 32  # the space keeps code 32 (word spacing)
    cmap = rl.char_to_glyph(f)
    han = [c for c in sorted(cmap) if 0x4E00 <= c <= 0x9FFF and c not in codes][:300]
    for c in han:
        rl.new_glyph_code(f, doc, chr(c))
    assert {codes[c] >> 8 for c in han} == {0, 1}  # past 256 codes: the next subset
    assert all(
        f.splitString(chr(c), doc) == [(codes[c] >> 8, bytes([codes[c] & 0xFF]))] for c in han
    )


def test_subset_names_are_the_fonts_the_page_uses_and_get_embedded() -> None:
    """getSubsetInternalName: /Fn+subset, and naming a subset puts it in the document."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    doc, f = rl.document(canvas), font()
    codes = bytes(rl.new_glyph_code(f, doc, ch) for ch in "版面")
    name = rl.subset_font_name(f, doc, 0)
    assert re.fullmatch(r"/F\d+\+0", name), name
    canvas.addLiteral(f"BT {name} 12 Tf 1 0 0 1 72 700 Tm <{codes.hex()}> Tj ET")
    canvas.showPage()
    pdf = saved(canvas, out)
    fonts = pdf.pages[0].Resources.Font
    assert name in fonts
    embedded = fonts[name]
    assert embedded.Subtype == "/TrueType" and "/FontFile2" in embedded.FontDescriptor


def test_face_tables_are_what_reportlab_writes_into_widths() -> None:
    """charToGlyph, charWidths and defaultWidth: the /Widths array ReportLab writes holds
    exactly char_widths for each character of the subset."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    doc, f = rl.document(canvas), font()
    rl.round_widths(f)
    text = "版面，。ABC 12"
    codes = bytes(rl.new_glyph_code(f, doc, ch) for ch in text)
    name = rl.subset_font_name(f, doc, 0)
    canvas.addLiteral(f"BT {name} 12 Tf 1 0 0 1 72 700 Tm <{codes.hex()}> Tj ET")
    canvas.showPage()
    pdf = saved(canvas, out)
    embedded = pdf.pages[0].Resources.Font[name]
    first = int(embedded.FirstChar)
    written = [float(w) for w in embedded.Widths]
    widths, default = rl.char_widths(f)
    for ch, code in zip(text, codes, strict=True):
        assert ord(ch) in rl.char_to_glyph(f)
        assert written[code - first] == widths.get(ord(ch), default), ch
    assert all(w == round(w) for w in widths.values())  # round_widths made them whole
    assert f.face.getCharWidth(ord("版")) == widths[ord("版")]  # ReportLab's own reader agrees


def test_export_settings_make_bytes_stable_and_binary_then_restore() -> None:
    """rl_config.invariant and useA85: fixed dates and ids, no ASCII85, switched back after."""
    assert hasattr(rl_config, "invariant") and hasattr(rl_config, "useA85")
    before = rl_config.invariant, rl_config.useA85

    def make() -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, pageCompression=1)
        canvas.rect(10, 10, 100, 100, fill=1)
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    with rl.export_settings():
        assert (rl_config.invariant, rl_config.useA85) == (1, 0)
        a = make()
        b = make()
    assert a == b
    assert b"ASCII85Decode" not in a and b"FlateDecode" in a
    assert (rl_config.invariant, rl_config.useA85) == before
    with pytest.raises(RuntimeError), rl.export_settings():
        raise RuntimeError("an export that fails")
    assert (rl_config.invariant, rl_config.useA85) == before


def test_fast_face_takes_the_fast_path_on_the_shipped_font() -> None:
    """The parser override relies on TTFontFace.extractInfo(charInfo=0) reading the headers
    only, and on `table`, `numGlyphs`, `_ttf_data` and `_pdfScale` being there after it: if
    ReportLab moved them, every face would quietly fall back to the slow parser."""
    face = FastTTFontFace(str(TEST_FONT))
    assert "_cmap_entries" in vars(face), "fell back to ReportLab's parser"
    stock = TTFontFace(str(TEST_FONT))
    for name in ("table", "numGlyphs", "_ttf_data", "_pdfScale", "charToGlyph", "charWidths"):
        assert hasattr(stock, name), f"TTFontFace.{name} is gone"
    assert {"offset", "length"} <= set(stock.table["cmap"]), "TTFontFace.table entries changed"


@pytest.mark.parametrize("bits", [0x0000, 0x0002, 0x0004, 0x0108])
def test_embedding_bits_are_the_faces_fstype(tmp_path: Path, bits: int) -> None:
    """embedding_bits reads OS/2 fsType through the face's `table` directory and `_ttf_data`,
    on the fast face (mapped file) and on ReportLab's own."""
    from fontTools.ttLib import TTFont as FontToolsFont

    derived = FontToolsFont(TEST_FONT)
    derived["OS/2"].fsType = bits
    path = tmp_path / "licensed.ttf"
    derived.save(path)
    assert rl.embedding_bits(FastTTFont("X", str(path))) == bits
    assert rl.embedding_bits(TTFont("X", str(path))) == bits


def test_fast_font_is_set_up_as_reportlab_sets_up_its_own() -> None:
    """FastTTFont.__init__ repeats TTFont.__init__ with the fast face: same attributes."""
    stock, fast = TTFont("X", str(TEST_FONT)), FastTTFont("X", str(TEST_FONT))
    assert sorted(vars(stock)) == sorted(vars(fast))


INTERNALS = {
    "_doc",
    "_assignState",
    "assignments",
    "splitString",
    "getSubsetInternalName",
    "charToGlyph",
    "charWidths",
    "defaultWidth",
    "getCharWidth",
    "rl_config",
    "TTFontFace",
}


def test_no_module_but_the_door_touches_reportlab_internals() -> None:
    """Outside app/export/reportlab_compat.py, app/ names none of ReportLab's internals."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.name == "reportlab_compat.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        rl_names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                rl_names |= {a.asname or a.name for a in node.names}
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute) and node.attr in INTERNALS:
                # pdfium's documents are another `_doc`: only ReportLab canvases count
                if node.attr != "_doc" or "canvas" in ast.unparse(node.value):
                    name = node.attr
            elif isinstance(node, ast.Name) and node.id in INTERNALS & rl_names:
                name = node.id
            if name:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == [], "\n".join(found)
