"""Owner ids: one function builds "frame-<id>", one parses it back, and nothing else passes for a frame."""

from __future__ import annotations

import pytest

from layouts.display import frame_owner, owner_frame_id


@pytest.mark.parametrize("frame_id", [1, 12, 9_999_999])
def test_a_frames_owner_id_reads_back_as_its_id(frame_id: int) -> None:
    assert frame_owner(frame_id) == f"frame-{frame_id}"
    assert owner_frame_id(frame_owner(frame_id)) == frame_id


@pytest.mark.parametrize(
    "owner",
    ["", "printer-marks", "frame-", "frame-x", "frame--3", "frame- 12", "frame-１２", "Frame-1"],
)
def test_other_owners_are_no_frame(owner: str) -> None:
    assert owner_frame_id(owner) is None
