"""Preflight checks of text, fonts, frames and the issue: takes composed pages, gives PreflightFindings.

Overset, missing glyphs, fonts that cannot be embedded (unreadable, or a licence that forbids
it), empty frames, the page count and the masthead's required fields. Colour and images are
checked in ink.py, QR codes in qr.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.ttfonts import TTFError

from app.compose.fields import missing_masthead_fields
from app.compose.issue import owner_id
from app.export.fonts import has_glyph, load_font
from app.export.reportlab_compat import embedding_bits
from app.model.document import IssueDoc
from app.preflight.findings import (
    ERROR,
    WARNING,
    FrameNames,
    PreflightFinding,
)
from layouts.display import ComposedPage, FontSource

# What the composer reports, how bad it is at the press, and what to do about it.
_COMPOSER = {
    "overset": (
        ERROR,
        "删减稿件、加大文框或续到他版 / cut the story, enlarge the frame or jump it",
    ),
    "missing_glyph": (
        ERROR,
        "换用或安装有此字的字体，或改字 / use or install a font that has it, or change the text",
    ),
    "headline_fit": (  # characters past the frame's edge are not printed, as overset
        ERROR,
        "标题减字、缩小字号或加宽标题栏 / shorten the headline, set it smaller or widen its span",
    ),
    "text_fit": (WARNING, "减字或加宽框 / shorten the text or widen the frame"),
    "teaser_target": (
        ERROR,
        "把导读所指稿件排上版，或删去导读 / place the story on a page or remove the teaser",
    ),
    "empty_frame": (WARNING, "填入内容或删除空框 / fill the frame or delete it"),
    "wrap_over_headline": (
        ERROR,
        "把图片移到标题之下，或移开文框 / move the picture below the headline, or the frame",
    ),
}
_OTHER_FIX = "检查该框 / check the frame"


def frame_names(doc: IssueDoc) -> FrameNames:
    """Owner id → a name people recognise: the frame's name or kind, with its story's headline."""
    names: FrameNames = {}
    for frames in doc.frames.values():
        for f in frames:
            name = f.name or f.kind
            article = doc.articles.get(f.article_id) if f.article_id else None
            if article is not None:
                name += f"《{article.headline[:20]}》"
            names[owner_id(f)] = name
    for page in doc.pages:
        names[f"running-head-{page.number}"] = "报眉 running head"
    return names


def _finding(
    names: FrameNames,
    severity: str,
    code: str,
    page: int | None,
    frame: str,
    message: str,
    fix: str,
) -> PreflightFinding:
    return PreflightFinding(severity, code, page, frame, message, fix, names.get(frame, ""))


def composer_findings(pages: Sequence[ComposedPage], names: FrameNames) -> list[PreflightFinding]:
    """The composer's own findings, graded, plus overset recorded only on a frame."""
    out = []
    for page in pages:
        reported = set()
        for f in page.findings:
            severity, fix = _COMPOSER.get(f.kind, (WARNING, _OTHER_FIX))
            out.append(_finding(names, severity, f.kind, page.number, f.owner, f.message, fix))
            reported.add((f.kind, f.owner))
        for frame in page.frames:
            if frame.overset > 0 and ("overset", frame.id) not in reported:
                severity, fix = _COMPOSER["overset"]
                message = f"超{frame.overset}字 / overset {frame.overset} characters"
                out.append(
                    _finding(names, severity, "overset", page.number, frame.id, message, fix)
                )
    return out


def _font_or_none(page: ComposedPage, key: str) -> FontSource | None:
    try:
        return page.font(key)
    except KeyError:
        return None


