"""Fixing the text fixes the marks: takes an article's old and new paragraphs and its marks, gives the marks fixed or moved."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from app.model.proof import Mark


@dataclass(frozen=True, slots=True)
class Edit:
    """Old text [old_start, old_end) became new text [new_start, new_end) (article_text offsets)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def _starts(paragraphs: Sequence[str]) -> list[int]:
    """Offset of each paragraph in article_text, plus one past the end (as if a final "\\n")."""
    out = [0]
    for p in paragraphs:
        out.append(out[-1] + len(p) + 1)
    return out


def text_edits(old: Sequence[str], new: Sequence[str]) -> list[Edit]:
    """The changed regions between two versions of an article, in order.

    Paragraphs are compared first (an untouched paragraph costs nothing, however long the
    story), then characters inside the paragraphs that changed. `autojunk` is off: in Chinese
    text "的" and "，" are frequent but never junk.
    """
    old_at, new_at = _starts(old), _starts(new)
    edits: list[Edit] = []
    blocks = SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes()
    for tag, a1, a2, b1, b2 in blocks:
        if tag == "equal":
            continue
        o1, o2, n1, n2 = old_at[a1], old_at[a2], new_at[b1], new_at[b2]
        if tag != "replace":
            edits.append(Edit(o1, o2, n1, n2))
            continue
        # Each block's text with its paragraphs' trailing separators, so offsets line up.
        old_text = "".join(p + "\n" for p in old[a1:a2])
        new_text = "".join(p + "\n" for p in new[b1:b2])
        chars = SequenceMatcher(None, old_text, new_text, autojunk=False).get_opcodes()
        for ctag, i1, i2, j1, j2 in chars:
            if ctag != "equal":
                edits.append(Edit(o1 + i1, o1 + i2, n1 + j1, n1 + j2))
    return edits


def touches(edit: Edit, start: int, end: int) -> bool:
    """Whether an edit changed the characters [start, end) (or, if empty, that insertion point).

    An insertion counts at either end of the range: 增补 marks sit next to where text goes.
    """
    if edit.old_start == edit.old_end or start == end:
        return edit.old_start <= end and start <= edit.old_end
    return edit.old_start < end and start < edit.old_end


def map_offset(pos: int, edits: Sequence[Edit], side: str = "start") -> int:
    """Where old offset `pos` is in the new text; inside a changed region, its start or end."""
    delta = 0
    for e in edits:
        if e.old_end < pos or (e.old_end == pos and e.old_start < pos):
            delta += (e.new_end - e.new_start) - (e.old_end - e.old_start)
        elif e.old_start < pos < e.old_end or e.old_start == e.old_end == pos:
            return e.new_start if side == "start" else e.new_end
        else:
            break
    return pos + delta


def follow_edit(
    marks: Iterable[Mark],
    old: Sequence[str],
    new: Sequence[str],
    *,
    by: str = "",
    at: datetime | None = None,
) -> list[Mark]:
    """The marks this edit changes, as new objects: open marks whose range it touched become
    fixed (resolved by `by` at `at`); every other mark on text moves with its characters.
    Marks it leaves as they were are not returned."""
    edits = text_edits(old, new)
    if not edits:
        return []
    changed: list[Mark] = []
    for mark in marks:
        if mark.start is None or mark.end is None:
            continue
        start = map_offset(mark.start, edits, "start")
        end = max(start, map_offset(mark.end, edits, "end"))
        fields: dict[str, object] = {}
        if (start, end) != (mark.start, mark.end):
            fields.update(start=start, end=end)
        if mark.is_open and any(touches(e, mark.start, mark.end) for e in edits):
            fields.update(status="fixed", resolved_at=at, resolved_by=by)
        if fields:
            changed.append(dataclasses.replace(mark, **fields))  # type: ignore[arg-type]
    return changed
