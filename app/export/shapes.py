"""Vector items to PDF: takes Rule, Box and QRItem primitives, draws them on a ReportLab canvas."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from app.export.geometry import PageGeometry
from app.export.paint import Paint, overprints
from app.export.qrcache import item_modules
from layouts.color import BLACK
from layouts.display import Box, QRItem, Rule


def draw_rule(canvas: Canvas, paint: Paint, g: PageGeometry, rule: Rule) -> None:
    paint.stroke(rule.color, rule.width, overprint=overprints(rule.color))
    canvas.line(g.x(rule.x1), g.y(rule.y1), g.x(rule.x2), g.y(rule.y2))


def draw_box(canvas: Canvas, paint: Paint, g: PageGeometry, box: Box) -> None:
    """Fill (knocking out) then stroke (black overprints), as two paints: see Paint."""
    x, y = g.x(box.x), g.y(box.y + box.h)
    if box.fill is not None:
        paint.fill(box.fill)
        canvas.rect(x, y, box.w, box.h, stroke=0, fill=1)
    if box.stroke is not None and box.stroke_width > 0:
        paint.stroke(box.stroke, box.stroke_width, overprint=overprints(box.stroke))
        canvas.rect(x, y, box.w, box.h, stroke=1, fill=0)


def draw_qr(canvas: Canvas, paint: Paint, g: PageGeometry, item: QRItem) -> None:
    """The symbol's dark runs (layouts/qr.py) as filled rectangles, 100 % K, in one path.

    Knocks out what lies beneath (no overprint): a QR code needs white behind it.
    """
    path = canvas.beginPath()
    for x, y, w, h in item_modules(item).rects:
        path.rect(g.x(x), g.y(y + h), w, h)
    paint.fill(BLACK)
    canvas.drawPath(path, stroke=0, fill=1)
