"""Export with progress: takes an issue's composed pages, gives the PDF/X-1a file and reports each page as it is drawn.

The renderer calls back after every page (export_pdf's `on_page`); a last step covers the
PDF/X post-processing. The callback may cancel by returning False: the export stops and, as
export_issue writes beside the target, leaves no file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from app.export.embed import ConversionCancelled, embeddable
from app.export.issue import export_issue
from app.export.pdf import ImageLoader
from app.model.document import IssueDoc
from layouts.display import ComposedPage

Progress = Callable[[int, int], bool | None]  # (steps done, steps in all) → False cancels


class ExportCancelled(Exception):
    """The user stopped the export; nothing was written."""


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

    def step(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise ExportCancelled("导出已取消 / export cancelled")

    step(0)
    try:  # CFF faces are converted now (first export only): step 0 until they are ready
        pages = embeddable(pages, None if progress is None else lambda *_: progress(0, total))
    except ConversionCancelled:
        raise ExportCancelled("导出已取消 / export cancelled") from None
    written = export_issue(
        doc,
        pages,
        out,
        preset=preset,
        image_loader=image_loader,
        on_page=lambda drawn, _pages: step(drawn),
    )
    if progress is not None:
        progress(total, total)  # the PDF/X file is in place: too late to cancel
    return written
