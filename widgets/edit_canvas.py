"""Editing canvas: a PageCanvas that takes pointer, key and drop events and gives IssueEditor edits (select one or several frames, move, resize, nudge, drop, pan the picture in its frame).

The geometry rules live in app/edit/placement.py and arrange.py; a whole drag is one undo step
(a macro) whose moves are each committed and re-flowed as the pointer crosses grid lines, so
the text and the 超N字 badge follow the frames live. Click selects a frame, Shift+click adds or
removes one, a rubber band from empty canvas selects what it touches; the middle button or
Space with the left pans the view. Drops are in widgets/canvas_drops.py, picture crop and pan
(Alt-drag, the wheel, 裁切 mode) in widgets/crop_tool.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from app.edit import arrange, placement
from app.edit.commands import MoveFrame, ResizeFrame
from app.edit.editor import IssueEditor
from app.errors import UserError
from app.model import Frame
from app.store import LibraryError
from widgets.canvas import PageCanvas
from widgets.canvas_drops import DropTarget
from widgets.crop_tool import CropTool
from widgets.frame_overlay import paint_clashes, paint_selection, paint_wraps
from widgets.marks_overlay import MarksOverlay
from widgets.painter import PagePainter
from widgets.text_edit_overlay import TextEditOverlay

log = logging.getLogger(__name__)

HANDLE_PX = 8  # side of a resize handle in screen pixels
BAND_PX = 3  # a press that moves less than this is a click, not a rubber band
_DROP = QColor(0, 110, 255, 50)
_CURSORS = {
    "left": Qt.CursorShape.SizeHorCursor,
    "right": Qt.CursorShape.SizeHorCursor,
    "top": Qt.CursorShape.SizeVerCursor,
    "bottom": Qt.CursorShape.SizeVerCursor,
    "top-left": Qt.CursorShape.SizeFDiagCursor,
    "bottom-right": Qt.CursorShape.SizeFDiagCursor,
    "top-right": Qt.CursorShape.SizeBDiagCursor,
    "bottom-left": Qt.CursorShape.SizeBDiagCursor,
}
_KEYS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


@dataclass
class _Drag:
    frame_id: int  # the frame under the pointer (the lead of a group)
    handle: str | None  # None: a move
    start: QPointF  # scene point where the button went down
    origin: Frame  # the frame as it was
    group: list[Frame] = field(default_factory=list)  # every frame moving, as they were
    open_macro: bool = False


@dataclass
class _Band:
    start: QPointF
    rect: QRectF
    base: list[int]  # the selection a Shift+band adds to


class EditCanvas(DropTarget, PageCanvas):
    """The page under edit: click selects, drag moves, handles resize, drops place."""

    frame_selected = Signal(object)  # the primary selected frame's id, or None
    selection_changed = Signal(list)  # every selected frame id, the primary last
    edit_failed = Signal(str)  # a refused edit, for the status bar

    def __init__(
        self, parent: QWidget | None = None, *, painter: PagePainter | None = None
    ) -> None:
        super().__init__(parent, painter=painter)
        self.editor: IssueEditor | None = None
        self.page_index = -1
        self.selection: list[int] = []
        self._drag: _Drag | None = None
        self._band: _Band | None = None
        self._pan: QPoint | None = None  # last pointer position of a hand pan
        self._space = False  # Space held: the left button pans
        self._drop: QRectF | None = None
        self._picture_sizes: dict[Path, tuple[int, int]] = {}  # read once per drag
        self.marks = MarksOverlay(lambda: self.viewport().update(), self)  # open proof marks (校对)
        self.crop = CropTool(self)
        self.text = TextEditOverlay(self)  # typing on the page (double-click into a story)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setDragMode(PageCanvas.DragMode.NoDrag)  # the left button selects; panning is ours

    # -- selection ------------------------------------------------------------------------------

    @property
    def selected(self) -> int | None:
        """The primary selected frame (the last one chosen): what the inspector shows."""
        return self.selection[-1] if self.selection else None

    def select(self, frame_id: int | None) -> None:
        self.set_selection([] if frame_id is None else [frame_id])

    def set_selection(self, ids: list[int]) -> None:
        ids = list(dict.fromkeys(i for i in ids if i is not None))
        before, primary = self.selection, self.selected
        self.selection = ids
        if self.selected != primary:
            self.text.end()
            self.frame_selected.emit(self.selected)
        if ids != before:
            self.selection_changed.emit(list(ids))
        self.viewport().update()

    def toggle(self, frame_id: int) -> None:
        """Shift+click: add the frame to the selection, or take it out."""
        if frame_id in self.selection:
            self.set_selection([i for i in self.selection if i != frame_id])
        else:
            self.set_selection([*self.selection, frame_id])

    def select_all(self) -> None:
        self.set_selection([f.id for f in self.page_frames() if f.id is not None])

    def selected_frame(self) -> Frame | None:
        if self.editor is None or self.selected is None:
            return None
        try:
            return self.editor.frame(self.selected)
        except KeyError:
            return None

    def selected_frames(self) -> list[Frame]:
        """The selected frames that still exist, in selection order."""
        if self.editor is None:
            return []
        out = []
        for i in self.selection:
            try:
                out.append(self.editor.frame(i))
            except KeyError:
                continue
        return out

    def page_frames(self) -> list[Frame]:
        if self.editor is None or self.page_index < 0:
            return []
        return list(self.editor.doc.frames.get(self.editor.page(self.page_index).id, []))  # type: ignore[arg-type]

    def frame_at(self, point: QPointF) -> Frame | None:
        """The topmost frame under a scene point (frames stack in the order they were added)."""
        for f in reversed(self.page_frames()):
            if f.x <= point.x() <= f.x + f.w and f.y <= point.y() <= f.y + f.h:
                return f
        return None

    def handle_rects(self, frame: Frame) -> dict[str, QRectF]:
        """The eight resize handles of a frame, in scene units, HANDLE_PX screen pixels wide."""
        s = HANDLE_PX / max(self.view_scale(), 1e-6)
        xs = {"left": frame.x, "mid": frame.x + frame.w / 2, "right": frame.x + frame.w}
        ys = {"top": frame.y, "mid": frame.y + frame.h / 2, "bottom": frame.y + frame.h}
        out = {}
        for vy, y in ys.items():
            for hx, x in xs.items():
                if vy == hx == "mid":
                    continue
                name = "-".join(p for p in (vy, hx) if p != "mid")
                out[name] = QRectF(x - s / 2, y - s / 2, s, s)
        return out

    def handle_at(self, point: QPointF) -> str | None:
        frame = self.selected_frame()
        if frame is None or len(self.selection) != 1:
            return None
        for name, rect in self.handle_rects(frame).items():
            if rect.adjusted(-1, -1, 1, 1).contains(point):
                return name
        return None

    # -- pointer --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        left = button == Qt.MouseButton.LeftButton
        if button == Qt.MouseButton.MiddleButton or (left and self._space):
            self._pan = event.position().toPoint()  # the hand: the view moves, nothing else
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if self.editor is None or not left:
            super().mousePressEvent(event)
            return
        self.setFocus()
        point = self.mapToScene(event.position().toPoint())
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self.text.active:
            if self.text.press(point, shift):  # the caret moves, a drag selects
                event.accept()
                return
            self.text.end()
        handle = None if shift else self.handle_at(point)
        frame = self.selected_frame() if handle else self.frame_at(point)
        if frame is None or frame.id is None:
            base = list(self.selection) if shift else []
            self.set_selection(base)
            self._band = _Band(point, QRectF(point, point), base)
            event.accept()
            return
        if handle is None and self.crop.press(frame, point, event.modifiers()):
            self.set_selection([frame.id])
            event.accept()
            return
        if shift:
            self.toggle(frame.id)
            event.accept()
            return
        if frame.id not in self.selection or handle is not None:
            self.select(frame.id)
        group = self.selected_frames() if handle is None and len(self.selection) > 1 else []
        self._drag = _Drag(frame.id, handle, point, frame, group)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.mapToScene(event.position().toPoint())
        if self.text.dragging:
            self.text.drag_to(point)
            event.accept()
            return
        if self._pan is not None:
            here = event.position().toPoint()
            delta, self._pan = here - self._pan, here
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self._band is not None:
            self._band_to(point)
            event.accept()
            return
        if self.crop.dragging():
            self.crop.move(point)
            event.accept()
            return
        if self._drag is None or self.editor is None:
            if self.editor is not None and event.buttons() == Qt.MouseButton.NoButton:
                self.viewport().setCursor(self._hover_cursor(point, event.modifiers()))
            super().mouseMoveEvent(event)
            return
        event.accept()
        self.drag_to(point)

    def _hover_cursor(self, point: QPointF, modifiers: Qt.KeyboardModifier) -> Qt.CursorShape:
        """Resize arrows over a handle, the move cross over a frame, the hand while Space is
        held, the pointing hand over a picture to be panned, an arrow over empty paper."""
        if self._space:
            return Qt.CursorShape.OpenHandCursor
        if self.text.active and self.text.over(point):
            return Qt.CursorShape.IBeamCursor
        handle = self.handle_at(point)
        if handle:
            return _CURSORS[handle]
        frame = self.frame_at(point)
        if frame is not None and self.crop.wants(frame, modifiers):
            return Qt.CursorShape.PointingHandCursor
        if frame is not None:
            return Qt.CursorShape.SizeAllCursor
        return Qt.CursorShape.ArrowCursor

    def _band_to(self, point: QPointF) -> None:
        """Grow the rubber band to `point`: every frame it touches is selected, with what a
        Shift+band started from."""
        band = self._band
        assert band is not None
        band.rect = QRectF(band.start, point).normalized()
        pixels = band.rect.width() * self.view_scale() + band.rect.height() * self.view_scale()
        if pixels < BAND_PX:
            return
        touched = [
            f.id
            for f in self.page_frames()
            if f.id is not None and band.rect.intersects(QRectF(f.x, f.y, f.w, f.h))
        ]
        self.set_selection([*band.base, *touched])

    def drag_to(self, point: QPointF) -> None:
        """Carry the drag on to a scene point: the frames follow, snapped, re-flowed live."""
        drag, editor = self._drag, self.editor
        if drag is None or editor is None:
            return
        o = drag.origin
        dx, dy = point.x() - drag.start.x(), point.y() - drag.start.y()
        if drag.group:
            rects = arrange.moved(editor.grid, drag.group, o, o.x + dx, o.y + dy)
            now = {f.id: (f.x, f.y, f.w, f.h) for f in self.selected_frames()}
            if all(now.get(i) == r for i, r in rects.items()):
                return
            self._edit(drag, MoveFrame.label, lambda: editor.set_rects(rects))
            return
        if drag.handle is None:
            x, y = placement.snap_move(editor.grid, o.x + dx, o.y + dy, o.w, o.h)
            rect = (x, y, o.w, o.h)
        else:
            rect = placement.snap_resize(
                editor.grid, (o.x, o.y, o.w, o.h), drag.handle, point.x(), point.y()
            )
        now = editor.frame(drag.frame_id)
        if rect == (now.x, now.y, now.w, now.h):
            return
        label = MoveFrame.label if drag.handle is None else ResizeFrame.label
        if drag.handle is None:
            self._edit(drag, label, lambda: editor.move_frame(drag.frame_id, *rect[:2], snap=False))
        else:
            self._edit(drag, label, lambda: editor.set_frame_rect(drag.frame_id, *rect))

    def _edit(self, drag: _Drag, label: str, edit: Callable[[], object]) -> None:
        """One step of a drag: the first opens the undo step (the macro) it all goes into."""
        assert self.editor is not None
        if not drag.open_macro:
            # the step's name is data like the commands' (translated where it is shown)
            self.editor.session.begin_macro(label)
            drag.open_macro = True
        try:
            edit()
        except (LibraryError, UserError) as exc:
            self.end_drag()
            self.edit_failed.emit(str(exc))

    def end_drag(self) -> None:
        drag, self._drag = self._drag, None
        if drag is not None and drag.open_macro and self.editor is not None:
            self.editor.session.end_macro()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.text.dragging:
            self.text.release()
            event.accept()
            return
        if self._pan is not None:
            self._pan = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        if self._band is not None:
            self._band = None
            self.viewport().update()
            event.accept()
            return
        if self.crop.dragging():
            self.crop.release()
            event.accept()
            return
        if self._drag is not None:
            self.end_drag()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        point = self.mapToScene(event.position().toPoint())
        frame = self.frame_at(point)
        if frame is not None and self.crop.wheel(frame, point, event):
            event.accept()
            return
        super().wheelEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click into a story's frame: text mode, the caret at the clicked character."""
        if self.editor is not None and event.button() == Qt.MouseButton.LeftButton:
            point = self.mapToScene(event.position().toPoint())
            frame = self.frame_at(point)
            if frame is not None and self.text.begin(frame, point):
                self.end_drag()
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    # -- keys and input methods (text mode: widgets/text_edit_overlay.py) -----------------------

    def event(self, event: QEvent) -> bool:
        # In text mode typed keys are the text's, before any shortcut (Backspace would
        # otherwise delete the frame); undo and redo stay the document's.
        if event.type() == QEvent.Type.ShortcutOverride and self.text.active:
            assert isinstance(event, QKeyEvent)
            if self.text.wants(event):
                event.accept()
                return True
        return super().event(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if self.text.active:
            self.text.input_method(event)
            event.accept()
            return
        super().inputMethodEvent(event)

    def inputMethodQuery(self, query: Qt.InputMethodQuery) -> Any:
        if self.text.active:
            return self.text.query(query)
        return super().inputMethodQuery(query)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.text.active and self.text.key(event):
            event.accept()
            return
        step = _KEYS.get(Qt.Key(event.key()))
        frames = self.selected_frames()
        if step is not None and frames and self.editor is not None:
            self._run(lambda: self._nudge(frames, *step))
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.selection:
            self.select(None)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _nudge(self, frames: list[Frame], dx: int, dy: int) -> None:
        """Arrow keys: a column or a line; several frames move together, as one step."""
        editor = self.editor
        assert editor is not None
        if len(frames) == 1:
            editor.nudge_frame(frames[0].id, dx, dy)  # type: ignore[arg-type]
            return
        lead = frames[-1]
        x, y = placement.nudge(editor.grid, lead, dx, dy)
        editor.set_rects(arrange.moved(editor.grid, frames, lead, x, y))

    def delete_selected(self) -> bool:
        frames = self.selected_frames()
        editor = self.editor
        if not frames or editor is None:
            return False

        def delete() -> None:
            if len(frames) == 1:
                editor.delete_frame(frames[0].id)  # type: ignore[arg-type]
                return
            with editor.session.macro("删除版框"):
                for f in frames:
                    editor.delete_frame(f.id)  # type: ignore[arg-type]

        if self._run(delete):
            self.select(None)
            return True
        return False

    def _run(self, edit: Callable[[], object]) -> bool:
        try:
            edit()
        except (LibraryError, UserError) as exc:
            self.edit_failed.emit(str(exc))
            return False
        return True

    # -- overlay ----------------------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        if self._drop is not None:
            painter.fillRect(self._drop, _DROP)
        frames = self.page_frames()
        paint_wraps(painter, frames)
        paint_clashes(painter, frames)  # overlap with no wrap: the preflight error, in red
        self.marks.paint(painter)
        if self.text.active:
            self.text.paint(painter)  # caret and selection instead of the frame's handles
            return
        if self.editor is None or self.page_index < 0:
            return
        page_id = self.editor.page(self.page_index).id
        chosen = [f for f in self.selected_frames() if f.page_id == page_id]
        handles = self.handle_rects(chosen[0]).values() if len(chosen) == 1 else ()
        band = self._band.rect if self._band is not None else None
        paint_selection(painter, chosen, handles, band)
        self.crop.paint(painter)
