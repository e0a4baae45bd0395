"""Plain text and Markdown intake: each recognition rule, encodings, and import/undo through the library."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from app.errors import UserError
from app.intake import describe, details, run_import, undo_import
from app.intake.punctuation import apply_fixes, remove_stray_spaces, suggest_fullwidth
from app.intake.readers import read_file
from app.intake.shape import Line, join_lines, recognise
from app.model import Frame, Issue, Page
from app.store import Library
from tests.testdata import seed_text

from .conftest import contents

BODY = "近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动，向过往群众发放宣传材料。"


def paragraphs(*lines: str) -> list[str]:
    return [p.text for p in join_lines([Line(t) for t in lines])]


def read(tmp_path: Path, text: str, name: str = "稿件.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_file(path)


# -- joining hard line breaks -------------------------------------------------------------


def test_break_inside_a_sentence_is_joined_even_across_a_blank_line() -> None:
    # The seed's own shape: text copied from a laid-out page arrives as "前一" / "阶段".
    got = paragraphs(
        "标题", BODY, "区委书记于长辉指出,前一", "", "阶段的市民热线接诉办理排名我区名列前茅。"
    )
    assert got == ["标题", BODY, "区委书记于长辉指出,前一阶段的市民热线接诉办理排名我区名列前茅。"]


def test_sentence_end_keeps_paragraphs_apart() -> None:
    second = "记者在4月22日召开的推进会上了解到这一情况。"
    assert paragraphs("标题", BODY, second) == ["标题", BODY, second]


def test_a_line_starting_with_a_comma_continues_the_one_before() -> None:
    # clreq / GB/T 15834: no paragraph starts with ，。、 or a closing quote.
    got = paragraphs("标题", BODY, "区政府同时接到派单", "，负责督办。")
    assert got[-1] == "区政府同时接到派单，负责督办。"


@pytest.mark.parametrize(
    "start", ["一、加强统筹", "（二）落实责任", "1、做好兜底", "●便民服务", "——记者手记"]
)
def test_list_items_and_subheads_start_new_paragraphs(start: str) -> None:
    unfinished = "各街道各部门要提高对热线办理工作的认识高度，主动作为，持续发力"
    assert paragraphs("标题", BODY, unfinished, start) == ["标题", BODY, unfinished, start]


def test_a_short_unpunctuated_subhead_is_not_joined() -> None:
    got = paragraphs(
        "标题", BODY, "坚持问题导向", "城市管理监督指挥中心要切实将市民热线办理工作统筹起来。"
    )
    assert got[2] == "坚持问题导向"


def test_text_broken_at_a_column_width_is_rejoined() -> None:
    # Copied from a laid-out 11-字 column: every line breaks at the same width, punctuation or
    # not, and only the last line of each paragraph is short.
    first = "本报讯（记者徐巍）近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动向群众发放材料"
    second = "活动现场设置了咨询台和展板集中展示近年来我区重点工程建设的成果"
    lines = [first[i : i + 11] for i in range(0, len(first), 11)]
    lines += [second[i : i + 11] for i in range(0, len(second), 11)]
    got = paragraphs(*lines)
    assert "".join(got) == first + second
    assert got[0].startswith(first[:22])  # the short unpunctuated column lines were joined


def test_indents_mark_paragraphs() -> None:
    lines = [
        Line("　　本报讯（记者徐巍）近日，区里召开推进会", indented=True),
        Line("部署下一阶段工作"),
        Line("　　会议指出，要提高办理质量", indented=True),
        Line("和群众满意率"),
    ]
    got = [p.text for p in join_lines(lines)]
    assert got == [
        "本报讯（记者徐巍）近日，区里召开推进会部署下一阶段工作",
        "会议指出，要提高办理质量和群众满意率",
    ]


def test_soft_wrapped_blocks_join_even_after_a_sentence_end(tmp_path: Path) -> None:
    # Blank lines mark the paragraphs; a line break inside a block is a wrap, whatever precedes it.
    text = (
        "标题在这里\n\n"
        "本报讯（记者徐巍）第一句话说完了。\n第二句话接着说。\n\n"
        "第二段第一句。\n第二段第二句。\n\n"
        "第三段只有一行。\n"
    )
    a = read(tmp_path, text).drafts[0].article
    assert a.paragraphs == [
        "本报讯（记者徐巍）第一句话说完了。第二句话接着说。",
        "第二段第一句。第二段第二句。",
        "第三段只有一行。",
    ]


def test_latin_words_broken_across_lines_get_their_space_back() -> None:
    got = paragraphs("标题", BODY, "市民可登录网站，查询办理进度，网站名为 Beijing", "Service。")
    assert got[-1] == "市民可登录网站，查询办理进度，网站名为 Beijing Service。"


# -- the headline group -------------------------------------------------------------------


def test_three_short_lines_are_kicker_headline_subheadline() -> None:
    head = recognise(
        [
            Line(t)
            for t in ("民有所呼 我有所应", "体育场南路为居民办实事", "不断增强群众获得感", BODY)
        ],
        "f",
    )
    assert (head.kicker, head.headline, head.subheadline) == (
        "民有所呼 我有所应",
        "体育场南路为居民办实事",
        "不断增强群众获得感",
    )
    assert head.body == [BODY] and head.how == "shape"


def test_two_short_lines_are_headline_and_subheadline() -> None:
    head = recognise(
        [Line("石景山区召开推进会"), Line("以市民热线办理工作为牵引"), Line(BODY)], "f"
    )
    assert (head.kicker, head.headline, head.subheadline) == (
        "",
        "石景山区召开推进会",
        "以市民热线办理工作为牵引",
    )


def test_a_dash_line_is_the_subheadline_and_the_line_above_the_headline() -> None:
    head = recognise([Line("引题一行"), Line("主题一行"), Line("——副题一行"), Line(BODY)], "f")
    assert (head.kicker, head.headline, head.subheadline) == ("引题一行", "主题一行", "——副题一行")
    head = recognise([Line("主题一行"), Line("——副题一行"), Line(BODY)], "f")
    assert (head.kicker, head.headline, head.subheadline) == ("", "主题一行", "——副题一行")


def test_labels_win_over_shape() -> None:
    lines = [
        Line("副题：后面的副题"),
        Line("引题：前面的引题"),
        Line("主题：真正的主题"),
        Line(BODY),
    ]
    head = recognise(lines, "f")
    assert (head.kicker, head.headline, head.subheadline, head.how) == (
        "前面的引题",
        "真正的主题",
        "后面的副题",
        "labels",
    )


def test_surplus_short_lines_stay_in_the_body_and_are_reported() -> None:
    lines = [Line(t) for t in ("甲", "乙", "丙", "丁", BODY)]
    head = recognise(lines, "f")
    assert (head.kicker, head.headline, head.subheadline) == ("乙", "丙", "丁")
    assert head.body == ["甲", BODY] and head.notes


def test_no_headline_takes_the_file_name(tmp_path: Path) -> None:
    f = read(tmp_path, BODY + "\n" + BODY + "\n", name="热线稿.txt")
    assert f.drafts[0].article.headline == "热线稿"
    assert any("file name" in n for n in f.notes)


def test_a_byline_alone_on_its_line_opens_the_first_paragraph(tmp_path: Path) -> None:
    a = read(tmp_path, "热线工作推进会\n\n本报讯（记者徐巍）\n\n" + BODY + "\n").drafts[0].article
    assert a.headline == "热线工作推进会"
    assert a.paragraphs == ["本报讯（记者徐巍）" + BODY]
    assert a.byline == "本报讯（记者徐巍）"


def test_the_seed_front_page_story(tmp_path: Path) -> None:
    seed = seed_text()
    end = "区领导肖平、姚茂文参加会议并讲话。"
    story = seed[seed.index("石景山区召开") : seed.index(end) + len(end)]
    a = read(tmp_path, story).drafts[0].article
    assert a.headline == "石景山区召开市民热线工作交流推进会"
    assert a.subheadline == "以市民热线办理工作为牵引 落实接诉即办解决群众诉求"
    assert a.byline == "本报讯(记者徐巍)"
    body = "".join(a.paragraphs)
    assert "前一阶段" in body and "久久为功" in body and "派单,负责督办" in body
    assert all(is_closed_paragraph(p) for p in a.paragraphs)
    # nothing lost: every non-space character of the story is in the article
    assert "".join(story.split()) == "".join((a.headline + a.subheadline + body).split())


def is_closed_paragraph(text: str) -> bool:
    return text[-1] in "。！？”）)"


# -- spaces and punctuation ---------------------------------------------------------------


def test_stray_spaces_between_han_are_removed_but_not_in_headlines_or_bylines(
    tmp_path: Path,
) -> None:
    text = "民有所呼 我有所应\n\n本报讯（通讯员周岩 海泽玥）苹果园 街道的路面 ， 已经修好。共 12345 件。\n"
    f = read(tmp_path, text)
    a = f.drafts[0].article
    assert a.headline == "民有所呼 我有所应"
    assert a.paragraphs == ["本报讯（通讯员周岩 海泽玥）苹果园街道的路面，已经修好。共 12345 件。"]
    assert f.drafts[0].spaces_removed == 3  # 苹果园 街道, 路面 ， 已经
    assert remove_stray_spaces("中\u3000文") == ("中文", 1)


def test_ascii_punctuation_is_offered_not_forced(tmp_path: Path) -> None:
    text = (
        "标题\n\n本报讯(记者徐巍)今年1月1日~4月20日,共受理1,809件,详见www.sjs.gov.cn.时间10:30.\n"
    )
    offered = read(tmp_path, text).drafts[0]
    assert offered.article.paragraphs[0].startswith("本报讯(记者徐巍)今年")  # unchanged
    assert offered.article.byline == "本报讯(记者徐巍)"
    made = read_file(tmp_path / "稿件.txt", fullwidth=True).drafts[0]
    assert made.article.paragraphs == [
        "本报讯（记者徐巍）今年1月1日～4月20日，共受理1,809件，详见www.sjs.gov.cn.时间10:30。"
    ]
    assert made.article.byline == "本报讯（记者徐巍）"
    assert made.fullwidth_applied and len(made.suggestions) == len(offered.suggestions) == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('他说:"好的."', "他说：“好的。”"),
        ("真的吗?是的!", "真的吗？是的！"),
        ("等等......还有", "等等……还有"),
        ("北京--上海", "北京——上海"),
        ("Python(3.11) is fine.", "Python(3.11) is fine."),
        ("GDP(国内生产总值)增长", "GDP（国内生产总值）增长"),
        ("don't 中文", "don't 中文"),
    ],
)
def test_fullwidth_suggestions(text: str, expected: str) -> None:
    assert apply_fixes(text, suggest_fullwidth(text)) == expected


# -- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16", "utf-16-le"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    f = read(tmp_path, "热线工作推进会\n\n本报讯（记者徐巍）" + BODY + "\n", encoding=encoding)
    assert f.drafts[0].article.headline == "热线工作推进会"
    assert f.drafts[0].article.byline == "本报讯（记者徐巍）"


def test_binary_renamed_txt_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    path = tmp_path / "photo.txt"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UserError, match="不是文本文件.* / not a text file"):
        read_file(path)


# -- Markdown ----------------------------------------------------------------------------


def test_markdown(tmp_path: Path) -> None:
    Image.new("RGB", (300, 200), (10, 120, 40)).save(tmp_path / "现场.jpg")
    text = (
        "## 民有所呼 我有所应\n\n"
        "# 体育场南路为**居民**办实事\n\n"
        "## ——不断增强群众的获得感\n\n"
        "本报讯（记者段鹏泽）近日，区交通支队在[鲁谷街道](http://example.invalid)开展\n"
        "重点工程建设*宣传*活动。\n\n"
        "![图为活动现场](现场.jpg)\n\n"
        "![远处的图](https://example.invalid/a.jpg)\n\n"
        "- 活动持续到月底。\n"
    )
    f = read(tmp_path, text, name="稿.md")
    a = f.drafts[0].article
    assert (a.kicker, a.headline, a.subheadline) == (
        "民有所呼 我有所应",
        "体育场南路为居民办实事",
        "——不断增强群众的获得感",
    )
    assert a.paragraphs == [
        "本报讯（记者段鹏泽）近日，区交通支队在鲁谷街道开展重点工程建设宣传活动。",
        "活动持续到月底。",
    ]
    assert [(p.caption, p.asset.width) for p in f.drafts[0].pictures] == [("图为活动现场", 300)]
    assert any("remote picture not fetched" in n for n in f.notes)
    assert f.drafts[0].how == "styles"


# -- through the library: report, all or nothing, undo ------------------------------------


def test_import_reports_what_it_recognised(library: Library, issue: Issue, tmp_path: Path) -> None:
    path = tmp_path / "稿件.txt"
    path.write_text("热线工作推进会\n\n本报讯（记者徐巍）" + BODY + "\n\n" + BODY + "\n", "utf-8")
    (result,) = run_import(library, issue, [path])
    line = describe(result)
    assert "\n" not in line
    n = len("本报讯（记者徐巍）" + BODY + BODY)
    for part in ("稿件.txt", "《热线工作推进会》", "电头「本报讯（记者徐巍）」", "2段", f"{n}字"):
        assert part in line
    assert details(result)[0].split(" / ")[0] in line  # the Chinese half, as the CLI prints it
    assert library.articles(issue.id) == result.articles


def test_several_files_go_in_all_or_nothing(library: Library, issue: Issue, tmp_path: Path) -> None:
    good = tmp_path / "好.txt"
    good.write_text("标题\n\n" + BODY + "\n", "utf-8")
    bad = tmp_path / "坏.docx"
    bad.write_text("not a zip", "utf-8")
    before = contents(library)
    with pytest.raises(UserError, match="坏.docx"):
        run_import(library, issue, [good, bad])
    assert contents(library) == before
    results = run_import(library, issue, [good, good])
    assert len(library.articles(issue.id)) == 2 and len(results) == 2


def test_undo_removes_exactly_what_was_added(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    Image.new("RGB", (300, 200), (10, 120, 40)).save(tmp_path / "a.jpg")
    (tmp_path / "x.md").write_text("# 标题\n\n" + BODY + "\n\n![图说](a.jpg)\n", "utf-8")
    run_import(library, issue, [tmp_path / "x.md"])  # already there: the picture is not new again
    before = contents(library)
    results = run_import(library, issue, [tmp_path / "x.md", tmp_path / "x.md"])
    assert not any(p.new for r in results for p in r.pictures)
    assert undo_import(library, results) == (2, 0)
    assert contents(library) == before
    library.db.execute("DELETE FROM articles")
    library.db.execute("DELETE FROM assets")
    (result,) = run_import(library, issue, [tmp_path / "x.md"])
    assert result.new_asset_ids and undo_import(library, result) == (1, 1)
    assert contents(library) == ([], [])


def test_undo_refuses_while_a_story_is_placed(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    (tmp_path / "x.txt").write_text("标题\n\n" + BODY + "\n", "utf-8")
    (result,) = run_import(library, issue, [tmp_path / "x.txt"])
    page = library.add_page(Page(1, "要闻", issue_id=issue.id))
    library.add_frame(
        Frame("article", 0, 0, 100, 100, page_id=page.id, article_id=result.articles[0].id)
    )
    before = contents(library)
    with pytest.raises(UserError, match="已上版.* / .*placed on a page"):
        undo_import(library, result)
    assert contents(library) == before
