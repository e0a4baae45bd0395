"""Furniture frames from the issue's data: masthead, hotline box, banner, column head, QR, 报眉."""

from __future__ import annotations

from dataclasses import replace

from app.compose.fields import credits_line, hotline_lines, masthead_fields, running_head
from app.compose.title_art import title_art_box
from app.model import Frame, Page
from app.model.document import IssueDoc
from layouts.color import BLACK, RED, WHITE
from layouts.display import Finding, ImageItem, Item
from layouts.flow import PlacedLine
from layouts.fonts.metrics import FaceSet
from layouts.furniture import BlockLine, boxed, qr_slot, rule, stack_lines
from layouts.grid import PageGrid
from layouts.headline import natural_width
from layouts.paragraph import compose_paragraph
from layouts.picture import WHOLE
from layouts.text import Line, Paragraph, Span, TextStyle
from layouts.units import HAO

Result = tuple[list[Item], list[Finding]]

QR_CAPTION_SIZE = HAO["小五"]  # the line under a QR code, e.g. 北京石景山公众号


def compose_furniture(
    frame: Frame, owner: str, doc: IssueDoc, grid: PageGrid, faces: FaceSet
) -> Result:
    kind = frame.kind
    if kind == "masthead":
        return _masthead(frame, owner, doc, faces)
    if kind == "box":
        return _hotline_box(frame, owner, doc, faces)
    if kind == "banner":
        return _banner(frame, owner, faces)
    if kind == "column_head":
        return _column_head(frame, owner, faces)
    if kind == "qr":
        return _qr(frame, owner, doc, faces)
    if kind == "image":
        return _image(frame, owner, faces)
    if kind == "text":
        font, size = frame.props.get("font", "song"), frame.props.get("size", grid.body_size)
        align = frame.props.get("align", "left")
        lines = [BlockLine(t, font, size, BLACK, align) for t in frame.props.get("lines", [])]
        items, _, findings = stack_lines(lines, frame.x, frame.y, frame.w, faces, owner)
        return items, findings
    return [], [Finding("empty_frame", owner, f"未知框类型 / frame kind {kind} has no content")]


# The house style of a picture's caption (图片说明) and credit (摄影/图): 楷体 小五 under the
# picture, justified, the credit after an em space in 仿宋 (alone it stands right).
CAPTION_STYLE = TextStyle("kai", HAO["小五"], HAO["小五"] * 1.45, indent=0.0, align="justify")
CREDIT_FONT = "fangsong"
CAPTION_GAP = 3.0  # points of white between the picture and its caption
MIN_PICTURE = 1 / 3  # a caption may take at most two thirds of its frame


