"""Where a library's ids go on counting: takes an open backend, gives each counting column's next value and sets it in another library, so a copy hands out the ids its original would.

A file's INTEGER PRIMARY KEY counts from its largest id (nothing to carry), an AUTOINCREMENT
column (the change log's seq) from sqlite_sequence; a server's identity columns from their
sequences, which have moved past ids handed out and deleted since. A copy takes the larger
of the original's next value and its own largest id plus one.
"""

from __future__ import annotations

from typing import Any

from app.store.backend import Backend

Counters = dict[tuple[str, str], int]  # (table, column) → the next value handed out


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _largest(b: Backend, table: str, column: str) -> int:
    row = b.execute(f"SELECT max({_quoted(column)}) FROM {_quoted(table)}").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def next_ids(b: Backend) -> Counters:
    """Each counting column's next value (never below its largest value plus one)."""
    if b.dialect == "postgresql":
        return _pg_next(b)
    found: Counters = {}
    names = b.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for (table,) in names:
        keys = [c for c in b.execute(f"PRAGMA table_info({_quoted(table)})").fetchall() if c[5]]
        if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER":  # a rowid alias
            found[(table, keys[0][1])] = _largest(b, table, keys[0][1]) + 1
    has_sequence = b.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
    ).fetchone()
    if has_sequence:
        for table, seq in b.execute("SELECT name, seq FROM sqlite_sequence").fetchall():
            for (t, column), value in list(found.items()):
                if t == table:
                    found[(t, column)] = max(value, int(seq) + 1)
    return found


def _pg_next(b: Any) -> Counters:
    found: Counters = {}
    for table, column, sequence in b.execute_native(
        "SELECT c.relname, a.attname, pg_get_serial_sequence(quote_ident(c.relname), a.attname) "
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attidentity <> '' "
        "ORDER BY c.relname"
    ).fetchall():
        last, called = b.execute_native(f"SELECT last_value, is_called FROM {sequence}").fetchone()
        following = int(last) + 1 if called else int(last)
        found[(table, column)] = max(following, _largest(b, table, column) + 1)
    return found


def set_next_ids(b: Backend, counters: Counters) -> None:
    """Make each column named count on from (at least) its value; the caller's transaction.
    A file's plain rowid tables count from their largest id whatever we say."""
    for (table, column), value in sorted(counters.items()):
        value = max(value, _largest(b, table, column) + 1)
        if b.dialect == "postgresql":
            b.execute_native(  # type: ignore[attr-defined]
                "SELECT setval(pg_get_serial_sequence(quote_ident(%s), %s), %s, false) "
                "WHERE pg_get_serial_sequence(quote_ident(%s), %s) IS NOT NULL",
                [table, column, value, table, column],
            )
            continue
        known = b.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
        ).fetchone()
        if known and b.execute("SELECT 1 FROM sqlite_sequence WHERE name = ?", [table]).fetchone():
            b.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", [value - 1, table])
        elif known and _autoincrement(b, table):
            b.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, value - 1])


def _autoincrement(b: Backend, table: str) -> bool:
    row = b.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()
    return bool(row and "AUTOINCREMENT" in str(row[0]).upper())
