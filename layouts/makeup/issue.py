"""A whole issue's make-up: stories assigned to pages by wanted page, section and rank, page 1
first (its stories may jump inside), then every other page; what fits nowhere stays in the bin.

Takes the pages, the grid and the stories; gives one Proposal per page, where each jump went,
and the stories left in the bin. A jump's continuation must find a place: when it cannot, the
story is made up again without the jump, so no story is ever cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from layouts.makeup.model import Continuation, Grid, PageSpec, Proposal, StoryInput
from layouts.makeup.pack import Board
from layouts.makeup.page import EVALUATIONS, NODE_LIMIT, make_up_page
from layouts.makeup.pieces import MIN_REST_LINES, held_lines, story_piece
from layouts.makeup.score import Weights
from layouts.makeup.search import natural_span

FRONT_MIN = 3  # stories page 1 should carry at least
MAX_EXTRAS = 4  # stories from elsewhere a page is offered to fill its space
HOLE_RETRY = 12  # hole cells above which a page is made up again with the bin's stories


@dataclass(frozen=True)
class Jump:
    story: str
    from_page: int
    to_page: int


@dataclass(frozen=True)
class IssueMakeup:
    pages: tuple[Proposal, ...]  # in the order of the pages given
    jumps: tuple[Jump, ...]
    unplaced: tuple[str, ...]  # stories left whole in the bin

    @property
    def total(self) -> float:
        return sum(p.score.total for p in self.pages)


def home_pages(pages: Sequence[PageSpec], stories: Sequence[StoryInput]) -> dict[str, int | None]:
    """Each story's page: the one the desk wants, else the first of its section, else none."""
    numbers = {p.number for p in pages}
    by_section: dict[str, int] = {}
    for p in sorted(pages, key=lambda p: p.number):
        if p.section:
            by_section.setdefault(p.section, p.number)
    out: dict[str, int | None] = {}
    for s in stories:
        if s.page in numbers:
            out[s.id] = s.page
        else:
            out[s.id] = by_section.get(s.section) if s.section else None
    return out


def estimated_cells(story: StoryInput, grid: Grid, front: bool) -> int:
    """Cells a story takes at its natural span: what a desk's first estimate would say."""
    p = story_piece(story, grid, 2, front)
    s = natural_span(p, grid.columns)
    return s * (p.head[s] + p.body[s] + grid.gap)


@dataclass
class _Plan:
    own: dict[int, list[StoryInput]]
    pool: list[StoryInput]  # stories with no page of their own, or squeezed off it
    spare: dict[int, int]  # cells a page has beyond its own stories, by estimate
    fill: float  # the issue's stories over its free cells, by estimate
    # cells a page has beside its lead alone: what a continuation could take there when the
    # page's other stories go to the bin (an over-full issue), by estimate
    room: dict[int, int] = field(default_factory=dict)
    target: dict[str, int] = field(default_factory=dict)  # continuation → page


def plan(pages: Sequence[PageSpec], grid: Grid, stories: Sequence[StoryInput]) -> _Plan:
    home = home_pages(pages, stories)
    own: dict[int, list[StoryInput]] = {p.number: [] for p in pages}
    pool: list[StoryInput] = []
    for s in stories:
        if home[s.id] is None:
            pool.append(s)
        else:
            own[home[s.id]].append(s)
    for f in (p for p in pages if p.front):  # page 1 takes the top stories nobody placed
        pool.sort(key=lambda s: (s.rank, stories.index(s)))
        while len(own[f.number]) < FRONT_MIN and pool:
            own[f.number].append(pool.pop(0))
        # and, still short, the shortest second stories of other pages (their leads stay home)
        others = [s for p in pages if p.number != f.number for s in own[p.number] if s.rank > 1]
        others.sort(key=lambda s: (s.rank, estimated_cells(s, grid, True), stories.index(s)))
        while len(own[f.number]) < FRONT_MIN and others:
            s = others.pop(0)
            own[home[s.id]].remove(s)  # type: ignore[index]
            own[f.number].append(s)
    free = {p.number: Board(grid, p.arrangements()[0][0]).free_cells for p in pages}
    need = {p.number: sum(estimated_cells(s, grid, p.front) for s in own[p.number]) for p in pages}
    need_pool = sum(estimated_cells(s, grid, False) for s in pool)
    fill = (sum(need.values()) + need_pool) / max(sum(free.values()), 1)
    room = {
        p.number: free[p.number]
        - max((estimated_cells(s, grid, p.front) for s in own[p.number] if s.rank == 1), default=0)
        for p in pages
    }
    return _Plan(own, pool, {n: free[n] - need[n] for n in free}, fill, room)


