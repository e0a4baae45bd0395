"""What a PostgreSQL database holds and how it tells desks of changes: takes a connected backend, gives a survey (empty, a Banmian library of some version, or something else), the notification triggers, and the feed that listens to them.

An empty database (no table, view or sequence in the connection's schema) is to a URL what a
missing file is to a path: `sample`, `library copy` and `server init` lay the schema down in
it, other commands say so. A database holding anything else is refused, never written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from app.store.backend import TableInfo
from app.store.changes import CHANNEL, ChangeFeed, Changes, RowChange
from app.store.errors import LibraryError, LibraryUnavailable
from app.store.schema import MAGIC, SCHEMA_VERSION

# Each editable table and the keys its notifications carry (id first, then the parents a desk
# needs to know where the row shows). Assets are immutable (content-addressed) and meta is
# ours: neither notifies. A new table that desks show belongs here.
NOTIFY_KEYS: dict[str, tuple[str, ...]] = {
    "publication": ("id",),
    "issues": ("id",),
    "pages": ("id", "issue_id"),
    "articles": ("id", "issue_id"),
    "frames": ("id", "page_id", "article_id"),
    "article_pictures": ("article_id", "position"),
    "proof_rounds": ("id", "issue_id"),
    "proof_round_pages": ("round_id", "page_id"),
    "proof_marks": ("id", "round_id", "page_id", "article_id"),
    "page_signoffs": ("id", "page_id"),
    "revisions": ("id", "issue_id"),
}

# `SET LOCAL banmian.quiet = on` silences the row notifications of a bulk change (a library
# copy), which then sends one {"all": true} instead.
NOTIFY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION banmian_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
    keys jsonb := '{{}}';
    col text;
BEGIN
    IF current_setting('banmian.quiet', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    FOREACH col IN ARRAY TG_ARGV LOOP
        keys := keys || jsonb_build_object(col, r -> col);
    END LOOP;
    PERFORM pg_notify('{CHANNEL}',
        jsonb_build_object('t', TG_TABLE_NAME, 'op', TG_OP, 'k', keys)::text);
    RETURN NULL;
END $$"""


@dataclass(frozen=True, slots=True)
class Survey:
    tables: tuple[str, ...]  # relations in the connection's schema
    magic: str | None  # meta.magic, when there is a meta table
    version: int | None  # meta.schema_version

    def describe(self) -> str:
        shown = ", ".join(self.tables[:5]) + (" …" if len(self.tables) > 5 else "")
        return f"{len(self.tables)} tables: {shown}"

    def version_or_refuse(self, location: str) -> int:
        """The library's schema version, or a one-line refusal (empty, not ours, newer)."""
        if not self.tables:
            raise LibraryError(
                f"数据库是空的，还没有版面库 / the database is empty, no library in it yet "
                f"(make one with `banmian server init`, `banmian sample --db URL` or "
                f"`banmian library copy FILE URL`): {location}"
            )
        if self.magic != MAGIC or self.version is None:
            raise LibraryError(
                f"不是版面库（数据库中已有别的表）/ not a Banmian library (the database holds "
                f"other tables: {self.describe()}): {location}"
            )
        if self.version > SCHEMA_VERSION:
            raise LibraryError(
                f"此版面库由更新版本的版面创建（库版本 {self.version}），本程序最高只能读取版本 "
                f"{SCHEMA_VERSION} / made by a newer Banmian (library version {self.version}), "
                f"this build reads up to version {SCHEMA_VERSION}: {location}"
            )
        return self.version


def survey(b: Any) -> Survey:
    """What the connection's schema holds (tables, views, sequences), and meta's marks."""
    names = tuple(
        row[0]
        for row in b.execute_native(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            "ORDER BY c.relname"
        ).fetchall()
    )
    if "meta" not in names:
        return Survey(names, None, None)
    try:
        meta = dict(b.execute_native("SELECT key, value FROM meta").fetchall())
    except psycopg.Error:  # a table named meta that is not ours
        return Survey(names, None, None)
    version = meta.get("schema_version")
    return Survey(names, meta.get("magic"), int(version) if str(version or "").isdigit() else None)


