"""The Library: takes a .banmian SQLite file, gives model objects in and out, one transaction per change.

Writes wait their turn (txn.py: the lock up front, then savepoints); rows are validated as they
are read (app/model/validate.py): list readers take a `damaged` list that collects one Damage
per bad field and leave out what cannot be used, single-row readers raise DamagedRow.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from app.model import Article, Frame, Issue, Page, Publication
from app.store import rows, schema
from app.store.assets import AssetStore
from app.store.checks import check_library_file, sqlite_uri, wal_path
from app.store.errors import DamagedRow, LibraryError, LibraryUnavailable, translate
from app.store.proofs import ProofStore
from app.store.revisions import RevisionStore
from app.store.rows import Damaged
from app.store.styles import StyleStore
from app.store.txn import BUSY_TIMEOUT, Transactions
from app.store.undo_rows import UndoRows
from layouts.grid import GRIDS

M = TypeVar("M")
PAGE_FORMATS = tuple(GRIDS)  # the first is the default


def _connect(path: Path) -> Database:
    # mode=rw: never create a file here (create() does that on purpose); autocommit at the
    # driver level so every transaction is an explicit BEGIN … COMMIT (txn.py).
    conn = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {round(BUSY_TIMEOUT * 1000)}")
    # synchronous=FULL: in WAL mode each COMMIT is fsynced, so a committed edit survives power
    # loss (NORMAL may drop the last commits, though never corrupts); a crash loses at most
    # the edit in flight. Costs one fsync per command, which a desktop editor can afford.
    conn.execute("PRAGMA synchronous = FULL")
    return Database(conn, execute_plugins=False)


def _settle(db: Database) -> None:
    """Switch to WAL and enforce foreign keys; after migrations, which run with them off so a
    future step may rebuild tables (SQLite's 12-step ALTER) and checks them itself."""
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")


class Library(Transactions, AssetStore, ProofStore, RevisionStore, StyleStore, UndoRows):
    """One newspaper's library file. Open with Library.open(path) or Library.create(path).

    Images and story pictures come from AssetStore (assets.py); proof rounds, marks and
    sign-offs from ProofStore (proofs.py); named revisions and id-keeping re-inserts for undo
    from RevisionStore (revisions.py); the house style from StyleStore (styles.py); the undo
    history kept across restarts from UndoRows (undo_rows.py).
    """

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self.path = path
        self._page_size: tuple[float, float] | None = None

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Library:
        """Make a new, empty library at `path`; refuses to touch an existing file."""
        path = Path(path)
        # A stale -wal beside a new file would be replayed into it: refuse that too.
        for existing in (path, wal_path(path)):
            if existing.exists():
                raise LibraryError(f"文件已存在 / file already exists: {existing}")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: if another process made the file since the check above, we fail, not it.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError as e:
            raise LibraryError(f"文件已存在 / file already exists: {path}") from e
        except OSError as e:
            raise LibraryError(
                f"无法创建版面库文件 / cannot create the library file: {path} ({e})"
            ) from e
        db: Database | None = None
        try:
            db = _connect(path)
            db.execute("BEGIN IMMEDIATE")
            schema.create_v1(db)
            for version in range(1, schema.SCHEMA_VERSION):
                schema.migrate_step(db, version)
            db.execute("COMMIT")
            _settle(db)
        except BaseException as e:
            if db is not None:
                db.close()
            path.unlink(missing_ok=True)  # ours: made above with O_EXCL
            if isinstance(e, sqlite3.Error):
                kind = type(translate(e, path))
                raise kind(
                    f"无法创建版面库文件 / cannot create the library file: {path} ({e})"
                ) from e
            raise
        return cls(db, path)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Library:
        """Open an existing library, after checking it read-only; migrate it if it is older."""
        path = Path(path)
        version = check_library_file(path)
        cannot_open = "无法打开版面库文件 / cannot open the library file"
        try:
            db = _connect(path)
        except sqlite3.Error as e:
            raise LibraryError(f"{cannot_open}: {path} ({e})") from e
        try:
            for step in range(version, schema.SCHEMA_VERSION):
                _migrate(db, path, step)
            _settle(db)  # e.g. fails in a read-only folder, where WAL cannot make its -shm
        except sqlite3.Error as e:
            db.close()
            kind = type(translate(e, path))
            kind = kind if issubclass(kind, LibraryUnavailable) else LibraryError
            raise kind(f"{cannot_open}: {path} ({e})") from e
        except BaseException:
            db.close()
            raise
        return cls(db, path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def db(self) -> Database:
        """The sqlite-utils Database, for diagnostics and tests; edit through the methods."""
        return self._db

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # -- generic helpers ----------------------------------------------------------------

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        with self.transaction():
            return int(self._db.table(table).insert(row).last_pk)

    def _update(self, table: str, id_: int | None, row: dict[str, Any], what: str) -> None:
        if id_ is None:
            raise LibraryError(f"{what}还没有存入库中 / {what!s} has no id yet: save it first")
        with self.transaction():
            try:
                self._db.table(table).update(id_, row)
            except NotFoundError as e:
                raise LibraryError(f"库中没有编号为{id_}的记录 / no {table} row {id_}") from e

    def _delete(self, table: str, id_: int) -> None:
        with self.transaction():
            try:
                self._db.table(table).delete(id_)
            except NotFoundError as e:
                raise LibraryError(f"库中没有编号为{id_}的记录 / no {table} row {id_}") from e

    def _get(self, table: str, id_: int | str) -> dict[str, Any]:
        try:
            return self._db.table(table).get(id_)
        except NotFoundError as e:
            raise LibraryError(f"库中没有编号为{id_}的记录 / no {table} row {id_}") from e

    def _where(
        self, table: str, where: str | None, args: list[Any], order: str
    ) -> list[dict[str, Any]]:
        return list(self._db.table(table).rows_where(where, args, order_by=order))

    @staticmethod
    def _readable(
        found: list[dict[str, Any]], read: Callable[[dict[str, Any], Damaged], M], damaged: Damaged
    ) -> list[M]:
        """Each row read; one that is damaged beyond repair is left out (and, like every
        repair, reported in `damaged` when the caller keeps such a list)."""
        out = []
        for row in found:
            try:
                out.append(read(row, damaged))
            except DamagedRow:
                continue
        return out

    def page_size(self) -> tuple[float, float]:
        """The trim size of the publication's pages in points (frames are clamped to it)."""
        if self._page_size is None:
            found = self._db.execute("SELECT page_format FROM publication").fetchone()
            make = GRIDS.get(found[0]) if found else None
            # An unknown format (itself a damaged row, reported with the publication) clamps
            # to the largest page we know: generous, and still bounded.
            grids = [make()] if make is not None else [g() for g in GRIDS.values()]
            self._page_size = max((g.trim_w, g.trim_h) for g in grids)
        return self._page_size

    @staticmethod
    def _needs(value: int | None, message: str) -> int:
        if value is None:
            raise LibraryError(message)
        return value

    @staticmethod
    def _with_id(obj: M, id_: int) -> M:
        return dataclasses.replace(obj, id=id_)  # type: ignore[type-var]

    # -- publication and issues ---------------------------------------------------------

    def save_publication(self, pub: Publication) -> Publication:
        """Insert the library's one publication (id None) or update it; returns it with its id."""
        self._page_size = None
        row = rows.publication_row(pub)
        if pub.id is None:
            if self._db.table("publication").count:
                raise LibraryError("库中已有报纸 / the library already holds a publication")
            return self._with_id(pub, self._insert("publication", {"id": 1, **row}))
        self._update("publication", pub.id, row, "报纸 publication")
        return pub

    def publication(self, damaged: Damaged = None) -> Publication | None:
        found = self._where("publication", None, [], "id")
        return rows.publication_from_row(found[0], PAGE_FORMATS, damaged) if found else None

    def add_issue(self, issue: Issue) -> Issue:
        return self._with_id(issue, self._insert("issues", rows.issue_row(issue)))

    def update_issue(self, issue: Issue) -> None:
        self._update("issues", issue.id, rows.issue_row(issue), "这一期 issue")

    def issue(self, issue_id: int) -> Issue:
        return rows.issue_from_row(self._get("issues", issue_id))

    def issue_by_number(self, cumulative: int, damaged: Damaged = None) -> Issue:
        found = self._where("issues", "cumulative_number = ?", [cumulative], "id")
        if not found:
            raise LibraryError(f"没有第{cumulative}期 / no issue {cumulative}")
        return rows.issue_from_row(found[0], damaged)

    def issues(self, damaged: Damaged = None) -> list[Issue]:
        """Every issue, oldest (lowest cumulative number) first."""
        found = self._where("issues", None, [], "cumulative_number")
        return self._readable(found, rows.issue_from_row, damaged)

    def delete_issue(self, issue_id: int) -> None:
        """Remove an issue with all it holds — pages, frames, stories, proof rounds, marks,
        sign-offs, revisions (ON DELETE CASCADE); pictures stay among the assets."""
        self._delete("issues", issue_id)

    # -- pages ----------------------------------------------------------------------------

    def add_page(self, page: Page) -> Page:
        self._needs(page.issue_id, "版面需要所属的一期 / a page needs an issue_id")
        return self._with_id(page, self._insert("pages", rows.page_row(page)))

    def update_page(self, page: Page) -> None:
        self._update("pages", page.id, rows.page_row(page), "版面 page")

    def page(self, page_id: int) -> Page:
        return rows.page_from_row(self._get("pages", page_id))

    def delete_page(self, page_id: int) -> None:
        """Remove a page with its frames (and its marks and sign-offs, by cascade)."""
        self._delete("pages", page_id)

    def pages(self, issue_id: int, damaged: Damaged = None) -> list[Page]:
        """The issue's pages by number (版序)."""
        found = self._where("pages", "issue_id = ?", [issue_id], "number, id")
        return self._readable(found, rows.page_from_row, damaged)

    # -- articles -------------------------------------------------------------------------

    def add_article(self, article: Article) -> Article:
        self._needs(article.issue_id, "稿件需要所属的一期 / an article needs an issue_id")
        return self._with_id(article, self._insert("articles", rows.article_row(article)))

    def update_article(self, article: Article) -> None:
        """Save a story as it is (proof marks follow text edits in app/edit/marks.py)."""
        self._update("articles", article.id, rows.article_row(article), "稿件 article")

    def article(self, article_id: int) -> Article:
        return rows.article_from_row(self._get("articles", article_id))

    def articles(self, issue_id: int, damaged: Damaged = None) -> list[Article]:
        """The issue's article bin in the order stories were added."""
        found = self._where("articles", "issue_id = ?", [issue_id], "id")
        return self._readable(found, rows.article_from_row, damaged)

    def delete_article(self, article_id: int) -> None:
        """Remove a story; frames that showed it stay on the page, empty (article_id None)."""
        self._delete("articles", article_id)

    # -- frames ---------------------------------------------------------------------------

    def add_frame(self, frame: Frame) -> Frame:
        self._needs(frame.page_id, "版框需要所属的版面 / a frame needs a page_id")
        return self._with_id(frame, self._insert("frames", rows.frame_row(frame)))

    def update_frame(self, frame: Frame) -> None:
        self._needs(frame.page_id, "版框需要所属的版面 / a frame needs a page_id")
        self._update("frames", frame.id, rows.frame_row(frame), "版框 frame")

    def delete_frame(self, frame_id: int) -> None:
        self._delete("frames", frame_id)

    def _frame_from_row(self, row: dict[str, Any], damaged: Damaged) -> Frame:
        return rows.frame_from_row(row, self.page_size(), damaged)

    def frame(self, frame_id: int) -> Frame:
        return self._frame_from_row(self._get("frames", frame_id), None)

    def frames(self, page_id: int, damaged: Damaged = None) -> list[Frame]:
        """The page's frames in the order they were added (later ones on top)."""
        found = self._where("frames", "page_id = ?", [page_id], "id")
        return self._readable(found, self._frame_from_row, damaged)

    def frames_of_article(self, article_id: int, damaged: Damaged = None) -> list[Frame]:
        """The story's thread: its frames by thread_index, across pages (跨版转接)."""
        found = self._where("frames", "article_id = ?", [article_id], "thread_index, id")
        return self._readable(found, self._frame_from_row, damaged)


def _migrate(db: Database, path: Path, version: int) -> None:
    """One forward step in one transaction: it fails whole, leaving the library at `version`.

    The write lock is taken first, then the version read again: two programs opening an old
    library at once take turns, and the second finds the step done."""
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] == version:
                schema.migrate_step(db, version)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise LibraryError(f"foreign keys broken in {len(broken)} rows")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except (sqlite3.Error, LibraryError) as e:
        kind = type(translate(e, path)) if isinstance(e, sqlite3.Error) else LibraryError
        kind = kind if issubclass(kind, LibraryUnavailable) else LibraryError
        raise kind(
            f"版面库升级失败（版本 {version} → {version + 1}），文件未改动 / could not upgrade "
            f"the library from version {version} to {version + 1}, file left as it was: "
            f"{path} ({e})"
        ) from e
