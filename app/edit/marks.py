"""Proof marks follow text edits: takes a library, a story and its old and new paragraphs, gives the marks the edit fixed or moved, with what they were, for a command to apply and undo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.edit.versions import rebased_marks
from app.model.proof import Mark, now
from app.proof.fixing import follow_edit
from app.store import Library


@dataclass(frozen=True, slots=True)
class MarkChanges:
    """The marks one edit changed: each as it was before and as the edit left it, by id."""

    before: dict[int, Mark] = field(default_factory=dict)
    after: dict[int, Mark] = field(default_factory=dict)

    def apply(self, library: Library) -> None:
        library.update_marks(rebased_marks(library, self.after.values()))

    def revert(self, library: Library) -> None:
        library.update_marks(rebased_marks(library, self.before.values()))

    def then(self, later: MarkChanges) -> MarkChanges:
        """This edit followed by `later`, as one: the earliest before, the latest after."""
        return MarkChanges({**later.before, **self.before}, {**self.after, **later.after})


def follow_text_edit(
    library: Library,
    article_id: int,
    old: Sequence[str],
    new: Sequence[str],
    *,
    by: str = "",
    at: datetime | None = None,
) -> MarkChanges:
    """Fixing the text fixes its marks: open marks on characters the edit changed become fixed
    (by `by` at `at`, default now), the others move with their text (app/proof/fixing.py)."""
    if list(old) == list(new):
        return MarkChanges()
    marks = library.marks(article_id=article_id)
    changed = follow_edit(marks, old, new, by=by, at=at or now())
    was = {m.id: m for m in marks}
    return MarkChanges(
        {m.id: was[m.id] for m in changed if m.id is not None},
        {m.id: m for m in changed if m.id is not None},
    )
