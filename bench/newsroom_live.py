"""Live desks: how long an edit on one desk takes to show on another (issue 15 point 9, target ≤ 1 s).

    python bench/newsroom_live.py [--edits 30] [--poll-ms 250]

Desk A is a process of its own editing the sample issue (a frame moved, a story's text
changed, in turn), at irregular moments; desk B is this process, polling the library the way
the window does (app/edit/live.LibraryWatcher every POLL_MS, then IssueEditor.take_remote,
which re-reads and recomposes what changed). For each edit: the time from A's commit to B
having the changed page composed. Prints the median, 90th percentile and worst, the cost of
an idle poll, and of taking a change. SQLite file; PostgreSQL once the server backend is in.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.edit.editor import IssueEditor
from app.edit.live import POLL_MS, LibraryWatcher
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE, build_sample
from app.services import font_registry, make_composer
from app.store import Library


def desk_a(path: str, edits: int, start: mp.synchronize.Event, out: mp.Queue) -> None:
    """Edit the issue `edits` times, 0.15–0.6 s apart; report (edit, table, row, commit time)."""
    rng = random.Random(15)
    with Library.open(path) as lib:
        lib.person = "甲"
        issue = lib.issue_by_number(SAMPLE_ISSUE)
        page = lib.pages(issue.id)[1]  # type: ignore[arg-type]
        frame = next(f for f in lib.frames(page.id) if f.kind == "article")  # type: ignore[arg-type]
        start.wait()
        for i in range(edits):
            time.sleep(rng.uniform(0.15, 0.6))
            if i % 2:
                story = lib.article(frame.article_id)  # type: ignore[arg-type]
                lib.update_article(replace(story, headline=f"第{i}次修改的标题"))
                out.put((i, "articles", story.id, time.time()))
            else:
                current = lib.frame(frame.id)  # type: ignore[arg-type]
                lib.update_frame(replace(current, y=current.y + (12 if i % 4 else -12)))
                out.put((i, "frames", frame.id, time.time()))
    out.put(None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--poll-ms", type=int, default=POLL_MS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="banmian-live-") as folder:
        path = Path(folder) / "newsroom.banmian"
        with Library.create(path) as lib:
            build_sample(lib)
        composer = make_composer(font_registry())
        with Library.open(path) as lib:
            editor = IssueEditor(lib, IssueDoc.load(lib, SAMPLE_ISSUE), composer)
            watcher = LibraryWatcher(editor)
            idle = []
            for _ in range(2000):
                t = time.perf_counter()
                watcher.poll()
                idle.append(time.perf_counter() - t)
            ctx = mp.get_context("spawn")
            start, out = ctx.Event(), ctx.Queue()
            a = ctx.Process(target=desk_a, args=(str(path), args.edits, start, out))
            a.start()
            start.set()
            committed: dict[tuple[str, int], list[float]] = {}
            latencies: list[float] = []
            taking: list[float] = []
            done = False
            while not done or any(committed.values()):
                time.sleep(args.poll_ms / 1000)
                while not out.empty():
                    item = out.get()
                    if item is None:
                        done = True
                    else:
                        _, table, row, at = item
                        committed.setdefault((table, row), []).append(at)
                t = time.perf_counter()
                remote = watcher.poll()
                if not remote:
                    continue
                editor.take_remote(remote.change)
                seen = time.time()
                taking.append(time.perf_counter() - t)
                for (table, row), times in committed.items():
                    hit = row in (
                        remote.change.articles
                        if table == "articles"
                        else {f.id for p in remote.change.pages for f in editor.doc.frames[p]}
                    )
                    if hit:
                        latencies += [seen - at for at in times]
                        times.clear()
            a.join()

    def ms(v: float) -> str:
        return f"{v * 1000:.0f} ms"

    latencies.sort()
    print(
        f"edits on desk A seen on desk B (SQLite, poll every {args.poll_ms} ms): {len(latencies)}"
    )
    print(
        f"  visible after: median {ms(statistics.median(latencies))}, "
        f"p90 {ms(latencies[int(0.9 * (len(latencies) - 1))])}, worst {ms(latencies[-1])}"
        "  (target ≤ 1 s)"
    )
    print(f"  an idle poll: median {statistics.median(idle) * 1e6:.1f} µs")
    print(f"  taking a change (read + recompose): median {ms(statistics.median(taking))}")


if __name__ == "__main__":
    main()
