"""The editor window (pytest-qt, offscreen): drops, drags, handles, keys, typing, undo, revisions, preflight."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.compose.issue import IssueComposer
from app.compose.wraps import overlaps
from app.edit.placement import default_span
from app.model import Frame
from app.store import Library
from tests.sample_helpers import sample_library
from tests.widgets.window_helpers import shown_window
from widgets.article_bin import MIME_ARTICLE, article_from_mime, article_mime
from widgets.editor_menus import restore_revision, save_revision
from widgets.editor_window import EditorWindow
from widgets.recent import RecentLibraries


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "lib.banmian"


@pytest.fixture
def library(path: Path) -> Iterator[Library]:
    with sample_library(path.parent, path.name) as lib:
        yield lib


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    return shown_window(qtbot, library, composer, tmp_path)


def named(win: EditorWindow, name: str) -> Frame:
    return next(f for fs in win.editor.doc.frames.values() for f in fs if f.name == name)


def shown(win: EditorWindow, frame_id: int) -> bool:
    """Whether the canvas shows text set in the frame (glyph runs it owns)."""
    return any(r.owner == f"frame-{frame_id}" for r in win.canvas.page().glyph_runs())


def view_point(win: EditorWindow, x: float, y: float) -> QPointF:
    return QPointF(win.canvas.mapFromScene(QPointF(x, y)))


def mouse(win: EditorWindow, kind: QEvent.Type, x: float, y: float, held: bool = True) -> None:
    pos = view_point(win, x, y)
    button = Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        pos,
        QPointF(win.canvas.viewport().mapToGlobal(pos.toPoint())),
        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        button if held else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(win.canvas.viewport(), event)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying hanzi, as an input method delivers them (QTest only types ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def drag(win: EditorWindow, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Press, move in small steps (each crossing grid lines commits), release."""
    mouse(win, QEvent.Type.MouseButtonPress, *start)
    for i in range(1, 9):
        t = i / 8
        x = start[0] + (end[0] - start[0]) * t
        y = start[1] + (end[1] - start[1]) * t
        mouse(win, QEvent.Type.MouseMove, x, y)
    mouse(win, QEvent.Type.MouseButtonRelease, *end, held=False)


def drop(win: EditorWindow, data: QMimeData, x: float, y: float) -> bool:
    """A drag entering the canvas, moving to (x, y) and dropping there, as Qt delivers it."""
    pos = view_point(win, x, y)
    args = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(pos.toPoint(), *args)
    QApplication.sendEvent(win.canvas.viewport(), enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(win.canvas.viewport(), QDragMoveEvent(pos.toPoint(), *args))
    event = QDropEvent(pos, *args)
    QApplication.sendEvent(win.canvas.viewport(), event)
    return event.isAccepted()


def test_drag_an_article_from_the_bin_onto_page_2(
    window: EditorWindow, library: Library, path: Path, qtbot
) -> None:
    grid = window.editor.grid
    third = named(window, "p2-third")
    window.editor.delete_frame(third.id)  # type: ignore[arg-type]
    assert window.bin.ids() == [third.article_id]
    row = window.bin.tree.topLevelItem(0)
    article = window.editor.article(third.article_id)  # type: ignore[arg-type]
    assert row.text(1) == str(article.char_count) and row.text(2) == "已编"
    data = window.bin.tree.mimeData([row])  # what dragging the row carries
    assert article_from_mime(data) == third.article_id
    window.pages.setCurrentRow(1)
    assert window.canvas.page().number == 2
    depth = window.editor.session.depth()[0]
    x, y = grid.column_x(0) + 40, 700.0  # into the space p2-third left (columns 0–3)
    assert drop(window, data, x, y)
    [frame] = library.frames_of_article(third.article_id)  # type: ignore[arg-type]
    span = default_span(article, grid)  # 1,292 字 → 4 栏
    assert span == 4
    assert frame.page_id == window.editor.page(1).id
    assert (frame.x, frame.w, frame.columns) == (grid.column_x(0), grid.span_width(span), span)
    assert frame.y == grid.snap_y(y)
    assert frame.y + frame.h <= grid.type_bottom + 1e-6
    assert window.editor.session.depth() == (depth + 1, 0)
    assert window.editor.session.undo_label() == "放置稿件"
    assert window.canvas.selected == frame.id
    assert window.bin.ids() == []
    assert shown(window, frame.id)  # type: ignore[arg-type]
    with Library.open(path) as other:  # on disk already, before any save
        assert other.frames_of_article(third.article_id) == [frame]  # type: ignore[arg-type]
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.frames_of_article(third.article_id) == []  # type: ignore[arg-type]
    assert window.bin.ids() == [third.article_id]
    assert not shown(window, frame.id)  # type: ignore[arg-type]
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, shift_ctrl)
    assert library.frames_of_article(third.article_id) == [frame]  # type: ignore[arg-type]
    assert shown(window, frame.id)  # type: ignore[arg-type]


