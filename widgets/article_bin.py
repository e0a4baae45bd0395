"""Article bin (稿库): takes the unplaced stories, gives a searchable list with 字数 and status that drags a story's id onto a page and takes dropped files to import."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model import Article

MIME_ARTICLE = "application/x-banmian-article"  # payload: the article id, ASCII digits
ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_ZH = {
    "draft": QT_TRANSLATE_NOOP("ArticleBin", "草稿"),
    "edited": QT_TRANSLATE_NOOP("ArticleBin", "已编"),
    "placed": QT_TRANSLATE_NOOP("ArticleBin", "已排"),
    "approved": QT_TRANSLATE_NOOP("ArticleBin", "已审"),
}


def status_label(status: str) -> str:
    return QCoreApplication.translate("ArticleBin", STATUS_ZH.get(status, status))


def article_mime(article_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(MIME_ARTICLE, QByteArray(str(article_id).encode("ascii")))
    return data


def article_from_mime(data: QMimeData) -> int | None:
    """The article id a drag carries, or None if it carries none (or garbage)."""
    if not data.hasFormat(MIME_ARTICLE):
        return None
    raw = bytes(data.data(MIME_ARTICLE).data()).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None


def dropped_files(data: QMimeData) -> list[str]:
    """The local files a drag from the desktop carries (remote URLs are never fetched)."""
    if not data.hasUrls():
        return []
    return [url.toLocalFile() for url in data.urls() if url.isLocalFile() and url.toLocalFile()]


class _FileDrops:
    """Drag-and-drop of files from the desktop: any local file is taken (the import says
    what it cannot read); the bin's own story drags are not files and pass by."""

    files_dropped: Signal

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)  # type: ignore[misc]

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)  # type: ignore[misc]

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event.mimeData())
        if not paths:
            super().dropEvent(event)  # type: ignore[misc]
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)


class _BinTree(_FileDrops, QTreeWidget):
    """The list itself: a drag source whose payload is the story id, not its text; files
    dropped on it go to the bin's `files_dropped`."""

    files_dropped = Signal(list)

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        if not items:
            return QMimeData()
        return article_mime(int(items[0].data(0, ID_ROLE)))

    def mimeTypes(self) -> list[str]:
        return [MIME_ARTICLE]


class ArticleBin(_FileDrops, QWidget):
    """A filter line over the unplaced stories; `source(query)` gives them (app decides).

    Files dropped anywhere on it are announced by `files_dropped(paths)`; the window imports
    them (widgets/import_dialog.py).
    """

    files_dropped = Signal(list)

    def __init__(
        self, source: Callable[[str], list[Article]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("搜索标题…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.refresh)
        self.filter.setAcceptDrops(False)  # a file dropped here is imported, not typed in
        self.tree = _BinTree(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("标题"), self.tr("字数"), self.tr("状态")])
        self.tree.setRootIsDecorated(False)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setAcceptDrops(True)  # files only: _FileDrops takes them before DragOnly
        self.tree.files_dropped.connect(self.files_dropped)
        self.setAcceptDrops(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.refresh()

    def refresh(self) -> None:
        """Read the bin again (after an edit, or as the filter changes); keeps the selection."""
        chosen = self.selected_id()
        self.tree.clear()
        for article in self._source(self.filter.text()):
            item = QTreeWidgetItem(
                [
                    article.headline,
                    str(article.char_count),
                    status_label(article.status),
                ]
            )
            item.setData(0, ID_ROLE, article.id)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tip = "\n".join(t for t in (article.kicker, article.headline, article.subheadline) if t)
            item.setToolTip(0, tip)
            self.tree.addTopLevelItem(item)
            if article.id == chosen:
                item.setSelected(True)

    def ids(self) -> list[int]:
        return [
            int(self.tree.topLevelItem(i).data(0, ID_ROLE))
            for i in range(self.tree.topLevelItemCount())
        ]

    def selected_id(self) -> int | None:
        items = self.tree.selectedItems()
        return int(items[0].data(0, ID_ROLE)) if items else None