def pg_tables(b: Any) -> dict[str, TableInfo]:
    """The tables of the connection's schema: columns in order, primary key, references."""
    columns: dict[str, list[str]] = {}
    for table, column in b.execute_native(
        "SELECT c.relname, a.attname FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 "
        "AND NOT a.attisdropped ORDER BY c.relname, a.attnum"
    ).fetchall():
        columns.setdefault(table, []).append(column)
    keys: dict[str, list[str]] = {}
    refs: dict[str, set[str]] = {}
    for table, kind, key, target in b.execute_native(
        "SELECT c.relname, k.contype, "
        "ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i) "
        "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i), "
        "t.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "LEFT JOIN pg_class t ON t.oid = k.confrelid "
        "WHERE k.connamespace = current_schema()::regnamespace AND k.contype IN ('p', 'f')"
    ).fetchall():
        if kind == "p":
            keys[table] = list(key)
        else:
            refs.setdefault(table, set()).add(target)
    return {
        t: TableInfo(t, tuple(cols), tuple(keys.get(t, ())), frozenset(refs.get(t, ())))
        for t, cols in columns.items()
    }


def install_notify(b: Any) -> None:
    """The notification function and a trigger on each editable table (the caller's
    transaction; again after an upgrade, so a new table is covered)."""
    b.execute_native(NOTIFY_FUNCTION)
    for table, keys in NOTIFY_KEYS.items():
        args = ", ".join(f"'{k}'" for k in keys)
        b.execute_native(f"DROP TRIGGER IF EXISTS banmian_notify ON {table}")
        b.execute_native(
            f"CREATE TRIGGER banmian_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION banmian_notify({args})"
        )


def quiet(b: Any) -> None:
    """Silence row notifications to the end of the caller's transaction (a bulk change)."""
    b.execute_native("SET LOCAL banmian.quiet = 'on'")


def notify_all(b: Any) -> None:
    """Tell every desk that anything may have changed (sent when the transaction commits)."""
    b.execute_native("SELECT pg_notify(%s, %s)", [CHANNEL, json.dumps({"all": True})])


class NotifyFeed(ChangeFeed):
    """LISTEN on a connection of its own; leaves out what the desk's own connection did."""

    def __init__(self, url: str, own_pid: Callable[[], int]) -> None:
        self._own_pid = own_pid
        self._url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, application_name="banmian-listen")
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as e:
            raise LibraryUnavailable(
                f"无法接收其他编辑台的修改 / cannot listen for changes ({e})"
            ) from e

    def poll(self) -> Changes:
        own = self._own_pid()
        rows: list[RowChange] = []
        everything = False
        try:
            # One round trip first: a commit signals listeners before the writer hears back,
            # so what was committed before this poll is on the line after it (exact polls).
            self.conn.execute("SELECT 1")
            for note in self.conn.notifies(timeout=0):
                if note.pid == own:
                    continue
                payload = json.loads(note.payload)
                if payload.get("all"):
                    everything = True
                else:
                    rows.append(RowChange(payload["t"], payload["op"], payload.get("k", {})))
        except psycopg.Error:
            # The server went away: what changed meanwhile is unknown. Listen again when it
            # is back; until then, nothing more to say.
            self._reconnect()
            return Changes(unknown=True)
        return Changes(tuple(rows), everything)

    def _reconnect(self) -> None:
        try:
            self.conn.close()
            self.conn = psycopg.connect(
                self._url, autocommit=True, application_name="banmian-listen"
            )
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            pass  # still down: the next poll tries again

    def fileno(self) -> int | None:
        return self.conn.fileno()

    def close(self) -> None:
        self.conn.close()
