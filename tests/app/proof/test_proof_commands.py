"""Proof actions as undo steps (no Qt): opening a round and resolving a mark undo and redo exactly, under the same ids and times."""

from __future__ import annotations

import pytest

from app.edit.proofing import OpenRound, ResolveMark
from app.edit.session import Change, EditSession
from app.model.proof import Mark, Rect
from app.proof.errors import ProofError
from app.proof.rounds import add_mark

from .helpers import Paper, at


def open_first_round(paper: Paper, session: EditSession) -> OpenRound:
    command = OpenRound(paper.issue.id, "一校", "王校对", paper.compose(), at=at(9))  # type: ignore[arg-type]
    assert session.push(command) == Change(proof=True)
    return command


def test_opening_a_round_undoes_to_nothing_and_redoes_the_same_round(paper: Paper) -> None:
    session = EditSession(paper.lib)
    command = open_first_round(paper, session)
    rnd = paper.lib.proof_round(command.round_id)  # type: ignore[arg-type]
    snapshots = {pid: paper.lib.round_snapshot(rnd.id, pid) for pid in rnd.page_ids}  # type: ignore[arg-type]
    assert rnd.opened_at == at(9) and all(snapshots.values())
    assert session.undo() == Change(proof=True)
    assert paper.lib.proof_rounds(paper.issue.id) == []  # type: ignore[arg-type]
    session.redo()
    assert paper.lib.proof_rounds(paper.issue.id) == [rnd]  # type: ignore[arg-type]
    assert {pid: paper.lib.round_snapshot(rnd.id, pid) for pid in rnd.page_ids} == snapshots  # type: ignore[arg-type]
    # the rules still hold: a second 一校 on the same pages is refused, and changes nothing
    with pytest.raises(ProofError):
        session.push(OpenRound(paper.issue.id, "一校", "李校对", paper.compose()))  # type: ignore[arg-type]
    assert session.depth() == (1, 0)


def test_a_round_with_marks_refuses_to_be_undone(paper: Paper) -> None:
    session = EditSession(paper.lib)
    command = open_first_round(paper, session)
    mark = add_mark(
        paper.lib,
        Mark(command.round_id, paper.page_id(2), Rect(4, 300, 14, 14), "说明"),  # type: ignore[arg-type]
    )
    with pytest.raises(ProofError, match="不能撤销"):
        session.undo()
    assert paper.lib.mark(mark.id) == mark  # type: ignore[arg-type]
    assert session.depth() == (1, 0)  # still on the stack


def test_resolving_a_mark_undoes_to_open_and_redoes_as_first_done(paper: Paper) -> None:
    session = EditSession(paper.lib)
    command = open_first_round(paper, session)
    mark = add_mark(
        paper.lib,
        Mark(command.round_id, paper.page_id(2), Rect(4, 300, 14, 14), "说明"),  # type: ignore[arg-type]
    )
    session.push(ResolveMark(mark.id, "fixed", "编辑甲", at=at(10)))  # type: ignore[arg-type]
    fixed = paper.lib.mark(mark.id)  # type: ignore[arg-type]
    assert (fixed.status, fixed.resolved_by, fixed.resolved_at) == ("fixed", "编辑甲", at(10))
    session.undo()
    assert paper.lib.mark(mark.id) == mark and mark.is_open  # type: ignore[arg-type]
    session.redo()
    assert paper.lib.mark(mark.id) == fixed  # type: ignore[arg-type]
    with pytest.raises(ProofError):  # an unknown status is the rules' refusal, nothing stored
        session.push(ResolveMark(mark.id, "done?"))  # type: ignore[arg-type]
    assert paper.lib.mark(mark.id) == fixed  # type: ignore[arg-type]
