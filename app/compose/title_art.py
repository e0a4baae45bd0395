"""Masthead title art (报头题字): takes a masthead frame's props, gives the art's box on the page.

Papers often print their name as calligraphy or drawn lettering rather than type. Until the
Publication model carries the art itself, it lives in the masthead frame's props (standing
furniture, so the next issue keeps it): `title_asset` (the asset id) and `title_size` (pixels,
for the proportions). Vector art (PDF/SVG) is not taken yet: the renderers draw rasters only.
"""

from __future__ import annotations

from typing import Any

TITLE_ASSET = "title_asset"
TITLE_SIZE = "title_size"


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
