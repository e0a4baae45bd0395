"""Wiring for headless jobs: fonts, composer, opening libraries (files or servers), the sample library; used by the CLI and the app."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.compose.issue import IssueComposer
from app.errors import UserError
from app.model.document import IssueDoc
from app.store import Library, LibraryError, Location, ServerUrl, parse_location
from app.store.paths import default_cache_dir
from layouts.display import ComposedPage
from layouts.fonts.coverage import resolve_spans
from layouts.fonts.registry import FontNotFoundError, FontRegistry
from layouts.text import Span


def font_registry(cache_dir: Path | None = None) -> FontRegistry:
    folder = (cache_dir or default_cache_dir()) / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    return FontRegistry(cache_dir=str(folder))


class MissingFontError(UserError):
    """No installed font serves a face the issue needs; the message says what to install."""


def make_composer(registry: FontRegistry) -> IssueComposer:
    """A composer over the registry's faces (the installed files: nothing is converted here,
    PDF export converts CFF faces for the characters it draws). A missing Chinese font is a
    MissingFontError whose one line says what to install."""
    try:
        faces = registry.faces()
    except FontNotFoundError as exc:
        raise MissingFontError(_missing_font(registry, exc)) from None
    fallbacks = {key: registry.fallbacks(key) for key in faces}

    def resolve(spans: list[Span]) -> tuple[list[Span], list[tuple[str, int]]]:
        out, missing = resolve_spans(spans, faces, fallbacks)
        return out, [(m.label, m.index) for m in missing]

    return IssueComposer(faces, resolve_spans=resolve)


def _missing_font(registry: FontRegistry, exc: FontNotFoundError) -> str:
    if "song" in registry.overrides or "song" not in registry.unresolved():
        return str(exc)  # a pinned file that cannot be read: the registry's message names it
    if sys.platform.startswith("linux"):
        how = "sudo apt install fonts-noto-cjk (Debian/Ubuntu; Fedora: google-noto-serif-cjk-fonts)"
    elif sys.platform == "darwin":
        how = "宋体 Songti SC from Font Book (macOS ships it)"
    else:
        how = "宋体 SimSun (Settings ▸ Fonts ▸ optional features ▸ Chinese supplemental fonts)"
    return (
        f"缺少中文字体（宋体）/ no Chinese font installed: install {how}, or add a font folder "
        "to BANMIAN_FONT_DIRS; `banmian fonts` lists what was found"
    )


def library_location(value: str | os.PathLike[str] | ServerUrl) -> Location:
    """The library a --db value or $BANMIAN_LIBRARY names: a file path, or a PostgreSQL
    server's database (`postgresql://user@host/db`, libpq's syntax, `?host=/socket/dir`).

    The one place that tells a database URL from a file path; any other URL gets one line
    rather than becoming nested folders named "https:" in the current directory."""
    try:
        return parse_location(value)
    except LibraryError as e:
        raise UserError(str(e)) from None


def open_library(path: str | os.PathLike[str] | ServerUrl) -> Library:
    where = library_location(path)
    if isinstance(where, Path) and not where.exists():
        raise UserError(f"找不到库文件 / no such library file: {where}")
    return Library.open(where)


def create_sample_library(path: str | os.PathLike[str] | ServerUrl) -> Library:
    """A new library holding the sample issue: a new file, or in an empty database."""
    where = library_location(path)
    if isinstance(where, Path):
        if where.exists():
            raise UserError(f"文件已存在 / file exists, not overwritten: {where}")
        where.parent.mkdir(parents=True, exist_ok=True)
    from app.sample.issue import build_sample  # here: it loads Pillow, which exporting rarely needs

    return Library.create(where, fill=build_sample)  # whole, or no file and an empty database


@contextmanager
def temporary_sample_library() -> Iterator[Library]:
    """The built-in sample in a throwaway file (commands run without --db), removed after."""
    with (
        tempfile.TemporaryDirectory(prefix="banmian-sample-") as folder,
        create_sample_library(Path(folder) / "sample.banmian") as library,
    ):
        yield library


def load_issue(library: Library, number: int | None) -> IssueDoc:
    if number is None:
        issues = library.issues()
        if not issues:
            raise UserError("库中没有报纸期次 / the library holds no issue")
        number = max(i.cumulative_number for i in issues)  # the newest issue
    try:
        return IssueDoc.load(library, number)
    except LibraryError as e:
        raise UserError(str(e)) from None


def compose_issue(doc: IssueDoc, registry: FontRegistry | None = None) -> list[ComposedPage]:
    return make_composer(registry or font_registry()).compose(doc)
