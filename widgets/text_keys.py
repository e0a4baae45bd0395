"""Keys in text mode: takes a key press on the canvas while a caret is in a story, gives whether text mode claims it before any shortcut and the edit or move it means."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

MOVES = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Home: "home",
    Qt.Key.Key_End: "end",
}
_EDIT_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
)
_TEXT_KEYS = (
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Escape,
)


class KeyTarget(Protocol):
    """What the keys do (widgets/text_edit_overlay.TextEditOverlay)."""

    def copy(self) -> None: ...
    def cut(self) -> None: ...
    def paste(self) -> None: ...
    def select_all(self) -> None: ...
    def end(self) -> None: ...
    def move(self, how: str, extend: bool) -> None: ...
    def erase(self, forward: bool) -> None: ...
    def new_paragraph(self) -> None: ...
    def type_text(self, typed: str) -> None: ...


def wants(event: QKeyEvent) -> bool:
    """Whether text mode takes this key before any shortcut (Backspace and Delete are the
    删除版框 action's otherwise; typed characters, arrows, Enter, the clipboard keys); undo
    and redo stay the document's."""
    if any(event.matches(k) for k in _EDIT_KEYS):
        return True
    if event.key() in MOVES or event.key() in _TEXT_KEYS:
        return True
    control = event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
    )
    return bool(event.text()) and event.text().isprintable() and not control


def dispatch(target: KeyTarget, event: QKeyEvent) -> bool:
    """Do what a key press in text mode means; False for keys that are not the text's."""
    key = event.key()
    if event.matches(QKeySequence.StandardKey.Copy):
        target.copy()
    elif event.matches(QKeySequence.StandardKey.Cut):
        target.cut()
    elif event.matches(QKeySequence.StandardKey.Paste):
        target.paste()
    elif event.matches(QKeySequence.StandardKey.SelectAll):
        target.select_all()
    elif key == Qt.Key.Key_Escape:
        target.end()
    elif key in MOVES:
        extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        target.move(MOVES[Qt.Key(key)], extend)
    elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
        target.erase(forward=key == Qt.Key.Key_Delete)
    elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        target.new_paragraph()
    elif wants(event) and event.text():
        target.type_text(event.text())
    else:
        return False
    return True
