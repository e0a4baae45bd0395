"""How a library grows with a paper (docs/NEWSROOM.md): takes a number of issues, gives the rows and bytes an issue adds on a file and on a PostgreSQL server, extrapolated to 10 years, and how long a copy, pg_dump and pg_restore take.

Each generated issue is the sample's (8 pages made up, its frames) with the corpus's 40
stories (tests/data/corpus-issue-8p.json, 23,000 字), `--pictures` photos of `--picture-kb`
each (random bytes: as incompressible as JPEG), three proof rounds with their line
snapshots, 30 marks, every page signed through 签发, three named revisions, and `--edits`
saved edits (each one a new version of a story and a change-log row). A throwaway server
is started (tests/pg_server.py). Run: python bench/newsroom_growth.py --issues 20
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.edit.issues import create_next_issue  # noqa: E402
from app.edit.revisions import take_snapshot  # noqa: E402
from app.model import Article, Asset  # noqa: E402
from app.model.proof import Mark, PageSignoff, ProofRound, Rect, SnapshotLine  # noqa: E402
from app.services import create_sample_library  # noqa: E402
from app.store import Library  # noqa: E402
from app.store.copy import copy_library  # noqa: E402
from tests.pg_server import running_cluster  # noqa: E402

YEARS, ISSUES_PER_YEAR, ARTICLES_PER_ISSUE = 10, 300, 40
STEPS = ("一校", "二校", "三校", "初审", "复审", "终审", "签发")


def corpus() -> list[dict]:
    data = json.loads((ROOT / "tests/data/corpus-issue-8p.json").read_text("utf-8"))
    return data["articles"]


def grow(lib: Library, base: int, n: int, args: argparse.Namespace) -> None:
    stories = corpus()
    template = lib.issue_by_number(base)
    tpl_pages = lib.pages(template.id)
    tpl_frames = {p.number: lib.frames(p.id) for p in tpl_pages}
    at = datetime(2026, 1, 1)
    for k in range(n):
        previous = lib.issues()[-1]
        with lib.transaction():
            issue = create_next_issue(lib, previous.cumulative_number)
            pages = {p.number: p for p in lib.pages(issue.id)}
            articles = []
            for s in stories:
                articles.append(
                    lib.add_article(
                        Article(
                            issue_id=issue.id,
                            headline=f"{s['headline']}（{issue.cumulative_number}）",
                            kicker=s.get("kicker", ""),
                            subheadline=s.get("subhead", ""),
                            byline=s.get("byline", ""),
                            paragraphs=tuple(s["paragraphs"]),
                            rank=s.get("rank", 0),
                            section=s.get("section", ""),
                        )
                    )
                )
            # The sample's make-up, page by page, its stories replaced by this issue's.
            placed = iter(articles)
            for number, frames in tpl_frames.items():
                page = pages.get(number)
                if page is None:
                    continue
                for f in frames:
                    if f.kind == "image":  # a photo on the page (standing furniture is copied
                        lib.add_frame(dataclasses.replace(f, id=None, page_id=page.id))
                    elif f.article_id is not None:  # by create_next_issue already)
                        target = next(placed, articles[0])
                        lib.add_frame(
                            dataclasses.replace(f, id=None, page_id=page.id, article_id=target.id)
                        )
            for i in range(args.pictures):
                asset = Asset(os.urandom(args.picture_kb * 1024), "image/jpeg", 2000, 1400)
                lib.put_asset(asset)
                lib.add_article_picture(articles[i].id, asset.id, "图片说明")
            page_ids = tuple(p.id for p in pages.values())
            lines = {
                pid: [
                    SnapshotLine(f"frame-{pid}", text[c : c + 13], Rect(40, 60 + c, 160, 12))
                    for text in ("".join(a.paragraphs) for a in articles[:5])
                    for c in range(0, len(text), 13)
                ]
                for pid in page_ids
            }
            for kind in STEPS[:3]:
                rnd = lib.add_proof_round(ProofRound(issue.id, kind, "张校对", page_ids, at), lines)
                for m in range(10):
                    lib.add_mark(
                        Mark(rnd.id, page_ids[m % len(page_ids)], Rect(40, 200, 120, 14),
                             "改正", "民有所呼", note="")
                    )  # fmt: skip
                lib.update_proof_round(dataclasses.replace(rnd, closed_at=at))
            for pid in page_ids:
                for step in STEPS:
                    lib.add_signoff(PageSignoff(pid, step, f"{step}人", at))
        for e in range(args.edits):  # saved edits: new versions, change-log rows
            a = articles[e % len(articles)]
            articles[e % len(articles)] = lib.update_article(
                dataclasses.replace(a, paragraphs=(*a.paragraphs[:-1], a.paragraphs[-1] + "。"))
            )
        for r in range(3):
            lib.add_revision(issue.id, f"第{r + 1}稿", take_snapshot(lib, issue.id), at)
        at += timedelta(days=1)
        print(f"\rissue {k + 1}/{n}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def file_sizes(path: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        found = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.OperationalError:
        found = []
    conn.close()
    return {name: int(size) for name, size in found}


def server_sizes(url: str) -> tuple[dict[str, int], int]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
        ).fetchall()
        total = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return {r: int(s) for r, s in rows}, int(total)


def counts(location: str) -> dict[str, int]:
    with Library.open(location) as lib:
        return {t: lib.backend.count(t) for t in sorted(lib.backend.tables())}


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB" if n < 1e9 else f"{n / 1e9:,.1f} GB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--issues", type=int, default=20)
    ap.add_argument("--pictures", type=int, default=10, help="photos per issue")
    ap.add_argument("--picture-kb", type=int, default=600, help="size of one photo")
    ap.add_argument("--edits", type=int, default=400, help="saved story edits per issue")
    args = ap.parse_args()
    n = args.issues
    folder = Path(tempfile.mkdtemp(prefix="banmian-growth-"))
    try:
        path, base_path = folder / "paper.banmian", folder / "base.banmian"
        with create_sample_library(path) as lib:
            base = lib.issues()[0].cumulative_number
        shutil.copy(path, base_path)
        with Library.open(path) as lib:
            started = time.monotonic()
            grow(lib, base, n, args)
            took = time.monotonic() - started
        before_rows, after_rows = counts(str(base_path)), counts(str(path))
        before_tables, after_tables = file_sizes(base_path), file_sizes(path)
        file_issue = (path.stat().st_size - base_path.stat().st_size) / n
        with running_cluster(str(folder)) as cluster:
            base_url, url = cluster.database("base"), cluster.database("growth")
            copy_library(base_path, base_url)
            started = time.monotonic()
            report = copy_library(path, url)
            copy_s = time.monotonic() - started
            (base_tables, base_total), (tables, total) = server_sizes(base_url), server_sizes(url)
            server_issue = (total - base_total) / n
            print(f"{n} issues generated in {took:.0f} s; what one issue adds:")
            print(f"{'table':<20}{'rows':>8}{'file bytes':>14}{'server bytes':>14}")
            for t in sorted(after_rows):
                rows = (after_rows[t] - before_rows.get(t, 0)) / n
                fb = (after_tables.get(t, 0) - before_tables.get(t, 0)) / n
                sb = (tables.get(t, 0) - base_tables.get(t, 0)) / n
                if rows:
                    print(f"{t:<20}{rows:>8.1f}{fb:>14,.0f}{sb:>14,.0f}")
            print(f"{'all':<20}{'':>8}{file_issue:>14,.0f}{server_issue:>14,.0f}")
            dump = folder / "paper.dump"
            bindir = cluster.bindir
            started = time.monotonic()
            subprocess.run([str(bindir / "pg_dump"), "-Fc", "-f", str(dump), "-d", url], check=True)
            dump_s = time.monotonic() - started
            restored = cluster.database("restored")
            started = time.monotonic()
            subprocess.run(
                [str(bindir / "pg_restore"), "--no-owner", "-d", restored, str(dump)], check=True
            )
            restore_s = time.monotonic() - started
            back = folder / "back.banmian"
            started = time.monotonic()
            copy_library(url, back)
            back_s = time.monotonic() - started
            pictures = args.pictures * args.picture_kb * 1024
            print(
                f"library of {n + 1} issues: file {mb(path.stat().st_size)}, server {mb(total)} "
                f"({mb(report.asset_bytes)} pictures); copy file → server {copy_s:.1f} s, "
                f"server → file {back_s:.1f} s; pg_dump -Fc {mb(dump.stat().st_size)} in "
                f"{dump_s:.1f} s, pg_restore {restore_s:.1f} s"
            )
            issues = YEARS * ISSUES_PER_YEAR
            rate = lambda seconds: seconds / (n + 1) * issues / 60  # noqa: E731
            print(
                f"10 years ({issues:,} issues, {issues * ARTICLES_PER_ISSUE:,} stories, "
                f"{issues * args.pictures:,} photos): file {mb(file_issue * issues)}, server "
                f"{mb(server_issue * issues)}, of which photos {mb(pictures * issues)}, text and "
                f"layout {mb((server_issue - pictures) * issues)} on the server; pg_dump about "
                f"{rate(dump_s):.0f} min, a copy about {rate(copy_s):.0f} min"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