def _image(frame: Frame, owner: str, faces: FaceSet) -> Result:
    """A picture filling its box above its caption, cropped, never stretched: the frame's
    crop (props.crop) or its middle; caption and credit set by the paragraph composer."""
    asset = frame.props.get("asset")
    if not asset:
        return [], [
            Finding("empty_frame", owner, "图片框没有图片 / the image frame has no picture")
        ]
    lines = caption_lines(
        frame.props.get("caption", ""), frame.props.get("credit", ""), frame.w, faces
    )
    leading = CAPTION_STYLE.leading
    findings: list[Finding] = []
    fit = int((frame.h * (1 - MIN_PICTURE) - CAPTION_GAP) // leading)
    if len(lines) > fit:  # the picture keeps a third of its frame: the rest is reported
        fit = max(fit, 0)
        over = sum(line.end - line.start for line in lines[fit:])
        findings.append(
            Finding(
                "text_fit",
                owner,
                f"图片说明超{over}字，图片所剩无几 / the caption is {over} characters too long "
                "for its frame",
                count=over,
            )
        )
        lines = lines[:fit]
    cap_h = CAPTION_GAP + len(lines) * leading if lines else 0.0
    crop = frame.props.get("crop")
    items: list[Item] = [
        ImageItem(
            owner,
            asset,
            frame.x,
            frame.y,
            frame.w,
            frame.h - cap_h,
            tuple(crop) if crop else None,  # type: ignore[arg-type]
        )
    ]
    size = CAPTION_STYLE.size
    baseline = frame.y + frame.h - cap_h + CAPTION_GAP + size * 0.88
    for i, line in enumerate(lines):
        placed = PlacedLine(owner, 0, frame.x, baseline + i * leading, size, line, 0)
        items.extend(placed.items())
    return items, findings


def caption_lines(caption: str, credit: str, width: float, faces: FaceSet) -> list[Line]:
    """A caption and its credit as composed lines `width` points wide (none without either).
    The credit ends the caption's last line when it fits there whole; else it stands on its
    own line, flush right — never split, never a line opening with the em space before it."""
    caption, credit = caption.strip(), credit.strip()
    if not caption and not credit:
        return []
    if not caption:
        return _credit_alone(credit, width, faces)
    text = Span(caption, CAPTION_STYLE.font)
    if not credit:
        return compose_paragraph(Paragraph((text,), CAPTION_STYLE), width, faces)
    joined = (text, Span("\u3000" + credit, CREDIT_FONT))
    lines = compose_paragraph(Paragraph(joined, CAPTION_STYLE), width, faces)
    if lines[-1].start < len(caption):  # the last line holds caption and the whole credit
        return lines
    caption_only = compose_paragraph(Paragraph((text,), CAPTION_STYLE), width, faces)
    return caption_only + _credit_alone(credit, width, faces)


def _credit_alone(credit: str, width: float, faces: FaceSet) -> list[Line]:
    style = replace(CAPTION_STYLE, align="right")
    return compose_paragraph(Paragraph((Span(credit, CREDIT_FONT),), style), width, faces)


def _masthead(frame: Frame, owner: str, doc: IssueDoc, faces: FaceSet) -> Result:
    """The paper's name, the largest text on page 1 (or its title art), beside a generated
    info block."""
    f = masthead_fields(doc.publication, doc.issue)
    title_w = frame.w * 0.6
    art = title_art_box(frame.props, frame.x, frame.y + 4, title_w, frame.h - 12)
    items: list[Item]
    findings: list[Finding] = []
    if art is not None:  # the paper's own lettering (报头题字) when it has one
        items = [ImageItem(owner, *art, crop=WHOLE)]  # fitted whole: nothing to crop
    else:
        size = min(frame.h * 0.62, title_w / max(natural_width(f.title, "biaosong", 1, faces), 1))
        items, _, findings = stack_lines(
            [BlockLine(f.title, "biaosong", size, RED, "left")],
            frame.x,
            frame.y + (frame.h - size) / 2 - size * 0.1,
            title_w,
            faces,
            owner,
        )
    info = [
        BlockLine(f.date_line, "hei", HAO["五号"]),
        BlockLine(f.lunar, "song", HAO["小五"]),
        BlockLine(f"{f.numbers}{f.pages}", "hei", HAO["小五"], space_before=2),
        BlockLine(f.sponsor, "song", HAO["小五"], space_before=2),
        BlockLine(f.registration, "song", HAO["六号"]),
        BlockLine(f.website, "song", HAO["六号"]),
    ]
    info_x = frame.x + title_w + 6
    more, _, found = stack_lines(info, info_x, frame.y + 8, frame.w - title_w - 6, faces, owner)
    items.extend(more)
    items.append(rule(owner, frame.x, frame.y + frame.h - 3, frame.w, 2.0, RED))
    items.append(rule(owner, frame.x, frame.y + frame.h, frame.w, 0.5, RED))
    return items, findings + found


def _hotline_box(frame: Frame, owner: str, doc: IssueDoc, faces: FaceSet) -> Result:
    title = frame.props.get("title", "便民电话")
    band = HAO["四号"] * 1.8
    items: list[Item] = [
        boxed(owner, frame.x, frame.y, frame.w, frame.h),
        boxed(owner, frame.x, frame.y, frame.w, band, stroke=None, fill=RED),
    ]
    head, _, findings = stack_lines(
        [BlockLine(title, "hei", HAO["四号"], WHITE, "center")],
        frame.x,
        frame.y + (band - HAO["四号"]) / 2,
        frame.w,
        faces,
        owner,
    )
    items.extend(head)
    texts = hotline_lines(doc.publication)
    lines = [BlockLine(t, "song", HAO["小五"]) for t in texts]
    # The list as one block, centred in the box: its colons stay in line (fields.spread).
    inner = frame.w - 12
    block = max((natural_width(t, "song", HAO["小五"], faces) for t in texts), default=inner)
    left = frame.x + 6 + max(inner - block, 0.0) / 2
    body, _, found = stack_lines(
        lines, left, frame.y + band + 6, min(block, inner), faces, owner, gap=0.9
    )
    items.extend(body)
    return items, findings + found


def _banner(frame: Frame, owner: str, faces: FaceSet) -> Result:
    """通栏 slogan in red between two rules. Two short lines are set as a couplet, the first
    from the left, the second to the right, an em in from the frame's edges, so neither
    leaves a block of white on both its sides."""
    texts: list[str] = frame.props.get("lines", [])
    if not texts:
        return [], [Finding("empty_frame", owner, "通栏没有文字 / the banner has no text")]
    size = min(frame.h / (len(texts) * 1.35), HAO["初号"])
    aligns = ["center"] * len(texts)
    x, w = frame.x, frame.w
    if len(texts) == 2 and all(len(t) * size <= 0.6 * frame.w for t in texts):
        aligns = ["left", "right"]
        x, w = frame.x + size, frame.w - 2 * size
    lines = [BlockLine(t, "biaosong", size, RED, a) for t, a in zip(texts, aligns, strict=True)]
    top = frame.y + (frame.h - len(texts) * size * 1.3) / 2
    items, _, findings = stack_lines(lines, x, top, w, faces, owner)
    items.append(rule(owner, frame.x, frame.y, frame.w, 1.0, RED))
    items.append(rule(owner, frame.x, frame.y + frame.h, frame.w, 1.0, RED))
    return items, findings


def _column_head(frame: Frame, owner: str, faces: FaceSet) -> Result:
    """栏题: the column's name reversed out of red (≥ 10 pt), its sub-line below."""
    title = frame.props.get("title", "")
    subtitle = frame.props.get("subtitle", "")
    size = HAO["三号"]
    band = size * 1.9
    items: list[Item] = [boxed(owner, frame.x, frame.y, frame.w, band, stroke=None, fill=RED)]
    head, y, findings = stack_lines(
        [BlockLine(title, "hei", size, WHITE, "center")],
        frame.x,
        frame.y + (band - size) / 2,
        frame.w,
        faces,
        owner,
    )
    items.extend(head)
    if subtitle:
        sub, _, found = stack_lines(
            # Black: colour type under 18 pt would need two plates in register.
            [BlockLine(subtitle, "kai", HAO["四号"], BLACK, "center")],
            frame.x,
            frame.y + band + 4,
            frame.w,
            faces,
            owner,
        )
        items.extend(sub)
        findings += found
    return items, findings


def _qr(frame: Frame, owner: str, doc: IssueDoc, faces: FaceSet) -> Result:
    payload = frame.props.get("payload") or doc.publication.qr_payload
    if not payload:
        return [], [Finding("empty_frame", owner, "二维码没有内容 / the QR slot has no payload")]
    caption = frame.props.get("caption") or doc.publication.qr_caption
    cap = BlockLine(caption, "song", QR_CAPTION_SIZE, BLACK, "center") if caption else None
    return qr_slot(
        owner,
        payload,
        cap,
        frame.x,
        frame.y,
        frame.w,
        frame.h,
        faces,
        frame.props.get("error", "M"),
    )


def running_head_items(doc: IssueDoc, page: Page, grid: PageGrid, faces: FaceSet) -> list[Item]:
    """报眉 above the type area; the page number sits on the outside edge (even left, odd right)."""
    outer, inner = running_head(doc.publication, doc.issue, page)
    owner = f"running-head-{page.number}"
    x, w = grid.type_left, grid.type_width
    top = grid.type_top - 22
    even = page.number % 2 == 0
    items, _, _ = stack_lines(
        [BlockLine(outer, "hei", HAO["小四"], BLACK, "left" if even else "right")],
        x,
        top,
        w,
        faces,
        owner,
    )
    more, _, _ = stack_lines(
        [BlockLine(inner, "song", HAO["小五"], BLACK, "right" if even else "left")],
        x,
        top + 2,
        w,
        faces,
        owner,
    )
    items.extend(more)
    items.append(rule(owner, x, grid.type_top - 6, w, 0.75))
    credit = credits_line(page)
    if credit:
        foot, _, _ = stack_lines(
            [BlockLine(credit, "song", HAO["六号"], BLACK, "right")],
            x,
            grid.type_bottom + 4,
            w,
            faces,
            owner,
        )
        items.extend(foot)
    return items
