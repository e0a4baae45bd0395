"""The inspector's 版式 section: takes the selected story frame, gives its type settings as the desk speaks them — 标题样式 and the 主题's face, 字号 and alignment, 正文样式, body face, 字号, 行距 and 首行缩进, 分栏 and 栏间距 — each change one undo step, and the way to the 版式表.

What is shown is what the page is set in: the house style's setting where the story has none
of its own (app/compose/story_type.py); 恢复样式 drops the story's own settings.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.compose import story_type as st
from app.compose.issue import leads_front_page
from app.compose.styles import HouseStyle, frame_rank
from app.edit.editor import IssueEditor
from app.edit.placement import frame_span
from app.errors import UserError
from app.model import MAX_COLUMNS, Frame
from app.model.style import ALIGNS, BODY, BYLINE, JUMP
from app.store import LibraryError
from layouts.display import frame_owner
from layouts.units import hao_name, size_pt
from widgets.style_dialog import StyleDialog
from widgets.type_controls import (
    AlignCombo,
    ChoiceCombo,
    FaceCombo,
    IndentSpin,
    LengthSpin,
    SizeCombo,
)

# Undo step names of the type edits (app/edit/type_edits.py), for lupdate.
COMMAND_LABELS = (
    QT_TRANSLATE_NOOP("Commands", "设置版式"),
    QT_TRANSLATE_NOOP("Commands", "设置分栏"),
    QT_TRANSLATE_NOOP("Commands", "修改版式表"),
)
BY_RANK = ""  # the headline style chosen by rank and page, as the table says


def _size_spec(points: float) -> str:
    return hao_name(points) or f"{points:g}pt"


class TypePanel(QGroupBox):
    """Type controls for one story frame; hidden for other frames."""

    failed = Signal(str)  # a refused setting, in plain words

    def __init__(self, editor: IssueEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("版式"))
        self.editor = editor
        self.frame_id: int | None = None
        self.dialog: StyleDialog | None = None  # the 版式表, one per window
        self.head_style = ChoiceCombo({})
        self.head_face = FaceCombo()
        self.head_size = SizeCombo()
        self.head_align = AlignCombo(ALIGNS)
        self.body_style = ChoiceCombo({})
        self.body_face = FaceCombo()
        self.body_size = SizeCombo()
        self.gap = LengthSpin(9.0, maximum_mm=10)  # 行距: the space between lines
        self.indent = IndentSpin()
        self.columns = QSpinBox()
        self.columns.setRange(1, MAX_COLUMNS)
        self.columns.setKeyboardTracking(False)
        self.gutter = LengthSpin(9.0, maximum_mm=20)
        self.reset = QPushButton(self.tr("恢复样式"))
        self.reset.setToolTip(self.tr("去掉这篇稿件自己的设置，按版式表排"))
        self.styles = QPushButton(self.tr("版式表…"))
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(3)
        rows: list[tuple[str, list[QWidget]]] = [
            (self.tr("标题样式"), [self.head_style]),
            (self.tr("主题"), [self.head_face, self.head_size, self.head_align]),
            (self.tr("正文样式"), [self.body_style]),
            (self.tr("正文"), [self.body_face, self.body_size]),
            (self.tr("行距"), [self.gap]),
            (self.tr("首行缩进"), [self.indent]),
            (self.tr("分栏"), [self.columns]),
            (self.tr("栏间距"), [self.gutter]),
        ]
        for row, (label, widgets) in enumerate(rows):
            grid.addWidget(QLabel(label), row, 0)
            for col, w in enumerate(widgets):
                span = 3 if len(widgets) == 1 else 1
                grid.addWidget(w, row, 1 + col, 1, span)
        grid.addWidget(self.reset, len(rows), 1)
        grid.addWidget(self.styles, len(rows), 2, 1, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        self._connect()
        self.setVisible(False)

    def _connect(self) -> None:
        self.head_style.committed.connect(lambda v: self._set(headline_style=v or None))
        self.head_face.committed.connect(lambda v: self._set(headline_font=v))
        self.head_size.committed.connect(lambda v: self._set(headline_size=v))
        self.head_align.committed.connect(lambda v: self._set(headline_align=v))
        self.body_style.committed.connect(lambda v: self._set(paragraph_style=v or None))
        self.body_face.committed.connect(lambda v: self._set(body_font=v))
        self.body_size.committed.connect(self._body_size)
        self.gap.committed.connect(lambda gap: self._set(leading=round(self._size() + gap, 3)))
        self.indent.valueChanged.connect(lambda v: self._set(indent=round(v, 2)))
        self.columns.valueChanged.connect(lambda _v: self._columns())
        self.gutter.committed.connect(lambda _v: self._columns())
        self.reset.clicked.connect(lambda: self._set(**dict.fromkeys(st.STORY_KEYS)))
        self.styles.clicked.connect(self.open_styles)

    # -- what is shown ---------------------------------------------------------------------------

    def show_frame(self, frame_id: int | None) -> None:
        """Show the settings of the story in `frame_id` (hidden for any other frame)."""
        frame = None
        if frame_id is not None:
            try:
                frame = self.editor.frame(frame_id)
            except KeyError:  # deleted (or undone) under us
                frame = None
        story = frame is not None and frame.kind == "article" and frame.article_id is not None
        self.frame_id = frame.id if story and frame is not None else None
        self.setVisible(story)
        if story and frame is not None:
            self._show(frame)

    def _show(self, frame: Frame) -> None:
        editor = self.editor
        first = editor.story_frame(frame.id)  # type: ignore[arg-type]
        article = editor.article(first.article_id)  # type: ignore[arg-type]
        sheet = editor.doc.style
        house = st.story_house(HouseStyle(sheet), first)
        grid = editor.grid
        front = leads_front_page(editor.doc, first)
        heading = house.headline_style(frame_rank(first, article), front)
        by_rank = self.tr("按级别（{name}）").format(
            name=HouseStyle(sheet).headline_style(frame_rank(first, article), front).name
        )
        self.head_style.set_choices({BY_RANK: by_rank, **{h.name: h.name for h in sheet.headlines}})
        self.head_style.set_value(str(first.props.get(st.HEADLINE_STYLE, BY_RANK)))
        self.head_face.set_value(heading.font)
        self.head_size.set_value(
            _size_spec(self._headline_points(first, heading.size_for(frame_span(grid, first.w))))
        )
        self.head_align.set_value(heading.align)
        reserved = (BYLINE, JUMP)  # composition's own: 电头 and 转版 lines
        paragraphs = [p.name for p in sheet.paragraphs if p.name not in reserved]
        self.body_style.set_choices({"" if n == BODY else n: n for n in paragraphs})
        self.body_style.set_value(str(first.props.get(st.PARAGRAPH_STYLE, "")))
        body = st.story_body(HouseStyle(sheet), grid, first)
        self.body_face.set_value(body.font)
        self.body_size.set_value(_size_spec(body.size))
        for spin in (self.gap, self.gutter):
            spin.em = body.size if spin is self.gap else grid.body_size
        self.gap.set_points(body.leading - body.size)
        self.indent.blockSignals(True)
        self.indent.setValue(body.indent)
        self.indent.blockSignals(False)
        self.columns.blockSignals(True)
        self.columns.setValue(frame.columns)
        self.columns.blockSignals(False)
        self.gutter.set_points(st.frame_gutter(frame, grid))
        self.reset.setEnabled(any(k in first.props for k in st.STORY_KEYS))

    def _headline_points(self, first: Frame, table: float) -> float:
        """The 主题 as set on the page: the largest type of the story's first frame (a 主题
        too long for one line steps down the 号 ladder), else the table's size."""
        page = self.editor.composed_page(self.editor.page_index(first.page_id))  # type: ignore[arg-type]
        owner = frame_owner(first.id)  # type: ignore[arg-type]
        sizes = [r.size for r in page.glyph_runs() if r.owner == owner]
        article = self.editor.article(first.article_id)  # type: ignore[arg-type]
        return max(sizes) if sizes and article.headline else table

    def _size(self) -> float:
        frame = self.editor.story_frame(self.frame_id)  # type: ignore[arg-type]
        return st.story_body(HouseStyle(self.editor.doc.style), self.editor.grid, frame).size

    def open_styles(self) -> StyleDialog:
        """The 版式表 beside the window (not modal: pages answer as it changes)."""
        if self.dialog is None:
            self.dialog = StyleDialog(self.editor, self.window())
            self.dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    # -- changes -----------------------------------------------------------------------------------

    def _run(self, edit) -> None:  # type: ignore[no-untyped-def]
        try:
            edit()
        except (UserError, LibraryError) as e:
            self.failed.emit(str(e))
        if self.frame_id is not None:
            self.show_frame(self.frame_id)  # what was refused shows what holds

    def _set(self, **props: object) -> None:
        if self.frame_id is not None:
            frame_id = self.frame_id
            self._run(lambda: self.editor.set_story_type(frame_id, **props))

    def _body_size(self, spec: str) -> None:
        """A new body size keeps the space between lines it had, in 字."""
        old = self._size()
        frame = self.editor.story_frame(self.frame_id)  # type: ignore[arg-type]
        body = st.story_body(HouseStyle(self.editor.doc.style), self.editor.grid, frame)
        new = size_pt(spec)
        leading = round(new + (body.leading - old) * new / old, 3)
        self._set(body_size=spec, leading=leading)

    def _columns(self) -> None:
        if self.frame_id is None:
            return
        frame_id, n, gutter = self.frame_id, self.columns.value(), round(self.gutter.points(), 3)
        grid_gutter = abs(gutter - self.editor.grid.gutter) < 1e-3
        self._run(lambda: self.editor.set_columns(frame_id, n, None if grid_gutter else gutter))
