"""ReportLab TrueType faces, parsed faster: takes a font file, gives a TTFont whose face holds exactly what ReportLab's own parser would.

ReportLab reads a face's cmap, hmtx and loca one number per method call (142,000 calls for
the fonts of one issue, a tenth of a second per CJK face). Here those three tables are
unpacked whole with struct and the same attributes are built from them, with ReportLab's own
quirks kept (advances past numberOfHMetrics are stored scaled in `hmetrics`, the cmap
subtable chosen is the last suitable one, glyph 0 entries are kept), so subsets, widths and
the PDF bytes do not change. Everything else (names, head, OS/2, post, hhea, maxp) is
still read by ReportLab's code, and cmap formats other than 4 and 12 go through it entirely.

Three containers ReportLab builds but only ever indexes are lighter here: `hmetrics` is a
sequence made on indexing, `glyphPos` a tuple, `glyphToChar` (read only by its shaping code)
built on first use. The file is mapped rather than read (POSIX), and the glyf table is cut
from without being copied whole for every subset.
"""

from __future__ import annotations

import mmap
import os
import struct
from array import array
from collections.abc import Sequence
from fnmatch import fnmatch
from typing import BinaryIO, overload
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace


class _Unsupported(Exception):
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


class _Window:
    """A table's bytes that slice without copying the whole table first: ReportLab copies the
    glyf table (megabytes) for every subset only to cut a few hundred glyphs out of it."""

    def __init__(self, data: bytes, start: int, length: int) -> None:
        self._view = memoryview(data)[start : start + length]

    def __len__(self) -> int:
        return len(self._view)

    def __getitem__(self, key: int | slice) -> int | bytes:
        return self._view[key].tobytes() if isinstance(key, slice) else self._view[key]


class FastTTFontFace(TTFontFace):
    """A TTFontFace whose per-glyph tables are unpacked with struct (see the module docstring)."""

    def readFile(self, f: str | BinaryIO) -> None:  # ReportLab's method names, here and below
        """Map the file instead of reading it: a CJK face is megabytes of outlines, of which a
        document embeds a few hundred glyphs; the pages are read when touched. Not on Windows,
        where a mapped file cannot be deleted or replaced (the font cache prunes and grows)."""
        if hasattr(self, "_ttf_data") or not isinstance(f, str) or os.name == "nt":
            return super().readFile(f)
        try:
            with open(f, "rb") as fh:
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # not a plain file, or empty: ReportLab reports it
            return super().readFile(f)
        self.filename, self._ttf_data, self._pos = f, data, 0

    def get_table(self, tag: str) -> bytes | _Window:
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return _Window(self._ttf_data, start, length)

    def extractInfo(self, charInfo: int = 1) -> None:
        super().extractInfo(charInfo=0)  # every header table, by ReportLab itself
        if not charInfo:
            return
        try:
            self._extract_char_info()
        except (_Unsupported, struct.error, IndexError):
            super().extractInfo(charInfo)  # it handles (or reports) what this path does not

    def _offset(self, tag: str) -> int:
        if tag not in self.table:
            raise _Unsupported(tag)
        return self.table[tag]["offset"]

    def _extract_char_info(self) -> None:
        data = self._ttf_data
        head = self._offset("head")
        index_to_loc, glyph_format = struct.unpack_from(">HH", data, head + 50)
        if glyph_format != 0 or index_to_loc not in (0, 1):
            raise _Unsupported("head")  # ReportLab raises its own error for these
        (h_metrics,) = struct.unpack_from(">H", data, self._offset("hhea") + 34)
        glyphs = self.numGlyphs

        chars, glyph_ids = self._read_cmap(data)
        loca = self._offset("loca")  # before any attribute is set: a fallback starts clean

        # hmtx: (advance, lsb) pairs, then lsb only; ReportLab stores the pairs as read and the
        # lsb-only glyphs with the last advance *scaled*, and widths scaled.
        scale = self._pdfScale
        hmtx = self._offset("hmtx")
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

        self.charToGlyph = char_to_glyph
        # glyphToChar is built from these on demand; arrays, which the collector never walks
        self._cmap_entries = (array("L", chars), array("L", glyph_ids))
        self.charWidths = widths
        self.hmetrics = HMetrics(pairs, last, lsbs)
        self.defaultWidth = scale(pairs[0])
        self.glyphPos = positions  # a tuple, not ReportLab's list: it is only indexed, and
        # the collector stops walking a tuple of numbers after one pass (a list, never)
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            widths[0xA0] = widths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            widths[0x20] = widths[0xA0]

    @property
    def glyphToChar(self) -> dict[int, list[int]]:
        """Glyph → characters, as ReportLab builds it. Only its shaping code reads it, so it is
        made on first use: it is one list per glyph, tens of thousands of objects for the
        garbage collector to walk in every process otherwise."""
        g2c = self.__dict__.get("_glyph_to_char")
        if g2c is None:
            g2c = {}
            for char, glyph in zip(*self._cmap_entries, strict=True):
                g2c.setdefault(glyph, []).append(char)
            self.__dict__["_glyph_to_char"] = g2c
        return g2c

    @glyphToChar.setter
    def glyphToChar(self, value: dict[int, list[int]]) -> None:
        self.__dict__["_glyph_to_char"] = value  # ReportLab's own parser, on the fallback path

    def _read_cmap(self, data: bytes) -> tuple[list[int], list[int]]:
        """(characters, glyph ids) of the subtable ReportLab would pick (the last suitable
        record wins), formats 4 and 12, in ReportLab's reading order, repeats included."""
        cmap = self._offset("cmap")
        version, count = struct.unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        found = None
        kind = 0
        for n in range(count):
            platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
            if (
                platform == 3
                or (platform == 1 and encoding == 1)
                or (platform == 0 and encoding != 5)
            ):
                kind, found = 1, offset
            elif platform == 1 and encoding == 0 and kind != 1:
                kind, found = 2, offset
        if found is None:
            raise _Unsupported("cmap")
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
            raise _Unsupported(f"cmap format {fmt}")
        return chars, glyphs


class FastTTFont(TTFont):
    """ReportLab's TTFont over a FastTTFontFace; otherwise set up as TTFont.__init__ does."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None:
        self.fontName = name
        self.face = FastTTFontFace(filename, validate=0, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
