"""Drops on the editing canvas (a mixin of EditCanvas): takes a drag from the 稿库 or picture files from the desktop, gives a preview that is the editor's plan for that very drop, and the drop.

Stories and pictures take the free space under the pointer (app/edit/free_space.py); a
picture dropped on a story is set into it with a text wrap, on a picture it takes its place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImageReader,
)

from app.errors import UserError
from app.store import LibraryError
from widgets.article_bin import MIME_ARTICLE, article_from_mime

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.edit.editor import IssueEditor
    from layouts.display import ComposedPage

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


def picture_paths(data: QMimeData) -> list[Path]:
    """The picture files a drag carries (by their suffix), in order."""
    if not data.hasUrls():
        return []
    return [
        Path(u.toLocalFile())
        for u in data.urls()
        if u.isLocalFile() and u.toLocalFile().lower().endswith(PICTURE_SUFFIXES)
    ]


class DropTarget:
    """What EditCanvas does with drags over it; `_drop` is the preview shown."""

    editor: IssueEditor | None
    page_index: int
    _drop: QRectF | None
    _picture_sizes: dict[Path, tuple[int, int]]
    page: Callable[[], ComposedPage | None]
    viewport: Callable[[], QWidget]
    mapToScene: Callable[[QPoint], QPointF]
    select: Callable[[int | None], None]
    _run: Callable[[Callable[[], object]], bool]

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
