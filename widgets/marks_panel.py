"""Marks dock (校对标记): takes the library and the issue, lists the open proof marks (page, round, kind, proposed text, status); a click goes to the mark, buttons resolve it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.proof.open_marks import OpenMark, issue_open_marks
from app.store import Library, LibraryError
from widgets.labels import mark_name, mark_state, step_name

MARK_ROLE = Qt.ItemDataRole.UserRole
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class MarksPanel(QWidget):
    """The issue's open marks; `go_to(page_id, mark_id)` on a click, `resolved` after a button."""

    go_to = Signal(int, int)  # page id, mark id
    resolved = Signal(int, str)  # mark id, new status (fixed / rejected)
    failed = Signal(str)  # a refusal, for the status bar

    def __init__(
        self,
        library: Library,
        issue_id: int,
        resolve: Callable[[int, str, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.issue_id = issue_id
        self._resolve = resolve  # (mark id, status, by): the editor's undoable step
        self.person = ""  # who resolves marks here (the editor's name, if known)
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("版"), self.tr("校次"), self.tr("符号"), self.tr("建议文字"), self.tr("状态")]
        )
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.fixed_button = QPushButton(self.tr("已改"))
        self.fixed_button.setToolTip(self.tr("标为已改"))
        self.fixed_button.clicked.connect(lambda: self.resolve_current("fixed"))
        self.rejected_button = QPushButton(self.tr("不改"))
        self.rejected_button.setToolTip(self.tr("不改，保留原文"))
        self.rejected_button.clicked.connect(lambda: self.resolve_current("rejected"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.fixed_button)
        buttons.addWidget(self.rejected_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the open marks again, keeping the current one selected if it is still open."""
        current = self.current_mark()
        self.tree.clear()
        marks = issue_open_marks(self.library, self.issue_id)
        for m in marks:
            self.tree.addTopLevelItem(self._row(m))
        self.summary.setText(self.tr("{n}处待改").format(n=len(marks)))
        if current is not None:
            self.select(current)
        self._update_buttons()

    def _row(self, m: OpenMark) -> QTreeWidgetItem:
        row = QTreeWidgetItem(
            [
                str(m.page_number),
                step_name(m.round.kind),
                mark_name(m.mark.kind),
                m.mark.proposed,
                mark_state(m.mark.status),
            ]
        )
        row.setData(0, MARK_ROLE, m.id)
        row.setData(0, PAGE_ROLE, m.mark.page_id)
        row.setForeground(1, QBrush(QColor(*m.colour)))
        row.setToolTip(3, m.mark.note or m.mark.proposed)
        row.setToolTip(1, m.who)
        return row

    def mark_ids(self) -> list[int]:
        return [self.tree.topLevelItem(i).data(0, MARK_ROLE) for i in range(self.count())]

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def row(self, index: int) -> list[str]:
        item = self.tree.topLevelItem(index)
        return [item.text(c) for c in range(self.tree.columnCount())]

    def current_mark(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, MARK_ROLE) if item is not None else None

    def select(self, mark_id: int) -> bool:
        for i in range(self.count()):
            item = self.tree.topLevelItem(i)
            if item.data(0, MARK_ROLE) == mark_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _update_buttons(self) -> None:
        on = self.current_mark() is not None
        self.fixed_button.setEnabled(on)
        self.rejected_button.setEnabled(on)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.go_to.emit(item.data(0, PAGE_ROLE), item.data(0, MARK_ROLE))

    def activate(self, mark_id: int) -> bool:
        """As a click on the mark's row: select it and go to it on the page."""
        if not self.select(mark_id):
            return False
        self._clicked(self.tree.currentItem())
        return True

    def resolve_current(self, status: str) -> bool:
        mark_id = self.current_mark()
        return mark_id is not None and self.resolve(mark_id, status)

    def resolve(self, mark_id: int, status: str) -> bool:
        """Set a mark fixed or rejected (through the editor, so it can be undone); it leaves
        the list."""
        try:
            self._resolve(mark_id, status, self.person)
        except (UserError, LibraryError) as e:
            self.failed.emit(str(e))
            return False
        self.refresh()
        self.resolved.emit(mark_id, status)
        return True
