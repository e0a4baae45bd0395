"""Font metrics: takes a font face (and a cache folder), gives advances and ink bounds in em per character.

With a cache folder, a face's character map, advances, the ink bounds of its punctuation and
its vertical metrics are read from a small binary file there (milliseconds) instead of
parsing the font with fontTools (a tenth of a second for a CJK face). The file is keyed by
the font file's path, size and modification time and rebuilt when any of them changes or
when it does not read back intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import struct
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from layouts.atomicfile import write_atomic

if TYPE_CHECKING:  # fontTools is imported only when a font really has to be parsed
    from fontTools.ttLib import TTFont

# Bump when what is stored, or how it is computed, changes: it is part of every cache key.
METRICS_VERSION = 1
METRICS_SUFFIX = ".metrics"
_MAGIC = b"BMMETRIC"
_HEAD = struct.Struct("<8sII")  # magic, header length, CRC-32 of everything after this
Ink = tuple[float, float, float, float]


def _inked_ahead(cp: int) -> bool:
    """Characters whose ink bounds are stored when the cache is built: punctuation and math
    symbols (～), the marks the composer places by their ink (clreq §3.1.6). Others are
    measured on first use and added to the file."""
    cat = unicodedata.category(chr(cp))
    return cat[0] == "P" or cat == "Sm"


@dataclass(slots=True)
class _Metrics:
    """What a Face needs from its font file; one per file version."""

    units_per_em: int
    family: str  # "" when the name table has none (the Face then uses its key)
    ascent: float
    descent: float
    is_cff: bool
    advances: dict[int, int]  # code point → advance in font units
    ink: dict[int, Ink | None]  # code point → bounds in em; None for a blank glyph


def _read_family(font: TTFont) -> str:
    for nid in (1, 4):
        for rec in font["name"].names:
            if rec.nameID == nid and rec.platformID == 3:
                try:
                    return rec.toUnicode()
                except UnicodeDecodeError:
                    continue
    return ""


def _measure_ink(font: TTFont, glyph: str, upm: int) -> Ink | None:
    from fontTools.pens.boundsPen import BoundsPen

    glyph_set = font.getGlyphSet()
    pen = BoundsPen(glyph_set)
    glyph_set[glyph].draw(pen)
    if pen.bounds is None:
        return None
    return tuple(v / upm for v in pen.bounds)  # type: ignore[return-value]


def _from_font(font: TTFont, cmap: dict[int, str], ink_ahead: bool) -> _Metrics:
    upm = int(font["head"].unitsPerEm)
    hmtx = font["hmtx"].metrics
    os2 = font["OS/2"]
    ink: dict[int, Ink | None] = {}
    if ink_ahead:
        for cp in sorted(cmap):
            if _inked_ahead(cp):
                ink[cp] = _measure_ink(font, cmap[cp], upm)
    return _Metrics(
        units_per_em=upm,
        family=_read_family(font),
        ascent=os2.sTypoAscender / upm,
        descent=-os2.sTypoDescender / upm,
        is_cff="CFF " in font or "CFF2" in font,
        advances={cp: hmtx[g][0] for cp, g in cmap.items()},
        ink=ink,
    )


def _stamp(path: str, index: int) -> list:
    """What a cache file must match: the font file's version, and the code that measured it
    (fontTools' version too: bounds come from its pens). Importing the bare fontTools package
    is cheap; its parsers are imported only when a font is parsed."""
    import fontTools

    st = os.stat(path)
    version = [METRICS_VERSION, fontTools.version]
    return [os.path.abspath(path), st.st_size, st.st_mtime_ns, index, *version]


def metrics_cache_path(path: str, index: int, cache_dir: str) -> str:
    """The cache file of face `index` of font `path`: named after the font file, its path
    and its version (size, mtime), so a changed font gets a new file."""
    return _cache_file(path, index, cache_dir, _stamp(path, index))


def _cache_file(path: str, index: int, cache_dir: str, stamp: list) -> str:
    where = hashlib.sha256(stamp[0].encode("utf-8", "surrogatepass")).hexdigest()[:8]
    version = hashlib.sha256(json.dumps(stamp).encode()).hexdigest()[:12]
    return os.path.join(cache_dir, f"{_prefix(path, index)}-{where}-{version}{METRICS_SUFFIX}")


def _prefix(path: str, index: int) -> str:
    return f"{re.sub(r'[^A-Za-z0-9]+', '_', Path(path).name)[:60]}-{index}"


def _encode(m: _Metrics, stamp: list) -> bytes:
    cps = array("I", sorted(m.advances))
    advs = array("I", (m.advances[c] for c in cps))
    if sys.byteorder != "little":
        cps.byteswap()
        advs.byteswap()
    head = {
        "stamp": stamp,
        "units_per_em": m.units_per_em,
        "family": m.family,
        "ascent": m.ascent,
        "descent": m.descent,
        "is_cff": m.is_cff,
        "count": len(cps),
        "ink": [[cp, *(box or ())] for cp, box in sorted(m.ink.items())],
    }
    header = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    body = header + cps.tobytes() + advs.tobytes()
    return _HEAD.pack(_MAGIC, len(header), zlib.crc32(body)) + body


def _decode(data: bytes, stamp: list) -> _Metrics | None:
    """The metrics in `data`, or None if it is not an intact cache file of this font version."""
    if len(data) < _HEAD.size:
        return None
    magic, size, crc = _HEAD.unpack_from(data)
    body = memoryview(data)[_HEAD.size :]
    if magic != _MAGIC or size > len(body) or zlib.crc32(body) != crc:
        return None
    head = json.loads(bytes(body[:size]))
    n = head["count"]
    if head["stamp"] != stamp or len(body) != size + 8 * n:
        return None
    cps, advs = array("I"), array("I")
    if cps.itemsize != 4:
        return None
    cps.frombytes(body[size : size + 4 * n])
    advs.frombytes(body[size + 4 * n :])
    if sys.byteorder != "little":
        cps.byteswap()
        advs.byteswap()
    return _Metrics(
        units_per_em=int(head["units_per_em"]),
        family=str(head["family"]),
        ascent=float(head["ascent"]),
        descent=float(head["descent"]),
        is_cff=bool(head["is_cff"]),
        advances=dict(zip(cps, advs, strict=True)),
        ink={int(e[0]): (tuple(e[1:5]) if len(e) == 5 else None) for e in head["ink"]},
    )


# Metrics read in this process, by cache file: faces of one file (a role borrowing another's
# face, registries made again) share them. Keyed by the file's version like the file name.
_READ: dict[str, tuple[list, _Metrics]] = {}


@dataclass(eq=False)
class Face:
    """One font face loaded for measuring. Advances and bounds are in em (1.0 = font size).

    `cache_dir`: a folder for the metrics cache file (see the module docstring); None parses
    the font on first use, every time."""

    key: str
    path: str
    index: int = 0
    cache_dir: str | None = None
    _font: TTFont | None = field(default=None, repr=False)
    _adv: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def font(self) -> TTFont:
        if self._font is None:
            from fontTools.ttLib import TTFont

            self._font = TTFont(self.path, fontNumber=self.index, lazy=True)
        return self._font

    @cached_property
    def _metrics(self) -> _Metrics:
        if self.cache_dir is None:
            return _from_font(self.font, self.cmap, ink_ahead=False)
        stamp = _stamp(self.path, self.index)
        where = _cache_file(self.path, self.index, self.cache_dir, stamp)
        shared = _READ.get(where)
        if shared is not None and shared[0] == stamp:
            return shared[1]  # another Face of this file (a borrowed role) read it already
        found = None
        with (
            contextlib.suppress(OSError, ValueError, KeyError, TypeError, IndexError),
            open(where, "rb") as fh,
        ):
            found = _decode(fh.read(), stamp)
        if found is None:
            found = _from_font(self.font, self.cmap, ink_ahead=True)
            self._store(found, stamp, where)
        if len(_READ) >= 64:
            _READ.clear()
        _READ[where] = (stamp, found)
        return found

    def _store(self, m: _Metrics, stamp: list, where: str) -> None:
        """Write the cache file and drop the files of earlier versions of the same font.
        A cache that cannot be written only costs time."""
        with contextlib.suppress(OSError):
            write_atomic(where, _encode(m, stamp), prefix=".metrics-")
            keep = os.path.basename(where)
            sibling = keep.rsplit("-", 1)[0] + "-*" + METRICS_SUFFIX
            for old in Path(os.path.dirname(where)).glob(sibling):
                if old.name != keep:
                    with contextlib.suppress(OSError):
                        old.unlink()

    @cached_property
    def units_per_em(self) -> int:
        return self._metrics.units_per_em

    @cached_property
    def cmap(self) -> dict[int, str]:
        """Code point → glyph name, from the font itself (parses it)."""
        return self.font.getBestCmap() or {}

    @cached_property
    def family(self) -> str:
        return self._metrics.family or self.key

    @cached_property
    def ascent(self) -> float:
        return self._metrics.ascent

    @cached_property
    def descent(self) -> float:
        return self._metrics.descent

    @cached_property
    def is_cff(self) -> bool:
        return self._metrics.is_cff

    def has(self, ch: str) -> bool:
        return ord(ch) in self._metrics.advances

    def advance(self, ch: str) -> float:
        """Advance width of `ch` in em; a character the face lacks measures 1 em."""
        adv = self._adv.get(ch)
        if adv is None:
            m = self._metrics
            units = m.advances.get(ord(ch))
            adv = 1.0 if units is None else units / m.units_per_em
            self._adv[ch] = adv
        return adv

    def ink(self, ch: str) -> Ink | None:
        """Ink bounds (xmin, ymin, xmax, ymax) in em, y up; None for blank or missing glyphs."""
        m = self._metrics
        cp = ord(ch)
        if cp in m.ink:
            return m.ink[cp]
        if cp not in m.advances:
            return None  # a character the face lacks has no ink: no need to open the font
        box = _measure_ink(self.font, self.cmap[cp], m.units_per_em)
        m.ink[cp] = box
        if self.cache_dir is not None:
            # rare (the common marks are measured ahead): keep it for the next process
            stamp = _stamp(self.path, self.index)
            self._store(m, stamp, _cache_file(self.path, self.index, self.cache_dir, stamp))
        return box


class FaceSet:
    """The faces a composition may use, by key (e.g. 'song', 'hei', 'kai')."""

    def __init__(self, faces: dict[str, Face]) -> None:
        self._faces = dict(faces)

    def __getitem__(self, key: str) -> Face:
        return self._faces[key]

    def __contains__(self, key: object) -> bool:
        return key in self._faces

    def __iter__(self) -> Iterator[str]:  # the keys, like a dict
        return iter(self._faces)

    def keys(self) -> list[str]:
        return list(self._faces)

    def values(self) -> list[Face]:
        return list(self._faces.values())
