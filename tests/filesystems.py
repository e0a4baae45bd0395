"""Conditions for failure tests: takes a path, gives a small full file system, a read-only file or folder, or a library whose write lock another process holds.

As root (CI, this project's machines) the conditions are real: a tmpfs mounted for the test,
read-only bind mounts (root ignores file modes, not a read-only mount). Without root, a
read-only file or folder is made by its mode, and a test that needs a mount is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False)


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def small_filesystem(where: Path, size_kib: int) -> Iterator[Path]:
    """An empty tmpfs of `size_kib` KiB mounted at `where` (made if needed) for the block."""
    if not _can_mount():
        pytest.skip("mounting a small file system needs root")
    where.mkdir(exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(where))
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        _run("umount", "-l", str(where))


def fill(folder: Path, leave: int) -> None:
    """Fill the file system under `folder` until about `leave` bytes are free."""
    free = shutil.disk_usage(folder).free
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave))


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """`path` (a file or a folder) read-only for the block: a read-only bind mount as root
    (who ignores file modes), else mode 0444/0555."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if not _can_mount() or _run("mount", "--bind", str(path), str(path)).returncode:
            pytest.skip("cannot bind-mount here, and root writes whatever the file mode")
        try:
            remount = _run("mount", "-o", "remount,bind,ro", str(path))
            if remount.returncode:
                pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
            yield path
        finally:
            _run("umount", "-l", str(path))
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield path
    finally:
        path.chmod(mode)


# Holds SQLite's write lock (RESERVED, as a writer in BEGIN IMMEDIATE does) until stdin closes.
_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


@contextmanager
def write_lock_held(library: Path) -> Iterator[None]:
    """Another process holds the library's write lock for the block."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(library)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield
    finally:
        proc.communicate("", timeout=30)


def run_cli(args: list[str], *, prelude: str = "", timeout: float = 300) -> tuple[int, str, str]:
    """`banmian ARGS` in a child process (a process abort cannot take the tests with it)."""
    code = f"import sys\n{prelude}\nfrom app.cli.main import main\nsys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout, proc.stderr
