"""Frame commands beyond one frame's geometry: take a Library, give undoable edits of several frames at once (align, distribute, group moves), of a frame's props (text wrap, picture caption, credit and crop) and the frames a paste brings.

Like app/edit/commands.py: each calls Library methods only, remembers what it replaced the
first time it runs, and undo puts exactly that back under the same ids.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.edit.commands import GEOMETRY
from app.edit.session import Change, Command
from app.edit.versions import swap
from app.model import Asset, Frame
from app.store import Library

Rect = tuple[float, float, float, float]  # x, y, w, h in points


class SetFramesGeometry(Command):
    """New rectangles for several frames as one step (对齐, 分布, a group dragged); later
    ones on the same frames merge into it (one drag)."""

    label = "移动版框"

    def __init__(self, rects: dict[int, Rect], label: str = "") -> None:
        self.rects = {int(k): tuple(v) for k, v in rects.items()}
        if label:
            self.label = label
        self.before: list[Frame] = []
        self.after: list[Frame] = []

    def do(self, library: Library) -> Change:
        if not self.before:
            self.before = [library.frame(i) for i in self.rects]
            self.after = [
                replace(b, x=r[0], y=r[1], w=r[2], h=r[3])
                for b, r in zip(self.before, self.rects.values(), strict=True)
            ]
            for frame in self.after:
                library.update_frame(frame)
        else:  # a redo: only over what this step left (app/edit/versions.py)
            for before, after in zip(self.before, self.after, strict=True):
                swap(library, library.frame(after.id), before, after, GEOMETRY)  # type: ignore[arg-type]
        return self._change()

    def undo(self, library: Library) -> Change:
        for before, after in zip(self.before, self.after, strict=True):
            swap(library, library.frame(after.id), after, before, GEOMETRY)  # type: ignore[arg-type]
        return self._change()

    def _change(self) -> Change:
        return Change.of(
            tuple(f.page_id for f in self.before), tuple(f.article_id for f in self.before)
        )

    def merge(self, later: Command) -> bool:
        if not isinstance(later, SetFramesGeometry) or set(later.rects) != set(self.rects):
            return False
        left = {f.id: f for f in self.after}
        if any(_moved(left[f.id], f) for f in later.before):
            return False  # another desk moved one in between: undo must not take it back
        self.rects, self.after = later.rects, later.after
        return True


# Undo step names for prop edits (translated where they are shown, like every label).
PROP_LABELS = {
    "wrap": "设置绕排",
    "caption": "编辑图片说明",
    "credit": "编辑图片说明",
    "crop": "裁切图片",
}


class SetFrameProps(Command):
    """Set (or, with None, remove) props of a frame: a text wrap, a picture's caption, credit
    or crop. Later ones on the same frame and keys merge into it (a pan is one step)."""

    def __init__(self, frame_id: int, **props: Any) -> None:
        self.frame_id = frame_id
        self.props = props
        self.label = PROP_LABELS.get(next(iter(props), ""), "编辑版框")
        # Crops made close together (the wheel zooming a picture) are one step.
        self.coalesce = set(props) == {"crop"}
        self.before: Frame | None = None
        self.after: Frame | None = None

    def do(self, library: Library) -> Change:
        if self.before is None:
            self.before = library.frame(self.frame_id)
            self.after = replace(self.before, props=_with(self.before.props, self.props))
            library.update_frame(self.after)
        else:  # a redo: only over what this step left (app/edit/versions.py)
            assert self.after is not None
            swap(library, library.frame(self.frame_id), self.before, self.after, ("props",))
        return self._change()

    def undo(self, library: Library) -> Change:
        assert self.before is not None and self.after is not None
        swap(library, library.frame(self.frame_id), self.after, self.before, ("props",))
        return self._change()

    def _change(self) -> Change:
        assert self.before is not None
        return Change.of((self.before.page_id,), (self.before.article_id,))

    def merge(self, later: Command) -> bool:
        if not (
            isinstance(later, SetFrameProps)
            and later.frame_id == self.frame_id
            and set(later.props) == set(self.props)
        ):
            return False
        self.props, self.after = later.props, later.after
        return True


def _moved(a: Frame, b: Frame) -> bool:
    return any(getattr(a, f) != getattr(b, f) for f in GEOMETRY)


def _with(props: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = {**props, **changes}
    return {k: v for k, v in out.items() if v is not None}


class PasteFrame(Command):
    """A frame from the clipboard onto a page. A frame that was cut comes back under its own
    id — a story frame keeps its place in the story's thread (cut and paste moves a story to
    another page, thread intact); a copied frame is a new one — a copied story frame becomes
    the story's next continuation frame (跨版转接). Undo takes it off the page again."""

    label = "粘贴版框"

    def __init__(self, frame: Frame, restore: bool) -> None:
        self.frame = frame if restore else replace(frame, id=None, name="")
        self.restore = restore
        self._stored: Frame | None = None
        self._status: str | None = None  # the story's status before the paste placed it

    @property
    def frame_id(self) -> int | None:
        return self._stored.id if self._stored is not None else None

    def do(self, library: Library) -> Change:
        if self._stored is None:
            frame = self.frame
            if frame.kind == "article" and frame.article_id is not None and not self.restore:
                thread = library.frames_of_article(frame.article_id)
                frame = replace(
                    frame, thread_index=1 + max((f.thread_index for f in thread), default=-1)
                )
            if self.restore:
                library.restore_frame(frame)
                self._stored = frame
            else:
                self._stored = library.add_frame(frame)
        else:
            library.restore_frame(self._stored)
        story = self._stored.article_id if self._stored.kind == "article" else None
        if story is not None:
            article = library.article(story)
            if article.status in ("draft", "edited"):
                self._status = article.status
                library.update_article(replace(article, status="placed"))
        return Change.of((self._stored.page_id,), (self._stored.article_id,))

    def undo(self, library: Library) -> Change:
        assert self._stored is not None and self._stored.id is not None
        library.delete_frame(self._stored.id)
        if self._status is not None and self._stored.article_id is not None:
            article = library.article(self._stored.article_id)
            library.update_article(replace(article, status=self._status))
            self._status = None
        return Change.of((self._stored.page_id,), (self._stored.article_id,))


class ReplacePicture(SetFrameProps):
    """Another picture in a picture frame, its crop back to the middle (caption and credit
    stay for the editor to check). The asset stays in the library after an undo."""

    transient = ("asset",)  # kept across a restart without its bytes: a redo finds them stored

    def __init__(self, frame_id: int, asset: Asset) -> None:
        super().__init__(frame_id, asset=asset.id, crop=None)
        self.label = "替换图片"
        self.coalesce = False
        self.asset = asset

    def do(self, library: Library) -> Change:
        if self.asset is not None:  # None after a restart: the library has it already
            library.put_asset(self.asset)
        return super().do(library)

    def merge(self, later: Command) -> bool:
        return False
