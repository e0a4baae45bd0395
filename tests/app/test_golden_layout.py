"""The sample issue composes exactly as the reviewed golden layout (tools/update_golden.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from update_golden import GOLDEN, sample_layout_json  # noqa: E402


@pytest.fixture(scope="module")
def current() -> dict:
    return json.loads(sample_layout_json())


def test_layout_matches_golden(current: dict) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for got, want in zip(current["pages"], golden["pages"], strict=True):
        n = want["number"]
        assert got["frames"] == want["frames"], f"page {n}: frames moved"
        assert [ln["text"] for ln in got["lines"]] == [ln["text"] for ln in want["lines"]], (
            f"page {n}: line breaks changed; if intended, run tools/update_golden.py and review"
        )
        assert got == want, f"page {n}: positions changed (run tools/update_golden.py, review)"


def test_golden_sample_is_clean(current: dict) -> None:
    for page in current["pages"]:
        assert page["overset"] == 0, page["number"]
        assert page["missing_glyphs"] == [], page["number"]
