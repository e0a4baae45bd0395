"""The 签字 dock: takes the editor and the page shown, gives that page's place in 三审三校 — who signed each step and when — a name to sign with (remembered), the next review or 签发 to sign under app/proof's rules, and 结束校次 for the round reading it; each an undoable step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.edit.editor import IssueEditor
from app.errors import UserError
from app.model.proof import AFTER_FIXES, REVIEW_STEPS, ROUND_KINDS, SIGNOFF
from app.proof.signoff import PageStatus, page_status
from app.store import LibraryError
from widgets.labels import page_label, step_name

translate = QCoreApplication.translate  # lupdate reads translate("SignoffPanel", "…") calls
NAME_KEY = "signoff/name"  # the name this desk signs with
SIGNED_OFF = QColor(0, 120, 60)
WAITING = QColor(120, 120, 120)  # a step not signed yet: the one due, a round being read
STEPS = (*ROUND_KINDS, *REVIEW_STEPS, SIGNOFF)  # the rows, in the order a page goes through


def stamp(at: datetime) -> str:
    """When a step was signed, as the panel and the pages list both show it: 04-25 18:30."""
    return f"{at:%m-%d %H:%M}"


def when(status: PageStatus, step: str) -> str:
    s = status.signed.get(step)
    return stamp(s.at) if s is not None else ""


def signoff_line(status: PageStatus) -> tuple[str, bool]:
    """What the pages panel shows under a page: its last signature, who and when (two
    lines: "终审 李总", "04-25 18:30"); True once it is signed off."""
    if not status.signed:
        return translate("SignoffPanel", "未签字"), False
    last = SIGNOFF if status.signed_off else list(status.signed)[-1]  # signed in this order
    s = status.signed[last]
    return f"{step_name(last)} {s.person}\n{stamp(s.at)}", status.signed_off


def next_step(status: PageStatus) -> str | None:
    """The signature this page waits for: the next review, else 签发; None once signed off."""
    for step in REVIEW_STEPS:
        if step not in status.signed:
            return step
    return None if status.signed_off else SIGNOFF


class SignoffPanel(QWidget):
    """One page's signatures: the steps with who and when; sign the next, close the round."""

    failed = Signal(str)  # a refusal, in the core's words (the window says it in a dialog)

    def __init__(
        self,
        editor: IssueEditor,
        settings: QSettings,
        current: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.settings = settings
        self._current = current  # the index of the page shown in the window
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.steps = QTreeWidget()
        self.steps.setRootIsDecorated(False)
        self.steps.setUniformRowHeights(True)
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a record to read, not a list to pick
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setHeaderLabels(
            [
                translate("SignoffPanel", "步骤"),
                translate("SignoffPanel", "签字人"),
                translate("SignoffPanel", "时间"),
                translate("SignoffPanel", "备注"),
            ]
        )
        self.name = QLineEdit(str(settings.value(NAME_KEY, "")))
        self.name.setPlaceholderText(translate("SignoffPanel", "签字人姓名"))
        self.after_fixes = QCheckBox(translate("SignoffPanel", "改后付印"))
        self.after_fixes.setToolTip(
            translate("SignoffPanel", "尚有未改的校对标记时签发：印前须按标记改完")
        )
        self.sign_button = QPushButton()
        self.sign_button.clicked.connect(self.sign_next)
        self.close_round_button = QPushButton()
        self.close_round_button.clicked.connect(self.close_round)
        self.steps.header().setStretchLastSection(True)
        self.rules = QLabel(
            translate(
                "SignoffPanel",
                "一校、二校、三校在校次结束时由校对签；初审、复审、终审依次签，一人只签一审；"
                "三校、终审之后方可签发。",
            )
        )
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #707070")
        form = QFormLayout()
        form.addRow(translate("SignoffPanel", "签字人"), self.name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_button, 1)
        buttons.addWidget(self.after_fixes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.close_round_button)
        layout.addWidget(self.rules)
        layout.addStretch(1)  # the seven steps fit: the rest of the dock stays empty below
        self.name.textChanged.connect(lambda _t: self._update_buttons())
        self.status: PageStatus | None = None
        self.dock: QDockWidget | None = None  # set when installed in the window
        self.refresh()

    # -- what is shown -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the shown page's signatures again (another page shown, or a signature made)."""
        index = self._current()
        if not 0 <= index < len(self.editor.doc.pages):
            self.status = None
            self.heading.setText(translate("SignoffPanel", "未选中版面"))
            self.steps.clear()
            self._update_buttons()
            return
        page = self.editor.page(index)
        status = self.status = page_status(self.editor.library, page)
        state = translate("SignoffPanel", "{page}：现为{state}").format(
            page=page_label(page), state=step_name(status.state)
        )
        if status.round is not None:
            state += translate("SignoffPanel", "，{round}进行中（{person}）").format(
                round=step_name(status.round.kind), person=status.round.proofreader
            )
        if status.open_marks:
            state += translate("SignoffPanel", "，{n}处未改").format(n=status.open_marks)
        self.heading.setText(state)
        self.steps.clear()
        waiting = next_step(status)
        for step in STEPS:
            s = status.signed.get(step)
            note = s.note.replace(AFTER_FIXES, step_name(AFTER_FIXES)) if s else ""
            row = QTreeWidgetItem(
                [step_name(step), s.person if s else "", when(status, step), note]
            )
            if s is None and status.round is not None and step == status.round.kind:
                row.setText(1, status.round.proofreader)
                row.setText(3, translate("SignoffPanel", "校对中"))
                row.setForeground(3, QBrush(WAITING))
            elif s is None and step == waiting:
                row.setText(3, translate("SignoffPanel", "待签"))
                row.setForeground(3, QBrush(WAITING))
            if step == SIGNOFF and s is not None:
                font = QFont(row.font(0))
                font.setBold(True)
                for column in range(4):
                    row.setFont(column, font)
                    row.setForeground(column, QBrush(SIGNED_OFF))
            self.steps.addTopLevelItem(row)
        for column in range(3):  # room between the columns, the note takes the rest
            self.steps.resizeColumnToContents(column)
            self.steps.setColumnWidth(column, self.steps.columnWidth(column) + 12)
        rows = self.steps.sizeHintForRow(0) * len(STEPS)
        self.steps.setFixedHeight(rows + self.steps.header().sizeHint().height() + 4)
        self._update_buttons()

    def _update_buttons(self) -> None:
        status = self.status
        step = next_step(status) if status is not None else None
        if step is None:
            self.sign_button.setText(
                translate("SignoffPanel", "已签发") if status else translate("SignoffPanel", "签字")
            )
        elif step == SIGNOFF:
            self.sign_button.setText(translate("SignoffPanel", "签发本版"))
        else:
            self.sign_button.setText(
                translate("SignoffPanel", "签{step}").format(step=step_name(step))
            )
        self.sign_button.setEnabled(step is not None and bool(self.name.text().strip()))
        self.after_fixes.setVisible(step == SIGNOFF and bool(status and status.open_marks))
        rnd = status.round if status is not None else None
        self.close_round_button.setVisible(rnd is not None)
        if rnd is not None:
            self.close_round_button.setText(
                translate("SignoffPanel", "结束{round}（{person}，全期{n}版）").format(
                    round=step_name(rnd.kind), person=rnd.proofreader, n=len(rnd.page_ids)
                )
            )

    def row(self, step: str) -> list[str]:
        """The cells of one step's row, as shown."""
        index = STEPS.index(step)
        item = self.steps.topLevelItem(index)
        return [item.text(c) for c in range(self.steps.columnCount())]

    # -- signing -------------------------------------------------------------------------------

    def sign_next(self) -> bool:
        """Sign the step the page waits for, as the name given; a refusal goes to `failed`."""
        status = self.status
        step = next_step(status) if status is not None else None
        person = self.name.text().strip()
        if status is None or step is None or not person:
            return False
        self.settings.setValue(NAME_KEY, person)
        after = step == SIGNOFF and self.after_fixes.isVisible() and self.after_fixes.isChecked()
        try:
            self.editor.sign_page(status.page.id, step, person, after_fixes=after)  # type: ignore[arg-type]
        except (UserError, LibraryError) as exc:  # the rules' refusal (ProofError) or the file's
            self.failed.emit(str(exc))
            return False
        return True

    def close_round(self) -> bool:
        """结束校次: the proofreader hands the round reading this page back (all its pages)."""
        rnd = self.status.round if self.status is not None else None
        if rnd is None:
            return False
        try:
            self.editor.close_round(rnd.id)  # type: ignore[arg-type]
        except (UserError, LibraryError) as exc:
            self.failed.emit(str(exc))
            return False
        return True


class SignoffHost(Protocol):
    """The editor window as the 签字 dock is installed in it."""

    editor: IssueEditor
    settings: QSettings
    view_menu: QMenu
    marks_dock: QDockWidget
    pages: QListWidget  # the pages panel: its current row is the page shown

    def current_index(self) -> int: ...
    def fail(self, message: str) -> None: ...


def install_signoff_dock(w: SignoffHost) -> SignoffPanel:
    """The 签字 dock beside 校对标记 (and its entry in 视图); refusals go to the window's dialog."""
    assert isinstance(w, QMainWindow)
    panel = SignoffPanel(w.editor, w.settings, w.current_index)
    dock = QDockWidget(translate("SignoffPanel", "签字"), w)
    dock.setObjectName("signoff")
    dock.setWidget(panel)
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    w.tabifyDockWidget(w.marks_dock, dock)
    w.view_menu.addAction(dock.toggleViewAction())
    panel.failed.connect(w.fail)
    w.pages.currentRowChanged.connect(lambda _row: panel.refresh())
    panel.dock = dock
    return panel


def page_signoff_line(editor: IssueEditor, index: int) -> tuple[str, bool]:
    """The pages panel's signature line for page `index`."""
    return signoff_line(page_status(editor.library, editor.page(index)))
