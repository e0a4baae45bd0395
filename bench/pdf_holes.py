"""Holes measured from the printed page: the PDF of a made-up issue rendered, and the largest
square with no ink in it inside the page's ink (the margins are not holes).

Two figures per page. `raw`: every white pixel counts. `left over`: the white a headline group
keeps beside its lines (from its frame's top to its last headline line, across the frame) is
taken as designed (MAKEUP.md: white around headlines is design, white left over is a hole).

    from bench.pdf_holes import page_holes
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.compose.issue import owner_id
from app.export.raster import PdfPages
from app.model.document import IssueDoc
from layouts.display import ComposedPage

PX_PER_MM = 2.0  # 0.5 mm: finer than any hole worth naming, coarse enough for pure Python
INK = 235  # grey level under which a pixel is ink (antialiased hairlines included)
HEAD_SIZE = 10.0  # points: glyphs larger than body type are headline lines


@dataclass(frozen=True)
class PageHoles:
    page: int
    raw_mm: float  # the largest empty square, every white pixel counted
    left_over_mm: float  # the same with the white beside headline groups taken as designed


def page_holes(pdf: Path, doc: IssueDoc, pages: list[ComposedPage]) -> list[PageHoles]:
    out = []
    with PdfPages(str(pdf)) as rendered:
        for n, page in enumerate(pages):
            image = rendered.render(n, PX_PER_MM * 25.4 / 72).convert("L")
            ink = _ink(image)
            raw = _largest_square(ink)
            for x0, y0, x1, y1 in _head_zones(doc, page, n):
                _fill(ink, x0, y0, x1, y1)
            out.append(PageHoles(n + 1, raw / PX_PER_MM, _largest_square(ink) / PX_PER_MM))
    return out


def _ink(image) -> list[bytearray]:
    w, h = image.size
    data = image.tobytes()
    return [bytearray(1 if v < INK else 0 for v in data[y * w : (y + 1) * w]) for y in range(h)]


def _head_zones(doc: IssueDoc, page: ComposedPage, index: int):
    """Each story frame's headline group: across the frame, from its top to its last line."""
    k = PX_PER_MM * 25.4 / 72
    frames = {owner_id(f): f for f in doc.frames[doc.pages[index].id] if f.kind == "article"}  # type: ignore[index]
    bottoms: dict[str, float] = {}
    for run in page.glyph_runs():
        if run.owner in frames and run.size > HEAD_SIZE:
            bottoms[run.owner] = max(bottoms.get(run.owner, 0.0), run.y + run.size * 0.3)
    for owner, bottom in bottoms.items():
        f = frames[owner]
        yield int(f.x * k), int(f.y * k), int((f.x + f.w) * k), int(bottom * k)


def _fill(ink: list[bytearray], x0: int, y0: int, x1: int, y1: int) -> None:
    for y in range(max(y0, 0), min(y1 + 1, len(ink))):
        row = ink[y]
        row[max(x0, 0) : x1 + 1] = b"\x01" * len(row[max(x0, 0) : x1 + 1])


def _largest_square(ink: list[bytearray]) -> int:
    """Side in pixels of the largest all-white square inside the ink's bounding box."""
    rows = [y for y, row in enumerate(ink) if any(row)]
    if not rows:
        return 0
    cols = [x for x in range(len(ink[0])) if any(ink[y][x] for y in rows)]
    x0, x1 = cols[0], cols[-1]
    prev = [0] * (x1 - x0 + 2)
    best = 0
    for y in range(rows[0], rows[-1] + 1):
        row = ink[y]
        cur = [0] * (x1 - x0 + 2)
        for j in range(1, x1 - x0 + 2):
            if not row[x0 + j - 1]:
                v = 1 + min(prev[j], cur[j - 1], prev[j - 1])
                cur[j] = v
                if v > best:
                    best = v
        prev = cur
    return best
