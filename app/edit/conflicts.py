"""Text conflicts between desks: takes a story edit the library refused as stale (LibraryConflict), gives it merged and saved when the two desks changed different paragraphs, else a TextConflict kept for the desk to settle (mine, theirs, or both to read and edit into one).

No Qt. The editor (app/edit/editor.py) calls `refused()` when EditArticleText finds the story
changed since the desk's text started (`base`); listeners (the window's conflict dialog,
widgets/conflict_dialog.py) hear each conflict that needs a person, and `resolve()` saves the
choice as a new version on top of the other desk's. Nothing typed is lost on the way: the
desk's text stays in the conflict until it is settled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.edit.commands import TEXT_FIELDS, EditArticleText
from app.edit.merge import Merged, merge_text
from app.edit.session import Command
from app.model import Article
from app.store import LibraryConflict

if TYPE_CHECKING:
    from app.edit.editor import IssueEditor

# What edit_text tells the field that sent the text.
SAVED, MERGED, CONFLICT, UNCHANGED = "saved", "merged", "conflict", "unchanged"
CHOICES = ("mine", "theirs", "both")
_RETRIES = 3  # another desk saving again while we merge: merge again, this many times


def text_of(article: Article) -> dict[str, Any]:
    return {f: getattr(article, f) for f in TEXT_FIELDS}


@dataclass(frozen=True, slots=True)
class TextConflict:
    """A story both desks changed in the same place: what this desk started from (`base`),
    what it typed (`mine`: the fields it sent), what the library holds (`theirs`, saved by
    `by`), and the merge with both sides at each clash."""

    article_id: int
    base: Article
    mine: dict[str, Any]
    theirs: Article
    merged: Merged
    by: str = ""

    def mine_text(self) -> dict[str, Any]:
        return {**text_of(self.base), **self.mine}


Listener = Callable[[TextConflict], None]


class Conflicts:
    """The editor's stale text edits: merged when they can be, kept until settled when not."""

    def __init__(self, editor: IssueEditor) -> None:
        self.editor = editor
        self.pending: dict[int, TextConflict] = {}  # article id → its open conflict
        self._listeners: list[Listener] = []
        self.merges = 0  # merged without asking (for the window's status line and tests)
        # Stories as the library had them before edits that wait to be saved were shown in
        # their place (editor._preview_text), by (id, version): the base to merge them with.
        self._shown: dict[tuple[int, int], Article] = {}

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(conflict)` for each conflict a person must settle."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def refused(self, article_id: int, base: Article, mine: dict[str, Any]) -> str:
        """An edit of `article_id` started from `base` was refused as stale: merge it with
        what the library holds and save that (MERGED), or keep the conflict (CONFLICT)."""
        for _ in range(_RETRIES):
            theirs = self.editor.library.article(article_id)
            merged = merge_text(text_of(base), mine, text_of(theirs))
            if not merged.clean:
                break
            assert merged.fields is not None
            try:
                self._save(article_id, theirs, merged.fields)
            except LibraryConflict:
                continue  # saved again by the other desk meanwhile: merge with that
            self.merges += 1
            return MERGED
        by = self.editor.library.last_changed_by("articles", article_id)
        conflict = TextConflict(article_id, base, dict(mine), theirs, merged, by)
        self.pending[article_id] = conflict
        self.editor.show_library_text(article_id)  # the page shows theirs meanwhile
        for listener in list(self._listeners):
            listener(conflict)
        return CONFLICT

    def remember(self, article: Article) -> None:
        assert article.id is not None
        self._shown.setdefault((article.id, article.version), article)

    def waited_and_refused(self, command: Command, error: Exception) -> bool:
        """A text edit that waited to be saved (the library was held) and found the story
        changed by another desk meanwhile: merged or kept like any other (True)."""
        if not isinstance(command, EditArticleText) or not isinstance(error, LibraryConflict):
            return False
        base = self._shown.get((command.article_id, command.base or 0))
        if base is None:
            return False
        self.refused(command.article_id, base, command.text)
        return True

    def resolve(self, article_id: int, choice: str, text: dict[str, Any] | None = None) -> str:
        """Settle a conflict: "mine" saves this desk's text over theirs, "theirs" keeps the
        library's, "both" saves `text` (by default both sides at each clash, as the conflict
        shows them) — each as a new version on top of theirs. Gives SAVED or, when the story
        changed yet again meanwhile, what refused() gives for the chosen text."""
        if choice not in CHOICES:
            raise ValueError(f"unknown choice {choice!r}: one of {', '.join(CHOICES)}")
        conflict = self.pending.pop(article_id)
        if choice == "theirs":
            self.editor.show_library_text(article_id)
            return SAVED
        chosen = conflict.mine_text() if choice == "mine" else dict(text or conflict.merged.both)
        try:
            self._save(article_id, conflict.theirs, chosen)
        except LibraryConflict:
            return self.refused(article_id, conflict.theirs, chosen)
        return SAVED

    def _save(self, article_id: int, on: Article, fields: dict[str, Any]) -> None:
        changed = {k: v for k, v in fields.items() if getattr(on, k) != v}
        if changed:
            # A step of its own: undoing it gives back the other desk's text, and the steps
            # before it cannot be undone over that text (EditArticleText.merge, swap()).
            self.editor.session.seal()
            self.editor.session.push(EditArticleText(article_id, base=on.version, **changed))
        else:
            self.editor.show_library_text(article_id)
