"""Versions in edits: takes a Library and rows a command read or remembers, gives the check that a desk's edit starts from the row's current version, and rows rebased on the current version for deliberate overwrites.

A command that writes what the desk showed (text typed into the inspector, a frame dragged
from where it was drawn) names the version it started from (`base`); if another desk has
changed the row since, the command refuses with LibraryConflict before writing anything.
Undo and redo compare and swap (`swap`): they put back the fields the command changed only
while those still hold what it left there, so an undo after another desk's change to them
is refused rather than overwriting it (and an undo of an earlier step of this desk, after
later steps were undone, goes through). Restoring a named revision is the one deliberate
overwrite: its rows are rebased on whatever is there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TypeVar

from app.model import Article, Frame
from app.model.proof import Mark
from app.store import Library, LibraryConflict

R = TypeVar("R", Article, Frame, Mark)
_TABLE = {
    Article: ("articles", "稿件 article"),
    Frame: ("frames", "版框 frame"),
    Mark: ("proof_marks", "校对标记 mark"),
}


def check_base(current: Article | Frame, base: int | None, library: Library) -> None:
    """Refuse (LibraryConflict) when another desk changed the row since the version the
    desk's edit started from; this desk's own writes since (edits that waited to be saved,
    shown ahead of the library) do not count. `base` None or 0: the edit does not depend on
    what the desk showed."""
    if not base or current.version == base:
        return
    table, what = _TABLE[type(current)]
    assert current.id is not None
    if library.changed_elsewhere(table, current.id, base):
        by = library.last_changed_by(table, current.id)
        raise LibraryConflict(table, current.id, base, current.version, by, what)


def at(row: R, version: int) -> R:
    """The row as written under `version`."""
    return dataclasses.replace(row, version=version)


def swap(library: Library, current: R, left: R, to: R, fields: Iterable[str]) -> R:
    """Undo and redo: set `fields` of the row from `to`, if they are still what this command
    `left` there; another desk's change to any of them since is LibraryConflict, nothing
    written. Other fields, and those the command left as they were, keep whatever is there
    now. Gives the row as written."""
    fields = tuple(f for f in fields if getattr(left, f) != getattr(to, f))
    if any(getattr(current, f) != getattr(left, f) for f in fields):
        table, what = _TABLE[type(current)]
        assert current.id is not None
        by = library.last_changed_by(table, current.id)
        raise LibraryConflict(table, current.id, 0, current.version, by, what)
    row = dataclasses.replace(current, **{f: getattr(to, f) for f in fields})
    return _write(library, row)


def _write(library: Library, row: R) -> R:
    if isinstance(row, Article):
        return library.update_article(row)  # type: ignore[return-value]
    if isinstance(row, Frame):
        return library.update_frame(row)  # type: ignore[return-value]
    return library.update_mark(row)  # type: ignore[return-value]


def rebased_marks(library: Library, marks: Iterable[Mark]) -> list[Mark]:
    """Marks at their current versions: proof marks follow text (app/edit/marks.py) and are
    put back with it, whoever touched them in between."""
    marks = list(marks)
    current = library.versions("proof_marks", [m.id for m in marks if m.id is not None])
    return [at(m, current.get(m.id, m.version)) for m in marks]  # type: ignore[arg-type]
