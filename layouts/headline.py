"""Headline groups: kicker 引题, headline 主题, subheadline 副题 set across a frame's width.

Also the single-line setter used for jump lines and other one-line furniture.
"""

from __future__ import annotations

from dataclasses import dataclass

from layouts.color import BLACK, CMYK
from layouts.display import Finding, GlyphRun
from layouts.flow import HeadBlock
from layouts.metrics import FaceSet
from layouts.text import Line, Segment, TextStyle

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


def natural_width(text: str, font: str, size: float, faces: FaceSet) -> float:
    face = faces[font]
    return sum(face.advance(ch) for ch in text) * size


def set_line(
    text: str,
    style: TextStyle,
    faces: FaceSet,
    width: float,
    align: str = "left",
    tracking: float = 0.0,
) -> Line:
    """One line at natural spacing (plus tracking in em), aligned in `width`."""
    face = faces[style.font]
    xs: list[float] = []
    x = 0.0
    step = tracking * style.size
    for i, ch in enumerate(text):
        xs.append(x)
        x += face.advance(ch) * style.size + (step if i < len(text) - 1 else 0.0)
    natural = x
    offset = {"left": 0.0, "center": (width - natural) / 2, "right": width - natural}.get(align)
    if offset is None:
        raise ValueError(f"unknown alignment {align!r}")
    seg = Segment(style.font, style.color, text, tuple(offset + v for v in xs))
    return Line(0, len(text), (seg,), width, natural, True)


def _fit_lines(hl: HeadLine, width: float, faces: FaceSet) -> list[str]:
    """Split at forced breaks; a line too wide even at the tracking limit breaks at its spaces."""
    out: list[str] = []
    for part in hl.text.split("\n"):
        words = part.split(" ")
        current = ""
        for w in words:
            trial = f"{current} {w}" if current else w
            if current and _min_width(trial, hl, faces) > width:
                out.append(current)
                current = w
            else:
                current = trial
        out.append(current)
    return out


def _min_width(text: str, hl: HeadLine, faces: FaceSet) -> float:
    nat = natural_width(text, hl.font, hl.size, faces)
    return nat + MIN_TRACKING * hl.size * max(len(text) - 1, 0)


def compose_head(
    group: HeadGroup, width: float, faces: FaceSet, owner: str
) -> tuple[HeadBlock, list[Finding]]:
    """Set the group top-down; lines too wide are tightened, then reported if still too wide."""
    items: list[GlyphRun] = []
    findings: list[Finding] = []
    y = 0.0
    for hl in (group.kicker, group.headline, group.subheadline):
        if hl is None or not hl.text.strip():
            continue
        style = TextStyle(hl.font, hl.size, hl.size * (1 + LINE_GAP), hl.color, indent=0)
        for text in _fit_lines(hl, width, faces):
            nat = natural_width(text, hl.font, hl.size, faces)
            tracking = 0.0
            if nat > width and len(text) > 1:
                tracking = max((width - nat) / (len(text) - 1) / hl.size, MIN_TRACKING)
                if _min_width(text, hl, faces) > width + 1e-6:
                    findings.append(
                        Finding(
                            "headline_fit",
                            owner,
                            f"标题过长 / headline too wide: {text}",
                            count=len(text),
                        )
                    )
            y += hl.size * 0.88
            line = set_line(text, style, faces, width, hl.align, tracking)
            for seg in line.segments:
                items.append(GlyphRun(owner, seg.font, hl.size, y, seg.text, seg.xs, seg.color))
            y += hl.size * (0.12 + LINE_GAP)
    return HeadBlock(tuple(items), y + group.space_after), findings
