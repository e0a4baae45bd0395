"""Storing, undoing and redoing an import: takes checked drafts and a Library, gives ImportResults (or takes one back)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from app.errors import UserError
from app.intake.draft import FileDrafts
from app.intake.pictures import Picture
from app.intake.report import ImportedArticle, ImportedPicture, ImportResult
from app.model import Article, Asset, Issue
from app.store import Library, LibraryError


def _link(library: Library, picture: Picture, article: Article) -> ImportedPicture:
    """Store the picture (once, by its hash) and add it, with its caption, to the story."""
    assert article.id is not None
    new = not library.has_asset(picture.asset.id)
    library.put_asset(picture.asset)
    link = library.add_article_picture(article.id, picture.asset.id, picture.caption)
    return ImportedPicture(
        asset_id=picture.asset.id,
        article_id=article.id,
        caption=picture.caption,
        width=picture.asset.width,
        height=picture.asset.height,
        format=picture.format,
        mode=picture.mode,
        colour=picture.colour,
        dpi=picture.dpi,
        new=new,
        position=link.position,
        story=article.headline,
    )


def _story_for(
    library: Library,
    issue: Issue,
    source: str,
    stored: list[tuple[str, Article]],
    attach_to: int | None,
) -> Article:
    """The story a picture file joins: the one from the same drop whose file name begins its
    name (稿件.docx + 稿件-1.jpg), else the drop's first story, else the chosen `attach_to`."""
    stem = Path(source).stem
    named = [a for s, a in stored if stem.startswith(Path(s).stem)]
    if named or stored:
        return (named or [a for _, a in stored])[0]
    if attach_to is not None:
        try:
            article = library.article(attach_to)
        except LibraryError:
            article = None
        if article is not None and article.issue_id == issue.id:
            return article
    name = Path(source).name
    raise UserError(
        f"图片须随稿件导入，或先在稿库中选中一篇稿件：{name} / "
        f"a picture goes in with a story: import it with one, or select one in the bin: {name}"
    )


def store(
    library: Library, issue: Issue, files: list[FileDrafts], attach_to: int | None = None
) -> list[ImportResult]:
    """Put every draft of every file into the issue's bin in one transaction: all or nothing.

    Pictures found in a file go with its story; picture files on their own join a story of the
    same import (see _story_for) or, failing that, story `attach_to`.
    """
    if issue.id is None:
        raise UserError("这一期还没有存入库中 / the issue has not been saved to the library")
    results = []
    stored: list[tuple[str, Article]] = []
    with library.transaction():
        for f in files:
            result = ImportResult(f.source, f.kind, [], notes=list(f.notes), encoding=f.encoding)
            for draft in f.drafts:
                article = library.add_article(replace(draft.article, issue_id=issue.id, id=None))
                stored.append((f.source, article))
                result.items.append(
                    ImportedArticle(
                        article,
                        draft.how,
                        draft.suggestions,
                        draft.fullwidth_applied,
                        draft.spaces_removed,
                    )
                )
                result.pictures += [_link(library, p, article) for p in draft.pictures]
            results.append(result)
        for f, result in zip(files, results, strict=True):
            for picture in f.pictures:
                story = _story_for(library, issue, f.source, stored, attach_to)
                result.pictures.append(_link(library, picture, story))
    return results


def _batch(results: ImportResult | Iterable[ImportResult]) -> list[ImportResult]:
    return [results] if isinstance(results, ImportResult) else list(results)


def undo_import(
    library: Library, results: ImportResult | Iterable[ImportResult]
) -> tuple[int, int]:
    """Remove what the import(s) added, in one transaction; returns (articles, pictures) removed.

    Refuses, changing nothing, while an imported story is placed on a page; stories already
    deleted are skipped; a picture stays while a frame, another story or a revision uses it.
    """
    batch = _batch(results)
    articles = [a for r in batch for a in r.articles if a.id is not None]
    removed_articles = removed_assets = 0
    with library.transaction():
        for a in articles:
            if library.frames_of_article(a.id):  # type: ignore[arg-type]
                raise UserError(
                    f"稿件《{a.headline}》已上版，请先从版面撤下再撤销导入 / "
                    f"the story {a.headline!r} is placed on a page: take it off before undoing"
                )
        for p in (p for r in batch for p in r.pictures):
            # Pictures that joined a story already in the bin: only the link goes.
            here = {(q.position, q.asset_id) for q in library.article_pictures(p.article_id)}
            if (p.position, p.asset_id) in here:
                library.delete_article_picture(p.article_id, p.position)
        for a in articles:
            try:
                library.delete_article(a.id)  # type: ignore[arg-type]
            except LibraryError:
                continue  # deleted by hand since
            removed_articles += 1
        for asset_id in sorted({i for r in batch for i in r.new_asset_ids}):
            if library.has_asset(asset_id) and not library.asset_use(asset_id):
                library.delete_asset(asset_id)
                removed_assets += 1
    return removed_articles, removed_assets


def redo_import(
    library: Library, results: ImportResult | Iterable[ImportResult], assets: Mapping[str, Asset]
) -> None:
    """Put back, under the same ids, what undo_import took out: the stories, the pictures
    (`assets` holds their bytes by id) and each story's picture links with their captions."""
    batch = _batch(results)
    with library.transaction():
        for article in (a for r in batch for a in r.articles):
            library.restore_article(article)
        for p in (p for r in batch for p in r.pictures):
            if not library.has_asset(p.asset_id):
                library.put_asset(assets[p.asset_id])
            library.add_article_picture(p.article_id, p.asset_id, p.caption, p.position)
