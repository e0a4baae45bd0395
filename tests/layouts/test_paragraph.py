"""The paragraph composer, rule by rule (CLREQ.md): push-in, push-out, compression per
font, punctuation pairs, Han–Latin spacing, URLs, 孤字, proportional quotes, faces."""

from __future__ import annotations

import pytest

from layouts.analysis import analyse
from layouts.justify import fit
from layouts.paragraph import compose_paragraph, natural_width, set_line
from layouts.punctuation import empty_side
from layouts.text import Paragraph, Span, TextStyle

EM = 10.0  # points: a 10-pt body, so 1 em = 10 pt and widths read in 字


def compose(faces, text, chars, font="song", indent=0.0, start=0):
    style = TextStyle(font, EM, EM * 1.5, indent=indent)
    return compose_paragraph(Paragraph.plain(text, style), chars * EM, faces, start=start)


def placed(line) -> list[tuple[str, float]]:
    """(character, origin in em) for a line."""
    return [(c, x / EM) for seg in line.segments for c, x in zip(seg.text, seg.xs, strict=True)]


def x_of(line, ch, nth=0) -> float:
    return [x for c, x in placed(line) if c == ch][nth]


def test_natural_fit_keeps_line_end_mark_full_width(body_faces):
    lines = compose(body_faces, "甲乙丙丁戊己庚辛壬，癸子丑", 10)
    assert lines[0].text == "甲乙丙丁戊己庚辛壬，"
    assert x_of(lines[0], "，") == pytest.approx(9.0)  # its whole em: the line needs no room


def test_push_in_compresses_punctuation_to_keep_the_comma_up(body_faces):
    # ten cells fill the line; the comma after them may not start the next line
    lines = compose(body_faces, "甲乙、丙丁戊己庚辛壬，癸子丑寅", 10)
    first = lines[0]
    assert first.text == "甲乙、丙丁戊己庚辛壬，"
    assert first.natural == pytest.approx(10 * EM)
    assert x_of(first, "丙") - x_of(first, "、") == pytest.approx(0.5)  # 、 lost its empty half
    assert x_of(first, "，") == pytest.approx(9.5)  # line-end ， set in ½ em
    assert lines[1].text[0] == "癸"


def test_push_out_carries_a_character_down_when_push_in_cannot(body_faces):
    lines = compose(body_faces, "甲乙丙丁戊己庚辛壬癸，子丑寅", 10)
    first = lines[0]
    assert first.text == "甲乙丙丁戊己庚辛壬"  # 癸 went down with its comma
    assert lines[1].text.startswith("癸，")
    xs = [x for _, x in placed(first)]
    assert xs == pytest.approx([j * (1 + 1 / 8) for j in range(9)])  # 1 em over 8 gaps
    assert xs[-1] + 1 == pytest.approx(10.0)


def test_empty_half_is_measured_per_font(body_faces):
    # Noto Serif CJK SC draws 。 in the lower left; AR PL UMing centres it
    assert empty_side(body_faces["song"], "。") == "right"
    assert empty_side(body_faces["ming"], "。") == "both"
    assert empty_side(body_faces["ming"], "，") == "right"
    assert empty_side(body_faces["song"], "“") == "left"
    assert empty_side(body_faces["song"], "（") == "left"
    assert empty_side(body_faces["hei"], "，") == "both"  # WenQuanYi centres its comma


@pytest.mark.parametrize(("font", "origin"), [("song", 9.5), ("ming", 9.25)])
def test_line_end_full_stop_compressed_on_its_empty_side(body_faces, font, origin):
    lines = compose(body_faces, "甲乙、丙丁戊己庚辛壬。癸子丑寅", 10, font=font)
    first = lines[0]
    assert first.text.endswith("壬。")
    x = x_of(first, "。")
    assert x == pytest.approx(origin)  # UMing: a quarter off each side, not the inked half
    ink = body_faces[font].ink("。")
    assert x + ink[2] <= 10.0 + 1e-9  # the dot stays inside the measure
    assert x + ink[0] >= 9.5 - 1e-9  # … and inside what is left of its cell
    assert first.natural == pytest.approx(10 * EM)


@pytest.mark.parametrize("font", ["song", "ming", "hei", "kai"])
@pytest.mark.parametrize("pair", ["。”", "）。", "，“", "”（", "》，", "！”"])
def test_adjacent_marks_take_one_and_a_half_em(body_faces, font, pair):
    lines = compose(body_faces, f"好{pair}好", 20, font=font)
    line = lines[0]
    assert line.last  # natural spacing
    assert x_of(line, "好", 1) - x_of(line, "好", 0) == pytest.approx(2.5)


