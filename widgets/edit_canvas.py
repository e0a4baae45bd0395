"""Editing canvas: a PageCanvas that takes pointer, key and drop events and gives IssueEditor edits (select, move, resize, nudge, drop).

The geometry rules live in app/edit/placement.py; a whole drag is one undo step (a macro) whose
moves are each committed and re-flowed as the pointer crosses grid lines, so the text and the
超N字 badge follow the frame live. A drop's preview is the editor's plan for that very drop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
)
from PySide6.QtWidgets import QWidget

from app.edit import placement
from app.edit.commands import MoveFrame, ResizeFrame
from app.edit.editor import IssueEditor
from app.errors import UserError
from app.model import Frame
from app.store import LibraryError
from widgets.article_bin import MIME_ARTICLE, article_from_mime
from widgets.canvas import PageCanvas
from widgets.frame_overlay import paint_clashes, paint_selection, paint_wraps
from widgets.marks_overlay import MarksOverlay
from widgets.painter import PagePainter

log = logging.getLogger(__name__)

HANDLE_PX = 8  # side of a resize handle in screen pixels
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
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
    frame_id: int
    handle: str | None  # None: a move
    start: QPointF  # scene point where the button went down
    origin: Frame  # the frame as it was
    open_macro: bool = False


def picture_paths(data: QMimeData) -> list[Path]:
    """The picture files a drag carries (by their suffix), in order."""
    if not data.hasUrls():
        return []
    return [
        Path(u.toLocalFile())
        for u in data.urls()
        if u.isLocalFile() and u.toLocalFile().lower().endswith(PICTURE_SUFFIXES)
    ]


class EditCanvas(PageCanvas):
    """The page under edit: click selects, drag moves, handles resize, drops place."""

    frame_selected = Signal(object)  # frame id or None
    edit_failed = Signal(str)  # a refused edit, for the status bar

    def __init__(
        self, parent: QWidget | None = None, *, painter: PagePainter | None = None
    ) -> None:
        super().__init__(parent, painter=painter)
        self.editor: IssueEditor | None = None
        self.page_index = -1
        self.selected: int | None = None
        self._drag: _Drag | None = None
        self._drop: QRectF | None = None
        self._picture_sizes: dict[Path, tuple[int, int]] = {}  # read once per drag
        self.marks = MarksOverlay(lambda: self.viewport().update(), self)  # open proof marks (校对)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)

    # -- selection ------------------------------------------------------------------------------

    def select(self, frame_id: int | None) -> None:
        if frame_id != self.selected:
            self.selected = frame_id
            self.frame_selected.emit(frame_id)
        self.viewport().update()

    def selected_frame(self) -> Frame | None:
        if self.editor is None or self.selected is None:
            return None
        try:
            return self.editor.frame(self.selected)
        except KeyError:
            return None

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
        if frame is None:
            return None
        for name, rect in self.handle_rects(frame).items():
            if rect.adjusted(-1, -1, 1, 1).contains(point):
                return name
        return None

    # -- pointer --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.editor is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus()
        point = self.mapToScene(event.position().toPoint())
        handle = self.handle_at(point)
        frame = self.selected_frame() if handle else self.frame_at(point)
        if frame is None or frame.id is None:
            self.select(None)
            super().mousePressEvent(event)  # pan the page by hand
            return
        self.select(frame.id)
        self._drag = _Drag(frame.id, handle, point, frame)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.mapToScene(event.position().toPoint())
        drag = self._drag
        if drag is None or self.editor is None:
            if self.editor is not None and event.buttons() == Qt.MouseButton.NoButton:
                self.viewport().setCursor(self._hover_cursor(point))
            super().mouseMoveEvent(event)
            return
        event.accept()
        self.drag_to(point)

    def _hover_cursor(self, point: QPointF) -> Qt.CursorShape:
        """Resize arrows over a handle, the move cross over a frame, the hand over paper."""
        handle = self.handle_at(point)
        if handle:
            return _CURSORS[handle]
        if self.frame_at(point) is not None:
            return Qt.CursorShape.SizeAllCursor
        return Qt.CursorShape.OpenHandCursor

    def drag_to(self, point: QPointF) -> None:
        """Carry the drag on to a scene point: the frame follows, snapped, re-flowed live."""
        drag, editor = self._drag, self.editor
        if drag is None or editor is None:
            return
        o = drag.origin
        if drag.handle is None:
            x, y = placement.snap_move(
                editor.grid,
                o.x + point.x() - drag.start.x(),
                o.y + point.y() - drag.start.y(),
                o.w,
                o.h,
            )
            rect = (x, y, o.w, o.h)
        else:
            rect = placement.snap_resize(
                editor.grid, (o.x, o.y, o.w, o.h), drag.handle, point.x(), point.y()
            )
        now = editor.frame(drag.frame_id)
        if rect == (now.x, now.y, now.w, now.h):
            return
        if not drag.open_macro:
            # the step's name is data like the commands' (translated where it is shown)
            label = MoveFrame.label if drag.handle is None else ResizeFrame.label
            editor.session.begin_macro(label)
            drag.open_macro = True
        try:
            if drag.handle is None:
                editor.move_frame(drag.frame_id, rect[0], rect[1], snap=False)
            else:
                editor.set_frame_rect(drag.frame_id, *rect)
        except LibraryError as exc:
            self.end_drag()
            self.edit_failed.emit(str(exc))

    def end_drag(self) -> None:
        drag, self._drag = self._drag, None
        if drag is not None and drag.open_macro and self.editor is not None:
            self.editor.session.end_macro()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self.end_drag()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -- keys -----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _KEYS.get(Qt.Key(event.key()))
        frame = self.selected_frame()
        if step is not None and frame is not None and self.editor is not None:
            self._run(lambda: self.editor.nudge_frame(frame.id, *step))  # type: ignore[union-attr,arg-type]
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.selected is not None:
            self.select(None)
            event.accept()
            return
        super().keyPressEvent(event)

    def delete_selected(self) -> bool:
        frame = self.selected_frame()
        if frame is None or self.editor is None:
            return False
        if self._run(lambda: self.editor.delete_frame(frame.id)):  # type: ignore[union-attr,arg-type]
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

    # -- drops ------------------------------------------------------------------------------------

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        if self.editor is None or self.page_index < 0 or self.page() is None:
            return False
        data = event.mimeData()
        return data.hasFormat(MIME_ARTICLE) or bool(picture_paths(data))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
            self._preview(event.position().toPoint(), event)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
            self._preview(event.position().toPoint(), event)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop = None
        self._picture_sizes.clear()
        self.viewport().update()

    def _preview(self, pos: QPoint, event: QDragEnterEvent | QDragMoveEvent) -> None:
        """Where the drop would land: the frame the drop itself would make, from the editor's
        plan for it (the story's depth measured from its text, a picture's from its shape)."""
        self._drop = self.drop_preview(event.mimeData(), self.mapToScene(pos))
        self.viewport().update()

    def drop_preview(self, data: QMimeData, point: QPointF) -> QRectF | None:
        """The rectangle a drop of `data` at a scene point would fill; None if it places nothing."""
        editor = self.editor
        if editor is None or self.page_index < 0:
            return None
        article_id = article_from_mime(data)
        try:
            if article_id is not None:
                plan = editor.plan_article(article_id, self.page_index, point.x(), point.y())
            else:
                paths = picture_paths(data)
                if not paths:
                    return None
                target = editor.picture_under(self.page_index, point.x(), point.y())
                if target is not None:  # the new picture takes that frame's place
                    f = editor.frame(target)
                    return QRectF(f.x, f.y, f.w, f.h)
                size = self._picture_size(paths[0])
                plan = editor.plan_picture(point.x(), point.y(), *size, index=self.page_index)
        except (KeyError, LibraryError, UserError):  # a story gone meanwhile: no preview
            return None
        return QRectF(*plan.rect(editor.grid))

    def _picture_size(self, path: Path) -> tuple[int, int]:
        """Pixels across and down, from the file's header (what add_picture reads); (0, 0) if
        unreadable, which the plan takes as a 4:3 picture."""
        size = self._picture_sizes.get(path)
        if size is None:
            found = QImageReader(str(path)).size()
            size = (found.width(), found.height()) if found.isValid() else (0, 0)
            self._picture_sizes[path] = size
        return size

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop = None
        self._picture_sizes.clear()
        self.viewport().update()
        if not self._accepts(event):
            event.ignore()
            return
        point = self.mapToScene(event.position().toPoint())
        if self.drop_at(event.mimeData(), point):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop_at(self, data: QMimeData, point: QPointF) -> bool:
        """Place what a drag carries at a scene point: a story from the bin or picture files."""
        editor = self.editor
        if editor is None or self.page_index < 0:
            return False
        article_id = article_from_mime(data)
        made: list[int] = []
        if article_id is not None:
            ok = self._run(
                lambda: made.append(
                    editor.place_article(article_id, self.page_index, point.x(), point.y())
                )
            )
        else:
            ok = False
            for path in picture_paths(data):
                ok = self._run(
                    lambda path=path: made.append(
                        editor.add_picture(
                            self.page_index, point.x(), point.y(), path.read_bytes(), path.name
                        )
                    )
                )
        if made:
            self.select(made[-1])
        return ok and bool(made)

    # -- overlay ----------------------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        if self._drop is not None:
            painter.fillRect(self._drop, _DROP)
        frames = self.page_frames()
        paint_wraps(painter, frames)
        paint_clashes(painter, frames)  # overlap with no wrap: the preflight error, in red
        self.marks.paint(painter)
        frame = self.selected_frame()
        if frame is None or self.page_index < 0 or self.editor is None:
            return
        if frame.page_id != self.editor.page(self.page_index).id:
            return
        paint_selection(painter, [frame], self.handle_rects(frame).values(), None)
