"""The conflict dialog: takes a TextConflict (this desk and another changed the same paragraph or title of a story), gives the desk's choice — mine, theirs, or both to read and edit into one — saved as a new version by app/edit/conflicts.py.

Shown by install_conflict_flow() a moment after the refused edit (never inside the keystroke
that caused it), one conflict at a time; closing it without a choice keeps the conflict and
the desk's text, and asks again on the next edit of the story.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.edit.conflicts import TextConflict
from app.edit.merge import TITLE_FIELDS

# The editor window (widgets/editor_window.py), not imported: it installs this module.
EditorWindow = Any

FIELD_ZH = {"kicker": "引题", "headline": "主题", "subheadline": "副题", "byline": "电头"}


def as_text(fields: dict[str, Any]) -> str:
    """A story's text fields as the dialog shows them: the titles, a blank line, the body."""
    titles = [f"{FIELD_ZH[f]}：{fields.get(f, '')}" for f in TITLE_FIELDS if fields.get(f)]
    return "\n".join([*titles, "", *fields.get("paragraphs", [])]).strip("\n")


def from_text(text: str, like: dict[str, Any]) -> dict[str, Any]:
    """What the desk edited in the 'both' pane, back to fields (titles by their labels)."""
    fields = {f: "" for f in TITLE_FIELDS} | {k: v for k, v in like.items() if k in TITLE_FIELDS}
    paragraphs = []
    by_label = {f"{zh}：": name for name, zh in FIELD_ZH.items()}
    for line in text.split("\n"):
        label = next((lab for lab in by_label if line.startswith(lab)), None)
        if label is not None and not paragraphs:
            fields[by_label[label]] = line[len(label) :].strip()
        elif line.strip():
            paragraphs.append(line)
    return {**fields, "paragraphs": paragraphs}


class ConflictDialog(QDialog):
    """Theirs and mine side by side; 用我的 / 用对方的 / 合并两者 (the pane below, editable)."""

    def __init__(self, conflict: TextConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice = ""  # "mine", "theirs", "both" once chosen
        self.setWindowTitle(self.tr("稿件冲突"))
        who = conflict.by or self.tr("另一位编辑")
        title = conflict.theirs.headline
        heading = QLabel(
            self.tr(
                "《{title}》已被{who}修改，与你的修改在同一段落或标题上。请选择保留哪一个："
            ).format(title=title, who=who)
        )
        heading.setWordWrap(True)
        self.theirs = self._pane(as_text({**_fields(conflict.theirs)}))
        self.mine = self._pane(as_text(conflict.mine_text()))
        self.both = QPlainTextEdit(as_text(conflict.merged.both))
        sides = QHBoxLayout()
        for label, pane in (
            (self.tr("{who}的").format(who=who), self.theirs),
            (self.tr("我的"), self.mine),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(label))
            column.addWidget(pane)
            sides.addLayout(column)
        buttons = QDialogButtonBox()
        self.mine_button = self._button(buttons, self.tr("用我的"), "mine")
        self.theirs_button = self._button(buttons, self.tr("用对方的"), "theirs")
        self.both_button = self._button(buttons, self.tr("保存下面合并的文字"), "both")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(sides, 2)
        layout.addWidget(QLabel(self.tr("两者都保留（冲突处对方的在前，可直接修改）：")))
        layout.addWidget(self.both, 1)
        layout.addWidget(buttons)
        self.resize(900, 640)

    @staticmethod
    def _pane(text: str) -> QPlainTextEdit:
        pane = QPlainTextEdit(text)
        pane.setReadOnly(True)
        return pane

    def _button(self, box: QDialogButtonBox, text: str, choice: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self.choose(choice))
        return button

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def both_text(self) -> dict[str, Any]:
        return from_text(self.both.toPlainText(), self.conflict.merged.both)


def _fields(article: Any) -> dict[str, Any]:
    return {f: getattr(article, f) for f in (*TITLE_FIELDS, "paragraphs")}


class ConflictFlow:
    """Opens the dialog for each conflict the editor keeps, and saves the choice."""

    def __init__(self, window: EditorWindow) -> None:
        self.window_ = window
        self.editor = window.editor
        self.dialog: ConflictDialog | None = None
        self._unsubscribe = self.editor.conflicts.subscribe(self._heard)

    def _heard(self, conflict: TextConflict) -> None:
        # After the keystroke that found it has finished: never a dialog inside an edit.
        QTimer.singleShot(0, lambda: self.ask(conflict.article_id))

    def ask(self, article_id: int) -> str:
        """Show the dialog for the story's open conflict (if still open) and act on the
        choice; '' when closed without one (the conflict stays)."""
        conflict = self.editor.conflicts.pending.get(article_id)
        if conflict is None or self.dialog is not None:
            return ""
        self.dialog = ConflictDialog(conflict, self.window_)
        try:
            self.dialog.exec()
            choice = self.dialog.choice
            text = self.dialog.both_text() if choice == "both" else None
        finally:
            self.dialog = None
        if choice:
            self.editor.conflicts.resolve(article_id, choice, text)
        return choice


def install_conflict_flow(window: EditorWindow) -> ConflictFlow:
    return ConflictFlow(window)
