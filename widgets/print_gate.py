"""The 付印 gate of the window: takes the editor window (as an EditorHost), gives the preflight check the command line makes before a print export — errors named in a dialog, which refuses unless the desk overrides it explicitly."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.preflight.run import ERROR, PreflightFinding
from widgets.editor_host import EditorHost
from widgets.i18n import one_language
from widgets.labels import HEADLINE_CHARS, owner_title, page_number

translate = QCoreApplication.translate  # lupdate reads translate("PrintGate", "…") calls
MAX_LISTED = 10  # errors named one per line; the rest are counted (as the CLI does)


def finding_line(w: EditorHost, f: PreflightFinding) -> str:
    """第2版《石景山区…》：超12字 — where and what, in the UI language."""
    where = page_number(f.page) if f.page is not None else translate("PrintGate", "全期")
    title = owner_title(w.editor, f.frame)
    message = one_language(f.message)
    what, colon, detail = message.rpartition("：" if "：" in message else ": ")
    if title and colon and detail and detail[: HEADLINE_CHARS - 1] in title:
        message = what  # the detail is the headline, already named by the title
    return f"{where}{title}：{message}"


class PreflightRefusal(QMessageBox):
    """付印 stopped by preflight errors: 取消 (the default), 查看 (the preflight dock), or
    仍然导出 — the explicit override, as the CLI's --allow-preflight-errors."""

    def __init__(self, lines: Sequence[str], total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preflight-refusal")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(translate("PrintGate", "付印导出"))
        more = (
            "\n" + translate("PrintGate", "……另有{n}个错误").format(n=total - len(lines))
            if total > len(lines)
            else ""
        )
        self.setText(
            translate("PrintGate", "印前检查有{n}个错误，付印文件不能带着错误交印厂：").format(
                n=total
            )
        )
        self.setInformativeText("\n".join(lines) + more)
        self.cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        self.show_button = self.addButton(
            translate("PrintGate", "在印前检查中查看"), QMessageBox.ButtonRole.ActionRole
        )
        self.override = self.addButton(
            translate("PrintGate", "仍然导出"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.setDefaultButton(self.cancel)
        self.setEscapeButton(self.cancel)


def preflight_allows_print(w: EditorHost) -> bool:
    """Run preflight as the CLI's print export does; no errors: go on. Errors: named in a
    dialog; True only if the desk chose 仍然导出. 查看 shows them in the preflight dock."""
    findings = w.editor.preflight()
    errors = [f for f in findings if f.severity == ERROR]
    if not errors:
        return True
    w.preflight_panel.show_findings(findings)
    lines = [finding_line(w, f) for f in errors[:MAX_LISTED]]
    box = PreflightRefusal(lines, len(errors), w)  # type: ignore[arg-type]
    box.exec()
    clicked = box.clickedButton()
    if clicked is box.show_button:
        w.preflight_dock.show()
        w.preflight_dock.raise_()
    if clicked is box.override:
        w.report(
            translate("PrintGate", "带着{n}个印前检查错误导出（已确认）").format(n=len(errors))
        )
        return True
    return False
