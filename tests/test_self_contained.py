"""Tests are self-contained: no test reads the project's shared folder beside the checkout; their data is in tests/data/."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.testdata import CORPUS_8P, DATA, SEED

ROOT = Path(__file__).resolve().parents[1]
# A path into ../shared however it is spelt: joined (parents[n] / "shared"), relative, or by
# its folders. mktemp("shared") and "shared.banmian" in the store tests are not such paths.
SHARED_PATH = re.compile(r'/\s*"shared"|\.\./shared|shared/(seed|corpus|design)\b')


def test_no_test_names_the_shared_folder_beside_the_checkout() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path != Path(__file__).resolve()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SHARED_PATH.search(line)
    ]
    assert offenders == []


def test_the_data_files_are_the_copies_the_readme_names() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in (SEED, CORPUS_8P):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        row = next(line for line in readme.splitlines() if f"`{path.name}`" in line)
        head, tail = re.search(r"`([0-9a-f]{8})…([0-9a-f]{6,})`", row).groups()  # type: ignore[union-attr]
        assert digest.startswith(head) and digest.endswith(tail), path.name
