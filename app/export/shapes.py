"""Vector items to PDF: takes Rule, Box and QRItem primitives, draws them on a ReportLab canvas."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from app.export.geometry import PageGeometry
from app.export.paint import Paint, overprints
from app.export.qrcache import qr_rows
from layouts.color import BLACK
from layouts.display import Box, QRItem, Rule

QUIET_ZONE = 4  # modules of white around a QR code (ISO/IEC 18004), inside QRItem.size


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


def qr_matrix(item: QRItem) -> list[bytearray]:
    """The dark/light modules (without quiet zone) of the QR code for `item`.

    The error level is honoured as given (no segno boost), so the display list alone decides
    the symbol and preflight can size the slot from it.
    """
    return [bytearray(row) for row in qr_rows(item.payload, item.error)]  # segno's, cached


def draw_qr(canvas: Canvas, paint: Paint, g: PageGeometry, item: QRItem) -> None:
    """Dark modules as filled rectangles, 100 % K, each horizontal run of modules one rectangle.

    Knocks out what lies beneath (no overprint): a QR code needs white behind it.
    """
    matrix = qr_matrix(item)
    n = len(matrix)
    module = item.size / (n + 2 * QUIET_ZONE)
    left = item.x + QUIET_ZONE * module
    top = item.y + QUIET_ZONE * module
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            path.rect(
                g.x(left + start * module),
                g.y(top + (r + 1) * module),
                (c - start) * module,
                module,
            )
    paint.fill(BLACK)
    canvas.drawPath(path, stroke=0, fill=1)
