"""Pictures stored with their stories: captions from Word and Markdown, picture files joining a story, undo and redo."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from PIL import Image

from app.errors import UserError
from app.intake import describe, redo_import, run_import, undo_import
from app.model import Article, Asset, Frame, Issue, Page
from app.store import ArticlePicture, Library

from .conftest import contents

BODY = "本报讯（记者段鹏泽）近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动。"


def jpeg_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def photo(path: Path, colour: tuple[int, int, int]) -> Path:
    path.write_bytes(jpeg_bytes(colour))
    return path


def story_file(path: Path, headline: str) -> Path:
    path.write_text(f"{headline}\n\n{BODY}\n", "utf-8")
    return path


def links(library: Library) -> list[tuple]:
    rows = library.db.execute("SELECT * FROM article_pictures ORDER BY article_id, position")
    return [tuple(r) for r in rows]


def test_word_pictures_are_stored_with_their_captions(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    d = docx.Document()
    d.add_paragraph("主题", style="Title")
    d.add_paragraph(BODY)
    d.add_picture(io.BytesIO(jpeg_bytes((200, 30, 30))), width=Cm(8))
    d.add_paragraph("图为活动现场。记者 段鹏泽 摄", style="Caption")
    d.add_picture(io.BytesIO(jpeg_bytes((30, 30, 200))), width=Cm(8))
    d.inline_shapes[-1]._inline.docPr.set("descr", "展板前的市民")
    d.save(str(tmp_path / "稿.docx"))
    (result,) = run_import(library, issue, [tmp_path / "稿.docx"])
    article_id = result.articles[0].id
    assert article_id is not None
    stored = library.article_pictures(article_id)
    assert [(p.asset_id, p.caption) for p in stored] == [
        (p.asset_id, p.caption) for p in result.pictures
    ]
    assert [p.caption for p in stored] == ["图为活动现场。记者 段鹏泽 摄", "展板前的市民"]
    assert [p.position for p in result.pictures] == [0, 1]
    assert undo_import(library, result) == (1, 2)
    assert links(library) == [] and contents(library) == ([], [])


def test_markdown_alt_text_is_the_caption(library: Library, issue: Issue, tmp_path: Path) -> None:
    photo(tmp_path / "a.jpg", (10, 120, 40))
    (tmp_path / "x.md").write_text(f"# 标题\n\n{BODY}\n\n![小巷新貌](a.jpg)\n", "utf-8")
    (result,) = run_import(library, issue, [tmp_path / "x.md"])
    (link,) = library.article_pictures(result.articles[0].id)  # type: ignore[arg-type]
    assert link.caption == "小巷新貌"
    assert library.asset(link.asset_id).data == (tmp_path / "a.jpg").read_bytes()


def test_a_picture_file_joins_the_story_named_like_it(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    first = story_file(tmp_path / "交通.txt", "交通宣传")
    second = story_file(tmp_path / "街巷.txt", "街巷整治")
    pic = photo(tmp_path / "街巷-1.jpg", (90, 90, 20))
    results = run_import(library, issue, [first, second, pic])
    target = results[1].articles[0]
    assert results[2].kind == "picture" and results[2].items == []
    (joined,) = results[2].pictures
    assert joined.article_id == target.id and joined.story == "街巷整治" and joined.new
    assert library.article_pictures(target.id) == [  # type: ignore[arg-type]
        ArticlePicture(target.id, joined.asset_id, "", 0)  # type: ignore[arg-type]
    ]
    assert library.article_pictures(results[0].articles[0].id) == []  # type: ignore[arg-type]
    assert "→ 《街巷整治》" in describe(results[2])
    # With no story of a matching name, the drop's first story takes it.
    (only, other) = run_import(library, issue, [first, photo(tmp_path / "x.png", (1, 2, 3))])
    assert other.pictures[0].article_id == only.articles[0].id


def test_a_picture_file_alone_joins_the_chosen_story_and_undo_unlinks_it(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    existing = library.add_article(Article("已有稿件", [BODY], issue_id=issue.id))
    pic = photo(tmp_path / "现场.jpg", (200, 200, 10))
    before = contents(library), links(library)
    with pytest.raises(UserError, match="select one in the bin"):
        run_import(library, issue, [pic])
    assert (contents(library), links(library)) == before
    (result,) = run_import(library, issue, [pic], attach_to=existing.id)
    assert [p.asset_id for p in library.article_pictures(existing.id)] == [  # type: ignore[arg-type]
        result.pictures[0].asset_id
    ]
    assert undo_import(library, result) == (0, 1)
    assert (contents(library), links(library)) == before  # the story stays, the picture goes


def test_a_story_of_another_issue_is_not_a_target(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    other = library.add_issue(Issue(issue.date, 31, 1810))
    elsewhere = library.add_article(Article("另一期", [BODY], issue_id=other.id))
    with pytest.raises(UserError, match="a picture goes in with a story"):
        run_import(library, issue, [photo(tmp_path / "p.jpg", (5, 5, 5))], attach_to=elsewhere.id)


def test_a_damaged_picture_file_changes_nothing(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    good = story_file(tmp_path / "稿.txt", "标题")
    broken = tmp_path / "坏.jpg"
    broken.write_bytes(jpeg_bytes((1, 2, 3))[:300])
    before = contents(library), links(library)
    with pytest.raises(UserError, match="坏.jpg"):
        run_import(library, issue, [good, broken])
    assert (contents(library), links(library)) == before


def test_undo_keeps_a_picture_another_import_uses(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    pic = photo(tmp_path / "稿-图.jpg", (70, 10, 10))
    story = story_file(tmp_path / "稿.txt", "标题")
    first = run_import(library, issue, [story, pic])
    second = run_import(library, issue, [story, pic])
    asset_id = first[1].pictures[0].asset_id
    assert first[1].pictures[0].new and not second[1].pictures[0].new
    assert undo_import(library, first) == (1, 0)  # the second import's story still has it
    assert library.has_asset(asset_id)
    assert library.asset_use(asset_id).articles == (second[0].articles[0].id,)


def test_undo_keeps_a_picture_a_frame_shows(library: Library, issue: Issue, tmp_path: Path) -> None:
    pic = photo(tmp_path / "稿-图.jpg", (70, 10, 10))
    results = run_import(library, issue, [story_file(tmp_path / "稿.txt", "标题"), pic])
    asset_id = results[1].pictures[0].asset_id
    page = library.add_page(Page(1, "要闻", issue_id=issue.id))
    library.add_frame(Frame("image", 0, 0, 90, 60, page_id=page.id, props={"asset": asset_id}))
    assert undo_import(library, results) == (1, 0)
    assert library.has_asset(asset_id) and links(library) == []


def test_redo_puts_back_the_same_stories_pictures_and_captions(
    library: Library, issue: Issue, tmp_path: Path
) -> None:
    photo(tmp_path / "a.jpg", (10, 120, 40))
    (tmp_path / "x.md").write_text(f"# 标题\n\n{BODY}\n\n![图说](a.jpg)\n", "utf-8")
    results = run_import(library, issue, [tmp_path / "x.md"])
    after = contents(library), links(library)
    assets = {library.asset(p.asset_id).id: library.asset(p.asset_id) for p in results[0].pictures}
    undo_import(library, results)
    assert contents(library) == ([], []) and links(library) == []
    redo_import(library, results, assets)
    assert (contents(library), links(library)) == after
    assert isinstance(next(iter(assets.values())), Asset)
