"""Wiring for headless jobs: fonts, composer, the sample library; used by the CLI and the app."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.compose.issue import IssueComposer
from app.errors import UserError
from app.model.document import IssueDoc
from app.store import Library, LibraryError
from app.store.paths import default_cache_dir
from layouts.coverage import resolve_spans
from layouts.display import ComposedPage
from layouts.fontregistry import FontRegistry
from layouts.text import Span


def font_registry(cache_dir: Path | None = None) -> FontRegistry:
    folder = (cache_dir or default_cache_dir()) / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    return FontRegistry(cache_dir=str(folder))


def make_composer(registry: FontRegistry, extra_chars: str = "") -> IssueComposer:
    """A composer over the registry's faces, subsets widened to `extra_chars` (the issue's text)."""
    faces = registry.faces(extra_chars)
    fallbacks = {key: registry.fallbacks(key) for key in faces}

    def resolve(spans: list[Span]) -> tuple[list[Span], list[tuple[str, int]]]:
        out, missing = resolve_spans(spans, faces, fallbacks)
        return out, [(m.label, m.index) for m in missing]

    return IssueComposer(faces, resolve_spans=resolve)


def open_library(path: str | Path) -> Library:
    p = Path(path)
    if not p.exists():
        raise UserError(f"找不到库文件 / no such library file: {p}")
    return Library.open(p)


def create_sample_library(path: str | Path) -> Library:
    p = Path(path)
    if p.exists():
        raise UserError(f"文件已存在 / file exists, not overwritten: {p}")
    p.parent.mkdir(parents=True, exist_ok=True)
    from app.sample.issue import build_sample  # here: it loads Pillow, which exporting rarely needs

    lib = Library.create(p)
    try:
        build_sample(lib)
    except Exception:
        lib.close()
        p.unlink(missing_ok=True)
        raise
    return lib


def temporary_sample_library() -> Library:
    """The built-in sample in a throwaway file (commands run without --db)."""
    folder = Path(tempfile.mkdtemp(prefix="banmian-sample-"))
    return create_sample_library(folder / "sample.banmian")


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


def issue_chars(doc: IssueDoc) -> str:
    """Every distinct character the issue's articles use, so converted subsets can hold them."""
    chars: set[str] = set()
    for a in doc.articles.values():
        for text in (a.kicker, a.headline, a.subheadline, *a.paragraphs):
            chars.update(text)
    return "".join(sorted(chars))


def compose_issue(doc: IssueDoc, registry: FontRegistry | None = None) -> list[ComposedPage]:
    return make_composer(registry or font_registry(), issue_chars(doc)).compose(doc)
