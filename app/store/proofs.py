"""The Library's proofreading tables (a mixin of Library): takes and gives proof rounds with snapshots, marks, sign-offs."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.model.proof import Mark, PageSignoff, ProofRound, SnapshotLine
from app.store import proof_rows
from app.store.errors import LibraryError


class ProofStore:
    """Proof rounds, marks and sign-offs; every method is one transaction.

    Library supplies `_b` (the backend), `transaction()` and the `_insert/_update/_get/_where/_with_id`
    helpers this mixin calls.
    """

    # -- rounds ---------------------------------------------------------------------------

    def add_proof_round(
        self, rnd: ProofRound, snapshots: Mapping[int, Sequence[SnapshotLine]] | None = None
    ) -> ProofRound:
        """Store a round and its pages, each with the line snapshot taken as it opened; a round
        that has an id keeps it (the redo of an undone round)."""
        snapshots = snapshots or {}
        row = proof_rows.round_row(rnd)
        if rnd.id is not None:
            row = {"id": rnd.id, **row}
        with self.transaction():
            round_id = self._b.insert("proof_rounds", row)
            self._b.insert_many(
                "proof_round_pages",
                (
                    {
                        "round_id": round_id,
                        "page_id": page_id,
                        "lines": proof_rows.lines_json(list(snapshots.get(page_id, ()))),
                    }
                    for page_id in rnd.page_ids
                ),
            )
        return self._with_id(rnd, round_id)

    def delete_proof_round(self, round_id: int) -> None:
        """Remove a round with its page snapshots and its marks (the undo of opening it)."""
        self._delete("proof_rounds", round_id)

    def update_proof_round(self, rnd: ProofRound) -> ProofRound:
        """Save a round's proofreader, colour and times (its pages are fixed when it opens)."""
        row = proof_rows.round_row(rnd)
        version = self._update("proof_rounds", rnd.id, row, "校次 proof round", rnd.version)
        return dataclasses.replace(rnd, version=version)

    def proof_round(self, round_id: int) -> ProofRound:
        return proof_rows.round_from_row(
            self._get("proof_rounds", round_id), self._round_pages(round_id)
        )

    def proof_rounds(self, issue_id: int, page_id: int | None = None) -> list[ProofRound]:
        """The issue's rounds (those covering `page_id`, if given), oldest first."""
        if page_id is None:
            found = self._where("proof_rounds", "issue_id = ?", [issue_id], "id")
        else:
            found = self._where(
                "proof_rounds",
                "issue_id = ? AND id IN (SELECT round_id FROM proof_round_pages WHERE page_id = ?)",
                [issue_id, page_id],
                "id",
            )
        return [proof_rows.round_from_row(r, self._round_pages(r["id"])) for r in found]

    def _round_pages(self, round_id: int) -> tuple[int, ...]:
        # By page number (版序), so a round lists and exports its pages in the paper's order.
        cursor = self._b.execute(
            "SELECT rp.page_id FROM proof_round_pages rp JOIN pages p ON p.id = rp.page_id "
            "WHERE rp.round_id = ? ORDER BY p.number, p.id",
            [round_id],
        )
        return tuple(row[0] for row in cursor.fetchall())

    def round_snapshot(self, round_id: int, page_id: int) -> list[SnapshotLine]:
        """The page's lines as they were when the round opened."""
        row = self._b.execute(
            "SELECT lines FROM proof_round_pages WHERE round_id = ? AND page_id = ?",
            [round_id, page_id],
        ).fetchone()
        if row is None:
            raise LibraryError(
                f"校次{round_id}不含版面{page_id} / round {round_id} has no page {page_id}"
            )
        return proof_rows.lines_from_json(row[0])

    # -- marks ----------------------------------------------------------------------------

    def add_mark(self, mark: Mark) -> Mark:
        return self._with_id(mark, self._insert("proof_marks", proof_rows.mark_row(mark)))

    def add_marks(self, marks: Iterable[Mark]) -> list[Mark]:
        """Several marks in one transaction (a returned PDF comes in whole or not at all)."""
        with self.transaction():
            return [self.add_mark(m) for m in marks]

    def update_mark(self, mark: Mark) -> Mark:
        row = proof_rows.mark_row(mark)
        version = self._update("proof_marks", mark.id, row, "校对标记 mark", mark.version)
        return dataclasses.replace(mark, version=version)

    def update_marks(self, marks: Iterable[Mark]) -> list[Mark]:
        with self.transaction():
            return [self.update_mark(m) for m in marks]

    def mark(self, mark_id: int) -> Mark:
        return proof_rows.mark_from_row(self._get("proof_marks", mark_id))

    def marks(
        self,
        *,
        issue_id: int | None = None,
        round_id: int | None = None,
        page_id: int | None = None,
        article_id: int | None = None,
        status: str | None = None,
    ) -> list[Mark]:
        """Marks matching every filter given, in the order they were made."""
        where: list[str] = []
        args: list[Any] = []
        for column, value in (
            ("round_id", round_id),
            ("page_id", page_id),
            ("article_id", article_id),
            ("status", status),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if issue_id is not None:
            where.append("round_id IN (SELECT id FROM proof_rounds WHERE issue_id = ?)")
            args.append(issue_id)
        found = self._where("proof_marks", " AND ".join(where) or None, args, "id")
        return [proof_rows.mark_from_row(r) for r in found]

    # -- sign-offs ------------------------------------------------------------------------

    def add_signoff(self, signoff: PageSignoff) -> PageSignoff:
        """Record a signature; the file itself refuses a step signed twice on a page, or one
        person signing two reviews of it (LibraryError)."""
        try:
            return self._with_id(
                signoff, self._insert("page_signoffs", proof_rows.signoff_row(signoff))
            )
        except LibraryError as e:
            if self._b.is_unique_violation(e.__cause__):
                raise LibraryError(
                    f"签字重复 / already signed: {signoff.step} by {signoff.person} "
                    f"on page {signoff.page_id}"
                ) from e
            raise

    def delete_signoff(self, page_id: int, step: str) -> None:
        """Take a page's signature for `step` off (the undo of signing it)."""
        with self.transaction():
            self._b.execute(
                "DELETE FROM page_signoffs WHERE page_id = ? AND step = ?", [page_id, step]
            )

    def signoffs(self, page_id: int) -> list[PageSignoff]:
        """The page's signatures in the order they were given."""
        found = self._where("page_signoffs", "page_id = ?", [page_id], "id")
        return [proof_rows.signoff_from_row(r) for r in found]
