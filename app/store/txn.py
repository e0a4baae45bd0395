"""Write transactions (a mixin of Library): takes the connection, gives transaction() — the write lock up front, a busy timeout that applies, savepoints inside, SQLite errors as LibraryError kinds.

Why up front: a deferred BEGIN lets sqlite-utils read table information before the first
write; SQLite then has a read snapshot open and, when another process holds or has just
released the write lock, answers SQLITE_BUSY at once without calling the busy handler, so no
timeout ever applied. BEGIN IMMEDIATE asks for the write lock first and waits its turn.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from app.store.errors import LibraryError, translate

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction to end


class Transactions:
    """`transaction()` and the wait for the write lock; Library supplies `_db` and `path`."""

    _db: Database
    path: Path
    _savepoints: int = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes inside commit together or not at all.

        The outermost block takes the write lock at once (BEGIN IMMEDIATE), waiting up to
        `busy_timeout` seconds for another writer, so everything it reads is what it writes
        over: a multi-step change (autofill, next issue, an import) is one transaction and
        another process's change lands wholly before or after it. Nested blocks are
        savepoints: an error inside one undoes just that block. SQLite errors come out as
        LibraryError kinds (LibraryBusy, LibraryReadOnly, LibraryFull: nothing was written).
        """
        conn = self._db.conn
        if conn.in_transaction:
            with self._savepoint(conn):
                yield
            return
        started = time.monotonic()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise translate(e, self.path, round(time.monotonic() - started, 1)) from e
        try:
            yield
            conn.execute("COMMIT")
        except BaseException as e:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # keep the first error, not this one
                    conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise translate(e, self.path) from e
            raise

    @contextlib.contextmanager
    def _savepoint(self, conn: sqlite3.Connection) -> Iterator[None]:
        self._savepoints += 1
        name = f"banmian_{self._savepoints}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException as e:
            # An error such as SQLITE_FULL may have ended the whole transaction already.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            if isinstance(e, sqlite3.Error):
                raise translate(e, self.path) from e
            raise
        else:
            conn.execute(f"RELEASE {name}")
        finally:
            self._savepoints -= 1

    @property
    def in_transaction(self) -> bool:
        return self._db.conn.in_transaction

    @property
    def busy_timeout(self) -> float:
        """Seconds a write waits for another process's transaction before LibraryBusy."""
        return self._db.execute("PRAGMA busy_timeout").fetchone()[0] / 1000

    @busy_timeout.setter
    def busy_timeout(self, seconds: float) -> None:
        if self.in_transaction:
            raise LibraryError("事务中不能改等待时间 / cannot change the wait inside a transaction")
        self._db.execute(f"PRAGMA busy_timeout = {max(0, round(seconds * 1000))}")

    @contextlib.contextmanager
    def patience(self, seconds: float) -> Iterator[None]:
        """Wait at most `seconds` for the write lock inside the block (a retry in the window
        should not freeze it), then go back to the usual wait."""
        before = self.busy_timeout
        self.busy_timeout = seconds
        try:
            yield
        finally:
            self.busy_timeout = before
