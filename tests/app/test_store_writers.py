"""Writers wait their turn: the write lock is taken up front with a wait that applies; imports are one transaction each and forty at once all land (racing desks on both backends: test_newsroom_load.py)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.edit.issues import create_next_issue
from app.model import Issue
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library, LibraryBusy
from tests.app import store_workers as work
from tests.sample_helpers import sample_library


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    with sample_library(tmp_path) as _:
        pass
    yield tmp_path / "sample.banmian"


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another program in the middle of a write: a second connection holding the lock."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    # A table without row versions: the lock is held, no row a desk edits changes.
    other.execute("UPDATE meta SET value = value WHERE key = 'magic'")
    return other


def test_every_write_transaction_takes_the_lock_up_front(path: Path) -> None:
    """Traced statements of a busy editing session: no deferred BEGIN, no write outside a
    transaction (sqlite-utils would open one that reads before it writes)."""
    from app.edit.commands import DeleteFrame, EditArticleText, MoveFrame
    from app.edit.session import EditSession

    statements: list[tuple[bool, str]] = []
    with Library.open(path) as lib:
        lib.db.conn.set_trace_callback(
            lambda sql: statements.append((lib.db.conn.in_transaction, sql))
        )
        issue = lib.issue_by_number(SAMPLE_ISSUE)
        session = EditSession(lib)
        story = lib.articles(issue.id)[0]
        frame = lib.frames(lib.pages(issue.id)[1].id)[0]  # type: ignore[arg-type]
        session.push(EditArticleText(story.id, headline="新标题"))  # type: ignore[arg-type]
        session.push(MoveFrame(frame.id, frame.x, frame.y + 12))  # type: ignore[arg-type]
        session.push(DeleteFrame(frame.id))  # type: ignore[arg-type]
        session.undo()
        create_next_issue(lib, SAMPLE_ISSUE)
        lib.add_issue(Issue(issue.date, 99, 1900))
        lib.db.conn.set_trace_callback(None)
    begins = [sql for _, sql in statements if sql.upper().startswith("BEGIN")]
    assert begins and all(sql.upper() == "BEGIN IMMEDIATE" for sql in begins), begins
    writes = [
        (inside, sql)
        for inside, sql in statements
        if sql.split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "REPLACE")
    ]
    assert writes and all(inside for inside, _ in writes)


def test_a_write_waits_while_another_program_writes(path: Path) -> None:
    other = hold_write_lock(path)
    released = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    try:
        with Library.open(path) as lib:
            issue = lib.issue_by_number(SAMPLE_ISSUE)
            released.start()
            lib.update_issue(replace(issue, page_count=12))  # waits for the COMMIT, then writes
            assert lib.issue_by_number(SAMPLE_ISSUE).page_count == 12
    finally:
        released.join()
        other.close()


def test_waiting_too_long_is_one_line_and_changes_nothing(path: Path) -> None:
    other = hold_write_lock(path)
    try:
        with Library.open(path) as lib:
            lib.busy_timeout = 0.2
            issue = lib.issue_by_number(SAMPLE_ISSUE)
            with pytest.raises(LibraryBusy) as caught:
                lib.update_issue(replace(issue, page_count=12))
            message = str(caught.value)
            assert "\n" not in message and message.startswith("版面库正被另一程序写入")
            assert " / the library is busy" in message and str(path) in message
            other.execute("ROLLBACK")
            assert lib.issue_by_number(SAMPLE_ISSUE).page_count == 8
            lib.update_issue(replace(issue, page_count=12))  # the same write, once it is free
            assert lib.issue_by_number(SAMPLE_ISSUE).page_count == 12
    finally:
        other.close()


def test_nested_blocks_are_savepoints_in_one_transaction(path: Path) -> None:
    with Library.open(path) as lib:
        issue = lib.issue_by_number(SAMPLE_ISSUE)
        with lib.transaction():
            issue = lib.update_issue(replace(issue, page_count=12))
            with pytest.raises(RuntimeError), lib.transaction():
                lib.update_issue(replace(issue, page_count=16))
                raise RuntimeError("undo just this block")
            assert lib.in_transaction
        assert not lib.in_transaction
        assert lib.issue_by_number(SAMPLE_ISSUE).page_count == 12


def test_forty_imports_at_once_all_land(path: Path, tmp_path: Path) -> None:
    files = work.write_texts(tmp_path / "稿件", 40)
    reports = work.run_all([(work.import_file, (str(path), SAMPLE_ISSUE, f)) for f in files])
    assert [r["failures"] for r in reports if r["failures"]] == []
    with Library.open(path) as lib:
        headlines = {a.headline for a in lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id)}
    assert {f"第{i}篇来稿" for i in range(40)} <= headlines
    assert len({a for r in reports for a in r["articles"]}) == 40
