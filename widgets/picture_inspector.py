"""The inspector's frame section: takes the selected frame, gives its text wrap (绕排: none or around the frame, offsets in mm, one for all sides or each side) and, for a picture, its caption (图片说明), credit (摄影/图), scale in its frame and effective ppi — each change one undo step.

Fields commit on Enter or when the focus leaves them (editingFinished), like the rest of the
inspector; what is shown is read again after every edit, undo and redo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.edit.editor import IssueEditor
from app.errors import UserError
from app.model import Frame
from app.store import LibraryError
from layouts.picture import LOW_PPI, zoomed
from layouts.wrap import DEFAULT_OFFSET_MM, SIDES, Offsets, offsets_of
from widgets.document_undo import DocumentLineEdit
from widgets.i18n import one_language

MAX_OFFSET_MM = 50.0


def _mm_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, MAX_OFFSET_MM)
    box.setSingleStep(0.5)
    box.setDecimals(1)
    box.setValue(DEFAULT_OFFSET_MM)
    box.setKeyboardTracking(False)  # typed digits are one value, not one edit per key
    return box


class PictureInspector(QWidget):
    """Text wrap of any frame; caption, credit, scale and ppi of a picture frame."""

    def __init__(self, editor: IssueEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.frame_id: int | None = None
        self._showing = False  # filling the fields from the model: no edits from that

        self.wrap_group = QGroupBox(self.tr("绕排"))
        self.wrap_mode = QComboBox()
        self.wrap_mode.addItems([self.tr("不绕排"), self.tr("沿框绕排")])
        self.offset = _mm_box()
        self.per_side = QCheckBox(self.tr("各边分设"))
        self.sides = {side: _mm_box() for side in SIDES}
        side_names = {
            "top": self.tr("上"),
            "right": self.tr("右"),
            "bottom": self.tr("下"),
            "left": self.tr("左"),
        }
        self.side_row = QWidget()
        row = QHBoxLayout(self.side_row)
        row.setContentsMargins(0, 0, 0, 0)
        for side, box in self.sides.items():
            row.addWidget(QLabel(side_names[side]))
            row.addWidget(box)
        wrap_form = QFormLayout(self.wrap_group)
        wrap_form.addRow(self.tr("方式"), self.wrap_mode)
        wrap_form.addRow(self.tr("距离（毫米）"), self.offset)
        wrap_form.addRow(self.per_side)
        wrap_form.addRow(self.side_row)

        self.picture_group = QGroupBox(self.tr("图片"))
        self.caption = DocumentLineEdit()  # no undo of its own: Ctrl+Z is the document's
        self.caption.setPlaceholderText(self.tr("图片说明"))
        self.credit = DocumentLineEdit()
        self.credit.setPlaceholderText(self.tr("如：本报记者 张三 摄"))
        self.zoom = QSpinBox()
        self.zoom.setRange(100, 2000)
        self.zoom.setSuffix("%")
        self.zoom.setKeyboardTracking(False)
        self.reset = QPushButton(self.tr("复位裁切"))
        self.ppi = QLabel()
        self.ppi.setWordWrap(True)
        zoom_row = QHBoxLayout()
        zoom_row.addWidget(self.zoom, 1)
        zoom_row.addWidget(self.reset)
        picture_form = QFormLayout(self.picture_group)
        picture_form.addRow(self.tr("图片说明"), self.caption)
        picture_form.addRow(self.tr("摄影/图"), self.credit)
        picture_form.addRow(self.tr("缩放"), zoom_row)
        picture_form.addRow(self.tr("有效分辨率"), self.ppi)

        self.problem = QLabel()  # an edit refused, in plain words
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c00000;")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture_group)
        layout.addWidget(self.wrap_group)
        layout.addWidget(self.problem)

        self.wrap_mode.activated.connect(lambda _i: self._wrap_changed())
        self.per_side.toggled.connect(lambda _on: self._wrap_changed())
        for box in (self.offset, *self.sides.values()):
            box.valueChanged.connect(lambda _v: self._wrap_changed())
        for line in (self.caption, self.credit):
            line.editingFinished.connect(self._text_changed)
        self.zoom.valueChanged.connect(self._zoom_changed)
        self.reset.clicked.connect(self._reset_crop)
        self.show_frame(None)

    # -- what is shown --------------------------------------------------------------------------

    def _frame(self) -> Frame | None:
        if self.frame_id is None:
            return None
        try:
            return self.editor.frame(self.frame_id)
        except KeyError:
            return None

    def show_frame(self, frame_id: int | None) -> None:
        """Show the section for a frame (None: hidden)."""
        if frame_id != self.frame_id:
            self._showing = True
            self.per_side.setChecked(False)  # another frame: its own sides decide
            self._showing = False
        self.frame_id = frame_id
        self.refresh()

    def refresh(self) -> None:
        """Read the frame again (after an edit, an undo or a redo)."""
        frame = self._frame()
        self.setVisible(frame is not None)
        if frame is None:
            return
        self._showing = True
        try:
            self._show_wrap(frame)
            self.picture_group.setVisible(frame.kind == "image")
            if frame.kind == "image":
                self._show_picture(frame)
        finally:
            self._showing = False

    def _show_wrap(self, frame: Frame) -> None:
        offsets = offsets_of(frame.props)
        self.wrap_mode.setCurrentIndex(0 if offsets is None else 1)
        shown = offsets or Offsets()
        values = [getattr(shown, s) for s in SIDES]
        # each side set apart: asked for, or the sides differ
        self.per_side.setChecked(self.per_side.isChecked() or len(set(values)) > 1)
        self.offset.setValue(values[0])
        for side, box in self.sides.items():
            box.setValue(getattr(shown, side))
        on = offsets is not None
        self.offset.setEnabled(on and not self.per_side.isChecked())
        self.per_side.setEnabled(on)
        self.side_row.setVisible(on and self.per_side.isChecked())

    def _show_picture(self, frame: Frame) -> None:
        for line, key in ((self.caption, "caption"), (self.credit, "credit")):
            typing = line.hasFocus() and line.isModified()  # typed, not yet committed
            if not typing and line.text() != frame.props.get(key, ""):
                line.setText(frame.props.get(key, ""))  # an undo shows, even in the field
                line.setCursorPosition(0)  # a long caption shows its beginning
        view = self.editor.picture_view(frame.id)  # type: ignore[arg-type]
        self.zoom.setEnabled(view is not None)
        self.reset.setEnabled(view is not None and "crop" in frame.props)
        if view is None:
            self.ppi.setText(self.tr("无法读取图片"))
            return
        self.zoom.setValue(round(view.zoom * 100))
        w, h = view.size
        text = self.tr("{ppi} ppi（{w}×{h} 像素）").format(ppi=round(view.ppi), w=w, h=h)
        low = view.ppi < LOW_PPI
        if low:
            text += "\n" + self.tr("低于{need} ppi，印出来会发虚").format(need=round(LOW_PPI))
        self.ppi.setText(text)
        self.ppi.setStyleSheet("color: #c00000;" if low else "")

    # -- edits ----------------------------------------------------------------------------------

    def _run(self, edit: Callable[[], object]) -> None:
        problem = ""
        try:
            edit()
        except (UserError, LibraryError) as exc:
            problem = one_language(str(exc))
        self.refresh()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def offsets(self) -> Offsets | None:
        """The wrap the fields ask for."""
        if self.wrap_mode.currentIndex() == 0:
            return None
        if not self.per_side.isChecked():
            return Offsets(*(self.offset.value(),) * 4)
        return Offsets(**{side: box.value() for side, box in self.sides.items()})

    def _wrap_changed(self) -> None:
        frame = self._frame()
        if self._showing or frame is None:
            return
        if self.per_side.isChecked() and self.sender() is self.per_side:
            for box in self.sides.values():  # each side starts from the one distance
                box.blockSignals(True)
                box.setValue(self.offset.value())
                box.blockSignals(False)
        offsets = self.offsets()
        self._run(lambda: self.editor.set_wrap(frame.id, offsets))  # type: ignore[arg-type]

    def _text_changed(self) -> None:
        frame = self._frame()
        if self._showing or frame is None or frame.kind != "image":
            return
        caption, credit = self.caption.text(), self.credit.text()
        for line in (self.caption, self.credit):
            line.setModified(False)  # committed (or unchanged): the model's from now on
        if (caption.strip(), credit.strip()) == (
            frame.props.get("caption", ""),
            frame.props.get("credit", ""),
        ):
            return
        self._run(lambda: self.editor.set_picture_text(frame.id, caption, credit))  # type: ignore[arg-type]

    def _zoom_changed(self, percent: int) -> None:
        frame = self._frame()
        if self._showing or frame is None:
            return
        view = self.editor.picture_view(frame.id)  # type: ignore[arg-type]
        if view is None:
            return
        x0, y0, x1, y1 = view.crop
        middle = ((x0 + x1) / 2, (y0 + y1) / 2)
        crop = zoomed(view.crop, percent / 100 / view.zoom, middle, view.fill)
        self._run(lambda: self.editor.set_crop(frame.id, crop))  # type: ignore[arg-type]

    def _reset_crop(self) -> None:
        frame = self._frame()
        if frame is not None:
            self._run(lambda: self.editor.set_crop(frame.id, None))  # type: ignore[arg-type]
