"""What the editing canvas draws over the page and never prints: takes the page's frames and the selection, gives the selection outlines and handles, text-wrap outlines, the rubber band and a red hatch where frames overlap with no wrap planning it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from app.compose.wraps import frame_wrap, overlaps
from app.model import Frame

SELECT = QColor(0, 110, 255)
_BAND = QColor(0, 110, 255, 40)
_WRAP = QColor(0, 150, 120)
_CLASH = QColor(220, 0, 0)


def clashes(frames: Sequence[Frame]) -> list[QRectF]:
    """Where frames of one page cover each other without a wrap (the preflight error)."""
    out = []
    for upper, lower, _, _ in overlaps(frames):
        a = QRectF(upper.x, upper.y, upper.w, upper.h)
        out.append(a.intersected(QRectF(lower.x, lower.y, lower.w, lower.h)))
    return out


def paint_clashes(qp: QPainter, frames: Sequence[Frame]) -> None:
    """A red diagonal hatch over each overlap no wrap plans, outlined in red."""
    qp.save()
    for rect in clashes(frames):
        qp.fillRect(rect, QColor(255, 255, 255, 90))
        qp.fillRect(rect, QBrush(_CLASH, Qt.BrushStyle.BDiagPattern))
        qp.setPen(QPen(_CLASH, 0))
        qp.setBrush(Qt.BrushStyle.NoBrush)
        qp.drawRect(rect)
    qp.restore()


def paint_wraps(qp: QPainter, frames: Iterable[Frame]) -> None:
    """The edge text keeps away from, around each frame that carries a wrap (绕排)."""
    qp.save()
    pen = QPen(_WRAP, 0, Qt.PenStyle.DashDotLine)
    qp.setPen(pen)
    qp.setBrush(Qt.BrushStyle.NoBrush)
    for frame in frames:
        area = frame_wrap(frame)
        if area is not None:
            qp.drawRect(QRectF(area.x0, area.y0, area.x1 - area.x0, area.y1 - area.y0))
    qp.restore()


def paint_selection(
    qp: QPainter, frames: Sequence[Frame], handles: Iterable[QRectF], band: QRectF | None
) -> None:
    """Selected frames outlined (the handles of a single one), and the rubber band."""
    qp.save()
    qp.setPen(QPen(SELECT, 0))
    qp.setBrush(Qt.BrushStyle.NoBrush)
    for frame in frames:
        qp.drawRect(QRectF(frame.x, frame.y, frame.w, frame.h))
    qp.setBrush(QColor(255, 255, 255))
    for handle in handles:
        qp.drawRect(handle)
    if band is not None:
        qp.setPen(QPen(SELECT, 0, Qt.PenStyle.DashLine))
        qp.setBrush(_BAND)
        qp.drawRect(band)
    qp.restore()
