"""Word intake: takes .docx bytes, gives the copy as styled lines and its pictures with captions."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from app.errors import UserError
from app.intake import limits
from app.intake.package import check_package, nested_too_deep
from app.intake.pictures import Picture, load_picture
from app.intake.sanitize import Cleaning, clean
from app.intake.shape import Line

# Paragraph styles by name, lower case: Word's built-in (stored in English whatever the UI
# language) and the Chinese names newsroom templates give their own.
_STYLES = {
    "title": "headline",
    "heading 1": "headline",
    "标题": "headline",
    "主题": "headline",
    "主标题": "headline",
    "标题 1": "headline",
    "引题": "kicker",
    "肩题": "kicker",
    "眉题": "kicker",
    "subtitle": "subheadline",
    "副题": "subheadline",
    "副标题": "subheadline",
    "heading 2": "heading",
    "heading 3": "heading",
    "标题 2": "heading",
    "标题 3": "heading",
    "caption": "caption",
    "题注": "caption",
    "图片说明": "caption",
    "图注": "caption",
}
# Image types the PDF path takes; others (EMF/WMF charts, GIF, SVG …) are skipped with a note.
_PICTURE_TYPES = ("image/jpeg", "image/png", "image/tiff")
# A caption's usual shape when no style marks it: 图为… / （图… / 上图… or a photographer's credit.
_CAPTION = re.compile(
    r"^(?:图为|图：|图:|[（(]?图[一二三四\d]?[)）：:]|上图|下图|左图|右图)|摄[）)]?$"
)
CAPTION_MAX_CHARS = 150

_R_EMBED = qn("r:embed")
_R_LINK = qn("r:link")
_R_ID = qn("r:id")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VML = "{urn:schemas-microsoft-com:vml}"
_OFFICE = "{urn:schemas-microsoft-com:office:office}"
# Skipped subtrees: tracked deletions and moves away, field codes, notes' reference marks, and
# the fallback copy of markup Word also wrote in a newer form (mc:Choice is read instead).
_SKIP = {qn(t) for t in ("w:del", "w:moveFrom", "w:instrText", "w:delText")}
_SKIP.add(f"{_MC}Fallback")
_SKIP |= {qn(t) for t in ("w:footnoteReference", "w:endnoteReference", "w:commentReference")}
_SKIP.add(qn("w:pPr"))
_CHOICE = f"{_MC}Choice"
_P = qn("w:p")
_TBL = qn("w:tbl")


@dataclass
class WordCopy:
    """What a Word file holds: lines in reading order (captions styled "caption") and pictures."""

    lines: list[Line] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    visited: int = 0  # XML elements read: each once, so the work is linear in the file


_Pic = tuple[str, str, str]  # (rId, how linked, alt text)


@dataclass
class _Para:
    text: str
    role: str
    pictures: list[_Pic]


@dataclass
class _Context:
    copy: WordCopy
    name: str
    visited: int = 0


def _style_role(paragraph: Paragraph) -> str:
    style = paragraph.style
    for _ in range(4):  # a house style may be based on Title or Heading 1
        if style is None:
            return ""
        role = _STYLES.get((style.name or "").strip().lower())
        if role:
            return role
        style = style.base_style
    return ""


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")
    return vanish is not None and vanish.get(qn("w:val"), "true") not in ("false", "0", "off")


def _walk(el: etree._Element, ctx: _Context, out: list[str], pics: list[_Pic], depth: int) -> None:
    """Text of a paragraph's runs in order: tracked deletions, field codes and hidden text out.

    Every element is read once: a text box's paragraphs are walked from here (and from nowhere
    else), each with its own runs, so nesting costs linear time, not 2^depth.
    """
    copy = ctx.copy
    for child in el:
        ctx.visited += 1
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or _shadowed(child):
            if tag == qn("w:footnoteReference"):
                copy.skipped["footnote"] += 1
            continue
        if tag == qn("w:r") and _hidden(child):
            copy.skipped["hidden"] += sum(len(t.text or "") for t in child.iter(qn("w:t")))
            continue
        if tag == qn("w:t"):
            out.append(child.text or "")
        elif tag in (qn("w:tab"), qn("w:ptab")):
            out.append(" ")
        elif tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif tag == qn("w:sym"):
            code = child.get(qn("w:char"), "")
            if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code):
                out.append(chr(int(code, 16)))  # Symbol-font marks land in private use, reported
        elif tag == qn("w:txbxContent"):
            copy.skipped["textbox"] += 1
            for p, level, _ in _block_paragraphs(child, ctx, depth + 1):
                out.append("\n")  # a text box's words follow its paragraph, line by line
                _walk(p, ctx, out, pics, level)
        elif tag == qn("a:blip"):
            alt = _alt_text(child)
            if child.get(_R_EMBED):
                pics.append((child.get(_R_EMBED, ""), "embed", alt))
            elif child.get(_R_LINK):
                pics.append((child.get(_R_LINK, ""), "link", alt))
        elif tag == f"{_VML}imagedata":
            pics.append((child.get(_R_ID, ""), "embed", child.get(f"{_OFFICE}title", "")))
        else:
            _walk(child, ctx, out, pics, depth)


def _shadowed(el: etree._Element) -> bool:
    """An mc:Choice after the first: Word reads the first Choice it understands, and every one
    of them (like the Fallback) holds the same content again."""
    if el.tag != _CHOICE:
        return False
    previous = el.getprevious()
    while previous is not None and previous.tag != _CHOICE:
        previous = previous.getprevious()
    return previous is not None


def _block_paragraphs(
    container: etree._Element, ctx: _Context, depth: int
) -> Iterator[tuple[etree._Element, int, bool]]:
    """The paragraphs of a body or text box in reading order, each with its depth and whether
    it sits in a table; never inside a paragraph (its text boxes are the paragraph's to walk).

    `depth` counts text boxes and tables around `container`; past MAX_NESTING the file is
    refused, as no copy is laid out like that and each level costs a frame of recursion.
    """
    if depth > limits.MAX_NESTING:
        raise nested_too_deep(ctx.name)
    stack = [(iter(container), depth)]
    while stack:
        children, level = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        ctx.visited += 1
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or _shadowed(child):
            continue
        if tag == _P:
            yield child, level, level > depth
        else:
            if tag == _TBL:
                level += 1
                if level > limits.MAX_NESTING:
                    raise nested_too_deep(ctx.name)
            stack.append((iter(child), level))


def _alt_text(blip: etree._Element) -> str:
    for anc in blip.iterancestors():
        if anc.tag in (qn("wp:inline"), qn("wp:anchor")):
            doc_pr = anc.find(qn("wp:docPr"))
            return (doc_pr.get("descr", "") if doc_pr is not None else "").strip()
    return ""


def _paragraphs(document: Document, copy: WordCopy, name: str) -> list[_Para]:
    ctx = _Context(copy, name)
    out: list[_Para] = []
    roles: dict[str | None, str] = {}  # by style id: a style lookup scans the styles part
    for p_el, level, in_table in _block_paragraphs(document.element.body, ctx, 0):
        if in_table:
            copy.skipped["table"] += 1
        texts: list[str] = []
        pics: list[_Pic] = []
        _walk(p_el, ctx, texts, pics, level)
        style_id = p_el.style
        if style_id not in roles:
            roles[style_id] = _style_role(Paragraph(p_el, document))
        out.append(_Para("".join(texts), roles[style_id], pics))
    copy.visited = ctx.visited
    return out


def _load(document: Document, rid: str, how: str, name: str, copy: WordCopy) -> Picture | None:
    if how == "link":
        copy.skipped["linked picture"] += 1
        return None
    part = document.part.related_parts.get(rid)
    if part is None:
        copy.skipped["missing picture"] += 1
        return None
    content_type = getattr(part, "content_type", "")
    if content_type not in _PICTURE_TYPES:
        copy.skipped[f"picture {content_type or 'of unknown type'}"] += 1
        return None
    return load_picture(part.blob, f"{name}:{part.partname}")


def _caption_shape(para: _Para) -> bool:
    t = para.text.strip()
    return (
        bool(t) and len(t) <= CAPTION_MAX_CHARS and not para.pictures and bool(_CAPTION.search(t))
    )


def _caption_of(paras: list[_Para], i: int, used: set[int]) -> int | None:
    """Which paragraph captions the picture in paragraph i, if any."""
    after = i + 1 if i + 1 < len(paras) and i + 1 not in used else None
    before = i - 1 if i > 0 and i - 1 not in used else None
    if after is not None and (paras[after].role == "caption" or _caption_shape(paras[after])):
        return after
    if before is not None and paras[before].role == "caption":
        return before
    if paras[i].role == "caption" and paras[i].text.strip() and i not in used:
        return i
    return None


def read_word(data: bytes, name: str, cleaning: Cleaning) -> WordCopy:
    """Lines and pictures of a .docx; UserError for a fake, a bomb, or a damaged file or picture.

    A picture's caption is the paragraph after it (or before it) styled Caption/题注, else the
    paragraph after it if it has a caption's shape (图为… …摄), else its alt text.
    """
    check_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds on a damaged package; all mean that
        raise UserError(
            f"Word文档已损坏：{name} / damaged Word file: {name} ({type(e).__name__})"
        ) from None
    copy = WordCopy()
    paras = _paragraphs(document, copy, name)
    for p in paras:
        p.text = clean(p.text, cleaning)
    used: set[int] = set()  # paragraphs taken as captions
    decoded: dict[str, Picture] = {}  # a picture placed again is decoded once
    for i, para in enumerate(paras):
        for rid, how, alt in para.pictures:
            picture = decoded.get(rid) if how == "embed" else None
            if picture is None:
                picture = _load(document, rid, how, name, copy)
                if picture is not None:
                    decoded[rid] = picture
            if picture is None:
                continue
            at = _caption_of(paras, i, used)
            caption = alt
            if at is not None:
                used.add(at)
                caption = paras[at].text
            copy.pictures.append(picture.with_caption(" ".join(caption.split())))
    for i, para in enumerate(paras):
        # A Caption-styled paragraph with no picture beside it (a table's, say) stays body text.
        role = "caption" if i in used else "" if para.role == "caption" else para.role
        if role in ("headline", "kicker", "subheadline", "heading", "caption"):
            # A manual line break inside a styled heading splits it for the eye only.
            text = " ".join(s.strip() for s in para.text.split("\n") if s.strip())
            copy.lines.append(Line(text, role))
            continue
        for sub in para.text.split("\n"):
            copy.lines.append(
                Line(sub, "", indented=sub[:1] in ("\u3000", "\t") or sub[:2] == "  ")
            )
    copy.notes += _skipped_notes(copy.skipped)
    return copy


_SKIPPED = {
    "table": ("表格内{n}段文字已按段落导入", "{n} paragraphs from tables imported as body"),
    "textbox": (
        "{n}个文本框的文字已放在所在段落之后",
        "text of {n} text boxes put after their paragraph",
    ),
    "hidden": ("{n}个隐藏文字未导入", "{n} hidden characters not imported"),
    "footnote": ("{n}个脚注未导入", "{n} footnotes not imported"),
    "linked picture": (
        "{n}张链接（未嵌入）的图片未导入",
        "{n} linked (not embedded) pictures skipped",
    ),
    "missing picture": ("{n}张图片在文档中缺失", "{n} pictures missing from the package"),
}


def _skipped_notes(skipped: Counter[str]) -> list[str]:
    out = []
    for key, n in sorted(skipped.items()):
        zh, en = _SKIPPED.get(
            key,
            ("{n}张图片格式不支持，未导入（" + key + "）", "{n} pictures skipped (" + key + ")"),
        )
        out.append(f"{zh.format(n=n)} / {en.format(n=n)}")
    return out
