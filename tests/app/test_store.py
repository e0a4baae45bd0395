"""Library round-trips, ids, thread order, asset dedup, transactions, WAL and crash safety."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import Article, Asset, Credits, Frame, Hotline, Issue, Page, Publication
from app.store import SCHEMA_VERSION, Library, LibraryError, default_library_path

REPO = Path(__file__).resolve().parents[2]

PARAGRAPHS = [
    "本报讯(记者徐巍)  4月23日，区委书记到八角街道调研“吹哨报到”工作。",  # two spaces kept
    "　　全角空格开头的段落，以及结尾的空格 ",
    "English words, 数字 12345 和标点：“引号”《书名》……——",
]


@pytest.fixture
def lib(tmp_path: Path):
    with Library.create(tmp_path / "paper.banmian") as library:
        yield library


def make_issue(lib: Library, cumulative: int = 1809) -> Issue:
    return lib.add_issue(Issue(date(2019, 4, 25), 30, cumulative, colour_pages={1, 4, 5, 8}))


def test_publication_round_trip_with_id(lib: Library) -> None:
    assert lib.publication() is None
    pub = Publication(
        name="石景山报",
        sponsor="中共石景山区委宣传部主办",
        permit="京内资准字1234-L0567号",
        website="www.bjsjs.gov.cn",
        website_label="石景山区政府网",
        hotlines=[Hotline("区政府", "12345"), Hotline("公交热线", "96166")],
        schedule=(3, 1),
        qr_payload="https://example.cn/二维码",
        qr_caption="扫码关注",
    )
    saved = lib.save_publication(pub)
    assert saved.id is not None and pub.id is None  # a copy comes back; the input is untouched
    assert lib.publication() == saved
    saved.sponsor = "石景山区融媒体中心主办"
    lib.save_publication(saved)
    assert lib.publication() == saved
    with pytest.raises(LibraryError, match="already holds a publication"):
        lib.save_publication(Publication(name="另一份报", sponsor=""))


def test_issue_round_trip_and_lookup(lib: Library) -> None:
    first = make_issue(lib, 1809)
    second = lib.add_issue(Issue(date(2019, 4, 30), 31, 1810, page_count=4, colour_pages={1}))
    assert first.id is not None and second.id is not None and first.id != second.id
    assert lib.issue_by_number(1810) == second
    assert lib.issue(first.id) == first
    assert [i.cumulative_number for i in lib.issues()] == [1809, 1810]
    second.colour_pages = frozenset({1, 4})
    lib.update_issue(second)
    assert lib.issue_by_number(1810).colour_pages == {1, 4}
    with pytest.raises(LibraryError, match="没有第1999期 / no issue 1999"):
        lib.issue_by_number(1999)


def test_issue_numbers_are_unique(lib: Library) -> None:
    make_issue(lib, 1809)
    with pytest.raises(LibraryError, match="integrity"):
        make_issue(lib, 1809)
    assert len(lib.issues()) == 1


def test_pages_ordered_by_number_with_credits(lib: Library) -> None:
    issue = make_issue(lib)
    for number, section in [(3, "社区"), (1, "要闻"), (2, "综合")]:
        lib.add_page(Page(number, section, issue_id=issue.id))
    pages = lib.pages(issue.id)
    assert [(p.number, p.section) for p in pages] == [(1, "要闻"), (2, "综合"), (3, "社区")]
    front = pages[0]
    front.template = "front"
    front.credits = Credits(editor="王编辑", designer="李美编", proofreader="赵校对")
    lib.update_page(front)
    assert lib.pages(issue.id)[0] == front
    assert lib.page(front.id) == front


def test_article_round_trip_keeps_text_verbatim(lib: Library) -> None:
    issue = make_issue(lib)
    article = Article(
        headline="民有所呼 我有所应",
        paragraphs=PARAGRAPHS,
        kicker="接诉即办",
        subheadline="——八角街道百日攻坚纪实",
        byline="本报讯(记者徐巍)",
        status="edited",
        rank=1,
        section="要闻",
        slug="lead-hotline",
        issue_id=issue.id,
    )
    saved = lib.add_article(article)
    assert saved.id is not None
    assert lib.article(saved.id) == saved
    assert lib.article(saved.id).paragraphs == PARAGRAPHS
    saved.status = "placed"
    saved.paragraphs = [*PARAGRAPHS, "补充一段。"]
    lib.update_article(saved)
    assert lib.articles(issue.id) == [saved]


@settings(max_examples=40, deadline=None)
@given(paragraphs=st.lists(st.text(), max_size=5), headline=st.text(min_size=1))
def test_any_text_round_trips(shared_lib: Library, paragraphs: list[str], headline: str) -> None:
    issue_id = shared_lib.issues()[0].id
    saved = shared_lib.add_article(Article(headline, paragraphs, issue_id=issue_id))
    assert shared_lib.article(saved.id) == saved


@pytest.fixture(scope="module")
def shared_lib(tmp_path_factory: pytest.TempPathFactory):
    with Library.create(tmp_path_factory.mktemp("shared") / "shared.banmian") as library:
        make_issue(library)
        yield library


def test_delete_article_empties_its_frames(lib: Library) -> None:
    issue = make_issue(lib)
    page = lib.add_page(Page(1, "要闻", issue_id=issue.id))
    story = lib.add_article(Article("标题", ["正文"], issue_id=issue.id))
    frame = lib.add_frame(Frame("article", 10, 10, 100, 100, page_id=page.id, article_id=story.id))
    lib.delete_article(story.id)
    assert lib.articles(issue.id) == []
    assert lib.frame(frame.id).article_id is None
    with pytest.raises(LibraryError, match="no articles row"):
        lib.article(story.id)
    with pytest.raises(LibraryError):
        lib.delete_article(story.id)


def test_frames_round_trip_and_thread_order(lib: Library) -> None:
    issue = make_issue(lib)
    p1 = lib.add_page(Page(1, "要闻", issue_id=issue.id))
    p4 = lib.add_page(Page(4, "社区", issue_id=issue.id))
    story = lib.add_article(Article("跨版稿件", PARAGRAPHS, issue_id=issue.id))
    # Added out of order: the thread reads by thread_index, across pages.
    jump = lib.add_frame(
        Frame("article", 30, 400, 250.5, 300, page_id=p4.id, article_id=story.id, thread_index=2)
    )
    lead = lib.add_frame(
        Frame(
            "article",
            30.25,
            120,
            500,
            280,
            page_id=p1.id,
            columns=4,
            article_id=story.id,
            props={"标题字号": 36, "rule": [0.5, "黑"]},
            name="lead",
        )
    )
    middle = lib.add_frame(
        Frame("article", 30, 410, 500, 100, page_id=p1.id, article_id=story.id, thread_index=1)
    )
    image = lib.add_frame(
        Frame("image", 300, 50, 80, 60, page_id=p1.id, props={"asset": "ab" * 32})
    )
    assert [f.id for f in lib.frames_of_article(story.id)] == [lead.id, middle.id, jump.id]
    assert lib.frames(p1.id) == [lead, middle, image]
    assert lib.frames(p4.id) == [jump]
    moved = lead.moved(40, 130)
    lib.update_frame(moved)
    assert lib.frame(lead.id) == moved
    lib.delete_frame(middle.id)
    assert lib.frames_of_article(story.id) == [moved, jump]


def test_frame_needs_an_existing_page(lib: Library) -> None:
    with pytest.raises(LibraryError, match="page_id"):
        lib.add_frame(Frame("text", 0, 0, 10, 10))
    with pytest.raises(LibraryError, match="integrity"):  # foreign keys are on
        lib.add_frame(Frame("text", 0, 0, 10, 10, page_id=999))
    assert lib.db.execute("SELECT count(*) FROM frames").fetchone()[0] == 0


def test_update_of_unsaved_or_missing_object_fails(lib: Library) -> None:
    issue = make_issue(lib)
    with pytest.raises(LibraryError, match="no id"):
        lib.update_page(Page(1, "要闻", issue_id=issue.id))
    with pytest.raises(LibraryError, match="no pages row 42"):
        lib.update_page(Page(1, "要闻", issue_id=issue.id, id=42))


def test_assets_are_content_addressed_and_deduplicated(lib: Library) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    first = lib.put_asset(Asset(png, "image/png", 32, 16))
    again = lib.put_asset(Asset(bytes(png), "image/png", 32, 16))
    other = lib.put_asset(Asset(png + b"\0", "image/png", 32, 16))
    assert first == again != other
    assert len(first) == 64 and int(first, 16) >= 0
    assert lib.db.execute("SELECT count(*) FROM assets").fetchone()[0] == 2
    assert lib.asset(first) == Asset(png, "image/png", 32, 16)
    with pytest.raises(LibraryError):
        lib.asset("0" * 64)


def test_transaction_block_that_raises_writes_nothing(lib: Library) -> None:
    kept = make_issue(lib, 1808)
    with pytest.raises(RuntimeError), lib.transaction():
        issue = make_issue(lib, 1809)
        lib.add_page(Page(1, "要闻", issue_id=issue.id))
        lib.add_article(Article("半截稿", ["正文"], issue_id=issue.id))
        raise RuntimeError("the command failed half way")
    assert lib.issues() == [kept]
    counts = [
        lib.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("pages", "articles")
    ]
    assert counts == [0, 0]
    # The connection is usable afterwards and the block commits when nothing raises.
    with lib.transaction():
        issue = make_issue(lib, 1809)
        lib.add_page(Page(1, "要闻", issue_id=issue.id))
    assert len(lib.pages(issue.id)) == 1


def test_each_change_is_committed_at_once(lib: Library) -> None:
    """Another connection sees an edit as soon as the method returns: nothing is left pending."""
    make_issue(lib)
    other = sqlite3.connect(lib.path)
    try:
        assert other.execute("SELECT cumulative_number FROM issues").fetchall() == [(1809,)]
        with lib.transaction():
            make_issue(lib, 1810)
            seen = other.execute("SELECT count(*) FROM issues").fetchone()[0]
        assert seen == 1  # grouped changes appear together, at the end of the block
        assert other.execute("SELECT count(*) FROM issues").fetchone()[0] == 2
    finally:
        other.close()


def test_pragmas_wal_foreign_keys_and_marks(lib: Library) -> None:
    pragma = lambda name: lib.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") > 0
    assert pragma("user_version") == SCHEMA_VERSION == lib.schema_version
    assert pragma("application_id") != 0
    assert lib.path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.banmian"
    path.write_text("别覆盖我", encoding="utf-8")
    with pytest.raises(LibraryError, match="file already exists"):
        Library.create(path)
    assert path.read_text(encoding="utf-8") == "别覆盖我"


def test_create_makes_parent_folders_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "数据" / "石景山报.banmian"
    with Library.create(path) as lib:
        issue_id = make_issue(lib).id
    assert sorted(p.name for p in path.parent.iterdir()) == ["石景山报.banmian"]
    with Library.open(path) as lib:
        assert lib.issue(issue_id).cumulative_number == 1809


def test_two_windows_share_one_library(tmp_path: Path) -> None:
    path = tmp_path / "shared.banmian"
    with Library.create(path) as first:
        make_issue(first)
        with Library.open(path) as second:  # the check reads through the live -wal
            assert [i.cumulative_number for i in second.issues()] == [1809]
            make_issue(second, 1810)
        assert len(first.issues()) == 2


CRASHER = """
import os, sys
from datetime import date
sys.path.insert(0, {repo!r})
from app.model import Issue
from app.store import Library
lib = Library.open({path!r})
lib.add_issue(Issue(date(2019, 4, 30), 31, 1810))  # committed
lib.db.execute("BEGIN")
lib.db.execute("UPDATE issues SET page_count = 99")  # in flight
os._exit(9)  # die without closing: the -wal and -shm stay behind
"""


def test_crash_keeps_committed_edits_and_drops_the_one_in_flight(tmp_path: Path) -> None:
    path = tmp_path / "crash.banmian"
    with Library.create(path) as lib:
        make_issue(lib, 1809)
    script = textwrap.dedent(CRASHER).format(repo=str(REPO), path=str(path))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 9, result.stderr.decode()
    assert Path(f"{path}-wal").exists()
    with Library.open(path) as lib:
        issues = lib.issues()
    assert [i.cumulative_number for i in issues] == [1809, 1810]
    assert all(i.page_count == 8 for i in issues)


def test_default_library_path_per_platform(tmp_path: Path) -> None:
    home = tmp_path / "home"
    linux = default_library_path({}, "linux", home)
    assert linux == home / ".local" / "share" / "banmian" / "library.banmian"
    xdg = default_library_path({"XDG_DATA_HOME": str(tmp_path / "xdg")}, "linux", home)
    assert xdg == tmp_path / "xdg" / "banmian" / "library.banmian"
    assert default_library_path({"XDG_DATA_HOME": "relative"}, "linux", home) == linux
    mac = default_library_path({}, "darwin", home)
    assert mac == home / "Library" / "Application Support" / "Banmian" / "library.banmian"
    win = default_library_path({"APPDATA": str(tmp_path / "Roaming")}, "win32", home)
    assert win == tmp_path / "Roaming" / "Banmian" / "library.banmian"
    override = tmp_path / "我的报纸.banmian"
    chosen = default_library_path({"BANMIAN_LIBRARY": str(override)}, "win32", home)
    assert chosen == override


def test_default_library_path_reads_the_real_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANMIAN_LIBRARY", str(tmp_path / "env.banmian"))
    assert default_library_path() == tmp_path / "env.banmian"
