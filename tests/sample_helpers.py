"""Helpers for tests on the composed sample issue: a library per test, one composer per module, frames by name."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.compose.issue import IssueComposer, owner_id
from app.model import Frame
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE, build_sample
from app.services import font_registry, make_composer
from app.store import Library
from layouts.display import ComposedPage, QRItem


def sample_composer() -> IssueComposer:
    """A composer over the registry's faces, for a module-scoped `composer` fixture."""
    return make_composer(font_registry())


@contextmanager
def sample_library(folder: Path, name: str = "sample.banmian") -> Iterator[Library]:
    """A fresh library holding the sample issue (tests move and change its frames)."""
    with Library.create(folder / name) as library:
        build_sample(library)
        yield library


def compose(
    lib: Library, composer: IssueComposer, number: int = SAMPLE_ISSUE
) -> list[ComposedPage]:
    """The issue's pages as they compose now (index 0 = 第1版)."""
    return composer.compose(IssueDoc.load(lib, number))


def page_id(lib: Library, number: int, cumulative: int = SAMPLE_ISSUE) -> int:
    issue = lib.issue_by_number(cumulative)
    return next(p.id for p in lib.pages(issue.id) if p.number == number)  # type: ignore[arg-type,misc]


def frame_named(lib: Library, name: str, cumulative: int = SAMPLE_ISSUE) -> Frame:
    issue = lib.issue_by_number(cumulative)
    for page in lib.pages(issue.id):  # type: ignore[arg-type]
        for frame in lib.frames(page.id):  # type: ignore[arg-type]
            if frame.name == name:
                return frame
    raise LookupError(name)


def owned_text(page: ComposedPage, owner: str) -> str:
    """The characters a frame (by owner id) puts on the page, in drawing order."""
    return "".join(r.text for r in page.glyph_runs() if r.owner == owner)


def frame_names(lib: Library, cumulative: int = SAMPLE_ISSUE) -> dict[str, str]:
    """Owner id → frame name, as preflight reports frames."""
    issue = lib.issue_by_number(cumulative)
    return {
        owner_id(f): f.name
        for p in lib.pages(issue.id)  # type: ignore[arg-type]
        for f in lib.frames(p.id)  # type: ignore[arg-type]
    }


def qr_items(page: ComposedPage) -> list[QRItem]:
    return [i for i in page.items if isinstance(i, QRItem)]
