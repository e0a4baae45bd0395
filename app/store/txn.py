"""Write transactions (a mixin of Library): takes the backend, gives transaction() — writers take turns, a wait that applies, savepoints inside, driver errors as LibraryError kinds.

SQLite takes the file's one write lock up front (BEGIN IMMEDIATE), so writers run one after
another and everything a transaction reads is what it writes over. PostgreSQL lets writers of
different rows run at once (row locks, READ COMMITTED); a multi-step change that must not
interleave with another of its kind — autofill or a proof round on one issue, a new issue —
says so with serialize(key) at its start, an advisory lock held to the end of the transaction.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from app.store.backend import Backend
from app.store.errors import CHECKED_OUT, LibraryCheckedOut, LibraryError


class Transactions:
    """`transaction()`, `serialize()` and the wait for a lock; Library supplies `_b`."""

    _b: Backend
    _savepoints: int = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes inside commit together or not at all.

        The outermost block starts the transaction, waiting up to `busy_timeout` seconds for
        another writer (SQLite: for the file's write lock, taken at once; PostgreSQL: for a
        row or a serialize() key another desk holds), so a multi-step change (autofill, next
        issue, an import) is one transaction and lands wholly before or after another. Nested
        blocks are savepoints: an error inside one undoes just that block. Driver errors come
        out as LibraryError kinds (LibraryBusy, LibraryReadOnly, LibraryFull: nothing was
        written).
        """
        b = self._b
        if b.in_transaction:
            with self._savepoint():
                yield
            return
        started = time.monotonic()
        try:
            b.begin()
        except b.errors as e:
            raise b.translate(e, round(time.monotonic() - started, 1)) from e
        try:
            mark = self._changes_mark()  # type: ignore[attr-defined]  # Journal (journal.py)
            yield
            self._stamp_changes(mark)  # type: ignore[attr-defined]  # who made the logged changes
            b.commit()
        except BaseException as e:
            if b.in_transaction:
                with contextlib.suppress(*b.errors):  # keep the first error, not this one
                    b.rollback()
            if isinstance(e, b.errors):
                raise self._translate(e, round(time.monotonic() - started, 1)) from e
            raise

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        b = self._b
        self._savepoints += 1
        name = f"banmian_{self._savepoints}"
        b.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException as e:
            # An error such as SQLITE_FULL may have ended the whole transaction already.
            if b.in_transaction:
                b.execute(f"ROLLBACK TO SAVEPOINT {name}")
                b.execute(f"RELEASE SAVEPOINT {name}")
            if isinstance(e, b.errors):
                raise self._translate(e) from e
            raise
        else:
            b.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._savepoints -= 1

    def serialize(self, key: str) -> None:
        """Inside a transaction: take turns with every other transaction that serializes on
        `key` (e.g. "issue:12"): wait until none holds it, hold it until this one ends."""
        b = self._b
        if not b.in_transaction:
            raise LibraryError(f"serialize({key!r}) needs a transaction")
        started = time.monotonic()
        try:
            b.serialize(key)
        except b.errors as e:
            raise b.translate(e, round(time.monotonic() - started, 1)) from e

    def _translate(self, error: Exception, waited: float = 0.0) -> LibraryError:
        found = self._b.translate(error, waited)
        if isinstance(found, LibraryCheckedOut) or CHECKED_OUT in str(error):  # desks.py
            # The guard refused: name who holds what.
            return self.checked_out_error()  # type: ignore[attr-defined, no-any-return]
        return found

    @property
    def in_transaction(self) -> bool:
        return self._b.in_transaction

    @property
    def busy_timeout(self) -> float:
        """Seconds a write waits for another program's transaction before LibraryBusy."""
        return self._b.busy_timeout

    @busy_timeout.setter
    def busy_timeout(self, seconds: float) -> None:
        if self.in_transaction:
            raise LibraryError("事务中不能改等待时间 / cannot change the wait inside a transaction")
        self._b.busy_timeout = seconds

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
