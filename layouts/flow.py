"""Threads: a story's paragraphs flowing through its frames' columns, across pages.

Takes a Story (paragraphs, a headline block, frames in thread order) and gives the lines
placed on baselines, the jump lines （下转第N版）/（上接第N版）, and the overset that did not fit.
A frame that holds the rest of its story balances its columns (分栏平衡): the legs end on the
same line or one line apart, left legs the deeper; a frame the story runs on from fills its
columns in turn, its jump line closing the last leg.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from layouts.display import GlyphRun, Item, Rule
from layouts.fonts.metrics import FaceSet
from layouts.grid import PageGrid
from layouts.paragraph import compose_paragraph
from layouts.text import Line, Paragraph, TextStyle

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
    """Flow a story through its frames in thread order; report overset, never drop text."""
    out = StoryLayout()
    pars = story.paragraphs
    pi, ci = 0, 0  # next paragraph and character to place
    pending: list[Line] = []  # composed lines of paragraph pi not yet placed
    pending_width = -1.0
    style = pars[0].style if pars else None
    size = style.size if style else 9.0
    leading = style.leading if style else 14.0

    for fi, frame in enumerate(story.frames):
        fill = out.fill.setdefault(frame.id, FrameFill())
        fill.chars_per_line = frame.column_width / size
        top = frame.y
        if fi == 0 and story.head is not None:
            shifted = tuple(_shift(it, frame.x, frame.y) for it in story.head.items)
            out.head_items[frame.id] = (frame.page, shifted)
            top += story.head.height
        baselines = _slots(frame, top, size, leading, grid)
        prev_page = story.frames[fi - 1].page if fi > 0 else frame.page
        next_page = story.frames[fi + 1].page if fi + 1 < len(story.frames) else frame.page
        jump_from = fi > 0 and prev_page != frame.page and pi < len(pars)
        jump_to = fi + 1 < len(story.frames) and next_page != frame.page
        jumps = story.jump_style is not None and set_jump is not None
        total_slots = len(baselines) * frame.columns
        width = frame.column_width
        legs = [len(baselines)] * frame.columns
        if pi < len(pars):
            head = int(jumps and jump_from)
            room = total_slots - head
            count = _count_lines(pars, pi, ci, pending, pending_width, width, compose, room)
            if count <= room:  # the story ends in this frame: balance its legs
                deep, extra = divmod(count + head, frame.columns)
                legs = [deep + (col < extra) for col in range(frame.columns)]
                fill.balanced = True
        else:
            legs = [0] * frame.columns
        fill.capacity = len(baselines)
        fill.depth = max(legs, default=0)
        if fill.depth:
            fill.fit_height = baselines[fill.depth - 1] + size * DESCENT - frame.y
        slot = 0
        for col in range(frame.columns):
            x = frame.column_x(col)
            for bi, baseline in enumerate(baselines):
                slot += 1
                if bi >= legs[col]:
                    fill.free += 1
                    continue
                if jumps and jump_from and col == 0 and bi == 0:
                    text = JUMP_FROM.format(page=prev_page)
                    line = set_jump(text, story.jump_style, width, "left")  # type: ignore[misc,arg-type]
                    out.lines.append(PlacedLine(frame.id, frame.page, x, baseline, size, line, -1))
                    continue
                if pi >= len(pars):
                    fill.free += 1
                    continue
                if jumps and jump_to and not fill.balanced and slot == total_slots:
                    text = JUMP_TO.format(page=next_page)
                    line = set_jump(text, story.jump_style, width, "right")  # type: ignore[misc,arg-type]
                    out.lines.append(PlacedLine(frame.id, frame.page, x, baseline, size, line, -1))
                    continue
                if not pending or abs(pending_width - width) > 1e-6:
                    pending = list(compose(pars[pi], width, ci))
                    pending_width = width
                line = pending.pop(0)
                out.lines.append(PlacedLine(frame.id, frame.page, x, baseline, size, line, pi))
                fill.lines += 1
                ci = line.end
                if line.last or ci >= len(pars[pi].text):
                    pi, ci, pending = pi + 1, 0, []
    out.overset = _remaining_chars(pars, pi, ci)
    return out


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
