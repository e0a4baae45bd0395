"""自动组版 as the window offers it: takes the editor window (as an EditorHost), gives the action (in a 版面 menu, on a toolbar, in the pages panel's context menu) that opens widgets/makeup_dialog.py on the page shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from widgets.makeup_dialog import MakeupDialog

if TYPE_CHECKING:
    from widgets.editor_host import EditorHost

translate = QCoreApplication.translate  # lupdate reads translate("MakeupMenu", "…") calls


def open_makeup(host: EditorHost, index: int | None = None) -> MakeupDialog | None:
    """自动组版 on page `index` (the page shown if None): the dialog, already computing."""
    host.inspector.commit()  # what is being typed is an edit like any other, made first
    if host.editor.session.unsaved:
        host.report(translate("MakeupMenu", "还有修改在等待存盘，存盘后才能自动组版"))
        return None
    index = host.current_index() if index is None else index
    if not 0 <= index < len(host.editor.doc.pages):
        return None
    dialog = MakeupDialog(host, index, host if isinstance(host, QWidget) else None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def build_makeup_action(w: EditorHost) -> QAction:
    """自动组版… in a 版面 menu, on a toolbar and in the pages panel's context menu; it acts
    on the page shown (a right-click on a page in the panel shows that page first)."""
    parent = w if isinstance(w, QObject) else None
    action = QAction(translate("MakeupMenu", "自动组版…"), parent)
    action.setObjectName("makeup")
    action.setToolTip(
        translate("MakeupMenu", "自动组版：为当前版面计算三个方案，选一个排上（可撤销）")
    )
    action.triggered.connect(lambda _checked=False: open_makeup(w))
    menu = QMenu(translate("MakeupMenu", "版面(&L)"), w if isinstance(w, QWidget) else None)
    menu.addAction(action)
    w.menuBar().insertMenu(w.view_menu.menuAction(), menu)
    bar = QToolBar(translate("MakeupMenu", "版面"), w if isinstance(w, QWidget) else None)
    bar.setObjectName("layout-toolbar")
    bar.addAction(action)
    w.addToolBar(bar)
    w.pages.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    w.pages.addAction(action)
    return action
