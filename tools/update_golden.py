"""Regenerate the golden layout of the sample issue: tests/golden/sample-1809-layout.json.

    .venv/bin/python tools/update_golden.py

Review the diff before committing: every change in it is a change in how the sample is set.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLDEN = ROOT / "tests" / "golden" / "sample-1809-layout.json"


def sample_layout_json() -> str:
    from app.compose.dump import dump_layout
    from app.services import compose_issue, load_issue, temporary_sample_library

    with temporary_sample_library() as lib:
        doc = load_issue(lib, 1809)
        return dump_layout(doc, compose_issue(doc))


def main() -> None:
    GOLDEN.write_text(sample_layout_json(), encoding="utf-8")
    print(f"written {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
