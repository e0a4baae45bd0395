"""Qt painter: draws a ComposedPage display list with QPainter, in page points, nothing else."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGlyphRun,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QRawFont,
    QTransform,
)

from app.export.qrcache import item_modules
from layouts.color import CMYK
from layouts.display import (
    Box,
    ComposedPage,
    FontSource,
    GlyphRun,
    ImageItem,
    Item,
    QRItem,
    Rule,
)
from layouts.picture import shown
from layouts.qr import QRModules

ImageLoader = Callable[[str], QImage | None]  # asset hash -> image (None when unavailable)


@runtime_checkable
class PictureSource(Protocol):
    """Pictures as the painter asks for them (widgets/pictures.PictureCache): the upright
    size, and a copy at least `width` pixels across where the picture has them."""

    def size(self, asset: str) -> tuple[int, int] | None: ...
    def image(self, asset: str, width: float) -> QImage | None: ...


class _Loaded:
    """A PictureSource over a plain loader: the image it gives, whatever the size asked."""

    def __init__(self, load: ImageLoader) -> None:
        self._load = load
        self._loaded: dict[str, QImage | None] = {}  # each asset asked for once

    def size(self, asset: str) -> tuple[int, int] | None:
        image = self.image(asset, 0)
        return None if image is None or image.isNull() else (image.width(), image.height())

    def image(self, asset: str, width: float) -> QImage | None:
        if asset not in self._loaded:
            self._loaded[asset] = self._load(asset)
        return self._loaded[asset]


# Qt 6.11/6.12 draws nothing for a QGlyphRun whose glyphs exceed 64 device pixels, its glyph
# cache limit (slint-ui/slint#10568); above this size glyphs are filled as outlines instead.
OUTLINE_PX = 56.0
_MISSING = QColor(200, 200, 200)


class FontLoadError(ValueError):
    """A FontSource whose file Qt cannot load as a font."""


def cmyk_to_qcolor(color: CMYK) -> QColor:
    """Screen RGB for a process colour: the naive (1 - c)(1 - k) formula, no ICC profile."""
    return QColor.fromRgbF(
        (1.0 - color.c) * (1.0 - color.k),
        (1.0 - color.m) * (1.0 - color.k),
        (1.0 - color.y) * (1.0 - color.k),
    )


def sfnt_face_bytes(path: str | Path, index: int = 0) -> bytes:
    """The bytes of one face as a standalone sfnt: a .ttc's face `index`, or a plain font file.

    QRawFont only ever loads face 0 of the data it is given, so a later face of a collection is
    copied out: its table directory rewritten with offsets into a new file (checksums are kept;
    FreeType does not verify them).
    """
    data = Path(path).read_bytes()
    if data[:4] != b"ttcf":
        if index != 0:
            raise FontLoadError(f"{path} is not a font collection, face {index} does not exist")
        return data
    (count,) = struct.unpack_from(">I", data, 8)
    if not 0 <= index < count:
        raise FontLoadError(f"{path} has {count} faces, face {index} does not exist")
    if index == 0:
        return data  # Qt loads a collection's first face by itself
    (start,) = struct.unpack_from(">I", data, 12 + 4 * index)
    version, num_tables = struct.unpack_from(">IH", data, start)
    records = [struct.unpack_from(">4sIII", data, start + 12 + 16 * i) for i in range(num_tables)]
    header_size = 12 + 16 * num_tables
    out_dir = bytearray(data[start : start + 12])
    body = bytearray()
    for tag, checksum, offset, length in records:
        out_dir += struct.pack(">4sIII", tag, checksum, header_size + len(body), length)
        body += data[offset : offset + length]
        body += b"\0" * (-len(body) % 4)  # tables start on 4-byte boundaries
    struct.pack_into(">I", out_dir, 0, version)
    return bytes(out_dir + body)


class FontCache:
    """QRawFonts for FontSources, one loaded face per (path, index) and one copy per size.

    Hinting is off so outlines match the PDF; sizes are in pixels of the device drawn on (the
    painter asks for each run's size at the current zoom). The most recently used sizes are
    kept (zooming through many scales must not grow the cache without end).
    """

    SIZES_KEPT = 256

    def __init__(self) -> None:
        self._faces: dict[tuple[str, int], QRawFont] = {}
        self._sized: dict[tuple[str, int, float], QRawFont] = {}

    def raw_font(self, source: FontSource, size: float) -> QRawFont:
        key = (source.path, source.index, float(size))
        font = self._sized.pop(key, None)
        if font is None:
            font = QRawFont(self._face(source))
            font.setPixelSize(float(size))
            if len(self._sized) >= self.SIZES_KEPT:
                del self._sized[next(iter(self._sized))]  # the least recently used
        self._sized[key] = font  # (re)inserted last: most recently used
        return font

    def _face(self, source: FontSource) -> QRawFont:
        key = (source.path, source.index)
        face = self._faces.get(key)
        if face is None:
            try:
                data = sfnt_face_bytes(source.path, source.index)
            except OSError as exc:
                raise FontLoadError(f"cannot read font {source.path}: {exc}") from exc
            face = QRawFont()
            face.loadFromData(QByteArray(data), 12.0, QFont.HintingPreference.PreferNoHinting)
            if not face.isValid():
                raise FontLoadError(f"Qt cannot load face {source.index} of {source.path}")
            self._faces[key] = face
        return face


class PagePainter:
    """Paints display-list items onto a QPainter whose user space is page points (y down)."""

    def __init__(
        self, fonts: FontCache | None = None, images: PictureSource | ImageLoader | None = None
    ) -> None:
        self.fonts = fonts if fonts is not None else FontCache()
        self.images: PictureSource | None = (
            images if images is None or isinstance(images, PictureSource) else _Loaded(images)
        )
        self.problems: list[str] = []  # fonts or images that could not be drawn, last paint
        self._qr: dict[QRItem, QRModules] = {}  # read from the disk cache once per item

    def paint(self, qp: QPainter, page: ComposedPage, exposed: QRectF | None = None) -> None:
        """Draw the items of `page` in list order (later on top), only those meeting `exposed`.

        One dispatch over every display item kind, as the PDF renderer has; an item of a kind
        it does not know is a TypeError, never silently left off the screen."""
        self.problems = []
        qp.save()
        qp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        qp.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        qp.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        scale = _device_scale(qp)
        for item in page.items:
            if exposed is not None and not item_bounds(item).intersects(exposed):
                continue
            match item:
                case GlyphRun():
                    self._glyphs(qp, page, item, scale)
                case Rule():
                    self._rule(qp, item)
                case Box():
                    self._box(qp, item)
                case QRItem():
                    self._qr_code(qp, item)
                case ImageItem():
                    self._image(qp, item, scale)
                case _:
                    raise TypeError(f"the Qt painter cannot draw {type(item).__name__}")
        qp.restore()

    def _glyphs(self, qp: QPainter, page: ComposedPage, run: GlyphRun, scale: float) -> None:
        try:
            font = self.fonts.raw_font(page.font(run.font), run.size)
        except (KeyError, FontLoadError) as exc:
            self._problem(f"font {run.font!r}: {exc}")
            return
        indexes = font.glyphIndexesForString(run.text)
        if len(indexes) != len(run.text):  # never guess which glyph belongs to which x
            indexes = [(font.glyphIndexesForString(ch) or [0])[0] for ch in run.text]
        kept = [(g, x) for g, x in zip(indexes, run.xs, strict=True) if g != 0]
        if len(kept) < len(indexes):
            # .notdef is never drawn: a missing character is a composer finding, not a box.
            self._problem(f"font {run.font!r} lacks {len(indexes) - len(kept)} character(s)")
        if not kept:
            return
        color = cmyk_to_qcolor(run.color)
        if run.size * scale > OUTLINE_PX:
            outlines = QPainterPath()
            outlines.setFillRule(Qt.FillRule.WindingFill)
            for glyph, x in kept:
                outlines.addPath(font.pathForGlyph(glyph).translated(x, run.y))
            qp.fillPath(outlines, color)
            return
        # Through the glyph cache, at the device's own pixel size and with no transform: a face
        # whose hints FreeType applies (CFF: Noto CJK) would otherwise be rasterised at the
        # unzoomed size and then scaled, its stems snapped to the wrong pixel grid — at 200 %
        # body text came out half again as heavy as in the PDF.
        t = qp.combinedTransform()
        upright = not (t.m12() or t.m21()) and t.m11() > 0 and abs(t.m11() - t.m22()) < 1e-9
        if not upright:  # rotated or sheared: drawn as it is
            positions = [QPointF(x, run.y) for _, x in kept]
        else:
            device = qp.device()
            ratio = device.devicePixelRatioF() if device is not None else 1.0
            font = self.fonts.raw_font(page.font(run.font), run.size * t.m11() * ratio)
            sx, dx, y = t.m11() * ratio, t.dx() * ratio, (t.m22() * run.y + t.dy()) * ratio
            positions = [QPointF(sx * x + dx, y) for _, x in kept]
            qp.save()
            qp.resetTransform()
            qp.setWorldTransform(QTransform.fromScale(1.0 / ratio, 1.0 / ratio))
        glyphs = QGlyphRun()
        glyphs.setRawFont(font)
        glyphs.setGlyphIndexes([g for g, _ in kept])
        glyphs.setPositions(positions)
        qp.setPen(color)
        qp.drawGlyphRun(QPointF(0.0, 0.0), glyphs)
        if upright:
            qp.restore()

    def _rule(self, qp: QPainter, rule: Rule) -> None:
        pen = QPen(cmyk_to_qcolor(rule.color), rule.width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # PDF's default butt cap
        qp.setPen(pen)
        qp.drawLine(QPointF(rule.x1, rule.y1), QPointF(rule.x2, rule.y2))

    def _box(self, qp: QPainter, box: Box) -> None:
        rect = QRectF(box.x, box.y, box.w, box.h)
        if box.fill is not None:
            qp.fillRect(rect, cmyk_to_qcolor(box.fill))
        if box.stroke is not None and box.stroke_width > 0:
            pen = QPen(cmyk_to_qcolor(box.stroke), box.stroke_width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)  # PDF's default join
            qp.setPen(pen)
            qp.setBrush(Qt.BrushStyle.NoBrush)
            qp.drawRect(rect)  # the stroke is centred on the edge, as in PDF

    def qr_modules(self, item: QRItem) -> QRModules:
        """The symbol as both renderers draw it (layouts/qr.py), kept for the next repaint."""
        found = self._qr.get(item)
        if found is None:
            found = self._qr[item] = item_modules(item)
        return found

    def _qr_code(self, qp: QPainter, item: QRItem) -> None:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for x, y, w, h in self.qr_modules(item).rects:
            path.addRect(QRectF(x, y, w, h))
        # One winding path, not simplified(): Qt's simplification corrupts this many rectangles.
        qp.fillPath(path, QBrush(QColor(0, 0, 0)))

    def _image(self, qp: QPainter, item: ImageItem, scale: float) -> None:
        """The part of the picture the item shows (layouts/picture.shown, as the PDF has it),
        from a copy about as large as the screen needs."""
        rect = QRectF(item.x, item.y, item.w, item.h)
        source = self.images
        size = source.size(item.asset) if source is not None else None
        crop = shown(*size, item.w, item.h, item.crop) if size is not None else None
        image = None
        if source is not None and crop is not None:
            image = source.image(item.asset, item.w * scale / max(crop[2] - crop[0], 1e-9))
        if image is None or image.isNull() or crop is None:
            self._problem(f"image {item.asset[:12]} unavailable")
            # A placeholder so the space is visible on screen; it never reaches the PDF.
            qp.fillRect(rect, QColor(240, 240, 240))
            qp.setPen(QPen(_MISSING, 0))
            qp.drawRect(rect)
            qp.drawLine(rect.topLeft(), rect.bottomRight())
            qp.drawLine(rect.topRight(), rect.bottomLeft())
            return
        w, h = image.width(), image.height()
        part = QRectF(crop[0] * w, crop[1] * h, (crop[2] - crop[0]) * w, (crop[3] - crop[1]) * h)
        qp.drawImage(rect, image, part)

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)


def item_bounds(item: Item) -> QRectF:
    """A rectangle in points that holds everything `item` can ink (generous for glyphs)."""
    match item:
        case GlyphRun():
            left = min(item.xs, default=0.0) - item.size
            right = max(item.xs, default=0.0) + 2 * item.size
            return QRectF(left, item.y - 1.5 * item.size, right - left, 2 * item.size)
        case Rule():
            pad = item.width
            left, right = sorted((item.x1, item.x2))
            top, bottom = sorted((item.y1, item.y2))
            return QRectF(left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad)
        case Box():
            pad = item.stroke_width
            return QRectF(item.x - pad, item.y - pad, item.w + 2 * pad, item.h + 2 * pad)
        case QRItem():
            return QRectF(item.x, item.y, item.size, item.size)
        case ImageItem():
            return QRectF(item.x, item.y, item.w, item.h)
        case _:
            raise TypeError(f"no bounds for {type(item).__name__}")


def _device_scale(qp: QPainter) -> float:
    """Device pixels per user unit along the painter's most stretched axis."""
    t = qp.combinedTransform()
    sx = (t.m11() ** 2 + t.m12() ** 2) ** 0.5
    sy = (t.m21() ** 2 + t.m22() ** 2) ** 0.5
    device = qp.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    return max(sx, sy) * ratio


def render_page(
    page: ComposedPage,
    scale: float,
    *,
    painter: PagePainter | None = None,
    background: QColor | None = None,
) -> QImage:
    """The page painted on white at `scale` pixels per point, as an RGB32 QImage."""
    width = max(1, round(page.width * scale))
    height = max(1, round(page.height * scale))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(background if background is not None else QColor(255, 255, 255))
    qp = QPainter(image)
    try:
        qp.scale(scale, scale)
        (painter or PagePainter()).paint(qp, page)
    finally:
        qp.end()
    return image
