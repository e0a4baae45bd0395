"""The Library's undo history rows (a mixin of Library): takes and gives an issue's undo and redo steps as stored text, and tells whether anything else changed the issue since they were written.

Each step is a row (`payload` is the edit session's JSON, NULL for a step that could not be
kept). Triggers count every change to an issue's rows in `undo_heads.changes`; the session
writes its steps in the same transaction as its edits and sets `logged` to that count, so a
history is to be trusted only while `logged == changes` — an edit by the CLI or another
program in between makes it stale, and an undo then could overwrite that edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.store.backend import Backend

# The tables an undo puts back, with how a row finds its issue (ROW is NEW or OLD). Sign-offs,
# round page snapshots and picture links change only along with one of these, or are never
# undone by an edit; leaving them out keeps the library small.
_ISSUE_OF: tuple[tuple[str, str], ...] = (
    ("issues", "ROW.id"),
    ("pages", "ROW.issue_id"),
    ("articles", "ROW.issue_id"),
    ("frames", "(SELECT issue_id FROM pages WHERE id=ROW.page_id)"),
    ("proof_rounds", "ROW.issue_id"),
    ("proof_marks", "(SELECT issue_id FROM proof_rounds WHERE id=ROW.round_id)"),
)

UNDO_DDL: tuple[str, ...] = (
    # No foreign keys: a row outlives its issue, so an issue id used again later finds its
    # count moved on (the old history is stale), and the count of a deleted issue may move.
    """CREATE TABLE undo_heads (
        issue_id INTEGER PRIMARY KEY,
        changes INTEGER NOT NULL DEFAULT 0,
        logged INTEGER NOT NULL DEFAULT -1
    )""",
    """CREATE TABLE undo_steps (
        issue_id INTEGER NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('done', 'undone')),
        position INTEGER NOT NULL CHECK (position >= 0),
        label TEXT NOT NULL,
        payload TEXT,
        PRIMARY KEY (issue_id, side, position)
    ) WITHOUT ROWID""",
)


def undo_triggers(tables: Sequence[tuple[str, str]] = _ISSUE_OF) -> list[str]:
    """One trigger per table and kind of change, counting the change against its issue (a
    new issue gets its row first)."""
    out = [
        "CREATE TRIGGER undo_new_issue AFTER INSERT ON issues BEGIN "
        "INSERT OR REPLACE INTO undo_heads (issue_id, changes) VALUES (NEW.id, "
        "1 + coalesce((SELECT changes FROM undo_heads WHERE issue_id=NEW.id), 0)); END"
    ]
    for table, issue_of in tables:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            if (table, event) == ("issues", "INSERT"):
                continue
            out.append(
                f"CREATE TRIGGER undo_{table}_{event[0].lower()} AFTER {event} ON {table} BEGIN "
                "UPDATE undo_heads SET changes=changes+1 "
                f"WHERE issue_id={issue_of.replace('ROW', row)}; END"
            )
    # The house style is the whole paper's: a change to it counts against every issue (an
    # undo of a style step kept from before could overwrite a change made by `house-style`).
    for event in ("INSERT", "UPDATE", "DELETE"):
        out.append(
            f"CREATE TRIGGER undo_styles_{event[0].lower()} AFTER {event} ON styles BEGIN "
            "UPDATE undo_heads SET changes=changes+1; END"
        )
    return out


def undo_triggers_pg(tables: Sequence[tuple[str, str]] = _ISSUE_OF) -> list[str]:
    """The same counting in PostgreSQL's words: a function per table (its row type names the
    issue), a row trigger on each."""
    out = [
        """CREATE OR REPLACE FUNCTION banmian_undo_new_issue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO undo_heads (issue_id, changes) VALUES (NEW.id, 1)
    ON CONFLICT (issue_id) DO UPDATE SET changes = undo_heads.changes + 1;
    RETURN NULL;
END $$""",
        "CREATE TRIGGER undo_new_issue AFTER INSERT ON issues "
        "FOR EACH ROW EXECUTE FUNCTION banmian_undo_new_issue()",
        """CREATE OR REPLACE FUNCTION banmian_undo_styles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE undo_heads SET changes = changes + 1;
    RETURN NULL;
