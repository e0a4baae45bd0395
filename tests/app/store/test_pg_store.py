"""The store on a server: the file store's round-trip tests run again on a PostgreSQL library, and what only a server does — an empty database like a missing file, other tables refused, ids, waits, read-only and dropped connections.

The tests imported below are the file store's own (tests/app/test_store.py and
test_store_assets.py); pytest runs them here with this module's `lib`: a server library.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import Article, Frame, Issue, Page
from app.store import Library, LibraryBusy, LibraryError, LibraryReadOnly, LibraryUnavailable
from tests.app.test_store import (  # noqa: F401 - collected and run here, on a server
    test_article_round_trip_keeps_text_verbatim,
    test_delete_article_empties_its_frames,
    test_frame_needs_an_existing_page,
    test_frames_round_trip_and_thread_order,
    test_issue_numbers_are_unique,
    test_issue_round_trip_and_lookup,
    test_pages_ordered_by_number_with_credits,
    test_publication_round_trip_with_id,
    test_transaction_block_that_raises_writes_nothing,
    test_update_of_unsaved_or_missing_object_fails,
)
from tests.app.test_store_assets import (  # noqa: F401
    issue,
    test_a_picture_link_needs_a_stored_story_and_asset,
    test_an_asset_a_frame_shows_is_not_deleted,
    test_an_asset_a_story_or_a_revision_keeps_is_not_deleted,
    test_deleting_a_story_unlinks_its_pictures_and_keeps_the_assets,
    test_has_and_delete_an_unused_asset,
    test_story_pictures_keep_order_captions_and_positions,
)


@pytest.fixture
def lib(pg_url: str) -> Iterator[Library]:
    with Library.create(pg_url) as library:
        yield library


def raw(url: str) -> psycopg.Connection:
    """Another program on the same database."""
    return psycopg.connect(url, autocommit=True)


@pytest.fixture(scope="module")
def shared_url(pg_cluster) -> str:
    return pg_cluster.database()


@settings(max_examples=40, deadline=None)
@given(
    paragraphs=st.lists(st.text(), max_size=5),
    headline=st.text(st.characters(blacklist_characters="\x00"), min_size=1),
)
def test_any_text_round_trips_on_a_server(
    shared_url: str, paragraphs: list[str], headline: str
) -> None:
    """Paragraphs are stored as JSON (a NUL among them is escaped); a headline is a text
    column, and PostgreSQL's text cannot hold NUL (see the test below)."""
    if not Library.exists(shared_url):
        Library.create(shared_url).close()
    with Library.open(shared_url) as lib:
        issues = lib.issues() or [lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))]
        saved = lib.add_article(Article(headline, paragraphs, issue_id=issues[0].id))
        assert lib.article(saved.id) == saved  # type: ignore[arg-type]


def test_a_nul_in_a_text_column_is_refused_in_one_line(lib: Library) -> None:
    issue_ = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    with pytest.raises(LibraryError) as caught:
        lib.add_article(Article("标题\x00", ["正文"], issue_id=issue_.id))
    assert "\n" not in str(caught.value) and "NUL" in str(caught.value)
    assert lib.articles(issue_.id) == []


def test_geometry_keeps_every_bit(lib: Library) -> None:
    issue_ = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    page = lib.add_page(Page(1, "要闻", issue_id=issue_.id))
    odd = [0.1 + 0.2, 1 / 3, 123.45678901234567, 200.00000000000003]
    frame = lib.add_frame(Frame("box", *odd, page_id=page.id))
    again = lib.frame(frame.id)  # type: ignore[arg-type]
    assert [again.x, again.y, again.w, again.h] == odd  # DOUBLE PRECISION, bit for bit


def test_each_change_is_committed_at_once(lib: Library, pg_url: str) -> None:
    """Another desk sees an edit as soon as the method returns, a block's edits together."""
    lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    with raw(pg_url) as other:
        count = "SELECT count(*) FROM issues"
        assert other.execute(count).fetchone()[0] == 1
        with lib.transaction():
            lib.add_issue(Issue(date(2019, 4, 30), 31, 1810))
            assert other.execute(count).fetchone()[0] == 1
        assert other.execute(count).fetchone()[0] == 2


def test_an_empty_database_is_like_a_missing_file(pg_url: str) -> None:
    assert not Library.exists(pg_url)
    with pytest.raises(LibraryError) as caught:
        Library.open(pg_url)
    assert "\n" not in str(caught.value) and "the database is empty" in str(caught.value)
    with Library.create(pg_url) as lib:
        assert lib.issues() == [] and lib.path is None and lib.files == []
    assert Library.exists(pg_url)
    with pytest.raises(LibraryError, match="not empty"):
        Library.create(pg_url)  # like an existing file: never written over


def test_a_database_holding_other_tables_is_refused_and_untouched(pg_url: str) -> None:
    with raw(pg_url) as other:
        other.execute("CREATE TABLE ledger (id int PRIMARY KEY, amount numeric)")
        other.execute("INSERT INTO ledger VALUES (1, 12.50)")
    with pytest.raises(LibraryError) as opened:
        Library.open(pg_url)
    assert "not a Banmian library" in str(opened.value) and "ledger" in str(opened.value)
    with pytest.raises(LibraryError, match="not empty"):
        Library.create(pg_url)
    with raw(pg_url) as other:
        tables = other.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
        assert tables == [("ledger",)]
        assert other.execute("SELECT amount FROM ledger").fetchone()[0] == 12.5


