"""Export from the window: takes the editor and a file name, gives the PDF with a QProgressDialog per page and a cancel button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.edit.editor import IssueEditor
from app.export.progress import ExportCancelled

translate = QCoreApplication.translate  # lupdate reads translate("ExportDialog", "…") calls


def export_with_dialog(parent: QWidget, editor: IssueEditor, path: str | Path) -> bool:
    """Export the issue to `path`; False if the user cancelled (no file is then written).

    Other failures propagate to the caller, which shows them.
    """
    dialog = QProgressDialog(
        translate("ExportDialog", "正在导出PDF…"),
        translate("ExportDialog", "取消"),
        0,
        len(editor.doc.pages) + 1,
        parent,
    )
    dialog.setWindowTitle(translate("ExportDialog", "导出PDF"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        if done == 0:  # the first export converts CFF faces (Noto CJK) for embedding first
            dialog.setLabelText(translate("ExportDialog", "正在准备字体…"))
        elif done < total - 1:
            dialog.setLabelText(
                translate("ExportDialog", "正在绘制第{n}版，共{total}版…").format(
                    n=done + 1, total=total - 1
                )
            )
        else:
            dialog.setLabelText(translate("ExportDialog", "正在生成 PDF/X-1a 文件…"))
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        editor.export(path, progress)
    except ExportCancelled:
        return False
    finally:
        dialog.close()
        dialog.deleteLater()
    return True
