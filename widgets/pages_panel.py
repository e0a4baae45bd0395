"""Pages panel: a list of the issue's pages (第N版 + section), optionally as thumbnails with each page's status underneath."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # (text, problem: bool) under the label
SIGNOFF_ROLE = Qt.ItemDataRole.UserRole + 2  # (text, signed off: bool) under the status
THUMB_WIDTH = 120  # pixels; a tabloid page is then about 170 high
_PROBLEM = QColor(200, 0, 0)
_FINE = QColor(0, 120, 60)
_SIGNING = QColor(90, 90, 90)
_EDGE = QColor(128, 128, 128)  # a thumbnail's page edge
MOST_LINES = 3  # under a thumbnail: the status, who signed last, when


def _lines(index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, QColor, bool]]:
    """The lines under a page's label: its status (red or green), its last signature (grey,
    green and bold once signed off)."""
    out = []
    status = index.data(STATUS_ROLE)
    if status:
        out.append((status[0], _PROBLEM if status[1] else _FINE, False))
    signed = index.data(SIGNOFF_ROLE)
    if signed:
        colour = _FINE if signed[1] else _SIGNING
        out += [(line, colour, bool(signed[1])) for line in signed[0].split("\n")]
    return out


def _room(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
    """Lines kept under the label: as many as the item has, or — where the view sizes every
    item like the first (thumbnails) — the most any item can have, so that no label slides
    under its thumbnail when a page gets a two-line signature and the first page has none."""
    view = option.widget  # type: ignore[attr-defined]
    if isinstance(view, QListView) and view.uniformItemSizes():
        return MOST_LINES
    return len(_lines(index))


def with_edge(image: QImage) -> QImage:
    """The page's edge drawn round its thumbnail: a blank page is white on the panel's white
    and would not be seen at all."""
    out = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(out)
    painter.setPen(_EDGE)
    painter.drawRect(0, 0, out.width() - 1, out.height() - 1)
    painter.end()
    return out


class _StatusDelegate(QStyledItemDelegate):
    """Draws the item as usual, then its status line in red (a problem) or green below it,
    then who signed it last."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + _room(option, index) * (option.fontMetrics.height() + 2))
        return size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        lines = _lines(index)
        if not lines:
            super().paint(painter, option, index)
            return
        line = option.fontMetrics.height() + 2
        room = max(len(lines), _room(option, index))
        top = QStyleOptionViewItem(option)
        top.rect = option.rect.adjusted(0, 0, 0, -line * room)
        super().paint(painter, top, index)
        painter.save()
        y = option.rect.bottom() - line * room
        for text, colour, bold in lines:
            font = painter.font()
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(colour)
            rect = QRect(option.rect.left(), y, option.rect.width(), line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            y += line
        painter.restore()


class PagesPanel(QListWidget):
    """The page list; with thumbnails on, an icon grid of small page images and statuses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_StatusDelegate(self))
        self._thumbnails = False

    def set_labels(self, labels: list[str]) -> None:
        self.clear()
        for label in labels:
            item = QListWidgetItem(label)
            if self._thumbnails:  # a blank sheet until the page is painted (a moment later)
                item.setIcon(self._sheet())
            self.addItem(item)

    def _sheet(self) -> QPixmap:
        """A blank page the size of a thumbnail: every item is sized like the first as it is
        laid out, so the first must already have its picture's height, not the label's."""
        size = self.iconSize()
        image = QImage(size.width(), size.height(), QImage.Format.Format_RGB32)
        image.fill(QColor(255, 255, 255))
        return QPixmap.fromImage(with_edge(image))

    def relabel(self, labels: list[str]) -> bool:
        """New labels for the pages; True if the list was rebuilt (pages came or went), which
        drops thumbnails and statuses — a renamed page keeps its own."""
        if len(labels) != self.count():
            self.set_labels(labels)
            return True
        for i, label in enumerate(labels):
            self.item(i).setText(label)
        return False

    def use_thumbnails(self, on: bool) -> None:
        """Icon mode: one column of thumbnails with the label and status below each."""
        self._thumbnails = on
        if on:
            self.setViewMode(QListView.ViewMode.IconMode)
            self.setFlow(QListView.Flow.TopToBottom)
            self.setWrapping(False)
            self.setMovement(QListView.Movement.Static)
            self.setResizeMode(QListView.ResizeMode.Adjust)
            self.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.45)))
            self.setSpacing(6)
            self.setUniformItemSizes(True)
            for i in range(self.count()):
                if self.item(i).icon().isNull():
                    self.item(i).setIcon(self._sheet())
        else:
            self.setViewMode(QListView.ViewMode.ListMode)

    def thumbnails(self) -> bool:
        return self._thumbnails

    def set_thumbnail(self, index: int, image: QImage) -> None:
        item = self.item(index)
        if item is not None:
            item.setIcon(QPixmap.fromImage(with_edge(image)))

    def set_status(self, index: int, text: str, problem: bool) -> None:
        item = self.item(index)
        if item is not None:
            item.setData(STATUS_ROLE, (text, problem) if text else None)
            item.setToolTip(f"{item.text()}\n{text}" if text else item.text())

    def set_signoff(self, index: int, text: str, signed_off: bool) -> None:
        """Who signed the page last and when ("终审 李总 04-25 18:30"), under its status."""
        item = self.item(index)
        if item is not None:
            item.setData(SIGNOFF_ROLE, (text, signed_off) if text else None)

    def signoff(self, index: int) -> tuple[str, bool] | None:
        item = self.item(index)
        return item.data(SIGNOFF_ROLE) if item is not None else None

    def status(self, index: int) -> tuple[str, bool] | None:
        item = self.item(index)
        return item.data(STATUS_ROLE) if item is not None else None
