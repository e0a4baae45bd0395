"""The library on a PostgreSQL server: takes a postgresql:// URL, gives a Backend through psycopg 3 — the schema made in an empty database, checked and upgraded on open, errors as LibraryError kinds.

One connection per open library, in autocommit mode so every transaction is an explicit
BEGIN … COMMIT (as with SQLite). Writers of different rows run at once (READ COMMITTED, row
locks); serialize(key) is an advisory lock held to the end of the transaction; lock_timeout
is the busy timeout. A connection the server dropped (a restart, a network cut) is made again
before the next transaction, so a desk survives a server restart with its edits waiting.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import pq

from app.store import backend, schema
from app.store.backend import Backend, Cursor, Params, Row, TableInfo
from app.store.changes import ChangeFeed
from app.store.errors import LibraryError, LibraryUnavailable
from app.store.location import ServerUrl
from app.store.pg_errors import connect_error, translate
from app.store.pg_roles import forbidden, login_role
from app.store.pg_schema import notify_all, pg_tables, quiet
from app.store.pg_sql import to_pg

# A desk that stops answering in the middle of a change (a suspended laptop) must not hold
# its rows for ever; a change that takes longer than this (seconds) is rolled back.
IDLE_IN_TRANSACTION = 600
SCHEMA_KEY = "banmian:schema"  # creating and upgrading the schema take turns on this key
_IDLE = pq.TransactionStatus.IDLE


class PgBackend(Backend):
    dialect = "postgresql"
    errors = (psycopg.Error,)
    path: Path | None = None
    role: str | None = None  # the login's newsroom role (pg_roles.py); None: not restricted

    def __init__(self, url: ServerUrl) -> None:
        self.url = url
        self.location = str(url)
        self._busy = backend.BUSY_TIMEOUT
        self.conn = self._connect()

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            conn = psycopg.connect(
                self.url.url, autocommit=True, application_name="banmian", connect_timeout=10
            )
        except psycopg.Error as e:
            raise connect_error(e, self.location) from e
        conn.execute(f"SET lock_timeout = {max(0, round(self._busy * 1000))}")
        conn.execute(f"SET idle_in_transaction_session_timeout = {IDLE_IN_TRANSACTION * 1000}")
        self.role = login_role(conn)  # editor, proofreader, chief, printshop (pg_roles.py)
        return conn

    def _ready(self) -> None:
        """A new connection if the server dropped ours (only between transactions)."""
        if self.conn.broken or self.conn.closed:
            self.conn = self._connect()

    @property
    def backend_pid(self) -> int:
        return self.conn.info.backend_pid

    # -- statements --------------------------------------------------------------------------

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        if not self.in_transaction:
            self._ready()
        return self.conn.execute(to_pg(sql), params or [])  # type: ignore[arg-type]

    def execute_native(self, sql: str, params: Params | None = None) -> Cursor:
        """A statement in PostgreSQL's own dialect (trigger functions, catalogs), untranslated."""
        if not self.in_transaction:
            self._ready()
        return self.conn.execute(sql, params)  # type: ignore[arg-type]

    def insert(self, table: str, row: Row) -> int:
        head, values = self._insert_sql(table, row)
        cursor = self.execute(f"{head} {values} RETURNING id", list(row.values()))
        made = int(cursor.fetchone()[0])
        if row.get("id") is not None:
            self.ids_after(table, made)
        return made

    def ids_after(self, table: str, at_least: int | None = None) -> None:
        """New ids of `table` come after `at_least` (default: its largest id) and after every
        id handed out before. A row put back under its own id (an undo, a copy) does not move
        an identity sequence; in a file the next id is always the largest plus one."""
        largest = f"(SELECT max(id) FROM {table})" if at_least is None else "%s"
        self.conn.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            f"GREATEST({largest}, nextval(pg_get_serial_sequence(%s, 'id'))))",
            [table, *([] if at_least is None else [at_least]), table],
        )

    def insert_many(self, table: str, rows: Iterable[Row]) -> int:
        batch = list(rows)
        if not batch:
            return 0
        head, values = self._insert_sql(table, batch[0])
        with self.conn.cursor() as cursor:
            cursor.executemany(to_pg(f"{head} {values}"), [list(r.values()) for r in batch])
        return len(batch)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(to_pg(sql), rows)

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        # OVERRIDING SYSTEM VALUE: the change log's seq is GENERATED ALWAYS; a copy keeps it.
        head, values = self._insert_sql(table, columns)
        self.executemany(f"{head} OVERRIDING SYSTEM VALUE {values}", rows)

    def tables(self) -> dict[str, TableInfo]:
        return pg_tables(self)

    def bulk_change(self) -> None:
        quiet(self)

    def announce_all(self) -> None:
        notify_all(self)

    def stream(self, sql: str, size: int = 500) -> Iterator[list[tuple[Any, ...]]]:
        # A server-side cursor: rows come over in batches instead of all at once.
        with self.conn.cursor(name="banmian_stream") as cursor:
            cursor.execute(to_pg(sql), [])
            while batch := cursor.fetchmany(size):
                yield batch

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        self._ready()
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    # -- transactions ------------------------------------------------------------------------

    def begin(self) -> None:
        self._ready()
        self.conn.execute("BEGIN")

    @property
    def in_transaction(self) -> bool:
        return not self.conn.closed and self.conn.info.transaction_status != _IDLE

    def serialize(self, key: str) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])

    @property
    def busy_timeout(self) -> float:
        return self._busy

    @busy_timeout.setter
    def busy_timeout(self, seconds: float) -> None:
        self._busy = max(0.0, seconds)
        if not (self.conn.broken or self.conn.closed):
            self.conn.execute(f"SET lock_timeout = {round(self._busy * 1000)}")

    # -- errors, versions, the end -------------------------------------------------------------

    def translate(self, error: Exception, waited: float = 0.0) -> LibraryError:
        if getattr(error, "sqlstate", None) == "42501":  # refused by the login's role
            return forbidden(error, self.location, self.conn.info.user, self.role)
        return translate(error, self.location, waited)

    def is_unique_violation(self, error: BaseException | None) -> bool:
        return isinstance(error, psycopg.errors.UniqueViolation)

    def schema_version(self) -> int:
        row = self.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0])

    def changes(self) -> ChangeFeed:
        from app.store.pg_schema import NotifyFeed

        return NotifyFeed(self.url.url, lambda: self.backend_pid)

    def close(self) -> None:
        self.conn.close()

    @property
    def native(self) -> Any:
        return self.conn