def test_garbage_or_foreign_drops_are_refused(window: EditorWindow) -> None:
    data = QMimeData()
    data.setData(MIME_ARTICLE, b"not-a-number")
    assert article_from_mime(data) is None
    assert not drop(window, data, 200.0, 300.0)
    text = QMimeData()
    text.setText("随便一段文字")
    assert not drop(window, text, 200.0, 300.0)
    assert window.editor.session.depth() == (0, 0)
    assert article_from_mime(article_mime(42)) == 42


def test_dropping_a_picture_file_makes_an_image_frame(window: EditorWindow, tmp_path: Path) -> None:
    picture = tmp_path / "现场.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 100, 160)).save(buf, "JPEG")
    picture.write_bytes(buf.getvalue())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(picture))])
    window.pages.setCurrentRow(3)
    third = named(window, "p4-third")
    assert drop(window, data, 300.0, third.y + 40)  # onto a story: set into it, wrapped
    frame = window.canvas.selected_frame()
    assert frame is not None and frame.kind == "image" and frame.props["wrap"]
    assert third.x <= frame.x and frame.x + frame.w <= third.x + third.w
    assert third.y <= frame.y and frame.y + frame.h <= third.y + third.h
    assert window.editor.library.asset(frame.props["asset"]).data == picture.read_bytes()
    assert window.editor.session.undo_label() == "添加图片"


def test_a_picture_dropped_on_a_picture_takes_its_place(
    window: EditorWindow, tmp_path: Path
) -> None:
    picture = tmp_path / "换图.png"
    Image.new("RGB", (600, 400), (200, 30, 30)).save(picture)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(picture))])
    window.pages.setCurrentRow(3)
    old = named(window, "p4-picture")
    count = len(window.editor.doc.frames[old.page_id])  # type: ignore[index]
    assert drop(window, data, old.x + 30, old.y + 30)
    now = window.editor.frame(old.id)  # type: ignore[arg-type]
    assert (now.x, now.y, now.w, now.h) == (old.x, old.y, old.w, old.h)
    assert window.editor.library.asset(now.props["asset"]).data == picture.read_bytes()
    assert len(window.editor.doc.frames[old.page_id]) == count  # type: ignore[index]
    assert window.canvas.selected == old.id
    assert window.editor.session.undo_label() == "替换图片"
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.frame(old.id).props["asset"] == old.props["asset"]  # type: ignore[arg-type]


def test_dragging_a_frame_moves_it_on_the_grid_in_one_undo_step(window: EditorWindow) -> None:
    grid = window.editor.grid
    window.pages.setCurrentRow(1)
    second = named(window, "p2-second")
    start = (second.x + 30, second.y + 60)
    drag(window, start, (start[0] - grid.column_width - grid.gutter, start[1] + 5 * grid.leading))
    moved = window.editor.frame(second.id)  # type: ignore[arg-type]
    assert moved.x == grid.column_x(3)
    assert moved.y == pytest.approx(second.y + 5 * grid.leading)
    assert moved.y == pytest.approx(grid.snap_y(moved.y))
    assert window.editor.session.depth() == (1, 0)
    assert window.editor.session.undo_label() == "移动版框"
    window.actions.undo.trigger()
    assert window.editor.frame(second.id) == second  # type: ignore[arg-type]


def test_resizing_with_a_handle_changes_the_overset_count(window: EditorWindow) -> None:
    window.pages.setCurrentRow(1)
    lead = named(window, "p2-lead")
    owner = f"frame-{lead.id}"

    def overset() -> int:
        return next(f.overset for f in window.canvas.page().frames if f.id == owner)

    assert overset() == 0
    mouse(window, QEvent.Type.MouseButtonPress, lead.x + 20, lead.y + 20)
    mouse(window, QEvent.Type.MouseButtonRelease, lead.x + 20, lead.y + 20, held=False)
    assert window.canvas.selected == lead.id
    assert (
        "33 行" in window.inspector.geometry.text() and "4 栏" in window.inspector.geometry.text()
    )
    bottom = (lead.x + lead.w / 2, lead.y + lead.h)
    drag(window, bottom, (bottom[0], lead.y + lead.h / 2))
    resized = window.editor.frame(lead.id)  # type: ignore[arg-type]
    assert resized.h < lead.h and resized.h % window.editor.grid.leading == pytest.approx(0)
    assert overset() > 0
    assert window.inspector.fill.text() == f"超{overset()}字"
    assert window.editor.session.depth() == (1, 0)
    window.actions.undo.trigger()
    assert overset() == 0


