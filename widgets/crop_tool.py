"""Cropping on the canvas: takes pointer events over a picture frame, gives crop edits (pan the picture in its frame, scale it) — filled in with the picture tools (issue 14 point 9)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from app.model import Frame


class CropTool:
    """Pan and scale pictures inside their frames; inactive until the picture tools come."""

    def __init__(self, canvas: QGraphicsView) -> None:
        self.canvas = canvas
        self.mode: QAction | None = None  # 裁切: plain drags pan pictures while it is checked

    def set_mode_action(self, action: QAction) -> None:
        self.mode = action

    def wants(self, frame: Frame, modifiers: Qt.KeyboardModifier) -> bool:
        return False

    def press(self, frame: Frame, point: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        return False

    def dragging(self) -> bool:
        return False

    def move(self, point: QPointF) -> None:
        return None

    def release(self) -> None:
        return None

    def wheel(self, frame: Frame, point: QPointF, event: QWheelEvent) -> bool:
        return False

    def paint(self, painter: QPainter) -> None:
        return None
