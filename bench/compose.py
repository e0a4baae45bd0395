"""Benchmark the composer: whole issues cold and warm, and re-flow after a one-character edit.

    python bench/compose.py [--runs 7] [--corpus ../shared/corpus/issue-8p.json]

Prints medians of several runs (this machine is shared and noisy). Cold = a new composer with an
empty paragraph cache (fonts already loaded); warm = the same composer again; edit = one
character changed in a 1,500-字 article, then only its thread re-flowed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.compose.issue import IssueComposer
from app.edit.autofill import autofill
from app.edit.issues import create_next_issue
from app.intake.corpus import import_corpus
from app.model.document import IssueDoc
from app.sample.issue import build_sample
from app.services import font_registry, make_composer
from app.store import Library

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "issue-8p.json"


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def body_chars(doc: IssueDoc) -> int:
    placed = {f.article_id for fs in doc.frames.values() for f in fs if f.article_id}
    return sum(a.char_count for a in doc.articles.values() if a.id in placed)


def bench_issue(name: str, doc: IssueDoc, make: callable, runs: int) -> None:
    cold = median_ms(lambda: make().compose(doc), runs)
    composer = make()
    composer.compose(doc)
    warm = median_ms(lambda: composer.compose(doc), runs)
    chars = body_chars(doc)
    print(
        f"{name:10s} pages={len(doc.pages)} chars={chars:6d}  cold {cold:7.1f} ms "
        f"({chars / cold * 1000:9.0f} chars/s)  warm {warm:7.1f} ms"
    )


def bench_edit(doc: IssueDoc, composer: IssueComposer, runs: int) -> None:
    """Change one character in the placed article nearest 1,500 字; re-flow only its thread."""
    placed = {f.article_id for fs in doc.frames.values() for f in fs if f.article_id}
    article = min(
        (a for a in doc.articles.values() if a.id in placed),
        key=lambda a: abs(a.char_count - EDIT_CHARS),
    )
    composer.compose(doc)
    k = len(article.paragraphs) // 2
    edits = iter(range(10**6))

    def edit() -> None:
        paras = list(article.paragraphs)
        paras[k] = paras[k][:5] + "改" + str(next(edits) % 10) + paras[k][7:]
        composer.layout_article(doc, replace(article, paragraphs=paras))

    ms = median_ms(edit, runs * 3)
    print(
        f"edit       article '{article.headline[:12]}' ({article.char_count} 字, "
        f"{len(doc.thread(article.id))} frames): re-flow {ms:.2f} ms"
    )


EDIT_CHARS = 1500  # the story size the edit benchmark looks for among placed stories


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = ap.parse_args()
    t = time.perf_counter()
    registry = font_registry()
    base = make_composer(registry)
    print(f"fonts      registry and faces ready in {(time.perf_counter() - t) * 1000:.0f} ms")

    def make() -> IssueComposer:
        return IssueComposer(base.faces, resolve_spans=base.resolve_spans)

    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.create(Path(tmp) / "bench.banmian")
        build_sample(lib)
        sample = IssueDoc.load(lib, 1809)
        bench_issue("sample", sample, make, args.runs)
        issue = create_next_issue(lib, 1809)
        import_corpus(lib, issue, args.corpus)
        autofill(lib, IssueDoc.load(lib, issue.cumulative_number), make())
        corpus = IssueDoc.load(lib, issue.cumulative_number)
        bench_issue(Path(args.corpus).stem, corpus, make, args.runs)
        bench_edit(corpus, make(), args.runs)
        lib.close()


if __name__ == "__main__":
    main()
