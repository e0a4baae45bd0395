"""Output file names: takes the paper, date and page number, gives predictable names (石景山报-20190425-01.pdf)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# ASCII names do not transliterate the paper's name: pinyin needs a dictionary and still
# guesses at polyphones (长, 重, 行 …). A fixed prefix with the cumulative issue number is
# just as unique (总期号 never repeats for a paper) and never wrong.
ASCII_PREFIX = "banmian"

# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def safe_name(text: str) -> str:
    """`text` usable as part of a file name on every desktop system (NFC, no separators)."""
    cleaned = _UNSAFE.sub("", unicodedata.normalize("NFC", text))
    cleaned = "".join(cleaned.split()).strip(".")  # no spaces; Windows drops trailing dots
    return cleaned or ASCII_PREFIX


def _digits(page_count: int) -> int:
    return max(2, len(str(page_count)))


def page_file_name(
    paper: str,
    when: date,
    page: int,
    *,
    page_count: int = 0,
    cumulative: int = 0,
    ascii_names: bool = False,
    max_bytes: int = 255,
) -> str:
    """石景山报-20190425-01.pdf, or with `ascii_names` banmian-1809-20190425-01.pdf.

    Page numbers are zero-padded (two digits, more for issues of 100+ pages) so the files sort
    in page order. A paper's name too long for a file name (`max_bytes` of UTF-8, 255 on
    common file systems: 85 hanzi) is cut, never the date and page that tell the files apart.
    """
    if page < 1:
        raise ValueError(f"page numbers start at 1, not {page}")
    number = f"{page:0{_digits(max(page_count, page))}d}"
    if ascii_names:
        if cumulative < 1:
            raise ValueError("ASCII names need the cumulative issue number")
        return f"{ASCII_PREFIX}-{cumulative}-{when:%Y%m%d}-{number}.pdf"
    tail = f"-{when:%Y%m%d}-{number}.pdf"
    room = max_bytes - len(tail.encode("utf-8"))
    name = safe_name(paper).encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return f"{name.rstrip('.') or ASCII_PREFIX}{tail}"
