"""The 校对 menu: takes an EditorWindow, gives actions to open a proof round and its proof view, the marks dock, and export for print (付印) behind the sign-off."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMenu

from app.errors import UserError
from app.export.progress import Progress
from app.model.proof import ROUND_KINDS
from app.proof.rounds import open_round
from app.proof.session import ProofSession
from app.store import LibraryError
from widgets.proof_view import ProofView

if TYPE_CHECKING:
    from widgets.editor_window import EditorWindow

REQUIRE_SIGNOFF_KEY = "proof/require_signoff"  # 签发后才能付印: QSettings, off by default


def translate(text: str) -> str:
    return QCoreApplication.translate("ProofMenu", text)


def build_proof_menu(w: EditorWindow) -> None:
    """校对 between 版本 and 视图: open a round on every page, open the proof view of a round."""
    menu = QMenu(translate("校对(&P)"), w)
    w.menuBar().insertMenu(w.view_menu.menuAction(), menu)
    w.open_round_action = menu.addAction(translate("开始校次…"), lambda: ask_open_round(w))
    w.proof_view_action = menu.addAction(translate("打开校样…"), lambda: ask_proof_view(w))
    menu.addAction(w.marks_dock.toggleViewAction())
    menu.addSeparator()
    w.print_export_action = menu.addAction(translate("付印导出…"), lambda: export_for_print(w))
    w.require_signoff_action = menu.addAction(translate("签发后才能付印"))
    w.require_signoff_action.setCheckable(True)
    w.require_signoff_action.setChecked(require_signoff(w))
    w.require_signoff_action.toggled.connect(lambda on: set_require_signoff(w, on))


def start_round(w: EditorWindow, kind: str, proofreader: str) -> int:
    """Open a round on all pages of the issue; returns its id."""
    editor = w.editor
    rnd = open_round(editor.library, editor.doc.issue.id, kind, proofreader, editor.pages())
    return int(rnd.id)


def show_proof(w: EditorWindow, round_id: int) -> ProofView:
    """The proof view of a round: the exported PDF itself, with the round's marks."""
    editor = w.editor
    session = ProofSession.export(editor.library, round_id, editor.doc, editor.pages())
    view = ProofView(session, w)
    view.markAdded.connect(lambda _mark: w.refresh_marks())  # the editors see it at once
    view.show()
    w.proof_view = view
    return view


def ask_open_round(w: EditorWindow) -> None:
    kind, ok = QInputDialog.getItem(
        w, translate("开始校次"), translate("校次"), list(ROUND_KINDS), 0, False
    )
    if not ok:
        return
    name, ok = QInputDialog.getText(w, translate("开始校次"), translate("校对人"))
    if not ok:
        return
    try:
        round_id = start_round(w, kind, name)
    except (UserError, LibraryError) as e:
        w.report(str(e))
        return
    show_proof(w, round_id)


def ask_proof_view(w: EditorWindow) -> None:
    rounds = w.editor.library.proof_rounds(w.editor.doc.issue.id)
    if not rounds:
        w.report(translate("还没有校次 / no proof round yet: 校对 → 开始校次…"))
        return
    labels = [f"{r.kind} {r.proofreader} #{r.id}" for r in rounds]
    label, ok = QInputDialog.getItem(
        w, translate("打开校样"), translate("校次"), labels, len(labels) - 1, False
    )
    if ok:
        show_proof(w, rounds[labels.index(label)].id)


# -- 付印: export for print behind the sign-off ----------------------------------------------------


def require_signoff(w: EditorWindow) -> bool:
    """The setting 签发后才能付印: export for print refuses pages not signed off."""
    return bool(w.settings.value(REQUIRE_SIGNOFF_KEY, False, type=bool))


def set_require_signoff(w: EditorWindow, on: bool) -> None:
    w.settings.setValue(REQUIRE_SIGNOFF_KEY, bool(on))
    if w.require_signoff_action.isChecked() != bool(on):
        w.require_signoff_action.setChecked(bool(on))


def export_for_print(w: EditorWindow, path: str | None = None) -> bool:
    """付印: export with the print preset. Pages not signed off (签发) are named first —
    refused with 签发后才能付印 set, otherwise the editor chooses whether to go on."""
    w.inspector.commit()
    title = translate("付印导出")
    warnings = w.editor.print_warnings()
    if warnings:
        listed = "\n".join(warnings)
        more = f" (+{len(warnings) - 1})" if len(warnings) > 1 else ""
        w.report(warnings[0] + more)
        if require_signoff(w):
            w.tell(title, translate("签发后才能付印，不能导出：\n{pages}").format(pages=listed))
            return False
        if not w.ask(
            title, translate("以下版面尚未签发：\n{pages}\n\n仍要导出？").format(pages=listed)
        ):
            return False
    return w.export_pdf(path, preset="print")


class PresetExport:
    """The editor as export_with_dialog uses it (its doc, export(path, progress)), exporting
    with another preset and, for print, the window's sign-off setting."""

    def __init__(self, w: EditorWindow, preset: str) -> None:
        self.editor = w.editor
        self.doc = w.editor.doc
        self.preset = preset
        self.require_signoff = preset == "print" and require_signoff(w)

    def export(self, path: str | Path, progress: Progress | None = None) -> Sequence[Path]:
        return self.editor.export(path, progress, self.preset, require_signoff=self.require_signoff)
