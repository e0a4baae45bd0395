"""Preflight panel: takes preflight findings, gives a list (errors first) whose click goes to the finding's page and frame."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.preflight.run import ERROR, PreflightFinding
from widgets.i18n import one_language

FINDING_ROLE = Qt.ItemDataRole.UserRole


class PreflightPanel(QWidget):
    """A "run" button, a summary line and the findings; `go_to(page, owner)` on a click."""

    go_to = Signal(int, str)  # page number (版序), display-list owner id ("" for the page)

    def __init__(
        self,
        run: Callable[[], Sequence[PreflightFinding]],
        parent: QWidget | None = None,
        name_frame: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._name_frame = name_frame  # owner id → the frame as the desk knows it
        self.button = QPushButton(self.tr("运行印前检查"))
        self.button.clicked.connect(self.run)
        self.summary = QLabel(self.tr("尚未检查"))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.button)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

    def run(self) -> None:
        self.show_findings(self._run())

    def show_findings(self, findings: Sequence[PreflightFinding]) -> None:
        self.list.clear()
        errors = sum(f.severity == ERROR for f in findings)
        self.summary.setText(
            self.tr("{e}个错误，{w}个警告").format(e=errors, w=len(findings) - errors)
        )
        for f in findings:
            where = self.tr("第{n}版").format(n=f.page) if f.page is not None else self.tr("全期")
            name = self._name_frame(f.frame) if f.frame and self._name_frame else ""
            mark = "✖" if f.severity == ERROR else "⚠"
            item = QListWidgetItem(f"{mark} {where}{name}：{one_language(f.message)}")
            item.setToolTip(one_language(f.fix))
            item.setData(FINDING_ROLE, f)
            item.setForeground(
                QBrush(QColor(200, 0, 0) if f.severity == ERROR else QColor(150, 100, 0))
            )
            self.list.addItem(item)

    def findings(self) -> list[PreflightFinding]:
        return [self.list.item(i).data(FINDING_ROLE) for i in range(self.list.count())]

    def _clicked(self, item: QListWidgetItem) -> None:
        finding: PreflightFinding = item.data(FINDING_ROLE)
        if finding.page is not None:
            self.go_to.emit(finding.page, finding.frame)
