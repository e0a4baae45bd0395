"""The newsroom on a file and on a local PostgreSQL server (issue 15 point 9): how soon one desk sees another's edit, opening and exporting an issue, and many desks editing at once.

    python bench/newsroom.py [--edits 30] [--exports 5] [--desks 10] [--seconds 60]
                             [--only live,export,desks] [--backends file,server]

The server is a throwaway cluster (tests/pg_server.py) on a unix socket, started durable
(fsync and synchronous commit on, as a real server; the file commits with synchronous=FULL).

- live: desk A, a process of its own, edits the sample issue (a frame moved, a headline
  changed, in turn) at irregular moments; desk B watches as the window does — a file polled
  every POLL_MS (PRAGMA data_version), a server's notification socket waited on (LISTEN) —
  then takes the change (re-read + recompose). Time from A's commit to B's page composed.
- export: open the library, load the issue, compose and export every page to one PDF (the
  `export` command, in this process, fonts warm); the server's time over the file's.
- desks: N processes, each a desk typing into its own story and moving its own frame, one
  command and one commit after another, as fast as they can, for S seconds.
Medians throughout; targets: visible ≤ 1 s, server export ≤ 1.5 × the file's, 0 failures.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import random
import select
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.cli.main import main as cli
from app.edit.commands import EditArticleText, MoveFrame
from app.edit.editor import IssueEditor
from app.edit.live import POLL_MS, LibraryWatcher
from app.edit.session import EditSession
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE, build_sample
from app.services import font_registry, make_composer
from app.store import Library
from tests.pg_server import running_cluster


def ms(v: float) -> str:
    return f"{v * 1000:.0f} ms"


def _sample(where: str) -> str:
    Library.create(where, fill=build_sample).close()
    return where


# -- live: one desk's edit on another -----------------------------------------------------------


def desk_a(where: str, edits: int, start: mp.synchronize.Event, out: mp.Queue) -> None:
    """Edit the issue `edits` times, 0.15–0.6 s apart; report (table, row, time before the
    write, time after its commit)."""
    rng = random.Random(15)
    with Library.open(where) as lib:
        lib.person = "甲"
        page = lib.pages(lib.issue_by_number(SAMPLE_ISSUE).id)[1]  # type: ignore[arg-type]
        frame = next(f for f in lib.frames(page.id) if f.kind == "article")  # type: ignore[arg-type]
        start.wait()
        for i in range(edits):
            time.sleep(rng.uniform(0.15, 0.6))
            if i % 2:
                story = lib.article(frame.article_id)  # type: ignore[arg-type]
                before = time.time()
                lib.update_article(replace(story, headline=f"第{i}次修改的标题"))
                out.put(("articles", story.id, before, time.time()))
            else:
                current = lib.frame(frame.id)  # type: ignore[arg-type]
                before = time.time()
                lib.update_frame(replace(current, y=current.y + (12 if i % 4 else -12)))
                out.put(("frames", frame.id, before, time.time()))
    out.put(None)


def live(where: str, edits: int) -> tuple[list[float], list[float], list[float]]:
    """Latencies from A's commit to B showing it; B's idle polls; B's takes."""
    composer = make_composer(font_registry())
    with Library.open(where) as lib:
        editor = IssueEditor(lib, IssueDoc.load(lib, SAMPLE_ISSUE), composer)
        watcher = LibraryWatcher(editor)
        idle = []
        for _ in range(500):
            t = time.perf_counter()
            watcher.poll()
            idle.append(time.perf_counter() - t)
        socket = watcher.fileno()
        ctx = mp.get_context("spawn")
        start, out = ctx.Event(), ctx.Queue()
        a = ctx.Process(target=desk_a, args=(where, edits, start, out))
        a.start()
        start.set()
        # What B showed when: (time shown, rows of the change). A's reports come on a queue
        # that may lag B's notification, so commits are matched to what B showed at the end.
        shown: list[tuple[float, set[tuple[str, int]]]] = []
        taking: list[float] = []
        last = float("inf")  # when A had finished: B keeps looking 2.5 s more
        while time.time() < last + 2.5:
            if not a.is_alive() and last == float("inf"):
                last = time.time()
            if socket is None:  # a file: the window's timer
                time.sleep(POLL_MS / 1000)
            else:  # a server: the window's socket notifier (the timer is a 2 s safety net)
                select.select([socket], [], [], 2.0)
            t = time.perf_counter()
            remote = watcher.poll()
            if not remote:
                continue
            editor.take_remote(remote.change)
            seen = time.time()
            taking.append(time.perf_counter() - t)
            frames = {f.id for p in remote.change.pages for f in editor.doc.frames[p]}
            rows = {("articles", r) for r in remote.change.articles}
            shown.append((seen, rows | {("frames", f) for f in frames}))
        commits = []
        while (item := out.get()) is not None:
            commits.append(item)
        latencies = [
            max(
                0.0,
                min(
                    (seen for seen, rows in shown if seen >= before and (table, row) in rows),
                    default=float("inf"),  # never shown: counts as worst
                )
                - after,
            )
            for table, row, before, after in commits
        ]
        a.join()
        watcher.close()
    return sorted(latencies), idle, taking


# -- export: open, load, compose, write ---------------------------------------------------------


