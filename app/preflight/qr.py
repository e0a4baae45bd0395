"""Preflight of QR codes: takes composed pages, gives findings for modules under 0.5 mm, codes that do not decode, ink in the quiet zone.

Modules are counted and sized from layouts/qr.py through the app's cache (app/export/qrcache.py),
the one symbol geometry both renderers paint, so preflight judges exactly what is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

import pypdfium2 as pdfium
from segno import DataOverflowError

from app.export.pdf import export_pdf
from app.export.qrcache import default_qr_cache, item_modules
from app.preflight.findings import ERROR, WARNING, FrameNames, PreflightFinding
from layouts.display import Box, ComposedPage, GlyphRun, ImageItem, Item, QRItem, Rule
from layouts.qr import QUIET_ZONE, qr_rows
from layouts.units import mm, to_mm

# Coldset newsprint needs modules of 0.5 mm (0.4 mm is the general minimum): NEWSPAPER.md.
MIN_MODULE_MM = 0.5
RENDER_PX_PER_MODULE = 6  # enough for any decoder, small enough to render in milliseconds

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in display-list points


def symbol_modules(payload: str, error: str) -> int:
    """Modules across the symbol for `payload` at `error` level (quiet zone not counted), as
    the renderers draw it (layouts/qr.py). Raises DataOverflowError if no QR version holds it."""
    return len(qr_rows(payload, error, default_qr_cache()))


def module_size(item: QRItem) -> float:
    """One module in points, as the renderers paint it: the slot holds the symbol and its
    4-module quiet zone each side."""
    return item_modules(item).module


def decode_qr(item: QRItem) -> list[str]:
    """What zxing-cpp reads from the QR code as the PDF renderer draws it (alone on a page)."""
    import zxingcpp  # only preflight needs the decoder

    alone = QRItem(item.owner, item.payload, 0.0, 0.0, item.size, item.error)
    buf = io.BytesIO()
    export_pdf([ComposedPage(1, item.size, item.size, (alone,))], buf)
    scale = RENDER_PX_PER_MODULE / module_size(item)
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        bitmap = doc[0].render(scale=scale, fill_color=(255, 255, 255, 255), grayscale=True)
        image = bitmap.to_pil().convert("L")
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def check_qr_codes(
    pages: Sequence[ComposedPage], names: FrameNames, *, decode: bool = True
) -> list[PreflightFinding]:
    out = []
    for page in pages:
        for index, item in enumerate(page.items):
            if isinstance(item, QRItem):
                for severity, code, message, fix in _qr_problems(page, index, item, decode):
                    out.append(
                        PreflightFinding(
                            severity,
                            code,
                            page.number,
                            item.owner,
                            message,
                            fix,
                            names.get(item.owner, ""),
                        )
                    )
    return out


def _qr_problems(
    page: ComposedPage, index: int, item: QRItem, decode: bool
) -> Iterator[tuple[str, str, str, str]]:
    try:
        drawn = item_modules(item)
    except DataOverflowError:
        yield (
            ERROR,
            "qr_payload_too_long",
            f"二维码内容过长（{len(item.payload)}字符）/ the QR payload is too long for any QR "
            "version",
            "缩短网址（短链接）/ use a shorter URL",
        )
        return
    modules, module = drawn.modules, drawn.module
    if to_mm(module) < MIN_MODULE_MM - 1e-9:
        need = mm(MIN_MODULE_MM) * (modules + 2 * QUIET_ZONE)
        yield (
            ERROR,
            "qr_module_size",
            f"二维码模块{to_mm(module):.2f}毫米，小于{MIN_MODULE_MM}毫米（{modules}×{modules}"
            f"模块）/ QR modules {to_mm(module):.2f} mm, under {MIN_MODULE_MM} mm "
            f"({modules}×{modules} modules)",
            f"二维码位至少{to_mm(need):.1f}毫米见方（含静区），或缩短内容 / make the slot at least "
            f"{to_mm(need):.1f} mm square (quiet zone included) or shorten the payload",
        )
    if item.error.upper() == "L":
        yield (
            WARNING,
            "qr_error_level",
            "二维码纠错等级L，新闻纸上易读错 / error correction L is weak on newsprint",
            "改用M或Q级 / use level M or Q",
        )
    yield from _obstructions(page, index, item)
    if decode:
        read = decode_qr(item)
        if read != [item.payload]:
            yield (
                ERROR,
                "qr_unreadable",
                f"二维码无法识读为其内容（读得 {read!r}）/ the QR code does not decode to its "
                f"payload (read {read!r})",
                "检查内容与纠错等级，加大二维码位 / check the payload and error level, enlarge "
                "the slot",
            )


def _obstructions(
    page: ComposedPage, index: int, item: QRItem
) -> Iterator[tuple[str, str, str, str]]:
    """Ink over the code or its quiet zone (drawn later), or a tint or image behind it."""
    slot = (item.x, item.y, item.x + item.size, item.y + item.size)
    over = under = None
    for i, other in enumerate(page.items):
        if i != index and any(_overlap(slot, r) for r in _ink_rects(other)):
            if i > index:
                over = over or other.owner
            else:
                under = under or other.owner
    if over:
        yield (
            ERROR,
            "qr_covered",
            f"二维码或其静区被{over}的内容压住 / something of {over} prints over the QR code "
            "or its quiet zone",
            "移开压住二维码的内容 / move what covers the code",
        )
    if under:
        yield (
            WARNING,
            "qr_background",
            f"二维码下面有底色或图片（{under}）/ a tint or image lies under the QR code ({under})",
            "二维码应100%黑印在白纸上 / print QR codes 100 % K on white paper",
        )


def _ink_rects(item: Item) -> list[Rect]:
    """Where an item puts ink, as rectangles (glyph runs by their em boxes)."""
    if isinstance(item, GlyphRun):
        right = max(item.xs) + item.size if item.xs else 0.0
        return [
            (min(item.xs, default=0.0), item.y - 0.88 * item.size, right, item.y + 0.12 * item.size)
        ]
    if isinstance(item, Rule):
        h = item.width / 2
        return [
            (
                min(item.x1, item.x2) - h,
                min(item.y1, item.y2) - h,
                max(item.x1, item.x2) + h,
                max(item.y1, item.y2) + h,
            )
        ]
    if isinstance(item, ImageItem):
        return [(item.x, item.y, item.x + item.w, item.y + item.h)]
    if isinstance(item, QRItem):
        return [(item.x, item.y, item.x + item.size, item.y + item.size)]
    if isinstance(item, Box):
        rects: list[Rect] = []
        x0, y0, x1, y1 = item.x, item.y, item.x + item.w, item.y + item.h
        if item.fill is not None and sum(item.fill.as_list()) > 0:
            rects.append((x0, y0, x1, y1))
        if item.stroke is not None and item.stroke_width > 0:
            h = item.stroke_width / 2
            rects += [
                (x0 - h, y0 - h, x1 + h, y0 + h),
                (x0 - h, y1 - h, x1 + h, y1 + h),
                (x0 - h, y0 - h, x0 + h, y1 + h),
                (x1 - h, y0 - h, x1 + h, y1 + h),
            ]
        return rects
    return []


def _overlap(a: Rect, b: Rect, eps: float = 0.01) -> bool:
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps
