"""The display list: a composed page as flat, positioned primitives every renderer draws.

Coordinates are points, origin at the top-left of the trim box, y down. Renderers (PDF,
Qt canvas) draw exactly these items and nothing else, so screen and print cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layouts.color import BLACK, CMYK


@dataclass(frozen=True, slots=True)
class FontSource:
    """A font file a renderer can load: TrueType outlines (CFF faces are converted first)."""

    key: str  # the id glyph runs refer to, e.g. "song"
    path: str
    index: int = 0  # face index inside a .ttc
    name: str = ""  # the family name, for reports


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """Characters of one font and size on one baseline, each at its own x (glyph origin)."""

    owner: str  # frame id
    font: str  # FontSource.key
    size: float
    y: float  # baseline
    text: str
    xs: tuple[float, ...]  # origin of each character, len(xs) == len(text)
    color: CMYK = BLACK

    def __post_init__(self) -> None:
        if len(self.xs) != len(self.text):
            raise ValueError("a glyph run needs one x position per character")


@dataclass(frozen=True, slots=True)
class Rule:
    owner: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: CMYK = BLACK


@dataclass(frozen=True, slots=True)
class Box:
    owner: str
    x: float
    y: float
    w: float
    h: float
    stroke: CMYK | None = BLACK
    fill: CMYK | None = None
    stroke_width: float = 0.5


@dataclass(frozen=True, slots=True)
class ImageItem:
    """A picture in a box: the part `crop` of it (fractions of the upright picture; None:
    the middle, filling the box), resolved by layouts/picture.shown in every renderer."""

    owner: str
    asset: str  # content hash of the image blob
    x: float
    y: float
    w: float
    h: float
    crop: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class QRItem:
    """A QR code drawn as vector modules; `size` includes the quiet zone."""

    owner: str
    payload: str
    x: float
    y: float
    size: float
    error: str = "M"


Item = GlyphRun | Rule | Box | ImageItem | QRItem

FRAME_OWNER = "frame-"  # a model frame's owner id is "frame-<id>"; other owners name furniture


def frame_owner(frame_id: int | None) -> str:
    """The owner id items of the model frame `frame_id` carry: "frame-12"."""
    return f"{FRAME_OWNER}{frame_id}"


def owner_frame_id(owner: str) -> int | None:
    """The model frame id behind an owner id ("frame-12" → 12); None for any other owner."""
    if not owner.startswith(FRAME_OWNER):
        return None
    number = owner.removeprefix(FRAME_OWNER)
    return int(number) if number.isascii() and number.isdigit() else None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the composer must tell the user: overset, a missing glyph, a squeezed headline."""

    kind: str  # "overset" | "missing_glyph" | "headline_fit" | ...
    owner: str  # frame id (or "" for the page)
    message: str
    count: int = 0  # e.g. overset characters


@dataclass(frozen=True, slots=True)
class FrameInfo:
    """Where a frame sits and how full it is, for hit-testing and 超N字/缺N字 badges."""

    id: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    overset: int = 0  # characters that did not fit (only on a thread's last frame)
    space_left: int = 0  # characters that would still fit (approximate, in body 字)


@dataclass(frozen=True, slots=True)
class ComposedPage:
    number: int
    width: float
    height: float
    items: tuple[Item, ...] = ()
    frames: tuple[FrameInfo, ...] = ()
    findings: tuple[Finding, ...] = ()
    fonts: tuple[FontSource, ...] = field(default=())
    black_only: bool = False

    def font(self, key: str) -> FontSource:
        for f in self.fonts:
            if f.key == key:
                return f
        raise KeyError(key)

    def glyph_runs(self) -> list[GlyphRun]:
        return [i for i in self.items if isinstance(i, GlyphRun)]

    def text(self) -> str:
        """All characters on the page in drawing order (for tests and search)."""
        return "".join(r.text for r in self.glyph_runs())
