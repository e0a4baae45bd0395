"""Benchmark: composing the corpus issue-8p at an 11-字 column; prints characters per second.

Usage: python bench/compose_paragraphs.py [CORPUS.json] [--runs N] [--font PATH[:INDEX]]
Faces load (and punctuation is measured) in a warm-up run that is reported separately.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layouts.fonts.metrics import Face, FaceSet
from layouts.paragraph import compose_paragraph
from layouts.text import Paragraph, TextStyle

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "issue-8p.json"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc:2"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--font", default=NOTO_SERIF)
    ap.add_argument("--chars", type=float, default=11.0, help="column width in 字")
    ap.add_argument("--size", type=float, default=9.0)
    args = ap.parse_args()

    path, _, index = args.font.partition(":")
    faces = FaceSet({"song": Face("song", path, int(index or 0))})
    style = TextStyle("song", args.size, args.size * 1.5)
    data = json.loads(Path(args.corpus).read_text(encoding="utf-8"))
    pars = [Paragraph.plain(t, style) for a in data["articles"] for t in a["paragraphs"]]
    chars = sum(len(p.text) for p in pars)
    width = args.chars * args.size

    t0 = time.perf_counter()
    lines = sum(len(compose_paragraph(p, width, faces)) for p in pars)
    warm = time.perf_counter() - t0

    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        for p in pars:
            compose_paragraph(p, width, faces)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    print(f"corpus: {args.corpus}: {len(pars)} paragraphs, {chars} characters, {lines} lines")
    print(f"first run (loads the face, measures marks): {warm:.3f} s")
    print(f"median of {args.runs} runs: {med * 1000:.1f} ms = {chars / med:,.0f} characters/second")


if __name__ == "__main__":
    main()
