"""Printer's marks: takes a page and its sheet geometry, draws crop marks and the slug line outside the bleed."""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from app.export.fonts import has_glyph, load_font, pdf_width
from app.export.geometry import PageGeometry
from app.export.paint import Paint
from app.export.presets import MARK_LENGTH, MARK_OFFSET, MARK_WIDTH
from app.export.reportlab_compat import document
from app.export.shapes import draw_rule
from app.export.text import glyph_run_ops
from layouts.color import BLACK, CMYK, REGISTRATION
from layouts.display import ComposedPage, GlyphRun, Rule
from layouts.units import mm

SLUG_SIZE = 6.0  # points: readable on the plate, small enough for a 10 mm slug
SLUG_INDENT = mm(8)  # in from the trim's left edge, clear of the vertical crop mark
MARKS_OWNER = "printer-marks"


def mark_color(page: ComposedPage) -> CMYK:
    """Registration colour (C=M=Y=K=100 %) so every plate carries the marks.

    A black-only page is made on the K plate alone and must separate to K (NEWSPAPER.md), so
    there "every plate" is the black one and the marks are 100 % K.
    """
    return BLACK if page.black_only else REGISTRATION


def crop_mark_rules(g: PageGeometry, color: CMYK) -> list[Rule]:
    """Two marks per corner on the lines of the trim edges, from just outside the bleed outward.

    In display-list coordinates (trim top-left, y down), so they go through the same drawing
    code as the page's own rules.
    """
    near = g.bleed + MARK_OFFSET
    far = near + MARK_LENGTH
    rules = []
    for x, out_x in ((0.0, -1.0), (g.trim_width, 1.0)):
        for y, out_y in ((0.0, -1.0), (g.trim_height, 1.0)):
            rules.append(
                Rule(MARKS_OWNER, x + out_x * near, y, x + out_x * far, y, MARK_WIDTH, color)
            )
            rules.append(
                Rule(MARKS_OWNER, x, y + out_y * near, x, y + out_y * far, MARK_WIDTH, color)
            )
    return rules


def slug_run(page: ComposedPage, g: PageGeometry, text: str) -> tuple[GlyphRun, TTFont] | None:
    """The slug line in the bottom slug, set in the page's own fonts, right of the corner marks.

    The face that has the most of the text's characters is used (one the page already draws
    with wins a tie, so no extra font is embedded); characters it lacks are left out. None if
    the page has no usable font.
    """
    used = {run.font for run in page.glyph_runs()}
    best: tuple[int, bool, str, TTFont] | None = None
    for source in sorted(page.fonts, key=lambda s: s.key not in used):
        try:
            font = load_font(source)
        except (OSError, TTFError):
            continue
        score = (sum(has_glyph(font, ch) for ch in text), source.key in used)
        if best is None or score > best[:2]:
            best = (*score, source.key, font)
        if score[0] == len(text) and score[1]:
            break
    if best is None or best[0] == 0:
        return None
    _, _, key, font = best
    xs = []
    x = SLUG_INDENT
    for ch in text:
        xs.append(x)
        if has_glyph(font, ch):
            x += pdf_width(font, ch) * SLUG_SIZE / 1000.0
    baseline = g.trim_height + g.bleed + MARK_OFFSET + 0.7 * MARK_LENGTH
    return GlyphRun(MARKS_OWNER, key, SLUG_SIZE, baseline, text, tuple(xs), mark_color(page)), font


def draw_marks(canvas: Canvas, page: ComposedPage, g: PageGeometry, slug_text: str) -> None:
    """Crop marks and the slug line, painted after (and outside the clip of) the page."""
    paint = Paint(canvas)
    color = mark_color(page)
    for rule in crop_mark_rules(g, color):
        draw_rule(canvas, paint, g, rule)
    if not slug_text:
        return
    found = slug_run(page, g, slug_text)
    if found is None:
        return
    run, font = found
    ops = glyph_run_ops(run, font, document(canvas), g)
    if ops:
        paint.fill(run.color)
        canvas.addLiteral(ops)
