"""Pictures in their frames: takes a picture's pixel size (upright, after its EXIF turn), its box in points and the crop kept in the frame, gives the part of the picture the box shows — fill and crop, the picture never stretched — its pans and zooms, and the effective ppi.

A crop is (x0, y0, x1, y1) in fractions of the upright picture's width and height. Both
renderers and preflight resolve a frame's crop through `shown`, so screen and print show the
same part of the picture.
"""

from __future__ import annotations

Crop = tuple[float, float, float, float]
WHOLE: Crop = (0.0, 0.0, 1.0, 1.0)
MAX_ZOOM = 20.0  # a crop at most this many times smaller than the filling one
LOW_PPI = 170.0  # newsprint wants 170–200 ppi at placed size: below it the photo goes soft


def fill(img_w: float, img_h: float, box_w: float, box_h: float) -> Crop:
    """The middle of the picture at the box's shape, as large as it goes: the box is filled
    and the picture cropped, never stretched."""
    if min(img_w, img_h, box_w, box_h) <= 0:
        return WHOLE
    picture, box = img_w / img_h, box_w / box_h
    if picture > box:  # wider than the box: the sides go
        w = box / picture
        return (1 - w) / 2, 0.0, (1 + w) / 2, 1.0
    h = picture / box
    return 0.0, (1 - h) / 2, 1.0, (1 + h) / 2


def shown(img_w: float, img_h: float, box_w: float, box_h: float, crop: Crop | None) -> Crop:
    """The part of the picture a box shows: the kept crop (None: `fill`) brought to the
    box's shape around the same middle — covering what it covered where the picture allows —
    and inside the picture. A crop made for this box comes back as it is."""
    if crop is None or min(img_w, img_h, box_w, box_h) <= 0:
        return fill(img_w, img_h, box_w, box_h)
    x0, y0, x1, y1 = crop
    cx, cy = (x0 + x1) / 2 * img_w, (y0 + y1) / 2 * img_h
    cw, ch = max(x1 - x0, 1e-9) * img_w, max(y1 - y0, 1e-9) * img_h
    aspect = box_w / box_h
    if abs(cw / ch - aspect) > 1e-9 * aspect:
        if cw / ch < aspect:
            cw = ch * aspect
        else:
            ch = cw / aspect
    if cw > img_w:
        cw, ch = img_w, img_w / aspect
    if ch > img_h:
        cw, ch = img_h * aspect, img_h
    left = min(max(cx - cw / 2, 0.0), img_w - cw)
    top = min(max(cy - ch / 2, 0.0), img_h - ch)
    return left / img_w, top / img_h, (left + cw) / img_w, (top + ch) / img_h


def panned(crop: Crop, dx: float, dy: float) -> Crop:
    """The crop moved by (dx, dy) fractions of the picture, kept inside it."""
    x0, y0, x1, y1 = crop
    dx = min(max(dx, -x0), 1.0 - x1)
    dy = min(max(dy, -y0), 1.0 - y1)
    return x0 + dx, y0 + dy, x1 + dx, y1 + dy


def zoomed(crop: Crop, factor: float, at: tuple[float, float], smallest: Crop) -> Crop:
    """The crop `factor` times smaller (a zoom in; under 1 a zoom out), the picture point `at`
    (fractions) staying where it is in the box. Never larger than the picture allows at this
    shape, never more than MAX_ZOOM times smaller than `smallest` (the filling crop)."""
    x0, y0, x1, y1 = crop
    w, h = (x1 - x0) / factor, (y1 - y0) / factor
    full_w, full_h = smallest[2] - smallest[0], smallest[3] - smallest[1]
    scale = min(1.0, full_w / w, full_h / h)  # zoomed out past the fill: the fill
    scale = max(scale, full_w / MAX_ZOOM / w)
    w, h = w * scale, h * scale
    fx = (at[0] - x0) / (x1 - x0) if x1 > x0 else 0.5
    fy = (at[1] - y0) / (y1 - y0) if y1 > y0 else 0.5
    left, top = at[0] - fx * w, at[1] - fy * h
    left = min(max(left, 0.0), 1.0 - w)
    top = min(max(top, 0.0), 1.0 - h)
    return left, top, left + w, top + h


def zoom_of(crop: Crop, smallest: Crop) -> float:
    """How many times the picture is enlarged past filling its box (1.0: filling)."""
    return (smallest[2] - smallest[0]) / max(crop[2] - crop[0], 1e-9)


def effective_ppi(img_w: float, img_h: float, crop: Crop, box_w: float, box_h: float) -> float:
    """Pixels per inch the shown part of the picture has at its placed size (the lower axis)."""
    if box_w <= 0 or box_h <= 0:
        raise ValueError("a placed picture needs a positive size")
    x0, y0, x1, y1 = crop
    return min(img_w * (x1 - x0) * 72.0 / box_w, img_h * (y1 - y0) * 72.0 / box_h)


def upright(width: int, height: int, orientation: int) -> tuple[int, int]:
    """A picture's size once its EXIF orientation is applied (5–8 turn it a quarter)."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
