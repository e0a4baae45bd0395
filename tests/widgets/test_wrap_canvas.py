"""The canvas shows what would print badly (pytest-qt, offscreen): a frame dragged over another with no text wrap is hatched red; with a wrap the story flows around the picture and the hatch goes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage

from app.compose.issue import IssueComposer
from app.store import Library
from layouts.wrap import Offsets
from tests.sample_helpers import sample_library
from tests.widgets.test_editor_window import drag, named
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as lib:
        yield lib


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    return shown_window(qtbot, library, composer, tmp_path, size=(1400, 1000))


def red_share(win: EditorWindow, rect: QRectF) -> float:
    """The share of the canvas's pixels inside a page rectangle that are plainly red."""
    shot: QImage = win.canvas.viewport().grab().toImage()
    top_left = win.canvas.mapFromScene(rect.topLeft())
    bottom_right = win.canvas.mapFromScene(rect.bottomRight())
    red = total = 0
    for x in range(max(top_left.x() + 2, 0), min(bottom_right.x() - 2, shot.width())):
        for y in range(max(top_left.y() + 2, 0), min(bottom_right.y() - 2, shot.height()), 3):
            c = shot.pixelColor(x, y)
            total += 1
            red += c.red() > 120 and c.green() < 90 and c.blue() < 90
    return red / max(total, 1)


def test_a_frame_dragged_onto_another_is_hatched_red_until_it_wraps(
    window: EditorWindow, qtbot
) -> None:
    window.pages.setCurrentRow(3)
    grid = window.editor.grid
    picture, second = named(window, "p4-picture"), named(window, "p4-second")
    assert picture.y == second.y  # side by side: the picture in columns 0–3, the story 4–5
    start = (second.x + 30, second.y + 60)
    drag(window, start, (start[0] - 2 * (grid.column_width + grid.gutter), start[1]))
    moved = window.editor.frame(second.id)  # type: ignore[arg-type]
    assert moved.x == grid.column_x(2)  # now over the picture's right two columns
    clash = QRectF(moved.x, moved.y, picture.x + picture.w - moved.x, moved.h).intersected(
        QRectF(picture.x, picture.y, picture.w, picture.h)
    )
    window.canvas.set_zoom(1.0)
    window.canvas.ensureVisible(clash)
    qtbot.wait(10)
    assert red_share(window, clash) > 0.05
    clear = QRectF(grid.column_x(4), moved.y + 20, grid.column_width, 60)  # not overlapped
    assert red_share(window, clear) < 0.01
    window.editor.set_wrap(picture.id, Offsets())  # type: ignore[arg-type]
    qtbot.wait(10)
    assert red_share(window, clash) < 0.01
    owner = f"frame-{second.id}"
    area = QRectF(picture.x, picture.y, picture.w, picture.h)
    page = window.canvas.page()
    body = [
        QPointF(x, r.y)
        for r in page.glyph_runs()
        if r.owner == owner and r.size == grid.body_size
        for x in r.xs
    ]
    assert body and not any(area.contains(p) for p in body)  # the story flows around it
    # its headline cannot: that is named, not left to print under the picture
    kinds = {f.kind for f in page.findings if f.owner == owner}
    assert kinds == {"wrap_over_headline", "overset"}  # and what no longer fits, counted
