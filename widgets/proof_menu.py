"""The 校对 menu: takes the editor window (as an EditorHost), gives its ProofActions — open a proof round (an undoable step) and its proof view, the marks dock, and export for print (付印) behind the sign-off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu

from app.errors import UserError
from app.export.progress import Progress
from app.model.proof import ROUND_KINDS
from app.proof.session import ProofSession
from app.store import LibraryError
from widgets.editor_host import EditorHost
from widgets.i18n import one_language
from widgets.labels import issue_title, step_name
from widgets.print_gate import preflight_allows_print
from widgets.proof_view import ProofView

REQUIRE_SIGNOFF_KEY = "proof/require_signoff"  # 签发后才能付印: QSettings, off by default


translate = QCoreApplication.translate  # lupdate reads translate("ProofMenu", "…") calls


@dataclass(frozen=True, slots=True)
class ProofActions:
    """The 校对 menu's actions, held by the window as `window.actions.proof`."""

    open_round: QAction
    proof_view: QAction
    print_export: QAction
    require_signoff: QAction  # checkable: the setting 签发后才能付印


def build_proof_menu(w: EditorHost) -> ProofActions:
    """校对 between 版本 and 视图: open a round on every page, open the proof view of a round."""
    assert isinstance(w, QObject)
    menu = QMenu(translate("ProofMenu", "校对(&P)"), w)
    w.menuBar().insertMenu(w.view_menu.menuAction(), menu)
    open_round = menu.addAction(translate("ProofMenu", "开始校次…"), lambda: ask_open_round(w))
    proof_view = menu.addAction(translate("ProofMenu", "打开校样…"), lambda: ask_proof_view(w))
    menu.addAction(w.marks_dock.toggleViewAction())
    menu.addSeparator()
    print_export = menu.addAction(translate("ProofMenu", "付印导出…"), lambda: export_for_print(w))
    signoff = menu.addAction(translate("ProofMenu", "签发后才能付印"))
    signoff.setCheckable(True)
    signoff.setChecked(require_signoff(w))
    signoff.toggled.connect(lambda on: set_require_signoff(w, on))
    return ProofActions(open_round, proof_view, print_export, signoff)


def start_round(w: EditorHost, kind: str, proofreader: str) -> int:
    """Open a round on all pages of the issue (undoable, like every edit); returns its id."""
    return w.editor.open_round(kind, proofreader)


def show_proof(w: EditorHost, round_id: int) -> ProofView:
    """The proof view of a round: the exported PDF itself, with the round's marks. A child
    of the window, which closes it if the round is undone."""
    editor = w.editor
    session = ProofSession.export(editor.library, round_id, editor.doc, editor.pages())
    paper = issue_title(editor.doc.publication, editor.doc.issue)
    view = ProofView(session, w, paper)  # type: ignore[arg-type]
    view.markAdded.connect(lambda _mark: w.refresh_marks())  # the editors see it at once
    view.show()
    return view


def ask_open_round(w: EditorHost) -> None:
    names = [step_name(k) for k in ROUND_KINDS]
    chosen, ok = QInputDialog.getItem(
        w, translate("ProofMenu", "开始校次"), translate("ProofMenu", "校次"), names, 0, False
    )
    if not ok:
        return
    kind = ROUND_KINDS[names.index(chosen)]
    name, ok = QInputDialog.getText(
        w,
        translate("ProofMenu", "开始校次"),
        translate("ProofMenu", "校对人"),
        text=w.editor.library.person,  # this desk's person (协作 ▸ 我的姓名)
    )
    if not ok:
        return
    try:
        round_id = start_round(w, kind, name)
    except (UserError, LibraryError) as e:
        w.fail(str(e))
        return
    show_proof(w, round_id)


def ask_proof_view(w: EditorHost) -> None:
    rounds = w.editor.library.proof_rounds(w.editor.doc.issue.id)
    if not rounds:
        w.report(translate("ProofMenu", "还没有校次：请先从“校对 → 开始校次…”开始"))
        return
    labels = [f"{step_name(r.kind)} {r.proofreader} {r.opened_at:%Y-%m-%d %H:%M}" for r in rounds]
    label, ok = QInputDialog.getItem(
        w,
        translate("ProofMenu", "打开校样"),
        translate("ProofMenu", "校次"),
        labels,
        len(labels) - 1,
        False,
    )
    if ok:
        show_proof(w, rounds[labels.index(label)].id)


# -- 付印: export for print behind the sign-off ----------------------------------------------------


def require_signoff(w: EditorHost) -> bool:
    """The setting 签发后才能付印: export for print refuses pages not signed off."""
    return bool(w.settings.value(REQUIRE_SIGNOFF_KEY, False, type=bool))


def set_require_signoff(w: EditorHost, on: bool) -> None:
    """Kept as the menu's check mark is toggled (the check mark shows the setting)."""
    w.settings.setValue(REQUIRE_SIGNOFF_KEY, bool(on))


def export_for_print(w: EditorHost, path: str | None = None) -> bool:
    """付印: export with the print preset, gated as the CLI's `export --preset print`. Pages
    not signed off (签发) are named first — refused with 签发后才能付印 set, otherwise the
    editor chooses whether to go on; then preflight errors stop it unless overridden."""
    w.inspector.commit()
    title = translate("ProofMenu", "付印导出")
    warnings = [one_language(line) for line in w.editor.print_warnings()]
    if warnings:
        listed = "\n".join(warnings)
        more = f" (+{len(warnings) - 1})" if len(warnings) > 1 else ""
        w.report(warnings[0] + more)
        if require_signoff(w):
            w.tell(
                title,
                translate("ProofMenu", "签发后才能付印，不能导出：\n{pages}").format(pages=listed),
            )
            return False
        if not w.ask(
            title,
            translate("ProofMenu", "以下版面尚未签发：\n{pages}\n\n仍要导出？").format(
                pages=listed
            ),
        ):
            return False
    if not preflight_allows_print(w):
        return False
    return w.export_pdf(path, preset="print")


class PresetExport:
    """The editor as export_with_dialog uses it (its doc, export(path, progress)), exporting
    with another preset and, for print, the window's sign-off setting."""

    def __init__(self, w: EditorHost, preset: str) -> None:
        self.editor = w.editor
        self.doc = w.editor.doc
        self.preset = preset
        self.require_signoff = preset == "print" and require_signoff(w)

    def export(self, path: str | Path, progress: Progress | None = None) -> Sequence[Path]:
        return self.editor.export(path, progress, self.preset, require_signoff=self.require_signoff)
