"""The house style: headline sizes by rank, span and page from a table in 号, stored in the library, editable from the CLI, followed by composition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.compose.issue import owner_id
from app.compose.styles import HouseStyle, frame_rank
from app.model import Article, Frame
from app.model.style import (
    DEFAULT_STYLE_SHEET,
    HeadlineStyle,
    StyleSheet,
    TypeSpec,
    with_setting,
)
from app.store import Library, LibraryError
from layouts.grid import GRIDS
from layouts.units import HAO
from tests.sample_helpers import compose, frame_named, sample_composer, sample_library

GRID = GRIDS["tabloid"]()


@pytest.fixture(scope="module")
def composer():
    return sample_composer()


def headline_size(page, owner: str) -> float:
    """The largest type a story frame sets: its 主题."""
    return max(r.size for r in page.glyph_runs() if r.owner == owner)


def test_default_table_front_lead_is_largest_and_decks_always_smaller() -> None:
    house = HouseStyle()
    for span in range(1, 7):
        front = house.headline_size(1, span, front=True)
        for rank in (1, 2, 3, 4, 0):
            if (rank, span) != (1, span):
                assert front > house.headline_size(rank, span, front=True)
            assert front > house.headline_size(rank, span, front=False)
        # Rank orders the sizes on every page: a lead over a second story over a brief.
        for is_front in (True, False):
            sizes = [house.headline_size(r, span, is_front) for r in (1, 2, 4)]
            assert sizes == sorted(sizes, reverse=True)
    for style in DEFAULT_STYLE_SHEET.headlines:
        for span in range(1, 7):
            group = house.head_group(
                "主题",
                "引题",
                "副题",
                style.ranks[0] if style.ranks else 5,
                span,
                GRID,
                front=style.page == "front",
            )
            assert group.kicker.size < group.headline.size
            assert group.subheadline.size < group.headline.size
    # MAKEUP.md's starting table: page-1 lead 小初–初号 at 4–6 columns, inside leads 小一–一号.
    assert {house.headline_size(1, s, True) for s in (4, 5, 6)} <= {HAO["小初"], HAO["初号"]}
    assert {house.headline_size(1, s, False) for s in (3, 4, 5, 6)} <= {HAO["小一"], HAO["一号"]}


def test_a_deck_the_table_makes_too_large_steps_below_the_headline() -> None:
    big = HeadlineStyle("大", "hei", ("小二",), TypeSpec("kai", "一号"), TypeSpec("kai", "小二"))
    house = HouseStyle(StyleSheet((big,)))
    group = house.head_group("主题", "引题", "副题", 1, 3, GRID)
    assert group.headline.size == HAO["小二"]
    assert group.kicker.size < HAO["小二"] and group.subheadline.size < HAO["小二"]
    # A frame's own headline size wins over the table, and the decks still stay below it.
    group = house.head_group("主题", "引题", "", 1, 3, GRID, HAO["四号"])
    assert group.headline.size == HAO["四号"] and group.kicker.size < HAO["四号"]


def test_a_long_headline_steps_down_to_the_styles_smallest() -> None:
    house = HouseStyle()
    per_char = lambda text, font, size: len(text) * size  # noqa: E731 — a monospaced stand-in
    width = GRID.span_width(6)  # 639 pt
    # 初号 (42 pt) holds 15 字 across six columns; 17 字 step down to 小初, which holds them.
    assert house.headline_size(1, 6, True, "字" * 15, width, per_char) == HAO["初号"]
    assert house.headline_size(1, 6, True, "字" * 17, width, per_char) == HAO["小初"]
    # Never below the style's smallest: a very long 主题 stays at 小初 and wraps.
    assert house.headline_size(1, 6, True, "字" * 40, width, per_char) == HAO["小初"]
    # Without a smallest, the table's size stands.
    fixed = with_setting(DEFAULT_STYLE_SHEET, "头版头条", "smallest", "")
    assert HouseStyle(fixed).headline_size(1, 6, True, "字" * 17, width, per_char) == HAO["初号"]
    group = house.head_group(
        "字" * 17, "引", "", 1, 6, GRID, front=True, width=width, measure=per_char
    )
    assert group.headline.size == HAO["小初"] and group.kicker.size < group.headline.size


def test_frame_rank_own_then_story_and_a_teaser_never_leads() -> None:
    article = Article("题", ["文"], rank=1)
    story = Frame("article", 0, 0, 10, 10)
    teaser = Frame("teaser", 0, 0, 10, 10)
    assert frame_rank(story, article) == 1
    assert frame_rank(teaser, article) == 2
    assert frame_rank(Frame("article", 0, 0, 10, 10, props={"rank": 3}), article) == 3
    assert frame_rank(Frame("teaser", 0, 0, 10, 10, props={"rank": 1}), article) == 1


def test_only_the_front_pages_top_rank_1_story_is_set_as_its_lead(tmp_path: Path, composer) -> None:
    with sample_library(tmp_path) as lib:
        column = frame_named(lib, "column-story")
        story = lib.article(column.article_id)  # type: ignore[arg-type]
        story.rank = 1  # a second rank-1 story on page 1, below the lead
        lib.update_article(story)
        front = compose(lib, composer)[0]
        lead = owner_id(frame_named(lib, "lead"))
        assert headline_size(front, lead) == HAO["小初"]
        # Set as a page lead (版面头条 at 2 columns), not as the issue's largest headline.
        assert headline_size(front, owner_id(column)) == HouseStyle().headline_size(1, 2, False)


def test_with_setting_changes_one_thing_and_refuses_nonsense() -> None:
    sheet = with_setting(DEFAULT_STYLE_SHEET, "二条", "sizes", "四号，三号 小二 小二 小二 二号")
    assert sheet.style("二条").sizes == ("四号", "三号", "小二", "小二", "小二", "二号")
    assert sheet.style("头版头条") == DEFAULT_STYLE_SHEET.style("头版头条")
    sheet = with_setting(sheet, "二条", "kicker-font", "hei")
    assert sheet.style("二条").kicker == TypeSpec("hei", "四号")
    assert with_setting(sheet, "正文", "indent", "0").style("正文").indent == 0
    for name, key, value in (
        ("二条", "sizes", "十号"),
        ("二条", "font", "comic"),
        ("二条", "page", "back"),
        ("二条", "colour", "red"),
        ("正文", "size", "9"),
        ("没有", "font", "hei"),
    ):
        with pytest.raises(ValueError):
            with_setting(DEFAULT_STYLE_SHEET, name, key, value)


def test_library_stores_the_table_whole_and_reports_a_damaged_row(tmp_path: Path) -> None:
    with Library.create(tmp_path / "s.banmian") as lib:
        assert lib.house_style() == DEFAULT_STYLE_SHEET and not lib.house_style_stored()
        changed = with_setting(DEFAULT_STYLE_SHEET, "头版头条", "sizes", "一号 一号 一号 小初")
        lib.save_house_style(changed)
    with Library.open(tmp_path / "s.banmian") as lib:
        assert lib.house_style() == changed and lib.house_style_stored()
        names = [r[0] for r in lib.db.execute("SELECT name FROM styles ORDER BY position")]
        assert names[:4] == ["头版头条", "版面头条", "二条", "简讯"]
        lib.db.execute("UPDATE styles SET spec = '{\"font\": 1}' WHERE name = '二条'")
        with pytest.raises(LibraryError, match="二条"):
            lib.house_style()
        # Loading an issue: the damaged style takes its default and is one damage line.
        damaged: list = []
        sheet = lib.house_style(damaged)
        assert sheet.style("二条") == DEFAULT_STYLE_SHEET.style("二条")
        assert sheet.style("头版头条") == changed.style("头版头条")
        assert [d.field for d in damaged] == ["styles.二条"] and damaged[0].kept
        assert "已按默认版式" in damaged[0].line()


def test_composition_follows_the_stored_table(tmp_path: Path, composer) -> None:
    with sample_library(tmp_path) as lib:
        lead = owner_id(frame_named(lib, "lead"))
        p2_lead = owner_id(frame_named(lib, "p2-lead"))
        pages = compose(lib, composer)
        front_lead = headline_size(pages[0], lead)
        inside = [headline_size(pages[1], p2_lead)]
        assert front_lead == HAO["小初"]  # 6 columns on page 1: 初号, stepped down to fit
        assert front_lead > max(inside)
        lib.save_house_style(
            with_setting(DEFAULT_STYLE_SHEET, "头版头条", "sizes", "小一 小一 小一 二号 二号 二号")
        )
        pages = compose(lib, composer)
        assert headline_size(pages[0], lead) == HAO["二号"]


def test_cli_shows_and_sets_the_table(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "s.banmian")
    assert main(["sample", "--db", db]) == 0
    assert main(["house-style", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "默认版式表" in out and "头版头条" in out and "小初" in out
    assert main(["house-style", "--db", db, "set", "头版头条", "kicker", "三号"]) == 0
    out = capsys.readouterr().out
    assert "本报版式表" in out
    assert main(["house-style", "--db", db, "--json"]) == 0
    styles = json.loads(capsys.readouterr().out)["styles"]
    front = next(s for s in styles if s["name"] == "头版头条")
    assert front["kicker"] == {"font": "kai", "size": "三号"}
    assert main(["house-style", "--db", db, "set", "头版头条", "sizes", "大号"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "大号" in err
    assert main(["house-style", "--db", db, "reset"]) == 0
    with Library.open(db) as lib:
        assert lib.house_style() == DEFAULT_STYLE_SHEET
