"""Pictures at the desk, by mouse and keyboard (pytest-qt, offscreen): caption and credit typed in the inspector, effective ppi with its warning, Alt-drag and 裁切 mode pan the picture in its frame, the wheel and the 缩放 field scale it, text wrap set from the inspector, EXIF orientation on screen, a downsampled copy drawn for a large photo."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.compose.issue import IssueComposer
from app.model import Frame
from app.store import Library
from tests.sample_helpers import sample_library
from tests.widgets.test_editor_window import type_text
from tests.widgets.test_frame_selection import click, mouse, named
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with sample_library(tmp_path) as lib:
        yield lib


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    win = shown_window(qtbot, library, composer, tmp_path, size=(1400, 1000))
    win.pages.setCurrentRow(3)
    win.editor.delete_frame(named(win, "p4-third").id)  # type: ignore[arg-type]
    return win


def jpeg(w: int, h: int, orientation: int = 1, mode: str = "RGB") -> bytes:
    """Red top-left, green top-right, blue bottom-left, white bottom-right as it prints;
    stored a quarter turned when its EXIF orientation (6) says to turn it back."""
    im = Image.new("RGB", (w, h), (255, 255, 255))
    im.paste((255, 0, 0), (0, 0, w // 2, h // 2))
    im.paste((0, 160, 0), (w // 2, 0, w, h // 2))
    im.paste((0, 0, 255), (0, h // 2, w // 2, h))
    if orientation == 6:
        im = im.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    im.convert(mode).save(buf, "JPEG", quality=90, exif=exif.tobytes())
    return buf.getvalue()


def place(win: EditorWindow, data: bytes) -> Frame:
    """A picture put into page 4's free space (where p4-third was)."""
    grid = win.editor.grid
    made = win.editor.add_picture(
        3, grid.column_x(1) + 5, grid.type_top + 48 * grid.leading, data, "p.jpg"
    )
    return win.editor.frame(made)  # type: ignore[arg-type]


def middle(f: Frame) -> tuple[float, float]:
    return f.x + f.w / 2, f.y + f.h / 3


