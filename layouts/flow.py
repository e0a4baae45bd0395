"""Threads: a story's paragraphs flowing through its frames' columns, across pages.

Takes a Story (paragraphs, a headline block, frames in thread order) and gives the lines
placed on baselines, the jump lines （下转第N版）/（上接第N版）, and the overset that did not fit.
A frame that holds the rest of its story balances its columns (分栏平衡): the legs end on the
same line or one line apart, left legs the deeper; a frame the story runs on from fills its
columns in turn, its jump line closing the last leg. A continuation (the story's first frame on
a later page) opens under a short head across its columns — the 续题 and its （上接第N版） —
when the story gives one (Story.follow); else the （上接） line opens its first leg.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from layouts.display import GlyphRun, Item, Rule
from layouts.fonts.metrics import FaceSet
from layouts.grid import PageGrid
from layouts.paragraph import compose_paragraph
from layouts.text import Line, Paragraph, TextStyle
from layouts.wrap import WrapArea, areas_for, measure

ASCENT = 0.88  # of the size: where a line's top sits above its baseline on the grid
DESCENT = 0.12

JUMP_TO = "（下转第{page}版）"
JUMP_FROM = "（上接第{page}版）"


@dataclass(frozen=True, slots=True)
class TextFrame:
    """A frame a story flows through: `columns` equal columns separated by `gutter` points."""

    id: str
    page: int
    x: float
    y: float
    w: float
    h: float
    columns: int = 1
    gutter: float = 9.0

    @property
    def column_width(self) -> float:
        return (self.w - (self.columns - 1) * self.gutter) / self.columns

    def column_x(self, i: int) -> float:
        return self.x + i * (self.column_width + self.gutter)


@dataclass(frozen=True, slots=True)
class HeadBlock:
    """A composed headline group: items relative to the frame's top-left, and its height."""

    items: tuple[Item, ...]
    height: float


@dataclass(frozen=True)
class Story:
    id: str
    paragraphs: tuple[Paragraph, ...]
    frames: tuple[TextFrame, ...]
    head: HeadBlock | None = None
    jump_style: TextStyle | None = None  # jump lines are set only when this is given
    wraps: tuple[WrapArea, ...] = ()  # areas its text keeps out of (绕排), on any page
    # A continuation's head, set across the frame: given the frame and its （上接第N版） text,
    # the 续题 over that line (the caller composes it: layouts.headline needs this module).
    follow: Callable[[TextFrame, str], HeadBlock] | None = None


@dataclass(frozen=True, slots=True)
class PlacedLine:
    frame: str
    page: int
    x: float  # the column's left edge
    baseline: float
    size: float
    line: Line
    paragraph: int  # index into the story's paragraphs; -1 for jump lines

    def items(self) -> list[Item]:
        """The line's glyph runs and the rules of its 2-em dashes."""
        items: list[Item] = list(self.glyph_runs())
        for r in self.line.rules:
            y = self.baseline - r.rise
            items.append(Rule(self.frame, self.x + r.x1, y, self.x + r.x2, y, r.thickness, r.color))
        return items

    def glyph_runs(self) -> list[GlyphRun]:
        return [
            GlyphRun(
                owner=self.frame,
                font=seg.font,
                size=self.size,
                y=self.baseline,
                text=seg.text,
                xs=tuple(self.x + x for x in seg.xs),
                color=seg.color,
            )
            for seg in self.line.segments
            if seg.text
        ]


@dataclass
class FrameFill:
    lines: int = 0  # body lines placed
    free: int = 0  # empty line slots left
    chars_per_line: float = 0.0
    capacity: int = 0  # line slots in each column
    depth: int = 0  # lines in the deepest leg (jump lines included)
    balanced: bool = False  # the story ends here and its legs were balanced
    fit_height: float = 0.0  # points from the frame's top that hold its deepest leg exactly

    @property
    def spare_lines(self) -> int:
        """Whole lines the frame could lose at its bottom and still hold what it holds."""
        return self.capacity - self.depth


@dataclass
class StoryLayout:
    lines: list[PlacedLine] = field(default_factory=list)
    head_items: dict[str, tuple[int, tuple[Item, ...]]] = field(
        default_factory=dict
    )  # frame → page, items
    fill: dict[str, FrameFill] = field(default_factory=dict)
    overset: int = 0  # characters (without whitespace) no frame could hold

    def items_for_page(self, page: int) -> list[Item]:
        out: list[Item] = []
        for head_page, items in self.head_items.values():
            if head_page == page:
                out.extend(items)
        for pl in self.lines:
            if pl.page == page:
                out.extend(pl.items())
        return out


Composer = Callable[[Paragraph, float, int], list[Line]]


class ParagraphCache:
    """Composed lines per (paragraph, width, start): an edit re-composes only what it touched."""

    def __init__(self, faces: FaceSet, limit: int = 20000) -> None:
        self.faces = faces
        self.limit = limit
        self._lines: dict[tuple[Paragraph, float, int], list[Line]] = {}
        self.misses = 0

    def __call__(self, par: Paragraph, width: float, start: int) -> list[Line]:
        key = (par, round(width, 4), start)
        lines = self._lines.get(key)
        if lines is None:
            self.misses += 1
            if len(self._lines) >= self.limit:
                self._lines.clear()  # simple and bounded; a whole issue fits many times over
            lines = compose_paragraph(par, width, self.faces, start=start)
            self._lines[key] = lines
        return lines