def missing_glyphs(pages: Sequence[ComposedPage], names: FrameNames) -> list[PreflightFinding]:
    """Characters the run's face lacks: the renderer leaves them out, so the print loses them."""
    out = []
    for page in pages:
        lost: dict[str, dict[str, str]] = {}  # owner → {char: family}
        for run in page.glyph_runs():
            source = _font_or_none(page, run.font)
            if source is None:
                continue  # reported by fonts()
            try:
                font = load_font(source)
            except (OSError, TTFError):
                continue  # reported by fonts()
            for ch in run.text:
                if not ch.isspace() and not has_glyph(font, ch):
                    lost.setdefault(run.owner, {})[ch] = source.name or source.key
        for owner, chars in lost.items():
            listed = " ".join(f"{ch}(U+{ord(ch):04X})" for ch in chars)
            families = "、".join(sorted(set(chars.values())))
            out.append(
                _finding(
                    names,
                    ERROR,
                    "missing_glyph",
                    page.number,
                    owner,
                    f"缺字 {listed}，字体 {families} 没有 / no glyph in {families} for {listed}",
                    _COMPOSER["missing_glyph"][1],
                )
            )
    return out


def fonts(pages: Sequence[ComposedPage], names: FrameNames) -> list[PreflightFinding]:
    """Faces the PDF cannot embed (CFF outlines, embedding not allowed, unreadable file)."""
    first_use: dict[FontSource, tuple[int, str]] = {}
    used_on: dict[FontSource, list[int]] = {}
    out = []
    for page in pages:
        for run in page.glyph_runs():
            source = _font_or_none(page, run.font)
            if source is None:
                out.append(
                    _finding(
                        names,
                        ERROR,
                        "font_unknown",
                        page.number,
                        run.owner,
                        f"字体“{run.font}”未登记 / font {run.font!r} is not listed for the page",
                        "重新排版本版 / compose the page again",
                    )
                )
                continue
            first_use.setdefault(source, (page.number, run.owner))
            pages_using = used_on.setdefault(source, [])
            if page.number not in pages_using:
                pages_using.append(page.number)
    for source, (page_no, owner) in first_use.items():
        where = "、".join(str(n) for n in used_on[source])
        try:
            font = load_font(source)
        except (OSError, TTFError) as e:
            out.append(
                _finding(
                    names,
                    ERROR,
                    "font_not_embeddable",
                    page_no,
                    owner,
                    f"字体无法嵌入PDF（第{where}版使用）/ font cannot be embedded "
                    f"(used on pages {where}): {source.name or source.key} {source.path}: {e}",
                    "换用TrueType字体，或让字体库把CFF字体转换为TrueType / use a TrueType face "
                    "or let the font registry convert the CFF face",
                )
            )
            continue
        licence = embedding_licence(embedding_bits(font))
        if licence is not None:
            severity, code, what, fix = licence
            name = f"{source.name or source.key} {source.path}"
            message = f"{what}（第{where}版使用）/ used on pages {where}: {name}"
            out.append(_finding(names, severity, code, page_no, owner, message, fix))
    return out


# OS/2 fsType (OpenType spec): bits 1-3 say how a face may be embedded (none set: installable;
# of several, the least restrictive counts); bit 8 forbids subsetting, bit 9 allows bitmaps only.
RESTRICTED, PREVIEW_PRINT, EDITABLE = 0x0002, 0x0004, 0x0008
NO_SUBSETTING, BITMAP_ONLY = 0x0100, 0x0200


def embedding_licence(bits: int) -> tuple[str, str, str, str] | None:
    """(severity, code, what, fix) for a face's embedding bits; None for an installable face.

    A print PDF embeds a subset of every face's outlines: a restricted licence forbids that,
    and so do no-subsetting and bitmap-only; preview & print and editable allow it (a PDF to
    view and print is what they permit), which is noted, not refused."""
    usage = bits & (RESTRICTED | PREVIEW_PRINT | EDITABLE)
    fix = (
        "换用许可嵌入的字体，或取得字体厂商的嵌入授权 / use a face whose licence allows "
        "embedding, or get the foundry's permission"
    )
    if usage == RESTRICTED:
        what = "字体许可禁止嵌入 / the font's licence forbids embedding (restricted)"
        return ERROR, "font_licence_restricted", what, fix
    if bits & (NO_SUBSETTING | BITMAP_ONLY):
        zh, en = (
            ("只许嵌入点阵", "bitmaps only") if bits & BITMAP_ONLY else ("不许子集", "no subset")
        )
        what = f"字体许可{zh}，不能嵌入字形子集 / the font's licence allows {en}: its outlines "
        what += "cannot be embedded as a subset"
        return ERROR, "font_licence_restricted", what, fix
    if usage:
        zh, en = ("可编辑", "editable") if usage & EDITABLE else ("预览与打印", "preview & print")
        what = f"注意：字体许可为{zh}嵌入，可嵌入PDF / note: the font's licence allows {en} "
        what += "embedding, which a PDF for print is"
        return WARNING, "font_licence_note", what, "无需处理 / nothing to do"
    return None


