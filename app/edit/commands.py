"""Editing commands: take a Library, give undoable edits (place, move, resize, fit, delete, continue, text, picture, QR, revision).

Each command only calls Library methods; the EditSession (app/edit/session.py) runs it inside one
transaction, so every edit is on disk before the screen shows it. A command remembers what
it replaced the first time it runs, so undo puts exactly that back, under the same ids.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.edit.marks import MarkChanges, follow_text_edit
from app.edit.placement import grid_rect
from app.edit.revisions import apply_snapshot, take_snapshot
from app.edit.session import Change, Command
from app.edit.versions import check_base, rebased_marks, swap
from app.errors import UserError
from app.model import Article, Asset, Frame
from app.model.proof import Mark
from app.store import Library, LibraryError
from layouts.flow import FrameFill
from layouts.grid import PageGrid


def _same(a: Any, b: Any, fields: tuple[str, ...]) -> bool:
    return a is not None and b is not None and all(getattr(a, f) == getattr(b, f) for f in fields)


def frame_on_grid(
    grid: PageGrid, page_id: int, col: int, span: int, y: float, lines: int, **fields: Any
) -> Frame:
    """A frame `span` columns wide from column `col`, its top on the baseline grid, `lines` deep."""
    if lines < 1:
        raise ValueError("a frame is at least one line deep")
    x, y, w, h = grid_rect(grid, col, span, y, lines)  # the whole span on the page's grid
    span = max(1, min(span, grid.columns))
    return Frame(x=x, y=y, w=w, h=h, page_id=page_id, columns=fields.pop("columns", span), **fields)


# -- frames that appear -----------------------------------------------------------------------


class AddFrame(Command):
    """Put a new frame on a page; undo removes it, redo brings it back under the same id."""

    label = "添加版框"

    def __init__(self, frame: Frame) -> None:
        self.frame = replace(frame, id=None)
        self._stored: Frame | None = None

    @property
    def frame_id(self) -> int | None:
        return self._stored.id if self._stored is not None else None

    def _add(self, library: Library) -> None:
        if self._stored is None:
            self._stored = library.add_frame(self.frame)
        else:
            self._stored = library.restore_frame(self._stored)

    def do(self, library: Library) -> Change:
        self._add(library)
        return Change.of((self.frame.page_id,), (self.frame.article_id,))

    def undo(self, library: Library) -> Change:
        assert self._stored is not None and self._stored.id is not None
        library.delete_frame(self._stored.id)
        return Change.of((self.frame.page_id,), (self.frame.article_id,))


class PlaceArticle(AddFrame):
    """Drop a story from the bin onto a page: an article frame on the grid, text flowing in.

    A story that already has frames gets this one as the next link of its thread (跨版转接),
    which is ContinueArticle. Placing a draft or edited story marks it 'placed'.
    """

    label = "放置稿件"

    def __init__(
        self,
        article_id: int,
        page_id: int,
        grid: PageGrid,
        col: int,
        span: int,
        y: float,
        lines: int,
        name: str = "",
    ) -> None:
        super().__init__(
            frame_on_grid(
                grid, page_id, col, span, y, lines, kind="article", article_id=article_id, name=name
            )
        )
        self.article_id = article_id
        self._status: str | None = None  # the story's status before it was placed

    def do(self, library: Library) -> Change:
        if self._stored is None:
            thread = library.frames_of_article(self.article_id)
            index = 1 + max((f.thread_index for f in thread), default=-1)
            self.frame = replace(self.frame, thread_index=index)
        self._add(library)
        article = library.article(self.article_id)
        if article.status in ("draft", "edited"):
            self._status = article.status
            library.update_article(replace(article, status="placed"))
        return Change.of((self.frame.page_id,), (self.article_id,))

    def undo(self, library: Library) -> Change:
        change = super().undo(library)
        if self._status is not None:
            library.update_article(replace(library.article(self.article_id), status=self._status))
            self._status = None
        return change


class ContinueArticle(PlaceArticle):
    """Continue a story in a further frame, usually on another page; jump lines follow."""

    label = "续排稿件"

    def do(self, library: Library) -> Change:
        if self._stored is None and not library.frames_of_article(self.article_id):
            raise LibraryError(
                "稿件尚未上版，无法续排 / the story is not placed yet: place it first"
            )
        return super().do(library)


class AddImageFrame(AddFrame):
    """A picture (already checked by app/intake/pictures.py) in a new image frame.

    The asset stays in the library after an undo: it is stored once by its hash and costs
    nothing to keep; a redo then finds it there.
    """

    label = "添加图片"
    transient = ("asset",)  # after a restart a redo finds the picture in the library

    def __init__(self, frame: Frame, asset: Asset, caption: str = "") -> None:
        props = {**frame.props, "asset": asset.id}
        if caption:
            props["caption"] = caption
        super().__init__(replace(frame, kind="image", article_id=None, props=props))
        self.asset = asset

    def do(self, library: Library) -> Change:
        if self.asset is not None:
            library.put_asset(self.asset)
        return super().do(library)


class AddQRFrame(AddFrame):
    """A QR slot: payload and caption in the frame's props (the publication's by default)."""

    label = "添加二维码"

    def __init__(self, frame: Frame, payload: str = "", caption: str = "", error: str = "M"):
        props = {**frame.props, "error": error}
        if payload:
            props["payload"] = payload
        if caption:
            props["caption"] = caption
        super().__init__(replace(frame, kind="qr", article_id=None, props=props))


# -- frames that change or go ------------------------------------------------------------------


GEOMETRY = ("x", "y", "w", "h", "columns")  # what SetFrameGeometry changes, undoes and redoes


class SetFrameGeometry(Command):
    """Give one frame a new rectangle; consecutive ones on the same frame merge (one drag)."""

    label = "调整版框"

    def __init__(
        self,
        frame_id: int,
        x: float,
        y: float,
        w: float | None = None,  # None: keep the size
        h: float | None = None,
        columns: int | None = None,  # None: keep the text columns
        base: int | None = None,  # the frame's version the desk moved it from (versions.py)
    ) -> None:
        self.frame_id = frame_id
        self.geometry = (x, y, w, h, columns)
        self.base = base
        self.before: Frame | None = None
        self.after: Frame | None = None

    def do(self, library: Library) -> Change:
        current = library.frame(self.frame_id)
        if self.before is None:  # the first time
            check_base(current, self.base, library)
            x, y, w, h, columns = self.geometry
            self.before, self.after = (
                current,
                replace(
                    current,
                    x=x,
                    y=y,
                    w=current.w if w is None else w,
                    h=current.h if h is None else h,
                    columns=current.columns if columns is None else columns,
                ),
            )
            library.update_frame(self.after)
        else:  # a redo
            assert self.after is not None
            swap(library, current, self.before, self.after, GEOMETRY)
        return self._change()

    def undo(self, library: Library) -> Change:
        assert self.before is not None and self.after is not None
        swap(library, library.frame(self.frame_id), self.after, self.before, GEOMETRY)
        return self._change()

    def _change(self) -> Change:
        assert self.before is not None
        return Change.of((self.before.page_id,), (self.before.article_id,))

    def merge(self, later: Command) -> bool:
        if not isinstance(later, SetFrameGeometry) or later.frame_id != self.frame_id:
            return False
        if not _same(later.before, self.after, GEOMETRY):
            return False  # another desk moved it in between: its own step
        self.after = later.after
        if later.label != self.label:
            self.label = SetFrameGeometry.label  # a move and a resize in one drag
        return True


class MoveFrame(SetFrameGeometry):
    """Move a frame's top-left to (x, y) points, its size kept."""

    label = "移动版框"

    def __init__(self, frame_id: int, x: float, y: float, base: int | None = None) -> None:
        super().__init__(frame_id, x, y, base=base)