def test_han_latin_quarter_em_but_not_next_to_punctuation(body_faces):
    face = body_faces["song"]
    line = compose(body_faces, "中A中，B", 20)[0]
    assert x_of(line, "A") == pytest.approx(1.25)
    assert x_of(line, "中", 1) == pytest.approx(1.25 + face.advance("A") + 0.25)
    assert x_of(line, "B") - x_of(line, "，") == pytest.approx(1.0)
    line = compose(body_faces, "PM2.5浓度", 20)[0]
    assert x_of(line, "P") == 0.0  # none at a line start
    digits = sum(face.advance(c) for c in "PM2.5")
    assert x_of(line, "浓") == pytest.approx(digits + 0.25)


def test_no_han_latin_space_at_line_ends(body_faces):
    # 2019 ends the first line: no quarter em hangs after it, the line is flush
    lines = compose(body_faces, "截至今年一季度共计2019年来最好成绩", 12)
    first = lines[0]
    assert first.text.endswith("2019")
    face = body_faces["song"]
    assert (first.segments[-1].xs[-1] + face.advance("9") * EM) == pytest.approx(12 * EM)
    assert lines[1].segments[0].xs[0] == 0.0


def test_url_breaks_only_after_slash_dot_or_hyphen(body_faces, check_lines):
    text = "详情请访问http://www.sjs.gov.cn/news-2019/index.html查询，或拨打12345。"
    style = TextStyle("song", EM, EM * 1.5, indent=2.0)
    par = Paragraph.plain(text, style)
    lines = compose_paragraph(par, 7 * EM, body_faces)
    assert check_lines(par, lines, 7 * EM, body_faces) == []
    ends = [ln.text[-1] for ln in lines[:-1]]
    assert any(c in "/.-" for c in ends)  # the URL did break, and only there
    assert "".join(ln.text for ln in lines) == text


def test_url_wider_than_the_column_still_breaks_only_at_its_joints(body_faces):
    lines = compose(body_faces, "http://www.beijing.gov.cn/zhengce/2019/", 6)
    url_ends = [ln.text[-1] for ln in lines[:-1]]
    assert url_ends and all(c in "/." for c in url_ends)


def test_orphan_brought_company(body_faces):
    # 8 + 10 + 1: the greedy last line would hold 壬 alone
    lines = compose(body_faces, "一二三四五六七八甲乙丙丁戊己庚辛壬癸子", 10, indent=2.0)
    assert [len(ln.text) for ln in lines] == [8, 9, 2]
    assert lines[1].natural == pytest.approx(10 * EM)  # still justified


def test_orphan_pulled_back_by_compressing_the_lines_before(body_faces):
    lines = compose(body_faces, "一二三四五六七八甲乙、丙丁、戊己庚辛壬", 10, indent=2.0)
    assert [ln.text for ln in lines] == ["一二三四五六七八", "甲乙、丙丁、戊己庚辛壬"]
    assert lines[1].natural == pytest.approx(10 * EM)


def test_an_orphan_with_its_stop_counts_too(body_faces):
    lines = compose(body_faces, "一二三四五六七八甲乙丙丁戊己庚辛壬癸子。", 10, indent=2.0)
    assert len(lines[-1].text.rstrip("。")) >= 2


def test_opening_bracket_at_line_start_loses_its_empty_half(body_faces):
    lines = compose(body_faces, "甲乙丙丁戊己庚辛壬癸“子丑寅卯”", 10)
    assert lines[1].text.startswith("“")
    assert lines[1].segments[0].xs[0] / EM == pytest.approx(-0.5)
    assert x_of(lines[1], "子") == pytest.approx(0.5)


def test_opening_bracket_after_the_indent_keeps_its_whole_em(body_faces):
    line = compose(body_faces, "“甲乙”", 10, indent=2.0)[0]
    assert line.segments[0].xs[0] / EM == pytest.approx(2.0)
    assert x_of(line, "甲") == pytest.approx(3.0)


def test_two_em_dash_stays_joined_when_the_line_stretches(body_faces):
    face = body_faces["song"]
    lines = compose(body_faces, "甲乙丙丁戊己——庚辛壬癸子丑寅卯辰巳", 9.6)
    first = lines[0]
    assert first.natural == pytest.approx(9.6 * EM)
    a, b = (x for c, x in placed(first) if c == "—")
    ink = face.ink("—")
    assert a + ink[2] == pytest.approx(b + ink[0], abs=1e-9)  # the halves touch
    assert b - a < 1.0  # no justification space inside


def test_proportional_quotes_set_full_width_in_chinese(body_faces):
    face = body_faces["hei"]
    assert face.advance("“") < 0.5  # WenQuanYi's “ is a Latin-width glyph
    line = compose(body_faces, "他说“好”吗", 20, font="hei")[0]
    assert x_of(line, "好") - x_of(line, "说") == pytest.approx(2.0)  # 说 + a 1-em “
    assert x_of(line, "吗") - x_of(line, "好") == pytest.approx(2.0)  # 好 + a 1-em ”
    lq = x_of(line, "“")
    ink = face.ink("“")
    assert lq + ink[0] >= 2.5 - 1e-9  # ink in the right half of its cell
    ink = face.ink("”")
    assert x_of(line, "”") + ink[2] <= 4.5 + 1e-9  # ink in the left half


