"""The house style in composition: takes the stored StyleSheet, gives body, jump and headline-group settings by rank, span and page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.model import Article, Frame
from app.model.style import BODY, BYLINE, DEFAULT_STYLE_SHEET, JUMP, HeadlineStyle, StyleSheet
from layouts.color import BLACK
from layouts.grid import PageGrid
from layouts.headline import HeadGroup, HeadLine
from layouts.text import TextStyle
from layouts.units import HAO

_LADDER = sorted(set(HAO.values()), reverse=True)
TEASER_RANK = 2  # a teaser points at a story elsewhere: never its page's lead
Measure = Callable[[str, str, float], float]  # text, face, size → natural width in points


def hao_below(size: float, steps: int = 2) -> float:
    """A size `steps` rungs of the 号 ladder below `size` (初号 → 小初 → 一号 …)."""
    i = min(range(len(_LADDER)), key=lambda k: abs(_LADDER[k] - size))
    return _LADDER[min(i + steps, len(_LADDER) - 1)]


def frame_rank(frame: Frame, article: Article) -> int:
    """The rank a frame's headline is set at: the frame's own (props "rank", set by the make-up
    engine or the desk for this page), else its story's; a teaser at most second."""
    own = frame.props.get("rank")
    if isinstance(own, int) and own >= 0:
        return own
    if frame.kind == "teaser":
        return max(article.rank, TEASER_RANK)
    return article.rank


@dataclass(frozen=True)
class HouseStyle:
    sheet: StyleSheet = DEFAULT_STYLE_SHEET

    @property
    def body_font(self) -> str:
        return self.sheet.paragraph(BODY).font

    @property
    def byline_font(self) -> str:
        return self.sheet.paragraph(BYLINE).font

    @property
    def jump_font(self) -> str:
        return self.sheet.paragraph(JUMP).font

    def body(self, grid: PageGrid) -> TextStyle:
        p = self.sheet.paragraph(BODY)
        return TextStyle(p.font, grid.body_size, grid.leading, indent=p.indent, align=p.align)

    def jump(self, grid: PageGrid) -> TextStyle:
        p = self.sheet.paragraph(JUMP)
        return TextStyle(p.font, grid.body_size, grid.leading, indent=p.indent, align=p.align)

    def headline_style(self, rank: int, front: bool) -> HeadlineStyle:
        return self.sheet.headline_for(rank, front)

    def headline_size(
        self,
        rank: int,
        span: int,
        front: bool = False,
        text: str = "",
        width: float = 0.0,
        measure: Measure | None = None,
    ) -> float:
        """Points of the 主题 for a story of `rank` spanning `span` columns: the table's size,
        stepped down the 号 ladder (to the style's smallest) while `text` is wider than
        `width` on one line."""
        hs = self.headline_style(rank, front)
        size = hs.size_for(span)
        if not (text and width > 0 and measure is not None):
            return size
        floor = hs.floor_for(span)
        longest = max(text.split("\n"), key=len)
        while size > floor + 1e-6 and measure(longest, hs.font, size) > width + 1e-6:
            size = max(hao_below(size, 1), floor)
        return size

    def head_group(
        self,
        headline: str,
        kicker: str,
        subheadline: str,
        rank: int,
        span: int,
        grid: PageGrid,
        override_size: float | None = None,
        *,
        front: bool = False,
        width: float = 0.0,
        measure: Measure | None = None,
    ) -> HeadGroup:
        """The group by the house table (the 主题 fitted to `width` on one line where the style
        allows); 引题 and 副题 always smaller than the 主题."""
        hs = self.headline_style(rank, front)
        size = override_size or self.headline_size(rank, span, front, headline, width, measure)
        return HeadGroup(
            headline=HeadLine(headline, hs.font, size, BLACK, hs.align),
            kicker=HeadLine(
                kicker, hs.kicker.font, _smaller(hs.kicker.points, size), BLACK, hs.align
            )
            if kicker
            else None,
            subheadline=HeadLine(
                subheadline,
                hs.subheadline.font,
                _smaller(hs.subheadline.points, size),
                BLACK,
                hs.align,
            )
            if subheadline
            else None,
            space_after=grid.leading * 0.5,
        )


def _smaller(wanted: float, headline: float) -> float:
    """The table's 引题/副题 size, or two rungs below the 主题 when the table (or a frame's own
    headline size) would make it as large as the 主题."""
    return wanted if wanted < headline else hao_below(headline, 2)
