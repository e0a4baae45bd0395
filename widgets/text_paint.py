"""Text mode's marks on the page: takes the story's placed glyphs, the caret and an input method's preedit, gives the selection, the caret and the preedit painted in page points.

The preedit is the only text drawn here: an input method's composition, not yet the story's,
set with the body's own face (QRawFont advances, no Qt text layout) on white at the caret.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QGlyphRun, QPainter, QPen

from app.edit import typing as tp
from layouts.display import ComposedPage
from widgets.painter import FontCache, FontLoadError

_CARET = QColor(0, 0, 0)
_SELECTION = QColor(0, 110, 255, 70)
_PREEDIT_LINE = QColor(0, 90, 220)


def preedit_run(
    page: ComposedPage, fonts: FontCache, beside: tp.Glyph, text: str
) -> QGlyphRun | None:
    """`text` as one glyph run in the face and size of the character `beside`, from x 0."""
    try:
        raw = fonts.raw_font(page.font(beside.font), beside.size)
    except (KeyError, FontLoadError, OSError):
        return None
    indexes = raw.glyphIndexesForString(text)
    run = QGlyphRun()
    run.setRawFont(raw)
    run.setGlyphIndexes(indexes)
    x, positions = 0.0, []
    for advance in raw.advancesForGlyphIndexes(indexes):
        positions.append(QPointF(x, 0.0))
        x += advance.x()
    run.setPositions(positions)
    return run


def _pen(colour: QColor, pixels: float) -> QPen:
    pen = QPen(colour, pixels)
    pen.setCosmetic(True)  # screen pixels at any zoom
    return pen


def paint_text_mode(
    painter: QPainter,
    glyphs: list[tp.Glyph],
    caret: tp.Caret,
    box: tp.CaretBox | None,
    preedit: QGlyphRun | None,
    show_caret: bool,
) -> None:
    """The selection behind its characters, then the preedit and the caret after it."""
    painter.save()
    if caret.selected:
        for g in glyphs:
            if g.field == caret.field and caret.start <= g.offset < caret.end:
                painter.fillRect(QRectF(g.x, g.top, g.w, g.h), _SELECTION)
    if box is not None:
        x = box.x
        if preedit is not None:
            width = preedit.boundingRect().right()
            painter.fillRect(QRectF(box.x, box.top, width, box.h), QColor(255, 255, 255))
            painter.drawGlyphRun(QPointF(box.x, box.glyph.baseline), preedit)
            painter.setPen(_pen(_PREEDIT_LINE, 1.5))
            under = box.top + box.h
            painter.drawLine(QPointF(box.x, under), QPointF(box.x + width, under))
            x += width
        if show_caret:
            painter.setPen(_pen(_CARET, 2))
            painter.drawLine(QPointF(x, box.top), QPointF(x, box.top + box.h))
    painter.restore()
