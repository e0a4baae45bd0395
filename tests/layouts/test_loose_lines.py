"""No loose lines (issue 13): no line but a paragraph's last opens a hole — more than ½ em
between Han characters — where breaking the paragraph otherwise avoids it; a URL that does
not fit breaks after its / or . instead.

Holes are found by conftest.gap_problems, which measures the glyphs the composer placed
against the fonts' own advances; the CLREQ.md rules by conftest.line_problems.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layouts.analysis import analyse
from layouts.fonts.metrics import Face, FaceSet
from layouts.justify import fit
from layouts.paragraph import compose_paragraph
from layouts.text import Line, Paragraph, TextStyle

TEST_FONT = Path(__file__).resolve().parent.parent / "fonts" / "BanmianTestSerifSC-Regular.ttf"
SIZE = 9.0
# the sample issue's placeholder paragraph: a 4-em hole before http://www. at 11 字 today
SAMPLE = (
    "示例段落：这里的数字如2019年、12345热线、第1809期，以及网址http://www.example.com和"
    "英文单词Banmian都按整体处理，不会在中间断开；汉字与西文之间留出四分之一个字的空隙。"
)
URL = "http://www.example.com"


@pytest.fixture(scope="module")
def faces(body_faces: FaceSet) -> FaceSet:
    return FaceSet({"test": Face("test", str(TEST_FONT)), "song": body_faces["song"]})


def compose(faces: FaceSet, text: str, chars: float, font: str = "test") -> list[Line]:
    par = Paragraph.plain(text, TextStyle(font, SIZE, SIZE * 1.5))
    return compose_paragraph(par, chars * SIZE, faces)


@pytest.mark.parametrize("font", ["test", "song"])
def test_the_sample_paragraph_has_no_hole_at_any_width(faces, font, check_lines, check_gaps):
    style = TextStyle(font, SIZE, SIZE * 1.5)
    for chars in range(7, 31):  # (at 6 字 单词 must stand alone before Banmian)
        lines = compose(faces, SAMPLE, chars, font)
        par = Paragraph.plain(SAMPLE, style)
        assert check_lines(par, lines, chars * SIZE, faces) == [], chars
        assert check_gaps(lines, faces, SIZE) == [], f"{chars}字: {[ln.text for ln in lines]}"


def test_a_url_that_does_not_fit_breaks_after_a_slash_or_a_dot(faces, check_gaps):
    lines = compose(faces, SAMPLE, 11)
    texts = [ln.text for ln in lines]
    holding = [t for t in texts if any(part in t for part in ("http", "example", ".com"))]
    assert len(holding) == 2, texts  # the URL is split once, between two lines
    head = holding[0]
    assert head[-1] in "/." and (head + holding[1]).count(URL) == 1
    assert check_gaps(lines, faces, SIZE) == []


def test_a_narrow_first_line_takes_a_shorter_indent_rather_than_a_hole(
    faces, check_lines, check_gaps
):
    """下一步，区财政… in 5 字: after a 2-字 indent only 下一 fits (步 may not leave ， to
    start the next line), a 1-em hole between two characters; after a 1½-字 indent 下一步，
    fills the line with its comma compressed."""
    text = "下一步，区财政局将持续推进预算绩效管理改革。"
    lines = compose(faces, text, 5)
    par = Paragraph.plain(text, TextStyle("test", SIZE, SIZE * 1.5))
    assert check_lines(par, lines, 5 * SIZE, faces) == []
    assert check_gaps(lines, faces, SIZE) == []
    first = lines[0].segments[0].xs[0] / SIZE
    assert 1.0 <= first < 2.0 and lines[0].text.startswith("下一步")
    assert all(ln.segments[0].xs[0] < 1e-9 for ln in lines[1:])


def test_a_wide_column_keeps_the_two_character_indent(faces):
    lines = compose(faces, SAMPLE, 11)
    assert lines[0].segments[0].xs[0] == pytest.approx(2 * SIZE)


def test_a_word_space_widens_as_one_place(faces):
    """Spreading a line, a word space takes the same share as the place between two Han
    characters (once it has reached ½ em): the characters beside it do not also move off it."""
    par = Paragraph.plain("甲乙 丙丁", TextStyle("test", SIZE, SIZE, indent=0))
    p = analyse(par, faces)
    xs, edge, spread = fit(p, 0, p.n, 6.0, True, True, False)
    assert edge == pytest.approx(6.0)
    han = xs[1] - xs[0] - 1.0  # white between 甲 and 乙
    across = xs[3] - xs[1] - 1.0  # white from 乙 to 丙, the space included
    assert across - han == pytest.approx(0.5)  # the word space at its widest, nothing more
    assert spread == pytest.approx(han)


def test_spread_reports_the_even_space_and_the_compression(faces):
    p = analyse(Paragraph.plain("甲乙丙，丁", TextStyle("test", SIZE, SIZE, indent=0)), faces)
    _, _, wide = fit(p, 0, p.n, 7.0, True, True, False)
    assert wide == pytest.approx((7.0 - 5.0) / 3)  # no space before ， (it keeps to 丙)
    _, _, tight = fit(p, 0, p.n, 4.5, True, True, False)
    assert tight == pytest.approx(-0.5)
