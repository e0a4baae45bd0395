"""The 2-em dash (破折号 ——, GB/T 15834): one continuous rule exactly 2 em long, its halves never
overlapping and never parted by a line break, in a face whose dash is proportional (Noto CJK,
and the test font cut from it) and in one that draws the full em (WenQuanYi Zen Hei).

The drawn ink is read back from what the composer returns (glyph origins, the fonts' own ink
boxes, the line's rules) and measured against the neighbouring Han characters' cells.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layouts.display import GlyphRun, Rule
from layouts.flow import ParagraphCache, Story, TextFrame, flow_story
from layouts.fonts.metrics import Face, FaceSet
from layouts.headline import HeadGroup, HeadLine, compose_head
from layouts.paragraph import compose_paragraph
from layouts.text import Line, Paragraph, TextStyle

TEST_FONT = Path(__file__).resolve().parent.parent / "fonts" / "BanmianTestSerifSC-Regular.ttf"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SIZE = 10.0
TEXT = "他说——这是一次测试————好。"


@pytest.fixture(scope="module")
def faces() -> FaceSet:
    for path in (NOTO_SERIF, WQY):
        if not Path(path).exists():
            pytest.skip(f"font not installed: {path}")
    return FaceSet(
        {
            "test": Face("test", str(TEST_FONT)),
            "song": Face("song", NOTO_SERIF, 2),
            "wqy": Face("wqy", WQY),
        }
    )


def glyphs(line: Line) -> list[tuple[str, str, float]]:
    return [
        (seg.font, c, x) for seg in line.segments for c, x in zip(seg.text, seg.xs, strict=True)
    ]


def dash_ink(line: Line, faces: FaceSet) -> list[tuple[float, float, float, float]]:
    """(left, right, bottom, top) of every inked dash shape, in points (y up from the baseline):
    the dash glyphs' ink boxes and the line's rules."""
    out = []
    for font, c, x in glyphs(line):
        if c == "—":
            ink = faces[font].ink(c)
            assert ink is not None
            out.append((x + ink[0] * SIZE, x + ink[2] * SIZE, ink[1] * SIZE, ink[3] * SIZE))
    for r in line.rules:
        out.append((r.x1, r.x2, r.rise - r.thickness / 2, r.rise + r.thickness / 2))
    return out


def union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 1e-9:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def set_one_line(faces: FaceSet, font: str) -> Line:
    par = Paragraph.plain(TEXT, TextStyle(font, SIZE, SIZE * 1.5, indent=0))
    (line,) = compose_paragraph(par, 40 * SIZE, faces)
    return line


def cells(line: Line, faces: FaceSet) -> list[tuple[float, float]]:
    """The space between the Han characters around each dash: from the right edge of the one
    before (its advance) to the left edge of the one after."""
    g = glyphs(line)
    out = []
    i = 0
    while i < len(g):
        if g[i][1] == "—":
            j = i
            while j < len(g) and g[j][1] == "—":
                j += 1
            font, c, x = g[i - 1]
            out.append((x + faces[font].advance(c) * SIZE, g[j][2]))
            i = j
        else:
            i += 1
    return out


@pytest.mark.parametrize("font", ["test", "song", "wqy"])
def test_a_2_em_dash_is_one_continuous_rule_2_em_long(faces: FaceSet, font: str) -> None:
    line = set_one_line(faces, font)
    assert line.text == TEXT
    spans = union([(a, b) for a, b, _, _ in dash_ink(line, faces)])
    want = cells(line, faces)
    assert [b - a for a, b in want] == pytest.approx([2 * SIZE, 4 * SIZE])  # 2 em and 4 em cells
    assert len(spans) == len(want)  # continuous: one stretch of ink per dash
    for (a, b), (lo, hi) in zip(spans, want, strict=True):
        assert a == pytest.approx(lo, abs=0.02 * SIZE) and b == pytest.approx(hi, abs=0.02 * SIZE)


@pytest.mark.parametrize("font", ["test", "song", "wqy"])
def test_the_halves_touch_and_never_overlap(faces: FaceSet, font: str) -> None:
    line = set_one_line(faces, font)
    glyph_inks = [
        (x + faces[f].ink(c)[0] * SIZE, x + faces[f].ink(c)[2] * SIZE)  # type: ignore[index]
        for f, c, x in glyphs(line)
        if c == "—"
    ]
    for (_, right), (left, _) in zip(glyph_inks, glyph_inks[1:], strict=False):
        assert left >= right - 0.003 * SIZE  # never overlapping (WenQuanYi's dash pokes 1 unit out)
    first, second = glyph_inks[0], glyph_inks[1]
    assert second[0] - first[1] == pytest.approx(0.0, abs=0.01 * SIZE)  # touching


@pytest.mark.parametrize("font", ["test", "song"])
def test_the_rule_is_the_glyphs_own_stroke(faces: FaceSet, font: str) -> None:
    """Where a rule makes up the length, it is exactly as thick and as high as the dash
    glyph, so the glyph disappears into it: no step, no bulge."""
    line = set_one_line(faces, font)
    ink = faces[font].ink("—")
    assert ink is not None and line.rules
    for r in line.rules:
        assert r.rise - r.thickness / 2 == pytest.approx(ink[1] * SIZE)
        assert r.rise + r.thickness / 2 == pytest.approx(ink[3] * SIZE)
        assert r.x2 - r.x1 == pytest.approx(2 * SIZE)


def test_a_face_that_draws_the_full_em_needs_no_rule(faces: FaceSet) -> None:
    assert set_one_line(faces, "wqy").rules == ()


@pytest.mark.parametrize("font", ["test", "song"])
def test_never_split_across_lines_at_any_width(faces: FaceSet, font: str) -> None:
    text = "有人说——这是真的——也有人说————不是。" * 3
    style = TextStyle(font, SIZE, SIZE * 1.5)
    for tenths in range(40, 200, 3):
        lines = compose_paragraph(Paragraph.plain(text, style), tenths / 10 * SIZE, faces)
        assert "".join(ln.text for ln in lines) == text
        for ln in lines:
            run = len(ln.text) - len(ln.text.rstrip("—"))
            assert run % 2 == 0, f"{tenths / 10} 字: a dash split after {ln.text!r}"
            assert len(ln.rules) == ln.text.count("——")  # every pair on the line is drawn whole


def test_body_and_headline_draw_the_rule(faces: FaceSet) -> None:
    style = TextStyle("test", SIZE, SIZE * 1.5)
    frame = TextFrame("f", 1, 50.0, 60.0, 200.0, 300.0)
    layout = flow_story(
        Story("s", (Paragraph.plain(TEXT, style),), (frame,)), ParagraphCache(faces)
    )
    items = layout.items_for_page(1)
    rules = [i for i in items if isinstance(i, Rule)]
    runs = [i for i in items if isinstance(i, GlyphRun)]
    assert len(rules) == 3 and all(r.y1 == r.y2 and r.owner == "f" for r in rules)
    baseline = runs[0].y
    assert rules[0].y1 == pytest.approx(
        baseline - faces["test"].ink("—")[1] * SIZE - rules[0].width / 2
    )  # type: ignore[index]
    assert rules[0].x1 == pytest.approx(frame.x + 4 * SIZE)  # after the indent and 他说
    head, _ = compose_head(HeadGroup(HeadLine("改革——再出发", "test", 24)), 300, faces, "h")
    assert sum(isinstance(i, Rule) for i in head.items) == 1
