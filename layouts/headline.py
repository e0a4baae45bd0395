"""Headline groups: kicker 引题, headline 主题, subheadline 副题 set across a frame's width.

One-line texts are set by the paragraph composer's set_line, so headlines, jump lines and
furniture follow the same punctuation rules as the body. Two clauses are parted by an em
space, and a headline too wide breaks at phrase boundaries (layouts.headbreak).
"""

from __future__ import annotations

from dataclasses import dataclass

from layouts.color import BLACK, CMYK
from layouts.display import Finding, GlyphRun, Item, Rule
from layouts.flow import HeadBlock
from layouts.fonts.metrics import FaceSet
from layouts.headbreak import break_headline, em_spaces
from layouts.paragraph import natural_width, set_line
from layouts.text import TextStyle

MIN_TRACKING = -0.12  # em: tighter than this a Chinese headline looks crushed
LINE_GAP = 0.25  # of the size, between headline lines


@dataclass(frozen=True, slots=True)
class HeadLine:
    text: str  # '\n' forces a line break
    font: str
    size: float
    color: CMYK = BLACK
    align: str = "center"


@dataclass(frozen=True, slots=True)
class HeadGroup:
    headline: HeadLine
    kicker: HeadLine | None = None
    subheadline: HeadLine | None = None
    space_after: float = 9.0  # points between the group and the body


def _fit_lines(hl: HeadLine, width: float, faces: FaceSet) -> list[str]:
    """Split at forced breaks; a line too wide even at the tracking limit breaks where a
    reader pauses (the em space between clauses first), never leaving a character alone."""
    out: list[str] = []
    for part in em_spaces(hl.text).split("\n"):
        out += break_headline(
            part,
            lambda t: _min_width(t, hl, faces) <= width,
            lambda t: natural_width(t, hl.font, hl.size, faces),
        )
    return out


def _min_width(text: str, hl: HeadLine, faces: FaceSet) -> float:
    nat = natural_width(text, hl.font, hl.size, faces)
    return nat + MIN_TRACKING * hl.size * max(len(text) - 1, 0)


def _fitting_start(text: str, hl: HeadLine, width: float, faces: FaceSet) -> str:
    """The longest start of `text` that fits `width` at the tracking limit (one character
    at least: a frame narrower than that is not a headline's)."""
    n = len(text)
    while n > 1 and _min_width(text[:n].rstrip(), hl, faces) > width + 1e-6:
        n -= 1
    return text[:n].rstrip() or text[:1]


def compose_head(
    group: HeadGroup, width: float, faces: FaceSet, owner: str
) -> tuple[HeadBlock, list[Finding]]:
    """Set the group top-down; lines too wide are tightened, and if still too wide set as
    far as the frame's edge, the characters cut reported (headline_fit, count = cut)."""
    items: list[Item] = []
    findings: list[Finding] = []
    y = 0.0
    for hl in (group.kicker, group.headline, group.subheadline):
        if hl is None or not hl.text.strip():
            continue
        style = TextStyle(hl.font, hl.size, hl.size * (1 + LINE_GAP), hl.color, indent=0)
        for text in _fit_lines(hl, width, faces):
            if _min_width(text, hl, faces) > width + 1e-6:
                # Still too wide at the tracking limit: set what fits, so the line ends at
                # the frame's edge instead of running over the margin into the next story,
                # and say how many characters are not on the page
                shown = _fitting_start(text, hl, width, faces)
                cut = len("".join(text.split())) - len("".join(shown.split()))  # 字, as counted
                findings.append(
                    Finding(
                        "headline_fit",
                        owner,
                        f"标题过长，{cut}字排不下 / headline too wide, {cut} characters cut: "
                        f"{text}",
                        count=cut,
                    )
                )
                text = shown
            nat = natural_width(text, hl.font, hl.size, faces)
            tracking = 0.0
            if nat > width and len(text) > 1:
                tracking = max((width - nat) / (len(text) - 1) / hl.size, MIN_TRACKING)
            y += hl.size * 0.88
            line = set_line(text, style, faces, width, hl.align, tracking)
            for seg in line.segments:
                items.append(GlyphRun(owner, seg.font, hl.size, y, seg.text, seg.xs, seg.color))
            for r in line.rules:
                items.append(Rule(owner, r.x1, y - r.rise, r.x2, y - r.rise, r.thickness, r.color))
            y += hl.size * (0.12 + LINE_GAP)
    return HeadBlock(tuple(items), y + group.space_after), findings


__all__ = ["HeadGroup", "HeadLine", "compose_head", "natural_width", "set_line"]
