"""A library that cannot be written — a read-only file, a full disk — answers with its own LibraryError kind in one Chinese-first line, and keeps what it held."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.model import Article
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library, LibraryFull, LibraryReadOnly, LibraryUnavailable
from tests.sample_helpers import sample_library

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    with sample_library(tmp_path):
        pass
    yield tmp_path / "sample.banmian"


def one_line(error: Exception, starts: str) -> None:
    message = str(error)
    assert "\n" not in message and message.startswith(starts) and " / " in message


WRITER = """
from dataclasses import replace
from app.store import Library, LibraryError
with Library.open({path!r}) as lib:
    issue = lib.issue_by_number(1809)
    try:
        lib.update_issue(replace(issue, page_count=12))
    except LibraryError as e:
        print(type(e).__name__, e, sep="|")
    print(lib.issue_by_number(1809).page_count)
"""


def without_root_powers() -> list[str]:
    """The command prefix under which file permissions apply (root ignores them)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file is writable")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all"]


def test_a_read_only_file_is_refused_in_one_line(path: Path) -> None:
    path.chmod(0o444)
    script = textwrap.dedent(WRITER).format(path=str(path))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [*without_root_powers(), sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    kind, message, count = done.stdout.replace("\n", "|").split("|")[:3]
    assert kind == "LibraryReadOnly" and count == "8"
    assert message.startswith("版面库是只读的，修改未保存 / the library is read-only")


def test_read_only_connection_gives_library_read_only(path: Path) -> None:
    with Library.open(path) as lib:
        lib.db.execute("PRAGMA query_only = ON")
        issue = lib.issue_by_number(SAMPLE_ISSUE)
        with pytest.raises(LibraryReadOnly) as caught:
            lib.update_issue(replace(issue, page_count=12))
        one_line(caught.value, "版面库是只读的")
        assert isinstance(caught.value, LibraryUnavailable)


def test_a_full_library_keeps_what_it_held(path: Path) -> None:
    with Library.open(path) as lib:
        issue = lib.issue_by_number(SAMPLE_ISSUE)
        before = len(lib.articles(issue.id))  # type: ignore[arg-type]
        pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
        lib.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk has no more room
        big = Article("满", ["字" * 200_000], issue_id=issue.id)
        with pytest.raises(LibraryFull) as caught:
            lib.add_article(big)
        one_line(caught.value, "磁盘已满，修改未保存")
        assert len(lib.articles(issue.id)) == before  # type: ignore[arg-type]
        lib.db.execute("PRAGMA max_page_count = 1073741823")  # room again: the same write lands
        lib.add_article(big)
        assert len(lib.articles(issue.id)) == before + 1  # type: ignore[arg-type]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KB tmpfs (needs root and mount); skipped where it cannot be made. Room for the
    sample library and its -shm with a little to spare: the test then fills it."""
    where = tmp_path / "disk"
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(where)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


def test_a_really_full_disk_is_library_full(path: Path, small_disk: Path) -> None:
    shutil.copy(path, small_disk / "lib.banmian")
    with Library.open(small_disk / "lib.banmian") as lib:
        issue = lib.issue_by_number(SAMPLE_ISSUE)
        with pytest.raises(LibraryFull):
            for i in range(100):
                lib.add_article(Article(f"第{i}篇", ["字" * 20_000], issue_id=issue.id))
        kept = len(lib.articles(issue.id))  # type: ignore[arg-type]
    with Library.open(small_disk / "lib.banmian") as lib:
        assert len(lib.articles(issue.id)) == kept  # type: ignore[arg-type]
