"""Copy shape: takes lines of a reporter's text, gives paragraphs joined back and the headline group."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from app.intake.corpus import byline_of

# Where a line may end a paragraph: a sentence-final mark, perhaps followed by closing quotes or
# brackets (。” ！） …）, or a closing bracket on its own (（完） （记者 徐巍）).
_CLOSED = re.compile(r"(?:[。！？!?…；;：:]|(?<=[^\x00-\x7f])\.)[”’」』）)》】〕\"']*$|[）)]$")
# Marks a paragraph can never begin with (clreq line-start prohibition; GB/T 15834): a line
# starting with one continues the line before it.
_NO_START = frozenset("，。、；：？！”’）》〉」』】〕］｝·,.;:?!)")
# The start of a list item or body subhead (一、 （一） 1、 (1) ● ■ …), a subheadline (——) or
# a 电头: always a new paragraph.
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．]|\d+\.(?!\d)"
    r"|[●■◆▲★☆※◇□○►•▶]|—|-{2})"
)
_SENTENCE_END = re.compile(r"[。！？!?]")
_INNER_PUNCT = re.compile(r"[，,、；;]")
# Explicit labels some reporters type: 引题：… 主题：… 副题：…
_LABELS = (
    (re.compile(r"^(?:引题|肩题|眉题)\s*[:：]\s*"), "kicker"),
    (re.compile(r"^(?:主题|主标题|标题|题目)\s*[:：]\s*"), "headline"),
    (re.compile(r"^(?:副题|副标题|子题)\s*[:：]\s*"), "subheadline"),
)

HEAD_MAX_CHARS = 40  # a headline line; body paragraphs run longer or end a sentence
SUBHEAD_MAX_CHARS = 30  # a subhead inside the body (小标题)
HEAD_MAX_LINES = 6  # short lines before the body considered for kicker/headline/subheadline
HEAD_STYLES = ("kicker", "headline", "subheadline", "heading")


@dataclass
class Line:
    """One line (or Word paragraph) of copy, and what its markup said about it."""

    text: str
    style: str = ""  # a HEAD_STYLES entry, "caption", or "" for unmarked text
    indented: bool = False  # began with 2 spaces, a full-width space or a tab
    # The break before this line is a soft wrap: the writer marks paragraphs with blank lines
    # and this line sits in the same block as the one before it.
    soft: bool = False


@dataclass
class Head:
    """The headline group recognised at the top of an article, and the body after it."""

    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    byline: str = ""
    body: list[str] = field(default_factory=list)
    how: str = "shape"  # "styles", "labels" or "shape": what the headline was recognised from
    notes: list[str] = field(default_factory=list)


def is_closed(text: str) -> bool:
    """Does the text end where a paragraph may end (a sentence-final mark or closing bracket)?"""
    return _CLOSED.search(text.rstrip()) is not None


def is_subhead_like(text: str) -> bool:
    """Short, unpunctuated and unfinished: a body subhead, not the first half of a sentence."""
    t = text.strip()
    return len(t) <= SUBHEAD_MAX_CHARS and not _INNER_PUNCT.search(t) and not is_closed(t)


def is_head_like(text: str) -> bool:
    """A line that can be a kicker, headline or subheadline: short and not a sentence."""
    t = text.strip()
    return (
        0 < len(t) <= HEAD_MAX_CHARS
        and not _SENTENCE_END.search(t)
        and not byline_of(t)
        and not t.endswith(("，", ","))
    )


def column_width(lines: list[Line]) -> int | None:
    """The line length of text copied from a laid-out page, whose lines all break at one width.

    If at least three lines and a third of the longer lines share one length (±1), lines of that
    length were broken by the page, not by the writer.
    """
    lengths = [len(line.text) for line in lines if len(line.text) >= 6 and not line.style]
    if len(lengths) < 3:
        return None
    counts = Counter(lengths)
    best = max(counts, key=lambda n: (counts[n - 1] + counts[n] + counts[n + 1], n))
    near = counts[best - 1] + counts[best] + counts[best + 1]
    return best if near >= 3 and near * 3 >= len(lengths) else None


@dataclass
class _Paragraph:
    """A paragraph being joined: its pieces (joined once at the end, so a text of a million short
    lines is not copied a million times) and its first line's markup."""

    first: Line
    parts: list[str]
    length: int

    def text(self) -> str:
        return "".join(self.parts)

    def subhead_like(self) -> bool:
        return self.length <= SUBHEAD_MAX_CHARS and is_subhead_like(self.text())

    def bare_byline(self) -> bool:
        return len(self.parts) == 1 and byline_of(self.parts[0]) == self.parts[0]


def _joins(a: _Paragraph, last: Line, b: Line, column: int | None, indent_mode: bool) -> bool:
    """Does line `b` continue the paragraph `a`, whose last line was `last`?"""
    if last.style or b.style:
        return False  # marked-up headings and captions stand alone
    if b.text[0] in _NO_START:
        return True
    if _MARKER.match(b.text) or byline_of(b.text) or (indent_mode and b.indented):
        return False
    if b.soft:  # inside a blank-line-separated block: wrapped, unless it follows a subhead
        return not a.subhead_like()
    if is_closed(last.text):
        return False
    at_column = column is not None and abs(len(last.text) - column) <= 1
    return at_column or not a.subhead_like()


def _body_begins(lines: list[Line], column: int | None) -> int:
    """Index of the first line that is body text: lines before it are never joined (head)."""
    for i, line in enumerate(lines):
        if line.style:
            continue
        long = len(line.text) > HEAD_MAX_CHARS or _SENTENCE_END.search(line.text)
        at_column = column is not None and abs(len(line.text) - column) <= 1
        if long or at_column or byline_of(line.text):
            return i
    return len(lines)


