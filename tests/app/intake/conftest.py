"""Intake fixtures: a library with one issue, and a snapshot of what its bin and assets hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.model import Issue
from app.store import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.create(tmp_path / "lib.banmian")
    yield lib
    lib.close()


@pytest.fixture
def issue(library: Library) -> Issue:
    return library.add_issue(Issue(date(2019, 4, 25), 30, 1809))


def contents(library: Library) -> tuple[list[tuple], list[tuple]]:
    """Every article row and every asset id: an import that fails must leave both as they were."""
    articles = [tuple(r) for r in library.db.execute("SELECT * FROM articles ORDER BY id")]
    assets = [tuple(r) for r in library.db.execute("SELECT id FROM assets ORDER BY id")]
    return articles, assets
