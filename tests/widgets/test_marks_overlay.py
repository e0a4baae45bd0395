"""Open proof marks in the editor (pytest-qt, offscreen): on the canvas at their text in the round's colour, in the 校对标记 dock, fixed by editing the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.compose.issue import IssueComposer
from app.model.proof import Mark, Rect, article_text
from app.proof.locate import text_box
from app.proof.rounds import add_mark, frame_articles, open_round
from app.store import Library
from layouts.display import GlyphRun
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow

INSERT = "增补的一句话"  # in the composer's characters (below), so it sets without findings


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    return shown_window(qtbot, library, composer, tmp_path, (1400, 900))


# -- helpers ----------------------------------------------------------------------------------


def lead_run(win: EditorWindow) -> GlyphRun:
    """A body line of page 1's lead story (its smallest size, several characters, no jump line)."""
    frame = next(f for f in win.editor.doc.frames[win.editor.page(0).id] if f.name == "lead")  # type: ignore[index]
    owner = f"frame-{frame.id}"
    runs = [r for r in win.editor.composed_page(0).glyph_runs() if r.owner == owner]
    size = min(r.size for r in runs if len(r.text) >= 6)
    return next(r for r in runs if r.size == size and len(r.text) >= 6 and "（" not in r.text)


def chars_box(run: GlyphRun, first: int, last: int) -> Rect:
    """A box over characters first..last of a run, inside their em boxes."""
    top = run.y - run.size * 0.8
    return Rect(run.xs[first] + 1, top, run.xs[last + 1] - run.xs[first] - 2, run.size * 0.8)


def mark_on_lead(win: EditorWindow, colour: str = "") -> Mark:
    """Open a round on every page and mark two characters of the lead's body, as a proof view
    would; the editor window is told afterwards (a mark made elsewhere)."""
    lib, editor = win.editor.library, win.editor
    rnd = open_round(lib, editor.doc.issue.id, "一校", "王校对", editor.pages(), colour=colour)  # type: ignore[arg-type]
    run = lead_run(win)
    page_id = editor.page(0).id
    mark = Mark(rnd.id, page_id, chars_box(run, 3, 4), "改正", proposed="新字")  # type: ignore[arg-type]
    mark = add_mark(lib, mark, editor.composed_page(0))
    assert mark.on_text and mark.end - mark.start == 2  # type: ignore[operator]
    win.refresh_marks()
    return mark


def grab(win: EditorWindow) -> Image.Image:
    QApplication.processEvents()
    image = win.canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes(
        "RGB", (image.width(), image.height()), data, "raw", "RGB", image.bytesPerLine()
    )


def around(win: EditorWindow, box: Rect, grow: float = 6.0) -> tuple[int, int, int, int]:
    """The viewport pixels of a page box, grown by `grow` points (the pen and the label)."""
    r = win.canvas.mapFromScene(
        QRectF(box.x - grow, box.y - 2 * grow, box.w + 2 * grow, box.h + 3 * grow)
    ).boundingRect()
    return r.left(), r.top(), r.right(), r.bottom()


def coloured(image: Image.Image, colour: str) -> int:
    """Pixels of a round's colour: red (229, 0, 0) or blue (0, 64, 229)."""
    r, g, b = image.split()
    hi = {"red": r, "blue": b}[colour]
    lo = {"red": b, "blue": r}[colour]
    mask = ImageChops.multiply(
        ImageChops.multiply(
            hi.point(lambda v: 255 if v > 180 else 0), g.point(lambda v: 255 if v < 110 else 0)
        ),
        lo.point(lambda v: 255 if v < 90 else 0),
    )
    return mask.histogram()[255]


def zoom_on(win: EditorWindow, box: Rect) -> None:
    win.canvas.set_zoom(2.0)
    win.canvas.centerOn(*box.centre)


# -- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("colour", ["red", "blue"])
def test_an_open_mark_shows_at_its_text_in_its_rounds_colour(
    window: EditorWindow, colour: str
) -> None:
    mark = mark_on_lead(window, colour)
    (placed,) = window.canvas.marks.marks
    assert placed.id == mark.id and placed.round.colour == colour
    assert placed.box.contains(*mark.box.centre)  # on the two characters it was drawn over
    zoom_on(window, placed.box)
    region = around(window, placed.box)
    window.canvas.marks.set_visible(False)
    without = coloured(grab(window).crop(region), colour)
    window.canvas.marks.set_visible(True)
    shown = grab(window).crop(region)
    assert coloured(shown, colour) > without + 40  # the box and its label 改正：新字
    other = "blue" if colour == "red" else "red"
    assert coloured(shown, other) <= coloured(grab(window).crop(region), other)
    window.canvas.marks.set_visible(False)
    assert coloured(grab(window).crop(region), other) == coloured(shown, other)  # not that colour


