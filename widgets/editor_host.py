"""What the editor window offers its menus and dialogs: takes nothing, gives the EditorHost protocol they are written against (widgets/editor_window.py implements it).

The menu modules (editor_menus, proof_menu, import_dialog) act on the window through this
interface alone and never import the window, so widgets/ has no import circle (an
import-linter contract in pyproject.toml holds that).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog, QDockWidget, QMenu, QMenuBar, QToolBar

    from app.edit.editor import IssueEditor
    from widgets.article_bin import ArticleBin
    from widgets.edit_canvas import EditCanvas
    from widgets.inspector import Inspector
    from widgets.pages_panel import PagesPanel
    from widgets.preflight_panel import PreflightPanel


class DeskHost(Protocol):
    """What holds the window (widgets/desk.py): it opens another library, issue or language
    in a new window in this one's place; False (and the reason shown) if it could not."""

    def open_library(self, path: str) -> bool: ...
    def open_issue(self, number: int) -> bool: ...
    def set_language(self, language: str) -> None: ...


class EditorHost(Protocol):
    """The editor window as its menus, the 校对 menu and the import dialog use it."""

    editor: IssueEditor
    canvas: EditCanvas
    inspector: Inspector
    bin: ArticleBin
    pages: PagesPanel
    preflight_panel: PreflightPanel
    settings: QSettings
    last_story: int | None  # the story a "continue here" continues
    desk: DeskHost | None  # what opens another library, issue or language (None: cannot)
    file_menu: QMenu
    view_menu: QMenu
    quit_action: QAction
    bin_dock: QDockWidget
    inspector_dock: QDockWidget
    preflight_dock: QDockWidget
    marks_dock: QDockWidget

    def menuBar(self) -> QMenuBar: ...  # Qt's name
    def addToolBar(self, toolbar: QToolBar) -> None: ...  # Qt's name
    def current_index(self) -> int: ...
    def library_path(self) -> Path | None: ...  # None: the library is on a server
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def report(self, message: str) -> None: ...
    def fail(self, message: str) -> None: ...
    def tell(self, title: str, text: str) -> None: ...
    def ask(self, title: str, text: str) -> bool: ...
    def export_pdf(self, path: str | None = None, preset: str = "screen") -> bool: ...
    def refresh_marks(self) -> None: ...
    def show_import_report(self, dialog: QDialog) -> None: ...
