"""Inspector: takes the selected frame or story, gives its geometry in mm/栏 and its headline group and body as editable plain text.

Typing is sent to the editor after a short pause (DEBOUNCE_MS), so the page re-composes as
you type; everything typed into one field until Enter or the focus leaves it is one undo
step (the edits join the open EditArticleText). The fields keep no undo history of their own:
Ctrl+Z anywhere is the document's (widgets/document_undo.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.edit.conflicts import CONFLICT, MERGED
from app.edit.editor import EditorChange, IssueEditor
from app.edit.placement import frame_span
from app.model import Article
from layouts.units import to_mm
from widgets.article_bin import status_label
from widgets.document_undo import DocumentLineEdit, DocumentPlainTextEdit
from widgets.labels import frame_title
from widgets.picture_inspector import PictureInspector
from widgets.type_panel import TypePanel

DEBOUNCE_MS = (
    25  # a pause this long sends the text: coalesces an IME commit or a paste, not a typist
)
KIND_ZH = {
    "article": QT_TRANSLATE_NOOP("Inspector", "稿件"),
    "teaser": QT_TRANSLATE_NOOP("Inspector", "导读"),
    "image": QT_TRANSLATE_NOOP("Inspector", "图片"),
    "qr": QT_TRANSLATE_NOOP("Inspector", "二维码"),
    "masthead": QT_TRANSLATE_NOOP("Inspector", "报头"),
    "box": QT_TRANSLATE_NOOP("Inspector", "框"),
    "banner": QT_TRANSLATE_NOOP("Inspector", "通栏"),
    "column_head": QT_TRANSLATE_NOOP("Inspector", "栏题"),
    "text": QT_TRANSLATE_NOOP("Inspector", "文字"),
}


def paragraphs_of(text: str) -> list[str]:
    """Plain text to paragraphs: one per non-empty line (a blank line is no paragraph)."""
    return [line for line in text.split("\n") if line.strip()]


class Inspector(QWidget):
    """Geometry of the selected frame and the text of its story (or of a story in the bin)."""

    committed = Signal(int)  # article id whose text was sent to the editor

    def __init__(self, editor: IssueEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.frame_id: int | None = None
        self.article_id: int | None = None
        self.shown: Article | None = None  # the story as the fields last showed it
        self._sending = False
        self._dirty = False  # typed since the last commit
        self.heading = QLabel(self.tr("未选中版框"))
        self.heading.setWordWrap(True)
        self.geometry = QLabel()
        self.fill = QLabel()
        self.kicker = DocumentLineEdit()
        self.headline = DocumentLineEdit()
        self.subheadline = DocumentLineEdit()
        self.body = DocumentPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.installEventFilter(self)  # leaving the body ends its undo step
        form = QFormLayout()
        form.addRow(self.tr("引题"), self.kicker)
        form.addRow(self.tr("主题"), self.headline)
        form.addRow(self.tr("副题"), self.subheadline)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.geometry)
        layout.addWidget(self.fill)
        self.type = TypePanel(editor)  # a story's 版式: faces, 字号, 行距, columns, styles
        layout.addWidget(self.type)
        self.picture = PictureInspector(editor)  # wrap; a picture's caption, credit, crop
        layout.addWidget(self.picture)
        layout.addLayout(form)
        body_label = QLabel(self.tr("正文（每行一段）"))
        layout.addWidget(body_label)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # takes the body's room while the body is hidden
        self._layout = layout
        # a story's fields, with their labels: hidden for a picture or other non-story frame
        self._story_rows = [self.kicker, self.headline, self.subheadline, self.body, body_label]
        self._story_rows += [form.labelForField(w) for w in self._story_rows[:3]]
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.commit)
        for line in (self.kicker, self.headline, self.subheadline):
            line.textEdited.connect(self._typed)
            line.editingFinished.connect(self._finished)
        self.body.textChanged.connect(self._body_changed)
        self._show_text()

    # -- what is shown ------------------------------------------------------------------------

    def show_frame(self, frame_id: int | None) -> None:
        """Inspect a frame (None: nothing); its story's text comes with it."""
        self.commit()
        self.frame_id = frame_id
        article_id = None
        if frame_id is not None:
            frame = self.editor.frame(frame_id)
            if frame.kind in ("article", "teaser"):
                article_id = frame.article_id
        self._set_article(article_id)
        self._show_geometry()

    def show_article(self, article_id: int | None) -> None:
        """Inspect a story of the bin, with no frame."""
        self.commit()
        self.frame_id = None
        self._set_article(article_id)
        self._show_geometry()

    def _set_article(self, article_id: int | None) -> None:
        if article_id != self.article_id:
            self.editor.session.seal()  # typing into another story is another undo step
        self.article_id = article_id
        self._show_text()

    def _show_geometry(self) -> None:
        self.type.show_frame(self.frame_id)
        self.picture.show_frame(self.frame_id)
        self._show_story_rows()
        if self.frame_id is None:
            self.heading.setText(self.tr("未选中版框") if self.article_id is None else "")
            self.geometry.clear()
            self.fill.clear()
            return
        try:
            f = self.editor.frame(self.frame_id)
        except KeyError:  # deleted (or undone) under us
            self.show_frame(None)
            return
        number = self.editor.page(self.editor.page_index(f.page_id)).number
        kind = self.tr(KIND_ZH.get(f.kind, f.kind))
        story = self.editor.doc.articles.get(f.article_id) if f.article_id else None
        heading = self.tr("{kind}框 · 第{page}版").format(kind=kind, page=number)
        if story is not None:  # named by its headline, never by an internal id
            heading += " · " + frame_title(f, story.headline)
        self.heading.setText(heading)
        lines = round(f.h / self.editor.grid.leading)
        self.geometry.setText(
            self.tr(
                "左 {x:.1f} 上 {y:.1f} 宽 {w:.1f} 高 {h:.1f} 毫米\n{span} 栏 · {lines} 行 · 分 {cols} 栏"
            ).format(
                x=to_mm(f.x),
                y=to_mm(f.y),
                w=to_mm(f.w),
                h=to_mm(f.h),
                span=frame_span(self.editor.grid, f.w),
                lines=lines,
                cols=f.columns,
            )
        )
        info = next(
            (
                i
                for i in self.editor.composed_page(self.editor.page_index(f.page_id)).frames
                if i.id == self.editor.owner(f)
            ),
            None,
        )
        if info is not None and info.overset:
            self.fill.setText(self.tr("超{n}字").format(n=info.overset))
            self.fill.setStyleSheet("color: #c80000")
        elif info is not None and info.space_left and f.kind in ("article", "teaser"):
            self.fill.setText(self.tr("缺{n}字").format(n=info.space_left))
            self.fill.setStyleSheet("color: #00783c")
        else:
            self.fill.clear()

    def _show_story_rows(self) -> None:
        try:
            kind = self.editor.frame(self.frame_id).kind if self.frame_id is not None else None
        except KeyError:  # deleted (or undone) under us
            kind = None
        story = kind in (None, "article", "teaser")
        for row in self._story_rows:
            row.setVisible(story)
        self._layout.setStretch(self._layout.count() - 1, 0 if story else 1)

    def _show_text(self) -> None:
        article = self.editor.doc.articles.get(self.article_id) if self.article_id else None
        self.shown = article  # what typing starts from: another desk's change since is merged
        fields = (self.kicker, self.headline, self.subheadline, self.body)
        for w in fields:
            w.setEnabled(article is not None)
            w.blockSignals(True)
        try:
            if article is None:
                for w in fields:
                    w.clear()
                return
            for w, text in (
                (self.kicker, article.kicker),
                (self.headline, article.headline),
                (self.subheadline, article.subheadline),
            ):
                if w.text() != text:
                    w.setText(text)
            body = "\n".join(article.paragraphs)
            if paragraphs_of(self.body.toPlainText()) != article.paragraphs:
                position = self.body.textCursor().position()
                self.body.setPlainText(body)
                cursor = self.body.textCursor()
                cursor.setPosition(min(position, len(body)))
                self.body.setTextCursor(cursor)
            if self.frame_id is None:
                self.heading.setText(
                    self.tr("稿件 · {n}字 · {status}").format(
                        n=article.char_count, status=status_label(article.status)
                    )
                )
        finally:
            for w in fields:
                w.blockSignals(False)

    # -- typing ---------------------------------------------------------------------------------

    def _typed(self, _text: str = "") -> None:
        if self.article_id is not None:
            self._dirty = True
            self.timer.start()

    def _body_changed(self) -> None:
        self._typed()

    def _finished(self) -> None:
        """Enter, or the focus left a field: what was typed is sent and its step closed (an
        Enter with nothing typed sends nothing and makes no step)."""
        self.commit()
        self.editor.session.seal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body and event.type() == QEvent.Type.FocusOut:
            self._finished()
        return False

    def pending(self) -> bool:
        return self.timer.isActive()

    def commit(self) -> None:
        """Send what was typed (if anything is waiting) as one text edit of the story."""
        self.timer.stop()
        dirty, self._dirty = self._dirty, False
        if not dirty or self.article_id not in self.editor.doc.articles:
            return
        self._sending = True
        try:
            outcome = self.editor.edit_text(
                self.article_id,
                base=self.shown,
                join=True,  # one step per field edit, however slow the typing
                kicker=self.kicker.text().strip(),
                headline=self.headline.text().strip(),
                subheadline=self.subheadline.text().strip(),
                paragraphs=paragraphs_of(self.body.toPlainText()),
            )
        finally:
            self._sending = False
        if outcome == MERGED:  # another desk's paragraphs joined ours: show them
            self._show_text()
        elif outcome != CONFLICT:  # (a conflict keeps what this text started from)
            self.shown = self.editor.doc.articles.get(self.article_id)
        self.committed.emit(self.article_id)

    def refresh(self, change: EditorChange) -> None:
        """After an edit anywhere: show the new geometry and fill; re-read the text unless the
        change is this inspector's own typing (the fields already hold it, cursor and all)."""
        if self.frame_id is not None:
            self._show_geometry()
        if self._sending or self._dirty:
            return
        if change.everything or self.article_id in change.articles:
            if self.article_id not in self.editor.doc.articles:
                self.article_id = None
            self._show_text()

    def body_cursor_to_end(self) -> None:
        self.body.moveCursor(QTextCursor.MoveOperation.End)
