"""The make-up engine's measurers, from the real composer: takes bin articles (and their
pictures), gives StoryInputs whose body depths and headline heights are what composition will set.

Body lines are the paragraph composer's lines at one column's width (every span's columns are
that wide, so a span only divides them into balanced legs); headline groups are set by the house
style at the size composition will use; a continuation's head (续题 over （上接第N版）) is set as
composition sets it at the top of the continuation frame (app/compose/follow.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.compose.follow import follow_head, follow_text, sample_jump
from app.compose.issue import IssueComposer
from app.compose.styles import HouseStyle
from app.model import Article
from layouts.grid import PageGrid
from layouts.headline import compose_head, natural_width
from layouts.makeup import Grid, Picture, StoryInput
from layouts.makeup.pieces import held_lines
from layouts.text import Paragraph
from layouts.units import HAO

FRONT_LEAD_SIZE = HAO["小初"]  # the front-page lead's 主题: the largest headline of the issue
CAPTION_LINES = 2  # a picture's caption (小五, with its white) in grid lines


def engine_grid(pg: PageGrid) -> Grid:
    """The page grid as the make-up engine counts it: columns, and whole lines of the type area."""
    lines = int((pg.type_bottom - pg.type_top) // pg.leading)
    return Grid(pg.columns, pg.column_width, pg.gutter, pg.leading, lines, gap=1)


def front_lead_size(span: int, page_rank: int, front: bool) -> float | None:
    """The headline size the front page's lead gets over the house style (None: the style's)."""
    return FRONT_LEAD_SIZE if front and page_rank == 1 and span >= 3 else None


@dataclass(frozen=True)
class StoryPicture:
    asset: str
    aspect: float  # height / width
    caption: str = ""


class Measurer:
    """Measures bin articles with a composer, each measurement made once, in the house style
    composition will follow (the library's table, or the composer's own: composer.house(doc))."""

    def __init__(
        self, composer: IssueComposer, pg: PageGrid, style: HouseStyle | None = None
    ) -> None:
        self.composer, self.pg = composer, pg
        self.style = style or composer.style
        self.body = self.style.body(pg)
        self._pars: dict[int, list[Paragraph]] = {}
        self._lines: dict[int, list[int]] = {}
        self._heads: dict[tuple[int, int, float | None, bool], float] = {}

    def paragraphs(self, article: Article) -> list[Paragraph]:
        key = article.id or 0
        if key not in self._pars:
            self._pars[key] = self.composer.paragraphs(article, self.body, self.style.byline_font)[
                0
            ]
        return self._pars[key]

    def par_lines(self, article: Article) -> list[int]:
        """Lines each paragraph sets in one column, composed as flowing will compose them."""
        key = article.id or 0
        if key not in self._lines:
            width = self.pg.column_width
            cache = self.composer.cache
            self._lines[key] = [len(cache(p, width, 0)) for p in self.paragraphs(article)]
        return self._lines[key]

    def total_lines(self, article: Article) -> int:
        return sum(self.par_lines(article))

    def head_height(self, article: Article, span: int, page_rank: int, front: bool) -> float:
        """Points of the headline group at `span`; inf where the headline cannot be set."""
        override = front_lead_size(span, page_rank, front)
        leads = front and page_rank == 1  # as composition tells the front lead (leads_front_page)
        key = (article.id or 0, span, override, leads)
        if key not in self._heads:
            style, pg, faces = self.style, self.pg, self.composer.faces
            width = pg.span_width(span)
            # set as composition sets it: the 主题 fitted to the width on one line where the
            # style allows, so the engine keeps no line the headline will not take
            group = style.head_group(
                article.headline,
                article.kicker,
                article.subheadline,
                article.rank,
                span,
                pg,
                override,
                front=leads,
                width=width,
                measure=lambda text, font, size: natural_width(text, font, size, faces),
            )
            head, findings = compose_head(group, width, faces, "m")
            too_wide = any(f.kind == "headline_fit" for f in findings)
            self._heads[key] = math.inf if too_wide and span < pg.columns else head.height
        return self._heads[key]

    def follow_height(self, article: Article, span: int) -> float:
        """Points of a continuation's head (its 续题 over （上接第N版）) at `span`."""
        key = (article.id or 0, span, -1.0, False)  # -1: the continuation's head, not a headline
        if key not in self._heads:
            pg = self.pg
            head, findings = follow_head(
                follow_text(article),
                sample_jump(),
                pg.span_width(span),
                self.style,
                pg,
                self.composer.faces,
                "m",
            )
            too_wide = any(f.kind == "headline_fit" for f in findings)
            self._heads[key] = math.inf if too_wide and span < pg.columns else head.height
        return self._heads[key]

    def rest_depth(self, article: Article, first_span: int, first_lines: int, span: int) -> int:
        """Lines per leg the rest of a jumped story needs at `span`: what the first part's
        span × lines did not hold (its last slot is （下转）), re-set as flowing re-sets a
        paragraph split at the jump (the （上接） line is in the continuation's head)."""
        held = held_lines(first_span, first_lines)
        width = self.pg.column_width
        cache = self.composer.cache
        rest = 0
        for par, n in zip(self.paragraphs(article), self.par_lines(article), strict=True):
            if held >= n:
                held -= n
                continue
            if held > 0:
                start = cache(par, width, 0)[held - 1].end
                rest += len(cache(par, width, start))
                held = 0
            else:
                rest += n
        return math.ceil(rest / span)

    def story(self, article: Article, picture: StoryPicture | None) -> StoryInput:
        total = self.total_lines(article)
        return StoryInput(
            id=str(article.id),
            rank=article.rank or 9,
            body_depth=lambda span: math.ceil(total / span),
            head_height=lambda span, rank, front: self.head_height(article, span, rank, front),
            section=article.section,
            headline=article.headline,
            picture=Picture(picture.aspect, caption_lines=CAPTION_LINES) if picture else None,
            jump_head_height=lambda span: self.follow_height(article, span),
            rest_depth=lambda a, b, c: self.rest_depth(article, a, b, c),
        )
