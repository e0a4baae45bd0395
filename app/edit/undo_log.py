"""Undo history kept in the library: takes undo steps (commands with what they remembered), gives JSON rows and back, so Ctrl+Z after a restart undoes the edits made before it.

A command is kept as its class and its attributes. Values are JSON with tags for what JSON
lacks (tuples, sets, dicts with non-string keys, bytes, datetimes) and for dataclasses and
commands, which are rebuilt only from our own modules (never an arbitrary class named in a
file). A command that holds something else, or names attributes in `transient` that it can do
without after a restart, keeps only the rest; a step that cannot be kept is stored as a wall:
after a restart the history stops there.
"""

from __future__ import annotations

import base64
import dataclasses
import importlib
import json
from datetime import date, datetime
from typing import Any

from app.edit.session import Command, Step
from app.store import Library

# Classes the log may rebuild come from these packages only.
_DATA_MODULES = ("app.model", "app.edit", "app.proof", "layouts")
_COMMAND_MODULES = ("app.edit",)
KEPT_STEPS = 200  # at most this many undo steps come back after a restart


class NotKept(ValueError):
    """A value the log does not store (the step becomes a wall)."""


def _name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"~t": [_encode(v) for v in value]}
    if isinstance(value, set | frozenset):
        return {"~s": [_encode(v) for v in value], "f": isinstance(value, frozenset)}
    if isinstance(value, dict):
        return {"~d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, bytes):
        return {"~b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"~dt": value.isoformat()}
    if isinstance(value, date):
        return {"~da": value.isoformat()}
    if isinstance(value, Command):
        return encode_command(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not value.__class__.__module__.startswith(_DATA_MODULES):
            raise NotKept(_name(value.__class__))
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"~dc": _name(value.__class__), "v": fields}
    raise NotKept(type(value).__name__)


def encode_command(command: Command) -> dict[str, Any]:
    cls = command.__class__
    if not cls.__module__.startswith(_COMMAND_MODULES) or not command.kept:
        raise NotKept(_name(cls))
    state = {k: _encode(v) for k, v in vars(command).items() if k not in command.transient}
    return {"~cmd": _name(cls), "v": state}


def _class(name: str, modules: tuple[str, ...]) -> type:
    module, _, qualname = name.partition(":")
    if not module.startswith(modules):
        raise NotKept(name)
    try:
        found: Any = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError) as e:  # renamed since: the step cannot come back
        raise NotKept(name) from e
    if not isinstance(found, type):
        raise NotKept(name)
    return found


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "~t" in value:
        return tuple(_decode(v) for v in value["~t"])
    if "~s" in value:
        items = [_decode(v) for v in value["~s"]]
        return frozenset(items) if value.get("f") else set(items)
    if "~d" in value:
        return {_decode(k): _decode(v) for k, v in value["~d"]}
    if "~b" in value:
        return base64.b64decode(value["~b"])
    if "~dt" in value:
        return datetime.fromisoformat(value["~dt"])
    if "~da" in value:
        return date.fromisoformat(value["~da"])
    if "~cmd" in value:
        return decode_command(value)
    if "~dc" in value:
        cls = _class(value["~dc"], _DATA_MODULES)
        if not dataclasses.is_dataclass(cls):
            raise NotKept(value["~dc"])
        obj = object.__new__(cls)
        names = {f.name for f in dataclasses.fields(cls)}
        for k, v in value["v"].items():
            if k in names:
                object.__setattr__(obj, k, _decode(v))  # frozen and slotted ones too
        return obj
    raise NotKept("an untagged object")


def decode_command(value: dict[str, Any]) -> Command:
    cls = _class(value["~cmd"], _COMMAND_MODULES)
    if not issubclass(cls, Command):
        raise NotKept(value["~cmd"])
    command = object.__new__(cls)
    for name in cls.transient:
        setattr(command, name, None)
    for k, v in value["v"].items():
        setattr(command, k, _decode(v))
    return command


def step_payload(step: Step) -> str | None:
    """The step as stored text; None when it cannot be kept (a wall)."""
    try:
        commands = [encode_command(c) for c in step.commands]
    except NotKept:
        return None
    return json.dumps({"label": step.label, "commands": commands}, ensure_ascii=False)


def step_from_payload(payload: str | None) -> Step | None:
    if payload is None:
        return None
    try:
        data = json.loads(payload)
        return Step(data["label"], [decode_command(c) for c in data["commands"]], sealed=True)
    except (NotKept, ValueError, KeyError, TypeError, AttributeError):
        return None


def _usable(rows: list[tuple[str, str | None]]) -> tuple[list[Step], bool]:
    """The steps above the last wall (the newest first to be undone/redone), at most
    KEPT_STEPS; and whether any were left out (the rows must be written again)."""
    steps: list[Step] = []
    for _label, payload in reversed(rows):
        step = step_from_payload(payload)
        if step is None or len(steps) == KEPT_STEPS:
            break
        steps.append(step)
    steps.reverse()
    return steps, len(steps) != len(rows)


class UndoLog:
    """One issue's undo history in its library: read once when the issue opens, then kept in
    step with the session (inside the session's own transactions)."""

    def __init__(self, library: Library, issue_id: int) -> None:
        self.library = library
        self.issue_id = issue_id
        self._known = -1  # the change count our last write left (-1: none yet)

    def load(self) -> tuple[list[Step], list[Step]]:
        """(done, undone) as they were when the issue was last edited here; nothing when the
        issue was changed elsewhere since (an undo could overwrite that change)."""
        found = self.library.undo_steps(self.issue_id)
        if found is None:
            return [], []
        (done, cut_done), (undone, cut_undone) = _usable(found[0]), _usable(found[1])
        self._known = self.library.undo_changes(self.issue_id)
        if cut_done or cut_undone:
            self._rewrite(done, undone)
        return done, undone

    def _rewrite(self, done: list[Step], undone: list[Step]) -> None:
        with self.library.transaction():
            for side, steps in (("done", done), ("undone", undone)):
                self.library.drop_undo_steps(self.issue_id, side)
                for i, step in enumerate(steps):
                    self.library.put_undo_step(
                        self.issue_id, side, i, step.label, step_payload(step)
                    )
            self._seal()

    def _seal(self) -> None:
        self.library.mark_undo_logged(self.issue_id)
        self._known = self.library.undo_changes(self.issue_id)

    def sync(self, done: list[Step], undone: list[Step], changes_before: int) -> None:
        """Write the tops of both stacks and forget rows past their ends; the caller holds
        the transaction in which the edit itself was made. If the issue changed elsewhere
        since our last write (`changes_before` differs), write the whole history again."""
        if changes_before != self._known:
            self._rewrite(done, undone)
            return
        for side, steps in (("done", done), ("undone", undone)):
            self.library.drop_undo_steps(self.issue_id, side, len(steps))
            if steps:
                top = steps[-1]
                self.library.put_undo_step(
                    self.issue_id, side, len(steps) - 1, top.label, step_payload(top)
                )
        self._seal()

    def changes(self) -> int:
        return self.library.undo_changes(self.issue_id)

    def track(self, changes_before: int) -> None:
        """An edit of ours was made but not written yet (a macro still open): its changes are
        ours, so the write at the macro's end need not start over."""
        if changes_before == self._known:
            self._known = self.changes()