def test_arrow_keys_nudge_and_delete_removes(window: EditorWindow, qtbot) -> None:
    grid = window.editor.grid
    window.pages.setCurrentRow(2)
    picture = named(window, "p3-picture")
    window.canvas.select(picture.id)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Down)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    moved = window.editor.frame(picture.id)  # type: ignore[arg-type]
    assert moved.y == pytest.approx(picture.y + grid.leading)
    assert moved.x == pytest.approx(picture.x + grid.column_width + grid.gutter)
    assert window.actions.delete.isEnabled()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    with pytest.raises(KeyError):
        window.editor.frame(picture.id)  # type: ignore[arg-type]
    assert window.canvas.selected is None
    assert window.editor.session.depth() == (3, 0)


def test_typing_in_the_inspector_recomposes_the_page(window: EditorWindow, qtbot) -> None:
    window.pages.setCurrentRow(1)
    lead = named(window, "p2-lead")
    window.canvas.select(lead.id)
    assert window.inspector.article_id == lead.article_id
    body = window.inspector.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_text(body, "增补的一句话")
    qtbot.waitUntil(lambda: "增补的一句话" in window.canvas.page().text(), timeout=3000)
    stored = window.editor.library.article(lead.article_id)  # type: ignore[arg-type]
    assert stored.paragraphs[-1].endswith("增补的一句话")
    assert window.editor.session.depth() == (1, 0)  # the keystrokes are one step
    assert body.toPlainText().endswith("增补的一句话")  # the field kept what was typed
    window.actions.undo.trigger()
    assert "增补的一句话" not in window.canvas.page().text()
    assert not body.toPlainText().endswith("增补的一句话")


def test_named_revision_round_trip(window: EditorWindow) -> None:
    before = window.editor.pages()
    assert save_revision(window, "二校前")
    window.editor.delete_frame(named(window, "p5-lead").id)  # type: ignore[arg-type]
    [revision] = window.editor.revisions()
    assert revision.name == "二校前"
    assert restore_revision(window, revision.id)
    assert window.editor.pages() == before
    assert window.editor.session.undo_label() == "恢复版本"


def test_preflight_finding_click_goes_to_its_page_and_frame(window: EditorWindow) -> None:
    lead = named(window, "p4-lead")
    window.editor.set_frame_rect(lead.id, lead.x, lead.y, lead.w, lead.h / 3)  # type: ignore[arg-type]
    window.actions.preflight.trigger()
    findings = window.preflight_panel.findings()
    cut = ("overset", "story_cut")  # the story's last frame: preflight says it is cut
    overset = [f for f in findings if f.code in cut and f.frame == f"frame-{lead.id}"]
    assert overset and overset[0].page == 4
    row = findings.index(overset[0])
    window.pages.setCurrentRow(0)
    item = window.preflight_panel.list.item(row)
    window.preflight_panel.list.itemClicked.emit(item)
    assert window.current_index() == 3 and window.canvas.selected == lead.id


def test_export_with_progress_writes_the_pdf(window: EditorWindow, tmp_path: Path) -> None:
    import pypdfium2

    out = tmp_path / "issue.pdf"
    assert window.export_pdf(str(out))
    assert len(pypdfium2.PdfDocument(out)) == 8
    assert str(out) in window.statusBar().currentMessage()


def test_pages_panel_shows_thumbnails_and_status(window: EditorWindow, qtbot) -> None:
    assert window.pages.thumbnails()
    # painted after the window is up, one page per turn of the event loop
    qtbot.waitUntil(lambda: not window._stale, timeout=5000)
    for i in range(window.pages.count()):
        assert not window.pages.item(i).icon().isNull()
    assert window.pages.status(1) == ("正常", False)
    lead = named(window, "p2-lead")
    window.editor.set_frame_rect(lead.id, lead.x, lead.y, lead.w, lead.h / 2)  # type: ignore[arg-type]
    text, problem = window.pages.status(1)
    assert problem and text.startswith("超")
    before = window.pages.item(1).icon().pixmap(60, 90).toImage()
    qtbot.waitUntil(lambda: not window._stale, timeout=3000)
    assert window.pages.item(1).icon().pixmap(60, 90).toImage() != before


def test_bin_filter(window: EditorWindow) -> None:
    for name in ("p6-third", "p7-third"):
        window.editor.delete_frame(named(window, name).id)  # type: ignore[arg-type]
    assert len(window.bin.ids()) == 2
    headline = window.editor.article(window.bin.ids()[0]).headline
    window.bin.filter.setText(headline[:5])
    assert window.bin.ids() == [a.id for a in window.editor.bin(headline[:5])]
    window.bin.filter.setText("不存在的标题")
    assert window.bin.ids() == []


