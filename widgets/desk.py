"""The desk: takes a library and the settings, gives the editor window on one of its issues, and a new window in its place when another library, issue or UI language is chosen.

A window edits one issue of one library; opening another is a new window built the same way,
in the old one's place (same size, docks where they were), and the old one closes. A library
the desk opened itself is closed with its last window; the first belongs to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings

from app.edit.editor import open_editor
from app.errors import UserError
from app.services import open_library
from app.store import Library, LibraryError
from widgets.editor_window import EditorWindow
from widgets.i18n import install_language, one_language, save_language

log = logging.getLogger(__name__)


class Desk:
    """The window of a run and what replaces it (implements editor_host.DeskHost)."""

    def __init__(
        self, settings: QSettings, on_show: Callable[[EditorWindow], None] | None = None
    ) -> None:
        self.settings = settings
        self.on_show = on_show
        self.window: EditorWindow | None = None
        self._opened: set[int] = set()  # id() of libraries the desk opened (and closes)

    def show(self, library: Library, number: int | None = None) -> EditorWindow:
        """The editor window on issue `number` (the newest if None), in place of the current
        one; raises UserError (nothing changed) if the issue cannot be opened."""
        old = self.window
        if old is not None:
            old.inspector.commit()  # nothing typed is lost on the way
        window = EditorWindow(open_editor(library, number), self.settings, desk=self)
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
            window.restoreState(old.saveState())
        self.window = window
        window.show()
        if self.on_show is not None:
            self.on_show(window)
        if old is not None:
            old.close()
            previous = old.editor.library
            if previous is not library and id(previous) in self._opened:
                self._opened.discard(id(previous))
                previous.close()
        return window

    def _replace(self, open_it: Callable[[], EditorWindow]) -> bool:
        """Open another window; on failure stay where we are and say why."""
        try:
            open_it()
        except (UserError, LibraryError) as exc:
            self._report(str(exc))
            return False
        except Exception as exc:  # an issue that cannot be composed: stay where we are
            log.exception("opening another window failed")
            self._report(str(exc))
            return False
        return True

    def _report(self, message: str) -> None:
        if self.window is not None:
            self.window.fail(one_language(message))

    def open_library(self, path: str) -> bool:
        """The newest issue of another library file (File ▸ 打开库)."""
        try:
            library = open_library(path)
        except (UserError, LibraryError) as exc:
            self._report(str(exc))
            return False
        self._opened.add(id(library))
        if self._replace(lambda: self.show(library)):
            return True
        self._opened.discard(id(library))
        library.close()
        return False

    def open_issue(self, number: int) -> bool:
        """Another issue of the library open now (期次 ▸ 打开)."""
        assert self.window is not None
        library = self.window.editor.library
        return self._replace(lambda: self.show(library, number))

    def set_language(self, language: str) -> None:
        """Speak `language` from now on: kept in the settings and the window built again in it."""
        save_language(self.settings, language)
        install_language(language)
        if self.window is not None:
            self.open_issue(self.window.editor.doc.issue.cumulative_number)
