"""Under load, on a file and on a server (issue 15 point 7): desks typing, importing, filling one issue and making the next issue at once lose nothing and never stack frames; a desk killed (kill -9) in the middle of a write loses nothing the others committed."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest

from app.edit.issues import create_next_issue
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from tests.app import store_workers as work
from tests.app.desk_helpers import on_server, sample_at


@pytest.fixture
def where(new_library: str) -> str:
    """The sample issue in a file, then on a server (each test on both backends)."""
    return sample_at(new_library)


def stories(where: str) -> list[int]:
    with Library.open(where) as lib:
        return [a.id for a in lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id)]  # type: ignore[arg-type, misc]


def test_three_processes_editing_at_once_lose_nothing(where: str) -> None:
    """Three desks typing into three stories at once: every edit lands, none fails."""
    edits = 150
    ids = stories(where)[:3]
    with Library.open(where) as lib:
        before = {a: list(lib.article(a).paragraphs) for a in ids}
    reports = work.run_all([(work.edit_story, (where, a, edits)) for a in ids])
    assert [r["failures"] for r in reports] == [[], [], []]
    with Library.open(where) as lib:
        for a in ids:
            added = [f"第{i}次修改" for i in range(edits)]
            assert lib.article(a).paragraphs == before[a] + added  # type: ignore[arg-type]


def overlapping(frames: list) -> list[tuple[int, int]]:
    """Pairs of frames whose rectangles share more than a hairline."""
    pairs = []
    for i, a in enumerate(frames):
        for b in frames[i + 1 :]:
            w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
            h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
            if w > 0.5 and h > 0.5:
                pairs.append((a.id, b.id))
    return pairs


def test_two_autofills_at_once_never_stack_frames(where: str) -> None:
    with Library.open(where) as lib:
        issue = create_next_issue(lib, SAMPLE_ISSUE)
        for a in lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id):
            lib.add_article(replace(a, id=None, issue_id=issue.id, status="draft"))
    number = issue.cumulative_number
    reports = work.run_all([(work.autofill_issue, (where, number)) for _ in range(2)])
    assert [r["failures"] for r in reports] == [[], []]
    with Library.open(where) as lib:
        doc = IssueDoc.load(lib, number)
    for page in doc.pages:
        assert overlapping(doc.frames[page.id]) == [], f"page {page.number}"
    for article in doc.articles.values():
        links = [f.thread_index for f in doc.thread(article.id)]  # type: ignore[arg-type]
        assert links == list(range(len(links))), article.headline  # placed once, not twice
    assert not doc.unplaced()
    assert sorted(r["placed"] for r in reports) == [0, len(doc.articles)]


def test_two_next_issues_at_once_make_one_issue(where: str) -> None:
    reports = work.run_all([(work.next_issue, (where, SAMPLE_ISSUE)) for _ in range(2)])
    made = [r["made"] for r in reports if r["made"]]
    errors = [r["error"] for r in reports if r["error"]]
    assert made == [SAMPLE_ISSUE + 1]
    assert len(errors) == 1 and errors[0].startswith("UserError") and "exists already" in errors[0]
    with Library.open(where) as lib:
        issue = lib.issue_by_number(SAMPLE_ISSUE + 1)
        assert len(lib.pages(issue.id)) == 8  # type: ignore[arg-type]


def test_three_desks_importing_at_once_all_land(where: str, tmp_path: Path) -> None:
    """Three processes, eight imports each (each import one transaction), all at once."""
    files = work.write_texts(tmp_path / "稿件", 24)
    reports = work.run_all(
        [(work.import_files, (where, SAMPLE_ISSUE, files[i::3])) for i in range(3)]
    )
    assert [r["failures"] for r in reports] == [[], [], []]
    with Library.open(where) as lib:
        headlines = [a.headline for a in lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id)]  # type: ignore[arg-type]
    assert sorted(h for h in headlines if h.endswith("篇来稿")) == sorted(
        f"第{i}篇来稿" for i in range(24)
    )  # each once
    assert len({a for r in reports for a in r["articles"]}) == 24


def test_a_desk_killed_mid_write_loses_nothing_others_committed(where: str) -> None:
    """Desk 0 commits a headline, writes another and is killed before it commits; desks 1
    and 2 type into their stories meanwhile (in a file they wait for desk 0's lock until it
    dies). Everything committed is there, the write in flight is not, the library is whole."""
    ids = stories(where)[:3]
    with Library.open(where) as lib:
        before = {a: list(lib.article(a).paragraphs) for a in ids[1:]}
    victim, heard = work.start_one(work.killed_mid_write, (where, ids[0]))
    assert heard.get(timeout=120) == "writing"
    edits = 40
    editors = work.start_all([(work.edit_story, (where, a, edits)) for a in ids[1:]])
    time.sleep(1.0)  # the editors are at work (or waiting for desk 0)
    os.kill(victim.pid, signal.SIGKILL)
    victim.join(timeout=30)
    assert victim.exitcode == -signal.SIGKILL
    reports = work.collect(editors)
    assert [r["failures"] for r in reports] == [[], []]
    with Library.open(where) as lib:
        assert lib.article(ids[0]).headline == "提交了的标题"  # committed before: kept
        for a in ids[1:]:
            added = [f"第{i}次修改" for i in range(edits)]
            assert lib.article(a).paragraphs == before[a] + added
        with lib.patience(5.0):  # what desk 0 held is free again
            lib.update_article(replace(lib.article(ids[0]), headline="接着改"))
        if not on_server(where):
            assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
