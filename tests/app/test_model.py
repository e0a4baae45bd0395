"""The document model: validation, derived Chinese fields, the article bin's 字数."""

from __future__ import annotations

from datetime import date

import pytest

from app.compose.fields import hotline_lines, lunar_date_zh, masthead_fields, running_head
from app.model import Article, Asset, Frame, Hotline, Issue, Page, Publication


def pub(**kw) -> Publication:
    base = dict(name="石景山报", sponsor="中共石景山区委宣传部主办", permit="京内资准字2003-L0007")
    base.update(kw)
    return Publication(**base)


def test_issue_fields_in_chinese() -> None:
    issue = Issue(date(2019, 4, 25), 30, 1809)
    assert issue.date_zh == "2019年4月25日"
    assert issue.weekday_zh == "星期四"
    assert issue.numbers_zh == "第30期（总第1809期）"
    assert issue.pages_zh == "本期8版"


def test_issue_rejects_impossible_numbers() -> None:
    with pytest.raises(ValueError):
        Issue(date(2019, 4, 25), 0, 1809)
    with pytest.raises(ValueError):
        Issue(date(2019, 4, 25), 31, 30)
    with pytest.raises(ValueError):
        Issue(date(2019, 4, 25), 30, 1809, page_count=8, colour_pages=frozenset({9}))


def test_press_plan_black_only_pages() -> None:
    issue = Issue(date(2019, 4, 25), 30, 1809, colour_pages=frozenset({1, 8}))
    assert not issue.is_black_only(1)
    assert issue.is_black_only(2)
    assert [p for p in range(1, 9) if issue.is_black_only(p)] == [2, 3, 4, 5, 6, 7]


def test_publication_validates_schedule_and_name() -> None:
    assert pub(schedule=(3, 1, 3)).schedule == (1, 3)
    with pytest.raises(ValueError):
        pub(schedule=(7,))
    with pytest.raises(ValueError):
        pub(name="  ")


def test_frame_validation() -> None:
    with pytest.raises(ValueError):
        Frame("poster", 0, 0, 10, 10)
    with pytest.raises(ValueError):
        Frame("article", 0, 0, 0, 10)
    f = Frame("article", 1, 2, 3, 4)
    assert f.moved(5, 6).x == 5 and f.x == 1


def test_article_char_count_ignores_whitespace() -> None:
    a = Article("标题", ["本报讯(记者徐巍)近日, 一二三", "四五"], byline="本报讯(记者徐巍)")
    assert a.char_count == len("本报讯(记者徐巍)近日,一二三") + 2
    with pytest.raises(ValueError):
        Article("标题", [], status="lost")


def test_asset_is_content_addressed() -> None:
    a, b = Asset(b"\x89PNG1", "image/png"), Asset(b"\x89PNG1", "image/png")
    assert a.id == b.id and len(a.id) == 64
    assert Asset(b"\x89PNG2", "image/png").id != a.id


def test_masthead_fields_generated_from_data() -> None:
    p = pub(website="http://www.sjs.gov.cn", website_label="石景山新闻网")
    f = masthead_fields(p, Issue(date(2019, 4, 25), 30, 1809))
    assert f.date_line == "2019年4月25日\u3000星期四"
    assert f.lunar == "农历己亥年三月廿一"
    assert f.numbers + f.pages == "第30期（总第1809期）本期8版"
    assert f.registration == "准印证号京内资准字2003-L0007"
    assert f.website == "石景山新闻网 http://www.sjs.gov.cn"
    assert (
        masthead_fields(pub(cn_number="11-0001/G"), Issue(date(2019, 4, 25), 30, 1809)).registration
        == "CN 11-0001/G"
    )


def test_lunar_leap_month() -> None:
    assert lunar_date_zh(Issue(date(2020, 5, 25), 1, 1)) == "农历庚子年闰四月初三"


def test_hotlines_spread_labels_with_em_spaces_so_colons_line_up() -> None:
    p = pub(hotlines=[Hotline("区政府", "12345"), Hotline("供电", "95598")])
    assert hotline_lines(p) == ["●区政府：12345", "●供\u3000电：95598"]
    p = pub(hotlines=[Hotline("市民热线", "12345"), Hotline("水", "1"), Hotline("供电", "2")])
    lines = hotline_lines(p)
    assert lines == ["●市民热线：12345", "●水\u3000\u3000\u3000：1", "●供\u3000\u3000电：2"]
    assert len({line.index("：") for line in lines}) == 1


def test_running_head() -> None:
    outer, inner = running_head(pub(), Issue(date(2019, 4, 25), 30, 1809), Page(3, "体育健康"))
    assert "第3版" in outer and "体育健康" in outer
    assert "石景山报" in inner and "2019年4月25日" in inner
