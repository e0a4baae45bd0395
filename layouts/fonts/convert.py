"""CFF→TrueType conversion of one face: takes a CFF-flavoured font face and a character set, gives a glyf TTF file (cu2qu, advances unchanged)."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from layouts.atomicfile import write_atomic

if TYPE_CHECKING:
    from fontTools.misc.psCharStrings import T2CharString
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

# fontTools' subsetter and pens are imported inside the functions that convert: a process
# whose conversions are all cached (every warm start) never pays for importing them.

# Bump when the output of a conversion changes: it is part of every cache key.
# 2: no layout tables (no consumer of a converted file shapes text with them).
CONVERTER_VERSION = 2
# Largest distance, in font units, between a cubic curve and its quadratic approximation.
MAX_ERR = 1.0

# Layout features the test font keeps (tools/make_test_font.py): vertical forms and CJK
# punctuation spacing (clreq half-width 'halt'/'vhal', proportional 'palt'/'vpal', contextual
# 'chws'/'vchw'). 'locl' is left out on purpose: in a Noto CJK face its closure drags in the
# Japanese/Korean/Traditional forms and doubles the subset. Conversions for embedding keep
# none: ReportLab, Qt's QRawFont and the metrics read cmap and outlines only, and dropping the
# layout tables spares their closure and subsetting (a third of a small conversion's time).
LAYOUT_FEATURES = ["ccmp", "kern", "vkrn", "vert", "vrt2", "halt", "palt", "vhal", "vpal", "chws", "vchw"]  # fmt: skip


class ConversionError(RuntimeError):
    """A face cannot be converted (not CFF, CFF2/variable, unreadable)."""


def _draw_quadratic(charstring: T2CharString, max_err: float) -> Glyph:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)  # CFF glyphs have no components: no glyph set to look them up in
    # CFF contours run counter-clockwise, TrueType ones clockwise: reverse while converting.
    charstring.draw(Cu2QuPen(pen, max_err, reverse_direction=True))
    return pen.glyph()


def _set_maxp_v1(font: TTFont) -> None:
    """TrueType needs maxp 1.0 (CFF fonts carry 0.5); no hinting, so its limits are zero."""
    from fontTools.misc import sstruct
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._m_a_x_p import maxpFormat_1_0_add

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(font.getGlyphOrder())
    for attr in sstruct.getformat(maxpFormat_1_0_add)[1]:
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp


def convert_face(
    src_path: str,
    index: int,
    out_path: str,
    chars: Iterable[str],
    *,
    max_err: float = MAX_ERR,
    reuse_from: str | None = None,
    layout_features: Sequence[str] = (),
) -> tuple[int, int, int]:
    """Subset face `index` of `src_path` to `chars` (plus the closure of `layout_features`;
    with none, the layout tables are dropped), convert its CFF outlines to TrueType and write
    `out_path` atomically. Glyphs already converted in `reuse_from` (an earlier output for
    the same source) are copied, not redrawn. Returns (glyphs, converted, reused)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    src = TTFont(src_path, fontNumber=index, lazy=True)
    if "CFF " not in src:
        kind = "CFF2 (variable)" if "CFF2" in src else "no CFF"
        raise ConversionError(f"{src_path}#{index}: {kind} outlines, cannot convert")
    cmap = src.getBestCmap() or {}
    unicodes = sorted({ord(c) for c in chars} & cmap.keys())
    order = src.getGlyphOrder()
    vorg = src.get("VORG", None)

    # Swap CFF for a glyf of empty glyphs before subsetting: the subsetter then computes the
    # layout closure and prunes every table cheaply, without decompiling 65k charstrings.
    work = TTFont(src_path, fontNumber=index, lazy=True)
    work.setGlyphOrder(order)
    work["cmap"] = src["cmap"]  # decompiled once; the subsetter prunes this copy's subtables
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {name: Glyph() for name in order}
    work["glyf"] = glyf
    work["loca"] = newTable("loca")
    del work["CFF "]
    if "VORG" in work:
        del work["VORG"]  # CFF-only; vertical origins move into vmtx below
    if not layout_features:
        for tag in ("GSUB", "GPOS", "GDEF", "BASE", "JSTF"):
            if tag in work:
                del work[tag]
    work.sfntVersion = "\x00\x01\x00\x00"
    _set_maxp_v1(work)

    opts = subset.Options()
    opts.layout_features = list(layout_features)
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.glyph_names = True
    opts.notdef_outline = True
    opts.recalc_bounds = True
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(work)

    reuse: dict[str, bytes] = {}
    if reuse_from:
        old = TTFont(reuse_from, lazy=True)
        # Raw glyph records: copied byte for byte, never decompiled.
        reuse = {n: getattr(g, "data", b"") for n, g in old["glyf"].glyphs.items()}
        old.close()
    # The charstrings themselves: a glyph set would decompile hmtx and vmtx (65k entries)
    # only to hand each glyph its advance, which the outline does not need.
    charstrings = src["CFF "].cff.topDictIndex[0].CharStrings
    glyf = work["glyf"]
    new_order = work.getGlyphOrder()
    converted = reused = 0
    boxes: dict[str, tuple[int, int, int, int, int, int]] = {}
    for name in new_order:
        if name in reuse:
            data = reuse[name]
            reused += 1
        else:
            data = _draw_quadratic(charstrings[name], max_err).compile(glyf, recalcBBoxes=True)
            converted += 1
        glyf.glyphs[name] = Glyph(data)
        if len(data) >= 10:
            boxes[name] = _glyph_header(data)
    _finish_metrics(work, boxes, vorg)
    _save_atomic(work, out_path)
    work.close()
    src.close()
    return len(new_order), converted, reused


