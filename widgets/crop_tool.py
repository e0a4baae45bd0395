"""Cropping on the canvas: takes pointer and wheel events over a picture frame, gives crop edits — Alt-drag (or a plain drag in 裁切 mode) pans the picture inside its frame, Alt+wheel (or the wheel in 裁切 mode) scales it about the pointer; the picture keeps its proportions.

A pan is one undo step (a macro of crop edits that merge); wheel turns close together merge
into one step too (SetFrameProps). While panning or in 裁切 mode the whole picture's extent
is outlined around the frame, so the editor sees what the crop leaves out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt, SignalInstance
from PySide6.QtGui import QAction, QColor, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QWidget

from app.edit.editor import IssueEditor
from app.edit.frame_edits import PictureView
from app.errors import UserError
from app.model import Frame
from app.store import LibraryError
from layouts.picture import panned, zoomed

LABEL = "裁切图片"  # the undo step (translated where it is shown, like every command's)
WHEEL_STEP = 1.1  # one notch of the wheel scales the picture by this much
_EXTENT = QColor(230, 120, 0)


class CropCanvas(Protocol):
    """What the tool needs of the editing canvas."""

    editor: IssueEditor | None
    edit_failed: SignalInstance  # the refused edit's reason

    def selected_frame(self) -> Frame | None: ...
    def viewport(self) -> QWidget: ...


@dataclass
class _Pan:
    frame_id: int
    start: QPointF
    view: PictureView
    open_macro: bool = False


class CropTool:
    """Pan and scale pictures inside their frames on an EditCanvas."""

    def __init__(self, canvas: CropCanvas) -> None:
        self.canvas = canvas
        self.mode: QAction | None = None  # 裁切: plain drags and the wheel crop while checked
        self._pan: _Pan | None = None

    def set_mode_action(self, action: QAction) -> None:
        self.mode = action
        action.toggled.connect(lambda _on: self.canvas.viewport().update())

    def active(self, modifiers: Qt.KeyboardModifier) -> bool:
        """Alt held, or the 裁切 mode on."""
        on = self.mode is not None and self.mode.isChecked()
        return on or bool(modifiers & Qt.KeyboardModifier.AltModifier)

    def wants(self, frame: Frame, modifiers: Qt.KeyboardModifier) -> bool:
        return frame.kind == "image" and bool(frame.props.get("asset")) and self.active(modifiers)

    def _view(self, frame_id: int) -> PictureView | None:
        editor = self.canvas.editor
        return editor.picture_view(frame_id) if editor is not None else None

    # -- a pan ----------------------------------------------------------------------------------

    def press(self, frame: Frame, point: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        if frame.id is None or not self.wants(frame, modifiers):
            return False
        view = self._view(frame.id)
        if view is None:
            return False
        self._pan = _Pan(frame.id, point, view)
        return True

    def dragging(self) -> bool:
        return self._pan is not None

    def move(self, point: QPointF) -> None:
        """The picture follows the pointer: dragged right, it shows more of its left."""
        pan, editor = self._pan, self.canvas.editor
        if pan is None or editor is None:
            return
        x0, y0, x1, y1 = pan.view.crop
        _, _, bw, bh = pan.view.box
        dx = -(point.x() - pan.start.x()) / bw * (x1 - x0)
        dy = -(point.y() - pan.start.y()) / bh * (y1 - y0)
        crop = panned(pan.view.crop, dx, dy)
        now = editor.picture_view(pan.frame_id)
        if now is not None and all(abs(a - b) < 1e-6 for a, b in zip(now.crop, crop, strict=True)):
            return
        if not pan.open_macro:
            editor.session.begin_macro(LABEL)
            pan.open_macro = True
        self._edit(lambda: editor.set_crop(pan.frame_id, crop))

    def release(self) -> None:
        pan, self._pan = self._pan, None
        editor = self.canvas.editor
        if pan is not None and pan.open_macro and editor is not None:
            editor.session.end_macro()
        self.canvas.viewport().update()

    # -- the wheel ------------------------------------------------------------------------------

    def wheel(self, frame: Frame, point: QPointF, event: QWheelEvent) -> bool:
        """Scale the picture in its frame about the pointer; False if it is not for us (the
        view scrolls or zooms as usual)."""
        editor = self.canvas.editor
        if editor is None or frame.id is None or not self.wants(frame, event.modifiers()):
            return False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False  # Ctrl+wheel zooms the view
        notches = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        view = self._view(frame.id)
        if view is None or not notches:
            return view is not None
        x0, y0, x1, y1 = view.crop
        bx, by, bw, bh = view.box
        at = (
            x0 + (point.x() - bx) / bw * (x1 - x0),
            y0 + (point.y() - by) / bh * (y1 - y0),
        )
        crop = zoomed(view.crop, WHEEL_STEP**notches, at, view.fill)
        self._edit(lambda: editor.set_crop(frame.id, crop))  # type: ignore[arg-type]
        return True

    def _edit(self, edit: Callable[[], object]) -> None:
        try:
            edit()
        except (LibraryError, UserError) as exc:
            if self._pan is not None:
                self.release()
            self.canvas.edit_failed.emit(str(exc))

    # -- what is drawn --------------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        """The whole picture's extent around the frame being cropped (or the selected picture
        in 裁切 mode), in orange."""
        frame_id = self._pan.frame_id if self._pan is not None else None
        if frame_id is None and self.mode is not None and self.mode.isChecked():
            frame = self.canvas.selected_frame()
            frame_id = frame.id if frame is not None and frame.kind == "image" else None
        view = self._view(frame_id) if frame_id is not None else None
        if view is None:
            return
        x0, y0, x1, y1 = view.crop
        bx, by, bw, bh = view.box
        full_w, full_h = bw / (x1 - x0), bh / (y1 - y0)
        painter.save()
        painter.setPen(QPen(_EXTENT, 0, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(bx - x0 * full_w, by - y0 * full_h, full_w, full_h))
        painter.restore()
