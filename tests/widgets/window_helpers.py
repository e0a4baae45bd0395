"""A shown editor window on a sample library, for the widget tests' `window` fixtures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.compose.issue import IssueComposer
from app.edit.editor import IssueEditor
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from widgets.editor_window import EditorWindow


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
