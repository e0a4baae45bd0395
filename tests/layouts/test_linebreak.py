"""Break opportunities and character classes (clreq, GB/T 15834, UAX #14 for Latin)."""

from __future__ import annotations

import pytest

from layouts.linebreak import (
    CL,
    DS,
    LINE_END_FORBIDDEN,
    LINE_START_FORBIDDEN,
    LN,
    LO,
    MD,
    OP,
    break_opportunities,
    classes,
)


def breaks(text: str) -> list[str]:
    """The text cut at every opportunity, e.g. ['中', '文'] (the end is not shown as a cut)."""
    brk = break_opportunities(text, classes(text))
    cuts = [0] + [i for i in range(1, len(text)) if brk[i]] + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def test_between_han_characters():
    assert breaks("石景山报") == ["石", "景", "山", "报"]


@pytest.mark.parametrize("mark", list("、，。；：？！”’）》〉」』】〕］｝"))
def test_line_start_forbidden_marks_stay_with_the_character_before(mark):
    assert breaks(f"中{mark}文") == [f"中{mark}", "文"]


@pytest.mark.parametrize("mark", list("“‘（《〈「『【〔［｛／"))
def test_line_end_forbidden_marks_stay_with_the_character_after(mark):
    assert breaks(f"中{mark}文") == ["中", f"{mark}文"]


def test_adjacent_marks_form_one_unit():
    assert breaks("好。”他说：“来！”") == ["好。”", "他", "说：", "“来！”"]
    assert breaks("解民忧”……近日") == ["解", "民", "忧”……", "近", "日"]


def test_two_em_dash_and_ellipsis_never_split_nor_start_a_line():
    assert breaks("举措——加大") == ["举", "措——", "加", "大"]
    assert breaks("完成……各项") == ["完", "成……", "各", "项"]
    assert breaks("东～西") == ["东～", "西"]


def test_interpunct_keeps_to_the_name_before():
    assert breaks("尼尔·阿姆") == ["尼", "尔·", "阿", "姆"]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("共1,809件", ["共", "1,809", "件"]),
        ("2019年", ["2019", "年"]),
        ("12345热线", ["12345", "热", "线"]),
        ("完善7x24小时", ["完", "善", "7x24", "小", "时"]),
        ("增长50.2%。", ["增", "长", "50.2%。"]),
        ("PM2.5浓度", ["PM2.5", "浓", "度"]),
        ("开通了No.1线上", ["开", "通", "了", "No.1", "线", "上"]),
        ("准字2003-L0007", ["准", "字", "2003-L0007"]),
    ],
)
def test_numbers_and_latin_words_break_only_at_their_edges(text, pieces):
    assert breaks(text) == pieces


def test_ascii_punctuation_in_chinese_text_follows_uax14():
    # the seed front page uses ASCII , ( ) : — no break before , ) : and none after (
    assert breaks("讯(记者徐巍)“畅通") == ["讯", "(记", "者", "徐", "巍)", "“畅", "通"]
    assert breaks("区政府:12345") == ["区", "政", "府:12345"]


def test_spaces_break_after_and_latin_words_stay_whole():
    assert breaks("民有所呼 我有所应") == ["民", "有", "所", "呼 ", "我", "有", "所", "应"]
    assert breaks("the Beijing Daily") == ["the ", "Beijing ", "Daily"]
    assert breaks("e-mail") == ["e-", "mail"]


def test_urls_break_only_after_slash_dot_or_hyphen():
    assert breaks("访问http://www.sjs.gov.cn查询") == [
        "访",
        "问",
        "http://",
        "www.",
        "sjs.",
        "gov.",
        "cn",
        "查",
        "询",
    ]
    assert breaks("写信至news-desk@sjs.gov.cn") == [
        "写",
        "信",
        "至",
        "news-",
        "desk@sjs.",
        "gov.",
        "cn",
    ]


def test_ambiguous_quotes_follow_their_context():
    cls = classes("他说“OK”，走")
    assert (cls[2], cls[5]) == (OP, CL)  # Chinese context: full-width quotes as a pair
    cls = classes("He said “hi” to me")
    assert (cls[8], cls[11]) == (LO, LN)  # Latin context: proportional Latin quotes
    assert classes("Xi’an")[2] == LN  # an apostrophe between letters
    assert classes("举措——加大")[2:4] == [DS, DS]
    assert classes("尼尔·阿")[2] == MD


def test_the_published_forbidden_sets_hold_clreq_lists():
    for ch in "、，。；：？！”’）》〉」』】〕］｝·–—～…":
        assert ch in LINE_START_FORBIDDEN
    for ch in "“‘（《〈「『【〔［｛／":
        assert ch in LINE_END_FORBIDDEN


def test_combining_marks_cling_to_their_base():
    assert breaks("中e\u0301文") == ["中", "e\u0301", "文"]


def test_empty_and_single():
    assert break_opportunities("", []) == [0]
    assert breaks("中") == ["中"]
    assert classes("（")[0] == OP and classes("）")[0] == CL
