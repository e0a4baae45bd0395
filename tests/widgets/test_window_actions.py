"""The editor window owns its actions (nothing patched in from outside), proof actions undo like every edit, and a drop's preview is the frame the drop makes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.compose.issue import IssueComposer
from app.model.proof import Mark, Rect
from app.proof.rounds import add_mark
from app.store import Library
from tests.widgets.window_helpers import shown_window
from widgets.article_bin import article_mime
from widgets.editor_menus import EditorActions, build_editor_actions
from widgets.editor_window import EditorWindow
from widgets.proof_menu import show_proof, start_round


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    return shown_window(qtbot, library, composer, tmp_path)


# -- the window owns its actions --------------------------------------------------------------


def test_the_window_holds_its_actions_and_building_them_sets_nothing_on_it(
    window: EditorWindow,
) -> None:
    assert isinstance(window.actions, EditorActions)
    assert window.actions.save_revision.shortcut().toString() == "Ctrl+S"
    assert window.actions.proof.require_signoff.isCheckable()
    titles = [a.text().split("(")[0] for a in window.menuBar().actions()]
    assert titles == ["文件", "期次", "编辑", "版本", "校对", "版面", "协作", "视图"]
    before = dict(vars(window))
    again = build_editor_actions(window)  # what the window did while it was being built
    assert dict(vars(window)) == before  # returned, not attached
    assert again is not window.actions and again.undo is not window.actions.undo


def test_fit_to_text_shortens_the_selected_story_frame_as_one_undo_step(
    window: EditorWindow,
) -> None:
    editor = window.editor
    lead = next(f for fs in editor.doc.frames.values() for f in fs if f.name == "p2-lead")
    leading = editor.grid.leading
    editor.set_frame_rect(lead.id, lead.x, lead.y, lead.w, lead.h + 3 * leading)  # type: ignore[arg-type]
    window.pages.setCurrentRow(1)
    masthead = next(f for fs in editor.doc.frames.values() for f in fs if f.name == "masthead")
    window.canvas.select(masthead.id)
    assert not window.actions.fit_frame.isEnabled()  # furniture has no text to fit
    window.canvas.select(lead.id)
    assert window.actions.fit_frame.isEnabled()
    window.actions.fit_frame.trigger()
    assert editor.session.undo_label() == "适配高度"
    assert editor.frame(lead.id).h <= lead.h + 0.01  # type: ignore[arg-type]
    window.actions.undo.trigger()
    assert editor.frame(lead.id).h == pytest.approx(lead.h + 3 * leading)  # type: ignore[arg-type]


# -- proof actions are undo steps -------------------------------------------------------------


def test_opening_a_round_is_undone_and_redone_under_its_id(window: EditorWindow) -> None:
    lib, session = window.editor.library, window.editor.session
    issue_id = window.editor.doc.issue.id
    round_id = start_round(window, "一校", "校对甲")
    assert session.undo_label() == "开始校次" and window.actions.undo.isEnabled()
    view = show_proof(window, round_id)
    assert view.isVisible()
    snapshot = lib.round_snapshot(round_id, window.editor.page(0).id)
    window.actions.undo.trigger()
    assert lib.proof_rounds(issue_id) == []  # type: ignore[arg-type]
    assert not view.isVisible()  # its round is gone: the proof view closed with it
    window.actions.redo.trigger()
    (again,) = lib.proof_rounds(issue_id)  # type: ignore[arg-type]
    assert again.id == round_id and again.kind == "一校" and len(again.page_ids) == 8
    assert lib.round_snapshot(round_id, window.editor.page(0).id) == snapshot


def test_a_round_with_marks_is_not_undone_and_says_why(window: EditorWindow) -> None:
    lib = window.editor.library
    round_id = start_round(window, "一校", "校对甲")
    page_id = window.editor.page(1).id
    add_mark(lib, Mark(round_id, page_id, Rect(4, 300, 14, 14), "说明", note="版心外"))  # type: ignore[arg-type]
    window.actions.undo.trigger()
    assert lib.proof_round(round_id).kind == "一校" and len(lib.marks(round_id=round_id)) == 1
    assert "不能撤销" in window.statusBar().currentMessage()
    assert window.editor.session.undo_label() == "开始校次"  # still there to undo later


def test_resolving_a_mark_in_the_dock_is_undone_and_redone(window: EditorWindow) -> None:
    lib = window.editor.library
    round_id = start_round(window, "一校", "校对甲")
    page_id = window.editor.page(1).id
    mark = add_mark(lib, Mark(round_id, page_id, Rect(4, 300, 14, 14), "说明", note="版心外"))  # type: ignore[arg-type]
    window.refresh_marks()
    panel = window.marks_panel
    assert panel.mark_ids() == [mark.id]
    assert panel.resolve(mark.id, "rejected")  # type: ignore[arg-type]
    resolved = lib.mark(mark.id)  # type: ignore[arg-type]
    assert resolved.status == "rejected" and panel.count() == 0
    assert window.editor.session.undo_label() == "处理校对标记"
    window.actions.undo.trigger()
    assert lib.mark(mark.id) == mark  # type: ignore[arg-type]
    assert panel.mark_ids() == [mark.id]  # back in the list at once
    window.actions.redo.trigger()
    assert lib.mark(mark.id) == resolved and panel.count() == 0  # type: ignore[arg-type]


# -- the drop preview is the drop ---------------------------------------------------------------


def drag_over(win: EditorWindow, data: QMimeData, x: float, y: float) -> QRectF | None:
    """Enter and move over the canvas to (x, y) as Qt delivers it; the preview it shows."""
    pos = QPointF(win.canvas.mapFromScene(QPointF(x, y))).toPoint()
    common = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(win.canvas.viewport(), QDragEnterEvent(pos, *common))
    QApplication.sendEvent(win.canvas.viewport(), QDragMoveEvent(pos, *common))
    preview = win.canvas._drop
    event = QDropEvent(QPointF(pos), *common)
    QApplication.sendEvent(win.canvas.viewport(), event)
    assert event.isAccepted()
    return preview


def frame_rect(win: EditorWindow) -> QRectF:
    frame = win.canvas.selected_frame()
    assert frame is not None
    return QRectF(frame.x, frame.y, frame.w, frame.h)


@pytest.mark.parametrize(
    ("name", "x", "y"),
    [("p2-third", 300.0, 700.0), ("p2-third", 40.0, 90.0), ("p2-third", 520.0, 1_400.0)],
)
def test_a_storys_preview_is_the_frame_its_drop_makes(
    window: EditorWindow, name: str, x: float, y: float
) -> None:
    frame = next(f for fs in window.editor.doc.frames.values() for f in fs if f.name == name)
    window.editor.delete_frame(frame.id)  # type: ignore[arg-type]
    window.pages.setCurrentRow(1)
    preview = drag_over(window, article_mime(frame.article_id), x, y)  # type: ignore[arg-type]
    assert preview is not None and preview == frame_rect(window)
    assert window.canvas._drop is None  # gone once dropped


@pytest.mark.parametrize("size", [(800, 600), (600, 900), (2000, 500)])
def test_a_pictures_preview_is_the_frame_its_drop_makes(
    window: EditorWindow, tmp_path: Path, size: tuple[int, int]
) -> None:
    picture = tmp_path / "现场.jpg"
    buf = io.BytesIO()
    Image.new("RGB", size, (40, 100, 160)).save(buf, "JPEG")
    picture.write_bytes(buf.getvalue())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(picture))])
    window.pages.setCurrentRow(3)
    preview = drag_over(window, data, 300.0, 400.0)
    assert preview is not None and preview == frame_rect(window)
