"""Library assets and story pictures: has/delete an asset (refused while used), picture links with captions and positions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.edit.revisions import take_snapshot
from app.model import Article, Asset, Frame, Issue, Page
from app.store import ArticlePicture, Library, LibraryError


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with Library.create(tmp_path / "paper.banmian") as library:
        yield library


@pytest.fixture
def issue(lib: Library) -> Issue:
    return lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))


def story(lib: Library, issue: Issue, headline: str = "民有所呼 我有所应") -> int:
    article = lib.add_article(Article(headline, ["正文。"], issue_id=issue.id))
    assert article.id is not None
    return article.id


def asset(n: int) -> Asset:
    return Asset(b"GIF89a" + bytes([n]), "image/gif", 1 + n, 1)


def count(lib: Library, table: str) -> int:
    return lib.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_has_and_delete_an_unused_asset(lib: Library) -> None:
    a = lib.put_asset(asset(1))
    assert lib.has_asset(a) and not lib.has_asset("0" * 64)
    assert not lib.asset_use(a)
    lib.delete_asset(a)
    assert not lib.has_asset(a)
    with pytest.raises(LibraryError, match="no asset"):
        lib.delete_asset(a)
    with pytest.raises(LibraryError):
        lib.asset(a)


@pytest.mark.parametrize("key", ["asset", "title_asset"])
def test_an_asset_a_frame_shows_is_not_deleted(lib: Library, issue: Issue, key: str) -> None:
    a = lib.put_asset(asset(2))
    page = lib.add_page(Page(1, "要闻", issue_id=issue.id))
    frame = lib.add_frame(Frame("image", 0, 0, 100, 80, page_id=page.id, props={key: a}))
    assert lib.asset_use(a).frames == (frame.id,)
    with pytest.raises(LibraryError, match="still used by 1 frames"):
        lib.delete_asset(a)
    assert lib.has_asset(a)
    lib.delete_frame(frame.id)  # type: ignore[arg-type]
    lib.delete_asset(a)
    assert not lib.has_asset(a)


def test_an_asset_a_story_or_a_revision_keeps_is_not_deleted(lib: Library, issue: Issue) -> None:
    a = lib.put_asset(asset(3))
    sid = story(lib, issue)
    lib.add_article_picture(sid, a, "图说")
    assert lib.asset_use(a).articles == (sid,)
    with pytest.raises(LibraryError, match="1 stories"):
        lib.delete_asset(a)
    # A revision saved while a frame showed the picture may bring that frame back.
    page = lib.add_page(Page(1, "要闻", issue_id=issue.id))
    frame = lib.add_frame(Frame("image", 0, 0, 100, 80, page_id=page.id, props={"asset": a}))
    at = datetime(2019, 4, 24, tzinfo=UTC)
    rev = lib.add_revision(issue.id, "一稿", take_snapshot(lib, issue.id), at)  # type: ignore[arg-type]
    lib.delete_frame(frame.id)  # type: ignore[arg-type]
    lib.delete_article_picture(sid, 0)
    assert lib.asset_use(a).revisions == (rev.id,) and lib.asset_use(a)
    with pytest.raises(LibraryError, match="1 revisions"):
        lib.delete_asset(a)
    assert lib.has_asset(a)


def test_story_pictures_keep_order_captions_and_positions(lib: Library, issue: Issue) -> None:
    one, two = lib.put_asset(asset(4)), lib.put_asset(asset(5))
    sid = story(lib, issue)
    other = story(lib, issue, "另一篇")
    first = lib.add_article_picture(sid, one, "图为活动现场。记者 段鹏泽 摄")
    second = lib.add_article_picture(sid, two)
    again = lib.add_article_picture(sid, one, "同一张图，另一说明")  # the same photo twice
    assert [p.position for p in (first, second, again)] == [0, 1, 2]
    assert lib.article_pictures(sid) == [first, second, again]
    assert lib.article_pictures(other) == []
    lib.set_article_picture_caption(sid, 1, "小巷新貌")
    assert lib.article_pictures(sid)[1] == ArticlePicture(sid, two, "小巷新貌", 1)
    assert lib.delete_article_picture(sid, 0) == first
    assert [p.position for p in lib.article_pictures(sid)] == [1, 2]
    lib.add_article_picture(sid, one, first.caption, position=0)  # put back where it was
    assert lib.article_pictures(sid)[0] == first
    with pytest.raises(LibraryError):
        lib.add_article_picture(sid, two, position=1)  # taken
    with pytest.raises(LibraryError, match="has no picture 7"):
        lib.delete_article_picture(sid, 7)
    with pytest.raises(LibraryError, match="has no picture"):
        lib.set_article_picture_caption(other, 0, "无")
    assert len(lib.article_pictures(sid)) == 3


def test_a_picture_link_needs_a_stored_story_and_asset(lib: Library, issue: Issue) -> None:
    a = lib.put_asset(asset(6))
    sid = story(lib, issue)
    before = count(lib, "article_pictures")
    with pytest.raises(LibraryError, match="no asset"):
        lib.add_article_picture(sid, "f" * 64)
    with pytest.raises(LibraryError, match="no articles row 999"):
        lib.add_article_picture(999, a)
    with pytest.raises(LibraryError, match="negative"):
        lib.add_article_picture(sid, a, position=-1)
    assert count(lib, "article_pictures") == before


def test_deleting_a_story_unlinks_its_pictures_and_keeps_the_assets(
    lib: Library, issue: Issue
) -> None:
    a = lib.put_asset(asset(7))
    sid = story(lib, issue)
    lib.add_article_picture(sid, a, "图说")
    lib.delete_article(sid)
    assert count(lib, "article_pictures") == 0
    assert lib.has_asset(a) and not lib.asset_use(a)


def test_the_file_itself_refuses_to_drop_a_linked_asset(lib: Library, issue: Issue) -> None:
    """Even SQL that skips delete_asset cannot leave a story pointing at a missing picture."""
    a = lib.put_asset(asset(8))
    lib.add_article_picture(story(lib, issue), a)
    with pytest.raises(LibraryError, match="integrity"), lib.transaction():
        lib.db.execute("DELETE FROM assets WHERE id = ?", [a])
    assert lib.has_asset(a)