def empty_frames(
    doc: IssueDoc, pages: Sequence[ComposedPage], names: FrameNames
) -> list[PreflightFinding]:
    """Story frames with no line set, image frames without an image."""
    out = []
    by_number = {p.number: p for p in pages}
    for page in doc.pages:
        composed = by_number.get(page.number)
        if composed is None:
            continue
        owners = {item.owner for item in composed.items}
        for frame in doc.frames.get(page.id, []):
            oid = owner_id(frame)
            if oid in owners:
                continue
            if frame.kind in ("article", "teaser"):
                what = "文框没有文字" if frame.article_id else "文框没有指定稿件"
                message = f"{what} / the text frame holds no text"
            elif frame.kind == "image":
                message = "图框没有图片 / the image frame has no image"
            else:
                continue  # furniture reports its own emptiness through the composer
            out.append(
                _finding(
                    names,
                    WARNING,
                    "empty_frame",
                    page.number,
                    oid,
                    message,
                    _COMPOSER["empty_frame"][1],
                )
            )
    return out


def issue_checks(
    doc: IssueDoc, pages: Sequence[ComposedPage], names: FrameNames
) -> list[PreflightFinding]:
    """Page count (sheets fold in fours), the masthead's page count, required masthead fields."""
    out = []
    n = len(pages)
    if n % 4:
        lower, upper = n - n % 4, n + 4 - n % 4
        out.append(
            PreflightFinding(
                ERROR,
                "page_count",
                None,
                "",
                f"共{n}版，不是4的倍数 / {n} pages, not a multiple of 4",
                f"增减到{upper}版{f'或{lower}版' if lower else ''}（整张对折印刷）/ make it "
                f"{upper}{f' or {lower}' if lower else ''} pages: pages print on folded sheets",
            )
        )
    if doc.issue.page_count != n:
        out.append(
            PreflightFinding(
                ERROR,
                "page_count_mismatch",
                1,
                "",
                f"报头写“本期{doc.issue.page_count}版”，实有{n}版 / the masthead says "
                f"{doc.issue.page_count} pages, the issue has {n}",
                "更正期次的版数 / correct the issue's page count",
            )
        )
    numbers = [p.number for p in pages]
    if numbers != list(range(1, n + 1)):
        out.append(
            PreflightFinding(
                ERROR,
                "page_numbers",
                None,
                "",
                f"版序不连续：{numbers} / page numbers are not 1..{n}",
                "重新编排版序 / renumber the pages",
            )
        )
    front = next((p for p in doc.pages if p.number == 1), None)
    masthead = (
        next((f for f in doc.frames.get(front.id, []) if f.kind == "masthead"), None)
        if front is not None
        else None
    )
    for field in missing_masthead_fields(doc.publication):
        out.append(
            PreflightFinding(
                ERROR,
                "masthead_field",
                1,
                owner_id(masthead) if masthead else "",
                f"报头缺少必备项：{field} / the masthead lacks a required field: {field}",
                "在报纸设置中填写 / fill it in the paper's settings",
                names.get(owner_id(masthead), "") if masthead else "",
            )
        )
    if front is not None and masthead is None:
        out.append(
            PreflightFinding(
                ERROR,
                "masthead_missing",
                1,
                "",
                "第1版没有报头 / page 1 has no masthead",
                "在第1版放置报头框 / place a masthead frame on page 1",
            )
        )
    return out