def _shift(item: Item, dx: float, dy: float) -> Item:
    if isinstance(item, GlyphRun):
        return replace(item, y=item.y + dy, xs=tuple(x + dx for x in item.xs))
    if isinstance(item, Rule):
        return replace(item, x1=item.x1 + dx, x2=item.x2 + dx, y1=item.y1 + dy, y2=item.y2 + dy)
    return replace(item, x=item.x + dx, y=item.y + dy)


def _slots(frame: TextFrame, top: float, size: float, leading: float, grid: PageGrid | None):
    """Baselines available in each column of a frame below `top`."""
    if grid is not None and abs(leading - grid.leading) < 1e-6:
        first = grid.first_baseline_below(top, size * ASCENT)
    else:
        first = top + size * ASCENT
    bottom = frame.y + frame.h
    baselines: list[float] = []
    b = first
    while b + size * DESCENT <= bottom + 1e-6:
        baselines.append(b)
        b += leading
    return baselines


def flow_story(
    story: Story,
    compose: Composer,
    grid: PageGrid | None = None,
    set_jump: Callable[[str, TextStyle, float, str], Line] | None = None,
) -> StoryLayout:
    """Flow a story through its frames in thread order; report overset, never drop text.

    Where a wrap area (绕排, layouts/wrap.py) crosses a line slot the line is shortened or the
    slot skipped; such a frame balances its legs by trying them (_balance_wrapped)."""
    out = StoryLayout()
    pars = story.paragraphs
    style = pars[0].style if pars else None
    size = style.size if style else 9.0
    leading = style.leading if style else 14.0
    state = _Cursor()

    for fi, frame in enumerate(story.frames):
        fill = out.fill.setdefault(frame.id, FrameFill())
        fill.chars_per_line = frame.column_width / size
        prev_page = story.frames[fi - 1].page if fi > 0 else frame.page
        next_page = story.frames[fi + 1].page if fi + 1 < len(story.frames) else frame.page
        jumps = story.jump_style is not None and set_jump is not None
        continues = jumps and fi > 0 and prev_page != frame.page and state.pi < len(pars)
        block = story.head if fi == 0 else None
        if continues and story.follow is not None:  # the （上接） line goes with the 续题
            block = story.follow(frame, JUMP_FROM.format(page=prev_page))
            continues = False
        top = frame.y
        if block is not None:
            shifted = tuple(_shift(it, frame.x, frame.y) for it in block.items)
            out.head_items[frame.id] = (frame.page, shifted)
            top += block.height
        baselines = _slots(frame, top, size, leading, grid)
        fit = _Fit(
            frame,
            _places(frame, baselines, size, story.wraps),
            jump_from=continues,
            jump_to=jumps and fi + 1 < len(story.frames) and next_page != frame.page,
            prev_page=prev_page,
            next_page=next_page,
        )
        rows = len(baselines)
        legs = [rows] * frame.columns
        if state.pi < len(pars):
            head = int(fit.jump_from)
            if fit.wrapped:
                found = _balance_wrapped(story, fit, state, compose, set_jump, rows)
                if found is not None:
                    legs, fill.balanced = found, True
            else:
                room = rows * frame.columns - head
                count = _count_lines(
                    pars,
                    state.pi,
                    state.ci,
                    state.pending,
                    state.pending_width,
                    frame.column_width,
                    compose,
                    room,
                )
                if count <= room:  # the story ends in this frame: balance its legs
                    deep, extra = divmod(count + head, frame.columns)
                    legs = [deep + (col < extra) for col in range(frame.columns)]
                    fill.balanced = True
        else:
            legs = [0] * frame.columns
        fill.capacity = rows
        fill.depth = max(legs, default=0)
        if fill.depth:
            fill.fit_height = baselines[fill.depth - 1] + size * DESCENT - frame.y
        state = _place(story, fit, legs, fill, state, compose, set_jump, out.lines)
    out.overset = _remaining_chars(pars, state.pi, state.ci)
    return out


@dataclass
class _Cursor:
    """Where the flow stands: next paragraph and character, and the composed lines of that
    paragraph not placed yet (set at `pending_width`)."""

    pi: int = 0
    ci: int = 0
    pending: list[Line] = field(default_factory=list)
    pending_width: float = -1.0

    def copy(self) -> _Cursor:
        return _Cursor(self.pi, self.ci, list(self.pending), self.pending_width)


Place = tuple[float, float] | None  # a line slot's (x, width); None: covered by a wrap


@dataclass(frozen=True)
class _Fit:
    """One frame's line slots: per column, per baseline, where a line goes."""

    frame: TextFrame
    places: list[list[tuple[float, Place]]]  # per column: (baseline, place)
    jump_from: bool
    jump_to: bool
    prev_page: int
    next_page: int

    @property
    def wrapped(self) -> bool:
        return any(
            p is None or p[1] != self.frame.column_width for col in self.places for _, p in col
        )


