"""Type controls in the window (pytest-qt, offscreen, real mouse and key events): the inspector's 版式 section sets a story's 字号 in 号 or points, faces, 行距, indent, columns and gutter, and its headline style; the 版式表 edits the paper's named styles live; every change is one document undo step, refused input changes nothing, and both speak one language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from app.compose.issue import IssueComposer, owner_id
from app.model import Frame
from app.store import Library
from layouts.units import HAO, mm
from tests.widgets.ui_text import paper_content, ui_texts, wrong_language
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow
from widgets.i18n import install_language, uninstall_language
from widgets.type_controls import parse_size

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    win = shown_window(qtbot, library, composer, tmp_path, size=(1400, 1000))
    win.pages.setCurrentRow(1)
    return win


def frame_named(win: EditorWindow, name: str) -> Frame:
    return next(f for fs in win.editor.doc.frames.values() for f in fs if f.name == name)


def click_frame(win: EditorWindow, qtbot, name: str) -> Frame:
    frame = frame_named(win, name)
    win.canvas.centerOn(frame.x + frame.w / 2, frame.y + frame.h / 2)
    point = win.canvas.mapFromScene(frame.x + frame.w / 2, frame.y + frame.h - 20)
    qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, NONE, point)
    assert win.canvas.selected == frame.id
    return frame


def body_sizes(win: EditorWindow, frame: Frame) -> set[tuple[str, float]]:
    page = win.editor.composed_page(win.editor.page_index(frame.page_id))
    runs = [r for r in page.glyph_runs() if r.owner == owner_id(frame)]
    sizes = [r.size for r in runs for _ in r.text]
    body = max(set(sizes), key=sizes.count)
    return {(r.font, r.size) for r in runs if r.size == body}


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Select what the field holds, type `text` as key events with text (an input method's
    way too) and press Enter."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, NONE, ch))
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def pick(qtbot, combo: QComboBox, shown: str) -> None:
    """Open a list, go to one of its entries with the arrow keys and take it with Enter (one
    choice: arrows on a closed list would choose every entry on the way)."""
    target = combo.findText(shown)
    assert target >= 0, shown
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    while view.currentIndex().row() != target:
        down = view.currentIndex().row() < target
        qtbot.keyClick(view, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert combo.currentIndex() == target


def test_sizes_read_as_the_desk_says_them() -> None:
    assert parse_size("小四") == "小四"
    assert parse_size("10.5") == "五号" and parse_size("10.5pt") == "五号"
    assert parse_size("11") == "11pt"
    assert parse_size("小四 (12pt)") == "小四"
    for bad in ("大五", "", "3", "500pt"):
        assert parse_size(bad) is None


def test_the_section_shows_what_the_story_is_set_in(window: EditorWindow, qtbot) -> None:
    panel = window.inspector.type
    click_frame(window, qtbot, "p2-picture")
    assert not panel.isVisibleTo(window.inspector)  # a picture has no type
    frame = click_frame(window, qtbot, "p2-lead")
    assert panel.isVisibleTo(window.inspector)
    assert panel.body_size.currentText() == "小五 (9pt)"
    assert panel.head_size.currentText() == "一号 (26pt)"
    assert panel.body_face.currentText() == "书宋" and panel.head_face.currentText() == "标宋"
    assert panel.columns.value() == frame.columns
    assert panel.head_style.currentText() == "按级别（版面头条）"
    assert not panel.reset.isEnabled()  # nothing of its own yet


def test_body_size_in_hao_or_points_each_one_undo_step(window: EditorWindow, qtbot) -> None:
    frame = click_frame(window, qtbot, "p2-lead")
    panel = window.inspector.type
    type_into(qtbot, panel.body_size.lineEdit(), "小四")
    assert body_sizes(window, frame) == {("song", HAO["小四"])}
    assert panel.body_size.currentText() == "小四 (12pt)"
    type_into(qtbot, panel.body_size.lineEdit(), "10.5")  # points: 五号 by its name
    assert body_sizes(window, frame) == {("song", HAO["五号"])}
    assert panel.body_size.currentText() == "五号 (10.5pt)"
    assert window.editor.session.undo_label() == "设置版式"
    qtbot.keyClick(panel.body_size.lineEdit(), Qt.Key.Key_Z, CTRL)  # the document's undo
    assert body_sizes(window, frame) == {("song", HAO["小四"])}
    assert panel.body_size.currentText() == "小四 (12pt)"
    type_into(qtbot, panel.body_size.lineEdit(), "大五")  # no such size: nothing changes
    assert panel.body_size.currentText() == "小四 (12pt)"
    assert window.editor.session.depth() == (1, 1)


def test_faces_headline_style_and_alignment_from_the_lists(window: EditorWindow, qtbot) -> None:
    frame = click_frame(window, qtbot, "p2-lead")
    panel = window.inspector.type
    pick(qtbot, panel.body_face, "楷体")
    assert body_sizes(window, frame) == {("kai", HAO["小五"])}
    pick(qtbot, panel.head_style, "简讯")
    assert panel.head_size.currentText() == "小二 (18pt)"  # the brief's 主题 at four columns
    assert panel.head_face.currentText() == "黑体"
    pick(qtbot, panel.head_align, "居左")
    assert window.editor.story_frame(frame.id).props["headline_align"] == "left"  # type: ignore[arg-type]
    assert panel.reset.isEnabled()
    qtbot.mouseClick(panel.reset, Qt.MouseButton.LeftButton)  # 恢复样式
    assert body_sizes(window, frame) == {("song", HAO["小五"])}
    assert panel.head_size.currentText() == "一号 (26pt)"
    qtbot.keyClick(panel.reset, Qt.Key.Key_Z, CTRL)
    assert body_sizes(window, frame) == {("kai", HAO["小五"])}


def test_leading_indent_columns_and_gutter(window: EditorWindow, qtbot) -> None:
    frame = click_frame(window, qtbot, "p2-lead")
    panel = window.inspector.type
    type_into(qtbot, panel.gap.spin, "1")  # one 字 between lines: 18 pt from baseline to baseline
    first = window.editor.story_frame(frame.id)  # type: ignore[arg-type]
    assert first.props["leading"] == pytest.approx(HAO["小五"] * 2)
    type_into(qtbot, panel.indent, "0")
    assert window.editor.story_frame(frame.id).props["indent"] == 0  # type: ignore[arg-type]
    type_into(qtbot, panel.columns, "3")
    assert window.editor.frame(frame.id).columns == 3  # type: ignore[arg-type]
    pick(qtbot, panel.gutter.unit, "毫米")
    type_into(qtbot, panel.gutter.spin, "6")
    assert window.editor.frame(frame.id).props["gutter"] == pytest.approx(mm(6), abs=0.01)  # type: ignore[arg-type]
    assert window.editor.session.depth() == (4, 0)


def test_the_house_style_table_is_edited_live_and_undone(window: EditorWindow, qtbot) -> None:
    frame = click_frame(window, qtbot, "p2-lead")
    qtbot.mouseClick(window.inspector.type.styles, Qt.MouseButton.LeftButton)
    dialog = window.inspector.type.dialog
    assert dialog is not None and dialog.isVisible()
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert rows[0].startswith("头版头条") and any(r.startswith("正文") for r in rows)
    dialog.list.setFocus()
    while not dialog.list.currentItem().text().startswith("正文"):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    pick(qtbot, dialog.p_face, "楷体")
    assert body_sizes(window, frame) == {("kai", HAO["小五"])}  # every page at once
    assert window.editor.library.house_style().paragraph("正文").font == "kai"
    assert window.editor.session.undo_label() == "修改版式表"
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, CTRL)
    assert body_sizes(window, frame) == {("song", HAO["小五"])}
    assert dialog.p_face.currentText() == "书宋"  # the dialog follows the undo


def test_the_controls_speak_english_when_chosen(
    qtbot, library: Library, composer: IssueComposer, tmp_path: Path
) -> None:
    install_language("en")
    try:
        settings = QSettings(str(tmp_path / "en.ini"), QSettings.Format.IniFormat)
        window = shown_window(qtbot, library, composer, settings, size=(1400, 1000))
        window.pages.setCurrentRow(1)
        click_frame(window, qtbot, "p2-lead")
        dialog = window.inspector.type.open_styles()
        assert window.inspector.type.body_size.currentText() == "9pt"
        content = paper_content(library)
        bad = wrong_language(ui_texts(window.inspector) + ui_texts(dialog), "en", content)
        assert bad == []
        dialog.close()
        window.close()
    finally:
        uninstall_language()


def test_the_headline_size_shown_is_the_one_set_on_the_page(window: EditorWindow, qtbot) -> None:
    window.pages.setCurrentRow(0)
    click_frame(window, qtbot, "lead")  # the front lead's 主题 steps down to fit one line
    assert window.inspector.type.head_size.currentText() == "小初 (36pt)"
