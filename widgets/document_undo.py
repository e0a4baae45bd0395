"""Undo belongs to the document: takes the editor window's undo and redo actions, gives an application event filter that sends Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y from any widget of that window (its docks, floating or not, and their text fields) to them.

A QLineEdit or QTextEdit claims these keys for its own private history (it accepts the
ShortcutOverride), so a plain window shortcut never fires while one has the focus. The filter
answers the override itself and turns the key press into the window's action; the fields'
own histories are switched off (DocumentLineEdit, DocumentPlainTextEdit) so nothing else
reaches them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)


def _sequence(event: QKeyEvent) -> QKeySequence:
    return QKeySequence(event.keyCombination())


class DocumentUndoKeys(QObject):
    """Routes the undo and redo keys of every widget under `window` to its actions."""

    def __init__(self, window: QWidget, undo: QAction, redo: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.undo, self.redo = undo, redo
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)  # removed by Qt when this object goes with its window

    def _ours(self, obj: QObject) -> bool:
        """A widget of the window or of its docks (floating ones too); not a dialog's, whose
        fields are not the document (a name typed for a revision undoes as text)."""
        widget = obj if isinstance(obj, QWidget) else None
        while widget is not None:
            if widget is self.window:
                return True
            if widget.isWindow() and not isinstance(widget, QDockWidget):
                return False
            widget = widget.parentWidget()
        return False

    def action_for(self, event: QKeyEvent) -> QAction | None:
        """The action a key press means: the undo or redo action's own shortcuts decide."""
        pressed = _sequence(event)
        for action in (self.undo, self.redo):
            if any(
                pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch
                for k in action.shortcuts()
            ):
                return action
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        action = self.action_for(event)
        if action is None or not self._ours(obj):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes as a key press, to this filter, not as a shortcut
            return True
        if action.isEnabled():
            action.trigger()
        return True  # never to the field: it keeps no history of its own


def without_undo_entries(menu: QMenu) -> QMenu:
    """A field's standard context menu less its private undo and redo (and the separator
    that followed them)."""
    for action in menu.actions():
        if action.objectName() in ("edit-undo", "edit-redo"):
            menu.removeAction(action)
    first = menu.actions()[0] if menu.actions() else None
    if first is not None and first.isSeparator():
        menu.removeAction(first)
    return menu


class DocumentLineEdit(QLineEdit):
    """A one-line field with no undo of its own: Ctrl+Z is the document's (DocumentUndoKeys)
    and its context menu offers no 撤销/重做."""

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        without_undo_entries(self.createStandardContextMenu()).exec(event.globalPos())


class DocumentPlainTextEdit(QPlainTextEdit):
    """A text box with no undo history of its own (see DocumentLineEdit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        without_undo_entries(self.createStandardContextMenu()).exec(event.globalPos())