def jump_price(fill: float) -> float:
    """Per line of continuation: nothing while the issue has room, up to 1.5 when every line a
    continuation takes pushes another story into the bin."""
    return min(1.5, max(0.0, (fill - 0.9) * 3.0))


def make_up_issue(
    pages: Sequence[PageSpec],
    grid: Grid,
    stories: Sequence[StoryInput],
    *,
    seed: int = 0,
    evaluations: int = EVALUATIONS,
    node_limit: int = NODE_LIMIT,
    weights: Weights | None = None,
) -> IssueMakeup:
    if len({p.number for p in pages}) != len(pages):
        raise ValueError("two pages share a number")
    if len({s.id for s in stories}) != len(stories):
        raise ValueError("two stories share an id")
    no_jump: set[str] = set()
    max_rest: dict[str, int] = {}
    while True:
        stories = [
            replace(s, can_jump=False)
            if s.id in no_jump
            else replace(s, max_rest=max_rest[s.id])
            if s.id in max_rest
            else s
            for s in stories
        ]
        the_plan = plan(pages, grid, stories)
        w = weights or Weights(jump_rest=jump_price(the_plan.fill))
        run = _Run(pages, grid, stories, the_plan, w, seed, evaluations, node_limit)
        failed = run.go()
        if not failed:
            return run.result()
        # A continuation found no page: jump again leaving less over (more of the story on
        # its first page), and only when that is no jump worth making, set it whole.
        for story, shorter in failed.items():
            if story not in no_jump and shorter >= MIN_REST_LINES:
                max_rest[story] = shorter
            else:
                no_jump.add(story)


