"""A stable JSON dump of composed pages: frames, lines (text and box), overset, missing glyphs."""

from __future__ import annotations

import json
from collections import defaultdict

from app.model.document import IssueDoc
from layouts.display import ComposedPage, GlyphRun


def _r(v: float) -> float:
    return round(v, 2)


def page_lines(page: ComposedPage) -> list[dict]:
    """Glyph runs grouped into lines by owner and baseline, in reading order."""
    groups: dict[tuple[str, float], list[GlyphRun]] = defaultdict(list)
    for run in page.glyph_runs():
        groups[(run.owner, round(run.y, 3))].append(run)
    lines = []
    for (owner, y), runs in groups.items():
        runs.sort(key=lambda r: r.xs[0])
        size = max(r.size for r in runs)
        x0 = min(r.xs[0] for r in runs)
        x1 = max(r.xs[-1] + r.size for r in runs)
        lines.append(
            {
                "frame": owner,
                "text": "".join(r.text for r in runs),
                "box": [_r(x0), _r(y - size * 0.88), _r(x1), _r(y + size * 0.12)],
                "fonts": sorted({r.font for r in runs}),
                "size": _r(size),
            }
        )
    lines.sort(key=lambda d: (d["frame"], d["box"][0] // 1, d["box"][1]))
    return lines


def layout_dict(doc: IssueDoc, pages: list[ComposedPage]) -> dict:
    return {
        "paper": doc.publication.name,
        "date": doc.issue.date.isoformat(),
        "issue": doc.issue.cumulative_number,
        "pages": [
            {
                "number": p.number,
                "size": [_r(p.width), _r(p.height)],
                "black_only": p.black_only,
                "frames": [
                    {
                        "id": f.id,
                        "kind": f.kind,
                        "box": [_r(f.x), _r(f.y), _r(f.w), _r(f.h)],
                        "overset": f.overset,
                        "space_left": f.space_left,
                    }
                    for f in p.frames
                ],
                "lines": page_lines(p),
                "overset": sum(f.count for f in p.findings if f.kind == "overset"),
                "missing_glyphs": [f.message for f in p.findings if f.kind == "missing_glyph"],
                "findings": [
                    {"kind": f.kind, "frame": f.owner, "message": f.message} for f in p.findings
                ],
            }
            for p in pages
        ],
    }


def dump_layout(doc: IssueDoc, pages: list[ComposedPage]) -> str:
    return json.dumps(layout_dict(doc, pages), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
