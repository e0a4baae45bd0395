"""Driving the window as a user does, for widget tests: answering the modal dialogs an action opens (by clicking their buttons), typing Chinese through the input-method path, double-clicking a table cell to edit it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QWidget,
)

Answer = Callable[[QDialog], None]


class Modals:
    """Answers the modal dialogs that come up, in order, one callable each; what each showed
    (a message box's text, else the window title) is kept in `seen`. Assertion errors inside
    an answer are kept in `failures` (an exception in Qt's event loop would be lost)."""

    def __init__(self, qtbot, *answers: Answer) -> None:
        self.qtbot = qtbot
        self.answers = list(answers)
        self.seen: list[str] = []
        self.failures: list[str] = []
        self._last: QWidget | None = None
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        if not self.answers:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is self._last:
            QTimer.singleShot(20, self._look)
            return
        self._last = dialog
        answer = self.answers.pop(0)
        self.seen.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle())
        try:
            answer(dialog)  # type: ignore[arg-type]
        except AssertionError as e:
            self.failures.append(str(e) or "assertion failed")
            dialog.close()
        QTimer.singleShot(20, self._look)

    def done(self) -> bool:
        return not self.answers


def click(qtbot, button: QMessageBox.StandardButton) -> Answer:
    """Answer a message box by clicking one of its buttons."""

    def answer(box: QDialog) -> None:
        assert isinstance(box, QMessageBox), type(box)
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    return answer


def yes(qtbot) -> Answer:
    return click(qtbot, QMessageBox.StandardButton.Yes)


def no(qtbot) -> Answer:
    return click(qtbot, QMessageBox.StandardButton.No)


def type_chinese(widget: QWidget, text: str) -> None:
    """Text committed by an input method (pinyin and the like): how Chinese reaches a field;
    QTest's key clicks carry ASCII only."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def double_click(qtbot, widget: QWidget, pos: QPoint) -> None:
    """As a mouse does it: press, release, then the double-click (an item view acts on a
    double-click only where the press was)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def edit_cell(qtbot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Double-click a cell, type (Chinese through the input method) over what it holds, Enter."""
    table.scrollToItem(table.item(row, column))
    double_click(qtbot, table.viewport(), table.visualItemRect(table.item(row, column)).center())
    editor = table.window().focusWidget()  # the cell's editor takes the focus
    assert table.state() == QAbstractItemView.State.EditingState, "no cell editor opened"
    assert isinstance(editor, QLineEdit) and editor.parent() is table.viewport(), editor
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_chinese(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits and closes the editor queued
    assert table.state() != QAbstractItemView.State.EditingState, "the cell editor stayed open"


def click_cell(qtbot, table: QTableWidget, row: int, column: int) -> None:
    """A click on a cell's check box (at the cell's left, where Qt draws it)."""
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    pos = rect.center()
    pos.setX(rect.left() + 10)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