END $$""",
        "CREATE TRIGGER undo_styles AFTER INSERT OR UPDATE OR DELETE ON styles "
        "FOR EACH ROW EXECUTE FUNCTION banmian_undo_styles()",
    ]
    for table, issue_of in tables:
        events = "UPDATE OR DELETE" if table == "issues" else "INSERT OR UPDATE OR DELETE"
        out += [
            f"""CREATE OR REPLACE FUNCTION banmian_undo_{table}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r {table}%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    UPDATE undo_heads SET changes = changes + 1 WHERE issue_id = {issue_of.replace("ROW.", "r.")};
    RETURN NULL;
END $$""",
            f"CREATE TRIGGER undo_{table} AFTER {events} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION banmian_undo_{table}()",
        ]
    return out


def add_undo_history(db: Any) -> None:
    """Undo history kept in the library (the desk's Ctrl+Z survives a restart); `db` is a
    file's Database or a server's backend (schema.py)."""
    if getattr(db, "dialect", "sqlite") == "postgresql":
        for statement in UNDO_DDL:
            db.execute(statement.replace(" WITHOUT ROWID", ""))  # a SQLite storage choice
        for statement in undo_triggers_pg():
            db.execute_native(statement)
    else:
        for statement in (*UNDO_DDL, *undo_triggers()):
            db.execute(statement)
    db.execute("INSERT INTO undo_heads (issue_id) SELECT id FROM issues")


class UndoRows:
    """Stored undo steps per issue; Library supplies `_b` and `transaction()`."""

    _b: Backend

    def undo_changes(self, issue_id: int) -> int:
        """How many changes to the issue's rows the triggers have counted."""
        row = self._b.execute(
            "SELECT changes FROM undo_heads WHERE issue_id = ?", [issue_id]
        ).fetchone()
        return row[0] if row else 0

    def undo_steps(self, issue_id: int) -> tuple[list[tuple[str, str | None]], ...] | None:
        """(done, undone) as (label, payload) in position order, or None when the stored
        history is stale (the issue changed since it was written) or there is none."""
        head = self._b.execute(
            "SELECT changes, logged FROM undo_heads WHERE issue_id = ?", [issue_id]
        ).fetchone()
        if head is None or head[0] != head[1]:
            return None
        sides: dict[str, list[tuple[str, str | None]]] = {"done": [], "undone": []}
        for side, label, payload in self._b.execute(
            "SELECT side, label, payload FROM undo_steps WHERE issue_id = ? "
            "ORDER BY side, position",
            [issue_id],
        ).fetchall():
            sides[side].append((label, payload))
        return sides["done"], sides["undone"]

    def put_undo_step(
        self, issue_id: int, side: str, position: int, label: str, payload: str | None
    ) -> None:
        with self.transaction():  # type: ignore[attr-defined]
            self._b.execute(
                "INSERT INTO undo_steps (issue_id, side, position, label, payload) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (issue_id, side, position) "
                "DO UPDATE SET label = excluded.label, payload = excluded.payload",
                [issue_id, side, position, label, payload],
            )

    def drop_undo_steps(self, issue_id: int, side: str, from_position: int = 0) -> None:
        """Forget the steps of one side at `from_position` and above."""
        with self.transaction():  # type: ignore[attr-defined]
            self._b.execute(
                "DELETE FROM undo_steps WHERE issue_id = ? AND side = ? AND position >= ?",
                [issue_id, side, from_position],
            )

    def mark_undo_logged(self, issue_id: int) -> None:
        """The stored steps now match every change counted for the issue."""
        with self.transaction():  # type: ignore[attr-defined]
            self._b.execute(
                "INSERT INTO undo_heads (issue_id) VALUES (?) ON CONFLICT (issue_id) DO NOTHING",
                [issue_id],
            )
            self._b.execute("UPDATE undo_heads SET logged = changes WHERE issue_id = ?", [issue_id])
