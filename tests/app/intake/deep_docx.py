"""Deeply nested Word files for the bounded-work tests and bench/intake.py: text boxes in text boxes, tables in tables."""

from __future__ import annotations

import io
import random
import zipfile

import docx

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="wps"'
)
_HAN = "本报讯记者近日区交通支队联合政府在鲁谷街道开展重点工程建设宣传活动居民热线工作推进会"


def level_text(level: int, chars: int, seed: int = 0) -> str:
    """The words of one level: a marker a test can find, then varied Han text (so it deflates
    no better than copy does)."""
    rng = random.Random(seed * 1000 + level)
    return f"第{level}层" + "".join(rng.choice(_HAN) for _ in range(chars)) + "。"


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _vml_box(inner: str) -> str:
    return (
        '<w:r><w:pict><v:shape style="width:100pt;height:50pt"><v:textbox><w:txbxContent>'
        f"{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )


def _drawing_box(inner: str, fallback: bool) -> str:
    choice = (
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="box"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
        f"{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice>"
    )
    # Word writes the same box again as VML for older readers: the whole subtree, twice.
    back = f"<mc:Fallback>{_vml_box(inner)[5:-6]}</mc:Fallback>" if fallback else ""
    return f"<w:r><mc:AlternateContent>{choice}{back}</mc:AlternateContent></w:r>"


def nested_boxes(depth: int, chars: int = 20, *, form: str = "vml") -> str:
    """Body XML: a paragraph holding a text box holding a paragraph … `depth` boxes deep.

    form: "vml" (w:pict, 6 elements a level), "drawing" (mc:Choice only) or "drawing+fallback"
    (the VML copy beside it, as Word writes it)."""
    inner = _para(level_text(depth, chars))
    for level in range(depth - 1, -1, -1):
        if form == "vml":
            box = _vml_box(inner)
        else:
            box = _drawing_box(inner, fallback=form == "drawing+fallback")
        inner = f"<w:p><w:r><w:t>{level_text(level, chars)}</w:t></w:r>{box}</w:p>"
    return inner


def nested_tables(depth: int, chars: int = 20) -> str:
    """Body XML: a table whose one cell holds a paragraph and a table … `depth` tables deep."""
    inner = _para(level_text(depth, chars))
    for level in range(depth - 1, -1, -1):
        inner = f"<w:tbl><w:tr><w:tc>{_para(level_text(level, chars))}{inner}</w:tc></w:tr></w:tbl>"
    # a cell must end with a paragraph, and so must the body before sectPr
    return inner + "<w:p/>"


def docx_with_body(body: str) -> bytes:
    """A real python-docx package whose document.xml body is `body` (plus a title)."""
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    buffer = io.BytesIO()
    d.save(buffer)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}><w:body>'
        f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>嵌套文本框</w:t></w:r></w:p>'
        f"{body}</w:body></w:document>"
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = xml if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
    return out.getvalue()
