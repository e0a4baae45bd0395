"""Typing on the page: takes the edit canvas and a story frame double-clicked on it, gives a caret and selection drawn at the composed glyphs' positions, keys, mouse selection, the clipboard and input methods, each edit an EditArticleText through the editor.

Nothing here lays text out: where characters are comes from the display list (the composer's
x positions, app/edit/typing.py maps them to the story's text), and after an edit the page
comes back composed again and the caret is found in it anew. Only an input method's preedit,
not yet text, is drawn here: at the caret, with the body's own font, underlined.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, SignalInstance
from PySide6.QtGui import (
    QFont,
    QGlyphRun,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QPainter,
    QPolygon,
)
from PySide6.QtWidgets import QWidget

from app.edit import typing as tp
from app.edit.editor import IssueEditor
from app.errors import UserError
from app.model import Frame
from app.store import LibraryError
from layouts.display import ComposedPage, frame_owner
from widgets import text_keys
from widgets.painter import PagePainter
from widgets.text_paint import paint_text_mode, preedit_run


class TextCanvas(Protocol):
    """What text mode uses of the edit canvas (widgets/edit_canvas.py, which owns it)."""

    editor: IssueEditor | None
    painter: PagePainter
    edit_failed: SignalInstance

    def page(self) -> ComposedPage | None: ...
    def page_frames(self) -> list[Frame]: ...
    def view_scale(self) -> float: ...
    def viewport(self) -> QWidget: ...
    def setFocus(self) -> None: ...
    def hasFocus(self) -> bool: ...
    def font(self) -> QFont: ...
    def setAttribute(self, attribute: Qt.WidgetAttribute, on: bool = True) -> None: ...
    def mapFromScene(self, rect: QRectF) -> QPolygon: ...


BLINK_MS = 530
_TEXT_FRAMES = ("article", "teaser")


def is_text_frame(frame: Frame) -> bool:
    return frame.kind in _TEXT_FRAMES and frame.article_id is not None


class TextEditOverlay(QObject):
    """Text mode of the canvas: one story, a caret (with its selection) in one of its fields."""

    def __init__(self, canvas: TextCanvas) -> None:
        assert isinstance(canvas, QObject)
        super().__init__(canvas)
        self.canvas = canvas
        self.article_id: int | None = None
        self.caret: tp.Caret | None = None
        self.preedit = ""
        self.dragging = False
        self._cache: tuple[Any, Any, list[tp.Glyph]] | None = None
        self._shown = True  # the caret's blink
        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(self._toggle)
        canvas.installEventFilter(self)  # the caret shows only while the canvas has the focus

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            if event.type() == QEvent.Type.FocusOut:  # typing elsewhere is a step of its own
                self.canvas.editor.session.seal()  # type: ignore[union-attr]
            self.canvas.viewport().update()
        return False

    # -- entering and leaving ------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.article_id is not None

    def begin(self, frame: Frame, point: QPointF) -> bool:
        """Text mode in `frame`'s story, the caret at the character nearest the point."""
        if not is_text_frame(frame):
            return False
        self.article_id = frame.article_id
        self._cache = None
        found = tp.hit(self.glyphs(), point.x(), point.y())
        if found is None:
            self.article_id = None
            return False
        self.caret = tp.Caret(found[0], found[1], found[1], found[2])
        self.preedit = ""
        self.canvas.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.canvas.setFocus()
        self._moved()
        return True

    def end(self) -> None:
        if not self.active:
            return
        self.article_id = self.caret = None
        self.preedit = ""
        self.dragging = False
        self._blink.stop()
        self.canvas.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.canvas.editor.session.seal()  # type: ignore[union-attr] - typing elsewhere is a new step
        QGuiApplication.inputMethod().reset()
        self.canvas.viewport().update()

    # -- the story on the page -------------------------------------------------------------------

    def owners(self) -> set[str]:
        return {
            frame_owner(f.id)
            for f in self.canvas.page_frames()
            if f.article_id == self.article_id and f.kind in _TEXT_FRAMES
        }

    def glyphs(self) -> list[tp.Glyph]:
        """The story's characters on the page shown, found again whenever the page or the
        story changed (after every edit, undo or redo)."""
        editor, page = self.canvas.editor, self.canvas.page()
        if editor is None or page is None or self.article_id not in editor.doc.articles:
            return []
        article = editor.article(self.article_id)  # type: ignore[arg-type]
        if self._cache is None or self._cache[0] is not page or self._cache[1] is not article:
            self._cache = (page, article, tp.story_glyphs(page, self.owners(), article))
        return self._cache[2]

    def texts(self) -> dict[str, str]:
        editor = self.canvas.editor
        assert editor is not None and self.article_id is not None
        return tp.story_texts(editor.article(self.article_id))

    def _text(self) -> str:
        assert self.caret is not None
        return self.texts()[self.caret.field]

    def _valid(self) -> tp.Caret | None:
        """The caret, kept inside its field's text (an undo may have shortened it)."""
        if self.caret is None or self.article_id not in self.canvas.editor.doc.articles:  # type: ignore[union-attr]
            return None
        n = len(self._text())
        c = self.caret
        if c.offset > n or c.anchor > n:
            self.caret = tp.Caret(c.field, min(c.offset, n), min(c.anchor, n))
        return self.caret

    def over(self, point: QPointF) -> bool:
        """Whether a scene point lies in one of the story's frames on this page."""
        return any(
            f.x <= point.x() <= f.x + f.w and f.y <= point.y() <= f.y + f.h
            for f in self.canvas.page_frames()
            if f.article_id == self.article_id and f.kind in _TEXT_FRAMES
        )

    # -- the caret -----------------------------------------------------------------------------

    def caret_box(self) -> tp.CaretBox | None:
        caret = self._valid()
        if caret is None:
            return None
        return tp.caret_box(self.glyphs(), caret.field, caret.offset, caret.upstream)

    def caret_rect(self) -> QRectF | None:
        """The caret (and the preedit beside it) in scene points."""
        box = self.caret_box()
        if box is None:
            return None
        return QRectF(box.x, box.top, max(1.0, self._preedit_width(box)), box.h)

    def _moved(self) -> None:
        # Qt's view sets this from its scene's focus item; text mode has none, so again.
        self.canvas.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self._shown = True
        self._blink.start()
        QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImQueryAll)
        self.canvas.viewport().update()

    def _toggle(self) -> None:
        self._shown = not self._shown
        rect = self.caret_rect()
        if rect is not None:
            view = self.canvas.mapFromScene(rect.adjusted(-2, -2, 2, 2)).boundingRect()
            self.canvas.viewport().update(view)

    def _place(self, caret: tp.Caret) -> None:
        self.caret = caret
        self._moved()

    # -- edits ---------------------------------------------------------------------------------

    def _apply(self, text: str, caret: tp.Caret) -> None:
        editor = self.canvas.editor
        assert editor is not None and self.article_id is not None
        try:
            editor.edit_text(self.article_id, **tp.field_edit(caret.field, text))  # type: ignore[arg-type]
        except (UserError, LibraryError) as exc:
            self.canvas.edit_failed.emit(str(exc))
            return
        self._place(caret)

    def type_text(self, typed: str) -> None:
        caret = self._valid()
        if caret is None or not typed:
            return
        text, after = tp.insert(self._text(), caret, typed)
        self._apply(text, after)

    def erase(self, forward: bool) -> None:
        caret = self._valid()
        if caret is None:
            return
        text, after = tp.delete(self._text(), caret, forward)
        if text != self._text():
            self._apply(text, after)

    def selected_text(self) -> str:
        caret = self._valid()
        return self._text()[caret.start : caret.end] if caret is not None else ""

    def copy(self) -> None:
        if self.selected_text():
            QGuiApplication.clipboard().setText(self.selected_text())

    def cut(self) -> None:
        if self.selected_text():
            self.copy()
            self.erase(forward=False)

    def paste(self) -> None:
        self.type_text(QGuiApplication.clipboard().text())

    def new_paragraph(self) -> None:
        caret = self._valid()
        if caret is None:
            return
        if caret.field == "body":
            self.type_text("\n")
        else:  # Enter in a headline line goes on to the next field that is on the page
            later = [
                g for g in self.glyphs() if tp.FIELDS.index(g.field) > tp.FIELDS.index(caret.field)
            ]
            if later:
                self._place(tp.Caret(later[0].field, later[0].offset, later[0].offset))

    def move(self, how: str, extend: bool) -> None:
        caret = self._valid()
        if caret is None:
            return
        glyphs = self.glyphs()
        if how in ("left", "right"):
            self._place(tp.step(self._text(), caret, how == "right", extend))
        elif how in ("home", "end"):
            end = how == "end"
            self._place(caret.to(tp.line_end(glyphs, caret, end), extend, upstream=end))
        else:
            field, offset, upstream = tp.vertical(glyphs, caret, how == "down")
            if field == caret.field:
                self._place(caret.to(offset, extend, upstream))
            elif not extend:  # a selection stays in its field
                self._place(tp.Caret(field, offset, offset, upstream))

    def select_all(self) -> None:
        caret = self._valid()
        if caret is not None:
            self._place(tp.Caret(caret.field, len(self._text()), 0))

    # -- events from the canvas ------------------------------------------------------------------

    def wants(self, event: QKeyEvent) -> bool:
        return text_keys.wants(event)

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key press in text mode; False for keys that are not the text's."""
        return text_keys.dispatch(self, event)

    def press(self, point: QPointF, extend: bool) -> bool:
        """A click in text mode: in the story, the caret goes there (Shift: the selection grows)
        and a drag selects; elsewhere False (the canvas leaves text mode)."""
        caret = self._valid()
        if caret is None or not self.over(point):
            return False
        found = tp.hit(self.glyphs(), point.x(), point.y())
        if found is None:
            return False
        field, offset, upstream = found
        if extend and field == caret.field:
            self._place(caret.to(offset, extend=True, upstream=upstream))
        else:
            self._place(tp.Caret(field, offset, offset, upstream))
        self.dragging = True
        return True

    def drag_to(self, point: QPointF) -> None:
        caret = self._valid()
        found = tp.hit(self.glyphs(), point.x(), point.y())
        if caret is None or found is None:
            return
        field, offset, upstream = found
        if field != caret.field:  # a selection stays in its field: to its nearer end
            after = tp.FIELDS.index(field) > tp.FIELDS.index(caret.field)
            offset = len(self._text()) if after else 0
        if offset != caret.offset:
            self._place(caret.to(offset, extend=True, upstream=upstream))

    def release(self) -> None:
        self.dragging = False

    # -- input methods -------------------------------------------------------------------------

    def input_method(self, event: QInputMethodEvent) -> None:
        """Preedit shown at the caret; the commit string typed (replacing what the input
        method asks to replace around the caret)."""
        caret = self._valid()
        if caret is None:
            return
        if event.replacementLength():
            start = max(0, caret.offset + event.replacementStart())
            self.caret = tp.Caret(caret.field, start + event.replacementLength(), start)
        if event.commitString():
            self.type_text(event.commitString())
        self.preedit = event.preeditString()
        self._moved()

    def query(self, query: Qt.InputMethodQuery) -> Any:
        """What an input method asks of the canvas in text mode (its popup sits at the caret)."""
        caret = self._valid()
        if query == Qt.InputMethodQuery.ImEnabled:
            return caret is not None
        if caret is None:
            return None
        text = self._text()
        start = text.rfind("\n", 0, caret.offset) + 1  # the paragraph around the caret
        end = text.find("\n", caret.offset)
        end = len(text) if end < 0 else end
        if query == Qt.InputMethodQuery.ImCursorRectangle:
            rect = self.caret_rect()
            if rect is None:
                return QRectF()
            view = self.canvas.mapFromScene(QRectF(rect.x(), rect.y(), 1, rect.height()))
            box = view.boundingRect()
            return QRectF(box.translated(self.canvas.viewport().pos()))
        if query == Qt.InputMethodQuery.ImFont:
            font = QFont(self.canvas.font())
            box = self.caret_box()
            if box is not None:
                font.setPixelSize(max(1, round(box.glyph.size * self.canvas.view_scale())))
            return font
        if query == Qt.InputMethodQuery.ImCursorPosition:
            return caret.offset - start
        if query == Qt.InputMethodQuery.ImAnchorPosition:
            return min(max(caret.anchor, start), end) - start
        if query == Qt.InputMethodQuery.ImSurroundingText:
            return text[start:end]
        if query == Qt.InputMethodQuery.ImCurrentSelection:
            return self.selected_text()
        if query == Qt.InputMethodQuery.ImHints:
            return Qt.InputMethodHint.ImhMultiLine if caret.field == "body" else 0
        return None

    # -- drawing ---------------------------------------------------------------------------------

    def _preedit_run(self, box: tp.CaretBox) -> QGlyphRun | None:
        page = self.canvas.page()
        if not self.preedit or page is None:
            return None
        return preedit_run(page, self.canvas.painter.fonts, box.glyph, self.preedit)

    def _preedit_width(self, box: tp.CaretBox) -> float:
        run = self._preedit_run(box)
        return run.boundingRect().right() if run is not None else 0.0

    def paint(self, painter: QPainter) -> None:
        """Selection, caret and preedit over the page, in scene points."""
        caret = self._valid()
        if caret is None:
            return
        glyphs = self.glyphs()
        box = tp.caret_box(glyphs, caret.field, caret.offset, caret.upstream)
        run = self._preedit_run(box) if box is not None else None
        paint_text_mode(painter, glyphs, caret, box, run, self._shown and self.canvas.hasFocus())
