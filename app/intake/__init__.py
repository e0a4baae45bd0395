"""Article intake: takes .docx, .txt, .md and corpus .json files, gives stories in an issue's bin.

Every file is read and checked before anything is stored; then all of them go in one library
transaction (all or nothing). Hostile input (bombs, fakes, damaged pictures, oversized text)
raises UserError and changes nothing. Each ImportResult says what was recognised and can be
undone with undo_import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.intake.commit import store, undo_import
from app.intake.draft import Suggestion, apply_suggestions
from app.intake.readers import READERS, read_file
from app.intake.report import ImportedArticle, ImportedPicture, ImportResult, describe, details
from app.model import Issue
from app.store import Library

EXTENSIONS = tuple(sorted(READERS))

__all__ = [
    "EXTENSIONS",
    "ImportResult",
    "ImportedArticle",
    "ImportedPicture",
    "Suggestion",
    "apply_suggestions",
    "describe",
    "details",
    "read_file",
    "run_import",
    "undo_import",
]


def run_import(
    library: Library,
    issue: Issue,
    paths: Sequence[str | Path],
    *,
    fullwidth: bool = False,
) -> list[ImportResult]:
    """Import files into the issue's bin, dispatching on the extension; one result per file.

    `fullwidth` makes the suggested ASCII → full-width punctuation fixes (，for , …); without it
    they are only offered (ImportedArticle.suggestions, apply_suggestions).
    """
    files = [read_file(p, fullwidth=fullwidth) for p in paths]
    return store(library, issue, files)