class ResizeFrame(SetFrameGeometry):
    """Give a frame a new rectangle in points (and text columns, if given)."""

    label = "调整版框大小"


def fitted_frame(frame: Frame, fill: FrameFill, leading: float) -> Frame | None:
    """The story frame shortened to the text it holds: its whole spare lines at the foot cut
    (the frame's top and its grid stay; the deepest leg still fits). None when nothing is to
    spare: the frame is full (or overset), or holds nothing of its story (delete it instead)."""
    if fill.depth == 0 or fill.spare_lines <= 0:
        return None
    return replace(frame, h=frame.h - fill.spare_lines * leading)


class FitFrameToText(ResizeFrame):
    """适配高度: a frame whose story ends early loses the white under its legs, in whole lines."""

    label = "适配高度"

    def __init__(self, frame: Frame, fill: FrameFill, leading: float) -> None:
        fitted = fitted_frame(frame, fill, leading)
        if fitted is None or frame.id is None:
            raise UserError(
                "版框已无空行可减 / the frame has no whole line to spare"
                if fill.depth
                else "版框中没有文字，可删除 / the frame holds no text: delete it instead"
            )
        # From the frame as the desk showed it: another desk's move since is a conflict.
        super().__init__(frame.id, frame.x, frame.y, frame.w, fitted.h, base=frame.version or None)


