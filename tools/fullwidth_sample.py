"""Set the sample's text in house style once: half-width , : ; ( ) ~ beside Chinese become ，：；（）～.

    .venv/bin/python tools/fullwidth_sample.py [--check]

The seed is a half-width NFKC extraction of a paper that printed full-width marks (GB/T 15834).
This rewrites assets/sample/shijingshan-1809.json through app.intake.punctuation.to_fullwidth —
the same function `banmian import --fullwidth` uses — and prints every change for review:
numbers (1,809  10:30), URLs and Latin words stay as they are. --check changes nothing and exits
1 if a change is still to be made.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "assets" / "sample" / "shijingshan-1809.json"
ARTICLE_FIELDS = ("kicker", "headline", "subheadline", "byline")
PROP_FIELDS = ("caption", "title", "subtitle")


def convert(data: dict[str, Any]) -> tuple[dict[str, Any], list[str], Counter[str]]:
    """The sample with its texts converted, a line per changed text, and marks counted."""
    from app.intake.punctuation import to_fullwidth

    changes: list[str] = []
    counts: Counter[str] = Counter()

    def fix(text: str, where: str) -> str:
        new, fixes = to_fullwidth(text)
        if fixes:
            counts.update(f"{f.old}→{f.new}" for f in fixes)
            changes.append(f"{where}: {len(fixes)} marks\n  - {text}\n  + {new}")
        return new

    out = json.loads(json.dumps(data))  # a deep copy
    for a in out["articles"]:
        slug = a.get("slug", "?")
        for name in ARTICLE_FIELDS:
            if a.get(name):
                a[name] = fix(a[name], f"{slug}.{name}")
        a["paragraphs"] = [fix(p, f"{slug}.paragraphs[{i}]") for i, p in enumerate(a["paragraphs"])]
        if a.get("byline") and not a["paragraphs"][0].startswith(a["byline"]):
            raise SystemExit(f"{slug}: the byline no longer opens the first paragraph")
    for page, frames in out["frames"].items():
        for n, frame in enumerate(frames):
            props = frame.get("props", {})
            where = f"page {page} {frame.get('name', n)}"
            for name in PROP_FIELDS:
                if isinstance(props.get(name), str):
                    props[name] = fix(props[name], f"{where}.{name}")
            if isinstance(props.get("lines"), list):
                props["lines"] = [fix(t, f"{where}.lines") for t in props["lines"]]
    return out, changes, counts


def main() -> int:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    out, changes, counts = convert(data)
    for line in changes:
        print(line)
    total = sum(counts.values())
    print(f"{total} marks in {len(changes)} texts: {dict(counts)}")
    if "--check" in sys.argv:
        return 1 if changes else 0
    if changes:
        text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
        SAMPLE.write_text(text, encoding="utf-8")
        print(f"written {SAMPLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
