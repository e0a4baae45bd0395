"""Type controls as the desk speaks them: takes sizes in 号 or points, lengths in 字 or millimetres, the registry's face roles and the house style's names, gives the combo boxes and spin boxes the inspector's 版式 section and the 版式表 dialog are built from.

Each control says what it holds in the stored form (a size as "小四" or "10.5pt", a length in
points) through one `committed` signal, sent when the choice is made (a list pick, Enter, the
focus leaving) — never per keystroke, so each change is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QWidget

from layouts.fonts.registry import ROLES
from layouts.units import HAO, hao_name, mm, size_pt, to_mm
from widgets.i18n import current_language

translate = QCoreApplication.translate
FACE_NAMES = {
    "song": QT_TRANSLATE_NOOP("TypeControls", "书宋"),
    "hei": QT_TRANSLATE_NOOP("TypeControls", "黑体"),
    "kai": QT_TRANSLATE_NOOP("TypeControls", "楷体"),
    "fangsong": QT_TRANSLATE_NOOP("TypeControls", "仿宋"),
    "biaosong": QT_TRANSLATE_NOOP("TypeControls", "标宋"),
}
ALIGN_NAMES = {
    "left": QT_TRANSLATE_NOOP("TypeControls", "居左"),
    "center": QT_TRANSLATE_NOOP("TypeControls", "居中"),
    "right": QT_TRANSLATE_NOOP("TypeControls", "居右"),
    "justify": QT_TRANSLATE_NOOP("TypeControls", "两端对齐"),
}


def size_label(spec: str) -> str:
    """A size as the list shows it: 小四 (12pt), or 10.5pt (in English points only: the 号
    names are still understood when typed)."""
    points = size_pt(spec)
    name = hao_name(points) if current_language() == "zh" else None
    shown = f"{points:g}pt"
    return f"{name} ({shown})" if name else shown


def parse_size(text: str) -> str | None:
    """What was typed or picked as a stored size ("小四", "10.5pt"); None if unreadable."""
    text = text.strip()
    if "(" in text:  # a list entry: 小四 (12pt)
        text = text.split("(")[0].strip()
    try:
        points = size_pt(text)
    except ValueError:
        return None
    if not 4 <= points <= 200:
        return None
    name = hao_name(points)
    return name or f"{points:g}pt"


class SizeCombo(QComboBox):
    """字号: the 号 from 初号 to 七号, or any size in points typed in (10.5, 10.5pt)."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for name in HAO:
            self.addItem(size_label(name), name)
        self._value = ""
        self.activated.connect(lambda _i: self._commit(self.currentText()))
        self.lineEdit().editingFinished.connect(lambda: self._commit(self.currentText()))

    def value(self) -> str:
        return self._value

    def set_value(self, spec: str) -> None:
        """Show a stored size without committing it."""
        self._value = parse_size(spec) or ""
        self.blockSignals(True)
        self.setEditText(size_label(self._value) if self._value else "")
        self.blockSignals(False)

    def _commit(self, text: str) -> None:
        spec = parse_size(text)
        if spec is None:  # unreadable: back to what it held
            self.set_value(self._value)
            return
        changed = spec != self._value
        self.set_value(spec)
        if changed:
            self.committed.emit(spec)


class ChoiceCombo(QComboBox):
    """A pick from a list of stored values shown by their names; `committed` on a pick that
    changes it."""

    committed = Signal(str)

    def __init__(self, choices: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_choices(choices)
        self.activated.connect(self._picked)

    def set_choices(self, choices: dict[str, str]) -> None:
        """stored value → the name shown (already translated)."""
        value = self.value()
        self.blockSignals(True)
        self.clear()
        for key, shown in choices.items():
            self.addItem(shown, key)
        self.blockSignals(False)
        self.set_value(value)

    def _picked(self, index: int) -> None:
        value = self.itemData(index)
        if value != getattr(self, "_value", None):
            self._value = value
            self.committed.emit(value)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: str) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(value)))
        self._value = self.currentData()
        self.blockSignals(False)


class FaceCombo(ChoiceCombo):
    """字体: the registry's face roles by their desk names (书宋, 黑体 …)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        names = {r: translate("TypeControls", FACE_NAMES.get(r, r)) for r in ROLES}
        super().__init__(names, parent)


class AlignCombo(ChoiceCombo):
    """对齐: left, centre, right (and justified, for paragraphs)."""

    def __init__(self, aligns: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__({a: translate("TypeControls", ALIGN_NAMES[a]) for a in aligns}, parent)


class IndentSpin(QDoubleSpinBox):
    """首行缩进 in 字: 0–10 in half steps, committed on Enter, arrows or leaving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 10)
        self.setSingleStep(0.5)
        self.setDecimals(1)
        self.setSuffix(translate("TypeControls", " 字"))
        self.setKeyboardTracking(False)


class LengthSpin(QWidget):
    """A length in 字 (of a given body size) or millimetres, held in points."""

    committed = Signal(float)

    def __init__(self, em: float, parent: QWidget | None = None, maximum_mm: float = 50.0) -> None:
        super().__init__(parent)
        self.em = em  # points per 字
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(2)
        self.spin.setKeyboardTracking(False)  # valueChanged on Enter, arrows or leaving
        self.unit = QComboBox()
        self.unit.addItem(translate("TypeControls", "字"), "em")
        self.unit.addItem(translate("TypeControls", "毫米"), "mm")
        self._maximum = mm(maximum_mm)
        self._points = 0.0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin, 1)
        layout.addWidget(self.unit)
        self.unit.currentIndexChanged.connect(lambda _i: self._show())
        self.spin.valueChanged.connect(self._typed)
        self._show()

    def points(self) -> float:
        return self._points

    def set_points(self, points: float) -> None:
        self._points = points
        self._show()

    def _in_unit(self, points: float) -> float:
        return points / self.em if self.unit.currentData() == "em" else to_mm(points)

    def _show(self) -> None:
        self.spin.blockSignals(True)
        self.spin.setMaximum(self._in_unit(self._maximum))
        self.spin.setSingleStep(0.25 if self.unit.currentData() == "em" else 0.5)
        self.spin.setValue(self._in_unit(self._points))
        self.spin.blockSignals(False)

    def _typed(self, value: float) -> None:
        points = value * self.em if self.unit.currentData() == "em" else mm(value)
        if abs(points - self._points) > 1e-6:
            self._points = points
            self.committed.emit(points)
