"""Editor menus and shortcuts: takes an EditorWindow, gives its 编辑/版本 menus and the file and view additions (open, recent, language)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu

from app.errors import UserError
from app.model.proof import now
from app.store import LibraryError
from widgets.i18n import LANGUAGES, save_language, saved_language
from widgets.import_dialog import choose_and_import, import_into_bin
from widgets.recent import RecentLibraries

if TYPE_CHECKING:
    from widgets.editor_window import EditorWindow


translate = QCoreApplication.translate  # lupdate reads translate("EditorMenus", "…") calls


def _action(
    w: EditorWindow, text: str, slot: Callable[[], object], *keys: str | QKeySequence
) -> QAction:
    action = QAction(text, w)
    if keys:
        action.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_editor_menus(w: EditorWindow) -> None:
    """Add the editing menus to the window's menu bar (文件, 编辑, 版本, 视图)."""
    edit = QMenu(translate("EditorMenus", "编辑(&E)"), w)
    w.menuBar().insertMenu(w.view_menu.menuAction(), edit)
    w.undo_action = _action(
        w, translate("EditorMenus", "撤销"), w.undo, QKeySequence.StandardKey.Undo
    )
    w.redo_action = _action(w, translate("EditorMenus", "重做"), w.redo, "Ctrl+Shift+Z", "Ctrl+Y")
    w.delete_action = _action(
        w, translate("EditorMenus", "删除版框"), w.canvas.delete_selected, "Delete", "Backspace"
    )
    w.delete_action.setEnabled(False)
    w.picture_action = _action(
        w, translate("EditorMenus", "置入图片…"), lambda: place_picture(w), "Ctrl+D"
    )
    w.qr_action = _action(w, translate("EditorMenus", "添加二维码"), lambda: add_qr(w))
    w.continue_action = _action(
        w, translate("EditorMenus", "在本版续排所选稿件"), lambda: continue_here(w)
    )
    for a in (w.undo_action, w.redo_action, None, w.delete_action, None, w.picture_action):
        edit.addSeparator() if a is None else edit.addAction(a)
    edit.addAction(w.qr_action)
    edit.addAction(w.continue_action)

    versions = QMenu(translate("EditorMenus", "版本(&R)"), w)
    w.menuBar().insertMenu(w.view_menu.menuAction(), versions)
    w.save_revision_action = _action(
        w, translate("EditorMenus", "保存命名版本…"), lambda: save_revision(w), "Ctrl+S"
    )
    w.restore_revision_action = _action(
        w, translate("EditorMenus", "恢复版本…"), lambda: restore_revision(w)
    )
    versions.addAction(w.save_revision_action)
    versions.addAction(w.restore_revision_action)

    first = w.file_menu.actions()[0]
    w.open_action = _action(
        w, translate("EditorMenus", "打开库…"), lambda: open_library_dialog(w), "Ctrl+O"
    )
    w.recent_menu = QMenu(translate("EditorMenus", "最近打开的库"), w)
    w.recent_menu.aboutToShow.connect(lambda: fill_recent(w))
    w.preflight_action = _action(
        w, translate("EditorMenus", "印前检查"), w.preflight_panel.run, "F9"
    )
    # Stories come in by menu or by dropping files on the 稿库; either is one undo step.
    w.import_action = _action(
        w, translate("EditorMenus", "导入稿件…"), lambda: choose_and_import(w), "Ctrl+I"
    )
    w.bin.files_dropped.connect(lambda paths: import_into_bin(w, paths))
    w.file_menu.insertAction(first, w.open_action)
    w.file_menu.insertMenu(first, w.recent_menu)
    w.file_menu.insertSeparator(first)
    w.file_menu.insertAction(first, w.import_action)
    w.file_menu.insertSeparator(first)
    w.file_menu.insertAction(w.quit_action, w.preflight_action)
    w.file_menu.insertSeparator(w.quit_action)
    RecentLibraries(w.settings).add(w.library_path())

    w.view_menu.addAction(w.bin_dock.toggleViewAction())
    w.view_menu.addAction(w.inspector_dock.toggleViewAction())
    w.view_menu.addAction(w.preflight_dock.toggleViewAction())
    language = w.view_menu.addMenu(translate("EditorMenus", "界面语言"))
    group = QActionGroup(w)
    current = saved_language(w.settings)
    w.language_actions = {}
    for code, name in LANGUAGES.items():
        action = language.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.triggered.connect(lambda _c=False, code=code: choose_language(w, code))
        group.addAction(action)
        w.language_actions[code] = action


