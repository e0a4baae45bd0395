"""PDF fonts on demand: takes composed pages (CFF faces allowed), gives pages whose every face a PDF can embed, converting the characters they draw into the font cache."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.store.paths import default_cache_dir
from layouts.display import ComposedPage
from layouts.fonts.embed import embeddable_pages
from layouts.fonts.jobs import ConversionCancelled, Progress

__all__ = ["ConversionCancelled", "embeddable", "font_cache_dir"]


def font_cache_dir() -> Path:
    """Where converted fonts, their metrics and the font index are kept."""
    return default_cache_dir() / "fonts"


def embeddable(
    pages: Sequence[ComposedPage],
    progress: Progress | None = None,
    *,
    nice: int = 0,
    skip_failed: bool = False,
) -> Sequence[ComposedPage]:
    """`pages` with each CFF face swapped for a TrueType conversion of the characters drawn
    in it (cached; the same sequence when there is nothing to convert). `progress(done,
    total)` hears the conversions while they run and may cancel (ConversionCancelled). A
    face that cannot be converted raises ConversionError, or with `skip_failed` stays as it
    is (preflight then reports it as a font the PDF cannot embed)."""
    folder = font_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return embeddable_pages(
        pages, str(folder), progress=progress, nice=nice, skip_failed=skip_failed
    )
