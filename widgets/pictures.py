"""Pictures for the screen: takes an asset's bytes, gives its upright size (EXIF orientation applied) and a copy decoded at the size the canvas needs — halved in steps, cached per asset and step — never the full original of a large photo.

An 80-megapixel photo is 320 MB decoded; the canvas shows it a few hundred pixels wide, so
Qt's JPEG reader decodes it scaled (from the DCT, in a fraction of the time and memory).
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

log = logging.getLogger(__name__)

MAX_PIXELS = 16_000_000  # the most pixels a copy on screen has (a 16-MP photo at full size)
CACHE_BYTES = 256 * 1024 * 1024  # decoded copies kept, least recently used go first
_TURNED = QImageIOHandler.Transformation.TransformationRotate90


class PictureCache:
    """Screen copies of pictures: `size(asset)` upright, `image(asset, width)` at least
    `width` pixels across where the picture has them (and MAX_PIXELS allows)."""

    def __init__(self, fetch: Callable[[str], bytes]) -> None:
        self._fetch = fetch
        self._sizes: dict[str, tuple[int, int] | None] = {}
        self._raw: dict[str, tuple[int, int, bool]] = {}  # stored size, turned a quarter
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._bytes = 0
        self.decodes: list[tuple[str, int, int]] = []  # (asset, width, height) each decode

    def _reader(self, data: bytes) -> tuple[QImageReader, QBuffer]:
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAutoTransform(True)  # upright, as its EXIF orientation says
        return reader, buffer

    def size(self, asset: str) -> tuple[int, int] | None:
        """Pixels across and down, upright; None when the picture cannot be read."""
        if asset in self._sizes:
            return self._sizes[asset]
        found = None
        try:
            reader, _buffer = self._reader(self._fetch(asset))
            raw = reader.size()
            if raw.isValid() and raw.width() > 0 and raw.height() > 0:
                turned = bool(reader.transformation() & _TURNED)
                self._raw[asset] = (raw.width(), raw.height(), turned)
                found = (raw.height(), raw.width()) if turned else (raw.width(), raw.height())
        except Exception:  # a missing blob is a placeholder on screen, not a crash
            log.exception("picture %s could not be read", asset)
        self._sizes[asset] = found
        return found

    def step(self, asset: str, width: float) -> int:
        """How many times the picture is halved for a copy `width` pixels across: as often as
        leaves at least that many, and enough to stay within MAX_PIXELS."""
        size = self.size(asset)
        if size is None:
            return 0
        w, h = size
        k = max(0, math.floor(math.log2(max(w / max(width, 1.0), 1.0))))
        while (w >> k) * (h >> k) > MAX_PIXELS and min(w >> (k + 1), h >> (k + 1)) >= 1:
            k += 1
        return k

    def image(self, asset: str, width: float) -> QImage | None:
        """The picture upright, at least `width` pixels across where it can be."""
        if self.size(asset) is None:
            return None
        k = self.step(asset, width)
        key = (asset, k)
        found = self._images.get(key)
        if found is not None:
            self._images.move_to_end(key)
            return found
        raw_w, raw_h, _ = self._raw[asset]
        try:
            data = self._fetch(asset)
        except Exception:  # the library gone or damaged: a placeholder, not a crash
            log.exception("picture %s could not be read", asset)
            return None
        reader, _buffer = self._reader(data)
        if k:
            reader.setScaledSize(QSize(max(1, raw_w >> k), max(1, raw_h >> k)))
        image = reader.read()
        if image.isNull():
            log.warning("picture %s: %s", asset[:12], reader.errorString())
            return None
        self.decodes.append((asset, image.width(), image.height()))
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > CACHE_BYTES and len(self._images) > 1:
            _, old = self._images.popitem(last=False)
            self._bytes -= old.sizeInBytes()
        return image
