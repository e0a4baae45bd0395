"""TrueType tables read whole: takes a font file's bytes and its table offsets, gives the cmap, advances and glyph offsets exactly as ReportLab's parser reads them.

ReportLab reads a face's cmap, hmtx and loca one number per method call (142,000 calls for
the fonts of one issue, a tenth of a second per CJK face). Here those three tables are
unpacked whole with struct, with ReportLab's own quirks kept (advances past
numberOfHMetrics are stored scaled in `hmetrics`, the cmap subtable chosen is the last
suitable one, glyph 0 entries are kept), so subsets, widths and the PDF bytes do not change.
Nothing here imports ReportLab: app/export/reportlab_compat.py puts the result into its face.

Containers ReportLab builds but only ever indexes are lighter here: `hmetrics` is a sequence
made on indexing, glyph positions a tuple, and the glyf table a window cut from without
copying it whole for every subset.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import overload


class Unsupported(Exception):
    """A table layout the fast path does not handle: ReportLab's parser decides."""


class HMetrics(Sequence[tuple[int | float, int]]):
    """ReportLab's `hmetrics` list, (advance, lsb) per glyph, made on indexing.

    ReportLab only indexes it (for the glyphs of a subset); as a list it is one tuple per
    glyph, and allocating tens of thousands of tuples at once sets off a full garbage
    collection pass over everything the process holds."""

    def __init__(self, pairs: tuple[int, ...], last: int | float, lsbs: tuple[int, ...]) -> None:
        self._pairs = pairs  # (advance, lsb) × numberOfHMetrics, flat
        self._last = last  # the last advance, scaled, for the lsb-only glyphs (ReportLab's way)
        self._lsbs = lsbs
        self._full = len(pairs) // 2

    def __len__(self) -> int:
        return self._full + len(self._lsbs)

    @overload
    def __getitem__(self, i: int) -> tuple[int | float, int]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[int | float, int]]: ...
    def __getitem__(
        self, i: int | slice
    ) -> tuple[int | float, int] | list[tuple[int | float, int]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("hmetrics index out of range")
        if i < self._full:
            return (self._pairs[2 * i], self._pairs[2 * i + 1])
        return (self._last, self._lsbs[i - self._full])


class TableWindow:
    """A table's bytes that slice without copying the whole table first: ReportLab copies the
    glyf table (megabytes) for every subset only to cut a few hundred glyphs out of it."""

    def __init__(self, data: bytes, start: int, length: int) -> None:
        self._view = memoryview(data)[start : start + length]

    def __len__(self) -> int:
        return len(self._view)

    def __getitem__(self, key: int | slice) -> int | bytes:
        return self._view[key].tobytes() if isinstance(key, slice) else self._view[key]


@dataclass(frozen=True, slots=True)
class CharInfo:
    """What ReportLab's extractInfo(charInfo=1) sets on a face, under its own names there."""

    char_to_glyph: dict[int, int]  # charToGlyph
    widths: dict[int, int | float]  # charWidths, in 1/1000 em
    hmetrics: HMetrics  # hmetrics
    default_width: int | float  # defaultWidth
    glyph_pos: tuple[int, ...]  # glyphPos (loca), a tuple: only indexed, and the collector
    # stops walking a tuple of numbers after one pass (a list, never)
    cmap_entries: tuple[array, array]  # (characters, glyph ids) for glyphToChar on demand


def read_char_info(
    data: bytes, offsets: Mapping[str, int], glyphs: int, scale: Callable[[int], int | float]
) -> CharInfo:
    """cmap, hmtx and loca of the face in `data` (`offsets`: table tag → offset), as ReportLab
    reads them; `scale` is its font-units-to-1/1000-em function. Raises Unsupported (or
    struct.error, IndexError) where ReportLab's own parser must decide."""

    def at(tag: str) -> int:
        if tag not in offsets:
            raise Unsupported(tag)
        return offsets[tag]

    index_to_loc, glyph_format = struct.unpack_from(">HH", data, at("head") + 50)
    if glyph_format != 0 or index_to_loc not in (0, 1):
        raise Unsupported("head")  # ReportLab raises its own error for these
    (h_metrics,) = struct.unpack_from(">H", data, at("hhea") + 34)
    chars, glyph_ids = read_cmap(data, at("cmap"))
    loca = at("loca")

    # hmtx: (advance, lsb) pairs, then lsb only; ReportLab stores the pairs as read and the
    # lsb-only glyphs with the last advance *scaled*, and widths scaled.
    hmtx = at("hmtx")
    pairs = struct.unpack_from(f">{2 * h_metrics}H", data, hmtx)
    last = scale(pairs[-2])
    rest = max(glyphs - h_metrics, 0)
    lsbs = struct.unpack_from(f">{rest}H", data, hmtx + 4 * h_metrics)
    scaled = {aw: scale(aw) for aw in set(pairs[0::2])}  # one object per distinct width
    advances = list(map(scaled.__getitem__, pairs[0::2]))
    advances += [last] * rest
    # ReportLab walks the glyphs in order and, for each, its characters in cmap order: a
    # stable sort of the cmap entries by glyph visits them alike (a repeated character
    # keeps its first place and its last width, as with ReportLab's assignments).
    order = sorted(range(len(chars)), key=glyph_ids.__getitem__)
    if glyph_ids and max(glyph_ids) >= len(advances):  # ids past the font: no width
        order = [i for i in order if glyph_ids[i] < len(advances)]
    widths = dict(
        zip(
            map(chars.__getitem__, order),
            map(advances.__getitem__, map(glyph_ids.__getitem__, order)),
            strict=True,
        )
    )
    char_to_glyph = dict(zip(chars, glyph_ids, strict=True))

    if index_to_loc == 0:
        positions = tuple([v << 1 for v in struct.unpack_from(f">{glyphs + 1}H", data, loca)])
    else:
        positions = struct.unpack_from(f">{glyphs + 1}L", data, loca)

    if 0x20 in char_to_glyph:
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        widths[0xA0] = widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        widths[0x20] = widths[0xA0]
    return CharInfo(
        char_to_glyph,
        widths,
        HMetrics(pairs, last, lsbs),
        scale(pairs[0]),
        positions,
        (array("L", chars), array("L", glyph_ids)),  # arrays, which the collector never walks
    )


def read_cmap(data: bytes, cmap: int) -> tuple[list[int], list[int]]:
    """(characters, glyph ids) of the subtable ReportLab would pick (the last suitable record
    wins) in the cmap table at offset `cmap`, formats 4 and 12, in ReportLab's reading order,
    repeats included."""
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    found = None
    kind = 0
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            kind, found = 1, offset
        elif platform == 1 and encoding == 0 and kind != 1:
            kind, found = 2, offset
    if found is None:
        raise Unsupported("cmap")
    at = cmap + found
    (fmt,) = struct.unpack_from(">H", data, at)
    chars: list[int] = []
    glyphs: list[int] = []
    if fmt == 4:
        length, _, seg2 = struct.unpack_from(">HHH", data, at + 2)
        segs = int(seg2 / 2.0)
        ends = struct.unpack_from(f">{segs}H", data, at + 14)
        starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
        deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
        range_at = at + 16 + 6 * segs
        ranges = struct.unpack_from(f">{segs}H", data, range_at)
        limit = at + length
        for first, last, delta, rng, n in zip(
            starts, ends, deltas, ranges, range(segs), strict=True
        ):
            if rng == 0:
                if last == first:  # a lone character: most segments of a CJK subset
                    chars.append(first)
                    glyphs.append((first + delta) & 0xFFFF)
                elif last > first:
                    chars += range(first, last + 1)
                    glyphs += [(c + delta) & 0xFFFF for c in range(first, last + 1)]
                continue
            if last < first:
                continue
            chars += range(first, last + 1)
            # glyph ids from the array idRangeOffset points into; ids at or past the
            # subtable's end read as 0 (ReportLab's workaround for broken fonts)
            pos = range_at + 2 * n + rng
            count = last - first + 1
            inside = min(count, max(0, (limit - pos + 1) // 2))
            ids = struct.unpack_from(f">{inside}H", data, pos)
            glyphs += [(g + delta) & 0xFFFF if g else 0 for g in ids]
            glyphs += [0] * (count - inside)
    elif fmt == 12:
        (groups,) = struct.unpack_from(">L", data, at + 12)
        for n in range(groups):
            first, last, glyph0 = struct.unpack_from(">LLL", data, at + 16 + 12 * n)
            chars += range(first, last + 1)
            glyphs += range(glyph0, glyph0 + last - first + 1)
    else:
        raise Unsupported(f"cmap format {fmt}")
    return chars, glyphs
