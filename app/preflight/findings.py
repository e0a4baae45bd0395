"""Preflight findings and image facts: the plain records preflight's checks take and give."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from PIL import Image

from app.model.placeholder import PNG_KEY

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True, slots=True)
class PreflightFinding:
    severity: str  # "error" | "warning"
    code: str  # stable id for scripts and tests, e.g. "overset", "qr_module_size"
    page: int | None  # 版序; None for the whole issue
    frame: str  # display-list owner id (e.g. "frame-12"), "" for a page or the issue
    message: str  # 中文 / English
    fix: str  # what to do, 中文 / English
    frame_name: str = ""  # the frame's name or kind, for people

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What preflight needs to know of an image asset without decoding its pixels."""

    width: int  # pixels, as stored
    height: int
    mode: str  # PIL mode: "CMYK", "RGB", "L", "P" …
    placeholder: bool = False  # a stand-in picture of the sample (it says 示例图片)
    orientation: int = 1  # EXIF orientation: 5–8 turn the picture a quarter when it prints


ImageInfoSource = Callable[[str], ImageInfo | None]  # asset id → info, None if not found
FrameNames = dict[str, str]  # owner id → the frame's name or kind


def image_info_from_bytes(data: bytes) -> ImageInfo:
    """Size and colour mode from the file header (PIL opens lazily; pixels are not decoded), and
    whether it is the sample's stand-in picture (a PNG text chunk ahead of the pixels)."""
    with Image.open(io.BytesIO(data)) as im:
        try:
            orientation = int(im.getexif().get(0x0112, 1))
        except Exception:  # a broken EXIF block: printed as stored
            orientation = 1
        return ImageInfo(im.width, im.height, im.mode, PNG_KEY in im.info, orientation)
