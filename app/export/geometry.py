"""Page geometry for export: takes a page's trim size (plus bleed/slug), gives PDF boxes and the y-up mapping."""

from __future__ import annotations

from dataclasses import dataclass

from layouts.display import ComposedPage

Box4 = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """Where the trim box sits on the PDF sheet.

    The display list is in points from the trim box's top-left corner, y down; PDF user space
    is y up from the sheet's bottom-left. Around the trim box the sheet may carry `bleed`
    (artwork beyond the cut) and, outside that, `slug` (room for crop marks and the info
    line). Both are 0 for a plain proof; the print preset sets them.
    """

    trim_width: float
    trim_height: float
    bleed: float = 0.0
    slug: float = 0.0

    def __post_init__(self) -> None:
        if self.trim_width <= 0 or self.trim_height <= 0:
            raise ValueError(f"page size must be positive: {self.trim_width} × {self.trim_height}")
        if self.bleed < 0 or self.slug < 0:
            raise ValueError("bleed and slug cannot be negative")

    @classmethod
    def for_page(cls, page: ComposedPage, *, bleed: float = 0.0, slug: float = 0.0) -> PageGeometry:
        return cls(page.width, page.height, bleed, slug)

    @property
    def offset(self) -> float:
        """Distance from the sheet edge to the trim edge, on every side."""
        return self.bleed + self.slug

    @property
    def media_size(self) -> tuple[float, float]:
        return (self.trim_width + 2 * self.offset, self.trim_height + 2 * self.offset)

    @property
    def media_box(self) -> Box4:
        w, h = self.media_size
        return (0.0, 0.0, w, h)

    @property
    def trim_box(self) -> Box4:
        o = self.offset
        return (o, o, o + self.trim_width, o + self.trim_height)

    @property
    def bleed_box(self) -> Box4:
        o = self.slug
        w, h = self.media_size
        return (o, o, w - o, h - o)

    def x(self, x: float) -> float:
        """A display-list x in PDF user space."""
        return self.offset + x

    def y(self, y: float) -> float:
        """A display-list y (down from the trim top) in PDF user space (up from the sheet bottom)."""
        return self.offset + self.trim_height - y
