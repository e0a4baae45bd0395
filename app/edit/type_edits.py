"""Type settings as edits: takes the desk's choices (a story's face, 字号, 行距, indent, columns and gutter, headline style; the house style table), gives undoable commands and the IssueEditor methods that check and push them.

A story's settings live in its first frame's props (app/compose/story_type.py reads them);
columns and gutter are each frame's own. The house style is the paper's, in the library's
styles table: a change re-composes every page. Each is one undo step, kept across restarts
like every edit (app/edit/undo_log.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from app.compose import story_type as st
from app.edit.session import Change, Command, EditSession
from app.edit.versions import swap
from app.errors import UserError
from app.model import MAX_COLUMNS, Frame
from app.model.document import IssueDoc
from app.model.style import ALIGNS, HeadlineStyle, ParagraphStyle, StyleSheet
from app.store import Library
from layouts.fonts.registry import ROLES
from layouts.units import size_pt, to_mm

_TYPE_FIELDS = ("columns", "props")


class SetStoryType(Command):
    """A frame's columns and type props (None removes a prop: the style's setting again)."""

    label = "设置版式"

    def __init__(self, frame_id: int, columns: int | None = None, **props: Any) -> None:
        self.frame_id = frame_id
        self.columns = columns
        self.props = props
        self.before: Frame | None = None
        self.after: Frame | None = None

    def do(self, library: Library) -> Change:
        if self.before is None:
            b = self.before = library.frame(self.frame_id)
            merged = {**b.props, **self.props}
            self.after = replace(
                b,
                columns=b.columns if self.columns is None else self.columns,
                props={k: v for k, v in merged.items() if v is not None},
            )
            library.update_frame(self.after)
        else:  # a redo: only over what the undo left (another desk's change is a conflict)
            assert self.after is not None
            swap(library, library.frame(self.frame_id), self.before, self.after, _TYPE_FIELDS)
        return self._change()

    def undo(self, library: Library) -> Change:
        assert self.before is not None and self.after is not None
        swap(library, library.frame(self.frame_id), self.after, self.before, _TYPE_FIELDS)
        return self._change()

    def _change(self) -> Change:
        assert self.before is not None
        return Change.of((self.before.page_id,), (self.before.article_id,))


class SetColumns(SetStoryType):
    """A frame's 栏数 and 栏间距."""

    label = "设置分栏"


class SetHouseStyle(Command):
    """The paper's house style table, whole: every page is set again."""

    label = "修改版式表"

    def __init__(self, sheet: StyleSheet) -> None:
        self.sheet = sheet
        self.before: StyleSheet | None = None

    def do(self, library: Library) -> Change:
        if self.before is None:
            self.before = library.house_style()
        library.save_house_style(self.sheet)
        return Change(everything=True)

    def undo(self, library: Library) -> Change:
        assert self.before is not None
        library.save_house_style(self.before)
        return Change(everything=True)


def _check_story_props(props: dict[str, Any], sheet: StyleSheet) -> None:
    """A clear one-line refusal for a setting the composer could not use."""
    for key, value in props.items():
        if value is None:
            continue
        if key not in st.STORY_KEYS:
            raise UserError(f"没有这项版式“{key}” / no type setting {key!r}")
        if key in (st.HEADLINE_FONT, st.BODY_FONT) and value not in ROLES:
            raise UserError(f"未知字体“{value}” / unknown face {value!r}")
        if key == st.HEADLINE_ALIGN and value not in ALIGNS:
            raise UserError(f"未知对齐方式“{value}” / unknown alignment {value!r}")
        if key == st.HEADLINE_STYLE and not isinstance(sheet.style(value), HeadlineStyle):
            raise UserError(f"版式表里没有标题样式“{value}” / no headline style {value!r}")
        if key == st.PARAGRAPH_STYLE and not isinstance(sheet.style(value), ParagraphStyle):
            raise UserError(f"版式表里没有段落样式“{value}” / no paragraph style {value!r}")
        if (
            key in (st.BODY_SIZE, st.HEADLINE_SIZE)
            and st.body_points({st.BODY_SIZE: value}) is None
        ):
            raise UserError(f"字号“{value}”无法使用（4–72 磅） / size {value!r}: 4 to 72 pt")
        if key == st.INDENT and not (isinstance(value, int | float) and 0 <= value <= 10):
            raise UserError("首行缩进在 0 到 10 字之间 / first-line indent: 0 to 10 字")


class TypeEdits:
    """IssueEditor's type settings (a mixin: the editor supplies these)."""

    doc: IssueDoc
    session: EditSession
    frame: Callable[[int], Frame]

    def story_frame(self, frame_id: int) -> Frame:
        """The frame holding the story's settings: the first of the thread `frame_id` is in."""
        frame = self.frame(frame_id)
        if frame.kind != "article" or frame.article_id is None:
            return frame
        thread = self.doc.thread(frame.article_id)
        return thread[0] if thread else frame

    def set_story_type(self, frame_id: int, **props: Any) -> None:
        """Set (None: back to the style's) type settings of the story in `frame_id`; one step.
        The body's leading is checked against the size it will be set in."""
        first = self.story_frame(frame_id)
        _check_story_props(props, self.doc.style)
        if props.get(st.HEADLINE_SIZE) is not None:
            props[st.HEADLINE_SIZE] = size_pt(props[st.HEADLINE_SIZE])
        merged = {**first.props, **props}
        size = st.body_points(merged) or 9.0
        leading = merged.get(st.LEADING)
        if leading is not None and not (size <= leading <= size * 4):
            raise UserError(
                f"行距 {to_mm(leading):.1f} 毫米放不下 {size:g} 磅的字 / leading {leading:g} pt "
                f"does not suit {size:g} pt type"
            )
        if all(first.props.get(k) == v for k, v in props.items()):
            return
        self.session.push(SetStoryType(first.id, **props))  # type: ignore[arg-type]

    def set_columns(self, frame_id: int, columns: int, gutter: float | None) -> None:
        """栏数 and 栏间距 (points; None: the grid's 1 字) of one frame; one step."""
        frame = self.frame(frame_id)
        if not 1 <= columns <= MAX_COLUMNS:
            raise UserError(f"栏数在 1 到 {MAX_COLUMNS} 之间 / 1 to {MAX_COLUMNS} columns")
        if gutter is not None and not 0 <= gutter * (columns - 1) < frame.w:
            raise UserError("栏间距太宽，栏里放不下字 / the gutters leave no room for text")
        if frame.columns == columns and frame.props.get(st.GUTTER) == gutter:
            return
        self.session.push(SetColumns(frame_id, columns, gutter=gutter))

    def set_house_style(self, sheet: StyleSheet) -> None:
        """A new house style table for the paper, applied to every page at once; one step."""
        if sheet != self.doc.style:
            self.session.push(SetHouseStyle(sheet))
