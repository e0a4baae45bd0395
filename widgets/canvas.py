"""Page canvas: a QGraphicsView that shows one ComposedPage on white paper at a zoom."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from layouts.display import ComposedPage
from widgets.painter import PagePainter

# Zoom stops as on a desktop layout tool's menu; 1.0 shows the page at its real size.
ZOOM_STEPS: tuple[float, ...] = (
    0.1,
    0.125,
    0.25,
    1 / 3,
    0.5,
    2 / 3,
    0.75,
    1.0,
    1.25,
    1.5,
    2.0,
    3.0,
    4.0,
    6.0,
    8.0,
    12.0,
    16.0,
)
MIN_ZOOM = ZOOM_STEPS[0]
MAX_ZOOM = ZOOM_STEPS[-1]
PASTEBOARD = 36.0  # points of grey around the paper
SHADOW = 4.0  # points the paper's shadow is offset by
_DESK = QColor(128, 128, 128)
_GUIDE = QColor(200, 0, 200)  # magenta margins, the usual colour for 版心 guides
_COLUMN = QColor(120, 120, 255)
_BASELINE = QColor(0, 170, 200, 70)  # faint cyan: the baseline grid reads behind the type
_FRAME = QColor(0, 150, 220)
_OVERSET = QColor(220, 0, 0)
_SPACE = QColor(0, 120, 60)  # 缺N字: room left, a calm green


@dataclass(frozen=True, slots=True)
class Guides:
    """Page guides in points: margins (版心 edges), the basic column grid inside them and the
    body baseline grid (`leading` apart from `first_baseline`; none when leading is 0)."""

    top: float
    right: float
    bottom: float
    left: float
    columns: int = 1
    gutter: float = 0.0
    leading: float = 0.0
    first_baseline: float = 0.0

    def baselines(self, height: float) -> list[float]:
        """The y of every baseline inside the type area of a page `height` points high."""
        if self.leading <= 0:
            return []
        ys, y = [], self.first_baseline
        while y <= height - self.bottom + 1e-6:
            ys.append(y)
            y += self.leading
        return ys

    def column_edges(self, width: float) -> list[tuple[float, float]]:
        """The (left, right) x of each column on a page `width` points wide."""
        inner = width - self.left - self.right
        n = max(1, self.columns)
        col = (inner - (n - 1) * self.gutter) / n
        return [
            (self.left + i * (col + self.gutter), self.left + i * (col + self.gutter) + col)
            for i in range(n)
        ]


class PageItem(QGraphicsItem):
    """The paper, its shadow and the display list; origin at the page's top-left, in points."""

    def __init__(self, page: ComposedPage, painter: PagePainter) -> None:
        super().__init__()
        self.page = page
        self.painter = painter
        self.guides: Guides | None = None
        self.show_frames = False
        # exposedRect lets a repaint draw only the items in the damaged area (zoomed-in pans)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def paper_rect(self) -> QRectF:
        return QRectF(0.0, 0.0, self.page.width, self.page.height)

    def boundingRect(self) -> QRectF:
        return self.paper_rect().adjusted(0.0, 0.0, SHADOW + 1.0, SHADOW + 1.0)

    def paint(
        self,
        qp: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        paper = self.paper_rect()
        shadow = paper.translated(SHADOW, SHADOW)
        for grow, alpha in ((1.0, 30), (0.5, 40), (0.0, 60)):  # stacked layers: a soft edge
            qp.fillRect(shadow.adjusted(-grow, -grow, grow, grow), QColor(0, 0, 0, alpha))
        qp.fillRect(paper, QColor(255, 255, 255))
        exposed = option.exposedRect if not option.exposedRect.isEmpty() else None
        self.painter.paint(qp, self.page, exposed)
        if self.guides is not None:
            self._paint_guides(qp, self.guides)
        if self.show_frames:
            self._paint_frames(qp)

    def _paint_guides(self, qp: QPainter, guides: Guides) -> None:
        qp.save()
        qp.setBrush(Qt.BrushStyle.NoBrush)
        w, h = self.page.width, self.page.height
        baselines = guides.baselines(h)
        if baselines and qp.transform().m22() * guides.leading >= 4:  # hide when they would blur
            qp.setPen(QPen(_BASELINE, 0))
            for y in baselines:
                qp.drawLine(QPointF(guides.left, y), QPointF(w - guides.right, y))
        qp.setPen(QPen(_COLUMN, 0))  # width 0: a cosmetic one-pixel line at every zoom
        for left, right in guides.column_edges(w):
            qp.drawRect(QRectF(left, guides.top, right - left, h - guides.top - guides.bottom))
        qp.setPen(QPen(_GUIDE, 0))
        qp.drawRect(
            QRectF(
                guides.left,
                guides.top,
                w - guides.left - guides.right,
                h - guides.top - guides.bottom,
            )
        )
        qp.restore()

    def _paint_frames(self, qp: QPainter) -> None:
        qp.save()
        qp.setBrush(Qt.BrushStyle.NoBrush)
        badges: list[tuple[QRectF, str, QColor]] = []
        for frame in self.page.frames:
            rect = QRectF(frame.x, frame.y, frame.w, frame.h)
            qp.setPen(QPen(_OVERSET if frame.overset else _FRAME, 0, Qt.PenStyle.DashLine))
            qp.drawRect(rect)
            if frame.overset:
                label = QCoreApplication.translate("PageItem", "超{n}字").format(n=frame.overset)
                badges.append((qp.transform().mapRect(rect), label, _OVERSET))
            elif frame.space_left and frame.kind in ("article", "teaser"):
                label = QCoreApplication.translate("PageItem", "缺{n}字").format(n=frame.space_left)
                badges.append((qp.transform().mapRect(rect), label, _SPACE))
        # Badges are screen furniture: drawn in device pixels so they read the same at any zoom.
        qp.resetTransform()
        for rect, label, colour in badges:
            qp.setPen(colour)
            qp.drawText(
                rect.adjusted(2, 2, -3, -2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                label,
            )
        qp.restore()


class PageCanvas(QGraphicsView):
    """Shows one page; zoom in steps, fit the page to the window, Ctrl+wheel zooms at the cursor."""

    zoom_changed = Signal(float)

    def __init__(
        self, parent: QWidget | None = None, *, painter: PagePainter | None = None
    ) -> None:
        super().__init__(parent)
        self.painter = painter if painter is not None else PagePainter()
        self._scene = QGraphicsScene(self)
        self._scene.setBackgroundBrush(_DESK)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self._item: PageItem | None = None
        self._guides: Guides | None = None
        self._show_frames = False
        self._zoom = 1.0
        # "page" or "width": keep fitting while the window is resized, until a zoom; None: not
        self._fit: str | None = "page"

    # -- content --------------------------------------------------------------------------
    def page(self) -> ComposedPage | None:
        return self._item.page if self._item is not None else None

    def page_item(self) -> PageItem | None:
        return self._item

    def set_page(self, page: ComposedPage | None) -> None:
        """Show `page` (None clears the canvas); the zoom is kept, or refitted in fit mode."""
        self._scene.clear()
        self._item = None
        if page is None:
            self._scene.setSceneRect(QRectF())
            return
        self._item = PageItem(page, self.painter)
        self._item.guides = self._guides
        self._item.show_frames = self._show_frames
        self._scene.addItem(self._item)
        self._scene.setSceneRect(
            QRectF(
                -PASTEBOARD, -PASTEBOARD, page.width + 2 * PASTEBOARD, page.height + 2 * PASTEBOARD
            )
        )
        if self._fit:
            self._refit()

    def update_page(self, page: ComposedPage) -> None:
        """Show a newly composed state of the page on screen (same size): no new scene, the
        zoom and scroll position stay, only a repaint is scheduled."""
        item = self._item
        if item is None or (item.page.width, item.page.height) != (page.width, page.height):
            self.set_page(page)
            return
        item.page = page
        item.update()

    def set_guides(self, guides: Guides | None) -> None:
        self._guides = guides
        if self._item is not None:
            self._item.guides = guides
            self._item.update()

    def set_show_frames(self, show: bool) -> None:
        self._show_frames = show
        if self._item is not None:
            self._item.show_frames = show
            self._item.update()

    # -- zoom -----------------------------------------------------------------------------
    def points_to_pixels(self) -> float:
        """Screen pixels per point at zoom 1.0 (the real size of the page on this screen)."""
        return self.logicalDpiX() / 72.0

    def zoom(self) -> float:
        return self._zoom

    def view_scale(self) -> float:
        """Pixels per point as currently shown."""
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        self._fit = None
        self._apply_zoom(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom * 1.001), MAX_ZOOM))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom / 1.001), MIN_ZOOM))

    def fit_page(self) -> None:
        """Zoom so the whole page with its pasteboard fits the viewport; stay fitted on resize."""
        self._fit = "page"
        page = self.page()
        if page is None:
            return
        view = self.viewport().rect()
        if view.width() <= 1 or view.height() <= 1:
            return
        pixels = min(
            view.width() / (page.width + 2 * PASTEBOARD),
            view.height() / (page.height + 2 * PASTEBOARD),
        )
        self._apply_zoom(pixels / self.points_to_pixels())
        self.centerOn(page.width / 2, page.height / 2)

    def fit_width(self) -> None:
        """Zoom so the page's width with its pasteboard fills the viewport; stay so on resize."""
        self._fit = "width"
        page = self.page()
        view = self.viewport().rect()
        if page is None or view.width() <= 1:
            return
        pixels = view.width() / (page.width + 2 * PASTEBOARD)
        self._apply_zoom(pixels / self.points_to_pixels())
        self.centerOn(page.width / 2, self.mapToScene(view.center()).y())

    def fit_mode(self) -> str | None:
        return self._fit

    def _refit(self) -> None:
        if self._fit == "width":
            self.fit_width()
        else:
            self.fit_page()

    def _apply_zoom(self, zoom: float) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        scale = zoom * self.points_to_pixels()
        self.setTransform(QTransform.fromScale(scale, scale))
        if abs(zoom - self._zoom) > 1e-9:
            self._zoom = zoom
            self.zoom_changed.emit(zoom)

    # -- events ---------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in()
            elif steps < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self._refit()
