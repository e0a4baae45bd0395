"""Importing into the 稿库 from the window: takes dropped or chosen files, gives one undoable import, its report in the status bar and, when there is something to read, in a dialog."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.edit.import_command import fullwidth_edits
from app.errors import UserError
from app.intake import EXTENSIONS, ImportResult, details, needs_attention, summarise
from app.store import LibraryError
from widgets.file_dialogs import MATERIAL, library_folder, open_files
from widgets.i18n import one_language

if TYPE_CHECKING:
    from widgets.editor_host import EditorHost

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("ImportDialog", "…") calls


def file_filter() -> str:
    patterns = " ".join(f"*{e}" for e in EXTENSIONS)
    return translate("ImportDialog", "稿件和图片 ({patterns});;所有文件 (*)").format(
        patterns=patterns
    )


def one_line(message: str) -> str:
    return " ".join(message.split())


class ImportReport(QDialog):
    """What an import recognised, file by file, with its notes; not modal, so the desk can
    keep it open beside the page. Offers to make the suggested full-width marks."""

    def __init__(
        self,
        title: str,
        lines: Sequence[str],
        parent: QWidget | None = None,
        *,
        warning: bool = False,
        fullwidth: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.resize(640, 360)
        self.heading = QLabel(
            translate("ImportDialog", "未导入，库中没有任何改动：")
            if warning
            else translate("ImportDialog", "导入结果（可在“编辑”菜单中撤销）：")
        )
        self.text = QPlainTextEdit("\n".join(lines), self)
        self.text.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        self.fullwidth_button: QPushButton | None = None
        if fullwidth:
            self.fullwidth_button = self.buttons.addButton(
                translate("ImportDialog", "改为全角标点（{n}处）").format(n=fullwidth),
                QDialogButtonBox.ButtonRole.ActionRole,
            )
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()


def _show(w: EditorHost, dialog: ImportReport) -> ImportReport:
    w.show_import_report(dialog)  # the window keeps one report open, the latest
    return dialog


def _refused(w: EditorHost, message: str) -> None:
    message = one_line(one_language(message))
    w.report(message)
    _show(w, ImportReport(translate("ImportDialog", "无法导入"), [message], w, warning=True))


def _offered(results: Sequence[ImportResult]) -> int:
    return sum(
        len(item.suggestions)
        for r in results
        for item in r.items
        if item.suggestions and not item.fullwidth_applied
    )


def make_fullwidth(w: EditorHost, results: Sequence[ImportResult]) -> int:
    """Make the offered full-width fixes, one undo step; returns how many stories changed."""
    doc = w.editor.doc
    edits = fullwidth_edits(results, lambda article_id: doc.articles.get(article_id))
    if not edits:
        w.report(translate("ImportDialog", "稿件已改动，未改标点"))
        return 0
    with w.editor.session.macro("改为全角标点"):
        for article_id, fields in edits.items():
            w.editor.edit_text(article_id, **fields)
    w.report(
        translate("ImportDialog", "已将{n}篇稿件的半角标点改为全角（可撤销）").format(n=len(edits))
    )
    return len(edits)


def import_into_bin(w: EditorHost, paths: Sequence[str]) -> list[ImportResult] | None:
    """Import the files as one undo step; a file that cannot go in stops the whole import with
    its one-line reason (status bar and a dialog) and changes nothing."""
    if not paths:
        return None
    w.inspector.commit()
    try:
        results = w.editor.import_files(list(paths), attach_to=w.bin.selected_id())
    except (UserError, LibraryError) as exc:
        _refused(w, str(exc))
        return None
    except Exception as exc:  # a reader's bug must not take the desk's open issue down with it
        log.exception("import of %s failed", paths)
        _refused(w, translate("ImportDialog", "导入失败：{error}").format(error=exc))
        return None
    w.report(summarise(results))
    if any(needs_attention(r) for r in results):
        lines = []
        for r in results:
            lines.append(r.source)
            lines += [f"    {one_language(line)}" for line in details(r)]
        dialog = ImportReport(
            translate("ImportDialog", "导入稿件"), lines, w, fullwidth=_offered(results)
        )
        if dialog.fullwidth_button is not None:
            button = dialog.fullwidth_button
            button.clicked.connect(lambda: button.setEnabled(not make_fullwidth(w, results)))
        _show(w, dialog)
    return results


def choose_and_import(w: EditorHost) -> list[ImportResult] | None:
    """文件 → 导入稿件…: pick files (several at once) and import them."""
    paths = open_files(
        w,  # type: ignore[arg-type]
        w.settings,
        MATERIAL,
        library_folder(w.library_path()),
        translate("ImportDialog", "导入稿件"),
        file_filter(),
    )
    return import_into_bin(w, paths)
