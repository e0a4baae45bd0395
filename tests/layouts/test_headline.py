"""Headline groups: sizes, fitting by tighter tracking within a limit, breaking at phrase
boundaries beyond it (never a character alone), an em space between clauses; what still does
not fit is set as far as the frame's edge and the characters cut reported."""

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
    assert texts == ["民有所呼\u3000我有所应", TITLE, "以市民热线办理工作为牵引"]  # 一字空
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


def test_far_too_wide_is_clipped_to_the_frame_and_reported(body_faces: FaceSet) -> None:
    """Narrower than two characters at the tracking limit: nothing fits however it breaks.
    What fits is set, never tighter than the limit and never past the frame's edge (into the
    margin or the next story); the characters cut are counted in the report."""
    width = 24 * 1.5
    block, findings = compose_head(
        HeadGroup(HeadLine(TITLE, "hei", 24, align="left")), width, body_faces, "lead"
    )
    (finding,) = findings
    assert (finding.kind, finding.owner) == ("headline_fit", "lead")
    shown = "".join(r.text for r in runs(block))
    assert TITLE.startswith(shown) and shown
    assert (
        finding.count == len(TITLE) - len(shown) and f"{finding.count}字排不下" in finding.message
    )
    assert TITLE in finding.message  # the whole headline named: nothing goes unsaid
    for run in runs(block):
        assert right_edge(run, body_faces) <= width + 0.01
        gaps = [b - a for a, b in zip(run.xs, run.xs[1:], strict=False)]
        assert not gaps or min(gaps) >= (1 + MIN_TRACKING) * 24 - 0.01  # never crushed


def test_too_wide_breaks_at_its_space(body_faces: FaceSet) -> None:
    deck = "以市民热线办理工作为牵引 落实接诉即办解决群众诉求"
    block, findings = compose_head(HeadGroup(HeadLine(deck, "kai", 16)), 16 * 14, body_faces, "f")
    assert [r.text for r in runs(block)] == ["以市民热线办理工作为牵引", "落实接诉即办解决群众诉求"]
    assert findings == []


def lines_of(text: str, width: float, faces: FaceSet, size: float = 24) -> list[str]:
    block, findings = compose_head(HeadGroup(HeadLine(text, "hei", size)), width, faces, "f")
    assert findings == []
    return [r.text for r in runs(block)]


def test_two_clauses_are_parted_by_an_em_space(body_faces: FaceSet) -> None:
    deck = "以市民热线办理工作为牵引 落实接诉即办解决群众诉求"
    block, _ = compose_head(HeadGroup(HeadLine(deck, "kai", 16, "left")), 600, body_faces, "f")
    (run,) = runs(block)
    i = run.text.index("引")
    white = run.xs[i + 2] - (run.xs[i] + body_faces["kai"].advance("引") * 16)
    assert white == pytest.approx(16.0)  # one em (一字空), not a quarter
    assert run.text[i + 1] == "\u3000"


def test_a_space_beside_latin_stays_a_word_space(body_faces: FaceSet) -> None:
    assert lines_of("迎接 2019 新春", 600, body_faces) == ["迎接 2019 新春"]


def test_a_long_headline_breaks_after_its_clause_mark(body_faces: FaceSet) -> None:
    text = "石景山召开推进会，部署市民热线工作"
    nat = natural_width(text, "hei", 24, body_faces)
    assert lines_of(text, nat * 0.7, body_faces) == ["石景山召开推进会，", "部署市民热线工作"]


def test_a_headline_without_phrase_boundaries_is_not_broken_inside_a_phrase(
    body_faces: FaceSet,
) -> None:
    """石景山区召开市民热线工作交流推进会 has no space and no clause mark: it is not split into
    石景山区召开市民|热线… by guessing, but set on its line as far as the frame goes and
    reported (an editor breaks it, or the make-up gives it a wider span)."""
    nat = natural_width(TITLE, "hei", 24, body_faces)
    width = nat * 0.6
    block, findings = compose_head(HeadGroup(HeadLine(TITLE, "hei", 24)), width, body_faces, "f")
    (run,) = runs(block)
    assert TITLE.startswith(run.text) and len(TITLE) * 0.6 < len(run.text) < len(TITLE)
    assert run.xs[0] >= -0.01 and right_edge(run, body_faces) <= width + 0.01  # in the frame
    assert [(f.kind, f.count) for f in findings] == [("headline_fit", len(TITLE) - len(run.text))]


def test_three_clauses_take_the_fewest_even_lines(body_faces: FaceSet) -> None:
    text = "学习技能 健康生活 引领健身 共建美好石景山"
    nat = natural_width(text, "hei", 24, body_faces)
    assert lines_of(text, nat * 0.55, body_faces) == [
        "学习技能\u3000健康生活",
        "引领健身\u3000共建美好石景山",
    ]


@pytest.mark.parametrize(
    "text",
    [
        TITLE,
        "以市民热线办理工作为牵引 落实接诉即办解决群众诉求",
        "追梦新时代 健康赢未来",
        "北京女子排球队运动员宣读倡议书：学习技能、健康生活、引领健身",
        "2019年石景山区全民健身体育节开幕",
    ],
)
def test_no_line_holds_one_character_at_any_width(body_faces: FaceSet, text: str) -> None:
    nat = natural_width(text, "hei", 24, body_faces)
    for share in range(20, 101, 4):
        width = nat * share / 100
        block, findings = compose_head(HeadGroup(HeadLine(text, "hei", 24)), width, body_faces, "f")
        lines = [r.text for r in runs(block)]
        shown = "".join(lines).replace("\u3000", "")
        if not findings:
            assert shown == text.replace(" ", ""), share
        cut = sum(f.count for f in findings)  # every character on the page or counted cut
        assert len("".join(shown.split())) + cut == len("".join(text.split())), share
        for line in lines:
            assert sum(ch.isalnum() for ch in line) >= 2, f"{share}%: {lines}"
        if not findings:
            assert all(natural_width(ln, "hei", 24, body_faces) * 0.88 <= width for ln in lines)
