"""Crash safety: a writer SIGKILLed at random moments, again and again, never loses a committed edit."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app.model import Article, Issue
from app.store import Library

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 25
IMPORT_EVERY = 5  # every fifth edit is a whole file import (one transaction of its own)

# The writer: opens the library, says "ready", then edits forever. Edit n adds the story "e{n}"
# and sets the counter story's headline to n in one transaction; every IMPORT_EVERY-th edit
# imports the text file i{n}.txt instead (its story's slug is "i{n}"). "committed n" is printed
# and flushed only after the commit.
WRITER = """
import pathlib, sys
from app.intake import run_import
from app.model import Article
from app.store import Library

path, issue_id, counter_id, n, every, folder = sys.argv[1:]
issue_id, counter_id, n, every = int(issue_id), int(counter_id), int(n), int(every)
lib = Library.open(path)
issue = lib.issue(issue_id)
body = "热线工作推进会在区里召开，各街道汇报了接诉即办的进展。" * 40
copy = pathlib.Path(folder, "intake.txt").read_text("utf-8")
print("ready", flush=True)
while True:
    if n % every == 0:
        txt = pathlib.Path(folder, f"i{n}.txt")
        txt.write_text(copy, "utf-8")
        run_import(lib, issue, [txt])
    else:
        with lib.transaction():
            lib.add_article(Article(f"稿件{n}", [body, f"第{n}次编辑。"], issue_id=issue_id, slug=f"e{n}"))
            counter = lib.article(counter_id)
            counter.headline = str(n)
            lib.update_article(counter)
    print(f"committed {n}", flush=True)
    n += 1
"""


def state(path: Path, issue_id: int) -> tuple[set[int], int]:
    """Open the library the way the app does (integrity check included) and read back the
    numbered edits present (stories e{n} and imports i{n}) and the counter's value."""
    with Library.open(path) as lib:
        assert lib.db.execute("PRAGMA foreign_key_check").fetchall() == []
        articles = lib.articles(issue_id)
    edits = {int(a.slug[1:]) for a in articles if a.slug[:1] in ("e", "i")}
    stories = {int(a.slug[1:]) for a in articles if a.slug[:1] == "e"}
    counter = next(int(a.headline) for a in articles if a.slug == "counter")
    assert counter == max(stories, default=0)  # set in the same transaction as the newest story
    for a in articles:
        if a.slug[:1] == "i":  # an import is whole or absent, never half a story
            assert a.headline == "推进会" and len(a.paragraphs) == 2
    return edits, counter


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_at_random_moments_never_loses_a_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "crash.banmian"
    body = "本报讯（记者徐巍）区里召开推进会，部署下一阶段工作。"
    (tmp_path / "intake.txt").write_text(f"推进会\n\n{body}\n\n会议要求各街道抓好落实。\n", "utf-8")
    with Library.create(path) as lib:
        issue = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
        counter = lib.add_article(Article("0", [], issue_id=issue.id, slug="counter"))
    assert issue.id is not None and counter.id is not None

    rng = random.Random(1809)  # the same kill moments every run
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reported: set[int] = set()
    next_edit = 1
    for round_ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(issue.id), str(counter.id)]
            + [str(next_edit), str(IMPORT_EVERY), str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        # Most rounds kill mid-editing; some kill while the library is still being opened.
        if rng.random() < 0.8:
            assert child.stdout is not None
            assert child.stdout.readline() == "ready\n", child.stderr and child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        # Read through the same buffered reader as readline() above: communicate() would read
        # the pipe underneath it and miss lines the reader had already buffered.
        assert child.stdout is not None and child.stderr is not None
        out = child.stdout.read()
        child.stderr.read()
        assert child.wait(timeout=30) == -signal.SIGKILL
        reported |= {
            int(line.split()[1]) for line in out.splitlines() if line.startswith("committed")
        }

        edits, _ = state(path, issue.id)
        assert reported <= edits, (
            f"round {round_}: committed edits lost: {sorted(reported - edits)}"
        )
        newest = max(edits, default=0)
        assert edits == set(range(1, newest + 1)), f"round {round_}: a hole in the edits"
        # This writer stored at most the one edit in flight without having reported it.
        assert newest <= max(reported | {next_edit - 1}) + 1
        next_edit = newest + 1
    assert len(reported) > ROUNDS  # the writers did get edits in, many of them
