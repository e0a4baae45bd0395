"""Text wrap on the model: takes an issue's frames, gives the areas their wraps keep text out of (绕排) and the overlaps no wrap plans, for the composer, the canvas and preflight."""

from __future__ import annotations

from collections.abc import Sequence

from app.model import Frame
from app.model.document import IssueDoc
from layouts.display import Finding, frame_owner
from layouts.flow import Story
from layouts.wrap import (
    TEXT_KINDS,
    Block,
    WrapArea,
    areas_for,
    offsets_of,
    unplanned_overlaps,
    wrap_area,
)


def frame_wrap(frame: Frame, page: int = 0) -> WrapArea | None:
    """The area a frame's wrap keeps text out of on page number `page` (None: no wrap)."""
    offsets = offsets_of(frame.props)
    if offsets is None:
        return None
    return wrap_area(page, frame.x, frame.y, frame.w, frame.h, offsets, frame_owner(frame.id))


def wrap_areas(doc: IssueDoc) -> tuple[WrapArea, ...]:
    """Every wrap of the issue, with its page number."""
    out = []
    for page in doc.pages:
        for frame in doc.frames.get(page.id, []):  # type: ignore[arg-type]
            found = frame_wrap(frame, page.number)
            if found is not None:
                out.append(found)
    return tuple(out)


def overlaps(frames: Sequence[Frame]) -> list[tuple[Frame, Frame, float, float]]:
    """Frames of one page that cover each other with no wrap planning it: (upper, lower,
    width, height in points), later frames drawing on top."""
    blocks = [
        Block(i, f.x, f.y, f.w, f.h, f.kind in TEXT_KINDS, frame_wrap(f))
        for i, f in enumerate(frames)
    ]
    return [(frames[a.key], frames[b.key], w, h) for a, b, w, h in unplanned_overlaps(blocks)]


def covered_heads(story: Story) -> list[Finding]:
    """A headline group under another frame's wrap: text flows around a wrap, a headline does
    not (it would print under the picture), so it is an error to name."""
    if story.head is None or not story.frames:
        return []
    f = story.frames[0]
    if not areas_for(story.wraps, f.page, f.x, f.y, f.w, story.head.height, f.id):
        return []
    return [
        Finding(
            "wrap_over_headline",
            f.id,
            "标题在绕排的图片或版框之下 / the headline lies under a frame with a text wrap",
        )
    ]
