"""The 期次 menu and the issue list: takes the editor window (as an EditorHost), gives its IssueActions — every issue of the library with its date, pages and sign-off, opened with a double-click; 新建下一期, 本期属性 and deleting an issue."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model import Issue
from app.store import Library
from widgets.editor_host import EditorHost
from widgets.issue_dialogs import ask_delete_issue, edit_issue_properties, new_next_issue
from widgets.labels import day_label, lunar_label, weekday

translate = QCoreApplication.translate  # lupdate reads translate("IssuesPanel", "…") calls
NUMBER_ROLE = Qt.ItemDataRole.UserRole  # the row's cumulative number (总期号)


@dataclass(frozen=True, slots=True)
class IssueActions:
    """The 期次 menu's actions, held by the window as `window.actions.issues`."""

    issue_list: QAction
    next_issue: QAction
    properties: QAction


def build_issue_menu(w: EditorHost) -> IssueActions:
    """期次 after 文件: the issue list, 新建下一期, 本期属性."""
    assert isinstance(w, QObject)
    menu = QMenu(translate("IssuesPanel", "期次(&I)"), w)
    w.menuBar().insertMenu(w.menuBar().actions()[1], menu)
    issue_list = QAction(translate("IssuesPanel", "期次列表…"), w)
    issue_list.setShortcut(QKeySequence("Ctrl+Shift+O"))
    issue_list.triggered.connect(lambda _c=False: show_issue_list(w))
    next_issue = QAction(translate("IssuesPanel", "新建下一期…"), w)
    next_issue.setShortcut(QKeySequence("Ctrl+Shift+N"))
    next_issue.triggered.connect(lambda _c=False: new_next_issue(w))
    properties = QAction(translate("IssuesPanel", "本期属性…"), w)
    properties.triggered.connect(lambda _c=False: edit_issue_properties(w))
    for action in (issue_list, next_issue, properties):
        menu.addAction(action)
    return IssueActions(issue_list, next_issue, properties)


class IssueList(QDialog):
    """Every issue of the library, newest first: numbers, date, weekday, lunar date, pages,
    stories on pages, pages signed off. 打开 (or a double-click) opens one in the window."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("IssuesPanel", "总期号"),
        QT_TRANSLATE_NOOP("IssuesPanel", "期号"),
        QT_TRANSLATE_NOOP("IssuesPanel", "出版日期"),
        QT_TRANSLATE_NOOP("IssuesPanel", "星期"),
        QT_TRANSLATE_NOOP("IssuesPanel", "农历"),
        QT_TRANSLATE_NOOP("IssuesPanel", "版数"),
        QT_TRANSLATE_NOOP("IssuesPanel", "上版稿件"),
        QT_TRANSLATE_NOOP("IssuesPanel", "已签发"),
    )

    def __init__(self, w: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.w = w
        self.setObjectName("issue-list")
        self.setWindowTitle(translate("IssuesPanel", "期次"))
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("IssuesPanel", c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton(translate("IssuesPanel", "打开"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        self.next_button = QPushButton(translate("IssuesPanel", "新建下一期…"))
        self.next_button.clicked.connect(self._new)
        self.properties_button = QPushButton(translate("IssuesPanel", "本期属性…"))
        self.properties_button.clicked.connect(self._properties)
        self.delete_button = QPushButton(translate("IssuesPanel", "删除…"))
        self.delete_button.clicked.connect(self._delete)
        self.close_button = QPushButton(translate("IssuesPanel", "关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.next_button, self.properties_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        """Read the library's issues again (one was made, changed or deleted)."""
        library: Library = self.w.editor.library
        current = self.w.editor.doc.issue.cumulative_number
        issues = sorted(library.issues(), key=lambda i: i.cumulative_number, reverse=True)
        self.table.setRowCount(len(issues))
        for row, issue in enumerate(issues):
            for column, text in enumerate(self._row(library, issue)):
                item = QTableWidgetItem(text)
                item.setData(NUMBER_ROLE, issue.cumulative_number)
                if issue.cumulative_number == current:  # the one open in the window
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(translate("IssuesPanel", "正在编辑这一期"))
                self.table.setItem(row, column, item)
            if issue.cumulative_number == current:
                self.table.selectRow(row)
        self._update_buttons()

    @staticmethod
    def _row(library: Library, issue: Issue) -> list[str]:
        pages = library.pages(issue.id)  # type: ignore[arg-type]
        placed = {
            f.article_id
            for p in pages
            for f in library.frames(p.id)  # type: ignore[arg-type]
            if f.article_id is not None and f.kind in ("article", "teaser")
        }
        signed = sum(
            any(s.step == "签发" for s in library.signoffs(p.id))  # type: ignore[arg-type]
            for p in pages
        )
        return [
            str(issue.cumulative_number),
            str(issue.yearly_number),
            day_label(issue.date),
            weekday(issue.date),
            lunar_label(issue.date),
            str(len(pages)),
            str(len(placed)),
            translate("IssuesPanel", "{signed}/{pages}版").format(signed=signed, pages=len(pages)),
        ]

    def selected_number(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(NUMBER_ROLE) if items else None

    def numbers(self) -> list[int]:
        return [self.table.item(r, 0).data(NUMBER_ROLE) for r in range(self.table.rowCount())]

    def select(self, number: int) -> None:
        self.table.selectRow(self.numbers().index(number))

    def _update_buttons(self) -> None:
        chosen = self.selected_number()
        current = self.w.editor.doc.issue.cumulative_number
        self.open_button.setEnabled(chosen is not None and chosen != current)
        self.delete_button.setEnabled(chosen is not None and chosen != current)

    def open_selected(self) -> None:
        number = self.selected_number()
        if number is None or number == self.w.editor.doc.issue.cumulative_number:
            return
        if self.w.desk is None:
            self.w.fail(translate("IssuesPanel", "此窗口不能打开其他期次"))
            return
        self.accept()
        self.w.desk.open_issue(number)

    def _new(self) -> None:
        self.accept()  # the new issue opens in the window
        new_next_issue(self.w)

    def _properties(self) -> None:
        edit_issue_properties(self.w)
        self.refresh()

    def _delete(self) -> None:
        number = self.selected_number()
        if number is not None and ask_delete_issue(self.w, number):
            self.refresh()


def show_issue_list(w: EditorHost) -> IssueList:
    """期次 ▸ 期次列表…, modal to the window."""
    w.inspector.commit()
    dialog = IssueList(w, w)  # type: ignore[arg-type]
    dialog.open()
    return dialog
