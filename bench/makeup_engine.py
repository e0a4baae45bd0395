"""Benchmark the make-up engine alone, with measurers that count characters as a desk does.

    python bench/makeup_engine.py [--runs 5] [--corpus FILE ...] [--show]

For each corpus: one page's K=3 proposals (page 1 under the masthead, page 2 under a running
head) and the whole issue, medians of several runs in wall time and in this process's CPU time
(the machine is shared: CPU time is what the engine itself costs). Then the issue's quality:
holes, stories on their section's page, jumps, stories left in the bin, stories on page 1.
The real measurers (the composer) come with the app's bench/makeup.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layouts.makeup import Grid, PageSpec, Rect, make_up_issue, make_up_page
from layouts.makeup.estimate import estimated_story
from layouts.makeup.sketch import sketch

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPORA = [SHARED / "issue-8p.json", SHARED / "issue-60k.json"]
GRID = Grid()  # the tabloid: 6 columns × 11 字, 70 lines of 14 pt
MASTHEAD = (Rect(0, 0, 5, 11), Rect(5, 0, 1, 11))  # 报头 and 报眼, 10 lines and a line of white
RUNNING_HEAD = (Rect(0, 0, 6, 2),)  # 报眉 and a line of white
MM_PER_LINE = GRID.pitch / 72 * 25.4


def load(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = [
        PageSpec(p["page"], p["name"], MASTHEAD if p["page"] == 1 else RUNNING_HEAD, p["page"] == 1)
        for p in data["pages"]
    ]
    stories = [
        estimated_story(
            f"a{a['id']}",
            a["rank"],
            [len(p) for p in a["paragraphs"]],
            GRID,
            headline=a["headline"],
            kicker=a.get("kicker", ""),
            subhead=a.get("subhead", ""),
            section=a.get("section", ""),
            page=a.get("page"),
        )
        for a in data["articles"]
    ]
    return pages, stories


def timed(fn, runs: int):
    wall, cpu, out = [], [], None
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu), out


def quality(pages, stories, result) -> str:
    sections = {p.number: p.section for p in pages}
    by_id = {s.id: s for s in stories}
    placed = on_section = 0
    hole_cells, biggest = 0, (0, 0)
    for page, prop in zip(pages, result.pages, strict=True):
        for pl in prop.placements:
            if pl.part == 0:
                placed += 1
                on_section += by_id[pl.story].section == sections[page.number]
        for h in prop.holes:
            hole_cells += h.area
            biggest = max(biggest, (h.lines, h.cols))
    front = sum(1 for pl in result.pages[0].placements if pl.part == 0)
    return (
        f"placed {placed}/{len(stories)}, on their section's page {on_section / max(placed, 1):.0%},"
        f" jumps {len(result.jumps)}, in the bin {len(result.unplaced)}, page 1 stories {front};"
        f" holes {hole_cells} line×col, deepest {biggest[0] * MM_PER_LINE:.0f} mm"
        f" × {biggest[1]} col"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, nargs="*", default=CORPORA)
    ap.add_argument("--show", action="store_true", help="draw the issue's pages in characters")
    args = ap.parse_args()
    for path in args.corpus:
        pages, stories = load(path)
        print(f"{path.name}: {len(stories)} stories, {len(pages)} pages")
        for number in (1, 2):
            page = next(p for p in pages if p.number == number)
            mine = [s for s in stories if s.page == number]
            wall, cpu, props = timed(
                lambda p=page, m=mine: make_up_page(p, GRID, m, k=3), args.runs
            )
            scores = ", ".join(f"{p.score.total:.1f}" for p in props)
            print(
                f"  page {number} K=3 proposals: {wall * 1000:6.0f} ms wall, {cpu * 1000:6.0f} ms"
                f" CPU (median of {args.runs}); scores {scores}"
            )
        wall, cpu, result = timed(lambda p=pages, s=stories: make_up_issue(p, GRID, s), args.runs)
        print(
            f"  whole issue: {wall:.2f} s wall, {cpu:.2f} s CPU (median of {args.runs});"
            f" score {result.total:.0f}"
        )
        print(f"  {quality(pages, stories, result)}")
        if args.show:
            for page, prop in zip(pages, result.pages, strict=True):
                print(f"\npage {page.number} {page.section}")
                print(sketch(prop, GRID, page, 2))


if __name__ == "__main__":
    main()
