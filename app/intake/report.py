"""Import reports: takes what an import stored, gives ImportResult and one-line descriptions of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.intake.draft import Suggestion
from app.model import Article

_HOW = {
    "styles": ("样式", "styles"),
    "labels": ("标注", "labels"),
    "shape": ("版式", "shape"),
    "corpus": ("稿库文件", "corpus"),
}


@dataclass(frozen=True)
class ImportedPicture:
    """A picture stored by an import, with the caption found for it and the story it came with.

    It is linked to that story in the library (Library.article_pictures) at `position`, with
    its caption; the desk places it from there (image frame, caption).
    """

    asset_id: str
    article_id: int
    caption: str
    width: int
    height: int
    format: str
    mode: str
    colour: bool
    dpi: float | None
    new: bool  # not in the library before this import: undo removes it, unless still used
    position: int = 0  # among the story's pictures (ArticlePicture.position)
    story: str = ""  # the story's headline, for the report


@dataclass
class ImportedArticle:
    """A stored story and what was recognised while reading it."""

    article: Article  # as stored, with its id
    how: str  # styles, labels, shape or corpus
    suggestions: list[Suggestion] = field(default_factory=list)
    fullwidth_applied: bool = False
    spaces_removed: int = 0


@dataclass
class ImportResult:
    """One file's import: what went into the library (for undo) and what to tell the user."""

    source: str
    kind: str  # docx, txt, md, json
    items: list[ImportedArticle]
    pictures: list[ImportedPicture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    encoding: str = ""

    @property
    def articles(self) -> list[Article]:
        return [item.article for item in self.items]

    @property
    def chars(self) -> int:
        return sum(a.char_count for a in self.articles)

    @property
    def new_asset_ids(self) -> list[str]:
        return sorted({p.asset_id for p in self.pictures if p.new})


def _clip(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def describe_article(item: ImportedArticle, pictures: int) -> str:
    """主题、引题、副题、电头、段数、字数 of one story, in one line."""
    a = item.article
    zh, en = _HOW.get(item.how, (item.how, item.how))
    parts = [f"《{_clip(a.headline)}》"]
    if a.kicker:
        parts.append(f"引题「{_clip(a.kicker)}」")
    if a.subheadline:
        parts.append(f"副题「{_clip(a.subheadline)}」")
    parts.append(f"电头「{a.byline}」" if a.byline else "无电头 no byline")
    parts.append(f"{len(a.paragraphs)}段 paragraphs")
    parts.append(f"{a.char_count}字 characters")
    if pictures:
        parts.append(f"{pictures}图 pictures")
    return " ".join(parts) + f"（据{zh}识别 / from {en}）"


def _fullwidth_note(result: ImportResult) -> str:
    n = sum(len(item.suggestions) for item in result.items)
    if not n:
        return ""
    if all(item.fullwidth_applied for item in result.items if item.suggestions):
        return f"已改{n}处半角标点为全角 / {n} ASCII marks made full-width"
    return f"{n}处半角标点可改为全角 / {n} ASCII marks could be full-width"


def details(result: ImportResult) -> list[str]:
    """One line per story, then the notes (characters removed or kept, skipped parts …)."""
    lines = []
    for item in result.items:
        n = sum(1 for p in result.pictures if p.article_id == item.article.id)
        lines.append(describe_article(item, n))
    spaces = sum(item.spaces_removed for item in result.items)
    if spaces:
        lines.append(f"已删除{spaces}处汉字间空格 / {spaces} stray spaces between Han removed")
    fullwidth = _fullwidth_note(result)
    lines += [fullwidth] if fullwidth else []
    lines += result.notes
    for p in result.pictures:
        caption = f"「{_clip(p.caption, 30)}」" if p.caption else "无图说 no caption"
        lines.append(f"图 picture {p.width}×{p.height} {p.format} {p.mode} {caption}")
    return lines


def describe(result: ImportResult) -> str:
    """What an import recognised, in one line for the command line and the status bar."""
    name = Path(result.source).name
    if len(result.items) == 1:
        head = describe_article(result.items[0], len(result.pictures))
    elif not result.items and result.pictures:  # a picture file, joined to a story
        p = result.pictures[0]
        head = f"图 picture {p.width}×{p.height} {p.format} → 《{_clip(p.story)}》"
    else:
        head = (
            f"{len(result.items)}篇 articles, {result.chars}字 characters, "
            f"{len(result.pictures)}图 pictures"
        )
    extra = [n for n in (_fullwidth_note(result),) if n]
    if result.notes:
        extra.append(f"{len(result.notes)}条提示 notes")
    return f"{name}: {head}" + (f"; {'; '.join(extra)}" if extra else "")


def summarise(results: list[ImportResult]) -> str:
    """A whole import (one drop, one menu choice) in one line for the status bar."""
    if len(results) == 1:
        return describe(results[0])
    stories = sum(len(r.items) for r in results)
    chars = sum(r.chars for r in results)
    pictures = sum(len(r.pictures) for r in results)
    notes = sum(len(r.notes) for r in results)
    line = (
        f"已导入{len(results)}个文件：{stories}篇稿件，{chars}字，{pictures}图 / imported "
        f"{len(results)} files: {stories} stories, {chars} characters, {pictures} pictures"
    )
    return line + (f"; {notes}条提示 notes" if notes else "")


def needs_attention(result: ImportResult) -> bool:
    """Whether the desk should read the details: notes, or full-width fixes still only offered."""
    offered = any(item.suggestions and not item.fullwidth_applied for item in result.items)
    return bool(result.notes) or offered