def test_menus_and_fit_width(window: EditorWindow) -> None:
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == [
        "文件(&F)",
        "期次(&I)",
        "编辑(&E)",
        "版本(&R)",
        "校对(&P)",
        "版面(&L)",
        "协作(&C)",
        "视图(&V)",
    ]
    assert window.actions.save_revision.shortcut().toString() == "Ctrl+S"
    canvas = window.canvas
    canvas.fit_width()
    page = canvas.page()
    left, right = canvas.mapFromScene(0, 0).x(), canvas.mapFromScene(page.width, 0).x()
    assert left >= 0 and right <= canvas.viewport().width()
    assert (right - left) / canvas.viewport().width() > 0.85
    assert canvas.fit_mode() == "width"


def test_recent_libraries(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat)
    recent = RecentLibraries(settings)
    a, b = tmp_path / "a.banmian", tmp_path / "b.banmian"
    a.write_bytes(b"")
    b.write_bytes(b"")
    recent.add(a)
    recent.add(b)
    recent.add(a)
    assert recent.paths() == [str(a.resolve()), str(b.resolve())]
    b.unlink()
    assert recent.paths() == [str(a.resolve())]


def test_continue_a_story_on_another_page_and_add_a_qr_slot(window: EditorWindow) -> None:
    window.pages.setCurrentRow(1)
    lead = named(window, "p2-lead")
    window.editor.set_frame_rect(lead.id, lead.x, lead.y, lead.w, lead.h / 2)  # type: ignore[arg-type]
    window.canvas.select(lead.id)
    window.pages.setCurrentRow(3)
    window.canvas.fit_page()
    window.actions.continue_story.trigger()  # page 4 is full: nothing is put over its stories
    assert len(window.editor.doc.thread(lead.article_id)) == 1  # type: ignore[arg-type]
    assert "空位" in window.statusBar().currentMessage()
    window.editor.delete_frame(named(window, "p4-third").id)  # type: ignore[arg-type]
    window.canvas.centerOn(0, 0)  # the view's middle is not where it goes
    window.actions.continue_story.trigger()
    thread = window.editor.doc.thread(lead.article_id)  # type: ignore[arg-type]
    assert [window.editor.page_index(f.page_id) for f in thread] == [1, 3]
    grid = window.editor.grid
    # the largest free space: what p4-third left and the free line above it
    assert (thread[1].x, thread[1].y) == (grid.column_x(0), grid.type_top + 45 * grid.leading)
    assert window.canvas.selected == thread[1].id and thread[1].thread_index == 1
    assert "下转第4版" in window.editor.composed_page(1).text()
    assert "上接第2版" in window.canvas.page().text()
    window.editor.delete_frame(named(window, "p4-brief").id)  # type: ignore[arg-type]  # room
    window.actions.qr.trigger()
    qr = window.canvas.selected_frame()
    assert qr is not None and qr.kind == "qr"
    assert any(
        type(i).__name__ == "QRItem" and i.owner == f"frame-{qr.id}"
        for i in window.canvas.page().items
    )
    assert window.editor.session.depth() == (5, 0)
    assert not overlaps(window.editor.doc.frames[thread[1].page_id])  # type: ignore[index]


def test_space_left_shows_as_que_n_zi(window: EditorWindow) -> None:
    lead = named(window, "lead")  # fitted to its story: two lines deeper leave room at its foot
    window.editor.set_frame_rect(
        lead.id, lead.x, lead.y, lead.w, lead.h + 2 * window.editor.grid.leading
    )  # type: ignore[arg-type]
    info = next(f for f in window.canvas.page().frames if f.id == f"frame-{lead.id}")
    assert info.overset == 0 and info.space_left > 0
    window.canvas.select(lead.id)
    assert window.inspector.fill.text() == f"缺{info.space_left}字"
    assert window.inspector.headline.text() == window.editor.article(lead.article_id).headline  # type: ignore[arg-type]


def test_proof_menu_opens_a_round_and_its_proof_view(window: EditorWindow) -> None:
    from widgets.proof_menu import show_proof, start_round

    titles = [a.text().split("(")[0] for a in window.menuBar().actions()]
    assert "校对" in titles and titles.index("校对") < titles.index("视图")
    round_id = start_round(window, "一校", "校对甲")
    rnd = window.editor.library.proof_round(round_id)
    assert rnd.kind == "一校" and len(rnd.page_ids) == 8
    view = show_proof(window, round_id)
    assert len(view.session.pages) == 8
    assert view.session.pdf.startswith(b"%PDF-1.3")  # the print file itself, not a re-render
    view.close()


def test_the_window_fits_a_laptop_screen_with_a_story_selected(window: EditorWindow, qtbot) -> None:
    """The inspector's sections (headline, type, picture, wrap) scroll inside their dock: a
    story selected must not make the window taller than a 1366 × 768 screen's work area."""
    window.show()
    window.canvas.select(named(window, "lead").id)
    qtbot.wait(10)
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: window.height() == 700, timeout=2000)
    assert window.minimumSizeHint().height() <= 700