def drop_point(w: EditorWindow) -> QPointF:
    """Where menu-made frames go: the middle of what the canvas shows."""
    return w.canvas.mapToScene(w.canvas.viewport().rect().center())


def _guard(w: EditorWindow, edit: Callable[[], object]) -> bool:
    try:
        edit()
    except (UserError, LibraryError) as exc:
        w.report(str(exc))
        return False
    return True


def place_picture(w: EditorWindow, path: str | None = None) -> bool:
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            w,
            translate("EditorMenus", "置入图片"),
            "",
            translate("EditorMenus", "图片 (*.jpg *.jpeg *.png *.tif *.tiff)"),
        )
    if not path:
        return False
    p = drop_point(w)
    with open(path, "rb") as f:
        data = f.read()
    name = path.rsplit("/", 1)[-1]
    index = w.current_index()
    return _guard(w, lambda: w.canvas.select(w.editor.add_picture(index, p.x(), p.y(), data, name)))


def add_qr(w: EditorWindow) -> bool:
    p = drop_point(w)
    index = w.current_index()
    return _guard(w, lambda: w.canvas.select(w.editor.add_qr(index, p.x(), p.y())))


def continue_here(w: EditorWindow) -> bool:
    """Continue the last selected story (跨版转接) on the page shown, at the view's middle."""
    story = w.last_story
    if story is None or story not in w.editor.doc.articles:
        w.report(translate("EditorMenus", "请先选中要续排的稿件版框"))
        return False
    p = drop_point(w)
    index = w.current_index()
    return _guard(w, lambda: w.canvas.select(w.editor.place_article(story, index, p.x(), p.y())))


def save_revision(w: EditorWindow, name: str | None = None) -> bool:
    """Ctrl+S: every edit is already saved; this names the state so it can be restored."""
    w.inspector.commit()
    if name is None:
        default = translate("EditorMenus", "版本 {time}").format(time=now().strftime("%m-%d %H:%M"))
        name, ok = QInputDialog.getText(
            w,
            translate("EditorMenus", "保存命名版本"),
            translate("EditorMenus", "版本名称："),
            text=default,
        )
        if not ok:
            return False
    if not _guard(w, lambda: w.editor.save_revision(name)):
        return False
    w.report(
        translate("EditorMenus", "已保存版本：{name}（所有修改均已自动存盘）").format(name=name)
    )
    return True


def restore_revision(w: EditorWindow, revision_id: int | None = None) -> bool:
    w.inspector.commit()
    revisions = w.editor.revisions()
    if revision_id is None:
        if not revisions:
            w.report(translate("EditorMenus", "还没有命名版本"))
            return False
        labels = [f"{r.name}  ({r.created_at:%Y-%m-%d %H:%M})" for r in reversed(revisions)]
        chosen, ok = QInputDialog.getItem(
            w,
            translate("EditorMenus", "恢复版本"),
            translate("EditorMenus", "恢复到："),
            labels,
            0,
            False,
        )
        if not ok:
            return False
        revision_id = list(reversed(revisions))[labels.index(chosen)].id
    if not _guard(w, lambda: w.editor.restore_revision(revision_id)):
        return False
    w.report(translate("EditorMenus", "已恢复版本（可撤销）"))
    return True


def fill_recent(w: EditorWindow) -> None:
    w.recent_menu.clear()
    for path in RecentLibraries(w.settings).paths():
        action = w.recent_menu.addAction(path)
        action.triggered.connect(lambda _c=False, path=path: open_library(w, path))
    if w.recent_menu.isEmpty():
        w.recent_menu.addAction(translate("EditorMenus", "（无）")).setEnabled(False)


def open_library_dialog(w: EditorWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        w,
        translate("EditorMenus", "打开库"),
        str(w.library_path().parent),
        translate("EditorMenus", "版面库 (*.banmian);;所有文件 (*)"),
    )
    if path:
        open_library(w, path)


def open_library(w: EditorWindow, path: str) -> None:
    if w.open_library is None:
        w.report(translate("EditorMenus", "此窗口不能打开其他库"))
        return
    w.inspector.commit()
    RecentLibraries(w.settings).add(path)
    w.open_library(path)


def choose_language(w: EditorWindow, code: str) -> None:
    save_language(w.settings, code)
    w.report(
        translate(
            "EditorMenus", "界面语言将在下次启动时生效 / the language applies from the next start"
        )
    )
