"""Desks and check-outs (a mixin of Library): takes the library's connection, gives the desks at work with their people and heartbeats, check-outs (签出) of pages and stories with a lease, and the guard that keeps what another desk holds read-only.

A desk (an editor window) joins with its person and beats every HEARTBEAT_S seconds; a
check-out is alive while its desk's last beat is younger than LEASE_S, so a desk that
crashed or lost the network lets go by itself. Closing the desk removes it and its
check-outs. The guard is a set of TEMP triggers on this connection (every Banmian program,
the command line too): a write to a frame on a page, to a page, or to the text of a story
that another live desk holds is refused (LibraryCheckedOut) before anything changes.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.store.errors import CHECKED_OUT, LibraryCheckedOut, LibraryError

if TYPE_CHECKING:
    from app.store.backend import Backend

LEASE_S = 30.0  # a check-out outlives its desk's last heartbeat by this long
HEARTBEAT_S = 10.0  # how often a desk says it is still there
KINDS = ("page", "article")
# Unix time in seconds, by the database's clock (one clock for every desk): SQLite computes it
# on this machine, PostgreSQL on the server.
NOW_SQL = "((julianday('now') - 2440587.5) * 86400.0)"
PG_NOW_SQL = "extract(epoch from clock_timestamp())"

DESKS_TABLES: tuple[str, ...] = (
    """CREATE TABLE desks (
        id TEXT PRIMARY KEY,
        person TEXT NOT NULL,
        host TEXT NOT NULL DEFAULT '',
        pid INTEGER NOT NULL DEFAULT 0,
        started_at REAL NOT NULL,
        seen_at REAL NOT NULL
    )""",
    """CREATE TABLE checkouts (
        kind TEXT NOT NULL CHECK (kind IN ('page', 'article')),
        target_id INTEGER NOT NULL,
        desk_id TEXT NOT NULL REFERENCES desks(id) ON DELETE CASCADE,
        person TEXT NOT NULL,
        taken_at REAL NOT NULL,
        PRIMARY KEY (kind, target_id)
    )""",
    "CREATE INDEX checkouts_desk ON checkouts(desk_id)",
    # Who made a named revision.
    "ALTER TABLE revisions ADD COLUMN person TEXT NOT NULL DEFAULT ''",
)
# A page or story that goes takes its check-out along (no foreign key can name either);
# newsroom_pg.py says the same to PostgreSQL.
DESKS_SQLITE: tuple[str, ...] = (
    "CREATE TRIGGER checkouts_page_gone AFTER DELETE ON pages BEGIN "
    "DELETE FROM checkouts WHERE kind = 'page' AND target_id = OLD.id; END",
    "CREATE TRIGGER checkouts_article_gone AFTER DELETE ON articles BEGIN "
    "DELETE FROM checkouts WHERE kind = 'article' AND target_id = OLD.id; END",
)


def _held(kind: str, target: str, lease: float) -> str:
    """SQL: another live desk holds `kind` `target` (the TEMP table names this desk)."""
    return (
        "SELECT 1 FROM main.checkouts c JOIN main.desks d ON d.id = c.desk_id "
        f"WHERE c.kind = '{kind}' AND c.target_id IN ({target}) "
        "AND c.desk_id IS NOT (SELECT desk FROM temp.banmian_desk) "
        f"AND d.seen_at > {NOW_SQL} - {float(lease)!r}"
    )


_TEXT_CHANGED = " OR ".join(
    f"NEW.{c} IS NOT OLD.{c}" for c in ("kicker", "headline", "subheadline", "byline", "paragraphs")
)
_REFUSE = f"BEGIN SELECT RAISE(ABORT, '{CHECKED_OUT}'); END"
_SHOWN = "SELECT page_id FROM main.frames WHERE article_id = OLD.id"


GUARDS = (
    "guard_frames_insert",
    "guard_frames_update",
    "guard_frames_delete",
    "guard_pages_update",
    "guard_articles_update",
    "guard_articles_delete",
)


def guard_ddl(lease: float = LEASE_S) -> list[str]:
    """The TEMP triggers that refuse writes to what another live desk holds."""
    page = lambda *ids: _held("page", ", ".join(ids), lease)  # noqa: E731
    held = _held("article", "OLD.id", lease)
    story = f"EXISTS ({held}) OR EXISTS ({_held('page', _SHOWN, lease)})"
    return [
        "CREATE TEMP TABLE IF NOT EXISTS banmian_desk (desk TEXT NOT NULL)",
        *(f"DROP TRIGGER IF EXISTS temp.{name}" for name in GUARDS),
        f"CREATE TEMP TRIGGER guard_frames_insert BEFORE INSERT ON main.frames "
        f"WHEN EXISTS ({page('NEW.page_id')}) {_REFUSE}",
        f"CREATE TEMP TRIGGER guard_frames_update BEFORE UPDATE ON main.frames "
        f"WHEN EXISTS ({page('OLD.page_id', 'NEW.page_id')}) {_REFUSE}",
        f"CREATE TEMP TRIGGER guard_frames_delete BEFORE DELETE ON main.frames "
        f"WHEN EXISTS ({page('OLD.page_id')}) {_REFUSE}",
        f"CREATE TEMP TRIGGER guard_pages_update BEFORE UPDATE ON main.pages "
        f"WHEN EXISTS ({page('OLD.id')}) {_REFUSE}",
        f"CREATE TEMP TRIGGER guard_articles_update BEFORE UPDATE ON main.articles "
        f"WHEN ({_TEXT_CHANGED}) AND ({story}) {_REFUSE}",
        f"CREATE TEMP TRIGGER guard_articles_delete BEFORE DELETE ON main.articles "
        f"WHEN {story} {_REFUSE}",
    ]


def install_guard(backend: Backend, desk_id: str, lease: float = LEASE_S) -> None:
    """Put the guard on this connection, acting as desk `desk_id`: SQLite's TEMP triggers;
    on PostgreSQL the triggers are the schema's (PG_GUARD) and read the desk from the
    session (set again in every transaction, see Journal._changes_mark)."""
    if backend.dialect == "postgresql":
        backend.execute_native(  # type: ignore[attr-defined]
            "SELECT set_config('banmian.desk', %s, false), set_config('banmian.lease', %s, false)",
            [desk_id, repr(float(lease))],
        )
        return
    for statement in guard_ddl(lease):
        backend.execute(statement)
    backend.execute("DELETE FROM temp.banmian_desk")
    backend.execute("INSERT INTO temp.banmian_desk (desk) VALUES (?)", [desk_id])


@dataclass(frozen=True, slots=True)
class Desk:
    """A desk at work on the library: its person, where it runs, when it was last heard."""

    id: str
    person: str
    host: str
    pid: int
    started_at: float
    seen_at: float


@dataclass(frozen=True, slots=True)
class Checkout:
    """A page or a story (`kind` 'page' or 'article') taken by a desk for editing."""

    kind: str
    target_id: int
    desk_id: str
    person: str
    taken_at: float
    alive: bool  # its desk beat within the lease


class DeskRows:
    """Desks, heartbeats and check-outs; Library supplies `_b`, `transaction()`, `desk_id`
    and `person`. Every write is one short transaction."""

    _b: Backend
    desk_id: str
    person: str
    lease: float = LEASE_S  # seconds a check-out outlives its desk's last heartbeat

    @property
    def _now(self) -> str:
        return PG_NOW_SQL if self._b.dialect == "postgresql" else NOW_SQL

    def set_lease(self, seconds: float) -> None:
        """Judge other desks' leases by `seconds` (tests shorten it; every desk should agree)."""
        self.lease = float(seconds)
        install_guard(self._b, self.desk_id, self.lease)

    joined: bool = False  # this connection registered as a desk (closing it leaves)

    def join(self) -> Desk:
        """Register this connection as a desk at work (an editor window); beats from now on."""
        self.joined = True
        with self.transaction():  # type: ignore[attr-defined]
            self._b.execute("DELETE FROM desks WHERE id = ?", [self.desk_id])
            self._b.execute(
                "INSERT INTO desks (id, person, host, pid, started_at, seen_at) "
                f"VALUES (?, ?, ?, ?, {self._now}, {self._now})",
                [self.desk_id, self.person, socket.gethostname(), os.getpid()],
            )
        return next(d for d in self.desks(alive_only=False) if d.id == self.desk_id)

    def heartbeat(self) -> bool:
        """Say this desk is still there; False if it had been dropped (lease ended long ago,
        or removed): it has joined again, but its check-outs are gone."""
        with self.transaction():  # type: ignore[attr-defined]
            cursor = self._b.execute(
                f"UPDATE desks SET seen_at = {self._now}, person = ? WHERE id = ?",
                [self.person, self.desk_id],
            )
            if cursor.rowcount:
                return True
        self.join()
        return False

    def rename(self, person: str) -> None:
        """This desk is now worked by `person`: its later changes are signed so, and its
        desk and check-outs show the new name."""
        person = " ".join(person.split())
        if not person:
            raise LibraryError("姓名不能为空 / a person needs a name")
        self.person = person
        with self.transaction():  # type: ignore[attr-defined]
            self._b.execute("UPDATE desks SET person = ? WHERE id = ?", [person, self.desk_id])
            self._b.execute(
                "UPDATE checkouts SET person = ? WHERE desk_id = ?", [person, self.desk_id]
            )

    def leave(self) -> None:
        """This desk closes: it and its check-outs go."""
        with self.transaction():  # type: ignore[attr-defined]
            self._b.execute("DELETE FROM desks WHERE id = ?", [self.desk_id])
        self.joined = False

    def desks(self, alive_only: bool = True) -> list[Desk]:
        """Desks at work (heard within the lease), oldest first."""
        where = f"WHERE seen_at > {self._now} - {self.lease!r}" if alive_only else ""
        cursor = self._b.execute(
            f"SELECT id, person, host, pid, started_at, seen_at FROM desks {where} "
            "ORDER BY started_at, id"
        )
        return [Desk(*row) for row in cursor.fetchall()]

    def checkouts(self, alive_only: bool = True) -> list[Checkout]:
        """Check-outs (by default only those whose desk is alive)."""
        cursor = self._b.execute(
            "SELECT c.kind, c.target_id, c.desk_id, c.person, c.taken_at, "
            f"d.seen_at > {self._now} - {self.lease!r} FROM checkouts c "
            "JOIN desks d ON d.id = c.desk_id "
            "ORDER BY c.taken_at"
        )
        found = [Checkout(*row[:5], bool(row[5])) for row in cursor.fetchall()]
        return [c for c in found if c.alive or not alive_only]

    def check_out(self, kind: str, target_id: int) -> Checkout:
        """Take a page or a story for this desk (it must have joined). One another desk holds
        is refused (LibraryCheckedOut names who); one whose desk stopped answering is taken
        over. Taking what this desk holds already changes nothing."""
        if kind not in KINDS:
            raise LibraryError(f"未知签出类型 / unknown check-out kind {kind!r}")
        with self.transaction():  # type: ignore[attr-defined]
            held = next(
                (
                    c
                    for c in self.checkouts(alive_only=False)
                    if (c.kind, c.target_id) == (kind, target_id)
                ),
                None,
            )
            if held is not None and held.desk_id == self.desk_id:
                return held
            if held is not None and held.alive:
                raise LibraryCheckedOut(
                    f"已由{held.person}签出 / already checked out by {held.person}"
                )
            self._b.execute(
                "DELETE FROM checkouts WHERE kind = ? AND target_id = ?", [kind, target_id]
            )
            beat = (
                f"UPDATE desks SET seen_at = {self._now} WHERE id = ?"  # taking is a sign of life
            )
            if not self._b.execute(beat, [self.desk_id]).rowcount:
                raise LibraryError("这个工作台还没有加入 / this desk has not joined: join() first")
            self._b.execute(
                "INSERT INTO checkouts (kind, target_id, desk_id, person, taken_at) "
                f"VALUES (?, ?, ?, ?, {self._now})",
                [kind, target_id, self.desk_id, self.person],
            )
        return next(
            c
            for c in self.checkouts()
            if (c.kind, c.target_id, c.desk_id) == (kind, target_id, self.desk_id)
        )

    def checked_out_error(self) -> LibraryCheckedOut:
        """The guard refused a write: one line naming what other desks hold, and who."""
        held = [c for c in self.checkouts() if c.desk_id != self.desk_id]
        names = []
        for c in held[:4]:
            if c.kind == "page":
                row = self._b.execute(
                    "SELECT number FROM pages WHERE id = ?", [c.target_id]
                ).fetchone()
                names.append((f"第{row[0] if row else '?'}版", c.person))
            else:
                row = self._b.execute(
                    "SELECT headline FROM articles WHERE id = ?", [c.target_id]
                ).fetchone()
                names.append((f"《{row[0] if row else '?'}》", c.person))
        listed = "、".join(f"{what}（{who}）" for what, who in names) or "?"
        return LibraryCheckedOut(
            f"已被其他编辑签出，只读，未保存：{listed} / checked out at another desk, read-only, "
            f"not saved: {', '.join(f'{what} ({who})' for what, who in names) or '?'}"
        )

    def check_in(self, kind: str, target_id: int) -> bool:
        """Give back what this desk holds; False if it held nothing there."""
        with self.transaction():  # type: ignore[attr-defined]
            cursor = self._b.execute(
                "DELETE FROM checkouts WHERE kind = ? AND target_id = ? AND desk_id = ?",
                [kind, target_id, self.desk_id],
            )
        return bool(cursor.rowcount)


def default_person() -> str:
    """Who works at this desk unless told: $BANMIAN_USER, else the operating system's user."""
    import getpass

    named = os.environ.get("BANMIAN_USER", "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container): still someone
        return "?"
