"""The store's seam between SQL and a database: takes statements written once (SQLite's syntax, `?` parameters), gives rows, ids and transactions from SQLite or PostgreSQL.

Library and its mixins speak only to this interface. Two implementations: sqlite.py (a file,
through sqlite-utils; the default) and pg.py (a server, through psycopg 3), which translates
the few places where the dialects differ (parameters, `instr`, column types in DDL). The
helpers below are plain SQL both accept; table and column names are ours, never user input.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from app.store.changes import ChangeFeed
from app.store.errors import LibraryError

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another's transaction (read at connect time)

Row = dict[str, Any]
Params = Sequence[Any] | Mapping[str, Any]


class Cursor(Protocol):
    """What execute() gives back: rows as tuples (sqlite3's cursor, psycopg's cursor)."""

    rowcount: int
    description: Any

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


@dataclass(frozen=True, slots=True)
class TableInfo:
    """A table as the database describes it: its columns in order, its primary key, and the
    tables its foreign keys point to."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    refers_to: frozenset[str]


def _quoted(name: str) -> str:
    return f'"{name}"'


def dicts(cursor: Cursor) -> list[Row]:
    """The cursor's rows as dicts by column name."""
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class Backend(abc.ABC):
    """One open connection to a library, SQLite file or PostgreSQL database."""

    dialect: ClassVar[str]  # "sqlite" or "postgresql"
    errors: tuple[type[Exception], ...]  # the driver's exception classes
    location: str  # what messages name: the file's path, or the URL without its password
    path: Path | None  # the library file; None for a server

    # -- statements --------------------------------------------------------------------------

    @abc.abstractmethod
    def execute(self, sql: str, params: Params = ()) -> Cursor:
        """Run one statement written in SQLite's syntax with `?` (or `:name`) parameters."""

    @abc.abstractmethod
    def insert(self, table: str, row: Row) -> int:
        """Insert one row of a table keyed by `id`; the row's id (given or made)."""

    @abc.abstractmethod
    def insert_many(self, table: str, rows: Iterable[Row]) -> int:
        """Insert rows sharing one set of columns; how many."""

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        return dicts(self.execute(sql, params))

    def get(self, table: str, key: int | str) -> Row | None:
        found = self.query(f"SELECT * FROM {_quoted(table)} WHERE id = ?", [key])
        return found[0] if found else None

    def where(self, table: str, where: str | None, args: Params, order: str) -> list[Row]:
        clause = f" WHERE {where}" if where else ""
        return self.query(f"SELECT * FROM {_quoted(table)}{clause} ORDER BY {order}", args)

    def update(
        self, table: str, key: int | str, row: Row, expect: Mapping[str, Any] | None = None
    ) -> int:
        """Set `row`'s columns on the row `key`; how many rows matched (0 or 1).

        `expect` adds conditions (column = value) the row must still meet: the seam for
        optimistic writes (a row version read before, compared as it is written)."""
        sets = ", ".join(f"{_quoted(c)} = ?" for c in row)
        conds = "".join(f" AND {_quoted(c)} = ?" for c in expect or {})
        args = [*row.values(), key, *(expect or {}).values()]
        sql = f"UPDATE {_quoted(table)} SET {sets} WHERE id = ?{conds}"
        return self.execute(sql, args).rowcount

    def delete(self, table: str, key: int | str) -> int:
        return self.execute(f"DELETE FROM {_quoted(table)} WHERE id = ?", [key]).rowcount

    def count(self, table: str) -> int:
        return int(self.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()[0])

    @staticmethod
    def _insert_sql(table: str, columns: Iterable[str]) -> tuple[str, str]:
        names = list(columns)
        return (
            f"INSERT INTO {_quoted(table)} ({', '.join(_quoted(c) for c in names)})",
            f"VALUES ({', '.join('?' for _ in names)})",
        )

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Insert rows given as tuples in `columns`' order, ids and all (a copy): identity
        columns take the values given."""
        head, values = self._insert_sql(table, columns)
        self.executemany(f"{head} {values}", rows)

    @abc.abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def stream(self, sql: str, size: int = 500) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a query in batches of `size`, never all at once (a library's pictures
        may be larger than memory); inside snapshot()."""
        cursor = self.execute(sql)
        while batch := cursor.fetchmany(size):  # type: ignore[attr-defined]
            yield batch

    def ids_after(self, table: str, at_least: int | None = None) -> None:  # noqa: B027
        """New ids of `table` come after its largest id (and `at_least`): rows put back under
        their own ids must not be handed out again. A file does this by itself."""

    def bulk_change(self) -> None:  # noqa: B027
        """A bulk change (a copy) begins in this transaction: desks are told once, at the
        end (announce_all), not row by row."""

    def announce_all(self) -> None:  # noqa: B027
        """Tell other desks that anything may have changed (a file's data_version does)."""

    @abc.abstractmethod
    def tables(self) -> dict[str, TableInfo]:
        """Every table of the library, by name."""

    @abc.abstractmethod
    def snapshot(self) -> contextlib.AbstractContextManager[None]:
        """A read-only view of the whole library as it is now, for reading many tables as one
        (a copy while desks keep writing)."""

    # -- transactions ------------------------------------------------------------------------

    @abc.abstractmethod
    def begin(self) -> None:
        """Start a write transaction (SQLite: BEGIN IMMEDIATE, the file's write lock up front)."""

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    @property
    @abc.abstractmethod
    def in_transaction(self) -> bool: ...

    @abc.abstractmethod
    def serialize(self, key: str) -> None:
        """Inside a transaction: wait until no other transaction holds `key`, then hold it to
        the end of this one (PostgreSQL: an advisory lock; SQLite: the write lock taken by
        begin() already serializes every writer)."""

    @property
    @abc.abstractmethod
    def busy_timeout(self) -> float:
        """Seconds a write waits for another writer (a lock) before LibraryBusy."""

    @busy_timeout.setter
    @abc.abstractmethod
    def busy_timeout(self, seconds: float) -> None: ...

    # -- errors, versions, the end -------------------------------------------------------------

    @abc.abstractmethod
    def translate(self, error: Exception, waited: float = 0.0) -> LibraryError:
        """The LibraryError kind for a driver error (busy, read-only, full, unavailable…)."""

    @abc.abstractmethod
    def is_unique_violation(self, error: BaseException | None) -> bool: ...

    @abc.abstractmethod
    def schema_version(self) -> int: ...

    @abc.abstractmethod
    def changes(self) -> ChangeFeed:
        """What other connections commit from now on (the change hook, see changes.py)."""

    @abc.abstractmethod
    def close(self) -> None: ...

    @property
    @abc.abstractmethod
    def native(self) -> Any:
        """The driver's own handle (sqlite-utils Database, psycopg Connection): diagnostics and
        tests only."""
