"""Proof marks over the editor's canvas: takes the open marks placed on the current page, paints each as a box in its round's colour with its kind, and flashes the one chosen from the list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from app.proof.open_marks import OpenMark

FLASH_MS = 160  # one blink
FLASH_TIMES = 6  # blinks (on and off) when a mark is chosen in the list
PAD = 1.5  # points round the characters, so the box does not cover the strokes
LABEL_PX = 12
UI_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "Microsoft YaHei"]


class MarksOverlay(QObject):
    """The open marks of the page on the canvas; `repaint` is called when they need drawing again."""

    def __init__(self, repaint: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._repaint = repaint
        self.marks: list[OpenMark] = []
        self.selected: int | None = None
        self.visible = True
        self._blinks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_MS)
        self._timer.timeout.connect(self._blink)
        self.font = QFont()
        self.font.setFamilies(UI_FAMILIES)
        self.font.setPixelSize(LABEL_PX)

    def set_marks(self, marks: list[OpenMark]) -> None:
        self.marks = list(marks)
        if self.selected is not None and all(m.id != self.selected for m in self.marks):
            self.selected = None
        self._repaint()

    def set_visible(self, on: bool) -> None:
        self.visible = bool(on)
        self._repaint()

    def mark_at(self, x: float, y: float) -> OpenMark | None:
        """The topmost mark whose box holds a page point."""
        for m in reversed(self.marks):
            if m.box.contains(x, y):
                return m
        return None

    def select(self, mark_id: int | None, flash: bool = True) -> None:
        """Outline a mark (None: none) and blink it so the eye finds it on a full page."""
        self.selected = mark_id
        self._blinks = FLASH_TIMES if (flash and mark_id is not None) else 0
        if self._blinks:
            self._timer.start()
        else:
            self._timer.stop()
        self._repaint()

    def flashing(self) -> bool:
        return self._timer.isActive()

    def _blink(self) -> None:
        self._blinks -= 1
        if self._blinks <= 0:
            self._timer.stop()
        self._repaint()

    def paint(self, qp: QPainter) -> None:
        """Draw in scene units (page points); labels in device pixels to read at any zoom."""
        if not self.visible or not self.marks:
            return
        dimmed = self._blinks % 2 == 1  # odd blinks hide the chosen mark's fill
        labels: list[tuple[QRectF, str, QColor]] = []
        qp.save()
        for m in self.marks:
            colour = QColor(*m.colour)
            chosen = m.id == self.selected
            rect = QRectF(m.box.x - PAD, m.box.y - PAD, m.box.w + 2 * PAD, m.box.h + 2 * PAD)
            pen = QPen(colour, 2.5 if chosen else 1.5)
            pen.setCosmetic(True)  # pixels wide at every zoom, like the proof view's boxes
            qp.setPen(pen)
            if chosen and not dimmed:
                fill = QColor(colour)
                fill.setAlpha(60)
                qp.setBrush(QBrush(fill))
            else:
                qp.setBrush(Qt.BrushStyle.NoBrush)
            qp.drawRect(rect)
            labels.append((qp.transform().mapRect(rect), m.label, colour))
        qp.resetTransform()
        qp.setFont(self.font)
        for rect, text, colour in labels:
            qp.setPen(colour)
            qp.drawText(QPointF(rect.x(), rect.y() - 3), text)
        qp.restore()
