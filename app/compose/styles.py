"""The house style sheet: faces and 号 sizes for body, headline groups, jump lines, furniture."""

from __future__ import annotations

from dataclasses import dataclass

from layouts.color import BLACK
from layouts.grid import PageGrid
from layouts.headline import HeadGroup, HeadLine
from layouts.text import TextStyle
from layouts.units import HAO

_LADDER = sorted(set(HAO.values()), reverse=True)


def hao_below(size: float, steps: int = 2) -> float:
    """A size `steps` 号 below `size` (kicker and subheadline sit about two 号 below)."""
    i = min(range(len(_LADDER)), key=lambda k: abs(_LADDER[k] - size))
    return _LADDER[min(i + steps, len(_LADDER) - 1)]


@dataclass(frozen=True)
class HouseStyle:
    body_font: str = "song"
    byline_font: str = "hei"
    jump_font: str = "kai"
    lead_headline: tuple[str, float] = ("hei", HAO["小一"])
    headline: tuple[str, float] = ("biaosong", HAO["小二"])
    minor_headline: tuple[str, float] = ("hei", HAO["三号"])
    kicker_font: str = "kai"
    subheadline_font: str = "kai"

    def body(self, grid: PageGrid) -> TextStyle:
        return TextStyle(self.body_font, grid.body_size, grid.leading)

    def jump(self, grid: PageGrid) -> TextStyle:
        return TextStyle(self.jump_font, grid.body_size, grid.leading, indent=0, align="right")

    def head_group(
        self,
        headline: str,
        kicker: str,
        subheadline: str,
        rank: int,
        span: int,
        grid: PageGrid,
        override_size: float | None = None,
    ) -> HeadGroup:
        """Bigger heads for leads and wide frames; kicker and deck two 号 below the headline."""
        if rank == 1 and span >= 3:
            font, size = self.lead_headline
        elif span >= 2:
            font, size = self.headline
        else:
            font, size = self.minor_headline
        size = override_size or size
        small = hao_below(size, 2)
        return HeadGroup(
            headline=HeadLine(headline, font, size, BLACK),
            kicker=HeadLine(kicker, self.kicker_font, small) if kicker else None,
            subheadline=HeadLine(subheadline, self.subheadline_font, small)
            if subheadline
            else None,
            space_after=grid.leading * 0.5,
        )
