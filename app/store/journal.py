"""Row versions and the change log (a mixin of Library): takes the library's connection, gives the version columns and triggers, what other desks committed since a sequence number, and the stamp (desk, person, command, time) on this desk's own changes.

Every editable row carries a version (1 when inserted, +1 on every update, by whatever
program: a trigger bumps a write that did not). Triggers append one row to `changes` per
insert, update and delete of an editable row, in the writer's own transaction: table, row
id, version, the issue and page it belongs to. The writer stamps its rows with its desk,
person, command and time before it commits (txn.py), so a watcher (app/edit/live.py) asks
"what changed since seq N, and not by me?" and reloads only that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.store.backend import Backend

# Tables whose rows desks edit, with how a row finds its issue and page (ROW is NEW or OLD).
VERSIONED: dict[str, tuple[str, str]] = {
    "publication": ("NULL", "NULL"),
    "issues": ("ROW.id", "NULL"),
    "pages": ("ROW.issue_id", "ROW.id"),
    "articles": ("ROW.issue_id", "NULL"),
    "frames": ("(SELECT issue_id FROM pages WHERE id = ROW.page_id)", "ROW.page_id"),
    "proof_rounds": ("ROW.issue_id", "NULL"),
    "proof_marks": (
        "(SELECT issue_id FROM proof_rounds WHERE id = ROW.round_id)",
        "ROW.page_id",
    ),
    "page_signoffs": ("(SELECT issue_id FROM pages WHERE id = ROW.page_id)", "ROW.page_id"),
}
# Logged without a version of their own: a named revision appears, a check-out is taken or ends.
LOGGED: dict[str, tuple[str, str, str]] = {
    "revisions": ("ROW.id", "ROW.issue_id", "NULL"),
    "checkouts": (
        "ROW.target_id",
        "CASE ROW.kind WHEN 'page' THEN (SELECT issue_id FROM pages WHERE id = ROW.target_id) "
        "ELSE (SELECT issue_id FROM articles WHERE id = ROW.target_id) END",
        "CASE ROW.kind WHEN 'page' THEN ROW.target_id END",
    ),
}
KEEP_CHANGES = 20_000  # log rows kept; a watcher further behind reloads everything it shows

CHANGES_DDL = """CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl TEXT NOT NULL,
    row_id INTEGER,
    op TEXT NOT NULL CHECK (op IN ('INSERT', 'UPDATE', 'DELETE')),
    version INTEGER,
    issue_id INTEGER,
    page_id INTEGER,
    desk TEXT,
    person TEXT,
    command TEXT,
    at TEXT
)"""


def _log(table: str, op: str, row: str, row_id: str, version: str, issue: str, page: str) -> str:
    def of(expr: str) -> str:
        return expr.replace("ROW", row)

    return (
        "INSERT INTO changes (tbl, row_id, op, version, issue_id, page_id) VALUES "
        f"('{table}', {of(row_id)}, '{op}', {of(version)}, {of(issue)}, {of(page)});"
    )


def version_columns() -> list[str]:
    """The version column of every editable row (either dialect)."""
    return [f"ALTER TABLE {t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1" for t in VERSIONED]


def journal_sqlite() -> list[str]:
    """The change log and the triggers that bump versions and fill it, in a file
    (newsroom_pg.py: the same on a server)."""
    out = [CHANGES_DDL]
    logged = {t: ("ROW.id", "ROW.version", issue, page) for t, (issue, page) in VERSIONED.items()}
    logged |= {t: (row_id, "NULL", issue, page) for t, (row_id, issue, page) in LOGGED.items()}
    for table in VERSIONED:
        out.append(
            f"CREATE TRIGGER {table}_version AFTER UPDATE ON {table} "
            "WHEN NEW.version = OLD.version BEGIN "
            f"UPDATE {table} SET version = OLD.version + 1 WHERE id = NEW.id; END"
        )
    for table, (row_id, version, issue, page) in logged.items():
        args = (row_id, version, issue, page)
        # An update that left the version alone is logged once, by the bump it sets off.
        when = " WHEN NEW.version <> OLD.version" if table in VERSIONED else ""
        out += [
            f"CREATE TRIGGER changes_{table}_insert AFTER INSERT ON {table} BEGIN "
            f"{_log(table, 'INSERT', 'NEW', *args)} END",
            f"CREATE TRIGGER changes_{table}_update AFTER UPDATE ON {table}{when} BEGIN "
            f"{_log(table, 'UPDATE', 'NEW', *args)} END",
            f"CREATE TRIGGER changes_{table}_delete AFTER DELETE ON {table} BEGIN "
            f"{_log(table, 'DELETE', 'OLD', *args)} END",
        ]
    return out


@dataclass(frozen=True, slots=True)
class LoggedChange:
    """One row another desk (or this one) inserted, updated or deleted."""

    seq: int
    table: str
    row_id: int | None
    op: str  # INSERT, UPDATE, DELETE
    version: int | None
    issue_id: int | None
    page_id: int | None
    desk: str | None  # None: written by a program that does not stamp (raw SQL)
    person: str | None
    command: str | None
    at: datetime | None


class Journal:
    """Reading the change log and stamping this desk's changes; Library supplies `_b`."""

    _b: Backend
    desk_id: str
    person: str
    lease: float
    _command: str = ""
    _pg_commits = 0

    @property
    def command(self) -> str:
        """The label of the edit being saved (the edit session sets it), stamped on its rows."""
        return self._command

    @command.setter
    def command(self, label: str) -> None:
        self._command = label
        if self._b.dialect == "postgresql" and self._b.in_transaction:
            # A server's triggers read it as they log: named mid-transaction, say so now.
            self._b.execute_native(  # type: ignore[attr-defined]
                "SELECT set_config('banmian.command', %s, true)", [label]
            )

    def last_change(self) -> int:
        """The newest sequence number in the change log (0 for none)."""
        row = self._b.execute("SELECT max(seq) FROM changes").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def oldest_change(self) -> int:
        row = self._b.execute("SELECT min(seq) FROM changes").fetchone()
        return int(row[0]) if row and row[0] is not None else self.last_change() + 1

    def changes_since(self, seq: int, limit: int = 5000) -> list[LoggedChange]:
        """Logged changes after `seq`, oldest first (at most `limit`)."""
        cursor = self._b.execute(
            "SELECT seq, tbl, row_id, op, version, issue_id, page_id, desk, person, command, at "
            "FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
            [seq, limit],
        )
        return [_change(row) for row in cursor.fetchall()]

    def versions(self, table: str, ids: Iterable[int]) -> dict[int, int]:
        """The current version of each row of `table` named (rows that are gone left out)."""
        if table not in VERSIONED:
            raise ValueError(f"{table} has no versions")
        wanted = sorted(set(ids))
        found: dict[int, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            cursor = self._b.execute(
                f"SELECT id, version FROM {table} WHERE id IN ({marks})", chunk
            )
            found.update((row[0], row[1]) for row in cursor.fetchall())
        return found

    def changed_elsewhere(self, table: str, row_id: int, since: int) -> bool:
        """Whether a row at a version past `since` was written by another desk (or by a
        program that does not sign its changes, or so long ago the log forgot): this desk's
        own writes since do not count."""
        if self.oldest_change() > 1:  # the log was pruned: it may not reach back that far
            found = self._b.execute(
                "SELECT min(version) FROM changes WHERE tbl = ? AND row_id = ? AND version > ?",
                [table, row_id, since],
            ).fetchone()
            if found is None or found[0] is None or found[0] > since + 1:
                return True
        row = self._b.execute(
            "SELECT 1 FROM changes WHERE tbl = ? AND row_id = ? AND version > ? "
            "AND desk IS DISTINCT FROM ? LIMIT 1",
            [table, row_id, since, self.desk_id],
        ).fetchone()
        return row is not None

    def people_since(self, seq: int) -> tuple[str, ...]:
        """Who else changed anything after `seq`, in order."""
        cursor = self._b.execute(
            "SELECT person FROM changes WHERE seq > ? AND desk IS DISTINCT FROM ? "
            "AND person IS NOT NULL ORDER BY seq",
            [seq, self.desk_id],
        )
        return tuple(dict.fromkeys(row[0] for row in cursor.fetchall()))

    def last_changed_by(self, table: str, row_id: int) -> str:
        """Who last changed a row — another desk than this one if any did — as the log has
        it ('' when unknown)."""
        row = self._b.execute(
            "SELECT person FROM changes WHERE tbl = ? AND row_id = ? "
            "ORDER BY desk IS DISTINCT FROM ? DESC, seq DESC LIMIT 1",
            [table, row_id, self.desk_id],
        ).fetchone()
        return row[0] or "" if row else ""

    # -- stamping (txn.py calls these around every outermost transaction) -------------------

    def _changes_mark(self) -> int:
        if self._b.dialect == "postgresql":
            # The triggers sign the rows themselves (concurrent writers: no "rows after N"
            # are ours alone there); the edit's name lasts to the end of the transaction.
            self._b.execute_native(  # type: ignore[attr-defined]
                "SELECT set_config('banmian.desk', %s, true), set_config('banmian.person', %s, "
                "true), set_config('banmian.command', %s, true), "
                "set_config('banmian.lease', %s, true)",
                [self.desk_id, self.person, self.command or "", repr(float(self.lease))],
            )
            return 0
        return self.last_change()

    def _stamp_changes(self, mark: int) -> None:
        """Sign the rows this transaction logged (SQLite: one writer at a time, so every row
        after `mark` is this transaction's), and now and then forget the oldest."""
        if self._b.dialect == "postgresql":
            # Rows were signed as written; now and then (every 1000th commit of a desk) the
            # oldest are forgotten, as in a file.
            self._pg_commits += 1
            if self._pg_commits % 1000 == 0:
                self._b.execute(
                    "DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?",
                    [KEEP_CHANGES],
                )
            return
        cursor = self._b.execute(
            "UPDATE changes SET desk = ?, person = ?, command = ?, at = ? WHERE seq > ?",
            [self.desk_id, self.person, self.command or None, _now(), mark],
        )
        if cursor.rowcount and mark // 1000 != (mark + cursor.rowcount) // 1000:
            self._b.execute(
                "DELETE FROM changes WHERE seq <= ?", [mark + cursor.rowcount - KEEP_CHANGES]
            )


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def _change(row: Any) -> LoggedChange:
    at = datetime.fromisoformat(row[10]) if row[10] else None
    return LoggedChange(*row[:10], at)
