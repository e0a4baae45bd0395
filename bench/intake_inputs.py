"""Benchmark intake: nested Word structures (read whole or refused) and legacy encodings (told apart, decoded); prints medians.

    python bench/intake_inputs.py [--runs 5] [--corpus ../shared/corpus/issue-60k.json]

Nesting: each case is a generated .docx of about 37 KB (the probe of issue 11: text boxes 40
deep used to hang import, time and memory doubling with each level). Every run is a fresh
process, so peak RSS is the case's own; wall time is read_file() alone, imports excluded.

Encodings: how many corpus texts (each headline, paragraph and whole article, simplified)
saved as GBK/GB18030 are read back as GB rather than Big5, and the decode time of a 10 MB
file in each family.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = [
    ("text boxes (VML) 12 deep", "vml", 12),
    ("text boxes (VML) 24 deep", "vml", 24),
    ("text boxes (VML) 40 deep", "vml", 40),
    ("text boxes (DrawingML + Fallback) 12 deep", "drawing+fallback", 12),
    ("text boxes (DrawingML) 22 deep", "drawing", 22),
    ("tables in tables 24 deep", "tables", 24),
    ("tables in tables 80 deep", "tables", 80),
]


def make(folder: Path, form: str, depth: int) -> Path:
    from tests.app.intake.deep_docx import docx_with_body, nested_boxes, nested_tables

    body = nested_tables(depth) if form == "tables" else nested_boxes(depth, form=form)
    path = folder / f"{form}-{depth}.docx"
    path.write_bytes(docx_with_body(body))
    return path


def worker(path: str) -> None:
    import resource
    import time

    from app.errors import UserError
    from app.intake.readers import read_file

    t = time.perf_counter()
    try:
        drafts = read_file(path).drafts
        outcome = f"read, {len(drafts[0].article.paragraphs)} paragraphs"
    except UserError as e:
        outcome = "refused: " + str(e).split(" / ")[-1][:60]
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak": peak, "outcome": outcome}))


def encodings(corpus: Path, runs: int) -> None:
    import time

    from app.intake.encoding import decode

    if corpus.exists():
        articles = json.loads(corpus.read_text("utf-8"))["articles"]
        texts = []
        for a in articles:
            texts += [a["headline"], *a["paragraphs"], "\n".join([a["headline"], *a["paragraphs"]])]
        told = sum(decode(t.encode("gb18030"), "x")[1] == "gb18030" for t in texts)
        print(f"\n{corpus.name}: {told}/{len(texts)} simplified texts saved as GB18030 read as GB")
    trad = "本報訊（記者陳大文）香港特區政府昨日在灣仔會議展覽中心舉行記者會，宣布新措施。\n"
    simp = "本报讯（记者徐巍）近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动。\n"
    print(f"{'10 MB file':44s} {'median s':>8s}  read as")
    for label, text, codec in (
        ("GBK, simplified", simp, "gbk"),
        ("Big5, traditional", trad, "big5"),
    ):
        data = (text * (10_000_000 // len(text.encode(codec))))[:-1].encode(codec)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            _, encoding = decode(data, "x")
            times.append(time.perf_counter() - t)
        print(f"{label:44s} {statistics.median(times):8.3f}  {encoding}")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/issue-60k.json")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker)
        return
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    print(f"{'case':44s} {'KB':>5s} {'median s':>8s} {'peak MiB':>8s}  outcome")
    with tempfile.TemporaryDirectory(prefix="banmian-bench-intake-") as tmp:
        for label, form, depth in CASES:
            path = make(Path(tmp), form, depth)
            runs = []
            for _ in range(args.runs):
                done = subprocess.run(
                    [sys.executable, __file__, "--worker", str(path)],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=600,
                    check=True,
                )
                runs.append(json.loads(done.stdout.splitlines()[-1]))
            print(
                f"{label:44s} {path.stat().st_size / 1024:5.0f} "
                f"{statistics.median(r['seconds'] for r in runs):8.3f} "
                f"{max(r['peak'] for r in runs):8.0f}  {runs[0]['outcome']}"
            )
    encodings(args.corpus, args.runs)


if __name__ == "__main__":
    main()
