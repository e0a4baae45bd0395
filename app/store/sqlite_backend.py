"""The library as one SQLite file (the default): takes a path, gives a Backend through sqlite-utils — created, checked, upgraded, WAL, the write lock up front.

Why the lock up front: a deferred BEGIN lets a transaction read before its first write;
SQLite then has a read snapshot open and, when another process holds or has just released the
write lock, answers SQLITE_BUSY at once without calling the busy handler, so no timeout ever
applied. BEGIN IMMEDIATE asks for the write lock first and waits its turn.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.store import backend, schema
from app.store.backend import Backend, Cursor, Params, Row, TableInfo
from app.store.changes import ChangeFeed, DataVersionFeed
from app.store.checks import check_library_file, sqlite_uri, wal_path
from app.store.errors import LibraryError, LibraryUnavailable, translate


class SqliteBackend(Backend):
    dialect = "sqlite"
    errors = (sqlite3.Error,)

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.path = path
        self.location = str(path)

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        return self.conn.execute(sql, params)

    def insert(self, table: str, row: Row) -> int:
        head, values = self._insert_sql(table, row)
        cursor = self.conn.execute(f"{head} {values}", list(row.values()))
        return int(row["id"]) if row.get("id") is not None else int(cursor.lastrowid or 0)

    def insert_many(self, table: str, rows: Iterable[Row]) -> int:
        batch = list(rows)
        if not batch:
            return 0
        head, values = self._insert_sql(table, batch[0])
        self.conn.executemany(f"{head} {values}", [list(r.values()) for r in batch])
        return len(batch)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def tables(self) -> dict[str, TableInfo]:
        names = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
        found = {}
        for (name,) in names:
            columns = self.conn.execute(f'PRAGMA table_info("{name}")').fetchall()
            refs = self.conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()
            found[name] = TableInfo(
                name,
                tuple(c[1] for c in columns),
                tuple(c[1] for c in sorted((c for c in columns if c[5]), key=lambda c: c[5])),
                frozenset(r[2] for r in refs),
            )
        return found

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        # A deferred transaction: its first read fixes what every later read sees (WAL).
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def serialize(self, key: str) -> None:
        if not self.conn.in_transaction:
            raise LibraryError(f"serialize({key!r}) outside a transaction")
        # Nothing more to do: BEGIN IMMEDIATE holds the file's one write lock.

    @property
    def busy_timeout(self) -> float:
        return self.conn.execute("PRAGMA busy_timeout").fetchone()[0] / 1000

    @busy_timeout.setter
    def busy_timeout(self, seconds: float) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {max(0, round(seconds * 1000))}")

    def translate(self, error: Exception, waited: float = 0.0) -> LibraryError:
        assert isinstance(error, sqlite3.Error)
        return translate(error, self.path, waited)

    def is_unique_violation(self, error: BaseException | None) -> bool:
        return isinstance(error, sqlite3.IntegrityError) and "UNIQUE" in str(error)

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def changes(self) -> ChangeFeed:
        return DataVersionFeed(lambda: self.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.db.close()

    @property
    def native(self) -> Any:
        return self.db


def _connect(path: Path) -> Database:
    # mode=rw: never create a file here (create() does that on purpose); autocommit at the
    # driver level so every transaction is an explicit BEGIN … COMMIT (Library.transaction).
    conn = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {round(backend.BUSY_TIMEOUT * 1000)}")
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


def create_file(path: Path, fill: Callable[[SqliteBackend], None] | None = None) -> SqliteBackend:
    """A new library at `path`, refusing to touch an existing file; `fill` writes its first
    contents in the same transaction as the schema, so the file is whole or not there."""
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
        _settle(db)  # an empty file: WAL and foreign keys from the start
        made = SqliteBackend(db, path)
        db.execute("BEGIN IMMEDIATE")
        schema.create_v1(db)
        for version in range(1, schema.SCHEMA_VERSION):
            schema.migrate_step(db, version)
        if fill is not None:
            fill(made)
        db.execute("COMMIT")
    except BaseException as e:
        if db is not None:
            db.close()
        for ours in (path, wal_path(path), path.with_name(path.name + "-shm")):
            ours.unlink(missing_ok=True)  # made above with O_EXCL, and its side files
        if isinstance(e, sqlite3.Error):
            kind = type(translate(e, path))
            raise kind(f"无法创建版面库文件 / cannot create the library file: {path} ({e})") from e
        raise
    return made


def open_file(path: Path) -> SqliteBackend:
    """An existing library, after checking it read-only; upgraded if it is older."""
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
    return SqliteBackend(db, path)


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
        raise kind(schema.upgrade_failed(version, path, e)) from e
