"""Two desks on one library, on either backend: the sample issue written where `new_library` (tests/conftest.py) points — a file, or an empty database on the throwaway server — and a program that writes to it without Banmian."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from app.sample.issue import build_sample
from app.store import Library


def sample_at(where: str) -> str:
    """`where` holding the sample issue; gives it back, to open as many times as desks need."""
    Library.create(where, fill=build_sample).close()
    return where


def on_server(where: str) -> bool:
    return where.startswith(("postgresql://", "postgres://"))


def raw_write(where: str, sql: str, params: Sequence[Any] = ()) -> None:
    """Run one statement (`?` parameters) on its own connection, committed at once: another
    program that knows nothing of desks, versions or the change log."""
    if on_server(where):
        import psycopg

        with psycopg.connect(where, autocommit=True) as conn:
            conn.execute(sql.replace("?", "%s"), params)  # type: ignore[arg-type]
        return
    conn = sqlite3.connect(where, isolation_level=None)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()
