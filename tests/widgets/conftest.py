"""Fixtures the window tests share: the sample's composer, made once per test module."""

from __future__ import annotations

import pytest

from app.compose.issue import IssueComposer
from tests.sample_helpers import sample_composer


@pytest.fixture(scope="module")
def composer() -> IssueComposer:
    return sample_composer()
