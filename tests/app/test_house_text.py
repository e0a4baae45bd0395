"""House style for text (GB/T 15834): one full-width normalisation for the sample's assets and imports; generated fields and new issues' credits."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli.main import main
from app.compose.fields import credits_line, running_head
from app.intake.punctuation import to_fullwidth
from app.model import Credits
from app.model.placeholder import real_credits
from app.sample.issue import SAMPLE_FILE
from app.store import Library


def test_to_fullwidth_converts_chinese_context_only() -> None:
    text, fixes = to_fullwidth(
        "本报讯(记者徐巍)今年1月1日~4月20日,共1,809件;网址http://www.sjs.gov.cn,详见:10:30开会."
    )
    assert (
        text
        == "本报讯（记者徐巍）今年1月1日～4月20日，共1,809件；网址http://www.sjs.gov.cn，详见：10:30开会。"
    )
    assert len(fixes) == 8
    latin = "He said: yes, (really); 3.5 and GB/T 15834."
    assert to_fullwidth(latin) == (latin, [])
    assert to_fullwidth("已是全角，（无需改动）：；") == ("已是全角，（无需改动）：；", [])


def test_the_sample_asset_is_converted_and_the_tool_finds_nothing_left() -> None:
    import tools.fullwidth_sample as tool

    data = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
    _, changes, counts = tool.convert(data)
    assert changes == [] and sum(counts.values()) == 0


def test_the_tool_converts_a_half_width_copy_and_keeps_bylines_opening(tmp_path: Path) -> None:
    import tools.fullwidth_sample as tool

    data = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
    lead = data["articles"][0]
    lead["byline"] = lead["byline"].replace("（", "(").replace("）", ")")
    lead["paragraphs"][0] = (
        lead["paragraphs"][0].replace("（", "(").replace("）", ")").replace("，", ",")
    )
    out, changes, counts = tool.convert(data)
    assert counts["(→（"] == counts[")→）"] >= 1 and counts[",→，"] >= 1
    assert out["articles"][0]["paragraphs"][0].startswith(out["articles"][0]["byline"])
    assert out == json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))


def test_generated_furniture_uses_em_spaces_and_full_width_marks() -> None:
    from datetime import date

    from app.model import Issue, Page, Publication

    pub = Publication("石景山报", "主办")
    outer, inner = running_head(pub, Issue(date(2019, 4, 25), 30, 1809), Page(3, "体育健康"))
    for text in (outer, inner):
        assert "  " not in text and "\u3000" in text
    line = credits_line(Page(2, "综合", credits=Credits("王一", "李二", "张三")))
    assert line == "责任编辑：王一\u3000美术编辑：李二\u3000校对：张三"


def test_next_issue_does_not_carry_the_samples_stand_in_credits(tmp_path: Path, capsys) -> None:
    assert real_credits(Credits("示例编辑", "李二", "示例校对")) == Credits("", "李二", "")
    db = tmp_path / "s.banmian"
    assert main(["sample", "--db", str(db)]) == 0
    with Library.open(db) as lib:
        page = lib.pages(lib.issue_by_number(1809).id)[1]
        page.credits = Credits("王编辑", "示例美编", "示例校对")
        lib.update_page(page)
    assert main(["next-issue", "--db", str(db), "--from", "1809"]) == 0
    assert "第31期（总第1810期）" in capsys.readouterr().out
    with Library.open(db) as lib:
        pages = lib.pages(lib.issue_by_number(1810).id)
    assert pages[0].credits == Credits()
    assert pages[1].credits == Credits("王编辑", "", "")


def test_import_fullwidth_option_makes_the_same_text_and_reports_it(tmp_path: Path) -> None:
    from app.intake import describe, run_import

    body = "本报讯(记者王一)今年1月1日~4月20日,共1,809件;网址http://www.sjs.gov.cn,详见:10:30开会."
    source = tmp_path / "稿.txt"
    source.write_text(f"测试标题\n\n{body}\n", encoding="utf-8")
    with Library.create(tmp_path / "s.banmian") as lib:
        from app.sample.issue import build_sample

        issue = build_sample(lib)
        (result,) = run_import(lib, issue, [source], fullwidth=True)
        article = result.items[0].article
    assert article.paragraphs == [to_fullwidth(body)[0]]
    assert article.byline == "本报讯（记者王一）"
    assert "已改8处半角标点为全角" in describe(result)
