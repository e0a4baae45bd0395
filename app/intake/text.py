"""Plain text and Markdown intake: takes file bytes, gives decoded, cleaned lines and picture links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.errors import UserError
from app.intake.encoding import decode, encoding_notes
from app.intake.limits import MAX_PARAGRAPH_CHARS
from app.intake.sanitize import Cleaning, clean
from app.intake.shape import Line

_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\n\r\t\f\v")
_INDENT = re.compile(r"^(?:\u3000|\t| {2})")

# Markdown, the parts reporters use. Spans are bounded ({1,300}) so that a hostile line of
# twenty thousand unmatched ** or [ costs linear time, not quadratic.
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")  # closing #s are stripped in Python
_MD_IMAGE = re.compile(
    r"!\[([^\]\n]{0,300})\]\(\s*<?([^)\s>]{1,1000})>?(?:\s+[\"']([^\"'\n]{0,300})[\"'])?\s*\)"
)
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\n]{0,1000}\)")
_MD_EMPHASIS = (
    re.compile(r"\*\*([^*\n]{1,300}?)\*\*"),
    re.compile(r"__([^_\n]{1,300}?)__"),
    re.compile(r"(?<![*A-Za-z0-9])\*(?![\s*])([^*\n]{1,300}?)(?<!\s)\*(?![*A-Za-z0-9])"),
    re.compile(r"`([^`\n]{1,300})`"),
)
_MD_QUOTE = re.compile(r"^(?:>\s?)+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_RULE = re.compile(r"^\s*(?:\*\s*){3,}$|^\s*(?:-\s*){3,}$|^\s*(?:_\s*){3,}$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


@dataclass
class TextCopy:
    """A text file's lines, the encoding it was read in, and Markdown picture links (alt, path)."""

    lines: list[Line]
    encoding: str
    pictures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _refuse(name: str, zh: str, en: str) -> UserError:
    return UserError(f"{zh}：{name} / {en}: {name}")


def _check_binary(text: str, name: str) -> None:
    controls = len(text) - len(text.translate(_CONTROLS))
    if controls > 16 and controls * 20 > len(text):  # over 5 %: no one types that
        raise _refuse(name, "不是文本文件", "not a text file (mostly control characters)")


def _check_lengths(lines: list[Line], name: str) -> None:
    for line in lines:
        if len(line.text) > MAX_PARAGRAPH_CHARS:
            raise paragraph_too_long(name, len(line.text))


def paragraph_too_long(name: str, n: int) -> UserError:
    return _refuse(
        name,
        f"段落过长（{n:,}字，上限{MAX_PARAGRAPH_CHARS:,}字），不像稿件",
        f"a paragraph of {n:,} characters (limit {MAX_PARAGRAPH_CHARS:,}): not copy",
    )


def _blocks_mark_paragraphs(raw: list[str]) -> bool:
    """Does the writer separate paragraphs by blank lines and wrap lines inside them?"""
    blocks, size, multi = 0, 0, False
    for line in [*raw, ""]:
        if line.strip():
            size += 1
        elif size:
            blocks, multi, size = blocks + 1, multi or size > 1, 0
    return blocks >= 3 and multi


def _lines(raw: list[str]) -> list[Line]:
    soft_mode = _blocks_mark_paragraphs(raw)
    out: list[Line] = []
    previous_blank = True
    for text in raw:
        if not text.strip():
            previous_blank = True
            continue
        out.append(
            Line(text, indented=bool(_INDENT.match(text)), soft=soft_mode and not previous_blank)
        )
        previous_blank = False
    return out


def read_text(data: bytes, name: str, cleaning: Cleaning) -> TextCopy:
    """Lines of a .txt file, cleaned of control characters; UserError if it is no text."""
    text, encoding = decode(data, name)
    _check_binary(text, name)
    lines = _lines(clean(text, cleaning).split("\n"))
    _check_lengths(lines, name)
    return TextCopy(lines, encoding, notes=encoding_notes(text, encoding))


def _md_inline(text: str, pictures: list[tuple[str, str]]) -> str:
    def picture(m: re.Match[str]) -> str:
        pictures.append(((m.group(1) or m.group(3) or "").strip(), m.group(2)))
        return ""

    text = _MD_IMAGE.sub(picture, text)
    text = _MD_LINK.sub(r"\1", text)
    for pattern in _MD_EMPHASIS:
        text = pattern.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)


def read_markdown(data: bytes, name: str, cleaning: Cleaning) -> TextCopy:
    """Lines of a .md file: # headings styled (# headline, ## and lower by position), emphasis,
    links and quote marks stripped, ![caption](file) collected as pictures."""
    text, encoding = decode(data, name)
    _check_binary(text, name)
    raw = clean(text, cleaning).split("\n")
    _check_lengths([Line(line) for line in raw], name)  # before any pattern runs over them
    soft_mode = _blocks_mark_paragraphs(raw)
    pictures: list[tuple[str, str]] = []
    lines: list[Line] = []
    previous_blank, hard_break = True, False
    for source in raw:
        if not source.strip() or _MD_RULE.match(source):
            previous_blank = True
            continue
        soft = soft_mode and not previous_blank and not hard_break
        hard_break = source.endswith(("  ", "\\"))  # Markdown's explicit line break
        body = _MD_QUOTE.sub("", source.rstrip("\\"))
        heading = _MD_HEADING.match(body)
        if heading:
            style = "headline" if len(heading.group(1)) == 1 else "heading"
            title = heading.group(2).rstrip().rstrip("#").rstrip()
            lines.append(Line(_md_inline(title, pictures).strip(), style))
            previous_blank, hard_break = True, True  # a heading closes its block
            continue
        bullet = _MD_BULLET.match(body)
        if bullet:
            body, soft = body[bullet.end() :], False
        content = _md_inline(body, pictures)
        if content.strip():
            lines.append(Line(content, indented=bool(_INDENT.match(content)), soft=soft))
        previous_blank = False
    _check_lengths(lines, name)
    kept = [line for line in lines if line.text.strip()]
    return TextCopy(kept, encoding, pictures, encoding_notes(text, encoding))
