"""Composer inputs and outputs: styled spans, paragraphs, and composed lines."""

from __future__ import annotations

from dataclasses import dataclass

from layouts.color import BLACK, CMYK


@dataclass(frozen=True, slots=True)
class TextStyle:
    font: str  # a FaceSet key
    size: float  # points
    leading: float  # baseline to baseline, points
    color: CMYK = BLACK
    indent: float = 2.0  # first-line indent in em (字)
    align: str = "justify"  # "justify" | "left" | "center" | "right"
    tracking: float = 0.0  # extra space between characters, in em


@dataclass(frozen=True, slots=True)
class Span:
    """Text in one face. Spans of a paragraph share size; they may differ in face and colour."""

    text: str
    font: str
    color: CMYK = BLACK


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: tuple[Span, ...]
    style: TextStyle

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @classmethod
    def plain(cls, text: str, style: TextStyle) -> Paragraph:
        return cls((Span(text, style.font, style.color),), style)


@dataclass(frozen=True, slots=True)
class Segment:
    """Characters of one span within a line, with x origins relative to the line's left edge."""

    font: str
    color: CMYK
    text: str
    xs: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class DashRule:
    """A 2-em dash (——) drawn as one continuous rule, for faces whose dash glyphs cannot span
    their two cells: x1 to x2 in points from the line's left edge, `rise` above the baseline
    and `thickness` thick (the glyphs' own stroke, which it covers exactly)."""

    x1: float
    x2: float
    rise: float
    thickness: float
    color: CMYK = BLACK


@dataclass(frozen=True, slots=True)
class Line:
    """One composed line: paragraph characters [start, end) and how they are placed."""

    start: int
    end: int
    segments: tuple[Segment, ...]
    width: float  # the measure the line was set to
    natural: float  # width the characters occupy as placed (== width for justified lines)
    last: bool  # the paragraph's last line (set flush left, natural spacing)
    rules: tuple[DashRule, ...] = ()  # 2-em dashes the glyphs alone would leave short

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)
