"""The Library's pictures (a mixin of Library): takes image assets and story↔picture links, gives them back, and deletes an asset only when nothing uses it."""

from __future__ import annotations

from dataclasses import dataclass

from app.model import Asset
from app.store import rows
from app.store.errors import LibraryError


@dataclass(frozen=True, slots=True)
class ArticlePicture:
    """A picture that came with a story (a photo in the reporter's .docx), with its caption.

    `position` orders a story's pictures (0 first) and names one of them: the same photo may
    come twice in one story, under two captions.
    """

    article_id: int
    asset_id: str
    caption: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class AssetUse:
    """Who still needs an asset: frames showing it (an image frame's `asset`, a masthead's
    `title_asset`), stories it came with, named revisions whose frames show it."""

    frames: tuple[int, ...] = ()
    articles: tuple[int, ...] = ()
    revisions: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.frames or self.articles or self.revisions)


def _picture(row: rows.Row) -> ArticlePicture:
    return ArticlePicture(row["article_id"], row["asset_id"], row["caption"], row["position"])


class AssetStore:
    """Content-addressed images and the story↔picture table; every method is one transaction.

    Library supplies `_b` (the backend), `transaction()`, `serialize()` and the `_get/_where`
    helpers this mixin calls.
    """

    # -- assets -----------------------------------------------------------------------------

    def put_asset(self, asset: Asset) -> str:
        """Store an image once by the SHA-256 of its bytes; the same bytes again add nothing."""
        with self.transaction():
            # ON CONFLICT DO NOTHING (both dialects): a second desk storing the same bytes
            # at the same moment waits for the first and then adds nothing.
            self._b.execute(
                "INSERT INTO assets (id, mime, width, height, data) "
                "VALUES (:id, :mime, :width, :height, :data) ON CONFLICT (id) DO NOTHING",
                rows.asset_row(asset),
            )
        return asset.id

    def asset(self, asset_id: str) -> Asset:
        return rows.asset_from_row(self._get("assets", asset_id))

    def has_asset(self, asset_id: str) -> bool:
        return (
            self._b.execute("SELECT 1 FROM assets WHERE id = ?", [asset_id]).fetchone() is not None
        )

    def asset_use(self, asset_id: str) -> AssetUse:
        """Everything that still refers to the asset; empty (falsy) when it may go.

        Frames and revision snapshots keep asset ids inside their JSON props under keys the
        library does not own (asset, title_asset …); an id is 64 hex digits, so finding it in
        the text cannot be a false match.
        """
        frames = self._b.execute(
            "SELECT id FROM frames WHERE instr(props, ?) > 0 ORDER BY id", [asset_id]
        ).fetchall()
        articles = self._b.execute(
            "SELECT DISTINCT article_id FROM article_pictures WHERE asset_id = ? "
            "ORDER BY article_id",
            [asset_id],
        ).fetchall()
        revisions = self._b.execute(
            "SELECT id FROM revisions WHERE instr(snapshot, ?) > 0 ORDER BY id", [asset_id]
        ).fetchall()
        return AssetUse(
            tuple(r[0] for r in frames),
            tuple(r[0] for r in articles),
            tuple(r[0] for r in revisions),
        )

    def delete_asset(self, asset_id: str) -> None:
        """Remove an image nothing uses; refuses (LibraryError, nothing changed) while a frame,
        a story's picture list or a named revision still refers to it."""
        with self.transaction():
            if not self.has_asset(asset_id):
                raise LibraryError(f"库中没有这张图片 / no asset {asset_id}")
            use = self.asset_use(asset_id)
            if use:
                raise LibraryError(
                    f"图片仍在使用（版框{len(use.frames)}个、稿件{len(use.articles)}篇、"
                    f"版本{len(use.revisions)}个），不能删除 / the picture is still used by "
                    f"{len(use.frames)} frames, {len(use.articles)} stories and "
                    f"{len(use.revisions)} revisions: {asset_id}"
                )
            self._b.execute("DELETE FROM assets WHERE id = ?", [asset_id])

    # -- a story's pictures ------------------------------------------------------------------

    def add_article_picture(
        self, article_id: int, asset_id: str, caption: str = "", position: int | None = None
    ) -> ArticlePicture:
        """Link a stored picture to a story, after its others (or at `position`, which must be
        free: the undo of a delete puts a picture back where it was)."""
        with self.transaction():
            # Two desks adding pictures to one story take turns for its next position.
            self.serialize(f"article-pictures:{article_id}")
            self._get("articles", article_id)  # a clear message rather than a foreign-key one
            if not self.has_asset(asset_id):
                raise LibraryError(f"库中没有这张图片 / no asset {asset_id}: store it first")
            if position is None:
                last = self._b.execute(
                    "SELECT max(position) FROM article_pictures WHERE article_id = ?",
                    [article_id],
                ).fetchone()[0]
                position = 0 if last is None else last + 1
            if position < 0:
                raise LibraryError(f"图片位置不能为负 / negative picture position {position}")
            picture = ArticlePicture(article_id, asset_id, caption, position)
            self._b.execute(
                "INSERT INTO article_pictures (article_id, asset_id, caption, position) "
                "VALUES (?, ?, ?, ?)",
                [article_id, asset_id, caption, position],
            )
        return picture

    def article_pictures(self, article_id: int) -> list[ArticlePicture]:
        """The story's pictures in order, each with its caption."""
        found = self._where("article_pictures", "article_id = ?", [article_id], "position")
        return [_picture(r) for r in found]

    def set_article_picture_caption(self, article_id: int, position: int, caption: str) -> None:
        with self.transaction():
            cursor = self._b.execute(
                "UPDATE article_pictures SET caption = ? WHERE article_id = ? AND position = ?",
                [caption, article_id, position],
            )
            if cursor.rowcount != 1:
                raise LibraryError(_no_picture(article_id, position))

    def delete_article_picture(self, article_id: int, position: int) -> ArticlePicture:
        """Unlink one picture from a story (the asset stays: delete_asset decides); returns it."""
        with self.transaction():
            found = self._where(
                "article_pictures",
                "article_id = ? AND position = ?",
                [article_id, position],
                "position",
            )
            if not found:
                raise LibraryError(_no_picture(article_id, position))
            self._b.execute(
                "DELETE FROM article_pictures WHERE article_id = ? AND position = ?",
                [article_id, position],
            )
        return _picture(found[0])


def _no_picture(article_id: int, position: int) -> str:
    return (
        f"稿件{article_id}没有第{position + 1}张图片 / story {article_id} has no picture {position}"
    )
