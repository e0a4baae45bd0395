"""Benchmark writers waiting their turn: several processes editing one library at once, and many imports racing.

    python bench/writers.py [--writers 3] [--edits 400] [--imports 40]

Prints, for each race, the failures (the target is 0), the wait of one write (median, 95th
percentile, slowest) and the commits per second of the whole race. The workers are the tests'
own (tests/app/store_workers.py): each edit is one EditArticleText through an EditSession,
each import one `banmian import` of a small .txt, all started behind one barrier.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.sample.issue import SAMPLE_ISSUE, build_sample
from app.store import Library
from tests.app import store_workers as work


def _library(folder: Path) -> Path:
    path = folder / "bench.banmian"
    with Library.create(path) as lib:
        build_sample(lib)
    return path


def _summary(name: str, reports: list[dict], seconds: float) -> None:
    failures = [f for r in reports for f in r["failures"]]
    waits = sorted(w for r in reports for w in r["waits"])
    p95 = waits[int(0.95 * (len(waits) - 1))]
    print(
        f"{name}: failures={len(failures)}  wait median {statistics.median(waits) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {waits[-1] * 1000:.0f} ms  "
        f"({len(waits)} writes in {seconds:.1f} s, {len(waits) / seconds:.0f}/s)"
    )
    for failure in failures[:3]:
        print(f"    {failure}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--edits", type=int, default=400)
    ap.add_argument("--imports", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-writers-") as tmp:
        folder = Path(tmp)
        path = _library(folder)
        with Library.open(path) as lib:
            stories = [a.id for a in lib.articles(lib.issue_by_number(SAMPLE_ISSUE).id)]
        started = time.monotonic()
        reports = work.run_all(
            [(work.edit_story, (str(path), a, args.edits)) for a in stories[: args.writers]]
        )
        _summary(
            f"{args.writers} writers × {args.edits} edits", reports, time.monotonic() - started
        )
        files = work.write_texts(folder / "稿件", args.imports)
        started = time.monotonic()
        reports = work.run_all([(work.import_file, (str(path), SAMPLE_ISSUE, f)) for f in files])
        _summary(f"{args.imports} imports at once", reports, time.monotonic() - started)


if __name__ == "__main__":
    main()
