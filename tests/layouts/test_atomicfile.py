"""Atomic cache writes: whole file or the old one, never a stray temporary."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from layouts.atomicfile import write_atomic


def test_writes_whole_file_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "cache.bin"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["cache.bin"]


def test_failed_rename_leaves_old_state_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    (target / "keep").write_text("x")
    with pytest.raises(OSError):
        write_atomic(target, b"data", prefix=".t-")
    assert (target / "keep").read_text() == "x"
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