def wheel(win: EditorWindow, x: float, y: float, notches: int, modifiers=NONE) -> None:
    pos = QPointF(win.canvas.mapFromScene(QPointF(x, y)))
    event = QWheelEvent(
        pos,
        QPointF(win.canvas.viewport().mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(win.canvas.viewport(), event)


def test_caption_and_credit_typed_in_the_inspector(window: EditorWindow) -> None:
    picture = place(window, jpeg(1200, 800))
    click(window, *middle(picture))
    section = window.inspector.picture
    assert section.isVisible() and section.picture_group.isVisible()
    section.caption.setFocus()
    type_text(section.caption, "社区花园里种下向日葵")
    QTest.keyClick(section.caption, Qt.Key.Key_Return)
    section.credit.setFocus()
    type_text(section.credit, "本报记者王五摄")
    QTest.keyClick(section.credit, Qt.Key.Key_Tab)  # leaving the field commits it too
    props = window.editor.frame(picture.id).props  # type: ignore[arg-type]
    assert (props["caption"], props["credit"]) == ("社区花园里种下向日葵", "本报记者王五摄")
    assert window.editor.session.depth()[0] == 2 + 2  # the deletion, the picture, two edits
    runs = [r for r in window.canvas.page().glyph_runs() if r.owner == f"frame-{picture.id}"]
    assert (
        "".join(r.text for r in runs).replace("\u3000", "") == "社区花园里种下向日葵本报记者王五摄"
    )
    assert min(r.y for r in runs) > picture.y + picture.h / 2  # under the picture
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "credit" not in window.editor.frame(picture.id).props  # type: ignore[arg-type]
    assert section.credit.text() == ""  # the field follows the undo
    section.caption.setFocus()  # in the field too, Ctrl+Z is the document's
    QTest.keyClick(section.caption, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "caption" not in window.editor.frame(picture.id).props  # type: ignore[arg-type]
    assert section.caption.text() == ""  # shown under the cursor too
    QTest.keyClick(section.caption, Qt.Key.Key_Tab)  # leaving it puts nothing back
    assert "caption" not in window.editor.frame(picture.id).props  # type: ignore[arg-type]
    assert window.editor.session.depth()[0] == 2  # the deletion, the picture


def test_a_picture_shows_its_own_fields_not_a_storys(window: EditorWindow) -> None:
    picture = place(window, jpeg(1200, 800))
    click(window, *middle(picture))
    inspector = window.inspector
    assert inspector.picture.caption.isVisible() and inspector.picture.ppi.isVisible()
    story_fields = (inspector.kicker, inspector.headline, inspector.subheadline, inspector.body)
    assert not any(w.isVisible() for w in story_fields)  # no greyed 引题/主题/副题
    story = named(window, "p4-lead")
    click(window, story.x + story.w / 2, story.y + story.h / 2)
    assert all(w.isVisible() and w.isEnabled() for w in story_fields)
    assert not inspector.picture.picture_group.isVisible()


def test_effective_ppi_is_shown_with_a_warning_when_low(window: EditorWindow) -> None:
    small = place(window, jpeg(300, 200))
    click(window, *middle(small))
    text = window.inspector.picture.ppi.text()
    assert "ppi" in text and "300×200" in text and "170" in text  # the warning line
    big = window.editor.frame(  # type: ignore[arg-type]
        window.editor.add_picture(
            3, 600.0, window.editor.grid.type_top + 48 * 14, jpeg(3000, 2000), "b.jpg"
        )
    )
    click(window, *middle(big))
    text = window.inspector.picture.ppi.text()
    ppi = int(text.split(" ppi")[0])
    assert ppi > 300 and "170" not in text


def test_alt_drag_pans_the_picture_in_its_frame_as_one_step(window: EditorWindow) -> None:
    placed = place(window, jpeg(1800, 600))
    grid = window.editor.grid
    window.editor.set_frame_rect(placed.id, placed.x, placed.y, placed.w, 12 * grid.leading)  # type: ignore[arg-type]
    picture = window.editor.frame(placed.id)  # type: ignore[arg-type]  # 3:1 in a taller box
    click(window, *middle(picture))
    before = window.editor.picture_view(picture.id)  # type: ignore[arg-type]
    assert before is not None and before.crop[0] > 0.1  # the middle third or so is shown
    depth = window.editor.session.depth()[0]
    x, y = middle(picture)
    mouse(window, QEvent.Type.MouseButtonPress, x, y, ALT)
    for i in range(1, 6):
        mouse(window, QEvent.Type.MouseMove, x + 8 * i, y, ALT)
    mouse(window, QEvent.Type.MouseButtonRelease, x + 40, y, ALT, held=False)
    after = window.editor.picture_view(picture.id)  # type: ignore[arg-type]
    assert after is not None and after.crop[0] < before.crop[0]  # more of its left is shown
    width = before.crop[2] - before.crop[0]
    moved = before.crop[0] - after.crop[0]
    assert moved == pytest.approx(40 / before.box[2] * width, rel=0.02)  # follows the pointer
    assert window.editor.frame(picture.id).x == picture.x  # type: ignore[arg-type]
    assert window.editor.session.depth()[0] == depth + 1
    assert window.editor.session.undo_label() == "裁切图片"


def test_the_wheel_and_the_zoom_field_scale_the_picture(window: EditorWindow) -> None:
    picture = place(window, jpeg(2400, 1600))
    click(window, *middle(picture))
    x, y = middle(picture)
    wheel(window, x, y, 3)  # without Alt or 裁切 mode the wheel scrolls the view
    assert "crop" not in window.editor.frame(picture.id).props  # type: ignore[arg-type]
    crop_button = window.actions.frames.toolbar.widgetForAction(window.actions.frames.crop)
    QTest.mouseClick(crop_button, Qt.MouseButton.LeftButton)
    assert window.actions.frames.crop.isChecked()
    x, y = middle(window.editor.frame(picture.id))  # type: ignore[arg-type]
    wheel(window, x, y, 3)
    view = window.editor.picture_view(picture.id)  # type: ignore[arg-type]
    assert view is not None and view.zoom == pytest.approx(1.1**3, rel=1e-3)
    assert window.inspector.picture.zoom.value() == round(view.zoom * 100)
    field = window.inspector.picture.zoom
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "250")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.editor.picture_view(picture.id).zoom == pytest.approx(2.5, rel=0.01)  # type: ignore[union-attr]
    # in 裁切 mode a plain drag pans: the frame stays where it is
    start = middle(window.editor.frame(picture.id))  # type: ignore[arg-type]
    mouse(window, QEvent.Type.MouseButtonPress, *start)
    mouse(window, QEvent.Type.MouseMove, start[0] - 30, start[1] - 20)
    mouse(window, QEvent.Type.MouseButtonRelease, start[0] - 30, start[1] - 20, held=False)
    assert window.editor.frame(picture.id).x == picture.x  # type: ignore[arg-type]
    QTest.mouseClick(window.inspector.picture.reset, Qt.MouseButton.LeftButton)
    assert "crop" not in window.editor.frame(picture.id).props  # type: ignore[arg-type]


def test_text_wrap_from_the_inspector(window: EditorWindow) -> None:
    picture = place(window, jpeg(1200, 800))
    click(window, *middle(picture))
    section = window.inspector.picture
    section.wrap_mode.setFocus()
    QTest.keyClick(section.wrap_mode, Qt.Key.Key_Down)  # 沿框绕排
    assert window.editor.frame(picture.id).props["wrap"] == {  # type: ignore[arg-type]
        "top": 2.0,
        "right": 2.0,
        "bottom": 2.0,
        "left": 2.0,
    }
    assert window.editor.session.undo_label() == "设置绕排"
    box = section.per_side  # a check box takes clicks on its box and label
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, NONE, QPoint(8, box.height() // 2))
    assert section.side_row.isVisible()
    top = section.sides["top"]
    top.setFocus()
    top.selectAll()
    QTest.keyClicks(top, "5")
    QTest.keyClick(top, Qt.Key.Key_Return)
    assert window.editor.frame(picture.id).props["wrap"]["top"] == 5.0  # type: ignore[arg-type]
    section.wrap_mode.setFocus()
    QTest.keyClick(section.wrap_mode, Qt.Key.Key_Up)  # 不绕排
    assert "wrap" not in window.editor.frame(picture.id).props  # type: ignore[arg-type]


def test_exif_orientation_on_screen_and_a_downsampled_copy(window: EditorWindow, qtbot) -> None:
    picture = place(window, jpeg(4000, 3000, orientation=6))  # stored 3000 × 4000, sideways
    view = window.editor.picture_view(picture.id)  # type: ignore[arg-type]
    assert view is not None and view.size == (4000, 3000)
    window.canvas.set_zoom(1.0)
    bx, by, bw, bh = view.box
    window.canvas.centerOn(bx + bw / 2, by + bh / 2)
    qtbot.wait(10)
    shot = window.canvas.viewport().grab().toImage()

    def colour(fx: float, fy: float) -> tuple[int, int, int]:
        p = window.canvas.mapFromScene(QPointF(bx + fx * bw, by + fy * bh))
        c = shot.pixelColor(p.x(), p.y())
        return c.red(), c.green(), c.blue()

    r, g, b = colour(0.2, 0.2)
    assert r > 200 and g < 80 and b < 80  # red at the top left: upright
    r, g, b = colour(0.2, 0.8)
    assert b > 200 and r < 80  # blue at the bottom left
    decoded = [d for d in window.pictures.decodes if d[0] == picture.props["asset"]]
    assert decoded and all(w < 4000 for _, w, _ in decoded)  # never the full picture
    # the whole picture as wide as the shown part needs on screen (thumbnails take less)
    need = bw * window.canvas.view_scale() / (view.crop[2] - view.crop[0])
    assert any(need <= w < 2 * need for _, w, _ in decoded)  # the canvas's: enough, not more


def test_a_large_photo_is_drawn_from_a_small_copy(window: EditorWindow) -> None:
    data = jpeg(10000, 8000, mode="L")  # 80 megapixels
    picture = place(window, data)
    window.canvas.set_zoom(4.0)
    window.canvas.centerOn(*middle(picture))
    window.canvas.viewport().repaint()
    decoded = [d for d in window.pictures.decodes if d[0] == picture.props["asset"]]
    assert decoded and max(w * h for _, w, h in decoded) <= 16_000_000
