"""Preflight of page make-up: takes an issue and its composed pages, gives findings for holes (天窗), unbalanced legs, overlapping frames and stories cut with no continuation.

Rules from MAKEUP.md: no unplanned blank on a printed page; the legs of a story end on the
same line (±1); every story a rectangle of its own; a story never simply stops.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from app.compose.issue import owner_id
from app.compose.wraps import overlaps
from app.model import Frame
from app.model.document import IssueDoc
from app.preflight.findings import ERROR, WARNING, FrameNames, PreflightFinding
from app.preflight.space import Rect, holes, ink_rect
from layouts.display import ComposedPage, GlyphRun
from layouts.grid import GRIDS, PageGrid
from layouts.units import mm, to_mm

HOLE_MM = 30.0  # an empty area at least 3 cm × 3 cm inside the type area is a 天窗
TEXT_KINDS = ("article", "teaser")


def _finding(
    names: FrameNames, severity: str, code: str, page: int, frame: str, message: str, fix: str
) -> PreflightFinding:
    return PreflightFinding(severity, code, page, frame, message, fix, names.get(frame, ""))


def _rect(f: Frame) -> Rect:
    return (f.x, f.y, f.x + f.w, f.y + f.h)


def _inside(r: Rect, point: tuple[float, float]) -> bool:
    return r[0] <= point[0] <= r[2] and r[1] <= point[1] <= r[3]


def page_holes(
    doc: IssueDoc, pages: Sequence[ComposedPage], names: FrameNames, min_mm: float = HOLE_MM
) -> list[PreflightFinding]:
    """Empty areas of at least `min_mm` square in the type area. Furniture frames (masthead,
    boxes, pictures …) count whole — their white is designed; text frames count by their ink,
    so a story that ends early leaves its blank."""
    grid = GRIDS[doc.publication.page_format]()
    area = (grid.type_left, grid.type_top, grid.type_left + grid.type_width, grid.type_bottom)
    by_number = {p.number: p for p in pages}
    out = []
    for page in doc.pages:
        composed = by_number.get(page.number)
        if composed is None:
            continue
        frames = doc.frames.get(page.id, [])
        text_owners = {owner_id(f) for f in frames if f.kind in TEXT_KINDS}
        occupied = [_rect(f) for f in frames if f.kind not in TEXT_KINDS]
        occupied += _headline_bands(frames, composed, grid)
        for item in composed.items:
            r = ink_rect(item)
            if r is not None and (item.owner in text_owners or not item.owner.startswith("frame-")):
                occupied.append(r)
        for hole in holes(area, occupied, mm(min_mm), mm(min_mm)):
            w, h = to_mm(hole[2] - hole[0]), to_mm(hole[3] - hole[1])
            centre = ((hole[0] + hole[2]) / 2, (hole[1] + hole[3]) / 2)
            frame = next((f for f in frames if _inside(_rect(f), centre)), None)
            left, top = to_mm(hole[0] - area[0]), to_mm(hole[1] - area[1])
            out.append(
                _finding(
                    names,
                    ERROR,
                    "hole",
                    page.number,
                    owner_id(frame) if frame else "",
                    f"版面空白（天窗）{w:.0f}×{h:.0f}毫米，版心左起{left:.0f}毫米、上起{top:.0f}毫米"
                    f" / an empty area of {w:.0f} × {h:.0f} mm, {left:.0f} mm from the type "
                    f"area's left and {top:.0f} mm from its top",
                    "补稿、加大图片或稿件、或调整版式填满空白 / fill it: another story, a larger "
                    "picture or story, or a different make-up",
                )
            )
    return out


def _headline_bands(frames: Sequence[Frame], page: ComposedPage, grid: PageGrid) -> list[Rect]:
    """The headline group of each text frame across the frame's width: the white beside a
    centred 主题 is designed, not a hole."""
    bottoms: dict[str, float] = {}
    for run in page.glyph_runs():
        if run.size > grid.body_size + 1e-6:
            bottoms[run.owner] = max(bottoms.get(run.owner, 0.0), run.y + 0.12 * run.size)
    out = []
    for f in frames:
        bottom = bottoms.get(owner_id(f))
        if f.kind in TEXT_KINDS and bottom is not None:
            out.append((f.x, f.y, f.x + f.w, bottom + grid.leading))
    return out


def legs(frame: Frame, runs: Sequence[GlyphRun], grid: PageGrid) -> list[int]:
    """Body lines (jump lines included) in each column of a text frame, from its glyph runs;
    the headline group is left out: type larger than the body, and a body-size line set right
    under it in the group (a continuation's （上接第N版） under its 续题)."""
    gutter = grid.gutter
    width = (frame.w - (frame.columns - 1) * gutter) / frame.columns
    body = grid.body_size
    head = [r for r in runs if r.xs and r.size > body + 1e-6]
    # the group's last line ends head.size × 0.37 under its baseline; a body line set next in
    # the group sits one body ascent lower, the first leg's line the group's white lower still
    last = max(head, key=lambda r: r.y, default=None)
    group_bottom = last.y + last.size * 0.37 + body * 0.88 + 1.0 if last else -1.0
    baselines: list[set[float]] = [set() for _ in range(frame.columns)]
    for run in runs:
        if not run.xs or abs(run.size - body) > 1e-6 or run.y <= group_bottom:
            continue
        col = int((min(run.xs) - frame.x + gutter / 2) // (width + gutter))
        baselines[min(max(col, 0), frame.columns - 1)].add(round(run.y, 1))
    return [len(b) for b in baselines]


def unbalanced_columns(
    doc: IssueDoc, pages: Sequence[ComposedPage], names: FrameNames
) -> list[PreflightFinding]:
    """A story's last frame whose legs differ by more than one line (分栏不平衡)."""
    grid = GRIDS[doc.publication.page_format]()
    by_number = {p.number: p for p in pages}
    out = []
    for page in doc.pages:
        composed = by_number.get(page.number)
        if composed is None:
            continue
        runs: dict[str, list[GlyphRun]] = defaultdict(list)
        for run in composed.glyph_runs():
            runs[run.owner].append(run)
        overset = {f.id: f.overset for f in composed.frames}
        for frame in doc.frames.get(page.id, []):
            oid = owner_id(frame)
            if frame.kind not in TEXT_KINDS or frame.columns < 2 or overset.get(oid, 0) > 0:
                continue
            if frame.kind == "article" and frame.article_id is not None:
                thread = doc.thread(frame.article_id)
                if thread and thread[-1].id != frame.id:
                    continue  # the story runs on: this frame's legs are full by design
            counts = legs(frame, runs.get(oid, []), grid)
            if not any(counts) or max(counts) - min(counts) <= 1:
                continue
            listed = "/".join(str(n) for n in counts)
            out.append(
                _finding(
                    names,
                    WARNING,
                    "unbalanced_columns",
                    page.number,
                    oid,
                    f"分栏不平衡：各栏{listed}行 / legs of {listed} lines: the columns do not end "
                    "on the same line",
                    "平衡分栏或改变文框高度、栏数 / balance the columns, or change the frame's "
                    "depth or columns",
                )
            )
    return out


def overlapping_frames(doc: IssueDoc, names: FrameNames) -> list[PreflightFinding]:
    """Frames that cover each other with no text wrap planning it (app/compose/wraps, as the
    canvas hatches them): one prints over the other."""
    out = []
    for page in doc.pages:
        for top, under, w, h in overlaps(doc.frames.get(page.id, [])):
            other = names.get(owner_id(under), "") or owner_id(under)
            out.append(
                _finding(
                    names,
                    ERROR,
                    "frames_overlap",
                    page.number,
                    owner_id(top),
                    f"与{other}重叠{to_mm(w):.0f}×{to_mm(h):.0f}毫米 / overlaps {other} by "
                    f"{to_mm(w):.0f} × {to_mm(h):.0f} mm",
                    "移开或缩小版框，或设绕排 / move or shrink the frame, or set a text wrap",
                )
            )
    return out


def cut_stories(
    doc: IssueDoc, pages: Sequence[ComposedPage], names: FrameNames
) -> list[PreflightFinding]:
    """A story whose text stops in its last frame with more to come and nowhere to go: it ends
    mid-story on the printed page, with no jump line (转版) to a continuation."""
    overset = {(p.number, f.id): f.overset for p in pages for f in p.frames}
    out = []
    for article in doc.articles.values():
        thread = doc.thread(article.id) if article.id is not None else []
        if not thread:
            continue
        last = thread[-1]
        number = doc.page_number(last.page_id)
        count = overset.get((number, owner_id(last)), 0)
        if count <= 0:
            continue
        out.append(
            _finding(
                names,
                ERROR,
                "story_cut",
                number,
                owner_id(last),
                f"稿件在第{number}版中断（超{count}字），无处续排，也无转版 / the story stops "
                f"mid-text on page {number}: {count} characters overset, no continuation",
                "加大文框、删减稿件或续到他版（转版）/ enlarge the frame, cut the story or jump "
                "it to another page",
            )
        )
    return out
