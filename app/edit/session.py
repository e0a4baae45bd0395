"""The undo stack: takes commands and a Library, runs and persists each at once, gives undo/redo steps, change callbacks and a queue of edits waiting to be saved.

No Qt: listeners are plain callables. A step is one or more commands (a macro, e.g. a whole
drag); undoing it undoes them all, newest first, in one transaction. Typing into one story
merges into one step while the keystrokes come close together (napari, orange-canvas-core).

When the library cannot take a write (read-only, another program holding it, disk full:
LibraryUnavailable) the edit is not lost: it waits in the session, in order, with every edit
made after it, and `flush()` saves them as soon as it can (the window retries on a timer).
Nothing that waits is in the undo stack yet; undo and redo wait for the queue to empty.

With an undo log (app/edit/undo_log.py) the stack is read from the library when the session
starts and its changed steps are written in the same transaction as each edit, undo and redo,
so the history survives a restart and never disagrees with the text it undoes.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from app.store import Library, LibraryUnavailable

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
    # Whether the undo log may keep it across a restart, and which of its attributes it can
    # do without after one (they come back as None).
    kept: bool = True
    transient: tuple[str, ...] = ()

    def do(self, library: Library) -> Change:
        raise NotImplementedError

    def undo(self, library: Library) -> Change:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        return False

    def absorb(self, later: Command) -> bool:
        """Fold a later command into this one while neither has run (both wait to be saved):
        True if it did. Typing while the library is held keeps one edit, not hundreds."""
        return False


@dataclass
class Step:
    """One undo step: the commands of a macro (or a single command), oldest first."""

    label: str
    commands: list[Command] = field(default_factory=list)
    sealed: bool = False  # no more merging into it (the macro ended, or the user moved on)
    at: float = 0.0  # when its last command arrived (for merging keystrokes)


Listener = Callable[[Change], None]


@dataclass(frozen=True, slots=True)
class SaveState:
    """What the window shows about saving: how many actions wait, why the last try failed,
    and the actions that can never be saved (their one-line reasons)."""

    waiting: int = 0
    error: Exception | None = None
    dropped: tuple[str, ...] = ()


SaveListener = Callable[[SaveState], None]


class StepLog(Protocol):
    """Where the undo stack is kept between runs (app/edit/undo_log.UndoLog)."""

    def load(self) -> tuple[list[Step], list[Step]]: ...
    def changes(self) -> int: ...
    def track(self, changes_before: int) -> None: ...
    def sync(self, done: list[Step], undone: list[Step], changes_before: int) -> None: ...


@dataclass
class _Waiting:
    """An edit, undo or redo not yet in the library."""

    action: str  # "do", "undo", "redo", "end" (of the macro)
    command: Command | None = None
    macro: Step | None = None  # the macro it was pushed into
    sealed: bool = False  # the user moved on after it: the next edit starts a new step


class EditSession:
    """Undo and redo over a Library: every command is committed before push() returns, or —
    when the library cannot take it now — waits, in order, to be saved by flush()."""

    def __init__(
        self,
        library: Library,
        clock: Callable[[], float] = time.monotonic,
        log: StepLog | None = None,
    ) -> None:
        self.library = library
        self._clock = clock
        self._log = log
        self._done: list[Step] = []
        self._undone: list[Step] = []
        if log is not None:
            self._done, self._undone = log.load()
        self._macro: Step | None = None
        self._listeners: list[Listener] = []
        self._save_listeners: list[SaveListener] = []
        self._waiting: list[_Waiting] = []
        self._error: Exception | None = None
        # A waiting edit the library refuses for a reason of its own (another desk changed
        # the story meanwhile: LibraryConflict) is offered here first; True: taken care of
        # (merged, or kept for the desk to settle), not dropped.
        self.on_refused: Callable[[Command, Exception], bool] | None = None
        # Asked before every edit is tried: raises to refuse it (a page another desk has
        # checked out: app/edit/checkout.py), nothing changed and nothing queued.
        self.guard: Callable[[Command], None] | None = None

    # -- listening --------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every push, undo and redo; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    def on_save(self, listener: SaveListener) -> Callable[[], None]:
        """Call `listener(state)` when an edit could not be saved, when more wait, and when
        all that waited is saved; returns an unsubscribe."""
        self._save_listeners.append(listener)
        return lambda: self._save_listeners.remove(listener)

    def _tell(self, dropped: tuple[str, ...] = ()) -> None:
        state = SaveState(self.unsaved, self._error if self._waiting else None, dropped)
        for listener in list(self._save_listeners):
            listener(state)

    @property
    def unsaved(self) -> int:
        """How many edits (and undos, redos) wait to be saved; 0 when the library has them all."""
        return sum(w.action != "end" for w in self._waiting)

    @property
    def save_error(self) -> Exception | None:
        """Why the last try to save failed, while something waits."""
        return self._error if self._waiting else None

    # -- running ------------------------------------------------------------------------------

    def _run(
        self, commands: list[Command], undo: bool = False, then: Callable[[], None] | None = None
    ) -> Change:
        """Do (or undo, newest first) `commands` in one transaction, then `then()` (which puts
        them on the stack) and the log's write. On failure the library is unchanged and so are
        the commands and the stack: what a half-run do() remembered is forgotten."""
        kept = [dict(vars(c)) for c in commands]
        restore = self._memo()
        change = Change()
        # The change log names the edit (撤销 for an undo) with the desk and person.
        self.library.command = (
            f"撤销 {commands[0].label}"
            if undo and commands
            else (commands[0].label if commands else "")
        )
        try:
            with self.library.transaction():
                before = self._log.changes() if self._log is not None else 0
                for command in reversed(commands) if undo else commands:
                    change |= command.undo(self.library) if undo else command.do(self.library)
                if then is not None:
                    then()
                if self._log is not None:
                    if self._macro is None:
                        self._log.sync(self._done, self._undone, before)
                    else:  # the macro is written whole when it ends
                        self._log.track(before)
        except BaseException:
            for command, state in zip(commands, kept, strict=True):
                vars(command).clear()
                vars(command).update(state)
            restore()
            raise
        finally:
            self.library.command = ""
        return change

    def _memo(self) -> Callable[[], None]:
        """A way back to the stack as it is now (the top step and the open macro included,
        and the command a merge would change)."""
        done, undone = list(self._done), list(self._undone)
        steps = [s for s in (done[-1] if done else None, self._macro) if s is not None]
        saved = [(s, s.label, s.sealed, s.at, list(s.commands)) for s in steps]
        last = [(c, dict(vars(c))) for s in steps for c in s.commands[-1:]]

        def restore() -> None:
            self._done[:], self._undone[:] = done, undone
            for step, label, sealed, at, commands in saved:
                step.label, step.sealed, step.at, step.commands[:] = label, sealed, at, commands
            for command, state in last:
                vars(command).clear()
                vars(command).update(state)

        return restore

    def _sync_alone(self) -> None:
        """Write the stack in a transaction of its own (a macro ended). If the library cannot
        take it now, the kept history goes stale and is not offered after a restart."""
        if self._log is None:
            return
        with contextlib.suppress(LibraryUnavailable), self.library.transaction():
            self._log.sync(self._done, self._undone, self._log.changes())

    def _record(
        self, command: Command, macro: Step | None, sealed: bool = False, join: bool = False
    ) -> None:
        """Put a command that is now in the library on the undo stack; `join`: merge into an
        open step of the same kind however long ago it was (one inspector field's edit)."""
        self._undone.clear()
        now = self._clock()
        if macro is not None:
            if not (macro.commands and macro.commands[-1].merge(command)):
                macro.commands.append(command)
            macro.at = now
            return
        top = self._done[-1] if self._done else None
        mergeable = (
            command.coalesce
            and top is not None
            and not top.sealed
            and (join or now - top.at <= MERGE_WINDOW)
        )
        if not (mergeable and len(top.commands) == 1 and top.commands[0].merge(command)):  # type: ignore[union-attr]
            if top is not None:
                top.sealed = True
            self._done.append(Step(command.label, [command]))
        self._done[-1].at = now
        self._done[-1].sealed |= sealed

    # -- pushing ------------------------------------------------------------------------------

    def push(self, command: Command, *, wait: bool = True, join: bool = False) -> Change:
        """Do `command` (committed at once) and record it; a command that fails for a reason
        of its own changes nothing and raises. If the library cannot take it now, or earlier
        edits still wait, it waits too: nothing changed yet (an empty Change is returned).
        With `wait=False` (the caller needs the result now) it raises LibraryUnavailable
        instead, after trying to save what waits. `join` merges a coalescing command into the
        open step whatever the time since (see _record)."""
        if self.guard is not None:
            self.guard(command)
        if self._waiting and not wait and not self.flush():
            raise self._error  # type: ignore[misc]
        if self._waiting:
            self._wait(command)
            return Change()
        macro = self._macro
        try:
            change = self._run([command], then=lambda: self._record(command, macro, join=join))
        except LibraryUnavailable as e:
            if not wait:
                raise
            self._error = e
            self._wait(command)
            return Change()
        self._notify(change)
        return change

    def _wait(self, command: Command) -> None:
        last = self._waiting[-1] if self._waiting else None
        same_place = last is not None and last.action == "do" and last.macro is self._macro
        if not (same_place and not last.sealed and last.command.absorb(command)):  # type: ignore[union-attr]
            self._waiting.append(_Waiting("do", command, self._macro))
        self._tell()

    def flush(self) -> bool:
        """Save what waits, oldest first, each as it would have been saved; True when nothing
        waits any more. Stops at the first LibraryUnavailable (tell listeners, try later); an
        action that can never be saved (its story deleted meanwhile…) is dropped and named."""
        if not self._waiting:
            return True
        change, dropped = Change(), []
        try:
            while self._waiting:
                entry = self._waiting[0]
                try:
                    change |= self._replay(entry)
                except LibraryUnavailable:
                    raise
                except Exception as e:  # this one cannot be saved: say so, save the rest
                    del self._waiting[0]
                    handler, command = self.on_refused, entry.command
                    if handler is None or command is None or not handler(command, e):
                        dropped.append(str(e) or type(e).__name__)
                    change |= Change(everything=True)  # what it showed meanwhile must go
                    continue
                del self._waiting[0]
        except LibraryUnavailable as e:
            self._error = e
        if change != Change():
            self._notify(change)
        self._tell(tuple(dropped))
        return not self._waiting

    def _replay(self, entry: _Waiting) -> Change:
        if entry.action == "end":
            assert entry.macro is not None
            if entry.macro.commands:
                entry.macro.sealed = True
                self._done.append(entry.macro)
                self._sync_alone()
            return Change()
        if entry.action == "undo":
            return self._undo_now()
        if entry.action == "redo":
            return self._redo_now()
        command = entry.command
        assert command is not None
        return self._run([command], then=lambda: self._record(command, entry.macro, entry.sealed))

    def begin_macro(self, label: str) -> None:
        """Group the commands pushed until end_macro() into one undo step (e.g. one drag)."""
        if self._macro is not None:
            raise RuntimeError("a macro is already open")
        self.seal()
        self._macro = Step(label)

    def end_macro(self) -> None:
        step, self._macro = self._macro, None
        if step is None:
            raise RuntimeError("no macro is open")
        if any(w.macro is step for w in self._waiting):
            # Its commands wait: it takes its place in the stack after them, in order.
            self._waiting.append(_Waiting("end", macro=step))
        elif step.commands:
            step.sealed = True
            self._done.append(step)
            self._sync_alone()
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
        if self._waiting:
            self._waiting[-1].sealed = True
        elif self._done:
            self._done[-1].sealed = True

    # -- undo and redo ------------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self._done) and self._macro is None and not self._waiting

    def can_redo(self) -> bool:
        return bool(self._undone) and self._macro is None and not self._waiting

    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def depth(self) -> tuple[int, int]:
        """(steps that can be undone, steps that can be redone)."""
        return len(self._done), len(self._undone)

    def undo(self) -> Change | None:
        """Undo the last step; if the library cannot take it now, the undo waits like an edit."""
        return self._step("undo") if self.can_undo() else None

    def redo(self) -> Change | None:
        return self._step("redo") if self.can_redo() else None

    def _step(self, action: str) -> Change | None:
        try:
            change = self._undo_now() if action == "undo" else self._redo_now()
        except LibraryUnavailable as e:
            self._error = e
            self._waiting.append(_Waiting(action))
            self._tell()
            return None
        self._notify(change)
        return change

    def _undo_now(self) -> Change:
        if not self._done:  # what it would have undone never landed
            return Change()
        step = self._done[-1]

        def moved() -> None:
            self._done.pop()
            step.sealed = True
            self._undone.append(step)

        return self._run(step.commands, undo=True, then=moved)

    def _redo_now(self) -> Change:
        if not self._undone:
            return Change()
        step = self._undone[-1]

        def moved() -> None:
            self._undone.pop()
            self._done.append(step)

        return self._run(step.commands, then=moved)
