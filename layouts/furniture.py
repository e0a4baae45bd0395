"""Newspaper furniture as display items: stacked text blocks, boxes, banners, QR slots.

Takes plain strings and geometry (the app generates the strings from the issue's data) and
gives positioned items; nothing here knows about issues or storage.
"""

from __future__ import annotations

from dataclasses import dataclass

from layouts.color import BLACK, CMYK
from layouts.display import Box, Finding, GlyphRun, Item, QRItem, Rule
from layouts.fonts.metrics import FaceSet
from layouts.headline import MIN_TRACKING, natural_width, set_line
from layouts.text import TextStyle


@dataclass(frozen=True, slots=True)
class BlockLine:
    text: str
    font: str
    size: float
    color: CMYK = BLACK
    align: str = "left"  # left | center | right | justify (spread to the full width)
    space_before: float = 0.0


def stack_lines(
    lines: list[BlockLine],
    x: float,
    y: float,
    w: float,
    faces: FaceSet,
    owner: str,
    gap: float = 0.3,
) -> tuple[list[Item], float, list[Finding]]:
    """Set one-line texts top-down from (x, y); returns items, the bottom y, and findings."""
    items: list[Item] = []
    findings: list[Finding] = []
    for bl in lines:
        y += bl.space_before + bl.size * 0.88
        nat = natural_width(bl.text, bl.font, bl.size, faces)
        n = max(len(bl.text) - 1, 1)
        tracking = 0.0
        align = bl.align
        if bl.align == "justify":
            tracking = (w - nat) / n / bl.size
            align = "left"
        elif nat > w:
            tracking = max((w - nat) / n / bl.size, MIN_TRACKING)
            if nat + MIN_TRACKING * bl.size * n > w + 1e-6:
                findings.append(
                    Finding(
                        "text_fit",
                        owner,
                        f"文字超出框宽 / text too wide: {bl.text}",
                        count=len(bl.text),
                    )
                )
        style = TextStyle(bl.font, bl.size, bl.size, bl.color, indent=0)
        line = set_line(bl.text, style, faces, w, align, tracking)
        for seg in line.segments:
            items.append(
                GlyphRun(
                    owner, seg.font, bl.size, y, seg.text, tuple(x + v for v in seg.xs), seg.color
                )
            )
        y += bl.size * (0.12 + gap)
    return items, y, findings


def boxed(
    owner: str,
    x: float,
    y: float,
    w: float,
    h: float,
    *,
    stroke: CMYK | None = BLACK,
    fill: CMYK | None = None,
    width: float = 0.75,
) -> Box:
    return Box(owner, x, y, w, h, stroke=stroke, fill=fill, stroke_width=width)


def rule(owner: str, x: float, y: float, w: float, width: float = 0.5, color: CMYK = BLACK) -> Rule:
    return Rule(owner, x, y, x + w, y, width, color)


def qr_symbol_size(w: float, h: float, caption_size: float = 0.0) -> float:
    """The side of the square a QR slot w × h gives its code (quiet zone included), after the
    room its caption line takes (`caption_size` 0: no caption)."""
    cap_h = caption_size * 1.6 if caption_size else 0.0
    return min(w, h - cap_h)


def qr_slot(
    owner: str,
    payload: str,
    caption: BlockLine | None,
    x: float,
    y: float,
    w: float,
    h: float,
    faces: FaceSet,
    error: str = "M",
) -> tuple[list[Item], list[Finding]]:
    """A QR code (quiet zone included) centred at the top of the slot, its caption below."""
    size = qr_symbol_size(w, h, caption.size if caption else 0.0)
    items: list[Item] = [QRItem(owner, payload, x + (w - size) / 2, y, size, error)]
    findings: list[Finding] = []
    if caption:
        cap_items, _, findings = stack_lines(
            [caption], x, y + size + caption.size * 0.3, w, faces, owner
        )
        items.extend(cap_items)
    return items, findings