class DeleteFrame(Command):
    """Remove a frame; a story left with no frame goes back to the bin as 'edited'."""

    label = "删除版框"

    def __init__(self, frame_id: int) -> None:
        self.frame_id = frame_id
        self._frame: Frame | None = None
        self._status: str | None = None

    def do(self, library: Library) -> Change:
        frame = self._frame = library.frame(self.frame_id)
        library.delete_frame(self.frame_id)
        story = frame.article_id if frame.kind == "article" else None
        if story is not None and not library.frames_of_article(story):
            article = library.article(story)
            if article.status == "placed":
                self._status = article.status
                library.update_article(replace(article, status="edited"))
        return Change.of((frame.page_id,), (frame.article_id,))

    def undo(self, library: Library) -> Change:
        frame = self._frame
        assert frame is not None
        self._frame = library.restore_frame(frame)
        if self._status is not None and frame.article_id is not None:
            article = library.article(frame.article_id)
            library.update_article(replace(article, status=self._status))
            self._status = None
        return Change.of((frame.page_id,), (frame.article_id,))


# -- text -------------------------------------------------------------------------------------

TEXT_FIELDS = ("kicker", "headline", "subheadline", "byline", "paragraphs")


class EditArticleText(Command):
    """New headline group and/or body for a story; keystrokes into one story merge. Proof
    marks on text it changes become fixed and the others move with their characters; undo
    puts the marks back as they were."""

    label = "编辑文字"
    coalesce = True

    def __init__(self, article_id: int, base: int | None = None, **text: Any) -> None:
        """`base`: the story's version the desk's text started from (app/edit/versions.py)."""
        unknown = set(text) - set(TEXT_FIELDS)
        if unknown:
            raise ValueError(f"not a text field of an article: {', '.join(sorted(unknown))}")
        if "paragraphs" in text:
            text["paragraphs"] = [str(p) for p in text["paragraphs"]]
        self.article_id = article_id
        self.base = base
        self.text = text
        self._before: Article | None = None
        self._after: Article | None = None
        self._marks: MarkChanges | None = None

    def do(self, library: Library) -> Change:
        current = library.article(self.article_id)
        if self._before is None:  # the first time
            check_base(current, self.base, library)
            self._before = current
            self._after = replace(current, **self.text)
            self._marks = follow_text_edit(
                library, self.article_id, current.paragraphs, self._after.paragraphs
            )
            library.update_article(self._after)
        else:  # a redo puts back exactly this text and these marks
            assert self._after is not None
            swap(library, current, self._before, self._after, TEXT_FIELDS)
        assert self._marks is not None
        self._marks.apply(library)
        return Change.of(articles=(self.article_id,))

    def undo(self, library: Library) -> Change:
        assert self._before is not None and self._after is not None and self._marks is not None
        swap(library, library.article(self.article_id), self._after, self._before, TEXT_FIELDS)
        self._marks.revert(library)
        return Change.of(articles=(self.article_id,))

    def absorb(self, later: Command) -> bool:
        """While both wait to be saved, one edit: the later text wins field by field."""
        if not isinstance(later, EditArticleText) or later.article_id != self.article_id:
            return False
        if self._before is not None or later._before is not None:
            return False  # one of them has run: merge() is for those
        if later.base != self.base:
            return False  # a later text started from another version: saved on its own
        self.text = {**self.text, **later.text}
        return True

    def merge(self, later: Command) -> bool:
        if not isinstance(later, EditArticleText) or later.article_id != self.article_id:
            return False
        if not _same(later._before, self._after, TEXT_FIELDS):
            return False  # another desk's change in between: undo must not take it back
        assert self._marks is not None and later._marks is not None
        self._after = later._after
        self._marks = self._marks.then(later._marks)
        return True


# -- revisions --------------------------------------------------------------------------------


class RestoreRevision(Command):
    """Go back to a named revision; stories written since stay in the bin. Undo returns
    exactly to the state it replaced."""

    label = "恢复版本"

    def __init__(self, issue_id: int, revision_id: int) -> None:
        self.issue_id = issue_id
        self.revision_id = revision_id
        self._before: dict[str, Any] | None = None
        self._marks_before: list[Mark] = []

    def do(self, library: Library) -> Change:
        if self._before is None:
            self._before = take_snapshot(library, self.issue_id)
            self._marks_before = library.marks(issue_id=self.issue_id)
        apply_snapshot(library, self.issue_id, library.revision_snapshot(self.revision_id))
        return Change(everything=True)

    def undo(self, library: Library) -> Change:
        assert self._before is not None
        apply_snapshot(library, self.issue_id, self._before, prune=True, follow_marks=False)
        library.update_marks(rebased_marks(library, self._marks_before))
        return Change(everything=True)
