"""QR import: takes an image of a QR code (e.g. a WeChat account code) or a payload, gives a QR frame that draws it as vector.

The picture itself never goes on the page: a raster code blurs and spreads on newsprint, so
it is decoded (zxing-cpp) and set again from its payload at the slot's size, in 100 % K, with
the slot's error correction (M by default; NEWSPAPER.md, "QR codes on newsprint").
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.model import Frame
from layouts.units import to_mm

if TYPE_CHECKING:
    from app.store import Library

DEFAULT_ERROR = "M"
ERROR_LEVELS = ("L", "M", "Q", "H")


@dataclass(frozen=True)
class QRUpdate:
    """What a QR slot holds after an import, and how the code will print in it."""

    frame: Frame
    payload: str
    error: str
    modules: int  # across the symbol, without the quiet zone
    module_mm: float  # one module at the slot's size
    source: str = ""  # the image it came from, if any

    @property
    def module_ok(self) -> bool:
        from app.preflight.qr import MIN_MODULE_MM

        return self.module_mm >= MIN_MODULE_MM - 1e-9


def decode_qr_image(data: bytes, name: str = "image") -> str:
    """The payload of the one QR code in an image (PNG, JPEG, TIFF); UserError when the file
    is no image, holds no readable QR code, or holds several different ones."""
    import zxingcpp  # only imports need the decoder
    from PIL import Image

    from app.intake.pictures import load_picture

    load_picture(data, name)  # refuses non-images, damaged files and bombs with a clear line
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        # Onto white: a transparent PNG reads as black on black to the decoder (PLATFORM.md).
        rgba = im.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    grey = Image.alpha_composite(paper, rgba).convert("L")
    found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
    payloads = list(dict.fromkeys(r.text for r in found if r.valid and r.text))
    if not payloads:
        raise UserError(
            f"图片中没有可识读的二维码：{name} / no readable QR code in the image "
            f"(a WeChat mini-program code is not a QR code): {name}"
        )
    if len(payloads) > 1:
        raise UserError(
            f"图片中有{len(payloads)}个不同的二维码，请裁切到一个：{name} / the image holds "
            f"{len(payloads)} different QR codes, crop it to one: {name}"
        )
    return payloads[0]


def find_qr_frame(library: Library, issue_id: int, ref: str) -> Frame:
    """A QR frame of the issue by its name (e.g. "qr-wechat") or its id."""
    frames = [f for page in library.pages(issue_id) for f in library.frames(page.id)]  # type: ignore[arg-type]
    matches = [f for f in frames if f.name == ref] or [
        f for f in frames if ref.isdigit() and f.id == int(ref)
    ]
    if not matches:
        raise UserError(
            f"本期没有名为“{ref}”的版框 / no frame named or numbered {ref!r} in the issue"
        )
    if len(matches) > 1:
        raise UserError(f"本期有{len(matches)}个名为“{ref}”的版框，请用编号 / use the frame's id")
    frame = matches[0]
    if frame.kind != "qr":
        raise UserError(
            f"版框“{ref}”不是二维码框（{frame.kind}）/ frame {ref!r} is a {frame.kind} frame, "
            "not a QR slot"
        )
    return frame


def set_qr_payload(library: Library, frame: Frame, payload: str, source: str = "") -> QRUpdate:
    """Give the QR slot `frame` a new payload (kept with the slot's error level, M by default);
    UserError if no QR version can hold it."""
    from segno import DataOverflowError

    from app.preflight.qr import symbol_modules
    from layouts.furniture import qr_symbol_size
    from layouts.qr import QUIET_ZONE

    if frame.kind != "qr":
        raise UserError(f"不是二维码框 / frame {frame.name or frame.id} is not a QR slot")
    if not payload.strip():  # a decoded payload is kept byte for byte, spaces and all
        raise UserError("二维码内容为空 / the QR payload is empty")
    error = str(frame.props.get("error", DEFAULT_ERROR)).upper()
    if error not in ERROR_LEVELS:
        error = DEFAULT_ERROR
    try:
        modules = symbol_modules(payload, error)  # as the renderers will draw it
    except DataOverflowError:
        raise UserError(
            f"二维码内容过长（{len(payload)}字符）/ the payload is too long for any QR code "
            f"({len(payload)} characters): use a short URL"
        ) from None
    props = {**frame.props, "payload": payload}
    if source:
        props["source_image"] = source
    else:
        props.pop("source_image", None)
    updated = dataclasses.replace(frame, props=props)
    library.update_frame(updated)
    size = qr_symbol_size(frame.w, frame.h, *_caption(frame, library))
    return QRUpdate(
        updated, payload, error, modules, to_mm(size / (modules + 2 * QUIET_ZONE)), source
    )


def import_qr_image(library: Library, frame: Frame, image: str | Path) -> QRUpdate:
    """Decode the QR code in `image` and set its payload into the slot as vector."""
    path = Path(image)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"无法读取图片 / cannot read the image: {path} ({e.strerror})") from None
    payload = decode_qr_image(data, path.name)
    return set_qr_payload(library, frame, payload, source=path.name)


def _caption(frame: Frame, library: Library) -> tuple[float, int]:
    """The caption's type size (0 without caption) and its characters: it takes room from the
    slot, under the code or beside it."""
    from app.compose.furniture import QR_CAPTION_SIZE

    caption = frame.props.get("caption")
    if not caption:
        pub = library.publication()
        caption = pub.qr_caption if pub is not None else ""
    return (QR_CAPTION_SIZE, len(caption)) if caption else (0.0, 0)
