"""Signatures as undoable steps (app/edit/signing.py): a review signed under the rules and taken off again; a proof round closed — its pages signed by the proofreader — and opened again on undo, the same signatures back on redo."""

from __future__ import annotations

import pytest

from app.edit.session import EditSession
from app.edit.signing import CloseRound, SignPage
from app.proof.errors import ProofError
from app.proof.rounds import open_round
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from tests.sample_helpers import compose, page_id, sample_composer


def signatures(library: Library, page: int) -> list[tuple[str, str]]:
    return [(s.step, s.person) for s in library.signoffs(page)]


def test_a_review_signed_undone_and_redone_and_a_refusal_changes_nothing(
    library: Library,
) -> None:
    session = EditSession(library)
    page = page_id(library, 2)
    session.push(SignPage(page, "初审", "张编辑"))
    at = library.signoffs(page)[0].at
    with pytest.raises(ProofError, match="同一人不能签两审"):
        session.push(SignPage(page, "复审", "张编辑"))
    assert signatures(library, page) == [("初审", "张编辑")] and session.depth() == (1, 0)
    session.undo()
    assert signatures(library, page) == []
    session.redo()
    assert signatures(library, page) == [("初审", "张编辑")]
    assert library.signoffs(page)[0].at == at  # the same signature, not a new one


def test_closing_a_round_signs_its_pages_and_undo_opens_it_again(library: Library) -> None:
    session = EditSession(library)
    issue = library.issue_by_number(SAMPLE_ISSUE)
    composed = compose(library, sample_composer())
    rnd = open_round(library, issue.id, "一校", "孙校对", composed)  # type: ignore[arg-type]
    pages = rnd.page_ids
    session.push(CloseRound(rnd.id))  # type: ignore[arg-type]
    assert not library.proof_round(rnd.id).is_open  # type: ignore[arg-type]
    assert all(signatures(library, p) == [("一校", "孙校对")] for p in pages)
    session.undo()
    assert library.proof_round(rnd.id).is_open  # type: ignore[arg-type]
    assert all(signatures(library, p) == [] for p in pages)
    session.redo()
    assert not library.proof_round(rnd.id).is_open  # type: ignore[arg-type]
    assert all(signatures(library, p) == [("一校", "孙校对")] for p in pages)
