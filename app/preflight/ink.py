"""Preflight of ink and images: takes composed pages, gives findings for colour on black-only pages, small colour or reversed type, total ink, image ppi and RGB.

Limits come from NEWSPAPER.md, "What the print shop needs".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.preflight.findings import (
    ERROR,
    WARNING,
    FrameNames,
    ImageInfoSource,
    PreflightFinding,
)
from layouts.color import CMYK
from layouts.display import Box, ComposedPage, GlyphRun, ImageItem, Item, Rule
from layouts.picture import effective_ppi, shown, upright
from layouts.units import to_mm

MIN_PPI = 120  # below this an image prints visibly soft: an error
GOOD_PPI = 170  # newsprint wants 170–200 ppi at placed size: below it, a warning
LINE_ART_PPI = 600  # 1-bit line art (scans of drawings, signatures)
MIN_COLOUR_TYPE = 18.0  # pt; type on two or more plates blurs with misregistration below this
MIN_REVERSED_TYPE = 10.0  # pt; white type out of a tint fills in below this
MAX_TOTAL_INK = 2.4  # 240 %: the top of the 220–240 % newsprint limit
_GREY_MODES = {"1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"}


def _finding(
    names: FrameNames, severity: str, code: str, page: int, frame: str, message: str, fix: str
) -> PreflightFinding:
    return PreflightFinding(severity, code, page, frame, message, fix, names.get(frame, ""))


def item_colours(item: Item) -> Iterator[CMYK]:
    """The process colours an item paints with (images are checked as images)."""
    if isinstance(item, GlyphRun | Rule):
        yield item.color
    elif isinstance(item, Box):
        if item.fill is not None:
            yield item.fill
        if item.stroke is not None and item.stroke_width > 0:
            yield item.stroke


def _percent(c: CMYK) -> str:
    return f"C{c.c:.0%} M{c.m:.0%} Y{c.y:.0%} K{c.k:.0%}"


def black_only_colour(pages: Sequence[ComposedPage], names: FrameNames) -> list[PreflightFinding]:
    """Anything on a black-only page (黑白版) that needs the C, M or Y plate."""
    out = []
    for page in pages:
        if not page.black_only:
            continue
        bad: dict[str, CMYK] = {}
        for item in page.items:
            for colour in item_colours(item):
                if not colour.is_black_only:
                    bad.setdefault(item.owner, colour)
        for owner, colour in bad.items():
            out.append(
                _finding(
                    names,
                    ERROR,
                    "colour_on_black_page",
                    page.number,
                    owner,
                    f"黑白版上有彩色（{_percent(colour)}）/ colour on a black-only page "
                    f"({_percent(colour)})",
                    "改为黑色（只用K），或在印刷计划中把本版设为彩色版 / make it black (K only) "
                    "or make the page a colour page in the press plan",
                )
            )
    return out


def colour_rules(pages: Sequence[ComposedPage], names: FrameNames) -> list[PreflightFinding]:
    """Small colour type, small reversed type and total ink over the newsprint limit."""
    out: list[PreflightFinding] = []
    for page in pages:
        found: dict[tuple[str, str], PreflightFinding] = {}  # first per (code, frame)
        for item in page.items:
            for code, message, fix in _colour_problems(item, page.black_only):
                key = (code, item.owner)
                if key not in found:
                    found[key] = _finding(
                        names, WARNING, code, page.number, item.owner, message, fix
                    )
        out.extend(found.values())
    return out


def _colour_problems(item: Item, black_only: bool) -> Iterator[tuple[str, str, str]]:
    if isinstance(item, GlyphRun):
        c = item.color
        plates = sum(v > 0 for v in (c.c, c.m, c.y, c.k))
        if plates >= 2 and item.size < MIN_COLOUR_TYPE and not black_only:
            yield (
                "colour_type_small",
                f"{item.size:g}磅套色文字（{_percent(c)}）小于{MIN_COLOUR_TYPE:g}磅 / "
                f"{item.size:g} pt type on {plates} plates, under {MIN_COLOUR_TYPE:g} pt",
                "改为黑色或单色，或加大字号 / set it in black or on one plate, or larger",
            )
        if plates == 0 and item.size < MIN_REVERSED_TYPE:
            yield (
                "reversed_type_small",
                f"{item.size:g}磅反白字小于{MIN_REVERSED_TYPE:g}磅 / {item.size:g} pt reversed "
                f"type, under {MIN_REVERSED_TYPE:g} pt",
                f"反白字至少{MIN_REVERSED_TYPE:g}磅，或改为深色字 / reverse only type of "
                f"{MIN_REVERSED_TYPE:g} pt and up",
            )
    for colour in item_colours(item):
        total = sum(colour.as_list())
        if total > MAX_TOTAL_INK + 1e-9:
            yield (
                "total_ink",
                f"总墨量{total:.0%}超过{MAX_TOTAL_INK:.0%}（{_percent(colour)}）/ total ink "
                f"{total:.0%} over {MAX_TOTAL_INK:.0%}",
                "减少CMY，深色用K / take out C, M and Y: build dark colours on K",
            )


def _needed_pixels(item: ImageItem, ppi: float) -> str:
    return f"{round(item.w / 72 * ppi)}×{round(item.h / 72 * ppi)}"


def images(
    pages: Sequence[ComposedPage], names: FrameNames, image_info: ImageInfoSource | None
) -> list[PreflightFinding]:
    """Effective ppi at the placed size, RGB sources, colour images on black-only pages."""
    return [
        _finding(names, severity, code, page.number, item.owner, message, fix)
        for page in pages
        for item in page.items
        if isinstance(item, ImageItem)
        for severity, code, message, fix in _image_problems(item, page.black_only, image_info)
    ]


def _image_problems(
    item: ImageItem, black_only: bool, image_info: ImageInfoSource | None
) -> Iterator[tuple[str, str, str, str]]:
    if image_info is None:
        yield (
            WARNING,
            "image_unchecked",
            "图片未检查（没有图片信息）/ image not checked: no image information",
            "在库中运行印前检查 / run preflight on the library",
        )
        return
    info = image_info(item.asset)
    if info is None:
        yield (
            ERROR,
            "image_missing",
            f"库中找不到图片 {item.asset[:12]} / image {item.asset[:12]} not in the library",
            "重新置入图片 / place the image again",
        )
        return
    # What prints is the part of the upright picture the item shows (layouts/picture.shown).
    up_w, up_h = upright(info.width, info.height, info.orientation)
    ppi = effective_ppi(up_w, up_h, shown(up_w, up_h, item.w, item.h, item.crop), item.w, item.h)
    good = LINE_ART_PPI if info.mode == "1" else GOOD_PPI
    if ppi < good:
        yield (
            ERROR if ppi < MIN_PPI else WARNING,
            "image_ppi",
            f"图片有效分辨率{ppi:.0f} ppi（{info.width}×{info.height}像素，{to_mm(item.w):.0f}×"
            f"{to_mm(item.h):.0f}毫米），低于{good} ppi / effective {ppi:.0f} ppi at placed "
            f"size, under {good} ppi",
            f"换用至少{_needed_pixels(item, good)}像素的图片或缩小图框 / use an image of at "
            f"least {_needed_pixels(item, good)} px or a smaller frame",
        )
    if info.mode not in _GREY_MODES and info.mode != "CMYK":
        yield (
            WARNING,
            "rgb_image",
            f"{info.mode}图片，导出时按基本算法转为CMYK（无ICC色彩管理）/ {info.mode} image: "
            "converted to CMYK at export without colour management",
            "提供CMYK图片，或检查转换后的颜色 / supply a CMYK image or check the colours",
        )
    if black_only and info.mode not in _GREY_MODES:
        yield (
            WARNING,
            "colour_image_on_black_page",
            "黑白版上的彩色图片将转为灰度印刷 / colour image on a black-only page: it prints "
            "in grey",
            "检查灰度效果，或把本版设为彩色版 / check it in grey or make the page a colour page",
        )
