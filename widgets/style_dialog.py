"""版式表: takes the editor, gives a window to edit the paper's named headline and paragraph styles — the 主题's face and 字号 by span in 号, 引题 and 副题, alignment, which stories a style serves; a paragraph style's face, indent and alignment — each change applied to every page at once and one undo step.

Styles are added as a copy of the one selected (新建样式) and deleted unless composition needs
them (正文, 电头, 转版, the last headline style). The table itself is app/model/style.py's.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.edit.editor import IssueEditor
from app.errors import UserError
from app.model.style import (
    ALIGNS,
    BODY,
    BYLINE,
    DEFAULT_STYLE_SHEET,
    JUMP,
    PARAGRAPH_ALIGNS,
    HeadlineStyle,
    ParagraphStyle,
    StyleSheet,
)
from app.store import LibraryError
from widgets.i18n import one_language
from widgets.type_controls import AlignCombo, ChoiceCombo, FaceCombo, IndentSpin, SizeCombo

SPANS = 6  # 主题 sizes by span: 1 … 6 columns (the last serves wider frames too)
PAGE_NAMES = {
    "any": QT_TRANSLATE_NOOP("StyleDialog", "各版"),
    "front": QT_TRANSLATE_NOOP("StyleDialog", "第1版"),
    "inside": QT_TRANSLATE_NOOP("StyleDialog", "内版"),
}
KEPT = (BODY, BYLINE, JUMP)  # paragraph styles composition reads by name


class StyleDialog(QDialog):
    """The house style table, edited live (non-modal: the page answers as it changes)."""

    def __init__(self, editor: IssueEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("版式表"))
        self.editor = editor
        self.list = QListWidget()
        self.list.setMinimumWidth(120)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._headline_form())
        self.stack.addWidget(self._paragraph_form())
        self.add = QPushButton(self.tr("新建样式…"))
        self.remove = QPushButton(self.tr("删除样式"))
        self.defaults = QPushButton(self.tr("恢复默认"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c80000")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        for b in (self.add, self.remove, self.defaults):
            side.addWidget(b)
        main = QHBoxLayout()
        main.addLayout(side)
        main.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(main)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda *_: self._show_style())
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.defaults.clicked.connect(lambda: self._apply(DEFAULT_STYLE_SHEET))
        self._unsubscribe = editor.subscribe(lambda change: self.refresh())
        self.finished.connect(lambda _r: self._unsubscribe())
        self.refresh()

    # -- forms ---------------------------------------------------------------------------------

    def _headline_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.h_face = FaceCombo()
        self.h_sizes = [SizeCombo() for _ in range(SPANS)]
        sizes = QGridLayout()
        for i, combo in enumerate(self.h_sizes):
            sizes.addWidget(QLabel(self.tr("{n}栏").format(n=i + 1)), i // 3 * 2, i % 3)
            sizes.addWidget(combo, i // 3 * 2 + 1, i % 3)
            combo.committed.connect(lambda _v: self._set_sizes())
        self.h_smallest = SizeCombo()
        self.h_kicker_face, self.h_kicker_size = FaceCombo(), SizeCombo()
        self.h_sub_face, self.h_sub_size = FaceCombo(), SizeCombo()
        self.h_align = AlignCombo(ALIGNS)
        self.h_page = ChoiceCombo({k: self.tr(v) for k, v in PAGE_NAMES.items()})
        self.h_ranks = QLineEdit()
        self.h_ranks.setPlaceholderText(self.tr("所有级别"))
        form.addRow(self.tr("主题字体"), self.h_face)
        form.addRow(self.tr("主题字号（按所占栏数）"), sizes)
        form.addRow(self.tr("太长时最小缩到"), self.h_smallest)
        form.addRow(self.tr("引题"), _pair(self.h_kicker_face, self.h_kicker_size))
        form.addRow(self.tr("副题"), _pair(self.h_sub_face, self.h_sub_size))
        form.addRow(self.tr("对齐"), self.h_align)
        form.addRow(self.tr("用于"), self.h_page)
        form.addRow(self.tr("稿件级别"), self.h_ranks)
        self.h_face.committed.connect(lambda v: self._headline(font=v))
        self.h_smallest.committed.connect(lambda v: self._headline(smallest=v))
        self.h_kicker_face.committed.connect(lambda v: self._spec("kicker", font=v))
        self.h_kicker_size.committed.connect(lambda v: self._spec("kicker", size=v))
        self.h_sub_face.committed.connect(lambda v: self._spec("subheadline", font=v))
        self.h_sub_size.committed.connect(lambda v: self._spec("subheadline", size=v))
        self.h_align.committed.connect(lambda v: self._headline(align=v))
        self.h_page.committed.connect(lambda v: self._headline(page=v))
        self.h_ranks.editingFinished.connect(self._set_ranks)
        return page

    def _paragraph_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.p_face = FaceCombo()
        self.p_indent = IndentSpin()
        self.p_align = AlignCombo(PARAGRAPH_ALIGNS)
        form.addRow(self.tr("字体"), self.p_face)
        form.addRow(self.tr("首行缩进"), self.p_indent)
        form.addRow(self.tr("对齐"), self.p_align)
        note = QLabel(self.tr("正文的字号和行距随版面网格；一篇稿件可在属性的“版式”里另设。"))
        note.setWordWrap(True)
        form.addRow(note)
        self.p_face.committed.connect(lambda v: self._paragraph(font=v))
        self.p_indent.valueChanged.connect(lambda v: self._paragraph(indent=round(v, 2)))
        self.p_align.committed.connect(lambda v: self._paragraph(align=v))
        return page

    # -- showing ---------------------------------------------------------------------------------

    def sheet(self) -> StyleSheet:
        return self.editor.doc.style

    def refresh(self) -> None:
        """The table as stored now (after any edit, an undo included)."""
        current = self.list.currentItem()
        name = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        for style in (*self.sheet().headlines, *self.sheet().paragraphs):
            kind = self.tr("标题") if isinstance(style, HeadlineStyle) else self.tr("段落")
            item = QListWidgetItem(f"{style.name}　{kind}")
            item.setData(Qt.ItemDataRole.UserRole, style.name)
            self.list.addItem(item)
            if style.name == name:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._show_style()

    def selected(self) -> HeadlineStyle | ParagraphStyle | None:
        item = self.list.currentItem()
        return self.sheet().style(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _show_style(self) -> None:
        style = self.selected()
        if isinstance(style, HeadlineStyle):
            self.stack.setCurrentIndex(0)
            self.h_face.set_value(style.font)
            for i, combo in enumerate(self.h_sizes):
                combo.set_value(style.sizes[min(i, len(style.sizes) - 1)])
            self.h_smallest.set_value(style.smallest)
            self.h_kicker_face.set_value(style.kicker.font)
            self.h_kicker_size.set_value(style.kicker.size)
            self.h_sub_face.set_value(style.subheadline.font)
            self.h_sub_size.set_value(style.subheadline.size)
            self.h_align.set_value(style.align)
            self.h_page.set_value(style.page)
            self.h_ranks.setText(" ".join(str(r) for r in style.ranks))
        elif isinstance(style, ParagraphStyle):
            self.stack.setCurrentIndex(1)
            self.p_face.set_value(style.font)
            self.p_indent.blockSignals(True)
            self.p_indent.setValue(style.indent)
            self.p_indent.blockSignals(False)
            self.p_align.set_value(style.align)
        headlines = self.sheet().headlines
        self.remove.setEnabled(
            style is not None
            and style.name not in KEPT
            and not (isinstance(style, HeadlineStyle) and len(headlines) == 1)
        )

    # -- changing --------------------------------------------------------------------------------

    def _apply(self, sheet: StyleSheet) -> None:
        self.message.clear()
        try:
            self.editor.set_house_style(sheet)
        except (UserError, LibraryError) as e:
            self.message.setText(one_language(str(e)))
        self.refresh()

    def _replaced(self, new: HeadlineStyle | ParagraphStyle, old_name: str) -> StyleSheet:
        sheet = self.sheet()
        heads = tuple(new if s.name == old_name else s for s in sheet.headlines)
        paras = tuple(new if s.name == old_name else s for s in sheet.paragraphs)
        return StyleSheet(heads, paras)  # type: ignore[arg-type]

    def _change(self, **changes: object) -> None:
        style = self.selected()
        if style is None:
            return
        try:
            new = replace(style, **changes)  # type: ignore[arg-type]
        except ValueError as e:  # the style's own check, in plain words
            self.message.setText(one_language(str(e)))
            self._show_style()
            return
        self._apply(self._replaced(new, style.name))

    def _headline(self, **changes: object) -> None:
        if isinstance(self.selected(), HeadlineStyle):
            self._change(**changes)

    def _paragraph(self, **changes: object) -> None:
        if isinstance(self.selected(), ParagraphStyle):
            self._change(**changes)

    def _spec(self, part: str, **changes: str) -> None:
        style = self.selected()
        if isinstance(style, HeadlineStyle):
            self._change(**{part: replace(getattr(style, part), **changes)})

    def _set_sizes(self) -> None:
        self._headline(sizes=tuple(c.value() for c in self.h_sizes))

    def _set_ranks(self) -> None:
        style = self.selected()
        if not isinstance(style, HeadlineStyle):
            return
        words = self.h_ranks.text().replace(",", " ").replace("，", " ").replace("、", " ")
        try:
            ranks = tuple(sorted({int(w) for w in words.split()}))
        except ValueError:
            self.message.setText(self.tr("稿件级别写成数字，如 “2 3”；空着表示所有级别"))
            self._show_style()
            return
        if ranks != style.ranks:
            self._change(ranks=ranks)

    def _add(self) -> None:
        style = self.selected()
        if style is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("新建样式"), self.tr("样式名称："))
        name = name.strip()
        if not ok or not name:
            return
        if self.sheet().style(name) is not None:
            self.message.setText(self.tr("已有样式“{name}”").format(name=name))
            return
        sheet = self.sheet()
        new = replace(style, name=name)
        if isinstance(new, HeadlineStyle):  # tried before the one it copies
            at = sheet.headlines.index(style)  # type: ignore[arg-type]
            heads = (*sheet.headlines[:at], new, *sheet.headlines[at:])
            self._apply(StyleSheet(heads, sheet.paragraphs))
        else:
            self._apply(StyleSheet(sheet.headlines, (*sheet.paragraphs, new)))  # type: ignore[arg-type]
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(i)

    def _remove(self) -> None:
        style = self.selected()
        if style is None:
            return
        sheet = self.sheet()
        heads = tuple(s for s in sheet.headlines if s.name != style.name)
        paras = tuple(s for s in sheet.paragraphs if s.name != style.name)
        self._apply(StyleSheet(heads, paras))


def _pair(face: FaceCombo, size: SizeCombo) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(face, 1)
    row.addWidget(size, 1)
    return box
