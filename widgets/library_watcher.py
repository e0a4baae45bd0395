"""The live desk in the window: takes the editor window, gives other desks' changes on its canvas, panels and inspector within a poll (POLL_MS), the desk's heartbeat that keeps its check-outs, and a line in the status bar saying who changed what.

A QTimer drives app/edit/live.LibraryWatcher (a poll is one PRAGMA while nothing happened);
on a server the feed's socket wakes it at once (LISTEN/NOTIFY) and the timer is a safety net.
Another desk's change goes through the editor like an edit of this desk's own, so the window
repaints just the pages it touched; a field being typed into is left alone and its text
meets the other desk's through the conflict flow (app/edit/conflicts.py). While this desk's
own edits wait to be saved, other desks' changes are held back until they are (the page
shows the waiting edits meanwhile).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from app.edit.live import POLL_MS, LibraryWatcher, Remote
from app.edit.session import Change
from app.store import LibraryError
from app.store.desks import HEARTBEAT_S
from widgets.i18n import one_language

log = logging.getLogger(__name__)

# The editor window (widgets/editor_window.py), not imported: it installs this module, and
# widgets keep no import cycles. Used: editor, statusBar().
EditorWindow = Any

SERVER_POLL_MS = 2000  # with a server's notifications, the timer is only a safety net
BEAT_WAIT_S = 0.05  # a heartbeat waits this long for the write lock, then tries next time


class LiveDesk(QObject):
    """Polls the library for other desks' changes and beats this desk's heartbeat."""

    changed = Signal(object)  # a Remote the editor has taken (check-outs, issues, people)

    def __init__(self, window: EditorWindow, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window_ = window
        self.editor = window.editor
        self.library = self.editor.library
        self.watcher = LibraryWatcher(self.editor)
        self._held = Remote()
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(interval_ms)
        self.poll_timer.timeout.connect(self.poll)
        self.beat_timer = QTimer(self)
        self.beat_timer.setInterval(round(HEARTBEAT_S * 1000))
        self.beat_timer.timeout.connect(self.beat)
        if not self.library.joined:
            try:
                self.library.join()
            except LibraryError as exc:  # read-only or held: a desk that cannot check out
                log.warning("this desk could not join the library: %s", exc)
        # A server rings when another desk commits (LISTEN/NOTIFY): look at once; the timer
        # stays, slower, for a notification lost with a dropped connection.
        self.notifier: QSocketNotifier | None = None
        self._socket: int | None = None
        self._watch_socket()
        self.poll_timer.start()
        self.beat_timer.start()

    def _watch_socket(self) -> None:
        """Ring on the feed's socket (a server), again after the feed connected anew."""
        socket = self.watcher.fileno()
        if socket == self._socket:
            return
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        self._socket = socket
        if socket is not None:
            self.notifier = QSocketNotifier(socket, QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(lambda *_: self.poll())
            self.poll_timer.setInterval(SERVER_POLL_MS)

    def pause(self) -> None:
        """Stop looking until resume() (tests: a desk that has not looked yet)."""
        self.poll_timer.stop()
        if self.notifier is not None:
            self.notifier.setEnabled(False)

    def resume(self) -> None:
        self.poll_timer.start()
        if self.notifier is not None:
            self.notifier.setEnabled(True)

    def stop(self) -> None:
        self.pause()
        self.beat_timer.stop()
        self.notifier = None
        self._socket = None
        self.watcher.close()

    def poll(self) -> Remote:
        """Look once; what other desks changed is shown (and emitted). Gives what was taken."""
        if self.library.closed:  # the window outlived its library (being replaced)
            self.stop()
            return Remote()
        try:
            remote = self.watcher.poll()
        except LibraryError as exc:  # a damaged or vanished file: say so once, keep going
            log.warning("reading other desks' changes failed: %s", exc)
            return Remote()
        finally:
            if self.notifier is not None or self._socket is not None:
                self._watch_socket()  # a server's line made again has a new socket
        remote = self._held | remote
        if self.editor.session.unsaved:  # our waiting edits are on the page: keep theirs
            self._held = remote
            return Remote()
        self._held = Remote()
        if not remote:
            return remote
        if remote.checkouts:
            self.editor.checkouts.refresh()
        change = remote.change
        if remote.checkouts and change == Change():  # the pages panel names who holds what
            change = Change(pages=frozenset(p.id for p in self.editor.doc.pages))  # type: ignore[misc]
        if change != Change():
            self.editor.take_remote(change)
        self._say(remote)
        self.changed.emit(remote)
        return remote

    def beat(self) -> None:
        """Tell the library this desk is still here (its check-outs live on); if it had been
        given up for dead, it joins again and says its check-outs are gone."""
        if self.library.closed:
            self.stop()
            return
        try:
            with self.library.patience(BEAT_WAIT_S):
                alive = self.library.heartbeat()
        except LibraryError:
            return  # busy now: the lease outlasts a few missed beats
        self.editor.checkouts.refresh()  # another desk's lease may have run out
        if not alive:
            self.window_.statusBar().showMessage(
                self.tr("本工作台曾失去联系，签出已失效，请重新签出"), 15000
            )

    def _say(self, remote: Remote) -> None:
        who = "、".join(remote.people) or "?"
        if remote.new_issues:
            text = self.tr("{who}新建了期次").format(who=who)
        elif remote.change != Change():
            text = self.tr("{who}修改了本期").format(who=who)
        elif remote.checkouts:
            text = self.tr("{who}签出或签入了版面").format(who=who)
        else:
            return
        self.window_.statusBar().showMessage(one_language(text), 5000)
