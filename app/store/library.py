"""The Library: takes a .banmian SQLite file or a PostgreSQL URL, gives model objects in and out, one transaction per change.

Writes wait their turn (txn.py: the lock up front, then savepoints); rows are validated as they
are read (app/model/validate.py): list readers take a `damaged` list that collects one Damage
per bad field and leave out what cannot be used, single-row readers raise DamagedRow.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from app.model import Article, Frame, Issue, Page, Publication
from app.store import rows
from app.store.assets import AssetStore
from app.store.backend import Backend
from app.store.changes import ChangeFeed
from app.store.desks import DeskRows, default_person, install_guard
from app.store.errors import DamagedRow, LibraryConflict, LibraryError
from app.store.journal import Journal
from app.store.location import Location, ServerUrl, parse_location
from app.store.proofs import ProofStore
from app.store.revisions import RevisionStore
from app.store.rows import Damaged
from app.store.sqlite_backend import create_file, open_file
from app.store.styles import StyleStore
from app.store.txn import Transactions
from app.store.undo_rows import UndoRows
from layouts.grid import GRIDS

M = TypeVar("M")
PAGE_FORMATS = tuple(GRIDS)  # the first is the default


class Library(
    Transactions, AssetStore, ProofStore, RevisionStore, StyleStore, UndoRows, Journal, DeskRows
):
    """One newspaper's library: a file, or a database on a PostgreSQL server. Open with
    Library.open(location) or Library.create(location).

    Images and story pictures come from AssetStore (assets.py); proof rounds, marks and
    sign-offs from ProofStore (proofs.py); named revisions and id-keeping re-inserts for undo
    from RevisionStore (revisions.py); the house style from StyleStore (styles.py); the undo
    history kept across restarts from UndoRows (undo_rows.py); the change log from Journal
    (journal.py); desks and check-outs from DeskRows (desks.py). Every statement goes
    through the backend (backend.py).

    Each open library is a desk of its own (`desk_id`) worked by `person`: both are stamped
    on every change it makes. Updates are checked against the row's version (the model
    object's `version`, as it was read): another desk's change in between is LibraryConflict.
    """

    def __init__(self, backend: Backend) -> None:
        self._b = backend
        self._page_size: tuple[float, float] | None = None
        self.desk_id = uuid.uuid4().hex[:12]
        self.person = default_person()
        self.command = ""
        self.closed = False
        install_guard(backend, self.desk_id)

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def create(
        cls,
        location: str | os.PathLike[str] | Location,
        fill: Callable[[Library], object] | None = None,
    ) -> Library:
        """Make a new library: a file at a path (refusing an existing one), or the schema in
        an empty PostgreSQL database (refusing one that holds any table). `fill` writes its
        first contents (the sample issue, a copied library) in the transaction that makes
        it: when it fails, no file is left and the database is empty again."""
        where = parse_location(location)
        made: list[Library] = []

        def filled(backend: Backend) -> None:
            made.append(cls(backend))
            if fill is not None:
                fill(made[0])

        if isinstance(where, ServerUrl):
            from app.store.pg_backend import create_database  # psycopg: only for a server

            create_database(where, filled)
        else:
            create_file(where, filled)
        return made[0]

    @staticmethod
    def exists(location: str | os.PathLike[str] | Location) -> bool:
        """Whether there is a library to open: an existing file, or a database with tables
        (an empty database is to a URL what a missing file is to a path)."""
        where = parse_location(location)
        if isinstance(where, ServerUrl):
            from app.store.pg_backend import database_is_empty

            return not database_is_empty(where)
        return where.exists()

    @classmethod
    def open(cls, location: str | os.PathLike[str] | Location) -> Library:
        """Open an existing library after checking it is one this build reads (a file
        read-only first); upgrade it if it is older."""
        where = parse_location(location)
        if isinstance(where, ServerUrl):
            from app.store.pg_backend import open_database

            return cls(open_database(where))
        return cls(open_file(where))

    def close(self) -> None:
        """Close the library; a desk that joined leaves first (its check-outs end with it; if
        the library cannot take that now, they end when their lease runs out)."""
        if self.closed:
            return
        if self.joined:
            try:
                with self.patience(1.0):
                    self.leave()
            except LibraryError:
                pass
        self.closed = True
        self._b.close()

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
    def path(self) -> Path | None:
        """The library file; None for a library on a server."""
        return self._b.path

    @property
    def files(self) -> list[Path]:
        """The library's file, for outputs that must never be written over it; none for a
        server library."""
        return [self._b.path] if self._b.path is not None else []

    @property
    def location(self) -> str:
        """What messages and titles name: the file's path, or the URL without its password."""
        return self._b.location

    @property
    def backend(self) -> Backend:
        return self._b

    @property
    def db(self) -> Any:
        """The driver's handle (sqlite-utils Database, psycopg Connection), for diagnostics
        and tests; edit through the methods."""
        return self._b.native

    @property
    def schema_version(self) -> int:
        return self._b.schema_version()

    def changes(self) -> ChangeFeed:
        """Other desks' commits from now on (see changes.py): poll it between transactions."""
        return self._b.changes()

    # -- generic helpers ----------------------------------------------------------------

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        with self.transaction():
            return self._b.insert(table, row)

    def _update(
        self, table: str, id_: int | None, row: dict[str, Any], what: str, version: int = 0
    ) -> int:
        """Write `row` over row `id_` if it is still at `version` (0: whatever its version,
        for rows built by hand); gives the row's new version. LibraryConflict if another
        desk changed it since, nothing written."""
        if id_ is None:
            raise LibraryError(f"{what}还没有存入库中 / {what!s} has no id yet: save it first")
        with self.transaction():
            found = self._b.execute(f'SELECT version FROM "{table}" WHERE id = ?', [id_])
            now = found.fetchone()
            if now is None:
                raise LibraryError(f"库中没有编号为{id_}的记录 / no {table} row {id_}")
            expected = version or int(now[0])
            written = self._b.update(
                table, id_, {**row, "version": expected + 1}, expect={"version": expected}
            )
            if not written:
                current = int(now[0]) if version != int(now[0]) else expected + 1
                by = self.last_changed_by(table, id_)
                raise LibraryConflict(table, id_, version, current, by, what)
        return expected + 1

    def _delete(self, table: str, id_: int) -> None:
        with self.transaction():
            if self._b.delete(table, id_) == 0:
                raise LibraryError(f"库中没有编号为{id_}的记录 / no {table} row {id_}")

    def _get(self, table: str, id_: int | str) -> dict[str, Any]:
        found = self._b.get(table, id_)
        if found is None:
            raise LibraryError(f"库中没有编号为{id_}的记录 / no {table} row {id_}")
        return found

    def _where(
        self, table: str, where: str | None, args: list[Any], order: str
    ) -> list[dict[str, Any]]:
        return self._b.where(table, where, args, order)

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
            found = self._b.execute("SELECT page_format FROM publication").fetchone()
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
        """A row just inserted: its id, and version 1 (the column's default)."""
        return dataclasses.replace(obj, id=id_, version=1)  # type: ignore[type-var]

    # -- publication and issues ---------------------------------------------------------

    def save_publication(self, pub: Publication) -> Publication:
        """Insert the library's one publication (id None) or update it; returns it with its id."""
        self._page_size = None
        row = rows.publication_row(pub)
        if pub.id is None:
            if self._b.count("publication"):
                raise LibraryError("库中已有报纸 / the library already holds a publication")
            return self._with_id(pub, self._insert("publication", {"id": 1, **row}))
        version = self._update("publication", pub.id, row, "报纸 publication", pub.version)
        return dataclasses.replace(pub, version=version)

    def publication(self, damaged: Damaged = None) -> Publication | None:
        found = self._where("publication", None, [], "id")
        return rows.publication_from_row(found[0], PAGE_FORMATS, damaged) if found else None

    def add_issue(self, issue: Issue) -> Issue:
        return self._with_id(issue, self._insert("issues", rows.issue_row(issue)))

    def update_issue(self, issue: Issue) -> Issue:
        """Save the issue; gives it with its new version (so do the other update methods)."""
        row = rows.issue_row(issue)
        version = self._update("issues", issue.id, row, "这一期 issue", issue.version)
        return dataclasses.replace(issue, version=version)

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

    def update_page(self, page: Page) -> Page:
        version = self._update("pages", page.id, rows.page_row(page), "版面 page", page.version)
        return dataclasses.replace(page, version=version)

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

    def update_article(self, article: Article) -> Article:
        """Save a story as it is (proof marks follow text edits in app/edit/marks.py)."""
        row = rows.article_row(article)
        version = self._update("articles", article.id, row, "稿件 article", article.version)
        return dataclasses.replace(article, version=version)

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

    def update_frame(self, frame: Frame) -> Frame:
        self._needs(frame.page_id, "版框需要所属的版面 / a frame needs a page_id")
        row = rows.frame_row(frame)
        version = self._update("frames", frame.id, row, "版框 frame", frame.version)
        return dataclasses.replace(frame, version=version)

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