def _places(
    frame: TextFrame, baselines: list[float], size: float, areas: tuple[WrapArea, ...]
) -> list[list[tuple[float, Place]]]:
    width = frame.column_width
    near = areas_for(areas, frame.page, frame.x, frame.y, frame.w, frame.h, frame.id)
    out = []
    for col in range(frame.columns):
        x = frame.column_x(col)
        if not near:
            out.append([(b, (x, width)) for b in baselines])
            continue
        column = []
        for b in baselines:
            column.append((b, measure(x, width, b - size * ASCENT, b + size * DESCENT, near, size)))
        out.append(column)
    return out


def _place(
    story: Story,
    fit: _Fit,
    legs: list[int],
    fill: FrameFill,
    state: _Cursor,
    compose: Composer,
    set_jump: Callable[[str, TextStyle, float, str], Line] | None,
    lines: list[PlacedLine],
) -> _Cursor:
    """Set the story's lines into the frame's slots, each column down to its leg (rows);
    the （上接） line opens the first slot, the （下转） line closes the last one unless the
    story ends here. Returns where the flow stands after the frame."""
    pars, frame = story.paragraphs, fit.frame
    size = pars[0].style.size if pars else 9.0
    at = state.copy()
    usable = [
        (col, bi, place)
        for col, column in enumerate(fit.places)
        for bi, (_, place) in enumerate(column)
        if place is not None
    ]
    first = usable[0][:2] if usable else None
    last = usable[-1][:2] if usable else None
    for col, column in enumerate(fit.places):
        for bi, (baseline, place) in enumerate(column):
            if place is None:
                continue  # under a wrap: no line, and no room either
            x, width = place
            if bi >= legs[col]:
                fill.free += 1
                continue
            if fit.jump_from and (col, bi) == first:
                text = JUMP_FROM.format(page=fit.prev_page)
                line = set_jump(text, story.jump_style, width, "left")  # type: ignore[misc,arg-type]
                lines.append(PlacedLine(frame.id, frame.page, x, baseline, size, line, -1))
                continue
            if at.pi >= len(pars):
                fill.free += 1
                continue
            if fit.jump_to and not fill.balanced and (col, bi) == last:
                text = JUMP_TO.format(page=fit.next_page)
                line = set_jump(text, story.jump_style, width, "right")  # type: ignore[misc,arg-type]
                lines.append(PlacedLine(frame.id, frame.page, x, baseline, size, line, -1))
                continue
            if not at.pending or abs(at.pending_width - width) > 1e-6:
                at.pending = list(compose(pars[at.pi], width, at.ci))
                at.pending_width = width
            line = at.pending.pop(0)
            lines.append(PlacedLine(frame.id, frame.page, x, baseline, size, line, at.pi))
            fill.lines += 1
            at.ci = line.end
            if line.last or at.ci >= len(pars[at.pi].text):
                at.pi, at.ci, at.pending = at.pi + 1, 0, []
    return at


def _balance_wrapped(
    story: Story,
    fit: _Fit,
    state: _Cursor,
    compose: Composer,
    set_jump: Callable[[str, TextStyle, float, str], Line] | None,
    rows: int,
) -> list[int] | None:
    """Balanced legs for a frame a wrap reaches into, if the story ends in it: the shallowest
    of the cuts [d+1]*e + [d]*(columns-e) (as the plain frame's balance) that sets all the rest
    — found by setting it, since shortened and skipped lines defeat counting. None when even
    the full frame does not hold the rest."""
    n = fit.frame.columns

    def legs(k: int) -> list[int]:  # k-th cut in order of room, 1 … rows * n
        deep, extra = divmod(k, n)
        return [deep + (col < extra) for col in range(n)]

    def holds(k: int) -> bool:
        trial = FrameFill(balanced=True)
        end = _place(story, fit, legs(k), trial, state, compose, set_jump, [])
        return end.pi >= len(story.paragraphs)

    if rows == 0 or not holds(rows * n):
        return None
    lo, hi = 1, rows * n
    while lo < hi:
        mid = (lo + hi) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid + 1
    return legs(lo)


def _count_lines(
    pars: tuple[Paragraph, ...],
    pi: int,
    ci: int,
    pending: list[Line],
    pending_width: float,
    width: float,
    compose: Composer,
    most: int,
) -> int:
    """How many lines the rest of the story sets at `width`, counted as far as most + 1,
    composed as placing them will compose them (the cache then serves the placing)."""
    if pending and abs(pending_width - width) <= 1e-6:
        count = len(pending)
    else:
        count = len(compose(pars[pi], width, ci))
    for par in pars[pi + 1 :]:
        if count > most:
            break
        count += len(compose(par, width, 0))
    return count


def _remaining_chars(pars: tuple[Paragraph, ...], pi: int, ci: int) -> int:
    if pi >= len(pars):
        return 0
    rest = pars[pi].text[ci:] + "".join(p.text for p in pars[pi + 1 :])
    return len("".join(rest.split()))
