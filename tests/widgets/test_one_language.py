"""One language at a time (pytest-qt, offscreen): the open window — menus, buttons, labels, docks, lists, tooltips, the proof view — speaks Chinese in zh_CN and English when English is chosen from its menu; Qt's own dialogs speak Chinese; the core's bilingual messages are shown in one language; a picture that cannot be read is said in plain words in a dialog."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
)

from app.model.proof import Mark, Rect
from app.proof.rounds import add_mark
from app.store import Library, LibraryError
from tests.widgets.ui_text import paper_content, ui_texts, wrong_language
from tests.widgets.user_input import Modals
from widgets.desk import Desk
from widgets.editor_window import EditorWindow
from widgets.i18n import (
    current_language,
    install_language,
    one_language,
    split_bilingual,
    uninstall_language,
)
from widgets.proof_menu import show_proof, start_round


@pytest.fixture
def desk(qtbot, library: Library, tmp_path: Path) -> Iterator[Desk]:
    """The app as run_editor starts it, in Chinese with Qt's own Chinese; back to no
    translators afterwards (other tests expect Qt's English)."""
    install_language("zh")
    desk = Desk(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = desk.show(library)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    yield desk
    for w in QApplication.topLevelWidgets():
        if isinstance(w, EditorWindow):
            w.close()
    uninstall_language()


def busy_window(window: EditorWindow) -> None:
    """The window as a desk sees it mid-issue: a story selected, preflight run, a proof
    round open with a mark in the marks dock, the proof view open."""
    lib = window.editor.library
    story = next(f for fs in window.editor.doc.frames.values() for f in fs if f.kind == "article")
    window.canvas.select(story.id)
    window.preflight_panel.button.click()
    round_id = start_round(window, "一校", "校对甲")
    page_id = window.editor.page(0).id
    add_mark(lib, Mark(round_id, page_id, Rect(40, 300, 14, 14), "删除", note="多字"))  # type: ignore[arg-type]
    window.refresh_marks()
    show_proof(window, round_id)
    window.actions.issues.issue_list.trigger()  # 期次 ▸ 期次列表…, left open


def walk_modal(qtbot, language: str, trigger: QAction) -> list[str]:
    """What is in the wrong language in the modal dialog an action opens (then cancelled)."""
    found: list[str] = []

    def look(dialog: QDialog) -> None:
        window = dialog.parent()
        content = paper_content(window.editor.library)  # type: ignore[union-attr]
        found.extend(wrong_language(ui_texts(dialog), language, content))
        found.append(dialog.windowTitle())
        dialog.reject()

    modals = Modals(qtbot, look)
    trigger.trigger()
    assert modals.done() and modals.failures == []
    return found


def test_the_window_speaks_chinese_only(qtbot, desk: Desk) -> None:
    window = desk.window
    assert window is not None
    busy_window(window)
    texts = ui_texts(window)
    assert len(texts) > 150  # the walk sees the window: menus, docks, lists, the proof view
    assert ("QDockWidget title", "校对标记") in texts
    bad = wrong_language(texts, "zh", paper_content(window.editor.library))
    assert bad == [], "\n".join(bad)
    assert walk_modal(qtbot, "zh", window.actions.issues.properties) == ["本期属性"]
    assert "Banmian" not in window.windowTitle() and "星期四" in window.windowTitle()


def test_english_chosen_from_the_menu_rebuilds_the_window_in_english(qtbot, desk: Desk) -> None:
    chinese = desk.window
    assert chinese is not None
    view_menu = chinese.view_menu
    assert [a.text() for a in view_menu.actions() if a.menu()][-1] == "界面语言"
    chinese.actions.languages["en"].trigger()  # 视图 ▸ 界面语言 ▸ English
    english = desk.window
    assert english is not None and english is not chinese and not chinese.isVisible()
    qtbot.addWidget(english)
    assert current_language() == "en" and english.actions.languages["en"].isChecked()
    assert english.editor.doc.issue.cumulative_number == chinese.editor.doc.issue.cumulative_number
    busy_window(english)
    texts = ui_texts(english)
    assert ("QDockWidget title", "Proof marks") in texts
    bad = wrong_language(texts, "en", paper_content(english.editor.library))
    assert bad == [], "\n".join(bad)
    assert walk_modal(qtbot, "en", english.actions.issues.properties) == ["Issue properties"]
    assert [a.text() for a in english.menuBar().actions()][:3] == ["&File", "&Issues", "&Edit"]
    english.actions.languages["zh"].trigger()  # and back, in the same way
    assert desk.window is not None and desk.window.actions.languages["zh"].isChecked()
    assert desk.window.menuBar().actions()[0].text() == "文件(&F)"


def while_modal(qtbot, check: Callable[[QApplication], None]) -> list[str]:
    """Run `check` on the modal dialog the next action opens (from a timer, as Qt's event
    loop runs it); failures are returned, since an exception there would be lost."""
    failures: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        try:
            check(dialog)  # type: ignore[arg-type]
        except AssertionError as e:
            failures.append(str(e) or "assertion failed")
            dialog.close()

    QTimer.singleShot(0, look)
    return failures


def test_qt_own_dialogs_speak_chinese(qtbot, desk: Desk) -> None:
    window = desk.window
    assert window is not None
    (window.library_path().parent / "往期").mkdir()  # a folder beside the library: "文件夹"

    def file_dialog(dialog: QFileDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        QApplication.processEvents()  # the folder's files listed
        texts = ui_texts(dialog)
        shown = {text for _, text in texts}
        assert {"查找范围(&L)：", "文件类型(&T)：", "取消", "打开(&O)"} <= shown, sorted(shown)
        assert {"名称", "类型", "修改日期", "文件夹"} <= shown, sorted(shown)
        folder = Path(dialog.directory().absolutePath())
        names = [*folder.parts, str(folder), *(p.name for p in folder.iterdir())]
        names += [p.suffix[1:] for p in folder.iterdir()]  # the type of a .banmian: "banmian 文件"
        names += [str(Path.home()), Path.home().name]  # the sidebar's places
        assert wrong_language(texts, "zh", names) == []
        dialog.reject()

    failures = while_modal(qtbot, file_dialog)
    window.actions.open_library.trigger()  # 文件 ▸ 打开库…
    assert failures == []

    def question(box: QMessageBox) -> None:
        assert isinstance(box, QMessageBox)
        buttons = [b.text() for b in box.findChildren(QDialogButtonBox)[0].buttons()]
        assert sorted(buttons) == ["否(&N)", "是(&Y)"], buttons
        assert "版未签发" in box.text() and "/" not in box.text()  # one language
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)

    failures = while_modal(qtbot, question)
    window.actions.proof.print_export.trigger()  # 校对 ▸ 付印导出…: pages not signed off
    assert failures == []


def test_a_broken_picture_is_said_in_plain_words_in_a_dialog(
    qtbot, desk: Desk, tmp_path: Path
) -> None:
    window = desk.window
    assert window is not None
    broken = tmp_path / "photo-0425.jpg"
    photo = io.BytesIO()
    Image.effect_noise((240, 180), 60).convert("RGB").save(photo, "JPEG")
    broken.write_bytes(photo.getvalue()[: len(photo.getvalue()) // 2])  # the copy broke off

    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(tmp_path))  # where the user went in the dialog
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        qtbot.keyClicks(name, broken.name)
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(
            buttons.button(QDialogButtonBox.StandardButton.Open), Qt.MouseButton.LeftButton
        )

    depth = window.editor.session.depth()
    failures = while_modal(qtbot, choose)
    window.actions.picture.trigger()  # 编辑 ▸ 置入图片…
    assert failures == []
    box = window.findChild(QMessageBox, "failure")
    assert box is not None and box.isVisible()
    assert box.text() == "图片已损坏或不完整：photo-0425.jpg"
    assert window.editor.session.depth() == depth  # nothing placed
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_core_messages_are_split_at_the_window() -> None:
    busy = (
        "版面库正被另一程序写入，等候30秒仍未轮到，修改未保存 / the library is busy: another "
        "program held it for 30 s, the change was not saved: /srv/报社/lib.banmian"
    )
    assert split_bilingual(busy) == (
        "版面库正被另一程序写入，等候30秒仍未轮到，修改未保存：/srv/报社/lib.banmian",
        busy.split(" / ", 1)[1],
    )
    head = "标题过长 / headline too wide: 石景山区召开市民热线工作交流推进会"
    assert split_bilingual(head)[0] == "标题过长：石景山区召开市民热线工作交流推进会"
    step = "未知签字步骤 / unknown step 'x': use 初审 复审 终审 签发"
    assert split_bilingual(step)[0] == "未知签字步骤"  # English prose is no detail
    assert split_bilingual("第1版未签发（待校） / page 1 not signed off (at 待校)") == (
        "第1版未签发（待校）",
        "page 1 not signed off (at 待校)",
    )
    assert split_bilingual("石景山报") == ("石景山报", "石景山报")
    assert split_bilingual("a / b") == ("a / b", "a / b")  # not a core message: left whole


def test_a_real_library_error_in_one_language(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as caught:
        Library.open(tmp_path / "none.banmian")
    zh, en = split_bilingual(str(caught.value))
    assert zh == one_language(str(caught.value)) and "none.banmian" in zh
    assert not any(
        "a" <= c.lower() <= "z" for c in zh.replace("none.banmian", "").replace(str(tmp_path), "")
    )
