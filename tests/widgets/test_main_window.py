"""Main window tests: the page list, showing a page, zoom shortcuts and wheel, PDF export."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from layouts.display import ComposedPage, FontSource, FrameInfo, GlyphRun
from layouts.units import mm
from widgets.canvas import MAX_ZOOM, ZOOM_STEPS, Guides, PageCanvas
from widgets.main_window import UI_FAMILIES, MainWindow

SONG = FontSource(
    "song", str(Path(__file__).resolve().parents[1] / "fonts" / "BanmianTestSerifSC-Regular.ttf"), 0
)
TITLE = "石景山报 2019年4月25日 第30期（总第1809期）"


@dataclass
class FakeIssue:
    """An IssueView with pages of different sizes; records which pages were composed."""

    title: str = TITLE
    labels: list[str] = field(default_factory=lambda: ["第1版 要闻", "第2版 综合", "第3版 专版"])
    composed: list[int] = field(default_factory=list)
    broken: int | None = None

    def page_labels(self) -> list[str]:
        return list(self.labels)

    def composed_page(self, index: int) -> ComposedPage:
        self.composed.append(index)
        if index == self.broken:
            raise RuntimeError("版式缺失")
        width, height = mm(260 + 20 * index), mm(370)
        run = GlyphRun("f1", "song", 36.0, 120.0, "第二版", (60.0, 96.0, 132.0))
        frame = FrameInfo("f1", "text", 50.0, 80.0, 200.0, 100.0, overset=12 * index)
        return ComposedPage(index + 1, width, height, items=(run,), frames=(frame,), fonts=(SONG,))


@pytest.fixture
def issue() -> FakeIssue:
    return FakeIssue()


@pytest.fixture
def window(qtbot, issue: FakeIssue) -> MainWindow:
    win = MainWindow(issue)
    qtbot.addWidget(win)
    win.resize(1000, 760)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.canvas.setFocus()
    return win


def test_title_dock_and_page_list(window: MainWindow, issue: FakeIssue) -> None:
    assert window.windowTitle() == f"版面 — {TITLE}"
    assert window.pages_dock.windowTitle() == "版面"
    labels = [window.pages.item(i).text() for i in range(window.pages.count())]
    assert labels == issue.labels
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "视图(&V)"]


def test_first_page_is_shown_on_open(window: MainWindow, issue: FakeIssue) -> None:
    assert window.current_index() == 0
    assert issue.composed == [0]
    page = window.canvas.page()
    assert page is not None and page.number == 1
    assert "第1版 要闻" in window.page_info.text()
    assert "260×370 毫米" in window.page_info.text()


def test_selecting_a_page_shows_it(window: MainWindow, issue: FakeIssue) -> None:
    window.pages.setCurrentRow(2)
    page = window.canvas.page()
    assert page is not None and page.number == 3
    assert page.width == pytest.approx(mm(300))
    assert issue.composed[-1] == 2
    assert "第3版 专版" in window.page_info.text()
    assert "超排 24 字" in window.page_info.text()
    window.show_page(1)
    assert window.current_index() == 1
    assert window.canvas.page().number == 2


def test_a_page_that_fails_to_compose_is_reported(qtbot) -> None:
    issue = FakeIssue(broken=1)
    win = MainWindow(issue)
    qtbot.addWidget(win)
    win.pages.setCurrentRow(1)
    assert win.canvas.page() is None
    assert "排版失败" in win.page_info.text() and "版式缺失" in win.page_info.text()
    win.pages.setCurrentRow(0)
    assert win.canvas.page().number == 1


def test_zoom_shortcuts_change_the_scale(window: MainWindow, qtbot) -> None:
    canvas = window.canvas
    fitted = canvas.view_scale()
    qtbot.keyClick(canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = canvas.view_scale()
    assert bigger > fitted
    assert canvas.zoom() in ZOOM_STEPS
    assert bigger == pytest.approx(canvas.zoom() * canvas.logicalDpiX() / 72.0)
    qtbot.keyClick(canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert canvas.view_scale() > bigger
    qtbot.keyClick(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.view_scale() == pytest.approx(bigger)
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert canvas.view_scale() == pytest.approx(fitted)
    assert window.zoom_info.text() == f"缩放 {round(canvas.zoom() * 100)}%"


def test_fit_page_shows_the_whole_page(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_zoom(4.0)
    window.fit_action.trigger()
    page = canvas.page()
    shown = canvas.mapFromScene(0, 0), canvas.mapFromScene(page.width, page.height)
    view = canvas.viewport().rect()
    assert view.contains(shown[0]) and view.contains(shown[1])
    # and it is as large as fits: the limiting side fills most of the viewport
    used = max(
        (shown[1].x() - shown[0].x()) / view.width(), (shown[1].y() - shown[0].y()) / view.height()
    )
    assert used > 0.8


def test_ctrl_wheel_zooms_plain_wheel_does_not(window: MainWindow) -> None:
    canvas = window.canvas
    centre = QPointF(canvas.viewport().rect().center())

    def wheel(delta: int, modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            centre,
            QPointF(canvas.viewport().mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(canvas.viewport(), event)

    before = canvas.view_scale()
    wheel(120, Qt.KeyboardModifier.ControlModifier)
    zoomed = canvas.view_scale()
    assert zoomed > before
    wheel(120, Qt.KeyboardModifier.NoModifier)
    assert canvas.view_scale() == pytest.approx(zoomed)
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert canvas.view_scale() < zoomed


def test_zoom_is_clamped(qtbot) -> None:
    canvas = PageCanvas()
    qtbot.addWidget(canvas)
    canvas.set_zoom(100.0)
    assert canvas.zoom() == MAX_ZOOM
    canvas.zoom_in()
    assert canvas.zoom() == MAX_ZOOM
    canvas.set_zoom(0.0001)
    canvas.zoom_out()
    assert canvas.zoom() == ZOOM_STEPS[0]


def test_canvas_shows_the_page_ink_on_paper(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_zoom(1.0)
    canvas.centerOn(96.0, 110.0)  # the middle of the glyph run
    QApplication.processEvents()
    image = canvas.viewport().grab().toImage()
    colours = {
        QColor(image.pixel(x, y)).getRgb()[:3]
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert (255, 255, 255) in colours  # paper
    assert any(max(c) < 60 for c in colours)  # glyph ink
    run_at = canvas.mapFromScene(QPointF(60.0, 120.0))
    paper_at = canvas.mapFromScene(QPointF(60.0, 160.0))
    assert QColor(image.pixel(paper_at)).getRgb()[:3] == (255, 255, 255)
    band = [
        QColor(image.pixel(run_at.x() + dx, run_at.y() - dy)).lightness()
        for dx in range(0, 40)
        for dy in range(0, 30)
    ]
    assert min(band) < 60


def test_frames_and_guides_are_optional_overlays(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_zoom(1.0)
    canvas.centerOn(150.0, 130.0)
    QApplication.processEvents()
    corner = canvas.mapFromScene(QPointF(250.0, 180.0))  # the frame's bottom-right, no glyphs

    def near_corner() -> set[tuple[int, int, int]]:
        image = canvas.viewport().grab().toImage()
        return {
            QColor(image.pixel(corner.x() + dx, corner.y() + dy)).getRgb()[:3]
            for dx in range(-3, 4)
            for dy in range(-3, 4)
        }

    assert near_corner() == {(255, 255, 255)}
    window.frames_action.setChecked(True)
    QApplication.processEvents()
    assert near_corner() != {(255, 255, 255)}
    window.frames_action.setChecked(False)
    canvas.set_guides(Guides(top=180.0, right=20.0, bottom=20.0, left=250.0))
    QApplication.processEvents()
    assert near_corner() != {(255, 255, 255)}  # the margin guide passes through that corner
    assert Guides(0, 0, 0, 0, columns=2, gutter=10.0).column_edges(110.0) == [
        (0, 50.0),
        (60.0, 110.0),
    ]


def test_export_calls_back_with_the_path(qtbot, tmp_path) -> None:
    paths: list[str] = []
    win = MainWindow(FakeIssue(), export=paths.append)
    qtbot.addWidget(win)
    assert win.export_action.isEnabled()
    target = str(tmp_path / "issue.pdf")
    assert win.export_pdf(target) is True
    assert paths == [target]
    assert target in win.statusBar().currentMessage()


def test_export_failure_is_shown_not_raised(qtbot, tmp_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def fail(path: str) -> None:
        raise OSError("磁盘已满")

    win = MainWindow(FakeIssue(), export=fail)
    qtbot.addWidget(win)
    assert win.export_pdf(str(tmp_path / "x.pdf")) is False
    assert shown and "磁盘已满" in shown[0]
    assert QApplication.overrideCursor() is None


def test_without_export_the_action_is_disabled(window: MainWindow) -> None:
    assert not window.export_action.isEnabled()
    assert window.export_pdf("/nonexistent/x.pdf") is False


def test_images_come_from_the_view_when_it_has_them(qtbot) -> None:
    swatch = QImage(4, 4, QImage.Format.Format_RGB32)
    swatch.fill(QColor(10, 120, 30))
    blob = QByteArray()
    buffer = QBuffer(blob)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    swatch.save(buffer, "PNG")
    issue = FakeIssue()
    issue.image = lambda asset: bytes(blob) if asset == "cafe" else b""  # type: ignore[attr-defined]
    win = MainWindow(issue)
    qtbot.addWidget(win)
    pictures = win.canvas.painter.images
    assert pictures is not None and pictures.size("cafe") == (4, 4)
    loaded = pictures.image("cafe", 4)
    assert loaded is not None and QColor(loaded.pixel(1, 1)).getRgb()[:3] == (10, 120, 30)
    assert pictures.size("unknown") is None and pictures.image("unknown", 4) is None
    plain = MainWindow(FakeIssue())
    qtbot.addWidget(plain)
    assert plain.canvas.painter.images.image("cafe", 4) is None  # type: ignore[union-attr]


def test_ui_font_is_a_chinese_family(window: MainWindow) -> None:
    assert QFontInfo(window.font()).family() in UI_FAMILIES
    assert QFontInfo(window.pages.font()).family() in UI_FAMILIES
