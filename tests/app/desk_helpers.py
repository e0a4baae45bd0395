"""Two desks on one library, on either backend: the sample issue written where `new_library` (tests/conftest.py) points — a file, or an empty database on the throwaway server."""

from __future__ import annotations

from app.sample.issue import build_sample
from app.store import Library


def sample_at(where: str) -> str:
    """`where` holding the sample issue; gives it back, to open as many times as desks need."""
    Library.create(where, fill=build_sample).close()
    return where
