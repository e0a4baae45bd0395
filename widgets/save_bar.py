"""Library bars above the canvas: takes the editor window, gives a save bar (edits the library could not take, 重试, retried until saved) and a bar naming damaged rows of the issue.

Every edit is saved at once (app/edit/session.py); when the library is read-only, held by
another program or on a full disk, the edit waits in the session instead of being lost. This
bar says so in one line, keeps the window marked unsaved, retries on a timer with a short
wait (the window must not freeze) and on 重试 with a longer one, and asks before a close
would leave edits unsaved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.edit.session import SaveState

# The editor window (widgets/editor_window.py), not imported: it imports this module, and
# widgets keep no import cycles. Used: editor, inspector, preflight_panel and QMainWindow's own.
EditorWindow = Any

WAIT_S = 1.0  # how long an edit in the window waits for another program before it queues
RETRY_MS = 1000  # how often waiting edits are tried again
RETRY_WAIT_S = 0.05  # a timed retry waits this long for the lock: no visible freeze
BUTTON_WAIT_S = 2.0  # 重试 and closing wait longer: the user asked
_WARN = "background: #fff3cd; color: #5c4400; border-bottom: 1px solid #e0c068;"
_ERROR = "background: #fde2e1; color: #7a1010; border-bottom: 1px solid #e0a0a0;"


class NoticeBar(QFrame):
    """One line of text with buttons, across the top of the canvas; hidden until needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 8, 4)
        self._row.addWidget(self.label, 1)
        self.hide()

    def button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        self._row.addWidget(button)
        return button

    def say(self, text: str, style: str) -> None:
        self.label.setText(text)
        self.setStyleSheet(f"#noticeBar {{ {style} }}")
        self.show()


class SaveBar(NoticeBar):
    """Edits waiting to be saved: how many, why, 重试; gone once they are in the library."""

    damage: DamageBar | None = None  # the other bar, set by install_library_bars

    def __init__(self, window: EditorWindow) -> None:
        super().__init__()
        self.window_ = window
        self.session = window.editor.session
        self.library = window.editor.library
        self.retry_button = self.button(self.tr("重试"))
        self.retry_button.clicked.connect(self.retry)
        self.close_button = self.button(self.tr("知道了"))
        self.close_button.clicked.connect(self.hide)
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self._tick)
        self._unsubscribe = self.session.on_save(self.show_state)

    def show_state(self, state: SaveState) -> None:
        w = self.window_
        if "[*]" not in w.windowTitle():
            w.setWindowTitle(w.windowTitle() + "[*]")  # Qt shows * while modified
        w.setWindowModified(state.waiting > 0)
        if state.waiting:
            self.retry_button.show()
            self.close_button.hide()
            self.say(
                self.tr("{n}处修改尚未存入版面库，正在自动重试——{error}").format(
                    n=state.waiting, error=state.error or ""
                ),
                _ERROR,
            )
            self.timer.start()
            return
        self.timer.stop()
        if state.dropped:  # saved what could be; these never can be
            self.retry_button.hide()
            self.close_button.show()
            self.say(
                self.tr("已保存；{n}处修改无法保存，已放弃：{why}").format(
                    n=len(state.dropped), why="；".join(state.dropped)
                ),
                _WARN,
            )
            return
        self.hide()
        w.statusBar().showMessage(self.tr("修改已保存"), 5000)

    def _tick(self) -> None:
        with self.library.patience(RETRY_WAIT_S):
            self.session.flush()

    def retry(self) -> bool:
        """Save what waits now, waiting a little longer for the library; True when all is saved."""
        self.window_.inspector.commit()
        if not self.session.unsaved:
            return True
        with self.library.patience(BUTTON_WAIT_S):
            return self.session.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Before the window closes: send what was typed and save what waits; if that cannot
        be done, the user chooses (retry, close without those edits, or stay)."""
        if event.type() == QEvent.Type.Close and watched is self.window_:
            while not self.retry():
                choice = self.ask_close()
                if choice == "discard":
                    break
                if choice == "stay":
                    event.ignore()
                    return True
        return False

    def ask_close(self) -> str:
        """'retry', 'discard' or 'stay' (a dialog; tests replace it)."""
        box = QMessageBox(self.window_)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("修改未保存"))
        box.setText(
            self.tr("{n}处修改还没有存入版面库：{error}").format(
                n=self.session.unsaved, error=self.session.save_error or ""
            )
        )
        retry = box.addButton(self.tr("重试"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("不保存，关闭"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.exec()
        clicked = box.clickedButton()
        return "retry" if clicked is retry else "discard" if clicked is discard else "stay"


class DamageBar(NoticeBar):
    """The issue's damaged rows (repaired or left out when it was loaded): how many, the first
    one's line, and 查看 to list them all in the preflight panel."""

    def __init__(self, window: EditorWindow) -> None:
        super().__init__()
        self.window_ = window
        show = self.button(self.tr("查看"))
        show.clicked.connect(self.show_findings)
        self.button(self.tr("知道了")).clicked.connect(self.hide)
        damaged = window.editor.doc.damaged
        if damaged:
            self.say(
                self.tr("本期有{n}处记录损坏，已修复或略去，见印前检查：{first}").format(
                    n=len(damaged), first=damaged[0].line()
                ),
                _WARN,
            )

    def show_findings(self) -> None:
        self.window_.preflight_panel.run()


def install_library_bars(window: EditorWindow) -> SaveBar:
    """Put the save bar and the damage bar above the window's canvas; edits wait WAIT_S for
    another program before they queue. Returns the save bar (its `damage` is the other)."""
    window.editor.library.busy_timeout = WAIT_S
    save, damage = SaveBar(window), DamageBar(window)
    canvas = window.takeCentralWidget()
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(save)
    column.addWidget(damage)
    column.addWidget(canvas, 1)
    window.setCentralWidget(holder)
    window.installEventFilter(save)
    save.damage = damage
    return save
