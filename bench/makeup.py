"""Benchmark `banmian autofill` (the make-up engine with the real composer's measurers): time,
and the quality of the pages it makes, measured on the composed pages.

    python bench/makeup.py [--runs 3] [--keep DIR]

Cases: the sample's stories in the bin of the issue after the sample, and the issue after the
sample with each ../shared corpus imported. Each run autofills a fresh copy of the library
(median wall and CPU time of the whole issue; then of one page's K=3 proposals). Quality, from
the composed pages and the stored frames, never from the engine's own score:
- holes: grid cells (line × column) no frame covers, and the largest empty square's side in mm
  (a hole a reader sees; MAKEUP.md allows none past about 3 cm);
- balance: stories whose last frame does not end its legs level (± 1 line) or keeps white under them;
- stories on their section's page, jumps, stories left in the bin, stories on page 1;
- the front-page lead's headline size against the largest inside headline;
- from the PDF alone (bench/pdf_holes.py): each page's largest square with no ink, raw and with
  the white beside headline groups taken as designed; pages past 3 cm named.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.compose.issue import owner_id
from app.edit.autofill import autofill
from app.edit.issues import create_next_issue
from app.export.issue import export_issue
from app.intake.corpus import import_corpus
from app.model.document import IssueDoc
from app.services import create_sample_library, font_registry, make_composer
from app.store import Library
from bench.pdf_holes import page_holes
from layouts.grid import GRIDS
from layouts.units import to_mm

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPORA = [SHARED / "issue-8p.json", SHARED / "issue-60k.json"]


def prepare(folder: Path) -> dict[str, tuple[Path, int]]:
    """Libraries whose issue 1810 holds a bin to make up: the sample's stories, each corpus."""
    out = {}
    for name in ["sample"] + [c.stem for c in CORPORA if c.exists()]:
        path = folder / f"{name}.banmian"
        with create_sample_library(path) as lib:
            issue = create_next_issue(lib, 1809)
            if name == "sample":
                for a in lib.articles(lib.issue_by_number(1809).id):  # type: ignore[arg-type]
                    lib.add_article(replace(a, id=None, issue_id=issue.id, status="draft"))
            else:
                import_corpus(lib, issue, SHARED / f"{name}.json")
        out[name] = (path, issue.cumulative_number)
    return out


def run_once(path: Path, number: int, scratch: Path, **kw):
    copy = scratch / "run.banmian"
    shutil.copy(path, copy)
    with Library.open(copy) as lib:
        doc = IssueDoc.load(lib, number)
        composer = make_composer(font_registry())
        wall, cpu = time.perf_counter(), time.process_time()
        report = autofill(lib, doc, composer, **kw)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        doc = IssueDoc.load(lib, number)
    return wall, cpu, report, doc, composer


def largest_square(free: list[list[bool]], col_mm: float, line_mm: float) -> float:
    """The side in mm of the largest square of empty grid cells (brute force: a page is small)."""
    rows, cols = len(free), len(free[0]) if free else 0
    best = 0.0
    for c0 in range(cols):
        for c1 in range(c0, cols):
            run = 0
            for y in range(rows):
                run = run + 1 if all(free[y][c0 : c1 + 1]) else 0
                if run:
                    best = max(best, min((c1 - c0 + 1) * col_mm, run * line_mm))
    return best


def quality(doc: IssueDoc, composer, report) -> str:
    pg = GRIDS[doc.publication.page_format]()
    lines = int((pg.type_bottom - pg.type_top) // pg.leading)
    col_mm, line_mm = to_mm(pg.column_width + pg.gutter), to_mm(pg.leading)
    pages = composer.compose(doc)
    holes, deepest = 0, 0.0
    for page in doc.pages:
        free = [[True] * pg.columns for _ in range(lines)]
        for f in doc.frames[page.id]:  # type: ignore[index]
            for y in range(lines):
                top = pg.type_top + y * pg.leading
                if f.y < top + pg.leading - 0.5 and f.y + f.h > top + 0.5:
                    for c in range(pg.columns):
                        left = pg.column_x(c)
                        if f.x < left + pg.column_width - 0.5 and f.x + f.w > left + 0.5:
                            free[y][c] = False
        holes += sum(row.count(True) for row in free)
        deepest = max(deepest, largest_square(free, col_mm, line_mm))
    unbalanced = on_section = placed = 0
    for article in doc.articles.values():
        thread = doc.thread(article.id)  # type: ignore[arg-type]
        if not thread:
            continue
        placed += 1
        layout = composer.layout_article(doc, article)[0]
        fill = layout.fill[owner_id(thread[-1])]
        unbalanced += not fill.balanced or fill.spare_lines > 0
        on_section += doc.pages[doc.page_number(thread[0].page_id) - 1].section == article.section
    front = sum(1 for f in doc.frames[doc.pages[0].id] if f.kind == "article")  # type: ignore[index]
    stories = {owner_id(f) for fs in doc.frames.values() for f in fs if f.kind == "article"}
    heads = [max((r.size for r in p.glyph_runs() if r.owner in stories), default=0) for p in pages]
    inside = max(heads[1:], default=0)
    return (
        f"holes {holes} line×col, largest empty square {deepest:.0f} mm; "
        f"unbalanced {unbalanced}; on their section's page {on_section}/{placed}; "
        f"jumps {len(report.jumps)}; in the bin {len(report.unplaced)}; page 1 stories {front}; "
        f"largest headline on page 1 {heads[0]:.0f} pt, inside {inside:.0f} pt"
    )


def pdf_quality(library: Path, doc: IssueDoc, composer) -> str:
    """The issue exported as the print shop's screen PDF, its holes measured from the pixels."""
    pages = composer.compose(doc)
    pdf = library.with_suffix(".pdf")
    with Library.open(library) as lib:
        export_issue(doc, pages, pdf, image_loader=lambda a: lib.asset(a).data)
    found = page_holes(pdf, doc, pages)
    raw = max(found, key=lambda h: h.raw_mm)
    left = max(found, key=lambda h: h.left_over_mm)
    over = [h.page for h in found if h.left_over_mm > 30]
    return (
        f"PDF: largest empty square {raw.raw_mm:.0f} mm (page {raw.page}), beside headlines "
        f"taken as designed {left.left_over_mm:.0f} mm (page {left.page}); "
        f"pages with a hole past 30 mm: {over or 'none'}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="keep the made-up libraries in this folder")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-makeup-"))
    try:
        for name, (path, number) in prepare(folder).items():
            walls, cpus = [], []
            for _ in range(args.runs):
                wall, cpu, report, doc, composer = run_once(path, number, folder)
                walls.append(wall)
                cpus.append(cpu)
            print(
                f"{name}: whole issue {statistics.median(walls):.2f} s wall, "
                f"{statistics.median(cpus):.2f} s CPU (median of {args.runs}); "
                f"{len(report.placed)} placed, {report.continued} continuations"
            )
            print(f"  {quality(doc, composer, report)}")
            print(f"  {pdf_quality(folder / 'run.banmian', doc, composer)}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(folder / "run.banmian", args.keep / f"{name}.banmian")
            walls, cpus = [], []
            for _ in range(args.runs):
                wall, cpu, report, _, _ = run_once(path, number, folder, page=2, proposals=3)
                walls.append(wall)
                cpus.append(cpu)
            scores = ", ".join(f"{p.score.total:.0f}" for p in report.proposals)
            print(
                f"  page 2, K=3 proposals: {statistics.median(walls) * 1000:.0f} ms wall, "
                f"{statistics.median(cpus) * 1000:.0f} ms CPU; scores {scores}"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
