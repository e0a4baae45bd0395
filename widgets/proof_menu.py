"""The 校对 menu: takes an EditorWindow, gives actions to open a proof round and its proof view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMenu

from app.errors import UserError
from app.proof.model import ROUND_KINDS
from app.proof.rounds import open_round
from app.proof.session import ProofSession
from app.store import LibraryError
from widgets.proof_view import ProofView

if TYPE_CHECKING:
    from widgets.editor_window import EditorWindow


def translate(text: str) -> str:
    return QCoreApplication.translate("ProofMenu", text)


def build_proof_menu(w: EditorWindow) -> None:
    """校对 between 版本 and 视图: open a round on every page, open the proof view of a round."""
    menu = QMenu(translate("校对(&P)"), w)
    w.menuBar().insertMenu(w.view_menu.menuAction(), menu)
    w.open_round_action = menu.addAction(translate("开始校次…"), lambda: ask_open_round(w))
    w.proof_view_action = menu.addAction(translate("打开校样…"), lambda: ask_proof_view(w))


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
