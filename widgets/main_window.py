"""Main window: shows an IssueView (page list, page canvas, zoom, PDF export) in Chinese; the editor window builds on it."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from layouts.display import ComposedPage
from layouts.units import to_mm
from widgets.canvas import PageCanvas
from widgets.pages_panel import PagesPanel
from widgets.painter import PagePainter
from widgets.pictures import PictureCache

log = logging.getLogger(__name__)

# Qt's default UI font depends on what the machine has installed (PLATFORM.md): name one.
UI_FAMILIES = (
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
)


class IssueView(Protocol):
    """What the window reads about an issue; implemented in app/ over the model and composer.

    A view may also offer `image(asset: str) -> bytes` (an encoded image blob); the canvas then
    shows ImageItems, otherwise it draws placeholders.
    """

    title: str  # e.g. "石景山报 2019年4月25日 第30期（总第1809期）"

    def page_labels(self) -> list[str]: ...  # ["第1版 要闻", "第2版 综合", ...]

    def composed_page(self, index: int) -> ComposedPage: ...


def ui_font(point_size: float = 10.0) -> QFont:
    """The UI font: the first installed CJK sans of UI_FAMILIES, else Qt's default."""
    installed = set(QFontDatabase.families())
    font = QFont()
    family = next((f for f in UI_FAMILIES if f in installed), None)
    if family is not None:
        font.setFamilies([family, *[f for f in UI_FAMILIES if f != family and f in installed]])
    font.setPointSizeF(point_size)
    return font


class MainWindow(QMainWindow):
    """A page list on the left, the selected page in the middle, facts in the status bar."""

    canvas_class: type[PageCanvas] = PageCanvas  # the editor window puts its EditCanvas here

    def __init__(
        self,
        view: IssueView,
        export: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._export = export
        self.setFont(ui_font())
        self.setWindowTitle(self.tr("版面 — {title}").format(title=view.title))
        self.resize(1280, 900)

        # pictures decoded at the size the screen needs, shared by the canvas and thumbnails
        self.pictures = PictureCache(self._picture_bytes)
        self.canvas = self.canvas_class(self, painter=PagePainter(images=self.pictures))
        self.setCentralWidget(self.canvas)

        self.pages = PagesPanel()
        self.pages.set_labels(self.page_labels())
        self.pages_dock = QDockWidget(self.tr("版面"), self)
        self.pages_dock.setObjectName("pages")
        self.pages_dock.setWidget(self.pages)
        self.pages_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.pages_dock)
        self.resizeDocks([self.pages_dock], [180], Qt.Orientation.Horizontal)

        self.page_info = QLabel()
        self.zoom_info = QLabel()
        self.statusBar().addWidget(self.page_info, 1)
        self.statusBar().addPermanentWidget(self.zoom_info)

        self._build_menus()
        self.canvas.zoom_changed.connect(self._show_zoom)
        self.pages.currentRowChanged.connect(self.show_page)
        if self.pages.count():
            self.pages.setCurrentRow(0)
        self._show_zoom(self.canvas.zoom())

    def _build_menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.export_action = QAction(self.tr("导出PDF…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setEnabled(self._export is not None)
        self.export_action.triggered.connect(lambda: self.export_pdf())
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("退出"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        view_menu = self.view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        self.zoom_in_action = QAction(self.tr("放大"), self)
        # Ctrl+= is Ctrl++ without Shift on most keyboards; accept both.
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_in_action.triggered.connect(self.canvas.zoom_in)
        self.zoom_out_action = QAction(self.tr("缩小"), self)
        self.zoom_out_action.setShortcut(QKeySequence("Ctrl+-"))
        self.zoom_out_action.triggered.connect(self.canvas.zoom_out)
        self.fit_action = QAction(self.tr("适合页面"), self)
        self.fit_action.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_action.triggered.connect(self.canvas.fit_page)
        self.fit_width_action = QAction(self.tr("适合宽度"), self)
        self.fit_width_action.setShortcut(QKeySequence("Ctrl+2"))
        self.fit_width_action.triggered.connect(self.canvas.fit_width)
        self.actual_size_action = QAction(self.tr("实际大小"), self)
        self.actual_size_action.setShortcut(QKeySequence("Ctrl+1"))
        self.actual_size_action.triggered.connect(lambda: self.canvas.set_zoom(1.0))
        self.frames_action = QAction(self.tr("显示文字框"), self)
        self.frames_action.setCheckable(True)
        self.frames_action.toggled.connect(self.canvas.set_show_frames)
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.fit_width_action,
        ):
            view_menu.addAction(action)
        view_menu.addAction(self.actual_size_action)
        view_menu.addSeparator()
        view_menu.addAction(self.frames_action)
        view_menu.addAction(self.pages_dock.toggleViewAction())

    # -- pages ----------------------------------------------------------------------------
    def page_labels(self) -> list[str]:
        return self._view.page_labels()

    def current_index(self) -> int:
        return self.pages.currentRow()

    def show_page(self, index: int) -> None:
        """Compose (through the view) and show page `index`; report, never crash, on failure."""
        if index < 0 or index >= self.pages.count():
            self.canvas.set_page(None)
            self.page_info.clear()
            return
        if self.pages.currentRow() != index:
            self.pages.setCurrentRow(index)  # re-enters through currentRowChanged
            return
        label = self.pages.item(index).text()
        try:
            page = self._view.composed_page(index)
        except Exception as exc:  # one broken page must not take the window down
            log.exception("composing page %d failed", index)
            self.canvas.set_page(None)
            self.page_info.setText(
                self.tr("{label}：排版失败（{error}）").format(label=label, error=exc)
            )
            return
        self.canvas.set_page(page)
        self.page_info.setText(self._describe(label, page))

    def _describe(self, label: str, page: ComposedPage) -> str:
        text = self.tr("{label} · {w:.0f}×{h:.0f} 毫米").format(
            label=label, w=to_mm(page.width), h=to_mm(page.height)
        )
        overset = sum(f.overset for f in page.frames)
        if overset:
            text += self.tr(" · 超排 {n} 字").format(n=overset)
        if page.findings:
            text += self.tr(" · 提示 {n} 条").format(n=len(page.findings))
        return text

    def ask_pdf_path(self) -> str | None:
        """A file name for the PDF from a save dialog (None if the user cancels)."""
        default = re.sub(r'[\\/:*?"<>|]', "_", self._view.title) + ".pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出PDF"), default, self.tr("PDF 文件 (*.pdf)")
        )
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else path + ".pdf"

    def _picture_bytes(self, asset: str) -> bytes:
        """An image blob from the view (KeyError if it offers none: a placeholder is drawn)."""
        fetch = getattr(self._view, "image", None)
        if fetch is None:
            raise KeyError(asset)
        return fetch(asset)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_info.setText(self.tr("缩放 {pct}%").format(pct=round(zoom * 100)))

    # -- export ---------------------------------------------------------------------------
    def export_pdf(self, path: str | None = None) -> bool:
        """Export the issue through the export callback; asks for a file name when not given."""
        if self._export is None:
            return False
        path = path or self.ask_pdf_path()
        if not path:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._export(path)
        except Exception as exc:  # show the reason; the issue on screen is unaffected
            log.exception("export to %s failed", path)
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.critical(
                self, self.tr("导出PDF"), self.tr("导出失败：{error}").format(error=exc)
            )
            return False
        QGuiApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("已导出：{path}").format(path=path), 8000)
        return True
