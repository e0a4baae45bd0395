"""Masthead title art (报头题字): takes a PNG/JPEG, stores it as the masthead frame's asset, gives its box on the page.

Papers often print their name as calligraphy or drawn lettering rather than type. Until the
Publication model carries the art itself, it lives in the masthead frame's props (standing
furniture, so the next issue keeps it): `title_asset` (the asset id) and `title_size` (pixels,
for the proportions). Vector art (PDF/SVG) is not taken yet: the renderers draw rasters only.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.model import Frame

if TYPE_CHECKING:  # the composer imports title_art_box: keep SQLite and Pillow out of its path
    from app.store import Library

TITLE_ASSET = "title_asset"
TITLE_SIZE = "title_size"
TITLE_ART_FORMATS = ("PNG", "JPEG")


def set_title_art(library: Library, frame_id: int, data: bytes, name: str = "title art") -> Frame:
    """Store `data` (PNG or JPEG) as the title art of masthead frame `frame_id`; returns the frame."""
    frame = library.frame(frame_id)
    if frame.kind != "masthead":
        raise UserError(
            f"报头题字只能放在报头框中 / title art goes in a masthead frame, not a {frame.kind} frame"
        )
    from app.intake.pictures import load_picture

    picture = load_picture(data, name)  # refuses non-images, damaged files, bombs
    if picture.format not in TITLE_ART_FORMATS:
        raise UserError(
            f"报头题字须为PNG或JPEG：{name} / title art must be PNG or JPEG ({picture.format}): {name}"
        )
    props = {
        **frame.props,
        TITLE_ASSET: picture.asset.id,
        TITLE_SIZE: [picture.asset.width, picture.asset.height],
    }
    updated = dataclasses.replace(frame, props=props)
    with library.transaction():
        library.put_asset(picture.asset)
        library.update_frame(updated)
    return updated


def clear_title_art(library: Library, frame_id: int) -> Frame:
    """Back to the paper's name set in the display face."""
    frame = library.frame(frame_id)
    props = {k: v for k, v in frame.props.items() if k not in (TITLE_ASSET, TITLE_SIZE)}
    updated = dataclasses.replace(frame, props=props)
    library.update_frame(updated)
    return updated


def title_art_box(
    props: dict[str, Any], x: float, y: float, w: float, h: float
) -> tuple[str, float, float, float, float] | None:
    """(asset, x, y, w, h): the art as large as fits in the area, proportions kept, at its left
    edge and centred vertically (where the set title would stand); None without art."""
    asset = props.get(TITLE_ASSET)
    size = props.get(TITLE_SIZE)
    if not asset or not isinstance(size, list | tuple) or len(size) != 2:
        return None
    px_w, px_h = (float(v) for v in size)
    if px_w <= 0 or px_h <= 0 or w <= 0 or h <= 0:
        return None
    scale = min(w / px_w, h / px_h)
    art_w, art_h = px_w * scale, px_h * scale
    return str(asset), x, y + (h - art_h) / 2, art_w, art_h
