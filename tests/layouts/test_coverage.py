"""Coverage: spans re-split by which face has each character; what no face has is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from hypothesis import given, settings
from hypothesis import strategies as st

from layouts.color import CMYK
from layouts.fonts.coverage import LINE_BREAKS, MissingGlyph, resolve_spans
from layouts.fonts.metrics import Face, FaceSet
from layouts.text import Span

TEST_FONT = Path(__file__).resolve().parent.parent / "fonts" / "BanmianTestSerifSC-Regular.ttf"
RARE = "堃喆镕龘𠮷"  # not in the test font, in the fallback face (𠮷 is CJK Ext-B)
NOWHERE = "𪚥😀"  # U+2A6A5 (Ext-B) and an emoji: in neither face
RED = CMYK(0, 1, 1, 0)


def fallback_font(path: Path) -> Path:
    """A face holding what the test font lacks: the rare characters and 标题 (squares), NBSP
    (blank) and ZWSP (blank, no advance) — built here, so the tests need no installed font."""
    ink = RARE + "标题"
    chars = {c: f"g{i}" for i, c in enumerate(ink + "\u00a0\u200b")}
    pen = TTGlyphPen(None)
    pen.moveTo((100, -100))
    pen.lineTo((900, -100))
    pen.lineTo((900, 800))
    pen.lineTo((100, 800))
    pen.closePath()
    square, blank = pen.glyph(), TTGlyphPen(None).glyph()
    glyphs = {".notdef": blank} | {g: square if c in ink else blank for c, g in chars.items()}
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(list(glyphs))
    fb.setupCharacterMap({ord(c): g for c, g in chars.items()})
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({g: (0 if g == chars["\u200b"] else 1000, 0) for g in glyphs})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Banmian Fallback Test", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120)
    fb.setupPost()
    fb.save(str(path))
    return path


@pytest.fixture(scope="module")
def faces(tmp_path_factory: pytest.TempPathFactory) -> FaceSet:
    kai = fallback_font(tmp_path_factory.mktemp("fonts") / "fallback.ttf")
    fs = FaceSet({"song": Face("song", str(TEST_FONT)), "kai": Face("kai", str(kai))})
    # Preconditions the tests below rely on, checked rather than assumed.
    for ch in RARE:
        assert not fs["song"].has(ch) and fs["kai"].has(ch), ch
    for ch in NOWHERE:
        assert not fs["song"].has(ch) and not fs["kai"].has(ch), ch
    return fs


FALLBACKS = {"song": ["kai"], "kai": ["song"]}


def test_covered_text_is_left_alone(faces: FaceSet) -> None:
    text = "本报讯（记者段鹏泽）近日，区交通支队开展宣传活动。ABC 123"
    out, missing = resolve_spans([Span(text, "song", RED)], faces, FALLBACKS)
    assert out == [Span(text, "song", RED)]
    assert missing == []


def test_missing_character_moves_to_first_fallback_in_place(faces: FaceSet) -> None:
    out, missing = resolve_spans([Span("朱镕基说：好", "song")], faces, FALLBACKS)
    assert [(s.text, s.font) for s in out] == [("朱", "song"), ("镕", "kai"), ("基说：好", "song")]
    assert missing == []


def test_fallback_order_is_respected(faces: FaceSet) -> None:
    # 'song' is listed before 'kai' for a third face: the first face that has the char wins.
    three = FaceSet({"hei": faces["song"], "song": faces["song"], "kai": faces["kai"]})
    out, _ = resolve_spans([Span("中堃", "hei")], three, {"hei": ["song", "kai"]})
    assert [(s.text, s.font) for s in out] == [("中", "hei"), ("堃", "kai")]


def test_character_no_face_has_is_reported_and_kept(faces: FaceSet) -> None:
    text = "四龙𪚥字😀完"
    out, missing = resolve_spans([Span(text, "song")], faces, FALLBACKS)
    assert "".join(s.text for s in out) == text
    assert [(m.char, m.codepoint, m.index, m.kind) for m in missing] == [
        ("𪚥", 0x2A6A5, 2, "missing"),
        ("😀", 0x1F600, 4, "missing"),
    ]
    # Kept in the span's own face (measured 1 em there), not moved to a fallback.
    by_char = {ch: s.font for s in out for ch in s.text}
    assert by_char["𪚥"] == "song" and by_char["😀"] == "song"
    assert by_char["龙"] == "song"
    assert missing[0].label == "U+2A6A5 𪚥 CJK UNIFIED IDEOGRAPH-2A6A5"


def test_indices_count_across_spans(faces: FaceSet) -> None:
    spans = [Span("标题", "kai"), Span("正文😀", "song")]
    out, missing = resolve_spans(spans, faces, FALLBACKS)
    assert [m.index for m in missing] == [4]
    assert [m.font for m in missing] == ["song"]
    assert "".join(s.text for s in out) == "标题正文😀"


def test_controls_reported_newlines_passed(faces: FaceSet) -> None:
    text = "第一行\n第二行\t制表\r回车\x00"
    out, missing = resolve_spans([Span(text, "song")], faces, FALLBACKS)
    assert "".join(s.text for s in out) == text
    assert len(out) == 1  # no split around the newline or the controls
    assert [(m.char, m.index, m.kind) for m in missing] == [
        ("\t", 7, "control"),
        ("\r", 10, "control"),
        ("\x00", 13, "control"),
    ]


def test_spaces_are_ordinary_characters(faces: FaceSet) -> None:
    # U+0020 and U+3000 are in the test font; NBSP is not, so it falls back to kai.
    out, missing = resolve_spans([Span("A B\u3000C\u00a0D", "song")], faces, FALLBACKS)
    assert missing == []
    assert [(s.text, s.font) for s in out] == [
        ("A B\u3000C", "song"),
        ("\u00a0", "kai"),
        ("D", "song"),
    ]


def test_ignorable_stays_with_previous_character(faces: FaceSet) -> None:
    # ZWSP after a fallback character stays in that character's face (kai has it: no report);
    # ZWSP in song (which lacks it) stays in song and is reported; VS16 after an emoji too.
    text = "堃\u200b中\u200b😀\ufe0f"
    out, missing = resolve_spans([Span(text, "song")], faces, FALLBACKS)
    assert [(s.text, s.font) for s in out] == [("堃\u200b", "kai"), ("中\u200b😀\ufe0f", "song")]
    assert [(m.index, m.kind) for m in missing] == [
        (3, "ignorable"),
        (4, "missing"),
        (5, "ignorable"),
    ]


def test_span_boundaries_and_colours_kept(faces: FaceSet) -> None:
    spans = [Span("红字", "song", RED), Span("黑字", "song"), Span("", "song")]
    out, _ = resolve_spans(spans, faces, FALLBACKS)
    assert out == [Span("红字", "song", RED), Span("黑字", "song")]


def test_callable_fallbacks_and_unknown_keys(faces: FaceSet) -> None:
    calls: list[str] = []

    def fallbacks(key: str) -> list[str]:
        calls.append(key)
        return ["nonexistent", "kai"]  # keys not in the FaceSet are skipped

    out, _ = resolve_spans([Span("堃", "song"), Span("喆", "song")], faces, fallbacks)
    assert [s.font for s in out] == ["kai", "kai"]
    assert calls == ["song"]  # asked once per face, not per character


def test_span_in_unknown_face_is_an_error(faces: FaceSet) -> None:
    with pytest.raises(KeyError, match="hei"):
        resolve_spans([Span("字", "hei")], faces, FALLBACKS)


ALPHABET = "中文，。 A1" + RARE + NOWHERE + "\n\t\u200b\ufe0f"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(alphabet=ALPHABET, max_size=12), st.sampled_from(["song", "kai"])),
        max_size=5,
    )
)
def test_property_nothing_lost_everything_placed(
    faces: FaceSet, parts: list[tuple[str, str]]
) -> None:
    spans = [Span(t, f) for t, f in parts]
    text = "".join(t for t, _ in parts)
    out, missing = resolve_spans(spans, faces, FALLBACKS)
    assert "".join(s.text for s in out) == text
    assert all(s.text for s in out)
    assert all(text[m.index] == m.char and m.codepoint == ord(m.char) for m in missing)
    reported = {m.index for m in missing}
    pos = 0
    for s in out:
        for ch in s.text:
            # Every character is drawable in its face, or a line break, or reported.
            assert faces[s.font].has(ch) or ch in LINE_BREAKS or pos in reported
            pos += 1
    assert all(isinstance(m, MissingGlyph) for m in missing)