def test_quotes_around_latin_text_stay_latin(body_faces):
    face = body_faces["hei"]
    line = compose(body_faces, "He said “hi” to me", 30, font="hei")[0]
    assert x_of(line, "h") - x_of(line, "“") == pytest.approx(face.advance("“"))


def test_missing_glyph_measures_one_em(body_faces):
    text = "甲\ue000乙"
    assert not body_faces["song"].has("\ue000")
    line = compose(body_faces, text, 10)[0]
    assert line.text == text
    assert x_of(line, "乙") == pytest.approx(2.0)


def test_resume_mid_paragraph_has_no_indent(body_faces):
    text = "一二三四五六七八九十" * 3
    lines = compose(body_faces, text, 8, indent=2.0, start=7)
    assert lines[0].start == 7 and lines[0].segments[0].xs[0] == 0.0
    assert [ln.text for ln in lines] == [text[7:15], text[15:23], text[23:]]
    assert all(a.end == b.start for a, b in zip(lines, lines[1:], strict=False))
    assert compose(body_faces, text, 8, start=len(text)) == []


def test_empty_paragraph_gives_one_empty_line(body_faces):
    lines = compose(body_faces, "", 10)
    assert len(lines) == 1 and lines[0].last and lines[0].text == ""


def test_trailing_space_is_consumed_not_drawn(body_faces):
    lines = compose(body_faces, "甲乙丙丁戊己庚 辛壬癸子丑", 7)
    assert lines[0].text == "甲乙丙丁戊己庚"
    assert lines[0].end == 8  # the space is inside the first line's range
    assert lines[1].start == 8


def test_deterministic(body_faces, corpus_paragraphs):
    style = TextStyle("song", 9.0, 13.5)
    par = Paragraph.plain(corpus_paragraphs[3], style)
    assert compose_paragraph(par, 99.0, body_faces) == compose_paragraph(par, 99.0, body_faces)


def test_spans_in_different_faces(body_faces):
    style = TextStyle("song", EM, EM * 1.5, indent=0.0)
    par = Paragraph((Span("本报讯", "hei"), Span("（记者徐巍）近日，", "song")), style)
    lines = compose_paragraph(par, 20 * EM, body_faces)
    segs = lines[0].segments
    assert [s.font for s in segs] == ["hei", "song"]
    assert segs[1].xs[0] == pytest.approx(3 * EM)


@pytest.mark.parametrize("width", [9.3, 10.7, 13.25])
def test_widths_between_whole_characters(body_faces, corpus_paragraphs, check_lines, width):
    style = TextStyle("song", 9.0, 13.5)
    for text in corpus_paragraphs[:20]:
        par = Paragraph.plain(text, style)
        lines = compose_paragraph(par, width * 9.0, body_faces)
        assert check_lines(par, lines, width * 9.0, body_faces) == []


def test_shrink_order_commas_before_full_stops(body_faces):
    style = TextStyle("song", EM, EM, indent=0.0)
    p = analyse(Paragraph.plain("甲，乙。丙", style), body_faces)
    xs, edge, _ = fit(p, 0, p.n, 4.75, True, True, False)
    assert edge == pytest.approx(4.75)
    assert xs[2] - xs[1] == pytest.approx(0.75)  # ， gave the quarter …
    assert xs[4] - xs[3] == pytest.approx(1.0)  # … 。 kept its em
    xs, edge, _ = fit(p, 0, p.n, 4.25, True, True, False)
    assert xs[2] - xs[1] == pytest.approx(0.5)  # ， down to ½ em, then
    assert xs[4] - xs[3] == pytest.approx(0.75)  # 。 gives the rest
    assert fit(p, 0, p.n, 3.9, True, True, False) is None  # no more to give


def test_stretch_order_word_spaces_first(body_faces):
    style = TextStyle("song", EM, EM, indent=0.0)
    p = analyse(Paragraph.plain("甲乙 丙丁", style), body_faces)
    natural = fit(p, 0, p.n, 100.0, True, False, False)[1]
    xs, edge, _ = fit(p, 0, p.n, natural + 0.2, True, True, False)
    assert edge == pytest.approx(natural + 0.2)
    assert xs[1] - xs[0] == pytest.approx(1.0)  # Han spacing untouched
    assert xs[4] - xs[3] == pytest.approx(1.0)


