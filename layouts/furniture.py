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


QUIET_SHARE = 0.11  # of a QR slot's side, its quiet zone (4 modules of a version 2–3 code)


def qr_arrangement(
    w: float, h: float, caption_size: float = 0.0, caption_chars: int = 0
) -> tuple[float, bool]:
    """The side of the square a QR slot w × h gives its code (quiet zone included), and whether
    its caption stands beside the code (True) or under it: whichever leaves the larger code.
    A wide slot with the caption beside keeps no white at the code's sides. The caption is
    measured as `caption_chars` full-width characters (`caption_size` 0: no caption)."""
    if not caption_size:
        return min(w, h), False
    under = min(w, h - caption_size * 1.6)
    beside = min(h, w - (caption_chars + 1) * caption_size) if caption_chars else 0.0
    return (beside, True) if beside > under + 0.01 else (under, False)


def qr_symbol_size(w: float, h: float, caption_size: float = 0.0, caption_chars: int = 0) -> float:
    """The side of the code in a QR slot w × h (see qr_arrangement)."""
    return qr_arrangement(w, h, caption_size, caption_chars)[0]


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
    """A QR code (quiet zone included) at the top of the slot, centred with its caption below;
    in a slot wide enough, at the slot's right with the caption beside its top, set against it."""
    cap_size, chars = (caption.size, len(caption.text)) if caption else (0.0, 0)
    size, beside = qr_arrangement(w, h, cap_size, chars)
    findings: list[Finding] = []
    if beside and caption:
        items: list[Item] = [QRItem(owner, payload, x + w - size, y, size, error)]
        # the caption's line level with the top of the code's dark modules (inside its quiet
        # zone), ending an em before the code: white under it, none left above it
        right = BlockLine(caption.text, caption.font, caption.size, caption.color, "right")
        top = y + size * QUIET_SHARE
        cap_items, _, findings = stack_lines([right], x, top, w - size - caption.size, faces, owner)
        return items + cap_items, findings
    items = [QRItem(owner, payload, x + (w - size) / 2, y, size, error)]
    if caption:
        cap_items, _, findings = stack_lines(
            [caption], x, y + size + caption.size * 0.3, w, faces, owner
        )
        items.extend(cap_items)
    return items, findings
