"""Benchmark intake's refusals and recovery: hostile files, pathological markup, picture bombs, a killed writer.

    python bench/intake.py [--runs 5] [--rounds 5]

Prints medians (and the slowest case) of what the intake tests once asserted as time limits:
a hostile file refused (limit was 10 s each), a pathological markup line read (2 s each),
decompression bombs refused (5 s for the three), and a SIGKILLed writer's round — start,
edit, kill, reopen with the integrity check (60 s for the 25 rounds of the test).
The inputs are the tests' own (tests/app/intake), so bench and tests judge the same files.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.errors import UserError
from app.intake import run_import
from app.intake.limits import MAX_PIXELS
from app.intake.pictures import load_picture
from app.intake.readers import read_file
from app.model import Article, Issue
from app.store import Library
from tests.app.intake.test_crash_loop import IMPORT_EVERY, WRITER, state
from tests.app.intake.test_hostile import hostile_files
from tests.app.intake.test_pictures import png_bomb

ROOT = Path(__file__).resolve().parent.parent
PATHOLOGICAL = {
    "unclosed **": "**" * 9_000 + "x",
    "open brackets": "[" * 19_000,
    "heading of spaces": "# " + " " * 19_000 + "x",
    "open parens": "(" * 19_000 + "中",
}


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def refused(fn: Callable[[], object]) -> None:
    try:
        fn()
    except UserError:
        return
    raise SystemExit("accepted what the tests say must be refused")


def bench_hostile(folder: Path, runs: int) -> None:
    """Each hostile file of test_hostile.py imported beside a good one, refused whole."""
    lib = Library.create(folder / "hostile.banmian")
    issue = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
    good = folder / "good.txt"
    good.write_text("好稿件\n\n本报讯（记者徐巍）近日召开推进会。\n", "utf-8")
    files = hostile_files(folder)
    times = {
        name: median_ms(
            lambda path=path: refused(lambda: run_import(lib, issue, [good, path])), runs
        )
        for name, (path, _) in files.items()
    }
    lib.close()
    slowest = max(times, key=times.__getitem__)
    print(
        f"hostile    {len(times)} files refused: median {statistics.median(times.values()):7.1f} ms, "
        f"slowest {times[slowest]:7.1f} ms ({slowest})"
    )


def bench_markup(folder: Path, runs: int) -> None:
    """Lines built to make naive patterns backtrack, each just under the paragraph limit."""
    worst = ("", 0.0)
    for name, line in PATHOLOGICAL.items():
        for suffix in (".md", ".txt"):
            path = folder / f"{name}{suffix}"
            path.write_text("标题\n\n" + line + "\n", "utf-8")
            ms = median_ms(lambda path=path: read_file(path), runs)
            if ms > worst[1]:
                worst = (f"{name}{suffix}", ms)
    print(
        f"markup     {2 * len(PATHOLOGICAL)} pathological files read: slowest {worst[1]:7.1f} ms ({worst[0]})"
    )


def bench_bombs(runs: int) -> None:
    """The three picture bombs of test_pictures.py refused before decoding."""
    side = int((MAX_PIXELS * 1.05) ** 0.5)
    bombs = [
        png_bomb(20_000, 20_000),
        png_bomb(side, side, rows=False),
        png_bomb(10_000, 10_000, rows=False),
    ]

    def refuse_all() -> None:
        for data in bombs:
            refused(lambda data=data: load_picture(data, "坏图.jpg"))

    print(f"bombs      3 picture bombs refused: {median_ms(refuse_all, runs):7.1f} ms")


def bench_kill_rounds(folder: Path, rounds: int) -> None:
    """The crash test's round: a writer opens the library, edits, is SIGKILLed; then the
    library is opened again (integrity check included) and read back."""
    path = folder / "crash.banmian"
    (folder / "intake.txt").write_text(
        "推进会\n\n区里召开推进会。\n\n会议要求抓好落实。\n", "utf-8"
    )
    with Library.create(path) as lib:
        issue = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
        counter = lib.add_article(Article("0", [], issue_id=issue.id, slug="counter"))
    rng = random.Random(1809)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    next_edit = 1
    for _ in range(rounds):
        t = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(issue.id), str(counter.id)]
            + [str(next_edit), str(IMPORT_EVERY), str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        child.stdout.readline()  # "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.stdout.read()
        child.wait(timeout=30)
        edits, _ = state(path, issue.id)
        next_edit = max(edits, default=0) + 1
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"kill       {rounds} writer rounds (start, edit, SIGKILL, reopen, check): "
        f"median {statistics.median(times):7.1f} ms, slowest {max(times):7.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=5, help="killed-writer rounds")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_hostile(folder, args.runs)
        bench_markup(folder, args.runs)
        bench_bombs(args.runs)
        bench_kill_rounds(folder, args.rounds)


if __name__ == "__main__":
    main()
