"""Setting masthead title art (报头题字): takes a PNG/JPEG and a masthead frame, stores the art as its asset."""

from __future__ import annotations

import dataclasses

from app.compose.title_art import TITLE_ASSET, TITLE_SIZE
from app.errors import UserError
from app.model import Frame
from app.store import Library

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
