"""Start-up of the desktop app: takes a library, gives the editor window on its newest issue, a dialog when no Chinese font is installed, and PDF fonts prepared in the background.

The window never waits for a font conversion: Qt paints CFF faces (Noto CJK) directly and the
metrics come from the installed file. Only PDF embedding needs TrueType; a moment after the
window is up, FontWarmup converts the characters the issue draws in child processes at low
priority, so that the first export (or preflight) usually finds them ready. An export that
comes sooner waits for the same work in its progress dialog.
"""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import UserError
from app.export.embed import ConversionCancelled, embeddable
from app.store import Library
from widgets.desk import Desk
from widgets.editor_window import EditorWindow
from widgets.i18n import install_language, one_language, saved_language
from widgets.main_window import ui_font

log = logging.getLogger(__name__)

WARMUP_DELAY_MS = 1500  # after the window is painted and the user has had a first look
WARMUP_NICE = 10  # the conversions yield the CPU to the window (and to everything else)


class FontWarmup:
    """Converts the CFF faces of a window's pages for embedding, in a background thread whose
    child processes run at low priority. Stopped (children ended, nothing half-written) when
    the application quits."""

    def __init__(self, window: EditorWindow, delay_ms: int = WARMUP_DELAY_MS) -> None:
        self.window = window
        self._stop = threading.Event()
        self.thread: threading.Thread | None = None
        QTimer.singleShot(delay_ms, self.start)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        if self._stop.is_set() or self.thread is not None:
            return
        pages = self.window.editor.pages()  # immutable display lists: safe to read elsewhere
        self.thread = threading.Thread(target=self._run, args=(pages,), daemon=True)
        self.thread.start()

    def _run(self, pages: list) -> None:
        try:
            embeddable(pages, lambda *_: not self._stop.is_set(), nice=WARMUP_NICE)
        except ConversionCancelled:
            pass
        except Exception:  # only a head start: the export converts (and reports) itself
            log.exception("preparing PDF fonts in the background failed")

    def stop(self) -> None:
        self._stop.set()
        if self.thread is not None:
            self.thread.join(timeout=5)


def run_editor(library: Library, settings: QSettings | None = None) -> int:
    """Open the editor window on the library's newest issue and run Qt's event loop; exit
    status 2 after a dialog if the issue cannot be opened (no Chinese font installed …).

    The desk (widgets/desk.py) puts another library, issue or UI language in a new window in
    this one's place; each window gets its fonts prepared in the background.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Banmian")
    app.setOrganizationName("Banmian")
    QApplication.setFont(ui_font())
    settings = settings if settings is not None else QSettings("Banmian", "Banmian")
    install_language(saved_language(settings))
    warmups: list[FontWarmup] = []
    desk = Desk(settings, on_show=lambda window: warmups.append(FontWarmup(window)))
    try:
        desk.show(library)
    except UserError as exc:  # e.g. no Chinese font: say what to install, in a dialog
        QMessageBox.critical(
            None, QApplication.translate("Startup", "版面"), one_language(str(exc))
        )
        print(f"banmian: {exc}", file=sys.stderr)
        return 2
    return app.exec()