def test_the_mark_follows_its_text_when_an_edit_moves_it(window: EditorWindow) -> None:
    mark = mark_on_lead(window)
    editor, lib = window.editor, window.editor.library
    article = editor.article(mark.article_id)  # type: ignore[arg-type]
    text = article_text(article.paragraphs)
    marked = text[mark.start : mark.end]
    p = text[: mark.start].count("\n")  # the paragraph holding the mark
    paragraphs = list(article.paragraphs)
    paragraphs[p] = INSERT + paragraphs[p]  # before the mark: the mark's characters move on
    editor.edit_text(article.id, paragraphs=paragraphs)  # type: ignore[arg-type]
    moved = lib.mark(mark.id)  # type: ignore[arg-type]
    assert moved.status == "open" and moved.start == mark.start + len(INSERT)  # type: ignore[operator]
    new_text = article_text(editor.article(article.id).paragraphs)  # type: ignore[arg-type]
    assert new_text[moved.start : moved.end] == marked
    (placed,) = window.canvas.marks.marks  # refreshed after the edit, no call needed
    page = editor.composed_page(0)
    articles = frame_articles(lib, moved.page_id)
    expected = text_box(page, articles, article.id, moved.start, moved.end)  # type: ignore[arg-type]
    assert moved.page_id == editor.page(0).id and placed.box == expected
    # Six characters on, wherever the line broke: not where the mark was first drawn.
    assert not placed.box.contains(*mark.box.centre)
    zoom_on(window, placed.box)
    assert coloured(grab(window).crop(around(window, placed.box)), "red") > 40


def test_fixing_the_text_fixes_the_mark_and_it_disappears(window: EditorWindow) -> None:
    mark = mark_on_lead(window)
    assert window.marks_panel.mark_ids() == [mark.id]
    (placed,) = window.canvas.marks.marks
    zoom_on(window, placed.box)
    region = around(window, placed.box)
    assert coloured(grab(window).crop(region), "red") > 40
    editor = window.editor
    article = editor.article(mark.article_id)  # type: ignore[arg-type]
    text = article_text(article.paragraphs)
    fixed = text[: mark.start] + INSERT[:2] + text[mark.end :]
    editor.edit_text(article.id, paragraphs=fixed.split("\n"))  # type: ignore[arg-type]
    assert editor.library.mark(mark.id).status == "fixed"  # type: ignore[arg-type]
    assert window.canvas.marks.marks == []
    assert window.marks_panel.count() == 0
    assert coloured(grab(window).crop(region), "red") < 5


def test_the_marks_dock_lists_goes_to_and_resolves(qtbot, window: EditorWindow) -> None:
    on_text = mark_on_lead(window)
    lib, editor = window.editor.library, window.editor
    rnd_id = on_text.round_id
    # A mark on page 2 drawn in the margin: on no text, so shown at its own box.
    margin = Rect(4, 300, 14, 14)
    loose = add_mark(lib, Mark(rnd_id, editor.page(1).id, margin, "说明", note="版心外"))  # type: ignore[arg-type]
    window.refresh_marks()
    panel = window.marks_panel
    assert [panel.row(i) for i in range(panel.count())] == [
        ["1", "一校", "改正", "新字", "待改"],
        ["2", "一校", "说明", "", "待改"],
    ]
    window.marks_dock.raise_()  # tabbed with the inspector and preflight
    qtbot.waitUntil(panel.tree.isVisible)
    item = panel.tree.topLevelItem(1)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_index() == 1 and window.canvas.page().number == 2
    assert window.canvas.marks.selected == loose.id and window.canvas.marks.flashing()
    (placed,) = window.canvas.marks.marks
    assert placed.box == margin
    qtbot.waitUntil(lambda: not window.canvas.marks.flashing(), timeout=3000)
    assert window.canvas.marks.selected == loose.id  # still outlined after the blinks
    # Resolve from the list: 不改 keeps the text; the mark leaves the list and the page.
    panel.rejected_button.click()
    assert lib.mark(loose.id).status == "rejected"  # type: ignore[arg-type]
    assert panel.mark_ids() == [on_text.id] and window.canvas.marks.marks == []
    assert panel.activate(on_text.id)
    assert window.current_index() == 0 and window.canvas.marks.selected == on_text.id
    panel.fixed_button.click()
    assert lib.mark(on_text.id).status == "fixed"  # type: ignore[arg-type]
    assert panel.count() == 0 and window.canvas.marks.marks == []
    assert not panel.fixed_button.isEnabled()
