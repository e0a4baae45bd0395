"""A shown editor window on a sample library, for the widget tests' `window` fixtures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.compose.issue import IssueComposer
from app.edit.editor import IssueEditor
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from widgets.desk import Desk
from widgets.editor_window import EditorWindow
from widgets.i18n import install_language, uninstall_language


def shown_window(
    qtbot,
    library: Library,
    composer: IssueComposer,
    settings: QSettings | Path,
    size: tuple[int, int] | None = None,
) -> EditorWindow:
    """The editor on the library's sample issue, shown and exposed; `settings` is a QSettings
    or a folder for a private settings.ini (tests never touch the user's settings)."""
    if isinstance(settings, Path):
        settings = QSettings(str(settings / "settings.ini"), QSettings.Format.IniFormat)
    win = EditorWindow(
        IssueEditor(library, IssueDoc.load(library, SAMPLE_ISSUE), composer), settings
    )
    qtbot.addWidget(win)
    if size is not None:
        win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


def shown_desk(qtbot, library: Library, folder: Path, number: int | None = SAMPLE_ISSUE) -> Desk:
    """The app as it runs: a desk (widgets/desk.py) showing the library's issue `number`, in
    Chinese with Qt's own Chinese (tests that use it call uninstall_language afterwards)."""
    install_language("zh")
    desk = Desk(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = desk.show(library, number)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return desk


def close_desk(desk: Desk) -> None:
    """Close what the desk showed and take the translators off again."""
    if desk.window is not None:
        desk.window.close()
    uninstall_language()
