"""The undo stack: takes commands and a Library, runs and persists each at once, gives undo/redo steps and change callbacks.

No Qt: listeners are plain callables. A step is one or more commands (a macro, e.g. a whole
drag); undoing it undoes them all, newest first, in one transaction. Typing into one story
merges into one step while the keystrokes come close together (napari, orange-canvas-core).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from app.store import Library

# Keystrokes closer together than this (seconds) merge into the open typing step.
MERGE_WINDOW = 2.0


@dataclass(frozen=True, slots=True)
class Change:
    """What an edit touched: page ids whose frames changed and article ids whose text or
    thread changed; `everything` when a whole issue was replaced (a revision restored);
    `proof` when proof rounds or marks changed (nothing to compose, marks to show again)."""

    pages: frozenset[int] = frozenset()
    articles: frozenset[int] = frozenset()
    everything: bool = False
    proof: bool = False

    def __or__(self, other: Change) -> Change:
        return Change(
            self.pages | other.pages,
            self.articles | other.articles,
            self.everything or other.everything,
            self.proof or other.proof,
        )

    @staticmethod
    def of(pages: tuple[int | None, ...] = (), articles: tuple[int | None, ...] = ()) -> Change:
        return Change(
            frozenset(p for p in pages if p is not None),
            frozenset(a for a in articles if a is not None),
        )


class Command:
    """An edit that can be done, undone and redone; it only calls Library methods.

    `do` runs for the first time and for every redo, `undo` takes the library back; each runs
    inside one transaction opened by the stack. `merge` folds a later command of the same kind
    into this one (the later one has already been done): True if it did.
    """

    label: str = "编辑"
    # Whether successive pushes merge outside a macro too (typing); others merge only inside one.
    coalesce: bool = False

    def do(self, library: Library) -> Change:
        raise NotImplementedError

    def undo(self, library: Library) -> Change:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        return False


@dataclass
class Step:
    """One undo step: the commands of a macro (or a single command), oldest first."""

    label: str
    commands: list[Command] = field(default_factory=list)
    sealed: bool = False  # no more merging into it (the macro ended, or the user moved on)
    at: float = 0.0  # when its last command arrived (for merging keystrokes)


Listener = Callable[[Change], None]


class EditSession:
    """Undo and redo over a Library: every command is committed before push() returns."""

    def __init__(self, library: Library, clock: Callable[[], float] = time.monotonic) -> None:
        self.library = library
        self._clock = clock
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._macro: Step | None = None
        self._listeners: list[Listener] = []

    # -- listening --------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every push, undo and redo; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- pushing ------------------------------------------------------------------------------

    def push(self, command: Command) -> Change:
        """Do `command` (committed at once) and record it; a failed command changes nothing."""
        with self.library.transaction():
            change = command.do(self.library)
        self._undone.clear()
        now = self._clock()
        if self._macro is not None:
            step = self._macro
            if not (step.commands and step.commands[-1].merge(command)):
                step.commands.append(command)
        else:
            top = self._done[-1] if self._done else None
            mergeable = (
                command.coalesce
                and top is not None
                and not top.sealed
                and now - top.at <= MERGE_WINDOW
            )
            if not (mergeable and len(top.commands) == 1 and top.commands[0].merge(command)):  # type: ignore[union-attr]
                if top is not None:
                    top.sealed = True
                self._done.append(Step(command.label, [command]))
        (self._macro or self._done[-1]).at = now
        self._notify(change)
        return change

    def begin_macro(self, label: str) -> None:
        """Group the commands pushed until end_macro() into one undo step (e.g. one drag)."""
        if self._macro is not None:
            raise RuntimeError("a macro is already open")
        if self._done:
            self._done[-1].sealed = True
        self._macro = Step(label)

    def end_macro(self) -> None:
        step, self._macro = self._macro, None
        if step is None:
            raise RuntimeError("no macro is open")
        if step.commands:
            step.sealed = True
            self._done.append(step)
        self._notify(Change())  # nothing new changed, but undo is possible again

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[None]:
        self.begin_macro(label)
        try:
            yield
        finally:
            self.end_macro()

    def in_macro(self) -> bool:
        return self._macro is not None

    def seal(self) -> None:
        """Start the next edit as a new step (the user left the text field, picked a frame…)."""
        if self._done:
            self._done[-1].sealed = True

    # -- undo and redo ------------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self._done) and self._macro is None

    def can_redo(self) -> bool:
        return bool(self._undone) and self._macro is None

    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def depth(self) -> tuple[int, int]:
        """(steps that can be undone, steps that can be redone)."""
        return len(self._done), len(self._undone)

    def undo(self) -> Change | None:
        if not self.can_undo():
            return None
        step = self._done[-1]
        change = Change()
        with self.library.transaction():
            for command in reversed(step.commands):
                change |= command.undo(self.library)
        self._done.pop()
        step.sealed = True
        self._undone.append(step)
        self._notify(change)
        return change

    def redo(self) -> Change | None:
        if not self.can_redo():
            return None
        step = self._undone[-1]
        change = Change()
        with self.library.transaction():
            for command in step.commands:
                change |= command.do(self.library)
        self._undone.pop()
        self._done.append(step)
        self._notify(change)
        return change
