"""Fixtures the app tests share: the sample's composer, made once per test module, and a fresh
library holding the sample issue for each test. A module that needs another library keeps its
own fixture of that name (tests/app/intake has one: an empty library)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.compose.issue import IssueComposer
from app.store import Library
from tests.sample_helpers import sample_composer, sample_library


@pytest.fixture(scope="module")
def composer() -> IssueComposer:
    return sample_composer()


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as lib:
        yield lib