def test_natural_width_and_set_line(body_faces):
    assert natural_width("中文“引号”", "song", EM, body_faces) == pytest.approx(6 * EM)
    assert natural_width("“引号”", "song", EM, body_faces) == pytest.approx(3.5 * EM)
    style = TextStyle("song", EM, EM, indent=2.0)
    line = set_line("中文“引号”", style, body_faces, 8 * EM, "justify")
    assert line.natural == pytest.approx(8 * EM)
    assert line.segments[0].xs[0] == 0.0  # no indent on a set line
    line = set_line("中文", style, body_faces, 8 * EM, "center")
    assert line.segments[0].xs[0] == pytest.approx(3 * EM)
    line = set_line("中文", style, body_faces, 8 * EM, "right")
    assert line.segments[0].xs[-1] == pytest.approx(7 * EM)
    line = set_line("一二三四五六七八九十", style, body_faces, 8 * EM, "justify")
    assert line.natural > 8 * EM  # reported, not hidden
    with pytest.raises(ValueError):
        set_line("中", style, body_faces, 8 * EM, "middle")


def test_set_line_tracking_overrides_style(body_faces):
    style = TextStyle("song", EM, EM)
    line = set_line("中文字", style, body_faces, 20 * EM, "left", tracking=-0.1)
    assert line.natural == pytest.approx(2.8 * EM)


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_ragged_alignments_keep_natural_spacing(body_faces, align):
    style = TextStyle("song", EM, EM * 1.5, indent=0.0, align=align)
    text = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳"
    lines = compose_paragraph(Paragraph.plain(text, style), 10 * EM, body_faces)
    first = lines[0]
    assert first.text == "甲乙丙丁戊己庚辛壬"  # the same break as justified text …
    assert first.natural == pytest.approx(9 * EM)  # … but not spread
    xs = [x for _, x in placed(first)]
    assert [b - a for a, b in zip(xs, xs[1:], strict=False)] == pytest.approx([1.0] * 8)
    shift = {"left": 0.0, "center": 0.5, "right": 1.0}[align]
    assert xs[0] == pytest.approx(shift)


def test_unknown_alignment_is_refused(body_faces):
    style = TextStyle("song", EM, EM, align="middle")
    with pytest.raises(ValueError):
        compose_paragraph(Paragraph.plain("中文", style), 10 * EM, body_faces)


def test_zero_width_space_is_an_invisible_break(body_faces):
    text = "Beijing\u200bDaily"
    lines = compose(body_faces, text, 4)
    assert lines[0].text in ("Beijing\u200b", "Beijing")
    assert "".join(ln.text for ln in lines).replace("\u200b", "") == "BeijingDaily"
    line = compose(body_faces, "甲\u200b乙", 10)[0]
    assert x_of(line, "乙") == pytest.approx(1.0)


def test_four_dashes_are_two_joined_pairs(body_faces):
    face = body_faces["song"]
    line = compose(body_faces, "甲————乙", 20)[0]
    xs = [x for c, x in placed(line) if c == "—"]
    ink = face.ink("—")
    assert xs[0] + ink[2] == pytest.approx(xs[1] + ink[0], abs=1e-9)
    assert xs[2] + ink[2] == pytest.approx(xs[3] + ink[0], abs=1e-9)
    assert x_of(line, "乙") == pytest.approx(5.0)  # four 1-em cells


def test_line_end_mark_gives_its_half_first(body_faces):
    # half an em too wide: the line-end 。 gives it (shrink stage 1), the ， inside keeps
    # its em although commas give before full stops inside a line
    lines = compose(body_faces, "甲，乙丙丁戊己庚辛壬。子丑寅卯", 10.5)
    first = lines[0]
    assert first.text == "甲，乙丙丁戊己庚辛壬。"
    assert x_of(first, "乙") - x_of(first, "，") == pytest.approx(1.0)
    assert x_of(first, "。") == pytest.approx(10.0)  # its cell is the last ½ em


def test_a_run_wider_than_the_column_breaks_where_it_hurts_least(body_faces):
    # the registration number is wider than 5 字: break after its hyphen, not in a number
    lines = compose(body_faces, "准印证号京内资准字2003-L0007", 5, indent=2.0)
    assert any(ln.text.endswith("2003-") for ln in lines)
    # a phone number fits a line but not with 水: behind its colon, the number stays whole
    lines = compose(body_faces, "●自来水:68840911", 5, indent=2.0)
    assert [ln.text for ln in lines][-2:] == ["水:", "68840911"]
    # a number wider than any line has to break, and nothing is lost
    text = "共" + "1234567890" * 2 + "件"
    lines = compose(body_faces, text, 5)
    assert "".join(ln.text for ln in lines) == text


def test_a_run_too_wide_breaks_where_letters_meet_digits(body_faces):
    lines = compose(body_faces, "abcdefg12345678", 5)
    assert [ln.text for ln in lines] == ["abcdefg", "12345678"]
    assert lines[0].natural == pytest.approx(5 * EM)  # letter-spaced to the measure
