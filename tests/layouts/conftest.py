"""Shared fixtures for the composer tests: system CJK faces, the texts, and a line checker.

The checker states the CLREQ.md properties independently of the composer's internals:
it reads only the input text, the returned Lines and the fonts' own metrics.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from layouts.fonts.metrics import Face, FaceSet
from layouts.text import Line, Paragraph
from tests.testdata import CORPUS_8P, seed_text

NOTO_SERIF = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2)
UMING = ("/usr/share/fonts/truetype/arphic/uming.ttc", 0)
WQY = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)
KAI = ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0)

# CLREQ.md, written out here rather than imported, so the tests do not trust the composer.
START_FORBIDDEN = set("、，。；：？！”’）》〉」』】〕］｝·–—～…") | set(",.:;!?)]}%")
END_FORBIDDEN = set("“‘（《〈「『【〔［｛／") | set("([{")
CJK_PUNCT = set("、，。；：？！“”‘’（）《》〈〉「」『』【】〔〕［］｛｝·—～…／")
# (quotes set Latin beside Latin text do not compress: counted at their advance)
QUOTES = set("“”‘’—…·")  # shared with Latin text: Chinese or Latin by context
COMPRESSIBLE = CJK_PUNCT - set("—～…／“”‘’")
URL = re.compile(r"(?:https?://|www\.)[!-~]+")


@pytest.fixture(scope="session")
def body_faces() -> FaceSet:
    """song = Noto Serif CJK SC (GB punctuation), ming = AR PL UMing (centred 。、),
    hei = WenQuanYi Zen Hei and kai = LXGW WenKai (proportional quotes)."""
    faces = {}
    for key, (path, index) in (("song", NOTO_SERIF), ("ming", UMING), ("hei", WQY), ("kai", KAI)):
        if not Path(path).exists():
            pytest.skip(f"font not installed: {path}")
        faces[key] = Face(key, path, index)
    return FaceSet(faces)


@pytest.fixture(scope="session")
def seed_paragraphs() -> list[str]:
    return [line for line in seed_text().split("\n") if line.strip()]


@pytest.fixture(scope="session")
def corpus_paragraphs() -> list[str]:
    data = json.loads(CORPUS_8P.read_text(encoding="utf-8"))
    return [t for a in data["articles"] for t in a["paragraphs"]]


def _legal(text: str, i: int, urls: list[tuple[int, int]]) -> bool:
    """Whether CLREQ.md lets a line start at text[i] (the oracle's own reading)."""
    a, b = text[i - 1], text[i]
    if b in START_FORBIDDEN or a in END_FORBIDDEN or b == " ":
        return False
    if a == " ":
        j = i - 1
        while j > 0 and text[j - 1] == " ":
            j -= 1
        return j == 0 or text[j - 1] not in END_FORBIDDEN
    if a in QUOTES and _latin_quote(text, i - 1) or b in QUOTES and _latin_quote(text, i):
        return not ("!" <= a <= "~" or "!" <= b <= "~")  # a Latin quote clings to its word
    if "!" <= a <= "~" and "!" <= b <= "~":  # inside a Latin word, number or URL
        if any(u < i < v for u, v in urls):
            return a in "/-" and b.isalnum() or a == "." and b.isalpha()
        return a == "-" and text[i - 2 : i - 1].isalpha() and b.isalpha()
    return True


def _latin_quote(text: str, i: int) -> bool:
    """A quote with only Latin text around it is a Latin quote (no Han or Chinese mark
    beside it, spaces and other quotes aside)."""
    sides = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(text) and (text[j] == " " or text[j] in QUOTES):
            j += step
        if 0 <= j < len(text):
            sides.append(text[j].isascii())
    return bool(sides) and all(sides)


def _unit(text: str, i: int, urls: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch around boundary i that holds no legal break."""
    a = i - 1
    while a > 0 and not _legal(text, a, urls):
        a -= 1
    b = i + 1
    while b < len(text) and not _legal(text, b, urls):
        b += 1
    return a, b


def _too_wide(text: str, a: int, b: int, faces: FaceSet, font: str, size: float, width: float):
    """Whether text[a:b] is wider than a whole line even fully compressed (then it must
    break inside somewhere); a full-width mark counts the ½ em it can shrink to."""
    face = faces[font]
    em = sum(
        0.5
        if c in COMPRESSIBLE
        else max(1.0, face.advance(c))
        if c in CJK_PUNCT
        else face.advance(c)
        for c in text[a:b]
    )
    return em * size > width


def line_problems(
    par: Paragraph,
    lines: list[Line],
    width: float,
    faces: FaceSet,
    start: int = 0,
    lone_ok: bool = False,
) -> list[str]:
    """Every way `lines` break the CLREQ.md rules for `par` set `width` points wide.

    A stretch of text with no legal break that is wider than the column must break inside:
    there only the halves of —— and …… must stay together.
    lone_ok: a non-last line of one character, or of one —— or ……, need not be
    justified (random text can hold one between a paragraph start and a word or number
    too wide to join it, with no line before to take a character from: there is nowhere
    to put space)."""
    text, size = par.text, par.style.size
    font = par.spans[0].font
    out: list[str] = []
    if not lines or lines[0].start != start:
        return ["lines do not begin at start"]
    for a, b in zip(lines, lines[1:], strict=False):
        if a.end != b.start:
            out.append(f"gap or overlap at {a.end}/{b.start}")
        if a.last:
            out.append("last=True before the end")
    if lines[-1].end != len(text) or not lines[-1].last:
        out.append("the last line does not end the paragraph")
    urls = [m.span() for m in URL.finditer(text)]
    for ln in lines:
        want = text[ln.start : ln.end].rstrip(" ")
        if ln.text != want:
            out.append(f"characters {ln.text!r} != {want!r}")
        for seg in ln.segments:
            if len(seg.xs) != len(seg.text):
                out.append("one x per character")
        if not ln.text:
            continue
        out += _ink_problems(ln, width, faces, size)
        if ln.last:
            if ln.natural > width * (1 + 1e-6):
                out.append(f"last line wider than the column: {ln.text!r}")
            continue
        e = ln.end
        if not _legal(text, e, urls):
            a, b = _unit(text, e, urls)
            if not _too_wide(text, a, b, faces, font, size, width):
                out.append(f"breaks {text[e - 1]}|{text[e]} against the rules: {ln.text!r}")
            elif text[e - 1] in "—…" and text[e] == text[e - 1]:
                run = e - 1
                while run > 0 and text[run - 1] == text[e]:
                    run -= 1
                if (e - run) % 2:
                    out.append(f"splits a 2-em dash or ellipsis: {ln.text!r}")
        lone = len(ln.text) == 1 or set(ln.text) in ({"—"}, {"…"})
        if not (lone_ok and lone):
            out += _edge_problems(ln, width, faces, size)
    return out


def _edge_problems(ln: Line, width: float, faces: FaceSet, size: float) -> list[str]:
    """A justified line ends exactly at the measure: a Han or Latin glyph's advance ends
    there; a full-width mark's cell ends there (its ink inside, its empty part trimmed)."""
    seg = ln.segments[-1]
    c, x = seg.text[-1], seg.xs[-1]
    face = faces[seg.font]
    tol = 1e-6 * width
    if c in CJK_PUNCT:
        ink = face.ink(c)
        if ink is not None and x + ink[2] * size > width + 0.02 * size:
            return [f"line-end mark inked past the measure: {ln.text!r}"]
        if abs(ln.natural - width) > tol:
            return [f"line ends at {ln.natural:.6f}, not {width}: {ln.text!r}"]
        return []
    edge = x + face.advance(c) * size
    if abs(edge - width) > tol:
        return [f"last glyph ends at {edge:.6f}, not {width}: {ln.text!r}"]
    if abs(ln.natural - width) > tol:
        return [f"natural {ln.natural} != {width}: {ln.text!r}"]
    return []


def _ink_problems(ln: Line, width: float, faces: FaceSet, size: float) -> list[str]:
    """Glyphs stay inside the column (a mark's ink, any other glyph's advance box) and a
    compressed mark's ink never runs into its neighbour's."""
    out = []
    prev = None
    tol = 0.02 * size
    for seg in ln.segments:
        face = faces[seg.font]
        for c, x in zip(seg.text, seg.xs, strict=True):
            ink = face.ink(c)
            if c in CJK_PUNCT and ink is not None:
                left, right = x + ink[0] * size, x + ink[2] * size
            else:
                left, right = x, x + face.advance(c) * size
            if left < -tol or right > width + tol:
                out.append(f"{c!r} outside the column: {ln.text!r}")
            if ink is not None:
                left, right = x + ink[0] * size, x + ink[2] * size
                marks = c in CJK_PUNCT or (prev is not None and prev[0] in CJK_PUNCT)
                if prev is not None and marks and left < prev[1] - 0.06 * size:
                    out.append(f"{prev[0]}{c} collide: {ln.text!r}")
                prev = (c, right)
    return out


def _han(c: str) -> bool:
    """A Han ideograph (CJK Unified Ideographs, Extension A, compatibility ideographs, the
    supplementary planes)."""
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _letter(c: str) -> bool:
    return _han(c) or c.isascii() and c.isalnum()


LOOSE = 0.5  # em: the most white a justified line may put between Han characters (issue 13)


def gap_problems(lines: list[Line], faces: FaceSet, size: float) -> list[str]:
    """Loose lines: on every line but a paragraph's last, the white between two neighbouring
    characters with a Han character on at least one side (the other a Han character, a Latin
    letter or a digit) is at most ½ em more than CLREQ.md's stretched spacing allows them:
    nothing between two Han characters, ⅓ em between Han and Latin, ½ em for a word space.
    Measured from the glyphs' advances alone; punctuation is not measured (its cell is the
    font's business), and it separates the pairs it stands between."""
    out: list[str] = []
    for ln in lines:
        if ln.last:
            continue
        prev = None  # (character, right edge of its advance)
        spaces = 0
        worst = 0.0
        for seg in ln.segments:
            face = faces[seg.font]
            for c, x in zip(seg.text, seg.xs, strict=True):
                if c == " ":
                    spaces += 1
                    continue
                if not _letter(c):
                    prev, spaces = None, 0
                    continue
                if prev is not None and (_han(c) or _han(prev[0])):
                    allowed = LOOSE + 0.5 * spaces
                    if not spaces and not (_han(c) and _han(prev[0])):
                        allowed += 1 / 3
                    worst = max(worst, (x - prev[1]) / size - allowed)
                prev, spaces = (c, x + face.advance(c) * size), 0
        if worst > 1e-6:
            out.append(
                f"loose line, {worst + LOOSE:.2f} em where {LOOSE} em is the most: {ln.text!r}"
            )
    return out


@pytest.fixture(scope="session")
def check_gaps() -> Callable[..., list[str]]:
    return gap_problems


@pytest.fixture(scope="session")
def check_lines() -> Callable[..., list[str]]:
    return line_problems
