"""Issue dialogs: takes the editor window (as an EditorHost), gives 本期属性 (date with its weekday and lunar date, page count, colour pages, section per page) as one undoable step, 新建下一期 after a look at its numbers, and deleting an issue after confirmation — twice, naming what goes, for an issue with work in it."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.compose.fields import lunar_date_zh
from app.edit.issue_props import PAGE_COUNTS, IssueProperties, check_properties
from app.edit.issues import IssueContents, create_next_issue, delete_issue, issue_contents
from app.errors import UserError
from app.model import Issue, Page
from app.model.numbering import next_issue
from app.store import Library, LibraryError
from widgets.editor_host import EditorHost
from widgets.i18n import one_language
from widgets.labels import clipped, day_label, issue_numbers, kind_name, weekday

translate = QCoreApplication.translate  # lupdate reads translate("IssueDialogs", "…") calls
SECTION, COLOUR = 1, 2  # columns of the page table
NEW_SECTION = ""  # a page added to the issue starts without a name: the desk must give one


def _ask(parent: QWidget, title: str, text: str, *, default_no: bool = False) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(
        QMessageBox.StandardButton.No if default_no else QMessageBox.StandardButton.Yes
    )
    box.setObjectName("confirm")
    return box.exec() == QMessageBox.StandardButton.Yes


# -- 本期属性 ------------------------------------------------------------------------------------


class IssuePropertiesDialog(QDialog):
    """The issue's date (its weekday and lunar date shown as the masthead will print them),
    page count, and per page its section and whether it prints in colour."""

    def __init__(
        self,
        issue: Issue,
        props: IssueProperties,
        parent: QWidget | None = None,
        library: Library | None = None,
    ):
        super().__init__(parent)
        self.issue = issue
        self.library = library  # given: OK checks the change first, and stays open if refused
        self.setWindowTitle(translate("IssueDialogs", "本期属性"))
        self.date = QDateEdit(QDate(props.date.year, props.date.month, props.date.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(translate("IssueDialogs", "yyyy年M月d日"))
        self.printed = QLabel()  # 星期二 农历己亥年三月廿六
        self.count = QComboBox()
        for n in PAGE_COUNTS:
            self.count.addItem(translate("IssueDialogs", "{n}版").format(n=n), n)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [
                translate("IssueDialogs", "版"),
                translate("IssueDialogs", "版名"),
                translate("IssueDialogs", "彩色"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(SECTION, QHeaderView.ResizeMode.Stretch)
        self._sections = list(props.sections)  # kept while rows come and go
        self._colour = set(props.colour_pages)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c80000")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(translate("IssueDialogs", "出版日期"), self.date)
        form.addRow("", self.printed)
        form.addRow(translate("IssueDialogs", "版数"), self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(420, 520)
        self.date.dateChanged.connect(self._show_date)
        self.count.currentIndexChanged.connect(self._show_pages)
        self.table.itemChanged.connect(self._edited)
        self.count.setCurrentIndex(PAGE_COUNTS.index(props.page_count))
        self._show_pages()
        self._show_date()

    def chosen_date(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())

    def _show_date(self) -> None:
        day = self.chosen_date()
        issue = Issue(day, self.issue.yearly_number, self.issue.cumulative_number)
        self.printed.setText(f"{weekday(day)} {lunar_date_zh(issue)}")

    def _show_pages(self) -> None:
        n = self.count.currentData()
        self._sections += [NEW_SECTION] * (n - len(self._sections))
        self.table.blockSignals(True)
        self.table.setRowCount(n)
        for row in range(n):
            number = QTableWidgetItem(translate("IssueDialogs", "第{n}版").format(n=row + 1))
            number.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, number)
            self.table.setItem(row, SECTION, QTableWidgetItem(self._sections[row]))
            colour = QTableWidgetItem()
            colour.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            on = row + 1 in self._colour
            colour.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.table.setItem(row, COLOUR, colour)
        self.table.blockSignals(False)
        self._check()

    def _edited(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if item.column() == SECTION:
            self._sections[row] = item.text().strip()
        elif item.column() == COLOUR:
            (
                self._colour.add
                if item.checkState() == Qt.CheckState.Checked
                else self._colour.discard
            )(row + 1)
        self._check()

    def _check(self) -> None:
        n = self.count.currentData()
        missing = [i + 1 for i in range(n) if not self._sections[i].strip()]
        self.problem.setText(
            translate("IssueDialogs", "请填写版名：第{pages}版").format(
                pages="、".join(str(p) for p in missing)
            )
            if missing
            else ""
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)

    def accept(self) -> None:
        """OK: a change the paper cannot have is said here, in red, and the dialog stays open
        with what was typed; pages taken off with frames on them are named first."""
        if self.library is not None:
            try:
                removed = check_properties(self.library, self.issue, self.properties())
            except UserError as exc:
                self.problem.setText(one_language(str(exc)))
                return
            if not self._take_off(removed):
                return
        super().accept()

    def _take_off(self, removed: list[Page]) -> bool:
        """Pages going with frames on them (pictures, boxes…): named, and the desk agrees."""
        assert self.library is not None
        kinds = Counter(f.kind for p in removed for f in self.library.frames(p.id))  # type: ignore[arg-type]
        if not kinds:
            return True
        numbers = [p.number for p in removed]
        held = "、".join(
            translate("IssueDialogs", "{kind}{n}个").format(kind=kind_name(k), n=n)
            for k, n in sorted(kinds.items())
        )
        text = translate(
            "IssueDialogs",
            "减为{count}版将撤下第{first}至{last}版，连同版上的{held}（可以撤销）。\n\n继续？",
        ).format(count=self.count.currentData(), first=numbers[0], last=numbers[-1], held=held)
        return _ask(self, translate("IssueDialogs", "本期属性"), text)

    def properties(self) -> IssueProperties:
        n = self.count.currentData()
        return IssueProperties(
            self.chosen_date(),
            n,
            frozenset(p for p in self._colour if p <= n),
            tuple(s.strip() for s in self._sections[:n]),
        )


def edit_issue_properties(w: EditorHost) -> bool:
    """期次 ▸ 本期属性…: the dialog, then one undoable step; a refusal is said in a dialog."""
    w.inspector.commit()
    editor = w.editor
    props = IssueProperties.of(editor.library, editor.doc.issue)
    dialog = IssuePropertiesDialog(editor.doc.issue, props, w, editor.library)  # type: ignore[arg-type]
    dialog.setObjectName("issue-properties")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        editor.set_issue_properties(dialog.properties())
    except (UserError, LibraryError) as exc:
        w.fail(str(exc))
        return False
    return True


# -- 新建下一期 and deleting ----------------------------------------------------------------------


def new_next_issue(w: EditorHost) -> Issue | None:
    """期次 ▸ 新建下一期: after the newest issue, on the paper's schedule; its numbers, date,
    weekday and lunar date shown first; then opened in the window."""
    w.inspector.commit()
    library = w.editor.library
    newest = max(library.issues(), key=lambda i: i.cumulative_number)
    pub = w.editor.doc.publication
    upcoming = next_issue(newest, pub.schedule)
    text = translate(
        "IssueDialogs",
        "新建{numbers}？\n\n出版日期：{date}，{lunar}\n{pages}版，沿用第{total}期的版名、署名"
        "和报头、二维码等固定内容。",
    ).format(
        numbers=issue_numbers(upcoming),
        date=f"{day_label(upcoming.date)} {weekday(upcoming.date)}",
        lunar=lunar_date_zh(upcoming),
        pages=upcoming.page_count,
        total=newest.cumulative_number,
    )
    if not _ask(w, translate("IssueDialogs", "新建下一期"), text):  # type: ignore[arg-type]
        return None
    try:
        issue = create_next_issue(library, newest.cumulative_number)
    except (UserError, LibraryError) as exc:
        w.fail(str(exc))
        return None
    if w.desk is not None:
        w.desk.open_issue(issue.cumulative_number)
    else:
        w.report(translate("IssueDialogs", "已新建第{n}期").format(n=issue.cumulative_number))
    return issue


def what_goes(contents: IssueContents) -> str:
    """The work an issue holds, in words, for the confirmations ("" for an empty issue)."""
    lines = []
    if contents.placed:
        shown = "、".join(f"《{clipped(h)}》" for h in contents.placed[:5])
        more = "…" if len(contents.placed) > 5 else ""
        lines.append(
            translate("IssueDialogs", "上版稿件{n}篇：{titles}{more}").format(
                n=len(contents.placed), titles=shown, more=more
            )
        )
    for n, text in (
        (contents.unplaced, translate("IssueDialogs", "稿库稿件{n}篇")),
        (contents.signoffs, translate("IssueDialogs", "签字{n}处（校次、审稿、签发）")),
        (contents.rounds, translate("IssueDialogs", "校次{n}个")),
        (contents.marks, translate("IssueDialogs", "校对标记{n}处")),
        (contents.revisions, translate("IssueDialogs", "命名版本{n}个")),
    ):
        if n:
            lines.append(text.format(n=n))
    return "\n".join(f"· {line}" for line in lines)


def ask_delete_issue(w: EditorHost, number: int) -> bool:
    """Delete issue `number` (not the one open here) after a confirmation; an issue with
    placed stories, proof rounds or sign-offs needs a second one that names what would go."""
    title = translate("IssueDialogs", "删除期次")
    if number == w.editor.doc.issue.cumulative_number:
        w.fail(translate("IssueDialogs", "正在编辑的一期不能删除：请先打开另一期"))
        return False
    try:
        contents = issue_contents(w.editor.library, number)
    except UserError as exc:
        w.fail(str(exc))
        return False
    issue = contents.issue
    first = translate("IssueDialogs", "删除{numbers}（{date}）？删除后不能撤销。").format(
        numbers=issue_numbers(issue), date=day_label(issue.date)
    )
    held = what_goes(contents)
    if held and not contents.used:  # stories in its bin, named versions: said, not lost silently
        first += "\n\n" + translate("IssueDialogs", "将一并删除：\n{what}").format(what=held)
    if not _ask(w, title, first, default_no=True):  # type: ignore[arg-type]
        return False
    if contents.used:
        second = translate(
            "IssueDialogs", "这一期已有工作，将一并删除：\n{what}\n\n确实要删除{numbers}吗？"
        ).format(what=what_goes(contents), numbers=issue_numbers(issue))
        if not _ask(w, title, second, default_no=True):  # type: ignore[arg-type]
            return False
    try:
        delete_issue(w.editor.library, number, used_too=contents.used)
    except (UserError, LibraryError) as exc:
        w.fail(str(exc))
        return False
    w.report(translate("IssueDialogs", "已删除第{n}期").format(n=number))
    return True
