"""Fonts for embedding: takes composed pages (CFF faces allowed) and a cache folder, gives the same pages with each CFF face replaced by a cached TrueType conversion holding the characters the pages draw with it."""

from __future__ import annotations

import dataclasses
import os
import struct
import threading
from collections.abc import Sequence

from layouts.display import ComposedPage, FontSource
from layouts.fonts.jobs import ConversionCancelled, Progress, cached_truetype_many, request

# One preparation at a time per process: a background warm-up and an export asking for the
# same faces then share the work instead of converting twice.
_LOCK = threading.Lock()
# (source, face, cache folder) → (converted file, characters it serves), for this process:
# a later request for fewer characters (one page of the issue) needs no file lookup at all.
_SERVED: dict[tuple[str, int, str], tuple[str, frozenset[str]]] = {}
_KINDS: dict[tuple[str, int, int], bool] = {}


def is_cff(path: str, index: int = 0) -> bool:
    """True if face `index` of the font file holds CFF outlines (sfnt version 'OTTO'), read
    from the file header alone. An unreadable file is not CFF: the renderer reports it."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return False
    key = (path, index, mtime)
    known = _KINDS.get(key)
    if known is None:
        known = False
        try:
            with open(path, "rb") as fh:
                tag = fh.read(4)
                if tag == b"ttcf":  # a collection: the face's own table directory says
                    fh.seek(12 + 4 * index)
                    (offset,) = struct.unpack(">I", fh.read(4))
                    fh.seek(offset)
                    tag = fh.read(4)
                known = tag == b"OTTO"
        except (OSError, struct.error):
            pass
        _KINDS[key] = known
    return known


def drawn_chars(pages: Sequence[ComposedPage]) -> dict[tuple[str, int], set[str]]:
    """(font file, face index) → the characters the pages draw with it, for CFF faces only."""
    out: dict[tuple[str, int], set[str]] = {}
    for page in pages:
        cff = {f.key: (f.path, f.index) for f in page.fonts if is_cff(f.path, f.index)}
        if not cff:
            continue
        for run in page.glyph_runs():
            face = cff.get(run.font)
            if face is not None:
                out.setdefault(face, set()).update(run.text)
    for chars in out.values():
        if "\u00a0" in chars:
            chars.add(" ")  # ReportLab sets NBSP with the space glyph
    return out


def embeddable_pages(
    pages: Sequence[ComposedPage],
    cache_dir: str,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    nice: int = 0,
    skip_failed: bool = False,
) -> Sequence[ComposedPage]:
    """`pages` with every CFF face they draw with replaced by a TrueType conversion (face 0
    of a file in `cache_dir`) covering the characters drawn in it. Pages without CFF faces
    come back as the very same sequence. Conversions run in child processes; `progress`
    hears (done, total) while they run, or while another thread's conversion is awaited, and
    may cancel (ConversionCancelled). A face that cannot be converted (CFF2) raises
    ConversionError, or with `skip_failed` is left as it is for the renderer to report. See
    cached_truetype_many."""
    wanted = drawn_chars(pages)
    if not wanted:
        return pages
    while not _LOCK.acquire(timeout=0.05):
        if progress is not None and progress(0, len(wanted)) is False:
            raise ConversionCancelled("字体转换已取消 / font conversion cancelled")
    try:
        files = _convert(wanted, cache_dir, progress, workers, nice, skip_failed)
    finally:
        _LOCK.release()

    def swap(f: FontSource) -> FontSource:
        path = files.get((f.path, f.index))
        return f if path is None else dataclasses.replace(f, path=path, index=0)

    return [dataclasses.replace(p, fonts=tuple(map(swap, p.fonts))) for p in pages]


def _convert(
    wanted: dict[tuple[str, int], set[str]],
    cache_dir: str,
    progress: Progress | None,
    workers: int | None,
    nice: int,
    skip_failed: bool,
) -> dict[tuple[str, int], str]:
    files: dict[tuple[str, int], str] = {}
    todo = []
    for (path, index), chars in wanted.items():
        served = _SERVED.get((path, index, cache_dir))
        if served is not None and chars <= served[1] and os.path.exists(served[0]):
            files[(path, index)] = served[0]
        else:
            todo.append(((path, index), request(path, index, chars)))
    if todo:
        results = cached_truetype_many(
            [r for _, r in todo],
            cache_dir,
            progress=progress,
            workers=workers,
            nice=nice,
            skip_failed=skip_failed,
        )
        for (face, req), result in zip(todo, results, strict=True):
            if result is None:
                continue  # cannot be converted: left CFF, the renderer says why
            files[face] = result.path
            _SERVED[(*face, cache_dir)] = (result.path, req[2])
    return files
