"""Preflight of stand-ins: takes an issue, gives findings for the sample's placeholder text, pictures and credits (示例文字, 示例图片, 示例编辑) on its pages.

In the built-in sample they are expected and only noted (warnings); in any other issue they
are errors: a stand-in must never reach the press.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.compose.issue import owner_id
from app.model import Article, Frame
from app.model.document import IssueDoc
from app.model.placeholder import is_placeholder_credit, is_sample_issue, marker_in
from app.preflight.findings import ERROR, WARNING, FrameNames, ImageInfoSource, PreflightFinding

_CREDITS = (("editor", "责任编辑"), ("designer", "美术编辑"), ("proofreader", "校对"))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _article_marker(article: Article) -> str | None:
    for text in (article.kicker, article.headline, article.subheadline, *article.paragraphs):
        found = marker_in(text)
        if found:
            return found
    return None


def _frame_marker(
    frame: Frame, doc: IssueDoc, image_info: ImageInfoSource | None
) -> tuple[str, str] | None:
    """(code, marker) when the frame shows a stand-in."""
    article = doc.articles.get(frame.article_id) if frame.article_id else None
    if article is not None and frame.kind in ("article", "teaser"):
        found = _article_marker(article)
        if found:
            return "placeholder_text", found
    for value in frame.props.values():
        for text in _strings(value):
            found = marker_in(text)
            if found:
                code = "placeholder_picture" if frame.kind == "image" else "placeholder_text"
                return code, found
    asset = frame.props.get("asset")
    if frame.kind == "image" and isinstance(asset, str) and image_info is not None:
        info = image_info(asset)
        if info is not None and info.placeholder:
            return "placeholder_picture", "示例图片"
    return None


def placeholders(
    doc: IssueDoc, names: FrameNames, image_info: ImageInfoSource | None = None
) -> list[PreflightFinding]:
    sample = is_sample_issue(doc.issue)
    severity = WARNING if sample else ERROR
    why = (
        "示例期次中的占位内容 / a stand-in of the sample issue"
        if sample
        else ("示例占位内容不能付印 / a stand-in from the sample must not go to the press")
    )
    out = []
    for page in doc.pages:
        for frame in doc.frames.get(page.id, []):
            found = _frame_marker(frame, doc, image_info)
            if found is None:
                continue
            code, marker = found
            what = "示例图片" if code == "placeholder_picture" else "示例文字"
            fix = (
                "换上真实图片 / place the real picture"
                if code == "placeholder_picture"
                else "换上真实稿件 / place a real story"
            )
            oid = owner_id(frame)
            out.append(
                PreflightFinding(
                    severity,
                    code,
                    page.number,
                    oid,
                    f"{what}（“{marker}”）：{why}",
                    fix,
                    names.get(oid, ""),
                )
            )
        stand_ins = [
            f"{label}：{getattr(page.credits, key)}"
            for key, label in _CREDITS
            if is_placeholder_credit(getattr(page.credits, key))
        ]
        if stand_ins:
            owner = f"running-head-{page.number}"
            out.append(
                PreflightFinding(
                    severity,
                    "placeholder_credit",
                    page.number,
                    owner,
                    f"示例署名（{'，'.join(stand_ins)}）：{why}",
                    "填写本版责任编辑、美术编辑、校对 / fill in the page's real credits",
                    names.get(owner, ""),
                )
            )
    return out
