"""Proofreading fixtures: `paper`, a small library with its stand-in composer (helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import Paper, make_paper


@pytest.fixture
def paper(tmp_path: Path) -> Iterator[Paper]:
    with make_paper(tmp_path / "proof.banmian") as p:
        yield p
