"""Character hygiene: takes raw text, gives it without control/invisible/bidi characters and a tally."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Line ends of every platform and of Unicode become "\n"; \v and \f are Word's and a
# printer's line/page breaks in exported text.
_NEWLINES = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")

# Removed, and reported. Invisible characters pasted from web pages and Word: zero-width space,
# byte order mark inside text, soft hyphen, word joiner, Mongolian vowel separator, the
# interlinear annotation marks.
_INVISIBLE = frozenset("\u200b\ufeff\u00ad\u2060\u180e\ufff9\ufffa\ufffb")
# Explicit direction controls (embeddings, overrides, isolates, marks): they can make text
# display in an order other than the stored one ("Trojan Source", CVE-2021-42574). Chinese
# copy never needs them; right-to-left letters themselves are kept.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")

REMOVED_KINDS = ("control", "invisible", "bidi", "noncharacter", "surrogate")
KEPT_KINDS = ("unassigned", "private", "rtl", "replacement")

_LABELS = {
    "control": ("控制字符", "control characters"),
    "invisible": ("不可见字符", "invisible characters"),
    "bidi": ("文字方向控制符", "text-direction controls"),
    "noncharacter": ("非字符码位", "noncharacters"),
    "surrogate": ("孤立代理码位", "lone surrogates"),
    "unassigned": ("未分配码位（已保留）", "unassigned code points (kept)"),
    "private": (
        "私用区字符（已保留，需造字字体）",
        "private-use characters (kept, need a custom font)",
    ),
    "rtl": (
        "从右向左文字（已保留，按从左向右排）",
        "right-to-left letters (kept, set left to right)",
    ),
    "replacement": ("替换符�（原文编码已损坏）", "replacement characters � (damaged encoding)"),
}
_EXAMPLES = 3


def classify(ch: str) -> str:
    """The kind of a character this module acts on, or "" for an ordinary one."""
    cp = ord(ch)
    if ch in "\n\t":
        return ""
    if ch in _INVISIBLE:
        return "invisible"
    if ch in _BIDI:
        return "bidi"
    category = unicodedata.category(ch)
    if category == "Cc":
        return "control"
    if category == "Cs":
        return "surrogate"
    if 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE:
        return "noncharacter"
    if category == "Cn":
        # Python 3.11 knows Unicode 14: a hanzi added later (CJK Extension H, Unicode 15, holds
        # rare characters of personal names) looks unassigned here. Keep it; a font may have it.
        return "unassigned"
    if category == "Co":
        return "private"
    if ch == "\ufffd":
        return "replacement"
    if unicodedata.bidirectional(ch) in ("R", "AL"):
        return "rtl"
    return ""


@dataclass
class Cleaning:
    """What character hygiene did to one file's text: counts by kind and a few code points."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, ch: str, n: int) -> None:
        self.counts[kind] += n
        seen = self.examples.setdefault(kind, [])
        code = f"U+{ord(ch):04X}"
        if len(seen) < _EXAMPLES and code not in seen:
            seen.append(code)

    @property
    def removed(self) -> int:
        return sum(self.counts[k] for k in REMOVED_KINDS)

    def notes(self) -> list[str]:
        """One bilingual line per kind found, removed kinds first."""
        out = []
        for kind in REMOVED_KINDS + KEPT_KINDS:
            n = self.counts[kind]
            if not n:
                continue
            zh, en = _LABELS[kind]
            codes = " ".join(sorted(self.examples.get(kind, [])))
            verb_zh, verb_en = ("已删除", "removed ") if kind in REMOVED_KINDS else ("含", "")
            out.append(f"{verb_zh}{n}个{zh}（{codes}） / {verb_en}{n} {en} ({codes})")
        return out


def normalise_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def clean(text: str, cleaning: Cleaning) -> str:
    """`text` with control, invisible and direction-control characters and noncharacters removed.

    Every other character is kept, including emoji, right-to-left letters, private-use and
    unassigned code points: the composer reports the ones no font has as missing glyphs, and
    dropping them here would silently change the copy. What was found goes into `cleaning`.
    Unicode normalisation is deliberately not applied: NFC would fold CJK compatibility
    ideographs (U+F900…) into their unified twins, which a name may need kept apart.
    """
    text = normalise_newlines(text)
    drop: dict[int, None] = {}
    # Classify each distinct character once (a 5 MB paragraph has a few thousand of them), in
    # code point order so that the examples reported are the same every run.
    counts = Counter(text)
    for ch in sorted(counts):
        kind = classify(ch)
        if not kind:
            continue
        cleaning.add(kind, ch, counts[ch])
        if kind in REMOVED_KINDS:
            drop[ord(ch)] = None
    return text.translate(drop) if drop else text
