"""Word intake: headline group from styles or shape, paragraphs kept, pictures with captions."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

from app.intake import describe, run_import, undo_import
from app.intake.readers import read_file
from app.model import Issue
from app.store import Library

from .conftest import contents

BODY = "本报讯（记者段鹏泽）近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动。"
SECOND = "活动现场设置了咨询台和展板，集中展示近年来我区重点工程建设的成果。"


def jpeg(colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (600, 400)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def paragraph_style(document, name: str, base: str | None = None) -> str:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = document.styles[base]
    return name


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def test_headline_group_from_word_styles(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("民有所呼 我有所应", style=paragraph_style(d, "引题"))
    d.add_paragraph("体育场南路为居民办实事解难题", style="Title")
    d.add_paragraph("——不断增强群众的获得感", style="Subtitle")
    d.add_paragraph(BODY)
    d.add_paragraph(SECOND)
    f = read_file(save(d, tmp_path / "稿.docx"))
    a = f.drafts[0].article
    assert (a.kicker, a.headline, a.subheadline) == (
        "民有所呼 我有所应",
        "体育场南路为居民办实事解难题",
        "——不断增强群众的获得感",
    )
    assert a.paragraphs == [BODY, SECOND] and a.byline == "本报讯（记者段鹏泽）"
    assert f.drafts[0].how == "styles"


def test_house_style_based_on_title_and_unstyled_kicker(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("接诉即办进行时")  # typed as Normal above the styled headline: the kicker
    d.add_paragraph("衙门口背街小巷环境整治", style=paragraph_style(d, "本报主题", "Title"))
    d.add_paragraph("小巷里的新变化")  # below it: the subheadline
    d.add_paragraph(BODY)
    a = read_file(save(d, tmp_path / "稿.docx")).drafts[0].article
    assert (a.kicker, a.headline, a.subheadline) == (
        "接诉即办进行时",
        "衙门口背街小巷环境整治",
        "小巷里的新变化",
    )


def test_headline_group_from_shape_when_everything_is_normal(tmp_path: Path) -> None:
    d = docx.Document()
    for text in ("民有所呼 我有所应", "体育场南路为居民办实事", "——不断增强群众的获得感", BODY):
        d.add_paragraph(text)
    f = read_file(save(d, tmp_path / "稿.docx"))
    a = f.drafts[0].article
    assert (a.kicker, a.headline, a.subheadline) == (
        "民有所呼 我有所应",
        "体育场南路为居民办实事",
        "——不断增强群众的获得感",
    )
    assert f.drafts[0].how == "shape" and a.paragraphs == [BODY]


def test_body_headings_stay_in_the_body(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    d.add_paragraph(BODY)
    d.add_paragraph("一、坚持问题导向", style="Heading 2")
    d.add_paragraph(SECOND)
    a = read_file(save(d, tmp_path / "稿.docx")).drafts[0].article
    assert a.paragraphs == [BODY, "一、坚持问题导向", SECOND] and a.subheadline == ""


def test_paragraphs_broken_mid_sentence_in_word_are_joined(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    d.add_paragraph(BODY)
    d.add_paragraph("区委书记于长辉指出，前一")
    d.add_paragraph("阶段的市民热线接诉办理排名我区名列前茅。")
    run = d.add_paragraph().add_run("各部门要提高认识，")
    run.add_break()  # a manual line break inside a sentence
    d.paragraphs[-1].add_run("主动作为。")
    a = read_file(save(d, tmp_path / "稿.docx")).drafts[0].article
    assert a.paragraphs == [
        BODY,
        "区委书记于长辉指出，前一阶段的市民热线接诉办理排名我区名列前茅。",
        "各部门要提高认识，主动作为。",
    ]


def test_tracked_changes_hidden_text_and_tables(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    p = d.add_paragraph("会议要求")
    for tag, text in (("w:del", "删掉的字"), ("w:ins", "新加的字")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "编辑")
        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if tag == "w:del" else "w:t")
        t.text = text
        run.append(t)
        change.append(run)
        p._p.append(change)
    p.add_run("。")
    hidden = d.add_paragraph("可见的字。").add_run("隐藏的字")
    hidden.font.hidden = True
    d.add_table(rows=1, cols=1).cell(0, 0).text = "表格里的一句话。"
    f = read_file(save(d, tmp_path / "稿.docx"))
    assert f.drafts[0].article.paragraphs == [
        "会议要求新加的字。",
        "可见的字。",
        "表格里的一句话。",
    ]
    assert any("4 hidden characters not imported" in n for n in f.notes)
    assert any("from tables imported" in n for n in f.notes)


def test_pictures_become_assets_with_their_captions(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    d.add_paragraph(BODY)
    d.add_picture(jpeg((200, 30, 30)), width=Cm(8))
    d.add_paragraph("图为活动现场。记者 段鹏泽 摄", style="Caption")  # styled caption below
    d.add_paragraph("志愿者在发放材料  通讯员 李刚 摄")  # unstyled, but shaped like a caption
    d.add_paragraph(SECOND)
    d.add_picture(jpeg((120, 120, 120)), width=Cm(8))
    d.inline_shapes[-1]._inline.docPr.set("descr", "展板前的市民")
    d.add_picture(jpeg((10, 10, 200)), width=Cm(8))
    d.inline_shapes[-1]._inline.docPr.set("descr", "第三张")
    d.add_paragraph("下图：小巷新貌")
    path = save(d, tmp_path / "稿.docx")
    (result,) = run_import(library, issue, [path])
    a = result.articles[0]
    assert a.paragraphs == [BODY, "志愿者在发放材料通讯员李刚摄", SECOND]  # body: spaces go
    captions = [(p.caption, p.colour) for p in result.pictures]
    assert captions == [
        ("图为活动现场。记者 段鹏泽 摄", True),
        ("展板前的市民", False),  # no caption paragraph: the alt text
        ("下图：小巷新貌", True),
    ]
    assert all(p.article_id == a.id and p.new for p in result.pictures)
    stored = library.asset(result.pictures[0].asset_id)
    assert (stored.width, stored.height, stored.mime) == (600, 400, "image/jpeg")
    assert "3图" in describe(result)
    undo_import(library, result)
    assert contents(library) == ([], [])


def test_pictures_the_pdf_path_cannot_take_are_skipped_with_a_note(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 90, 0)).save(buffer, "GIF")
    buffer.seek(0)
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    d.add_paragraph(BODY)
    d.add_picture(buffer)
    f = read_file(save(d, tmp_path / "稿.docx"))
    assert f.drafts[0].pictures == []
    assert any("image/gif" in n for n in f.notes)
