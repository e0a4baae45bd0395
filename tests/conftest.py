"""Test setup: Qt runs headless (offscreen) unless the caller chose a platform; fonts cache in-tree; a throwaway PostgreSQL server for the tests that ask for one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import Cluster, NoServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Converted fonts are cached in the checkout (ignored by git), so only the first run pays.
os.environ.setdefault("BANMIAN_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".cache"))
# $BANMIAN_LIBRARY names the library for every command: a developer's own must not leak in.
os.environ.pop("BANMIAN_LIBRARY", None)


# -- PostgreSQL: a throwaway server for the session, started by the first test that asks ------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A real PostgreSQL server in a temporary folder (tests/pg_server.py). Without server
    binaries the tests that need it are skipped here, and fail in CI (CI installs them)."""
    try:
        cluster = Cluster.start()
    except NoServer as e:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {e}")
        pytest.skip(str(e))
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database on the session's server (dropped after the test)."""
    url = pg_cluster.database()
    yield url
    pg_cluster.drop(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_library(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new library goes, once on each backend: a file path that does not exist yet,
    or the URL of an empty database."""
    if request.param == "sqlite":
        return str(tmp_path / "library.banmian")
    return request.getfixturevalue("pg_url")
