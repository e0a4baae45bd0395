"""Storing and undoing an import: takes checked drafts and a Library, gives ImportResults (or undoes one)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from app.errors import UserError
from app.intake.draft import FileDrafts
from app.intake.report import ImportedArticle, ImportedPicture, ImportResult
from app.model import Issue
from app.store import Library, LibraryError


def _has_asset(library: Library, asset_id: str) -> bool:
    # A read through the Database handle: Library has no has_asset() yet (see the report).
    row = library.db.execute("SELECT 1 FROM assets WHERE id = ?", [asset_id]).fetchone()
    return row is not None


def store(library: Library, issue: Issue, files: list[FileDrafts]) -> list[ImportResult]:
    """Put every draft of every file into the issue's bin in one transaction: all or nothing."""
    if issue.id is None:
        raise UserError("这一期还没有存入库中 / the issue has not been saved to the library")
    results = []
    with library.transaction():
        for f in files:
            result = ImportResult(f.source, f.kind, [], notes=list(f.notes), encoding=f.encoding)
            for draft in f.drafts:
                article = library.add_article(replace(draft.article, issue_id=issue.id, id=None))
                assert article.id is not None
                result.items.append(
                    ImportedArticle(
                        article,
                        draft.how,
                        draft.suggestions,
                        draft.fullwidth_applied,
                        draft.spaces_removed,
                    )
                )
                for picture in draft.pictures:
                    new = not _has_asset(library, picture.asset.id)
                    library.put_asset(picture.asset)
                    result.pictures.append(
                        ImportedPicture(
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
                        )
                    )
            results.append(result)
    return results


def undo_import(
    library: Library, results: ImportResult | Iterable[ImportResult]
) -> tuple[int, int]:
    """Remove what the import(s) added, in one transaction; returns (articles, pictures) removed.

    Refuses, changing nothing, while an imported story is placed on a page; stories already
    deleted are skipped; a picture stays if a frame has come to show it since.
    """
    batch = [results] if isinstance(results, ImportResult) else list(results)
    articles = [a for r in batch for a in r.articles if a.id is not None]
    removed_articles = removed_assets = 0
    with library.transaction():
        for a in articles:
            if library.frames_of_article(a.id):  # type: ignore[arg-type]
                raise UserError(
                    f"稿件《{a.headline}》已上版，请先从版面撤下再撤销导入 / "
                    f"the story {a.headline!r} is placed on a page: take it off before undoing"
                )
        for a in articles:
            try:
                library.delete_article(a.id)  # type: ignore[arg-type]
            except LibraryError:
                continue  # deleted by hand since
            removed_articles += 1
        for asset_id in sorted({i for r in batch for i in r.new_asset_ids}):
            used = library.db.execute(
                "SELECT 1 FROM frames WHERE props LIKE ?", [f"%{asset_id}%"]
            ).fetchone()
            if used is None:
                # Library has no delete_asset() yet (see the report); inside its transaction.
                cursor = library.db.execute("DELETE FROM assets WHERE id = ?", [asset_id])
                removed_assets += cursor.rowcount
    return removed_articles, removed_assets
