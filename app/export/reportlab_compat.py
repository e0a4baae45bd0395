"""ReportLab behind one door: takes canvases, TrueType fonts and font files, gives the ReportLab internals the PDF renderer relies on.

Every use of an undocumented part of ReportLab is here and nowhere else: the document behind
a canvas (`canvas._doc`), a font's per-document glyph numbering (`font._assignState(doc)`,
`splitString`, `getSubsetInternalName`), a face's tables (`charToGlyph`, `charWidths`,
`defaultWidth`, the OS/2 embedding bits it reads but does not keep), the faster TrueType parser (a TTFontFace subclass over app/export/ttface.py),
and the global `rl_config` switches held during an export. tests/app/test_reportlab_compat.py
pins each one, so a ReportLab that changes them fails there, loudly, instead of writing a
subtly different PDF. The versions that suite passed on are TESTED; pyproject.toml allows
that range and no further.
"""

from __future__ import annotations

import mmap
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from typing import BinaryIO
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from app.export.ttface import TableWindow, Unsupported, read_char_info

# The ReportLab releases the pins and the export tests passed on, the sample issue exported
# on each and compared: the same page streams on all, the same bytes from 4.4.10 on (4.4.0
# names itself differently in /Producer). 4.3 and older lack rl_config.unShapedFontGlob,
# which TTFont.__init__ (and FastTTFont) reads. pyproject.toml's range is these and no more.
TESTED = ("4.4.0", "4.4.10", "4.5.1", "5.0.1", "5.1.0")


# -- export settings ------------------------------------------------------------------------


@contextmanager
def export_settings() -> Iterator[None]:
    """ReportLab's global settings for one export, put back afterwards: invariant mode (fixed
    dates and ids, no comments) and binary streams (ASCII85 makes fonts and images a quarter
    larger and is encoded in pure Python; a print file has no use for 7-bit transport)."""
    saved = rl_config.invariant, rl_config.useA85
    rl_config.invariant, rl_config.useA85 = 1, 0
    try:
        yield
    finally:
        rl_config.invariant, rl_config.useA85 = saved


def document(canvas: Canvas) -> PDFDocument:
    """The PDF document a canvas writes into: fonts number their glyphs per document."""
    return canvas._doc


# -- glyph codes ----------------------------------------------------------------------------


def glyph_codes(font: TTFont, doc: PDFDocument) -> dict[int, int]:
    """Character → glyph code (subset << 8 | byte) that `font` has given out in `doc` so far.

    The live mapping: codes given out later (new_glyph_code) appear in it."""
    return font._assignState(doc).assignments


def new_glyph_code(font: TTFont, doc: PDFDocument, ch: str) -> int:
    """Have ReportLab number a character `font` has not yet used in `doc`, as it numbers the
    characters of a string it draws (256 to a subset, in order of first use)."""
    ((subset, byte),) = font.splitString(ch, doc)
    return subset << 8 | byte[0]


def subset_font_name(font: TTFont, doc: PDFDocument, subset: int) -> str:
    """The resource name (e.g. /F1+0) a page's content uses for one subset of `font`."""
    return font.getSubsetInternalName(subset, doc)


# -- face tables ----------------------------------------------------------------------------


def char_to_glyph(font: TTFont) -> dict[int, int]:
    """The face's cmap: character → glyph id (no entry: the face lacks it)."""
    return font.face.charToGlyph


def char_widths(font: TTFont) -> tuple[dict[int, float], float]:
    """(character → advance in 1/1000 em as written into /Widths, the width of any other)."""
    face = font.face
    return face.charWidths, face.defaultWidth


def embedding_bits(font: TTFont) -> int:
    """The face's OS/2 fsType: its licence's embedding permissions (0: installable, or no OS/2).

    ReportLab reads fsType only to decide on subsetting and then ignores a restricted licence
    (its test is inverted: any file not listed in rl_config.allowTTFSubsetting passes), so a
    face that forbids embedding is embedded without a word. The bits are read here from the
    face's own table directory, and preflight judges them (app/preflight/checks.py)."""
    face = font.face
    entry = face.table.get("OS/2")
    if entry is None or entry["length"] < 10:
        return 0
    return struct.unpack_from(">H", face._ttf_data, entry["offset"] + 8)[0]


def round_widths(font: TTFont) -> None:
    """Make the advances ReportLab will write into /Widths whole numbers of 1/1000 em.

    ReportLab writes em-scaled hmtx advances with decimals (wqy-zenhei has 1024 units/em: a
    digit is 599.6094), and readers disagree on them: pdfium truncates each width to an
    integer, readers that follow the spec keep the fraction, so a glyph after a digit landed
    0.6/1000 em apart from one reader to the next. With integer widths every reader advances
    the pen alike, and the TJ adjustments (computed from these same widths) put each glyph at
    its listed x. A width stays within 0.5/1000 em of the font program's, inside the 1-unit
    tolerance PDF validators allow.
    """
    face = font.face
    rounded = {w: float(round(w)) for w in set(face.charWidths.values())}  # few distinct
    face.charWidths = dict(
        zip(face.charWidths, map(rounded.__getitem__, face.charWidths.values()), strict=True)
    )
    if face.defaultWidth is not None:
        face.defaultWidth = float(round(face.defaultWidth))


# -- the faster TrueType parser ---------------------------------------------------------------


class FastTTFontFace(TTFontFace):
    """A TTFontFace whose cmap, hmtx and loca are unpacked whole (app/export/ttface.py);
    everything else (names, head, OS/2, post, hhea, maxp) is still read by ReportLab's code,
    and what the fast path does not handle goes through ReportLab's parser entirely.

    The file is mapped rather than read (POSIX), and `glyphToChar`, read only by ReportLab's
    shaping code, is built on first use."""

    # ReportLab's method and argument names, here and below
    def readFile(self, f: str | BinaryIO) -> None:
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

    def get_table(self, tag: str) -> bytes | TableWindow:
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return TableWindow(self._ttf_data, start, length)

    def extractInfo(self, charInfo: int = 1) -> None:
        super().extractInfo(charInfo=0)  # every header table, by ReportLab itself
        if not charInfo:
            return
        offsets = {tag: entry["offset"] for tag, entry in self.table.items()}
        try:
            info = read_char_info(self._ttf_data, offsets, self.numGlyphs, self._pdfScale)
        except (Unsupported, struct.error, IndexError):
            super().extractInfo(charInfo)  # it handles (or reports) what the fast path does not
            return
        self.charToGlyph = info.char_to_glyph
        self._cmap_entries = info.cmap_entries  # for glyphToChar, on demand
        self.charWidths = info.widths
        self.hmetrics = info.hmetrics
        self.defaultWidth = info.default_width
        self.glyphPos = info.glyph_pos

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


class FastTTFont(TTFont):
    """ReportLab's TTFont over a FastTTFontFace; otherwise set up as TTFont.__init__ does."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None:
        self.fontName = name
        self.face = FastTTFontFace(filename, validate=0, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
