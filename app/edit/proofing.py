"""Proof actions as undoable commands: takes a library and a round or a mark, gives OpenRound and ResolveMark, whose rules are app/proof's and whose undo is the edit session's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.edit.session import Change, Command
from app.edit.versions import swap
from app.model.proof import Mark, ProofRound, SnapshotLine, now
from app.proof.errors import ProofError
from app.proof.rounds import open_round, resolve_mark
from app.store import Library
from layouts.display import ComposedPage


class OpenRound(Command):
    """Open a round (一校/二校/三校) on composed pages; undo removes it again, redo brings it
    back under the same id with the same line snapshots and time."""

    label = "开始校次"
    transient = ("pages",)  # composed pages, read only the first time

    def __init__(
        self,
        issue_id: int,
        kind: str,
        proofreader: str,
        pages: Sequence[ComposedPage],
        at: datetime | None = None,
    ) -> None:
        self.issue_id = issue_id
        self.kind = kind
        self.proofreader = proofreader
        self.pages = list(pages)
        self.at = at or now()
        self.round: ProofRound | None = None
        self._snapshots: dict[int, list[SnapshotLine]] = {}

    @property
    def round_id(self) -> int | None:
        return self.round.id if self.round is not None else None

    def do(self, library: Library) -> Change:
        if self.round is None:
            self.round = open_round(
                library, self.issue_id, self.kind, self.proofreader, self.pages, at=self.at
            )
            assert self.round.id is not None
            self._snapshots = {
                pid: library.round_snapshot(self.round.id, pid) for pid in self.round.page_ids
            }
        else:
            library.add_proof_round(self.round, self._snapshots)
        return Change(proof=True)

    def undo(self, library: Library) -> Change:
        assert self.round is not None and self.round.id is not None
        # Marks made on the round since (in a proof view, by the proofreader) would go with it.
        if library.marks(round_id=self.round.id):
            raise ProofError(
                f"{self.kind}已有校对标记，不能撤销开始校次 / round {self.round.id} already has "
                "marks: opening it cannot be undone"
            )
        library.delete_proof_round(self.round.id)
        return Change(proof=True)


RESOLUTION = ("status", "resolved_at", "resolved_by")  # what ResolveMark changes


class ResolveMark(Command):
    """Set a mark fixed (已改) or rejected (不改), or open again; undo puts the mark back as
    it was, redo sets it as the first time (same person, same time)."""

    label = "处理校对标记"

    def __init__(self, mark_id: int, status: str, by: str = "", at: datetime | None = None) -> None:
        self.mark_id = mark_id
        self.status = status
        self.by = by
        self.at = at or now()
        self._before: Mark | None = None
        self._after: Mark | None = None

    def do(self, library: Library) -> Change:
        if self._after is None:
            self._before = library.mark(self.mark_id)
            self._after = resolve_mark(library, self.mark_id, self.status, self.by, at=self.at)
        else:
            assert self._before is not None
            swap(library, library.mark(self.mark_id), self._before, self._after, RESOLUTION)
        return Change(proof=True)

    def undo(self, library: Library) -> Change:
        assert self._before is not None and self._after is not None
        swap(library, library.mark(self.mark_id), self._after, self._before, RESOLUTION)
        return Change(proof=True)