def _glyph_header(data: bytes) -> tuple[int, int, int, int, int, int]:
    """(contours, xMin, yMin, xMax, yMax, points) read from a compiled simple glyph."""
    contours, x0, y0, x1, y1 = struct.unpack(">hhhhh", data[:10])
    points = 0
    if contours > 0:
        off = 10 + 2 * (contours - 1)
        points = struct.unpack(">H", data[off : off + 2])[0] + 1
    return contours, x0, y0, x1, y1, points


def _finish_metrics(
    font: TTFont, boxes: dict[str, tuple[int, int, int, int, int, int]], vorg
) -> None:
    """Side bearings, head/hhea/vhea extents, maxp and post for the new outlines.
    Advance widths and heights are never touched: they stay exactly the source's."""
    hmtx = font["hmtx"]
    vmtx = font.get("vmtx", None)
    for name, (_, x0, _, _, y1, _) in boxes.items():
        hmtx[name] = (hmtx[name][0], x0)
        if vmtx is not None and vorg is not None:
            # TrueType's vertical origin is yMax + tsb: keep the VORG origin exactly.
            origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
            vmtx[name] = (vmtx[name][0], origin - y1)
    b = boxes.values()
    head = font["head"]
    head.glyphDataFormat = 0
    if boxes:
        head.xMin = min(v[1] for v in b)
        head.yMin = min(v[2] for v in b)
        head.xMax = max(v[3] for v in b)
        head.yMax = max(v[4] for v in b)
    _set_maxp_v1(font)
    font["maxp"].maxPoints = max((v[5] for v in b), default=0)
    font["maxp"].maxContours = max((v[0] for v in b), default=0)
    hhea = font["hhea"]
    hhea.advanceWidthMax = max(adv for adv, _ in hmtx.metrics.values())
    hhea.minLeftSideBearing = min((hmtx[n][1] for n in boxes), default=0)
    hhea.minRightSideBearing = min((hmtx[n][0] - v[3] for n, v in boxes.items()), default=0)
    hhea.xMaxExtent = max((v[3] for v in b), default=0)
    if vmtx is not None and "vhea" in font:
        vhea = font["vhea"]
        vhea.advanceHeightMax = max(adv for adv, _ in vmtx.metrics.values())
        tsb = {n: vmtx[n][1] for n in boxes}
        vhea.minTopSideBearing = min(tsb.values(), default=0)
        vhea.minBottomSideBearing = min(
            (vmtx[n][0] - tsb[n] - (v[4] - v[2]) for n, v in boxes.items()), default=0
        )
        vhea.yMaxExtent = max((tsb[n] + v[4] - v[2] for n, v in boxes.items()), default=0)
    post = font["post"]
    post.formatType = 2.0  # keep the CID glyph names: later extensions reuse glyphs by name
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = font.getGlyphOrder()


def _save_atomic(font: TTFont, out_path: str) -> None:
    """Serialise, then write atomically: a crash leaves no half font in the cache."""
    # Keep the source's timestamps so the same input always gives the same bytes.
    font.recalcTimestamp = False
    font.recalcBBoxes = False  # _finish_metrics did it, without decompiling glyphs
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    write_atomic(out_path, buf.getvalue(), prefix=".convert-")
