"""Test data in the repository: takes nothing, gives the paths of the seed front page and the corpus issue (tests/data/)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed-1809-front-page.txt"  # the 1809 front page as extracted from print
CORPUS_8P = DATA / "corpus-issue-8p.json"  # synthetic, not news (tests/data/README.md)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