def export_times(where: str, runs: int, folder: Path) -> list[float]:
    out = folder / "issue.pdf"
    argv = ["export", "--db", where, "--issue", str(SAMPLE_ISSUE), "--out", str(out)]
    with contextlib.redirect_stdout(None):
        cli(argv)  # fonts and caches warm, as in a desk's second export
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            code = cli(argv)
            times.append(time.perf_counter() - t)
            assert code == 0 and out.stat().st_size > 0
    return times


# -- desks: many at once ------------------------------------------------------------------------


def desk(where: str, index: int, seconds: float, barrier: mp.Barrier, out: mp.Queue) -> None:
    """Type into story `index` and move its frame, command after command, for `seconds`."""
    failures: list[str] = []
    waits: list[float] = []
    with Library.open(where) as lib:
        lib.person = f"编辑{index}"
        issue = lib.issue_by_number(SAMPLE_ISSUE)
        story = lib.articles(issue.id)[index % len(lib.articles(issue.id))]  # type: ignore[arg-type]
        frame = (lib.frames_of_article(story.id) or [None])[0]  # type: ignore[arg-type]
        session = EditSession(lib)
        paragraphs = list(story.paragraphs)
        barrier.wait()
        end = time.monotonic() + seconds
        i = 0
        while time.monotonic() < end:
            i += 1
            if frame is not None and i % 2:
                command = MoveFrame(frame.id, frame.x, frame.y + (i % 4) * 0.5)  # type: ignore[arg-type]
            else:
                paragraphs[-1 if paragraphs else 0 :] = [f"第{index}台第{i}次修改。"]
                command = EditArticleText(story.id, paragraphs=list(paragraphs))  # type: ignore[arg-type]
            t = time.monotonic()
            try:
                session.push(command, wait=False)
            except Exception as e:  # counted: the bench reports every failure
                failures.append(f"{type(e).__name__}: {e}")
            waits.append(time.monotonic() - t)
            session.seal()
    out.put({"failures": failures, "waits": waits})


def desks(where: str, count: int, seconds: float) -> tuple[int, list[str], list[float]]:
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(count), ctx.Queue()
    procs = [ctx.Process(target=desk, args=(where, i, seconds, barrier, out)) for i in range(count)]
    for p in procs:
        p.start()
    reports = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    failures = [f for r in reports for f in r["failures"]]
    waits = sorted(w for r in reports for w in r["waits"])
    return len(waits) - len(failures), failures, waits


# -- the run ------------------------------------------------------------------------------------


@contextlib.contextmanager
def places(backends: list[str], folder: Path) -> Iterator[dict[str, object]]:
    """Where each run writes: a new file, or a new database on a durable local server."""
    with contextlib.ExitStack() as stack:
        cluster = (
            stack.enter_context(running_cluster(durable=True)) if "server" in backends else None
        )
        names = iter(range(1000))

        def fresh(backend: str) -> str:
            n = next(names)
            if backend == "file":
                return str(folder / f"newsroom{n}.banmian")
            assert cluster is not None
            return cluster.database(f"newsroom{n}")

        yield {"fresh": fresh}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--exports", type=int, default=5)
    ap.add_argument("--desks", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--only", default="live,export,desks")
    ap.add_argument("--backends", default="file,server")
    args = ap.parse_args()
    parts, backends = args.only.split(","), args.backends.split(",")
    with (
        tempfile.TemporaryDirectory(prefix="bench-newsroom-") as tmp,
        places(backends, Path(tmp)) as at,
    ):
        fresh = at["fresh"]
        exports: dict[str, float] = {}
        for backend in backends:
            name = "file (SQLite)" if backend == "file" else "local server (PostgreSQL)"
            print(f"== {name}")
            if "live" in parts:
                seen, idle, taking = live(_sample(fresh(backend)), args.edits)  # type: ignore[operator]
                how = f"polled every {POLL_MS} ms" if backend == "file" else "LISTEN/NOTIFY"
                print(
                    f"  an edit on desk A visible on desk B ({how}), {len(seen)} edits: median "
                    f"{ms(statistics.median(seen))}, p90 {ms(seen[int(0.9 * (len(seen) - 1))])}, "
                    f"worst {ms(seen[-1])}  (target ≤ 1 s)"
                )
                print(
                    f"    an idle poll {statistics.median(idle) * 1e6:.0f} µs; taking a change "
                    f"(read + recompose) {ms(statistics.median(taking))}"
                )
            if "export" in parts:
                times = export_times(_sample(fresh(backend)), args.exports, Path(tmp))  # type: ignore[operator]
                exports[backend] = statistics.median(times)
                print(
                    f"  open + load + compose + export the sample issue: median "
                    f"{ms(exports[backend])} ({args.exports} runs)"
                )
            if "desks" in parts:
                where = _sample(fresh(backend))  # type: ignore[operator]
                commits, failures, waits = desks(where, args.desks, args.seconds)
                print(
                    f"  {args.desks} desks editing at once for {args.seconds:.0f} s: "
                    f"{commits / args.seconds:.0f} commits/s, failures {len(failures)} "
                    f"(target 0); one command: median {ms(statistics.median(waits))}, "
                    f"p95 {ms(waits[int(0.95 * (len(waits) - 1))])}, worst {ms(waits[-1])}"
                )
                for failure in failures[:3]:
                    print(f"    {failure}")
        if len(exports) == 2:
            ratio = exports["server"] / exports["file"]
            print(f"export from the server / from the file: {ratio:.2f}×  (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
