"""A whole library copied: takes a source and a destination (file or PostgreSQL URL, either way), gives a new library holding every row of the original — issues, pages, articles, frames, pictures, revisions, proof rounds, marks, signatures, the change log — and a count of what went.

The destination must not exist yet (a file) or be an empty database (a URL): the copy lays
the schema down and fills it in one transaction, so it lands whole or not at all. The source
is read as one snapshot (desks may keep working on it meanwhile), table by table in the order
their references need, in batches: pictures stream through, never all in memory at once.
Rows keep their ids and versions — the new library's triggers rest meanwhile, so the change
log and counters are the original's, not written again — and ids go on counting where the
original's would (counters.py). Desks at work and their check-outs belong to the original's running windows
and are not copied.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from app.store.backend import Backend, TableInfo
from app.store.counters import next_ids, set_next_ids
from app.store.errors import LibraryError
from app.store.library import Library
from app.store.location import Location, ServerUrl, parse_location

LIVE = frozenset({"desks", "checkouts"})  # who is at work now: the original's, not the copy's
MARKS = frozenset({"magic", "schema_version"})  # meta rows the new library writes itself
BATCH_ROWS = 1000
BATCH_BYTES = 8 << 20  # a batch of pictures stays near this size (bytes in flight)

Progress = Callable[[str, int], None]  # (table, rows copied so far)


@dataclass
class CopyReport:
    """What went where: rows per table, the pictures' bytes, how long it took."""

    source: str
    destination: str
    rows: dict[str, int] = field(default_factory=dict)
    asset_bytes: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        counted = ", ".join(
            f"{n} {t}"
            for t, n in self.rows.items()
            if t in ("issues", "pages", "articles", "frames", "assets", "proof_marks")
        )
        return (
            f"已复制 / copied {self.source} → {self.destination}: {counted}, "
            f"{sum(self.rows.values())} rows in all, {self.asset_bytes / 1e6:.1f} MB of pictures "
            f"({self.seconds:.1f} s)"
        )


def _named(where: str | os.PathLike[str] | Location) -> Location:
    return parse_location(where)


def _refuse_occupied(destination: Location) -> None:
    if Library.exists(destination):
        what = "数据库不是空的" if isinstance(destination, ServerUrl) else "目标文件已存在"
        why = (
            "the database is not empty"
            if isinstance(destination, ServerUrl)
            else "a file is already there"
        )
        raise LibraryError(
            f"{what}，未复制 / {why}: a copy goes to a new file or an empty database, "
            f"nothing copied: {destination}"
        )


def copy_library(
    source: str | os.PathLike[str] | Location,
    destination: str | os.PathLike[str] | Location,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy the library at `source` into a new one at `destination` (a missing file or an
    empty database), losslessly; LibraryError in one line when it cannot, nothing made."""
    src, dst = _named(source), _named(destination)
    if src == dst or (
        not isinstance(src, ServerUrl)
        and not isinstance(dst, ServerUrl)
        and (os.path.abspath(src) == os.path.abspath(dst))
    ):
        raise LibraryError(
            f"源库和目标是同一个，未复制 / source and destination are the same, nothing copied: {src}"
        )
    _refuse_occupied(dst)
    started = time.monotonic()
    with Library.open(src) as original:
        if getattr(original.backend, "role", None) == "printshop":  # pg_roles.py
            raise LibraryError(
                f"印厂只看得到已签发的版，复制不完整，未复制 / the print shop sees signed pages "
                f"only, a copy would not be whole, nothing copied: {original.location}"
            )
        report = CopyReport(original.location, str(dst))
        made = Library.create(
            dst, lambda copy: _fill(original.backend, copy.backend, report, progress)
        )
        made.close()
    report.seconds = time.monotonic() - started
    return report


def _order(tables: dict[str, TableInfo]) -> list[str]:
    """Tables so that each comes after those its foreign keys point to (then by name)."""
    done: list[str] = []
    waiting = dict(sorted(tables.items()))
    while waiting:
        ready = [t for t, info in waiting.items() if info.refers_to - {t} <= set(done)]
        if not ready:  # a cycle of references: none in our schema, keep going by name
            ready = [next(iter(waiting))]
        for t in ready:
            done.append(t)
            del waiting[t]
    return done


def _fill(src: Backend, dst: Backend, report: CopyReport, progress: Progress | None) -> None:
    """Every row of `src` into `dst` (a new library, inside the transaction that makes it)."""
    theirs, ours = src.tables(), dst.tables()
    for name, info in theirs.items():
        if name in LIVE:
            continue
        if name not in ours or set(info.columns) != set(ours[name].columns):
            mine = ours[name].columns if name in ours else ()
            raise LibraryError(
                f"两个库的结构不同，未复制 / the libraries' tables differ ({name}: "
                f"{', '.join(info.columns)} vs {', '.join(mine) or 'missing'}), nothing copied"
            )
    dst.bulk_change()
    with src.snapshot(), _triggers_off(dst):
        counters = next_ids(src)
        for name in _order({t: i for t, i in theirs.items() if t not in LIVE}):
            if name == "meta":
                _copy_meta(src, dst)
            else:
                report.rows[name] = _copy_table(src, dst, theirs[name], report, progress)
    set_next_ids(dst, counters)
    dst.announce_all()


@contextlib.contextmanager
def _triggers_off(b: Backend) -> Iterator[None]:
    """The new library's triggers rest while its rows go in: the change log, the undo
    counters and the versions are copied as they were, not written again by triggers. Only
    in the transaction that makes the library, so no other program ever sees it so."""
    if b.dialect == "postgresql":
        tables = sorted(b.tables())
        for t in tables:
            b.execute_native(f'ALTER TABLE "{t}" DISABLE TRIGGER USER')  # type: ignore[attr-defined]
        yield
        for t in tables:
            b.execute_native(f'ALTER TABLE "{t}" ENABLE TRIGGER USER')  # type: ignore[attr-defined]
        return
    saved = b.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in saved:
        b.execute(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in saved:
        b.execute(sql)


def _copy_meta(src: Backend, dst: Backend) -> None:
    for key, value in src.execute("SELECT key, value FROM meta ORDER BY key").fetchall():
        if key not in MARKS:
            dst.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


def _copy_table(
    src: Backend, dst: Backend, info: TableInfo, report: CopyReport, progress: Progress | None
) -> int:
    columns = info.columns
    listed = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{c}"' for c in info.key) or listed
    # Pictures come a few at a time (a batch of BATCH_BYTES at most, by their average size).
    size = BATCH_ROWS
    if "data" in columns:
        row = src.execute(f'SELECT avg(length("data")) FROM "{info.name}"').fetchone()
        average = float(row[0] or 1) if row else 1.0
        size = max(1, min(BATCH_ROWS, int(BATCH_BYTES // max(average, 1.0))))
    copied = 0
    at = columns.index("data") if "data" in columns else -1
    for batch in src.stream(f'SELECT {listed} FROM "{info.name}" ORDER BY {order}', size):
        dst.insert_rows(info.name, columns, batch)
        copied += len(batch)
        if at >= 0:
            report.asset_bytes += sum(len(r[at] or b"") for r in batch)
        if progress is not None:
            progress(info.name, copied)
    return copied
