"""Property tests: random mixes of Han, punctuation, Latin words, numbers and URLs, at
random widths, in two faces, keep every CLREQ.md property (see conftest.line_problems)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layouts.paragraph import compose_paragraph
from layouts.text import Paragraph, Span, TextStyle

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
CLOSERS = list("，。、；：？！") + ["。”", "！”", "？”", "）", "》", "”", "……", "——", "），", "”。"]
WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=6
)
NUMBERS = st.one_of(
    st.integers(0, 99999).map(str),
    st.tuples(st.integers(1, 999), st.integers(0, 999)).map(lambda t: f"{t[0]},{t[1]:03d}"),
    st.tuples(st.integers(0, 99), st.integers(0, 9)).map(lambda t: f"{t[0]}.{t[1]}%"),
)
URLS = st.sampled_from(
    ["http://www.sjs.gov.cn", "www.bjsjs.gov.cn", "https://news.example.com/2019/04-25/a.html"]
).map(lambda url: f"访问{url}查询")
han = st.text(alphabet=HAN, min_size=1, max_size=12)
token = st.one_of(
    han,
    han,
    han.map(lambda t: f"“{t}”"),
    han.map(lambda t: f"（{t}）"),
    han.map(lambda t: f"《{t}》"),
    st.sampled_from(CLOSERS),
    WORDS,
    st.lists(WORDS, min_size=2, max_size=4).map(" ".join),
    NUMBERS,
    URLS,
    st.sampled_from(["·", "～", " ", "(", ")", ",", ":"]),
)
paragraphs = st.lists(token, min_size=1, max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=paragraphs,
    chars=st.floats(5.0, 30.0),
    font=st.sampled_from(["song", "ming"]),
    indent=st.sampled_from([0.0, 2.0]),
)
def test_random_paragraphs_keep_the_rules(body_faces, check_lines, text, chars, font, indent):
    style = TextStyle(font, 9.0, 13.5, indent=indent)
    par = Paragraph.plain(text, style)
    width = chars * 9.0
    lines = compose_paragraph(par, width, body_faces)
    assert check_lines(par, lines, width, body_faces, lone_ok=True) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=paragraphs,
    first=st.floats(5.0, 30.0),
    chars=st.floats(5.0, 30.0),
    cut=st.floats(0.0, 1.0),
)
def test_resuming_at_a_column_break_keeps_the_rules(
    body_faces, check_lines, text, first, chars, cut
):
    """The rest of a paragraph after a column break, set at another width."""
    style = TextStyle("song", 9.0, 13.5)
    par = Paragraph.plain(text, style)
    before = compose_paragraph(par, first * 9.0, body_faces)
    start = before[int(cut * (len(before) - 1))].start
    lines = compose_paragraph(par, chars * 9.0, body_faces, start=start)
    assert check_lines(par, lines, chars * 9.0, body_faces, start=start, lone_ok=True) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(
        st.tuples(paragraphs, st.sampled_from(["song", "hei", "kai"])), min_size=1, max_size=4
    ),
    chars=st.floats(6.0, 24.0),
)
def test_mixed_faces_lose_nothing(body_faces, parts, chars):
    style = TextStyle("song", 9.0, 13.5)
    par = Paragraph(tuple(Span(t, f) for t, f in parts), style)
    lines = compose_paragraph(par, chars * 9.0, body_faces)
    text = par.text
    assert lines[0].start == 0 and lines[-1].end == len(text)
    for ln in lines:
        assert ln.text == text[ln.start : ln.end].rstrip(" ")
        for seg in ln.segments:
            assert text[ln.start :].find(seg.text) >= 0
        if not ln.last and ln.text:
            assert abs(ln.natural - chars * 9.0) < 1e-6 * chars * 9.0 or len(ln.text) == 1
