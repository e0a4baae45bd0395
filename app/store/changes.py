"""The change hook for live desks: takes an open library, gives what other desks committed since it last asked.

PostgreSQL says exactly what changed: a trigger on each editable table sends a notification
(`LISTEN banmian`) naming the table, the operation and the row's keys (id and parent ids such
as a frame's page_id), delivered when the writer commits; a desk's own changes are left out.
SQLite can only say that something changed: `PRAGMA data_version` moves when another
connection commits, and the desk reloads what it shows. Either way `poll()` never blocks;
`fileno()` gives a socket to watch (PostgreSQL: a Qt socket notifier wakes the window at once)
or None (SQLite: poll on a timer, a few times a second costs microseconds).
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any

CHANNEL = "banmian"  # the PostgreSQL notification channel


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row another desk inserted, updated or deleted; `keys` holds its id and parents'."""

    table: str
    op: str  # "INSERT", "UPDATE" or "DELETE"
    keys: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the last poll: rows when known; `unknown` when only the fact is
    known (SQLite, or a bulk change such as a library copy): reload whatever is shown."""

    rows: tuple[RowChange, ...] = ()
    unknown: bool = False

    def __bool__(self) -> bool:
        return self.unknown or bool(self.rows)

    def tables(self) -> set[str]:
        return {r.table for r in self.rows}


class ChangeFeed(abc.ABC):
    """Other desks' commits, from the moment the feed was made."""

    @abc.abstractmethod
    def poll(self) -> Changes:
        """What was committed by others since the last poll (empty when nothing); never blocks."""

    def fileno(self) -> int | None:
        """A socket that becomes readable when a change arrives, or None: poll on a timer."""
        return None

    def close(self) -> None:  # noqa: B027 - nothing to close for SQLite
        """Stop listening."""


class DataVersionFeed(ChangeFeed):
    """SQLite: `PRAGMA data_version` on the library's own connection, read between
    transactions; it moves only for commits made by other connections."""

    def __init__(self, read_version: Any) -> None:
        self._read = read_version
        self._seen = self._read()

    def poll(self) -> Changes:
        now = self._read()
        if now == self._seen:
            return Changes()
        self._seen = now
        return Changes(unknown=True)
