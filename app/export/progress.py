"""Export with progress: takes an issue's composed pages, gives the PDF/X-1a file and reports each page as it is drawn.

export_pdf reads pages[0] for the sheet size and then draws the pages in order; a sequence
that counts the pages handed out after that read tells the caller how far the drawing got,
without the renderer knowing (earlier passes, such as export_issue collecting slug lines, are
not counted). If the renderer ever walks the pages differently the steps only get coarser.
The callback may cancel by returning False: the export stops and, as export_issue writes
beside the target, leaves no file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import overload

from app.export.issue import export_issue
from app.export.pdf import ImageLoader
from app.model.document import IssueDoc
from layouts.display import ComposedPage

Progress = Callable[[int, int], bool | None]  # (steps done, steps in all) → False cancels


class ExportCancelled(Exception):
    """The user stopped the export; nothing was written."""


class _CountingPages(Sequence[ComposedPage]):
    def __init__(self, pages: Sequence[ComposedPage], tick: Callable[[], None]) -> None:
        self._pages = list(pages)
        self._tick = tick
        self._sized = False  # pages[0] was read: the drawing pass comes next

    @overload
    def __getitem__(self, i: int) -> ComposedPage: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[ComposedPage]: ...
    def __getitem__(self, i):
        self._sized = True
        return self._pages[i]

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[ComposedPage]:
        drawing = self._sized
        for page in self._pages:
            yield page
            if drawing:
                self._tick()  # the renderer is done with this page when it asks for the next


def export_with_progress(
    doc: IssueDoc,
    pages: Sequence[ComposedPage],
    out: str | os.PathLike[str],
    *,
    image_loader: ImageLoader | None = None,
    progress: Progress | None = None,
    preset: str = "screen",
) -> list[Path]:
    """export_issue to one file, calling `progress(done, total)`: one step per page drawn and
    a last one for the PDF/X post-processing."""
    total = len(pages) + 1
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, total) is False:
            raise ExportCancelled("导出已取消 / export cancelled")

    if progress is not None and progress(0, total) is False:
        raise ExportCancelled("导出已取消 / export cancelled")
    written = export_issue(
        doc, _CountingPages(pages, tick), out, preset=preset, image_loader=image_loader
    )
    if progress is not None:
        progress(total, total)  # the PDF/X file is in place: too late to cancel
    return written
