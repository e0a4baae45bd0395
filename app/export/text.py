"""Glyph runs to PDF text: takes a GlyphRun and its TrueType font, gives BT…ET operators with TJ kerning."""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from app.export.geometry import PageGeometry
from app.export.reportlab_compat import (
    char_to_glyph,
    char_widths,
    glyph_codes,
    new_glyph_code,
    subset_font_name,
)
from layouts.display import GlyphRun

# escapePDF as a str.translate table over latin-1 text: the same strings, in one C call.
_ESCAPES = {b: escapePDF(bytes((b,))) for b in range(256)}
_ESCAPE_TABLE = {b: e for b, e in _ESCAPES.items() if e != chr(b)}


def _escaped(codes: bytes | bytearray) -> str:
    return codes.decode("latin-1").translate(_ESCAPE_TABLE)


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
    cmap = char_to_glyph(font)  # has_glyph and pdf_width, inlined: this loop sees every character
    widths, default_width = char_widths(font)
    text, xs = run.text, run.xs
    if len(xs) != len(text):
        raise ValueError(f"glyph run of frame {run.owner!r}: {len(text)} characters, {len(xs)} xs")
    points = [ord(ch) for ch in text]
    if not cmap.keys() >= set(points):  # leave out what the face lacks (usually nothing)
        keep = [i for i, p in enumerate(points) if p in cmap]
        text, xs, points = (
            "".join(text[i] for i in keep),
            [xs[i] for i in keep],
            [points[i] for i in keep],
        )
    if not text:
        return ""
    size_text = num(run.size)
    size = float(size_text)
    per_unit = size / 1000.0
    offset = geometry.x(0.0)
    x0 = num(offset + xs[0])
    ops = ["BT", f"1 0 0 1 {x0} {num(geometry.y(run.y))} Tm"]
    pen = float(x0)
    # where each glyph's origin must be, and how far its /Widths advance moves the pen
    # (ReportLab encodes NBSP as the space glyph, see fonts.pdf_width)
    targets = [offset + x for x in xs]
    moves = [widths.get(32 if p == 0xA0 else p, default_width) * per_unit for p in points]
    # Glyph codes: ReportLab numbers a face's characters per document, in subsets of 256, in
    # the order they first appear; a character seen before is looked up, a new one is
    # numbered by ReportLab itself, so the numbering is exactly its own.
    assigned = glyph_codes(font, doc)
    subset: int | None = None
    names: dict[int, str] = {}
    elements: list[str] = []  # the TJ array being built: strings of glyph codes, adjustments
    glyphs = bytearray()  # the string element being built

    for i, point in enumerate(points):
        code = assigned.get(32 if point == 0xA0 else point)  # NBSP is set as the space glyph
        if code is None:
            code = new_glyph_code(font, doc, chr(point))
        if code >> 8 != subset:
            if glyphs:
                elements.append(f"({_escaped(glyphs)})")
                glyphs.clear()
            if elements:
                ops.append(f"[{' '.join(elements)}] TJ")
                elements = []
            subset = code >> 8
            name = names.get(subset)
            if name is None:
                name = names[subset] = subset_font_name(font, doc, subset)
            ops.append(f"{name} {size_text} Tf")
        # A TJ number n moves the pen by -n/1000 × size (PDF 32000-1, 9.4.4).
        gap = (pen - targets[i]) / per_unit
        # |gap| < 0.0005 is exactly when num(gap, 3) is "0": no number is written
        if not -0.0005 < gap < 0.0005:
            adjust = num(gap, 3)
            if glyphs:
                elements.append(f"({_escaped(glyphs)})")
                glyphs.clear()
            elements.append(adjust)
            pen -= float(adjust) * per_unit
        glyphs.append(code & 0xFF)
        pen += moves[i]
    elements.append(f"({_escaped(glyphs)})")
    ops.append(f"[{' '.join(elements)}] TJ")
    ops.append("ET")
    return "\n".join(ops)
