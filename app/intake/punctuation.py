"""ASCII habits in Chinese copy: takes text, gives stray spaces removed and full-width punctuation (suggested, or made by to_fullwidth)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Han: the unified ideographs with their extensions (A, B–H), compatibility ideographs, 〇.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# Full-width punctuation that sits in Chinese text: CJK symbols (、。〈〉《》「」【】〔〕…),
# full-width forms (，；：？！（）～), the general-punctuation marks GB/T 15834 uses in Chinese
# (“ ” ‘ ’ — …) and the interpunct ·; kana for names quoted in Japanese.
_WIDE_PUNCT = "\u3000-\u303f\uff01-\uff60\u2018\u2019\u201c\u201d\u2014\u2026\u00b7\u3040-\u30ff"
_WIDE = re.compile(f"[{_HAN}{_WIDE_PUNCT}]")
_SPACES = " \t\u00a0\u3000"
# A run of spaces with wide characters on both sides: a typing slip, or a line end of a laid-out
# page that copying turned into a space. The composer spaces Chinese itself (clreq).
_STRAY = re.compile(f"(?<=[{_HAN}{_WIDE_PUNCT}])[{_SPACES}]+(?=[{_HAN}{_WIDE_PUNCT}])")


def is_wide(ch: str | None) -> bool:
    """Han or full-width (Chinese) punctuation."""
    return ch is not None and ch != "\u3000" and _WIDE.match(ch) is not None


def remove_stray_spaces(text: str) -> tuple[str, int]:
    """`text` without spaces between two Han characters or Chinese punctuation marks, and how many
    runs were removed. Spaces next to Latin words and digits stay."""
    return _STRAY.subn("", text)


@dataclass(frozen=True)
class Fix:
    """Replace `old` at `offset` by `new`: an ASCII mark in Chinese text and its full-width form."""

    offset: int
    old: str
    new: str


# GB/T 15834-2011: Chinese text takes full-width marks; a colon, comma … touching Han is one.
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "~": "～"}
_ELLIPSIS = re.compile(r"\.{3,}|…+")
_DASH = re.compile(r"-{2,}")


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The nearest non-space characters before `start` and from `end` on."""
    i = start - 1
    while i >= 0 and text[i] in _SPACES:
        i -= 1
    j = end
    while j < len(text) and text[j] in _SPACES:
        j += 1
    return (text[i] if i >= 0 else None), (text[j] if j < len(text) else None)


def _simple(text: str, i: int) -> Fix | None:
    ch = text[i]
    before, after = _neighbours(text, i, i + 1)
    if not (is_wide(before) or is_wide(after)):
        return None
    digits = before is not None and after is not None and before.isdigit() and after.isdigit()
    if ch in ",:" and digits:  # 1,809 and 10:30 stay as they are
        return None
    if ch == ":" and text.startswith("//", i + 1):  # http://
        return None
    return Fix(i, ch, _SIMPLE[ch])


def _period(text: str, i: int) -> Fix | None:
    before, after = _neighbours(text, i, i + 1)
    if not (after is None or is_wide(after) or after in "\"')"):
        return None  # 3.5 and www.sjs.gov.cn stay
    # After Han, or a number ending a Chinese sentence (10:30.); not U.S. nor a Latin sentence.
    if is_wide(before) or (before is not None and before.isdigit() and _WIDE.search(text)):
        return Fix(i, ".", "。")
    return None


def _pairs(text: str, opening: str, closing: str) -> Iterable[tuple[int, int]]:
    """Matched bracket positions, innermost first; unmatched marks are left alone."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == opening:
            stack.append(i)
        elif ch == closing and stack:
            yield stack.pop(), i


def _quote_positions(text: str, mark: str) -> list[int]:
    out = []
    for i, ch in enumerate(text):
        if ch != mark:
            continue
        inside_word = 0 < i < len(text) - 1 and all(
            c.isascii() and c.isalpha() for c in (text[i - 1], text[i + 1])
        )
        if not inside_word:  # an apostrophe (don't) is not a quotation mark
            out.append(i)
    return out


def _chinese_pair(text: str, start: int, end: int) -> bool:
    """A pair of marks belongs to Chinese text if it touches Han inside or outside."""
    outside = _neighbours(text, start, end + 1)
    inside = _neighbours(text, end, start + 1)  # (last char inside, first char inside)
    return any(is_wide(c) for c in (*outside, *inside))


def suggest_fullwidth(text: str) -> list[Fix]:
    """ASCII punctuation touching Chinese text, with the full-width mark that replaces it.

    Numbers (1,809  10:30  3.5), URLs and Latin sentences are left alone; brackets and quotes
    are converted in pairs only, so a suggestion never leaves “a mixed pair".
    """
    fixes: list[Fix] = []
    for i, ch in enumerate(text):
        if ch in _SIMPLE:
            fix = _simple(text, i)
        elif ch == "." and text[i - 1 : i] != "." and text[i + 1 : i + 2] != ".":
            fix = _period(text, i)  # runs of dots are ellipses, below
        else:
            continue
        if fix:
            fixes.append(fix)
    for m in _ELLIPSIS.finditer(text):
        before, after = _neighbours(text, m.start(), m.end())
        if m.group() != "……" and (is_wide(before) or is_wide(after)):
            fixes.append(Fix(m.start(), m.group(), "……"))  # GB/T 15834 4.11: two …, 2 em
    for m in _DASH.finditer(text):
        before, after = _neighbours(text, m.start(), m.end())
        if is_wide(before) and is_wide(after):
            fixes.append(Fix(m.start(), m.group(), "——"))  # GB/T 15834 4.9: the 2-em dash
    for start, end in _pairs(text, "(", ")"):
        if _chinese_pair(text, start, end):
            fixes += [Fix(start, "(", "（"), Fix(end, ")", "）")]
    for mark, (left, right) in (('"', ("“", "”")), ("'", ("‘", "’"))):
        marks = _quote_positions(text, mark)
        if len(marks) % 2:
            continue  # an odd count cannot be paired with confidence
        for start, end in zip(marks[::2], marks[1::2], strict=True):
            if _chinese_pair(text, start, end):
                fixes += [Fix(start, mark, left), Fix(end, mark, right)]
    return sorted(fixes, key=lambda f: f.offset)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """`text` with the fixes made (they must not overlap)."""
    out = text
    for fix in sorted(fixes, key=lambda f: f.offset, reverse=True):
        if out[fix.offset : fix.offset + len(fix.old)] != fix.old:
            raise ValueError(f"fix {fix} does not match the text")
        out = out[: fix.offset] + fix.new + out[fix.offset + len(fix.old) :]
    return out


def to_fullwidth(text: str) -> tuple[str, list[Fix]]:
    """GB/T 15834 house style in one step: `text` with every suggest_fullwidth fix made, and the
    fixes (for a report). The one normalisation import (--fullwidth), the sample's assets
    (tools/fullwidth_sample.py) and preflight's check share."""
    fixes = suggest_fullwidth(text)
    return (apply_fixes(text, fixes) if fixes else text), fixes
