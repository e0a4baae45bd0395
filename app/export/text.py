"""Glyph runs to PDF text: takes a GlyphRun and its TrueType font, gives BT…ET operators with TJ kerning."""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from app.export.geometry import PageGeometry
from layouts.display import GlyphRun


def num(value: float, places: int = 4) -> str:
    """A PDF number with at most `places` decimals and no trailing zeros (deterministic)."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def glyph_run_ops(run: GlyphRun, font: TTFont, doc: PDFDocument, geometry: PageGeometry) -> str:
    """PDF operators that draw every character of `run` with its origin at the listed x.

    The pen starts at the first origin; before each glyph the difference between where the
    previous glyph's advance (/Widths) left the pen and the listed x is written into the TJ
    array in 1/1000 em, so no character is re-flowed and rounding never accumulates (the pen is
    tracked with the numbers as written). Characters the face lacks are left out rather than
    drawn as .notdef boxes; the composer reports them as findings.
    """
    if run.size <= 0:
        raise ValueError(f"glyph run of frame {run.owner!r} has size {run.size}")
    face = font.face
    cmap = face.charToGlyph  # has_glyph and pdf_width, inlined: this loop sees every character
    widths = face.charWidths
    default_width = face.defaultWidth
    kept = [(ch, x) for ch, x in zip(run.text, run.xs, strict=True) if ord(ch) in cmap]
    if not kept:
        return ""
    codes = [
        (subset, byte)
        for subset, chunk in font.splitString("".join(ch for ch, _ in kept), doc)
        for byte in chunk
    ]
    size_text = num(run.size)
    size = float(size_text)
    per_unit = size / 1000.0
    offset = geometry.x(0.0)
    x0 = num(offset + kept[0][1])
    ops = ["BT", f"1 0 0 1 {x0} {num(geometry.y(run.y))} Tm"]
    pen = float(x0)
    subset: int | None = None
    names: dict[int, str] = {}
    elements: list[str] = []  # the TJ array being built
    glyphs = bytearray()  # bytes of the string element being built

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
            name = names.get(sub)
            if name is None:
                name = names[sub] = font.getSubsetInternalName(sub, doc)
            ops.append(f"{name} {size_text} Tf")
            subset = sub
        # A TJ number n moves the pen by -n/1000 × size (PDF 32000-1, 9.4.4).
        adjust = num((pen - (offset + x)) / per_unit, 3)
        if adjust != "0":
            end_string()
            elements.append(adjust)
            pen -= float(adjust) * per_unit
        glyphs.append(code)
        point = ord(ch)
        # ReportLab encodes NBSP as the space glyph (see fonts.pdf_width)
        pen += widths.get(32 if point == 0xA0 else point, default_width) * per_unit
    end_array()
    ops.append("ET")
    return "\n".join(ops)
