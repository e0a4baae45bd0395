"""Headline groups: sizes, fitting by tighter tracking within a limit, reporting beyond it."""

from __future__ import annotations

import pytest

from layouts.display import GlyphRun
from layouts.fonts.metrics import FaceSet
from layouts.headline import MIN_TRACKING, HeadGroup, HeadLine, compose_head, natural_width
from layouts.units import HAO

TITLE = "石景山区召开市民热线工作交流推进会"


def runs(block) -> list[GlyphRun]:
    return [i for i in block.items if isinstance(i, GlyphRun)]


def right_edge(run: GlyphRun, faces: FaceSet) -> float:
    return run.xs[-1] + faces[run.font].advance(run.text[-1]) * run.size


def test_group_order_and_sizes(body_faces: FaceSet) -> None:
    size = HAO["小一"]
    group = HeadGroup(
        HeadLine(TITLE, "hei", size),
        kicker=HeadLine("民有所呼 我有所应", "kai", HAO["小二"]),
        subheadline=HeadLine("以市民热线办理工作为牵引", "kai", HAO["小二"]),
    )
    block, findings = compose_head(group, 600, body_faces, "f")
    texts = [r.text for r in runs(block)]
    assert texts == ["民有所呼 我有所应", TITLE, "以市民热线办理工作为牵引"]
    ys = [r.y for r in runs(block)]
    assert ys == sorted(ys) and findings == []
    assert block.height > ys[-1]  # the body starts below the last baseline


def test_fits_at_natural_spacing_when_it_can(body_faces: FaceSet) -> None:
    nat = natural_width(TITLE, "hei", 24, body_faces)
    block, findings = compose_head(
        HeadGroup(HeadLine(TITLE, "hei", 24, align="left")), nat + 40, body_faces, "f"
    )
    (run,) = runs(block)
    assert findings == [] and right_edge(run, body_faces) == pytest.approx(nat, abs=0.01)


def test_slightly_too_wide_is_tightened_to_the_width(body_faces: FaceSet) -> None:
    nat = natural_width(TITLE, "hei", 24, body_faces)
    width = nat * 0.96  # needs about −0.04 em between characters: within the limit
    block, findings = compose_head(
        HeadGroup(HeadLine(TITLE, "hei", 24, align="left")), width, body_faces, "f"
    )
    (run,) = runs(block)
    assert findings == []
    assert right_edge(run, body_faces) == pytest.approx(width, abs=0.05)


def test_far_too_wide_is_reported_not_crushed(body_faces: FaceSet) -> None:
    nat = natural_width(TITLE, "hei", 24, body_faces)
    width = nat * 0.6
    block, findings = compose_head(
        HeadGroup(HeadLine(TITLE, "hei", 24, align="left")), width, body_faces, "lead"
    )
    assert [f.kind for f in findings] == ["headline_fit"] and findings[0].owner == "lead"
    (run,) = runs(block)
    gaps = [b - a for a, b in zip(run.xs, run.xs[1:], strict=False)]
    assert min(gaps) >= (1 + MIN_TRACKING) * 24 - 0.01  # never tighter than the limit


def test_too_wide_breaks_at_its_space(body_faces: FaceSet) -> None:
    deck = "以市民热线办理工作为牵引 落实接诉即办解决群众诉求"
    block, findings = compose_head(HeadGroup(HeadLine(deck, "kai", 16)), 16 * 14, body_faces, "f")
    assert [r.text for r in runs(block)] == ["以市民热线办理工作为牵引", "落实接诉即办解决群众诉求"]
    assert findings == []
