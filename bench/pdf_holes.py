"""Holes measured from the printed page: the PDF of a made-up issue rendered, and the largest
square with no ink in it inside the type area (the margins are not holes; white across the
whole foot of the type area is).

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
from layouts.grid import GRIDS

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
    pg = GRIDS[doc.publication.page_format]()
    k = PX_PER_MM * 25.4 / 72
    area = (
        int(pg.type_left * k),
        int(pg.type_top * k),
        int((pg.type_left + pg.type_width) * k),
        int(pg.type_bottom * k),
    )
    with PdfPages(str(pdf)) as rendered:
        for n, page in enumerate(pages):
            image = rendered.render(n, k).convert("L")
            ink = _ink(image)
            raw = _largest_square(ink, area)
            for x0, y0, x1, y1 in _head_zones(doc, page, n):
                _fill(ink, x0, y0, x1, y1)
            left = _largest_square(ink, area)
            out.append(PageHoles(n + 1, raw / PX_PER_MM, left / PX_PER_MM))
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


def _largest_square(ink: list[bytearray], area: tuple[int, int, int, int]) -> int:
    """Side in pixels of the largest all-white square inside `area` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = area
    x1, y1 = min(x1, len(ink[0]) - 1), min(y1, len(ink) - 1)
    prev = [0] * (x1 - x0 + 2)
    best = 0
    for y in range(y0, y1 + 1):
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