def join_lines(lines: list[Line]) -> list[Line]:
    """Paragraphs from lines: hard breaks inside a sentence (前一 / 阶段) joined back.

    A line continues the paragraph before it unless that paragraph ends a sentence, the line
    starts a list item, subhead, subheadline or 电头, it is indented where indents mark
    paragraphs, or the paragraph so far is a short unpunctuated subhead. A line starting with a
    mark no paragraph starts with (，。”) always continues; a soft-wrapped line (blank lines
    mark the paragraphs) continues even after a sentence end; at a page's column width, short
    unpunctuated lines are column lines, not subheads. Lines at the top before the first body
    line are kept apart: they are the headline group.
    """
    lines = [replace(line, text=line.text.strip()) for line in lines if line.text.strip()]
    if not lines:
        return []
    column = column_width(lines)
    indented = sum(line.indented for line in lines)
    indent_mode = 2 <= indented < len(lines)
    head_end = _body_begins(lines, column)
    out: list[_Paragraph] = []
    last = lines[0]
    for i, line in enumerate(lines):
        if not out:
            joined = False
        elif out[-1].bare_byline() and not (line.style or out[-1].first.style):
            joined = True  # a 电头 alone on its line opens the first paragraph
        elif i <= head_end:
            joined = False  # head lines stand alone, and the body does not run into them
        else:
            joined = _joins(out[-1], last, line, column, indent_mode)
        if joined:
            para = out[-1]
            # Latin words broken across lines get their space back; Chinese joins with none.
            if _latin(last.text[-1]) and _latin(line.text[0]):
                para.parts.append(" ")
                para.length += 1
            para.parts.append(line.text)
            para.length += len(line.text)
        else:
            out.append(_Paragraph(line, [line.text], len(line.text)))
        last = line
    return [replace(p.first, text=p.text()) for p in out]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _label(text: str) -> tuple[str, str]:
    for pattern, role in _LABELS:
        m = pattern.match(text)
        if m:
            return role, text[m.end() :].strip()
    return "", text


def recognise(paragraphs: list[Line], fallback_headline: str) -> Head:
    """Kicker, headline, subheadline and 电头 from paragraphs (as join_lines gives them).

    Explicit labels (引题：…) win, then markup (Word styles, Markdown #), then the usual shape:
    up to HEAD_MAX_LINES short lines before the body, one starting with —— being the subheadline;
    of the others the last three are kicker, headline, subheadline (two: headline, subheadline;
    with a —— line: kicker, headline). Head lines beyond those stay, first in the body.
    """
    head = Head()
    roles: dict[str, str] = {}
    unmarked: list[tuple[int, str]] = []  # (position, text) of unmarked head lines
    headline_at = -1
    i = 0
    while i < len(paragraphs) and i < HEAD_MAX_LINES:
        p = paragraphs[i]
        if p.style == "caption":  # a picture's caption above the headline: not the head
            i += 1
            continue
        role, text = _label(p.text)
        if role:
            head.how = "labels"
        elif p.style in HEAD_STYLES:
            role = p.style
            if role == "heading":  # a heading of lower rank: kicker above the headline, else 副题
                role = "kicker" if headline_at < 0 and "headline" not in roles else "subheadline"
            if head.how != "labels":
                head.how = "styles"
        elif not p.style and is_head_like(p.text):
            unmarked.append((i, p.text))
            i += 1
            continue
        else:
            break
        if role in roles:  # a second line of the same role continues it
            roles[role] = f"{roles[role]} {text}"
        else:
            roles[role] = text
        if role == "headline":
            headline_at = i
        i += 1
    body = [p.text for p in paragraphs[i:] if p.style != "caption"]
    leftover = _assign_unmarked(roles, unmarked, headline_at)
    if not roles.get("headline"):
        roles["headline"] = fallback_headline
        head.notes.append(
            f"未找到标题，用文件名 / no headline found, file name used: {fallback_headline}"
        )
    if leftover:
        head.notes.append(
            f"开头{len(leftover)}行未识别为标题，放在正文开头 / {len(leftover)} short lines "
            "before the headline kept at the start of the body"
        )
    head.kicker = roles.get("kicker", "")
    head.headline = roles["headline"]
    head.subheadline = roles.get("subheadline", "")
    head.body = leftover + body
    head.byline = byline_of(head.body[0]) if head.body else ""
    return head


def _assign_unmarked(roles: dict[str, str], unmarked: list[tuple[int, str]], at: int) -> list[str]:
    """Give unmarked head lines the roles markup left open; return those left over, in order."""
    rest: list[tuple[int, str]] = []
    for pos, text in unmarked:
        if text.startswith(("——", "—", "--")) and "subheadline" not in roles:
            roles["subheadline"] = text  # verbatim, dash and all, as the paper prints it
        else:
            rest.append((pos, text))
    if "headline" in roles:  # markup named the headline: a line above is the kicker, below 副题
        left: list[str] = []
        for pos, text in rest:
            role = "kicker" if pos < at else "subheadline"
            if role not in roles:
                roles[role] = text
            else:
                left.append(text)
        return left
    texts = [t for _, t in rest]
    if "subheadline" in roles:
        order = ["kicker", "headline"]
    elif len(texts) >= 3:
        order = ["kicker", "headline", "subheadline"]
    else:
        order = ["headline", "subheadline"]
    order = [r for r in order if r not in roles]
    n = min(len(order), len(texts))
    # Fewer lines than open roles: the headline is filled first, then the subheadline.
    chosen = sorted(order, key=["headline", "subheadline", "kicker"].index)[:n]
    order = [r for r in order if r in chosen]
    for role, text in zip(order, texts[len(texts) - n :], strict=True):
        roles[role] = text
    return texts[: len(texts) - n]
