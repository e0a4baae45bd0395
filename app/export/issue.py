"""Issue export: takes an IssueDoc and its composed pages, writes the PDF/X-1a issue file and/or one file per page."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.export.embed import embeddable
from app.export.files import check_target, name_limit, staged_folder
from app.export.names import page_file_name
from app.export.options import add_export_options
from app.export.pdf import ImageLoader, PageDrawn, export_pdf
from app.export.pdfx import make_pdfx
from app.export.presets import ExportPreset, get_preset
from app.model.document import IssueDoc
from layouts.display import ComposedPage

__all__ = ["add_export_options", "export_issue", "issue_title", "slug_line"]


def issue_title(doc: IssueDoc) -> str:
    return f"{doc.publication.name} {doc.issue.numbers_zh}"


def slug_line(doc: IssueDoc, page: ComposedPage, file_name: str = "") -> str:
    """Paper, date, issue, page, section and colour: what the plate room reads off the slug."""
    section = next((p.section for p in doc.pages if p.number == page.number), "")
    colour = "黑白 K" if page.black_only else "彩色 CMYK"
    parts = [
        doc.publication.name,
        f"{doc.issue.date_zh} {doc.issue.weekday_zh}",
        doc.issue.numbers_zh,
        f"第{page.number}版 {section}".strip(),
        colour,
        file_name,
    ]
    return "   ".join(p for p in parts if p)


def export_issue(
    doc: IssueDoc,
    pages: Sequence[ComposedPage],
    out: str | os.PathLike[str] | None,
    *,
    preset: str | ExportPreset = "screen",
    per_page_dir: str | os.PathLike[str] | None = None,
    ascii_names: bool = False,
    image_loader: ImageLoader | None = None,
    protect: Sequence[str | os.PathLike[str]] = (),
    on_page: PageDrawn | None = None,
) -> list[Path]:
    """Write the issue as one PDF/X-1a file at `out` and/or one per page into `per_page_dir`.

    Returns the files written, the issue file first (its name shortened if the file system
    would not take it). Nothing is written over a Banmian library or a path in `protect` (the
    inputs): app.export.files.OutputRefused. Each file is written beside its final name and
    renamed into place, and the per-page set lands whole or not at all, so a failure
    (OutputFailed: full disk, read-only folder) leaves the previous files as they were.
    `on_page(drawn, total)` hears each page drawn, counted over every file to write.
    """
    if out is None and per_page_dir is None:
        raise ValueError("nothing to write: give an output file or a per-page folder")
    if not pages:
        raise ValueError("nothing to export: no pages")
    chosen = get_preset(preset) if isinstance(preset, str) else preset
    pages = embeddable(pages)  # once for the issue file and every per-page file
    total = len(pages) * ((out is not None) + (per_page_dir is not None))
    drawn = 0

    def page_drawn(_done: int, _of: int) -> None:
        nonlocal drawn
        drawn += 1
        if on_page is not None:
            on_page(drawn, total)

    when = doc.issue.date
    keep = [Path(p) for p in protect]
    target = check_target(Path(out), keep) if out is not None else None  # before any work
    written: list[Path] = []
    with contextlib.ExitStack() as stack:
        if per_page_dir is not None:
            folder = Path(per_page_dir)
            names = [
                page_file_name(
                    doc.publication.name,
                    when,
                    page.number,
                    page_count=len(pages),
                    cumulative=doc.issue.cumulative_number,
                    ascii_names=ascii_names,
                    max_bytes=name_limit(folder),
                )
                for page in pages
            ]
            stage = stack.enter_context(staged_folder(folder, names, keep))
            for page, name in zip(pages, names, strict=True):
                _write(
                    [page],
                    stage / name,
                    title=f"{issue_title(doc)} 第{page.number}版",
                    preset=chosen,
                    image_loader=image_loader,
                    slugs={page.number: slug_line(doc, page, name)},
                    when=when,
                    on_page=page_drawn,
                )
            written += [folder / name for name in names]
        if target is not None:  # last: a failure before it leaves no file anywhere
            _write(
                pages,
                target,
                title=issue_title(doc),
                preset=chosen,
                image_loader=image_loader,
                slugs={p.number: slug_line(doc, p) for p in pages},
                when=when,
                on_page=page_drawn,
            )
            written.insert(0, target)
    return written


def _write(
    pages: Sequence[ComposedPage],
    target: Path,
    *,
    title: str,
    preset: ExportPreset,
    image_loader: ImageLoader | None,
    slugs: dict[int, str],
    when: date,
    on_page: PageDrawn,
) -> None:
    buf = io.BytesIO()
    export_pdf(
        pages,
        buf,
        title=title,
        image_loader=image_loader,
        preset=preset,
        slug_text=lambda page: slugs.get(page.number, ""),
        compress=False,  # make_pdfx compresses every stream as it writes the file
        on_page=on_page,
    )
    buf.seek(0)
    make_pdfx(buf, target, title=title, when=when)  # written whole or not at all
