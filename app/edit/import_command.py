"""The import as an undo step: takes files read and checked by app/intake, gives an ImportFiles command for the EditSession."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.edit.session import Change, Command
from app.intake import ImportResult, apply_suggestions, read_file, redo_import, undo_import
from app.intake.commit import store
from app.intake.draft import FileDrafts
from app.model import Article, Asset, Issue
from app.store import Library

_TEXT = ("kicker", "headline", "subheadline", "byline", "paragraphs")


class ImportFiles(Command):
    """Files (stories, their pictures, picture files) into the issue's bin as one undo step.

    Reading and checking happen in read(), before the command is pushed, so hostile input is
    refused with a UserError before the undo stack or the library is touched. Undo takes the
    stories and their new pictures out (app/intake/commit.py undo_import); redo puts them back
    under the same ids, so later steps that name them still find them.
    """

    label = "导入稿件"

    def __init__(self, issue: Issue, files: list[FileDrafts], attach_to: int | None = None):
        self.issue = issue
        self.files = files
        self.attach_to = attach_to
        self.results: list[ImportResult] | None = None

    @classmethod
    def read(
        cls,
        issue: Issue,
        paths: Sequence[str | Path],
        *,
        fullwidth: bool = False,
        attach_to: int | None = None,
    ) -> ImportFiles:
        """Read and check every file (UserError for the first that cannot go in)."""
        return cls(issue, [read_file(p, fullwidth=fullwidth) for p in paths], attach_to)

    def _assets(self) -> dict[str, Asset]:
        pictures = [p for f in self.files for d in f.drafts for p in d.pictures]
        pictures += [p for f in self.files for p in f.pictures]
        return {p.asset.id: p.asset for p in pictures}

    def _change(self) -> Change:
        assert self.results is not None
        stories = {a.id for r in self.results for a in r.articles if a.id is not None}
        stories |= {p.article_id for r in self.results for p in r.pictures}  # joined ones too
        return Change.of(articles=tuple(sorted(stories)))

    def do(self, library: Library) -> Change:
        if self.results is None:
            self.results = store(library, self.issue, self.files, self.attach_to)
        else:
            redo_import(library, self.results, self._assets())
        return self._change()

    def undo(self, library: Library) -> Change:
        assert self.results is not None
        undo_import(library, self.results)
        return self._change()


def fullwidth_edits(
    results: Sequence[ImportResult], current: Callable[[int], Article | None]
) -> dict[int, dict[str, Any]]:
    """The full-width fixes an import only offered (ASCII , → ，…), as text fields per story
    for EditArticleText; a story edited or removed since (`current` gives it, or None) is left
    alone, since the offered fixes point at characters of its old text."""
    edits: dict[int, dict[str, Any]] = {}
    for item in (i for r in results for i in r.items):
        story = item.article
        if not item.suggestions or item.fullwidth_applied or story.id is None:
            continue
        now = current(story.id)
        if now is None or any(getattr(now, f) != getattr(story, f) for f in _TEXT):
            continue
        fixed = apply_suggestions(story, item.suggestions)
        edits[story.id] = {
            f: getattr(fixed, f) for f in _TEXT if getattr(fixed, f) != getattr(story, f)
        }
    return edits