def _schema_turn(b: PgBackend) -> None:
    """BEGIN, then wait for any other program creating or upgrading this database's schema."""
    b.begin()
    b.serialize(SCHEMA_KEY)


def create_database(url: ServerUrl, fill: Callable[[PgBackend], None] | None = None) -> PgBackend:
    """The library's schema laid down in an empty database (a non-empty one is refused);
    `fill` writes its first contents in the same transaction: all of it lands, or the
    database stays empty."""
    from app.store.pg_schema import install_notify, survey

    b = PgBackend(url)
    try:
        _schema_turn(b)
        found = survey(b)
        if found.tables:
            raise LibraryError(
                f"数据库不是空的，未改动 / the database is not empty ({found.describe()}), "
                f"nothing changed: {b.location}"
            )
        schema.create_v1(b)
        for version in range(1, schema.SCHEMA_VERSION):
            schema.migrate_step(b, version)
        install_notify(b)
        if fill is not None:
            fill(b)
        b.commit()
    except BaseException as e:
        _give_up(b)
        if isinstance(e, psycopg.Error):
            kind = type(b.translate(e))
            raise kind(
                f"无法在数据库中建库 / cannot create the library in the database: "
                f"{b.location} ({' '.join(str(e).split())})"
            ) from e
        raise
    return b


def database_is_empty(url: ServerUrl) -> bool:
    from app.store.pg_schema import survey

    b = PgBackend(url)
    try:
        return not survey(b).tables
    except psycopg.Error as e:
        raise b.translate(e) from e
    finally:
        b.close()


def open_database(url: ServerUrl) -> PgBackend:
    """An existing library on the server, after checking it is one; upgraded if older."""
    from app.store.pg_schema import install_notify, survey

    b = PgBackend(url)
    try:
        version = survey(b).version_or_refuse(b.location)
        if version < schema.SCHEMA_VERSION:
            _schema_turn(b)
            try:
                version = survey(b).version_or_refuse(b.location)  # perhaps done meanwhile
                for step in range(version, schema.SCHEMA_VERSION):
                    schema.migrate_step(b, step)
                if version < schema.SCHEMA_VERSION:
                    install_notify(b)
                b.commit()
            except (psycopg.Error, LibraryError) as e:
                kind = type(b.translate(e)) if isinstance(e, psycopg.Error) else LibraryError
                kind = kind if issubclass(kind, LibraryUnavailable) else LibraryError
                raise kind(schema.upgrade_failed(version, b.location, e)) from e
    except psycopg.Error as e:
        _give_up(b)
        raise b.translate(e) from e
    except BaseException:
        _give_up(b)
        raise
    return b


def _give_up(b: PgBackend) -> None:
    if not b.conn.closed:
        try:
            if b.in_transaction:
                b.rollback()
        finally:
            b.close()