def test_a_library_from_a_newer_banmian_is_refused(lib: Library, pg_url: str) -> None:
    lib.close()
    with raw(pg_url) as other:
        other.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(LibraryError, match="made by a newer Banmian"):
        Library.open(pg_url)


def test_ids_keep_counting_past_explicit_ids(lib: Library) -> None:
    """An undo puts rows back under their own ids; new rows must still come after every
    existing one (frames stack by id), as in a file."""
    issue_ = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    page = lib.add_page(Page(1, "要闻", issue_id=issue_.id))
    first = lib.add_frame(Frame("box", 0, 0, 10, 10, page_id=page.id))
    lib.restore_frame(replace(first, id=500))
    later = lib.add_frame(Frame("box", 0, 0, 10, 10, page_id=page.id))
    assert later.id is not None and later.id > 500


def test_a_write_waits_for_another_desk_then_lands(lib: Library, pg_url: str) -> None:
    issue_ = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    other = psycopg.connect(pg_url)
    other.execute("SELECT * FROM issues FOR UPDATE")  # another desk in the middle of a change
    released = threading.Timer(0.5, other.commit)
    released.start()
    try:
        started = time.monotonic()
        lib.update_issue(replace(issue_, page_count=12))  # waits for the commit, then writes
        assert time.monotonic() - started >= 0.4
        assert lib.issue_by_number(1809).page_count == 12
    finally:
        released.join()
        other.close()


def test_waiting_too_long_is_one_line_and_changes_nothing(lib: Library, pg_url: str) -> None:
    issue_ = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    other = psycopg.connect(pg_url)
    other.execute("SELECT * FROM issues FOR UPDATE")
    try:
        lib.busy_timeout = 0.2
        with pytest.raises(LibraryBusy) as caught:
            lib.update_issue(replace(issue_, page_count=12))
        message = str(caught.value)
        assert "\n" not in message and "the library is busy" in message
        assert "postgresql://" in message and not lib.in_transaction
        other.rollback()
        assert lib.issue_by_number(1809).page_count == 8
        lib.update_issue(replace(issue_, page_count=12))  # the same write, once it is free
        assert lib.issue_by_number(1809).page_count == 12
    finally:
        other.close()


def test_serialize_makes_two_changes_take_turns(lib: Library, pg_url: str) -> None:
    """Two transactions that serialize on one key never overlap; other keys do not wait."""
    spans: dict[str, tuple[float, float]] = {}

    def change(name: str, key: str, hold: float) -> None:
        with Library.open(pg_url) as mine, mine.transaction():
            mine.serialize(key)
            start = time.monotonic()
            time.sleep(hold)
            spans[name] = (start, time.monotonic())

    first = threading.Thread(target=change, args=("a", "issue:1", 0.6))
    first.start()
    time.sleep(0.2)  # a holds the key
    change("other-key", "issue:2", 0)
    change("b", "issue:1", 0)
    first.join()
    assert spans["other-key"][0] < spans["a"][1]  # did not wait for a
    assert spans["b"][0] >= spans["a"][1]  # waited until a was done


def test_a_read_only_server_keeps_the_change_for_later(lib: Library, pg_url: str) -> None:
    """A standby (or a database switched to read-only) refuses writes: LibraryReadOnly, an
    unavailable kind: the desk keeps the edit and tries again."""
    issue_ = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    lib.db.execute("SET default_transaction_read_only = on")
    with pytest.raises(LibraryReadOnly) as caught:
        lib.update_issue(replace(issue_, page_count=12))
    assert "read-only" in str(caught.value) and isinstance(caught.value, LibraryUnavailable)
    lib.db.execute("SET default_transaction_read_only = off")
    lib.update_issue(replace(issue_, page_count=12))
    assert lib.issue_by_number(1809).page_count == 12


def test_a_dropped_connection_is_made_again_for_the_next_change(lib: Library, pg_url: str) -> None:
    """The server restarts (here: our connection is ended): the change in flight is refused
    as unavailable, the next one connects again and lands."""
    issue_ = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    pid = lib.db.info.backend_pid
    with raw(pg_url) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    with pytest.raises(LibraryUnavailable) as caught:
        lib.update_issue(replace(issue_, page_count=12))
    assert "\n" not in str(caught.value)
    lib.update_issue(replace(issue_, page_count=16))
    assert lib.issue_by_number(1809).page_count == 16 and lib.db.info.backend_pid != pid


def test_an_unreachable_server_is_unavailable_in_one_line(tmp_path) -> None:
    url = f"postgresql://banmian@/nowhere?host={tmp_path}"  # no server listens there
    with pytest.raises(LibraryUnavailable) as caught:
        Library.open(url)
    assert "\n" not in str(caught.value) and "cannot be reached" in str(caught.value)


def test_a_missing_database_is_a_mistake_not_a_wait(pg_cluster) -> None:
    url = pg_cluster.url("no_such_database")
    with pytest.raises(LibraryError) as caught:
        Library.open(url)
    assert not isinstance(caught.value, LibraryUnavailable)
    assert "no_such_database" in str(caught.value)
