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


def _both(zh: str, en: str) -> str:
    """One line for the command line, Chinese first; the window shows one half (widgets/i18n)."""
    return f"{zh} / {en}"


def _article_parts(item: ImportedArticle, pictures: int) -> tuple[str, str]:
    a = item.article
    how_zh, how_en = _HOW.get(item.how, (item.how, item.how))
    head = f"《{_clip(a.headline)}》"
    zh, en = [head], [head]
    if a.kicker:
        zh.append(f"引题「{_clip(a.kicker)}」")
        en.append(f"kicker 「{_clip(a.kicker)}」")
    if a.subheadline:
        zh.append(f"副题「{_clip(a.subheadline)}」")
        en.append(f"subheadline 「{_clip(a.subheadline)}」")
    zh.append(f"电头「{a.byline}」" if a.byline else "无电头")
    en.append(f"byline 「{a.byline}」" if a.byline else "no byline")
    zh.append(f"{len(a.paragraphs)}段 {a.char_count}字")
    en.append(f"{len(a.paragraphs)} paragraphs, {a.char_count} characters")
    if pictures:
        zh.append(f"{pictures}图")
        en.append(f"{pictures} pictures")
    return " ".join(zh) + f"（据{how_zh}识别）", " ".join(en) + f" (from {how_en})"


def describe_article(item: ImportedArticle, pictures: int) -> str:
    """主题、引题、副题、电头、段数、字数 of one story, in one line."""
    return _both(*_article_parts(item, pictures))


def _fullwidth_parts(result: ImportResult) -> tuple[str, str] | None:
    n = sum(len(item.suggestions) for item in result.items)
    if not n:
        return None
    if all(item.fullwidth_applied for item in result.items if item.suggestions):
        return f"已改{n}处半角标点为全角", f"{n} ASCII marks made full-width"
    return f"{n}处半角标点可改为全角", f"{n} ASCII marks could be full-width"


def details(result: ImportResult) -> list[str]:
    """One line per story, then the notes (characters removed or kept, skipped parts …)."""
    lines = []
    for item in result.items:
        n = sum(1 for p in result.pictures if p.article_id == item.article.id)
        lines.append(describe_article(item, n))
    spaces = sum(item.spaces_removed for item in result.items)
    if spaces:
        lines.append(
            _both(f"已删除{spaces}处汉字间空格", f"{spaces} stray spaces between Han removed")
        )
    fullwidth = _fullwidth_parts(result)
    lines += [_both(*fullwidth)] if fullwidth else []
    lines += result.notes
    for p in result.pictures:
        size = f"{p.width}×{p.height} {p.format} {p.mode}"
        if p.caption:
            caption = f"「{_clip(p.caption, 30)}」"
            lines.append(_both(f"图 {size} {caption}", f"picture {size} {caption}"))
        else:
            lines.append(_both(f"图 {size} 无图说", f"picture {size}, no caption"))
    return lines


def describe(result: ImportResult) -> str:
    """What an import recognised, in one line for the command line and the status bar."""
    name = Path(result.source).name
    if len(result.items) == 1:
        zh, en = _article_parts(result.items[0], len(result.pictures))
    elif not result.items and result.pictures:  # a picture file, joined to a story
        p = result.pictures[0]
        size = f"{p.width}×{p.height} {p.format}"
        zh, en = f"图 {size} → 《{_clip(p.story)}》", f"picture {size} → 《{_clip(p.story)}》"
    else:
        stories, chars, pictures = len(result.items), result.chars, len(result.pictures)
        zh = f"{stories}篇稿件，{chars}字，{pictures}图"
        en = f"{stories} articles, {chars} characters, {pictures} pictures"
    extra_zh, extra_en = [], []
    fullwidth = _fullwidth_parts(result)
    if fullwidth:
        extra_zh.append(fullwidth[0])
        extra_en.append(fullwidth[1])
    if result.notes:
        extra_zh.append(f"{len(result.notes)}条提示")
        extra_en.append(f"{len(result.notes)} notes")
    zh = f"{name}：{zh}" + (f"；{'；'.join(extra_zh)}" if extra_zh else "")
    en = f"{name}: {en}" + (f"; {'; '.join(extra_en)}" if extra_en else "")
    return _both(zh, en)


def summarise(results: list[ImportResult]) -> str:
    """A whole import (one drop, one menu choice) in one line for the status bar."""
    if len(results) == 1:
        return describe(results[0])
    stories = sum(len(r.items) for r in results)
    chars = sum(r.chars for r in results)
    pictures = sum(len(r.pictures) for r in results)
    notes = sum(len(r.notes) for r in results)
    zh = f"已导入{len(results)}个文件：{stories}篇稿件，{chars}字，{pictures}图"
    en = (
        f"imported {len(results)} files: {stories} stories, {chars} characters, {pictures} pictures"
    )
    if notes:
        zh += f"；{notes}条提示"
        en += f"; {notes} notes"
    return _both(zh, en)


def needs_attention(result: ImportResult) -> bool:
    """Whether the desk should read the details: notes, or full-width fixes still only offered."""
    offered = any(item.suggestions and not item.fullwidth_applied for item in result.items)
    return bool(result.notes) or offered
