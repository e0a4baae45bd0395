"""Open marks for the editors: takes the library, an issue or a page (and its composed page), gives each open mark with its round, colour and where it shows now."""

from __future__ import annotations

from dataclasses import dataclass

from app.model.proof import COLOUR_RGB, Mark, ProofRound, Rect
from app.proof.locate import PlacedChar, article_chars
from app.proof.rounds import frame_articles
from app.store import Library
from layouts.display import ComposedPage


@dataclass(frozen=True, slots=True)
class OpenMark:
    """One mark as the editor's list and canvas show it."""

    mark: Mark
    page_number: int
    round: ProofRound
    box: Rect  # on the page as it composes now: on its text when it has a range

    @property
    def id(self) -> int:
        return int(self.mark.id)  # type: ignore[arg-type]

    @property
    def colour(self) -> tuple[int, int, int]:
        """The round's colour (red, blue, green) as 8-bit RGB for the screen."""
        return tuple(round(c * 255) for c in COLOUR_RGB[self.round.colour])  # type: ignore[return-value]

    @property
    def label(self) -> str:
        """The kind with its proposed text, as a proofreader writes it in the margin."""
        m = self.mark
        return f"{m.kind}：{m.proposed}" if m.proposed else m.kind

    @property
    def who(self) -> str:
        return self.mark.author or self.round.proofreader


def _rounds(library: Library, issue_id: int) -> dict[int, ProofRound]:
    return {r.id: r for r in library.proof_rounds(issue_id)}  # type: ignore[misc]


def issue_open_marks(library: Library, issue_id: int) -> list[OpenMark]:
    """Every open mark of the issue, by page number then in the order they were made; boxes as
    stored (the list does not compose pages: placing on text is the canvas's job)."""
    rounds = _rounds(library, issue_id)
    numbers = {p.id: p.number for p in library.pages(issue_id)}
    found = [
        OpenMark(m, numbers.get(m.page_id, 0), rounds[m.round_id], m.box)
        for m in library.marks(issue_id=issue_id, status="open")
    ]
    return sorted(found, key=lambda o: (o.page_number, o.id))


def page_open_marks(library: Library, page_id: int, composed: ComposedPage) -> list[OpenMark]:
    """The page's open marks placed on the page as it composes now: a mark on text sits on its
    characters wherever the edits since moved them (locate.text_box), any other at its box."""
    marks = library.marks(page_id=page_id, status="open")
    if not marks:
        return []  # the common case after every edit: no composing of character boxes
    page = library.page(page_id)
    assert page.issue_id is not None
    rounds = _rounds(library, page.issue_id)
    chars: list[PlacedChar] = []
    if any(m.on_text for m in marks):
        chars = article_chars(composed, frame_articles(library, page_id))
    out = []
    for m in marks:
        box = _text_box(chars, m) if m.on_text else None
        out.append(OpenMark(m, page.number, rounds[m.round_id], box or m.box))
    return out


def _text_box(chars: list[PlacedChar], mark: Mark) -> Rect | None:
    """As locate.text_box, over characters placed once for all the page's marks."""
    start, end = mark.start or 0, mark.end or 0
    box = None
    for c in chars:
        if c.article_id == mark.article_id and start <= c.offset < max(end, start + 1):
            box = c.box if box is None else box.union(c.box)
    return box
