"""Check-out (签出) in the window: takes the editor window, gives the 协作 menu (check out or give back this page or the selected story, who I am), a band over the canvas naming who holds the page shown, and the inspector's fields read-only while another desk holds the story.

The rules and the refusals are app/edit/checkout.py's and the library's; this module only
shows them and asks for them. The pages panel names holders through PageStatus.held_by (the
window's status line for each page).
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMenu

from app.edit.live import Remote
from app.store import LibraryError
from widgets.i18n import one_language

# The editor window (widgets/editor_window.py), not imported: it installs this module.
EditorWindow = Any

PERSON_KEY = "desk/person"  # QSettings: the name chosen in 协作 ▸ 我的姓名
_THEIRS = "background: #fde2e1; color: #7a1010; border: 1px solid #e0a0a0; padding: 3px 8px;"
_MINE = "background: #e3f4e8; color: #135c2a; border: 1px solid #9fd3ae; padding: 3px 8px;"


class CheckoutView(QObject):
    """The 协作 menu, the canvas band and the inspector's read-only state."""

    def __init__(self, window: EditorWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.editor = window.editor
        self.band = QLabel(window.canvas.viewport())
        self.band.setObjectName("checkoutBand")
        self.band.move(8, 8)
        self.band.hide()
        menu = self.menu = QMenu(self.tr("协作(&C)"), window)
        window.menuBar().insertMenu(window.view_menu.menuAction(), menu)  # before 视图
        self.take_page = self._action(menu, self.tr("签出本版"), self.check_out_page)
        self.give_page = self._action(menu, self.tr("签入本版"), self.check_in_page)
        menu.addSeparator()
        self.take_story = self._action(menu, self.tr("签出所选稿件"), self.check_out_story)
        self.give_story = self._action(menu, self.tr("签入所选稿件"), self.check_in_story)
        menu.addSeparator()
        self.rename_action = self._action(menu, self.tr("我的姓名…"), self.ask_name)
        self._saved_name()
        window.canvas.frame_selected.connect(lambda *_: self.show_state())
        window.pages.currentRowChanged.connect(lambda *_: self.show_state())
        window.bin.tree.itemSelectionChanged.connect(self.show_state)
        self.show_state()

    def _action(self, menu: Any, text: str, slot: Any) -> QAction:
        action = QAction(text, self.window_)
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    # -- what is held, shown ----------------------------------------------------------------

    def _page_id(self) -> int | None:
        index = self.window_.current_index()
        pages = self.editor.doc.pages
        return pages[index].id if 0 <= index < len(pages) else None

    def _story_id(self) -> int | None:
        return self.window_.inspector.article_id

    def show_state(self, _remote: Remote | None = None) -> None:
        """Band, read-only fields and menu entries as the check-outs are now."""
        checkouts = self.editor.checkouts
        page_id, story_id = self._page_id(), self._story_id()
        theirs = checkouts.page_holder(page_id)
        if theirs is not None:
            self._band(one_language(checkouts.page_message(page_id)), _THEIRS)
        elif checkouts.holds("page", page_id):
            self._band(self.tr("本版由我签出"), _MINE)
        else:
            self.band.hide()
        story_message = checkouts.story_message(story_id)
        inspector = self.window_.inspector
        for field in (inspector.kicker, inspector.headline, inspector.subheadline, inspector.body):
            field.setReadOnly(bool(story_message))
            field.setToolTip(one_language(story_message))
        self.take_page.setEnabled(page_id is not None and theirs is None)
        self.give_page.setEnabled(checkouts.holds("page", page_id))
        self.take_story.setEnabled(story_id is not None and not story_message)
        self.give_story.setEnabled(checkouts.holds("article", story_id))

    def _band(self, text: str, style: str) -> None:
        self.band.setText(text)
        self.band.setStyleSheet(f"#checkoutBand {{ {style} }}")
        self.band.adjustSize()
        self.band.show()
        self.band.raise_()

    # -- taking and giving back ---------------------------------------------------------------

    def _do(self, act: Any) -> None:
        try:
            act()
        except LibraryError as exc:
            self.window_.fail(one_language(str(exc)))
        self.window_.refresh_statuses()  # the pages panel names who holds each page
        self.show_state()

    def check_out_page(self) -> None:
        self._do(lambda: self.editor.checkouts.take_page(self.window_.current_index()))

    def check_in_page(self) -> None:
        page_id = self._page_id()
        if page_id is not None:
            self._do(lambda: self.editor.checkouts.give_back("page", page_id))

    def check_out_story(self) -> None:
        story_id = self._story_id()
        if story_id is not None:
            self._do(lambda: self.editor.checkouts.take_story(story_id))

    def check_in_story(self) -> None:
        story_id = self._story_id()
        if story_id is not None:
            self._do(lambda: self.editor.checkouts.give_back("article", story_id))

    def ask_name(self) -> None:
        """Who works at this desk (the command line's --user or $BANMIAN_USER, else the
        system's user, until changed here)."""
        name, ok = QInputDialog.getText(
            self.window_,
            self.tr("我的姓名"),
            self.tr("在本工作台工作的人（记入修改记录、版本、校对标记和签字）："),
            QLineEdit.EchoMode.Normal,
            self.editor.library.person,
        )
        if ok and name.strip():
            self.rename(name)

    def _saved_name(self) -> None:
        """The name given here last time, unless --user or $BANMIAN_USER names someone."""
        saved = self.window_.settings.value(PERSON_KEY, "")
        if isinstance(saved, str) and saved.strip() and not os.environ.get("BANMIAN_USER"):
            try:
                self.editor.library.rename(saved)
            except LibraryError:  # read-only or held: the name still signs what it can
                self.editor.library.person = " ".join(saved.split())

    def rename(self, name: str) -> None:
        self._do(lambda: self.editor.library.rename(name))
        self.window_.settings.setValue(PERSON_KEY, self.editor.library.person)
        self.window_.statusBar().showMessage(
            self.tr("本工作台：{name}").format(name=self.editor.library.person), 5000
        )


def install_checkout_view(window: EditorWindow) -> CheckoutView:
    return CheckoutView(window)
