"""A proof view's session (no Qt): takes a library, a round and its composed pages, gives the exported print PDF, the marks to show and a way to add them."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.model.document import IssueDoc
from app.model.proof import COLOUR_RGB, Mark, ProofRound, Rect
from app.proof.exchange import round_pages
from app.proof.rounds import add_mark, round_changes
from app.store import Library
from layouts.display import ComposedPage


@dataclass(frozen=True, slots=True)
class ProofPage:
    """One page of the proof: PDF page `index` shows 版 `number`."""

    index: int
    page_id: int
    number: int
    label: str  # 第3版 体育健康
    composed: ComposedPage


def facing_spreads(numbers: Sequence[int]) -> list[tuple[int, ...]]:
    """Positions in `numbers` grouped as a reader sees the paper open: an even page on the left
    with the next odd page on the right (2|3, 4|5 …); page 1 and a page whose partner is not
    in the round stand alone."""
    where = {n: i for i, n in enumerate(numbers)}
    out: list[tuple[int, ...]] = []
    taken: set[int] = set()
    for i, n in enumerate(numbers):
        if i in taken:
            continue
        partner = where.get(n + 1) if n % 2 == 0 else None
        if partner is not None and partner not in taken:
            out.append((i, partner))
            taken.update((i, partner))
        else:
            out.append((i,))
            taken.add(i)
    return out


class ProofSession:
    """The proofreader's view of one round: the exported PDF of its pages and their marks."""

    def __init__(
        self,
        library: Library,
        round_id: int,
        pages: Sequence[ComposedPage],
        pdf: bytes,
        *,
        sections: dict[int, str] | None = None,
        title: str = "",
    ) -> None:
        """`pdf` holds the round's pages in round order, as `pages` compose them."""
        self.library = library
        self.round_id = round_id
        self.pdf = pdf
        rnd = library.proof_round(round_id)
        chosen = round_pages(library, rnd, pages)
        sections = sections or {}
        self.pages = [
            ProofPage(
                i,
                page_id,
                composed.number,
                f"第{composed.number}版 {sections.get(composed.number, '')}".strip(),
                composed,
            )
            for i, (page_id, composed) in enumerate(zip(rnd.page_ids, chosen, strict=True))
        ]
        self._title = title

    @classmethod
    def export(
        cls,
        library: Library,
        round_id: int,
        doc: IssueDoc,
        pages: Sequence[ComposedPage],
        *,
        preset: str = "screen",
    ) -> ProofSession:
        """Export the round's pages exactly as for print (PDF/X-1a, `preset`) and open them."""
        from app.export.issue import export_issue, issue_title

        rnd = library.proof_round(round_id)
        chosen = round_pages(library, rnd, pages)
        with tempfile.TemporaryDirectory(prefix="banmian-proof-view-") as folder:
            target = Path(folder) / "proof.pdf"
            export_issue(
                doc,
                chosen,
                target,
                preset=preset,
                image_loader=lambda asset_id: library.asset(asset_id).data,
            )
            data = target.read_bytes()
        return cls(
            library,
            round_id,
            chosen,
            data,
            sections={p.number: p.section for p in doc.pages},
            title=issue_title(doc),
        )

    @property
    def round(self) -> ProofRound:
        """The round as stored now (it may have been closed meanwhile)."""
        return self.library.proof_round(self.round_id)

    @property
    def title(self) -> str:
        rnd = self.round
        state = "" if rnd.is_open else "（已结束 closed）"
        return f"{self._title} {rnd.kind} {rnd.proofreader}{state}".strip()

    def rounds(self) -> dict[int, ProofRound]:
        rnd = self.round
        return {r.id: r for r in self.library.proof_rounds(rnd.issue_id)}  # type: ignore[misc]

    def colour(self, round_id: int | None = None) -> tuple[int, int, int]:
        """A round's colour (red, blue, green) as 8-bit RGB for the screen."""
        rnd = self.rounds()[round_id] if round_id is not None else self.round
        return tuple(round(c * 255) for c in COLOUR_RGB[rnd.colour])  # type: ignore[return-value]

    def spreads(self) -> list[tuple[int, ...]]:
        return facing_spreads([p.number for p in self.pages])

    def marks(self, index: int | None = None) -> list[Mark]:
        """What the proofreader sees on a page (all pages with None): this round's marks but
        the rejected ones, and earlier rounds' marks still open — as the annotated proof has."""
        pages = self.pages if index is None else [self.pages[index]]
        out: list[Mark] = []
        for page in pages:
            for mark in self.library.marks(page_id=page.page_id):
                mine = mark.round_id == self.round_id and mark.status != "rejected"
                carried = mark.is_open and mark.round_id < self.round_id
                if mine or carried:
                    out.append(mark)
        return out

    def changed_lines(self) -> dict[int, tuple[Rect, ...]]:
        """PDF page index → boxes of the lines changed since the previous round read the page,
        as the pages compose now (what the PDF shows); pages in their first round have none.
        The next round reads these again (三校 reads what 二校 changed)."""
        changes = round_changes(self.library, self.round_id, [p.composed for p in self.pages])
        return {
            p.index: tuple(line.box for line in changes[p.page_id].changed)
            for p in self.pages
            if p.page_id in changes and changes[p.page_id].changed
        }

    def page_of(self, mark: Mark) -> int:
        """The PDF page index a mark sits on."""
        for page in self.pages:
            if page.page_id == mark.page_id:
                return page.index
        raise KeyError(mark.page_id)

    def add_mark(
        self, index: int, box: Rect, kind: str, proposed: str = "", note: str = ""
    ) -> Mark:
        """A new mark of this round on page `index` (tied to the text under it, if any).

        Raises ProofError when the round is closed, ValueError for an unknown kind or a
        proposed text of more than one line."""
        page = self.pages[index]
        mark = Mark(self.round_id, page.page_id, box, kind, proposed=proposed, note=note)
        person = self.library.person  # the desk's: recorded when not the round's proofreader
        if person != self.library.proof_round(self.round_id).proofreader:
            mark = replace(mark, author=person)
        return add_mark(self.library, mark, page.composed)
