"""The sample's page 1 as rendered from its exported PDF matches the reviewed golden PNG (docs/sample-page1.png)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from app.store import Library
from tools.render_sample import GOLDEN, MAX_BYTES, render_sample_page1

# Font versions and rasteriser details may move a few pixels; a moved frame, a re-flowed
# column or a lost line moves thousands. Measured on the reference machine: 0 and 0.
MAX_MEAN = 1.0  # mean absolute difference per channel, of 255
MAX_CHANGED = 0.005  # share of pixels off by more than a quarter of the range
REGENERATE = "python tools/render_sample.py"


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean absolute difference per channel, share of pixels differing by more than 64)."""
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    mean = ImageStat.Stat(diff).mean[0]
    changed = sum(diff.histogram()[65:]) / (diff.width * diff.height)
    return mean, changed


@pytest.fixture(scope="module")
def current() -> Image.Image:
    return render_sample_page1()


def test_golden_file_is_there_and_small() -> None:
    assert GOLDEN.is_file(), f"no golden file: run {REGENERATE}"
    assert GOLDEN.stat().st_size < MAX_BYTES


def test_page_one_matches_the_golden_render(current: Image.Image, tmp_path: Path) -> None:
    with Image.open(GOLDEN) as golden:
        golden.load()
    assert current.size == golden.size, f"page size changed: run {REGENERATE} if intended"
    mean, changed = difference(current, golden)
    if mean > MAX_MEAN or changed > MAX_CHANGED:
        out = tmp_path / "sample-page1-now.png"
        current.save(out)
        pytest.fail(
            f"page 1 drifted from {GOLDEN.name}: mean difference {mean:.2f}, {changed:.2%} of "
            f"pixels changed (now rendered: {out}); if the change is intended, run {REGENERATE} "
            "and review the new PNG"
        )


def test_a_moved_frame_is_noticed(current: Image.Image) -> None:
    """The tolerance is not so loose that drift passes: the lead story one line lower fails."""

    def lower_the_lead(lib: Library) -> None:
        page1 = lib.pages(lib.issues()[0].id)[0]  # type: ignore[arg-type]
        lead = next(f for f in lib.frames(page1.id) if f.name == "lead")  # type: ignore[arg-type]
        lib.update_frame(replace(lead, y=lead.y + 14.0))

    moved = render_sample_page1(edit=lower_the_lead)
    mean, changed = difference(moved, current)
    assert mean > MAX_MEAN or changed > MAX_CHANGED
