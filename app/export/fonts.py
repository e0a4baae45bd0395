"""Fonts for the PDF renderer: takes display-list FontSources, gives loaded ReportLab TTFonts (cached)."""

from __future__ import annotations

import base64
import hashlib
import io
import os

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.export.reportlab_compat import FastTTFont, char_to_glyph, char_widths, round_widths
from layouts.display import FontSource

# Parsing a CJK TrueType file (tens of thousands of glyphs) takes ReportLab a noticeable
# time, so loaded faces are kept for the process. The key includes the file's mtime so an
# edited or replaced font file is loaded afresh. A TTFont keeps its subset state per document,
# so sharing one object between exports is safe.
_LOADED: dict[tuple[str, int, int], TTFont] = {}

BLANK_FONT_NAME = "BanmianBlank"


def load_font(source: FontSource) -> TTFont:
    """The ReportLab TrueType font for `source`, loaded once per (path, face index, mtime)."""
    path = os.path.abspath(source.path)
    # stat first: ReportLab falls back to fetching an unreadable "file" as a URL.
    mtime = os.stat(path).st_mtime_ns
    key = (path, source.index, mtime)
    font = _LOADED.get(key)
    if font is None:
        digest = hashlib.sha1(f"{path}\0{source.index}\0{mtime}".encode()).hexdigest()[:12]
        # Not put in pdfmetrics' registry on purpose: registerFont maps a second file whose
        # PostScript name is already known onto the first file's font object, which would
        # silently draw a converted subset with the wrong outlines. The renderer holds the
        # object itself; the name only has to be unique within a document.
        font = FastTTFont(f"bm-{digest}", path, subfontIndex=source.index)
        round_widths(font)  # whole 1/1000 em in /Widths: every reader advances the pen alike
        _LOADED[key] = font
    return font


def has_glyph(font: TTFont, ch: str) -> bool:
    """True if the face maps `ch` to a glyph (ReportLab would draw .notdef otherwise)."""
    return ord(ch) in char_to_glyph(font)


def pdf_width(font: TTFont, ch: str) -> float:
    """The advance of `ch` in 1/1000 em exactly as ReportLab writes it into the /Widths array.

    Readers advance the pen by /Widths, not by the font program's hmtx, so positioning must
    use the same number.
    """
    code = 32 if ord(ch) == 0xA0 else ord(ch)  # ReportLab encodes NBSP as the space glyph
    widths, default = char_widths(font)
    return float(widths.get(code, default))


def blank_font_name() -> str:
    """Register (once) and name a tiny TrueType font for the canvas's initial font.

    ReportLab's canvas otherwise starts every page with Helvetica, a font that is referenced
    but never embedded. A TrueType initial font emits nothing until text is drawn with it, and
    the renderer never draws with this one, so it never reaches the PDF.
    """
    # Not getFont(): for a name it does not know yet it first searches and parses every
    # Type 1 AFM file on the system (a third of a second), only to raise KeyError.
    if BLANK_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BLANK_FONT_NAME, io.BytesIO(_blank_font_bytes())))
    return BLANK_FONT_NAME


def _blank_font_bytes() -> bytes:
    """A valid TrueType font with only .notdef (a 400×700 box) and an empty space glyph, 1000
    units per em: what fontTools' FontBuilder makes for it, kept as bytes so that exporting
    does not import FontBuilder (tests/app/test_ttface.py checks the font)."""
    return base64.b64decode(_BLANK_FONT)


_BLANK_FONT = (
    "AAEAAAAKAIAAAwAgT1MvMkUAQzMAAAEoAAAAYGNtYXAADABzAAABkAAAADRnbHlm99EkBgAAAcwAAAAaaGVhZC9n"
    "cGoAAACsAAAANmhoZWEFFgFhAAAA5AAAACRobXR4Au4AMgAAAYgAAAAIbG9jYQANAA0AAAHEAAAABm1heHAABAAG"
    "AAABCAAAACBuYW1lnRzXQAAAAegAAABvcG9zdAAHAAAAAAJYAAAAJgABAAAAAQAAgp06wF8PPPUAAwPoAAAAAOcu"
    "lmcAAAAA5y6WZwAyAAABwgK8AAAAAwACAAAAAAAAAAEAAAMg/zgAAAH0ADIAMgHCAAEAAAAAAAAAAAAAAAAAAAAC"
    "AAEAAAACAAQAAQAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAwF3AZAABQAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAPz8/PwAAACAAIAMg/zgAAAMgAMgAAAAAAAAAAAAAAAAAAAAgAAAB9AAy"
    "APoAAAAAAAIAAAADAAAAFAADAAEAAAAUAAQAIAAAAAQABAABAAAAIP//AAAAIP///+EAAQAAAAAAAAANAA0AAAAB"
    "ADIAAAHCArwAAwAAMxEhETIBkAK8/UQAAAAAAAAEADYAAQAAAAAAAQAMAAAAAQAAAAAAAgAHAAwAAwABBAkAAQAY"
    "ABMAAwABBAkAAgAOACtCYW5taWFuQmxhbmtSZWd1bGFyAEIAYQBuAG0AaQBhAG4AQgBsAGEAbgBrAFIAZQBnAHUA"
    "bABhAHIAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAMAAA=="
)
