"""Make-up inputs and outputs: the grid, pages, stories with their measurers, placements, scores."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

# Measurers the caller supplies; the engine never sets text itself.
BodyDepth = Callable[[int], int]  # span → lines per leg, balanced, whole lines
# span, rank on the page, front page → points (math.inf: the headline cannot be set that narrow)
HeadHeight = Callable[[int, int, bool], float]
JumpHeadHeight = Callable[[int], float]  # span → points of a continuation's 续题 group
# first span, lines per leg the first part holds (its jump line included), continuation span
# → lines per leg of the continuation (its （上接第N版） line included)
RestDepth = Callable[[int, int, int], int]


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle on the page grid: columns across, body lines down (0-based)."""

    col: int
    line: int
    cols: int
    lines: int

    @property
    def right(self) -> int:
        return self.col + self.cols

    @property
    def bottom(self) -> int:
        return self.line + self.lines

    @property
    def area(self) -> int:
        return self.cols * self.lines

    def overlaps(self, other: Rect) -> bool:
        return (
            self.col < other.right
            and other.col < self.right
            and self.line < other.bottom
            and other.line < self.bottom
        )

    def contains(self, other: Rect) -> bool:
        return (
            self.col <= other.col
            and other.right <= self.right
            and self.line <= other.line
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True, slots=True)
class Grid:
    """The page's column grid and body baseline grid (points), and the white between modules."""

    columns: int = 6
    column_width: float = 99.0
    gutter: float = 9.0
    pitch: float = 14.0  # body line pitch: one grid line
    lines: int = 70  # body lines in the type area
    gap: int = 1  # lines of white under a module, between stories stacked in a column

    def __post_init__(self) -> None:
        if self.columns < 1 or self.lines < 1 or self.pitch <= 0 or self.column_width <= 0:
            raise ValueError("a make-up grid needs columns, lines and a positive pitch and width")

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * self.gutter

    def lines_for(self, points: float) -> int:
        """Whole grid lines that hold `points` (a headline group, a picture), counted as the
        flow counts them: the first baseline at or below."""
        return max(0, math.ceil(points / self.pitch - 1e-9))


@dataclass(frozen=True, slots=True)
class Floating:
    """Furniture the make-up may move (a QR slot): its name and the rectangles it may take,
    where it stands now first."""

    name: str
    places: tuple[Rect, ...]


Placed = tuple[tuple[str, Rect], ...]  # where each floating piece of furniture went
MAX_ARRANGEMENTS = 12  # ways of placing a page's floating furniture tried, at most


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page to make up: its number, section (版名) and the furniture's rectangles.

    `occupied` holds what the page template fixes (masthead, 报眼, boxes, ads), each rectangle
    including the white the furniture wants around it; stories tile everything else.
    `floating` furniture takes one of its places, whichever makes the better page.
    """

    number: int
    section: str = ""
    occupied: tuple[Rect, ...] = ()
    front: bool = False
    floating: tuple[Floating, ...] = ()

    def arrangements(self) -> list[tuple[PageSpec, Placed]]:
        """The page with its floating furniture fixed, one way for each choice of places
        that overlaps nothing; the furniture as it stands first, then with one piece moved,
        then two …, at most MAX_ARRANGEMENTS (each is a make-up of the page)."""
        if not self.floating:
            return [(self, ())]
        out: list[tuple[PageSpec, Placed]] = []
        combos = itertools.product(*(range(len(f.places)) for f in self.floating))
        for picks in sorted(combos, key=lambda c: (sum(1 for i in c if i), c)):
            if len(out) == MAX_ARRANGEMENTS:
                break
            rects = tuple(f.places[i] for f, i in zip(self.floating, picks, strict=True))
            taken = list(self.occupied)
            if any(r.overlaps(o) for n, r in enumerate(rects) for o in taken + list(rects[:n])):
                continue
            placed = tuple((f.name, r) for f, r in zip(self.floating, rects, strict=True))
            out.append((replace(self, occupied=self.occupied + rects, floating=()), placed))
        return out or [(replace(self, floating=()), ())]


@dataclass(frozen=True, slots=True)
class Picture:
    """A story's picture: height / width, how far it may be cropped, and its caption lines."""

    aspect: float
    crop: float = 0.75  # the shortest crop, as a fraction of the full height
    caption_lines: int = 1

    def __post_init__(self) -> None:
        if self.aspect <= 0 or not 0 < self.crop <= 1:
            raise ValueError("a picture needs a positive aspect and a crop in (0, 1]")


@dataclass(frozen=True)
class StoryInput:
    """A story to place, with the caller's measurers."""

    id: str
    rank: int  # 1 = lead
    body_depth: BodyDepth
    head_height: HeadHeight
    section: str = ""
    page: int | None = None  # the page the desk wants it on
    headline: str = ""
    picture: Picture | None = None
    jump_head_height: JumpHeadHeight | None = None
    rest_depth: RestDepth | None = None
    can_jump: bool = True  # the desk may forbid a jump for this story
    max_rest: int | None = None  # a jump may leave at most this many lines (one column) over


@dataclass(frozen=True, slots=True)
class Continuation:
    """The part of a jumped story still to place: cut at `span` × `lines` on `from_page`."""

    story: str
    from_page: int
    span: int
    lines: int  # lines per leg of the first part, its jump line included
    page_rank: int = 0  # the story's rank on `from_page` (1: that page's lead)


@dataclass(frozen=True, slots=True)
class Placement:
    """One module on the page: a story (or a continuation) as a rectangle, top to bottom:
    picture (with caption), headline group, designed white (slack), body legs, gap."""

    story: str
    part: int  # 0 = the story or its first part, 1 = a continuation
    rect: Rect
    picture_lines: int
    head_lines: int
    slack: int
    body_lines: int  # lines per leg
    page_rank: int  # 1 = the page's lead; continuations come after every story
    jumps: bool = False  # the story continues on another page (this part ends with （下转）)
    head_white: int = 0  # of head_lines, lines of white under the headline group

    @property
    def span(self) -> int:
        return self.rect.cols

    @property
    def head_rect(self) -> Rect:
        return Rect(
            self.rect.col, self.rect.line + self.picture_lines, self.rect.cols, self.head_lines
        )

    @property
    def body_rect(self) -> Rect:
        top = self.rect.line + self.picture_lines + self.head_lines + self.slack
        return Rect(self.rect.col, top, self.rect.cols, self.body_lines)


@dataclass(frozen=True)
class Score:
    """Penalty points (lower is better): the total and its terms by name."""

    total: float
    terms: Mapping[str, float] = field(default_factory=dict)

    def describe(self) -> str:
        parts = ", ".join(f"{k} {v:.1f}" for k, v in self.terms.items() if v)
        return f"{self.total:.1f} ({parts or 'no penalty'})"


@dataclass(frozen=True)
class Proposal:
    """A made-up page: its modules, the holes left, what stayed in the bin, and the score."""

    page: int
    placements: tuple[Placement, ...]
    holes: tuple[Rect, ...]
    unplaced: tuple[tuple[str, int], ...]  # (story id, part) of what did not go on the page
    continuations: tuple[Continuation, ...]  # jumps off this page, still to place elsewhere
    score: Score
    furniture: Placed = ()  # where the page's floating furniture went

    def placement(self, story: str, part: int = 0) -> Placement | None:
        for p in self.placements:
            if p.story == story and p.part == part:
                return p
        return None