class _Run:
    def __init__(self, pages, grid, stories, the_plan, w, seed, evaluations, node_limit):
        self.pages, self.grid, self.stories, self.plan = pages, grid, stories, the_plan
        self.w, self.seed, self.evaluations, self.node_limit = w, seed, evaluations, node_limit
        self.by_id = {s.id: s for s in stories}
        self.room_at_start = dict(the_plan.room)
        self.order = sorted(pages, key=lambda p: (not p.front, p.number))
        self.results: dict[int, Proposal] = {}
        self.jumps: list[Jump] = []

    def page(self, page, stories, conts, optional, seed, allow_jumps=None) -> Proposal:
        return make_up_page(
            page,
            self.grid,
            stories,
            continuations=[(self.by_id[c.story], c) for c in conts],
            k=1,
            seed=seed,
            evaluations=self.evaluations,
            node_limit=self.node_limit,
            weights=self.w,
            optional=frozenset(optional),
            allow_jumps=allow_jumps,
        )[0]

    def go(self) -> dict[str, int]:
        """Make up every page in order; the stories whose continuation found no page, with
        the lines (one column) a shorter continuation should hold at most."""
        plan = self.plan
        waiting: list[Continuation] = []
        for n, page in enumerate(self.order):
            mine = [c for c in waiting if plan.target.get(c.story) == page.number]
            extras = _extras(plan.pool, plan.spare[page.number], self.grid, page)
            best = self.page(
                page,
                plan.own[page.number] + extras,
                mine,
                [s.id for s in extras],
                self.seed + page.number,
            )
            self.results[page.number] = best
            placed = {(pl.story, pl.part) for pl in best.placements}
            plan.spare[page.number] = 0
            later = self.order[n + 1 :]
            for c in mine:
                if (c.story, 1) in placed:
                    waiting.remove(c)
                    self.jumps.append(Jump(c.story, c.from_page, page.number))
                elif not self._aim(c, later):  # it stays waiting, for a later page
                    return {c.story: self._shorter(c)}
            plan.pool = [s for s in plan.pool if (s.id, 0) not in placed]
            plan.pool += [s for s in plan.own[page.number] if (s.id, 0) not in placed]
            for c in best.continuations:
                if not self._aim(c, later):
                    return {c.story: self._shorter(c)}
                waiting.append(c)
        self._refill()
        return {}

    def _rest(self, c: Continuation) -> int:
        return self.by_id[c.story].body_depth(1) - held_lines(c.span, c.lines)

    def _shorter(self, c: Continuation) -> int:
        """What a continuation that found no page should hold at most: what the roomiest
        inside page keeps beside its lead (its 续题 and gap across the page taken off), when
        that is less than now; else half as much as now."""
        rest = self._rest(c)
        inside = [p.number for p in self.pages if p.number != c.from_page and not p.front]
        fit = max((self.room_at_start[n] for n in inside), default=0) - 4 * self.grid.columns
        return fit if MIN_REST_LINES <= fit < rest else rest // 2

    def _aim(self, c: Continuation, later: Sequence[PageSpec]) -> bool:
        """Send a continuation to the later page with the most room left, and book the room.
        When no page has room beyond its own stories (an over-full issue), the page whose lead
        leaves the most: its second stories can wait in the bin, its lead cannot."""
        inside = [p for p in later if p.number != c.from_page]
        if not inside:
            return False
        spare, room = self.plan.spare, self.plan.room
        need = max(self._rest(c), 0) + 4 * c.span
        fits = [p for p in inside if spare[p.number] >= need]
        if fits:
            target = max(fits, key=lambda p: (spare[p.number], -p.number)).number
        else:
            target = max(inside, key=lambda p: (room.get(p.number, 0), -p.number)).number
        self.plan.target[c.story] = target
        spare[target] -= need
        room[target] = room.get(target, 0) - need
        return True

    def _refill(self) -> None:
        """Pages left with holes are made up again with what is still in the bin."""
        pool = self.plan.pool
        for page in self.order:
            best = self.results[page.number]
            if not pool or best.continuations:  # its jumps are promised to other pages
                continue
            if best.score.terms.get("holes", 0) <= HOLE_RETRY * self.w.hole:
                continue
            here = [self.by_id[pl.story] for pl in best.placements if pl.part == 0]
            conts = [self._source(pl.story) for pl in best.placements if pl.part == 1]
            holes = sum(h.area for h in best.holes)
            extras = _extras(pool, holes, self.grid, page)
            if not extras:
                continue
            new = self.page(
                page, here + extras, conts, [s.id for s in extras], self.seed + page.number + 1000
            )
            kept = {(pl.story, pl.part) for pl in new.placements}
            lost = [s for s in here if (s.id, 0) not in kept] + [
                c for c in conts if (c.story, 1) not in kept
            ]
            if new.score.total < best.score.total and not lost and not new.continuations:
                self.results[page.number] = new
                pool[:] = [s for s in pool if (s.id, 0) not in kept]

    def _source(self, story: str) -> Continuation:
        for r in self.results.values():
            for c in r.continuations:
                if c.story == story:
                    return c
        raise KeyError(story)

    def result(self) -> IssueMakeup:
        proposals = tuple(self.results[p.number] for p in self.pages)
        placed = {pl.story for r in proposals for pl in r.placements}
        unplaced = tuple(s.id for s in self.stories if s.id not in placed)
        return IssueMakeup(proposals, tuple(self.jumps), unplaced)


def _extras(pool: list[StoryInput], spare: int, grid: Grid, page: PageSpec) -> list[StoryInput]:
    """Stories from elsewhere offered to a page with room: same section first, then by rank."""
    if spare <= 0 or not pool:
        return []
    ranked = sorted(pool, key=lambda s: (s.section != page.section, s.rank, pool.index(s)))
    return [s for s in ranked if estimated_cells(s, grid, page.front) <= spare * 1.5][:MAX_EXTRAS]
