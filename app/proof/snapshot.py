"""Line snapshots and the next round's diff: takes ComposedPages or stored snapshots, gives lines and which changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from app.model.proof import Rect, SnapshotLine
from layouts.display import ComposedPage, GlyphRun

# A glyph's box around its baseline, as fractions of the size (the engine's grid uses the same).
ASCENT = 0.88
DESCENT = 0.12
SAME_LINE_GAP = 0.75  # em: more white than this between two runs on a baseline is a gutter


def line_runs(page: ComposedPage) -> list[list[GlyphRun]]:
    """Glyph runs grouped into lines, in display-list order (which is reading order: the engine
    emits a story's lines column by column). Runs of one line are consecutive in the list: same
    owner, same baseline, each starting where the last ended (give or take justification) — a
    gap of a gutter (1 字) or more is the next column."""
    lines: list[list[GlyphRun]] = []
    for run in page.glyph_runs():
        if not run.text:
            continue
        last = lines[-1][-1] if lines else None
        if (
            last is not None
            and last.owner == run.owner
            and abs(last.y - run.y) < 0.01
            and 0 <= run.xs[0] - last.xs[-1] < last.size * (1 + SAME_LINE_GAP)
        ):
            lines[-1].append(run)
        else:
            lines.append([run])
    return lines


def glyph_boxes(run: GlyphRun) -> list[Rect]:
    """Each character's box: from its origin to the next one's (the last gets one em)."""
    top, height = run.y - run.size * ASCENT, run.size * (ASCENT + DESCENT)
    out = []
    for i, x in enumerate(run.xs):
        nxt = run.xs[i + 1] if i + 1 < len(run.xs) else x + run.size
        out.append(Rect(x, top, max(nxt - x, 0.0), height))
    return out


def _line_box(runs: list[GlyphRun]) -> Rect:
    box = glyph_boxes(runs[0])[0]
    for run in runs:
        for b in glyph_boxes(run):
            box = box.union(b)
    # To 1/100 pt, as stored: a snapshot read back equals the one taken.
    return Rect(*(round(v, 2) for v in (box.x, box.y, box.w, box.h)))


def page_lines(page: ComposedPage) -> list[SnapshotLine]:
    """The page's lines as a proofreader reads them: what a round stores when it opens."""
    return [
        SnapshotLine(runs[0].owner, "".join(r.text for r in runs), _line_box(runs))
        for runs in line_runs(page)
    ]


@dataclass(frozen=True)
class LineChanges:
    """What changed on a page between two snapshots: new or altered lines (with their boxes on
    the newer page, to highlight) and lines that are gone (boxes on the older page)."""

    changed: tuple[SnapshotLine, ...] = ()
    removed: tuple[SnapshotLine, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


def changed_lines(old: Sequence[SnapshotLine], new: Sequence[SnapshotLine]) -> LineChanges:
    """Lines of `new` that `old` does not have at that place in reading order.

    Lines are compared by frame and text, so a line that moved to another frame counts as
    changed, and a one-character fix shows every line its paragraph re-flowed — each of those
    must be read again (三校 reads what 二校 changed, not just the character).
    """
    keys_old = [(line.frame, line.text) for line in old]
    keys_new = [(line.frame, line.text) for line in new]
    changed: list[SnapshotLine] = []
    removed: list[SnapshotLine] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(
        None, keys_old, keys_new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        removed.extend(old[i1:i2])
        changed.extend(new[j1:j2])
    return LineChanges(tuple(changed), tuple(removed))
