"""File dialogs that remember where the desk was: takes the window's QSettings and a purpose (library, material, export), gives the open and save dialogs starting in the folder last used for it — else beside the library, never the program's folder — and keeps the folder chosen."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

LIBRARY = "library"  # 打开库
MATERIAL = "material"  # 导入稿件, 置入图片: the day's stories and photos arrive together
EXPORT = "export"  # 导出PDF, 付印导出
_KEY = "folders/{purpose}"
translate = QCoreApplication.translate  # lupdate reads translate("FileDialogs", "…") calls


def library_folder(library: Path | None) -> Path:
    """Where file dialogs start before the desk chose a folder: beside the library file, or
    the home folder when the library is on a server."""
    return library.parent if library is not None else Path.home()


def last_folder(settings: QSettings, purpose: str, fallback: Path) -> Path:
    """The folder the dialog for `purpose` opened last, if it is still there; else `fallback`."""
    kept = settings.value(_KEY.format(purpose=purpose), "", type=str)
    folder = Path(kept) if kept else None
    return folder if folder is not None and folder.is_dir() else fallback


def remember(settings: QSettings, purpose: str, path: str | Path) -> None:
    """Keep the folder of a file chosen (or the folder itself) for the next dialog."""
    p = Path(path)
    settings.setValue(_KEY.format(purpose=purpose), str(p if p.is_dir() else p.parent))


def open_file(
    parent: QWidget,
    settings: QSettings,
    purpose: str,
    fallback: Path,
    title: str,
    filters: str,
) -> str:
    """One file to open ("" if cancelled)."""
    start = str(last_folder(settings, purpose, fallback))
    path, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
    if path:
        remember(settings, purpose, path)
    return path


def open_files(
    parent: QWidget,
    settings: QSettings,
    purpose: str,
    fallback: Path,
    title: str,
    filters: str,
) -> list[str]:
    """Files to open, several at once ([] if cancelled)."""
    start = str(last_folder(settings, purpose, fallback))
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start, filters)
    if paths:
        remember(settings, purpose, paths[0])
    return paths


def save_file(
    parent: QWidget,
    settings: QSettings,
    purpose: str,
    fallback: Path,
    title: str,
    name: str,
    filters: str,
) -> str:
    """A file name to write, `name` suggested in the folder last used ("" if cancelled)."""
    start = last_folder(settings, purpose, fallback) / name
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if path:
        remember(settings, purpose, path)
    return path


def export_name(title: str, preset: str) -> str:
    """The file name an export suggests: the issue's title, and for print 付印 after it, so
    the file for the press is not taken for (or written over) the screen proof."""
    name = re.sub(r'[\\/:*?"<>|]', "_", title)
    if preset == "print":
        name += " " + translate("FileDialogs", "付印")
    return name + ".pdf"


def ask_export_path(
    parent: QWidget, settings: QSettings, fallback: Path, title: str, preset: str
) -> str | None:
    """The PDF to write for an export with `preset` (None if cancelled), ending in .pdf."""
    path = save_file(
        parent,
        settings,
        EXPORT,
        fallback,
        translate("FileDialogs", "付印导出")
        if preset == "print"
        else translate("FileDialogs", "导出PDF"),
        export_name(title, preset),
        translate("FileDialogs", "PDF 文件 (*.pdf)"),
    )
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else path + ".pdf"
