"""Chinese line breaking: takes text, gives per-character classes and break opportunities.

Rules from clreq (W3C "Requirements for Chinese Text Layout") and GB/T 15834-2011, strict
set, mainland conventions; Latin words, numbers and URLs break only as UAX #14 would let them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

# Character classes (small ints: the composer indexes tables with them).
ID = 0  # ideographic: Han, kana, hangul, full-width forms and symbols (●, 　)
OP = 1  # CJK opening quote/bracket: line-end forbidden, compressible
CL = 2  # CJK closing quote/bracket: line-start forbidden, compressible
PS = 3  # CJK pause/stop 、，。；：？！: line-start forbidden, compressible
MD = 4  # CJK interpunct ·: line-start forbidden, compressible
DS = 5  # CJK dash, ellipsis, wave ——……～: line-start forbidden, never split, never spaced
SL = 6  # ／: line-end forbidden
LA = 7  # Latin letter or digit (¼ em from Han)
LX = 8  # other Latin-side character (@ & + _ …)
LN = 9  # Latin no-break-before: , . : ; ! ? ) ] } % - / ~ (UAX #14 CL/IS/EX/PO/HY/SY)
LO = 10  # Latin no-break-after: ( [ { < $ ¥ (UAX #14 OP/PR)
SP = 11  # breaking space: glue, consumed at a line end
GL = 12  # combining mark, joiner, variation selector: clings to the character before
ZW = 13  # zero-width space: a break opportunity
AM = 14  # “”‘’—…· before context decides CJK or Latin (see resolve_ambiguous)
NCLASS = 15

OPENING = "“‘（《〈「『【〔［｛〖〘〝｟"
CLOSING = "”’）》〉」』】〕］｝〗〙〞｠"
PAUSES = "、，。；：？！．"
MIDDLE_DOTS = "·・‧"
DASHES = "—―…⋯～⸺⸻"
# Shared with Latin text: set full-width only in Chinese context.
AMBIGUOUS = "“”‘’—…·"
# The strict clreq sets (CLREQ.md), for callers and tests.
LINE_START_FORBIDDEN = "、，。；：？！．" + CLOSING + MIDDLE_DOTS + "–—―～…⋯"
LINE_END_FORBIDDEN = OPENING + "／"

_LATIN_NO_BREAK_BEFORE = ",.:;!?)]}%‰°℃′″-~/–\u2019\u201d\u2026\u2014\u00b7"
_LATIN_NO_BREAK_AFTER = "([{<$¥£€#\u201c\u2018"
_SPACES = " \t\n\r\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f"
_GLUE = "\u200d\u2060\ufeff"

CJK_CLASSES = frozenset((ID, OP, CL, PS, MD, DS, SL))
LATIN_CLASSES = frozenset((LA, LX, LN, LO))
START_FORBIDDEN = frozenset((CL, PS, MD, DS, LN, GL, SP, ZW))
END_FORBIDDEN = frozenset((OP, SL, LO))
MARKS = frozenset((OP, CL, PS, MD))  # full-width marks that pair and compress

_CACHE: dict[str, int] = {}


def _classify(ch: str) -> int:
    if ch in AMBIGUOUS:
        return AM
    if ch in OPENING:
        return OP
    if ch in CLOSING:
        return CL
    if ch in PAUSES:
        return PS
    if ch in MIDDLE_DOTS:
        return MD
    if ch in DASHES:
        return DS
    if ch == "／":
        return SL
    if ch in _SPACES:
        return SP
    if ch == "\u200b":
        return ZW
    cat = unicodedata.category(ch)
    if ch in _GLUE or cat in ("Mn", "Me") or 0xFE00 <= ord(ch) <= 0xFE0F:
        return GL
    eaw = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F") or (eaw == "A" and cat == "So"):
        return ID
    if ch in _LATIN_NO_BREAK_BEFORE:
        return LN
    if ch in _LATIN_NO_BREAK_AFTER:
        return LO
    if ch.isalnum():
        return LA
    return LX


def char_class(ch: str) -> int:
    """The class of one character out of context (ambiguous marks give AM)."""
    c = _CACHE.get(ch)
    if c is None:
        c = _CACHE[ch] = _classify(ch)
    return c


CJK_MODE = {"“": OP, "‘": OP, "”": CL, "’": CL, "—": DS, "…": DS, "·": MD}
_LATIN_MODE = {"“": LO, "‘": LO, "”": LN, "’": LN, "—": LN, "…": LN, "·": LN}
_MATCH = {"“": "”", "‘": "’"}


def _sides(cls: list[int]) -> tuple[list[int], list[int]]:
    """For each character, the nearest decided class before and after it: 1 CJK, 0 Latin,
    -1 none (text edge); spaces, glue and ambiguous marks say nothing."""
    n = len(cls)
    before, after = [-1] * n, [-1] * n
    last = -1
    for i, c in enumerate(cls):
        before[i] = last
        if c in CJK_CLASSES:
            last = 1
        elif c in LATIN_CLASSES:
            last = 0
    last = -1
    for i in range(n - 1, -1, -1):
        after[i] = last
        c = cls[i]
        if c in CJK_CLASSES:
            last = 1
        elif c in LATIN_CLASSES:
            last = 0
    return before, after


def resolve_ambiguous(text: str, cls: list[int]) -> list[int]:
    """Indices whose AM class was decided, now set in `cls` to a CJK or a Latin class.

    Quotes, —, … and · share code points with Latin text (so some fonts give them
    proportional advances). A mark is Chinese (full-width, 1 em cell) when a neighbouring
    character is Chinese; a quote pair is decided as one from all four neighbours, so “OK”
    inside Chinese text keeps matching full-width quotes. Otherwise the mark is Latin.
    """
    todo = [i for i, c in enumerate(cls) if c == AM]
    before, after = _sides(cls)
    closers: dict[str, list[int]] = {}
    for i in todo:
        if text[i] in _MATCH.values():
            closers.setdefault(text[i], []).append(i)
    decided: dict[int, bool] = {}
    for i in todo:
        if i in decided:
            continue
        ch = text[i]
        sides = [before[i], after[i]]
        mate = -1
        if ch in _MATCH:
            later = closers.get(_MATCH[ch], [])
            k = bisect_right(later, i)
            if k < len(later):
                mate = later[k]
                sides += [before[mate], after[mate]]
        cjk = 1 in sides or all(s < 0 for s in sides)
        decided[i] = cjk
        if mate > 0:
            decided.setdefault(mate, cjk)
    for i, cjk in decided.items():
        cls[i] = (CJK_MODE if cjk else _LATIN_MODE)[text[i]]
    return todo


def _table() -> list[int]:
    """Break before b after a, for adjacent classes (a, b): 1 allowed, 0 not."""
    t = [1] * (NCLASS * NCLASS)
    for a in range(NCLASS):
        for b in range(NCLASS):
            if b in START_FORBIDDEN or a in END_FORBIDDEN:
                t[a * NCLASS + b] = 0
            elif a in LATIN_CLASSES and b in LATIN_CLASSES:
                t[a * NCLASS + b] = 0  # inside a Latin word or number: see the URL rules
            elif a == GL:
                t[a * NCLASS + b] = 0  # decided from the base character below
    return t


BREAK = _table()
_URL = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[!-~]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII
)
_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")


def break_opportunities(text: str, cls: list[int]) -> list[int]:
    """brk[i] == 1 when a line may start at character i (0 < i <= n; brk[n] is always 1)."""
    n = len(text)
    if n == 0:
        return [0]
    tab = BREAK
    brk = [0] + [tab[a * NCLASS + b] for a, b in zip(cls, cls[1:], strict=False)] + [1]
    if SP in cls or GL in cls:
        for i in range(1, n):
            a = cls[i - 1]
            if a == SP and cls[i] != SP:
                # after a space run, unless the run follows a line-end forbidden mark
                j = i - 1
                while j > 0 and cls[j - 1] == SP:
                    j -= 1
                brk[i] = int(
                    cls[i] not in START_FORBIDDEN and (j == 0 or cls[j - 1] not in END_FORBIDDEN)
                )
            elif a == GL:
                j = i - 1
                while j > 0 and cls[j] == GL:
                    j -= 1
                brk[i] = tab[cls[j] * NCLASS + cls[i]] if cls[j] != GL else 0
    if "://" in text or "www." in text or "@" in text:
        # A URL or e-mail address wider than what is left may break after / . - only
        # (never between the slashes of //), before a letter or digit (after a dot, a
        # letter: 29.7 is a number even inside a path).
        for m in _URL.finditer(text):
            for i in range(m.start() + 1, m.end()):
                prev, cur = text[i - 1], text[i]
                if prev in "/-" and cur.isalnum() or prev == "." and cur.isalpha():
                    brk[i] = 1
    if "-" in text:
        for m in _HYPHEN.finditer(text):
            brk[m.start() + 1] = 1  # e-mail → e-|mail, as Latin hyphenated words break
    return brk


def classes(text: str) -> list[int]:
    """Context-resolved classes of every character of `text`."""
    cls = [char_class(ch) for ch in text]
    if AM in cls:
        resolve_ambiguous(text, cls)
    return cls
