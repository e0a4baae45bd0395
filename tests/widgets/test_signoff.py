"""Sign-off in the window (pytest-qt, offscreen, by mouse and keyboard): the 签字 dock signs 初审 → 复审 → 终审 → 签发 under app/proof's rules (order, one person one review, after 三校), closes proof rounds, each an undoable step; the pages panel shows who signed each page last and when; 付印导出 is gated like the CLI's print export — unsigned pages, then preflight errors named in a dialog with an explicit override."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QStyleOptionViewItem,
    QTabBar,
)

from app.compose.issue import IssueComposer
from app.store import Library
from tests.widgets.user_input import Modals, type_chinese, yes
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow
from widgets.print_gate import PreflightRefusal


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return shown_window(qtbot, library, composer, settings)


def show_page(qtbot, window: EditorWindow, index: int) -> None:
    """A click on the page's thumbnail in the pages panel."""
    item = window.pages.item(index)
    window.pages.scrollToItem(item)
    rect = window.pages.visualItemRect(item)
    qtbot.mouseClick(window.pages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_index() == index


def tabs(bar: QTabBar) -> list[str]:
    return [bar.tabText(i) for i in range(bar.count())]


def open_tab(qtbot, window: EditorWindow, title: str) -> None:
    """A click on a dock's tab (签字, 印前检查 …) where the right-hand docks share a place."""
    for bar in window.findChildren(QTabBar):
        for i in range(bar.count()):
            if bar.tabText(i) == title:
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
                return
    raise AssertionError(f"no tab {title}")


def sign_as(qtbot, window: EditorWindow, name: str) -> None:
    """Type the name (by input method) over the one there and press the sign button."""
    panel = window.signoff_panel
    qtbot.mouseClick(panel.name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(panel.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_chinese(panel.name, name)
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)


def refusal(window: EditorWindow) -> str:
    """The failure dialog's words, and the dialog closed by its button."""
    (box,) = [b for b in window.findChildren(QMessageBox, "failure") if b.isVisible()]
    text = box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    return text


def test_reviews_in_order_one_person_one_step_shown_under_the_page(
    qtbot, window: EditorWindow
) -> None:
    panel = window.signoff_panel
    (bar,) = [b for b in window.findChildren(QTabBar) if "签字" in tabs(b)]
    assert bar.tabText(bar.currentIndex()) == "属性"  # the inspector on top at start
    show_page(qtbot, window, 1)
    open_tab(qtbot, window, "签字")
    assert panel.isVisible() and panel.heading.text() == "第2版 综合新闻：现为待校"
    assert panel.sign_button.text() == "签初审" and not panel.sign_button.isEnabled()
    assert panel.row("初审") == ["初审", "", "", "待签"] and panel.row("复审")[3] == ""
    assert window.pages.signoff(1) == ("未签字", False)
    sign_as(qtbot, window, "张编辑")
    step, person, at, _note = panel.row("初审")
    assert (step, person) == ("初审", "张编辑") and at
    line, done = window.pages.signoff(1)  # type: ignore[misc]
    assert line.startswith("初审 张编辑\n") and not done
    # Thumbnails are sized like the first (unsigned: one line less): the same room for all,
    # or page 2's label would slide under its thumbnail
    option = QStyleOptionViewItem()
    option.widget = window.pages
    option.fontMetrics = window.pages.fontMetrics()
    delegate, model = window.pages.itemDelegate(), window.pages.model()
    heights = {delegate.sizeHint(option, model.index(i, 0)).height() for i in (0, 1)}
    assert window.pages.uniformItemSizes() and len(heights) == 1, heights
    assert window.pages.signoff(0) == ("未签字", False)  # page 1 untouched
    assert panel.sign_button.text() == "签复审"
    sign_as(qtbot, window, "张编辑")  # one person, one review
    assert refusal(window) == "同一人不能签两审：张编辑已签初审"
    assert panel.row("复审")[1] == ""
    sign_as(qtbot, window, "李主任")
    sign_as(qtbot, window, "王总编")
    assert [panel.row(s)[1] for s in ("初审", "复审", "终审")] == ["张编辑", "李主任", "王总编"]
    assert panel.sign_button.text() == "签发本版"
    sign_as(qtbot, window, "王总编")
    assert refusal(window) == "第2版现为“待校”，三校后才能签发"
    assert window.actions.undo.text() == "撤销 签字"
    window.actions.undo.trigger()  # 编辑 ▸ 撤销: the 终审 comes off again
    assert panel.row("终审")[1] == "" and window.pages.signoff(1)[0].startswith("复审 李主任")  # type: ignore[index]
    window.actions.redo.trigger()
    assert panel.row("终审")[1] == "王总编"


def close_round_here(qtbot, window: EditorWindow, kind: str, proofreader: str) -> None:
    panel = window.signoff_panel
    assert panel.close_round_button.isVisible()
    assert panel.close_round_button.text() == f"结束{kind}（{proofreader}，全期8版）"
    qtbot.mouseClick(panel.close_round_button, Qt.MouseButton.LeftButton)


def test_three_rounds_closed_then_reviews_then_signed_off(qtbot, window: EditorWindow) -> None:
    show_page(qtbot, window, 2)
    open_tab(qtbot, window, "签字")
    panel = window.signoff_panel

    def kind(dialog: QDialog) -> None:  # 校对 ▸ 开始校次…: 一校 (the first), OK
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )

    def proofreader(dialog: QDialog) -> None:
        type_chinese(dialog.findChild(QLineEdit), "孙校对")
        kind(dialog)

    asked = Modals(qtbot, kind, proofreader)
    window.actions.proof.open_round.trigger()
    assert asked.done() and asked.failures == []
    assert "一校进行中（孙校对）" in panel.heading.text()
    assert panel.row("一校") == ["一校", "孙校对", "", "校对中"]
    close_round_here(qtbot, window, "一校", "孙校对")
    assert panel.row("一校")[1] == "孙校对" and not panel.close_round_button.isVisible()
    assert all(window.pages.signoff(i)[0].startswith("一校 孙校对") for i in range(8))  # type: ignore[index]
    for k in ("二校", "三校"):  # the next rounds opened as the menu does
        window.editor.open_round(k, "孙校对")
        close_round_here(qtbot, window, k, "孙校对")
    assert panel.heading.text() == "第3版 体育健康：现为三校"
    for person in ("张编辑", "李主任", "王总编"):
        sign_as(qtbot, window, person)
    sign_as(qtbot, window, "王总编")  # 签发本版
    assert panel.row("签发")[1] == "王总编"
    assert panel.sign_button.text() == "已签发" and not panel.sign_button.isEnabled()
    line, done = window.pages.signoff(2)  # type: ignore[misc]
    assert line.startswith("签发 王总编\n") and done
    assert window.editor.print_warnings()[0].startswith("第1版未签发")
    assert not any(w.startswith("第3版") for w in window.editor.print_warnings())


# -- 付印导出 -------------------------------------------------------------------------------------------


def with_overset(window: EditorWindow) -> str:
    """A story grown past its frames (a preflight error, as on a real desk); its headline."""
    frame = next(f for fs in window.editor.doc.frames.values() for f in fs if f.kind == "article")
    story = window.editor.article(frame.article_id)  # type: ignore[arg-type]
    window.editor.edit_text(story.id, paragraphs=[*story.paragraphs, "补" * 4000])  # type: ignore[arg-type]
    assert any(f.severity == "error" for f in window.editor.preflight())
    return story.headline


def save_as(qtbot, path: Path):
    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.setDirectory(str(path.parent))  # where the desk went in the dialog
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_chinese(name, path.name)  # QTest's key clicks carry ASCII only
        button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    return answer


def press(qtbot, which: str, named: list[str] | None = None):
    """Answer the preflight refusal with one of its buttons: cancel, show or override; the
    errors it names go to `named`."""

    def answer(box: QDialog) -> None:
        assert isinstance(box, PreflightRefusal), type(box)
        assert box.text().startswith("印前检查有") and box.defaultButton() is box.cancel
        if named is not None:
            named.extend(box.informativeText().splitlines())
        qtbot.mouseClick(getattr(box, which), Qt.MouseButton.LeftButton)

    return answer


def test_print_export_is_refused_on_preflight_errors_unless_overridden(
    qtbot, window: EditorWindow, tmp_path: Path
) -> None:
    headline = with_overset(window)
    out = tmp_path / "付印.pdf"
    named: list[str] = []
    asked = Modals(qtbot, yes(qtbot), press(qtbot, "cancel", named))  # unsigned: on; errors: stop
    window.actions.proof.print_export.trigger()  # 校对 ▸ 付印导出…
    assert asked.done() and asked.failures == [] and "版未签发" in asked.seen[0]
    assert not out.exists()
    story = f"《{headline[:13]}"  # named as the desk knows it: page and headline, one language
    assert any(line.startswith("第") and story in line and "超" in line for line in named), named
    assert not any(" / " in line or "frame-" in line for line in named), named
    assert all(line.count(headline[:8]) <= 1 for line in named), named  # named once
    assert any(f.severity == "error" for f in window.preflight_panel.findings())  # listed there
    asked = Modals(qtbot, yes(qtbot), press(qtbot, "show_button"))
    window.actions.proof.print_export.trigger()
    assert asked.done() and window.preflight_dock.isVisible() and not out.exists()
    asked = Modals(qtbot, yes(qtbot), press(qtbot, "override"), save_as(qtbot, out))
    window.actions.proof.print_export.trigger()
    assert asked.done() and asked.failures == [] and out.exists()
    with pikepdf.open(out) as pdf:  # the print preset: bleed round the trim box
        page = pdf.pages[0]
        assert float(page.BleedBox[2]) > float(page.TrimBox[2])
