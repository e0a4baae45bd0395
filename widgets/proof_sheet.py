"""The proof view's sheet: takes pypdfium2 renders of a spread's PDF pages, draws them pixel for pixel with the marks over them, turns clicks and drags into mark boxes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from app.export.raster import SheetGeometry
from app.model.proof import Mark, Rect
from widgets.labels import mark_name

if TYPE_CHECKING:
    from PIL import Image

MARGIN = 16  # pixels of desk round the pages
GAP = 12  # pixels between two facing pages
CLICK_BOX = 9.0  # points: a click without a drag marks one 字 of 小五 body type around it
DRAG_MIN = 4  # pixels: less movement than this is a click
_DESK = QColor(120, 120, 120)
# A highlighter's yellow, multiplied into the page so the type under it stays black.
_CHANGED = QColor(255, 232, 90)


class SheetHost(Protocol):
    """What the sheet reads from its window (ProofView)."""

    selected_mark: int | None
    label_font: QFont

    def pixels_per_point(self) -> float: ...

    def page_image(self, index: int) -> QImage: ...

    def page_geometry(self, index: int) -> SheetGeometry: ...

    def session_marks(self, index: int) -> list[Mark]: ...

    def round_colour(self, round_id: int | None = None) -> QColor: ...

    def changed_boxes(self, index: int) -> tuple[Rect, ...]: ...


def pil_to_qimage(image: Image.Image) -> QImage:  # an RGB image
    """A deep copy, so the QImage outlives the Python bytes it was made from."""
    rgb = image.convert("RGB")
    w, h = rgb.size
    return QImage(rgb.tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888).copy()


@dataclass(frozen=True, slots=True)
class Placed:
    """A page drawn on the sheet: its PDF index, its pixel rectangle, and how points map to it."""

    index: int
    rect: QRect
    geometry: SheetGeometry
    scale: float  # pixels per point

    def to_pixels(self, box: Rect) -> QRectF:
        x, y = self.geometry.to_sheet(box.x, box.y)
        return QRectF(
            self.rect.x() + x * self.scale,
            self.rect.y() + y * self.scale,
            box.w * self.scale,
            box.h * self.scale,
        )

    def to_points(self, p: QPointF) -> tuple[float, float]:
        """A pixel of the sheet to trim-box points of this page (y down)."""
        return self.geometry.to_trim(
            (p.x() - self.rect.x()) / self.scale, (p.y() - self.rect.y()) / self.scale
        )


class ProofSheet(QWidget):
    """The pages of the current spread as pypdfium2 rendered them, the marks drawn over them."""

    markDrawn = Signal(int, object)  # PDF page index, Rect in trim points
    markClicked = Signal(int)  # mark id

    def __init__(self, view: SheetHost) -> None:
        super().__init__()
        self.view = view
        self.placed: list[Placed] = []
        self.mark_tool = False
        self._press: QPointF | None = None
        self._drag: QRectF | None = None
        self.setMouseTracking(False)

    def layout_pages(self, indexes: tuple[int, ...]) -> None:
        """Place the spread's pages side by side, tops aligned, and size the sheet to fit."""
        self.placed = []
        x, height = MARGIN, 0
        scale = self.view.pixels_per_point()
        for index in indexes:
            image = self.view.page_image(index)
            rect = QRect(x, MARGIN, image.width(), image.height())
            self.placed.append(Placed(index, rect, self.view.page_geometry(index), scale))
            x += image.width() + GAP
            height = max(height, image.height())
        self.setFixedSize(x - GAP + MARGIN, height + 2 * MARGIN)
        self.update()

    def page_at(self, p: QPointF) -> Placed | None:
        for placed in self.placed:
            if QRectF(placed.rect).contains(p):
                return placed
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        qp = QPainter(self)
        qp.fillRect(self.rect(), _DESK)
        for placed in self.placed:
            # Pixels drawn one to one: what pdfium rendered is what the proofreader sees.
            qp.drawImage(placed.rect.topLeft(), self.view.page_image(placed.index))
        qp.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for placed in self.placed:
            for box in self.view.changed_boxes(placed.index):
                qp.fillRect(placed.to_pixels(box).adjusted(-1, 0, 1, 0), _CHANGED)
        qp.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        qp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for placed in self.placed:
            for mark in self.view.session_marks(placed.index):
                self._draw_mark(qp, placed, mark)
        if self._drag is not None:
            qp.setPen(QPen(self.view.round_colour(), 1, Qt.PenStyle.DashLine))
            qp.setBrush(Qt.BrushStyle.NoBrush)
            qp.drawRect(self._drag)
        qp.end()

    def _draw_mark(self, qp: QPainter, placed: Placed, mark: Mark) -> None:
        colour = QColor(self.view.round_colour(mark.round_id))
        selected = mark.id == self.view.selected_mark
        pen = QPen(colour, 3 if selected else 2)
        if mark.status == "fixed":
            colour.setAlpha(140)
            pen = QPen(colour, 1.5, Qt.PenStyle.DashLine)
        qp.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(40 if selected else 0)
        qp.setBrush(QBrush(fill) if selected else Qt.BrushStyle.NoBrush)
        rect = placed.to_pixels(mark.box).adjusted(-2, -2, 2, 2)
        qp.drawRect(rect)
        label = mark_name(mark.kind) + (f"：{mark.proposed}" if mark.proposed else "")
        qp.setFont(self.view.label_font)
        qp.drawText(QPointF(rect.x(), rect.y() - 3), label)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        p = event.position()
        if self.mark_tool:
            self._press = p
            self._drag = None
            return
        placed = self.page_at(p)
        if placed is not None:
            for mark in reversed(self.view.session_marks(placed.index)):
                if placed.to_pixels(mark.box).adjusted(-3, -3, 3, 3).contains(p):
                    self.markClicked.emit(mark.id)
                    return

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None:
            self._drag = QRectF(self._press, event.position()).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press, self._drag = self._press, None, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.update()
        placed = self.page_at(press)
        if placed is None:
            return
        end = event.position()
        if abs(end.x() - press.x()) < DRAG_MIN and abs(end.y() - press.y()) < DRAG_MIN:
            x, y = placed.to_points(press)
            box = Rect(x - CLICK_BOX / 2, y - CLICK_BOX / 2, CLICK_BOX, CLICK_BOX)
        else:
            clipped = QRectF(press, end).normalized().intersected(QRectF(placed.rect))
            x1, y1 = placed.to_points(clipped.topLeft())
            x2, y2 = placed.to_points(clipped.bottomRight())
            box = Rect.from_corners(x1, y1, x2, y2)
        self.markDrawn.emit(placed.index, box)
