"""A story's own type settings: takes the house style and a story's first frame (its props, set in the inspector's 版式 section), gives the house style and body text style that story is set in, and a frame's gutter.

Every story gets its headline group by rank, span and page and its body from the paragraph
style 正文 (app/model/style.py). The desk may name another style of the table for one story
(props headline_style, paragraph_style) and change single settings over it: the 主题's face
and alignment, the body's face, size, leading and first-line indent. 栏间距 is each frame's
own (props gutter). Values that do not read (a library edited by hand) are passed over: the
style's own setting holds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.compose.styles import HouseStyle
from app.model import Frame
from app.model.style import ALIGNS, BODY, HeadlineStyle, ParagraphStyle, StyleSheet
from layouts.fonts.registry import ROLES
from layouts.grid import PageGrid
from layouts.text import TextStyle
from layouts.units import size_pt

# The story's settings, kept in its first frame's props.
HEADLINE_STYLE = "headline_style"  # a headline style's name (else by rank and page)
HEADLINE_FONT = "headline_font"  # face role of the 主题
HEADLINE_ALIGN = "headline_align"  # left | center | right, the whole group
HEADLINE_SIZE = "headline_size"  # points of the 主题 (the frame's own, over the table)
PARAGRAPH_STYLE = "paragraph_style"  # a paragraph style's name (else 正文)
BODY_FONT = "body_font"
BODY_SIZE = "body_size"  # as the desk says it: "小四", "10.5pt"
LEADING = "leading"  # baseline to baseline, points
INDENT = "indent"  # first-line indent, 字
STORY_KEYS = (
    HEADLINE_STYLE,
    HEADLINE_FONT,
    HEADLINE_ALIGN,
    HEADLINE_SIZE,
    PARAGRAPH_STYLE,
    BODY_FONT,
    BODY_SIZE,
    LEADING,
    INDENT,
)
GUTTER = "gutter"  # a frame's 栏间距, points (else the grid's 1 字)


def _text(props: dict[str, Any], key: str, allowed: tuple[str, ...] | None = None) -> str:
    value = props.get(key)
    if not isinstance(value, str) or (allowed is not None and value not in allowed):
        return ""
    return value


def _number(props: dict[str, Any], key: str, low: float, high: float) -> float | None:
    value = props.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if low <= value <= high else None


def body_points(props: dict[str, Any]) -> float | None:
    """The body size the story asks for, in points (None: the grid's)."""
    value = props.get(BODY_SIZE)
    try:
        points = size_pt(value) if isinstance(value, str | int | float) else None
    except ValueError:
        return None
    return points if points is not None and 4 <= points <= 72 else None


def story_house(house: HouseStyle, frame: Frame) -> HouseStyle:
    """The house style as this story is set: its named styles promoted to serve it, its own
    settings over them."""
    props = frame.props
    sheet = house.sheet
    heads = list(sheet.headlines)
    named = sheet.style(_text(props, HEADLINE_STYLE))
    if isinstance(named, HeadlineStyle):  # serves this story whatever its rank and page
        heads = [replace(named, ranks=(), page="any")] + [h for h in heads if h is not named]
    font, align = _text(props, HEADLINE_FONT, ROLES), _text(props, HEADLINE_ALIGN, ALIGNS)
    if font or align:  # only one of them serves the story: it does not matter which
        heads = [replace(h, font=font or h.font, align=align or h.align) for h in heads]
    body = sheet.paragraph(BODY)
    chosen = sheet.style(_text(props, PARAGRAPH_STYLE))
    if isinstance(chosen, ParagraphStyle):
        body = replace(chosen, name=BODY)
    body_font, indent = _text(props, BODY_FONT, ROLES), _number(props, INDENT, 0, 10)
    body = replace(
        body, font=body_font or body.font, indent=body.indent if indent is None else indent
    )
    paras = [body] + [p for p in sheet.paragraphs if p.name != BODY]
    if heads == list(sheet.headlines) and body == sheet.paragraph(BODY):
        return house
    return HouseStyle(StyleSheet(tuple(heads), tuple(paras)))


def story_body(house: HouseStyle, grid: PageGrid, frame: Frame | None) -> TextStyle:
    """The body's text style for the story whose first frame is `frame`: face, indent and
    alignment from its paragraph style, size and leading its own or the grid's (a size of its
    own keeps the grid's proportion of leading unless it sets a leading too)."""
    if frame is None:
        return house.body(grid)
    style = story_house(house, frame).body(grid)
    size = body_points(frame.props) or grid.body_size
    leading = _number(frame.props, LEADING, size, size * 4)
    if leading is None:
        leading = grid.leading if size == grid.body_size else size * grid.leading / grid.body_size
    return replace(style, size=size, leading=leading)


def frame_gutter(frame: Frame, grid: PageGrid) -> float:
    """栏间距 of a frame's columns: its own, else the grid's 1 字."""
    own = _number(frame.props, GUTTER, 0, 72)
    return grid.gutter if own is None else own
