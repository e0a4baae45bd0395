"""Signatures as undoable commands: takes a library and a page or a proof round, gives SignPage (初审/复审/终审/签发 under app/proof/signoff.py's rules) and CloseRound (a proofreader hands a round back, which signs its pages 一校/二校/三校)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from app.edit.session import Change, Command
from app.model.proof import PageSignoff, ProofRound, now
from app.proof.rounds import close_round
from app.proof.signoff import sign
from app.store import Library


class SignPage(Command):
    """Sign a review or the sign-off of one page; the rules (order, one person one review,
    签发 after 三校 and 终审, 改后付印 with marks open) refuse with a ProofError and change
    nothing. Undo takes the signature off, redo puts the same one back (same time)."""

    label = "签字"

    def __init__(
        self,
        page_id: int,
        step: str,
        person: str,
        *,
        after_fixes: bool = False,
        at: datetime | None = None,
    ) -> None:
        self.page_id = page_id
        self.step = step
        self.person = person
        self.after_fixes = after_fixes
        self.at = at or now()
        self.signed: PageSignoff | None = None

    def do(self, library: Library) -> Change:
        if self.signed is None:
            self.signed = sign(
                library,
                self.page_id,
                self.step,
                self.person,
                after_fixes=self.after_fixes,
                at=self.at,
            )
        else:
            self.signed = library.add_signoff(replace(self.signed, id=None))
        return Change(proof=True)

    def undo(self, library: Library) -> Change:
        assert self.signed is not None
        library.delete_signoff(self.page_id, self.step)
        return Change(proof=True)


class CloseRound(Command):
    """The proofreader hands the round back (结束校次): every page it covers advances to its
    kind, signed by the proofreader. Undo opens the round again without those signatures."""

    label = "结束校次"

    def __init__(self, round_id: int, at: datetime | None = None) -> None:
        self.round_id = round_id
        self.at = at or now()
        self._open: ProofRound | None = None
        self._closed: ProofRound | None = None

    def do(self, library: Library) -> Change:
        if self._closed is None:
            self._open = library.proof_round(self.round_id)
            self._closed = close_round(library, self.round_id, at=self.at)
        else:  # a redo: the round closed again, whoever touched it since (its version moved)
            current = library.proof_round(self.round_id)
            library.update_proof_round(replace(self._closed, version=current.version))
            for page_id in self._closed.page_ids:
                library.add_signoff(
                    PageSignoff(page_id, self._closed.kind, self._closed.proofreader, self.at)
                )
        return Change(proof=True)

    def undo(self, library: Library) -> Change:
        assert self._open is not None and self._closed is not None
        for page_id in self._closed.page_ids:
            library.delete_signoff(page_id, self._closed.kind)
        current = library.proof_round(self.round_id)
        library.update_proof_round(replace(self._open, version=current.version))
        return Change(proof=True)
