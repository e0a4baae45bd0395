"""Article intake: takes .docx, .txt, .md, corpus .json and picture files, gives stories (with their pictures) in an issue's bin.

Every file is read and checked before anything is stored; then all of them go in one library
transaction (all or nothing). Hostile input (bombs, fakes, damaged pictures, oversized text)
raises UserError and changes nothing. Pictures are stored as assets and linked, with their
captions, to their story (Library.article_pictures); a picture file on its own joins a story.
Each ImportResult says what was recognised and can be undone with undo_import (and put back
with redo_import, as the editor's undo stack does: app/edit/import_command.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.intake.commit import redo_import, store, undo_import
from app.intake.draft import Suggestion, apply_suggestions
from app.intake.readers import READERS, read_file, read_picture_file
from app.intake.report import (
    ImportedArticle,
    ImportedPicture,
    ImportResult,
    describe,
    details,
    needs_attention,
    summarise,
)
from app.model import Issue
from app.store import Library

EXTENSIONS = tuple(sorted(READERS))
PICTURE_EXTENSIONS = tuple(sorted(s for s, r in READERS.items() if r is read_picture_file))

__all__ = [
    "EXTENSIONS",
    "PICTURE_EXTENSIONS",
    "ImportResult",
    "ImportedArticle",
    "ImportedPicture",
    "Suggestion",
    "apply_suggestions",
    "describe",
    "details",
    "needs_attention",
    "read_file",
    "redo_import",
    "run_import",
    "summarise",
    "undo_import",
]


def run_import(
    library: Library,
    issue: Issue,
    paths: Sequence[str | Path],
    *,
    fullwidth: bool = False,
    attach_to: int | None = None,
) -> list[ImportResult]:
    """Import files into the issue's bin, dispatching on the extension; one result per file.

    `fullwidth` makes the suggested ASCII → full-width punctuation fixes (，for , …); without it
    they are only offered (ImportedArticle.suggestions, apply_suggestions). Picture files join
    a story of the same import or, with none, story `attach_to`.
    """
    files = [read_file(p, fullwidth=fullwidth) for p in paths]
    return store(library, issue, files, attach_to)
