"""Character sets for font conversion: takes nothing (or a set), gives GB 2312, the newspaper's default set and a stable hash naming a set."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from functools import cache


@cache
def gb2312_chars() -> frozenset[str]:
    """Every character of GB 2312: rows 1–9 symbols (682) and levels 1–2 hanzi (6,763)."""
    out: set[str] = set()
    row = bytearray(2 * 94)
    row[1::2] = range(0xA1, 0xFF)
    for hi in range(0xA1, 0xF8):
        row[0::2] = bytes((hi,)) * 94
        try:  # a whole row at once (most rows are full) ...
            out.update(row.decode("gb2312"))
        except UnicodeDecodeError:  # ... else code by code, skipping the unassigned ones
            for i in range(0, len(row), 2):
                with contextlib.suppress(UnicodeDecodeError):
                    out.add(row[i : i + 2].decode("gb2312"))
    return frozenset(out)


def _ranges(*spans: tuple[int, int]) -> set[str]:
    return {chr(c) for a, b in spans for c in range(a, b + 1)}


@cache
def default_charset() -> frozenset[str]:
    """GB 2312 plus the Latin, punctuation and symbol blocks a newspaper page uses."""
    extra = _ranges(
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1: ° × ÷ · ±
        (0x2010, 0x205E),  # general punctuation: — (U+2014, GB/T 15834 破折号) … ‰ ※
        (0x2100, 0x218F),  # letterlike, Roman numerals
        (0x2190, 0x21FF),  # arrows
        (0x2460, 0x24FF),  # ①–⑳, ⑴, ⒈
        (0x2500, 0x25FF),  # box drawing, geometric shapes ■□▲●○
        (0x2600, 0x26FF),  # ★☆ and friends
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3200, 0x32FF),  # ㈠, ㊣ enclosed CJK
        (0xFE10, 0xFE1F),  # vertical forms
        (0xFE30, 0xFE4F),  # CJK compatibility forms
        (0xFF01, 0xFF5E),  # full-width forms
        (0xFFE0, 0xFFE6),  # ￥ ￡ full-width signs
    )
    return frozenset(gb2312_chars() | extra)


_CHARSET_HASHES: dict[frozenset[str], str] = {}  # a registry asks for its charset's often


def charset_hash(chars: Iterable[str]) -> str:
    known = _CHARSET_HASHES.get(chars) if isinstance(chars, frozenset) else None
    if known is not None:
        return known
    joined = "".join(sorted(set(chars)))
    digest = hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if isinstance(chars, frozenset):
        if len(_CHARSET_HASHES) >= 8:
            _CHARSET_HASHES.clear()
        _CHARSET_HASHES[chars] = digest
    return digest
