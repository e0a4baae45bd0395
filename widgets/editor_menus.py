"""Editor menus and shortcuts: takes the editor window (as an EditorHost), gives the EditorActions it owns — its 编辑/版本/校对 menus and the file and view additions (open, recent, language)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QPointF
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from app.errors import UserError
from app.model.proof import now
from app.store import LibraryError
from widgets.document_undo import DocumentUndoKeys
from widgets.editor_host import EditorHost
from widgets.file_dialogs import LIBRARY, MATERIAL, library_folder, open_file
from widgets.frame_menu import FrameActions, build_frame_actions
from widgets.i18n import LANGUAGES, save_language, saved_language
from widgets.import_dialog import choose_and_import
from widgets.issues_panel import IssueActions, build_issue_menu
from widgets.makeup_menu import build_makeup_action
from widgets.proof_menu import ProofActions, build_proof_menu
from widgets.recent import RecentLibraries

translate = QCoreApplication.translate  # lupdate reads translate("EditorMenus", "…") calls


@dataclass(frozen=True, slots=True)
class EditorActions:
    """Every action of the editor window's own menus: built once by build_editor_actions and
    held by the window (`window.actions`), which enables and relabels them."""

    undo: QAction
    redo: QAction
    delete: QAction
    fit_frame: QAction  # 适配高度: the selected story frame shortened to its text
    picture: QAction
    qr: QAction
    continue_story: QAction
    save_revision: QAction
    restore_revision: QAction
    open_library: QAction
    recent: QMenu
    import_stories: QAction
    preflight: QAction
    makeup: QAction  # 自动组版… (menu 版面, toolbar, the pages panel's context menu)
    languages: dict[str, QAction]  # language code → its 界面语言 entry
    proof: ProofActions  # the 校对 menu
    frames: FrameActions  # cut/copy/paste of frames, 排列 (align, distribute), 裁切
    undo_keys: DocumentUndoKeys  # Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y from any field: the document's
    issues: IssueActions  # the 期次 menu


def _action(
    w: EditorHost, text: str, slot: Callable[[], object], *keys: str | QKeySequence
) -> QAction:
    action = QAction(text, _parent(w))
    if keys:
        action.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _widget(w: EditorHost) -> QWidget:
    assert isinstance(w, QWidget)
    return w


def _parent(w: EditorHost) -> QObject:
    assert isinstance(w, QObject)  # the window: actions and menus live as long as it does
    return w


def build_editor_actions(w: EditorHost) -> EditorActions:
    """The editing menus in the window's menu bar (文件, 编辑, 版本, 校对, 视图), their actions
    returned for the window to keep; nothing is set on the window."""
    edit = QMenu(translate("EditorMenus", "编辑(&E)"), _parent(w))
    w.menuBar().insertMenu(w.view_menu.menuAction(), edit)
    undo = _action(w, translate("EditorMenus", "撤销"), w.undo, QKeySequence.StandardKey.Undo)
    redo = _action(w, translate("EditorMenus", "重做"), w.redo, "Ctrl+Shift+Z", "Ctrl+Y")
    delete = _action(
        w, translate("EditorMenus", "删除版框"), w.canvas.delete_selected, "Delete", "Backspace"
    )
    delete.setEnabled(False)
    fit_frame = _action(w, translate("EditorMenus", "适配高度"), lambda: fit_to_text(w))
    fit_frame.setEnabled(False)
    picture = _action(w, translate("EditorMenus", "置入图片…"), lambda: place_picture(w), "Ctrl+D")
    qr = _action(w, translate("EditorMenus", "添加二维码"), lambda: add_qr(w))
    continue_story = _action(
        w, translate("EditorMenus", "在本版续排所选稿件"), lambda: continue_here(w)
    )
    for a in (undo, redo, None, delete, fit_frame, None, picture, qr, continue_story, None):
        edit.addSeparator() if a is None else edit.addAction(a)
    frames = build_frame_actions(w, edit)

    versions = QMenu(translate("EditorMenus", "版本(&R)"), _parent(w))
    w.menuBar().insertMenu(w.view_menu.menuAction(), versions)
    save = _action(w, translate("EditorMenus", "保存命名版本…"), lambda: save_revision(w), "Ctrl+S")
    restore = _action(w, translate("EditorMenus", "恢复版本…"), lambda: restore_revision(w))
    versions.addAction(save)
    versions.addAction(restore)
    proof = build_proof_menu(w)
    makeup = build_makeup_action(w)

    first = w.file_menu.actions()[0]
    open_action = _action(
        w, translate("EditorMenus", "打开库…"), lambda: open_library_dialog(w), "Ctrl+O"
    )
    recent = QMenu(translate("EditorMenus", "最近打开的库"), _parent(w))
    recent.aboutToShow.connect(lambda: fill_recent(w, recent))
    preflight = _action(w, translate("EditorMenus", "印前检查"), w.preflight_panel.run, "F9")
    # Stories come in by menu or by dropping files on the 稿库; either is one undo step.
    import_stories = _action(
        w, translate("EditorMenus", "导入稿件…"), lambda: choose_and_import(w), "Ctrl+I"
    )
    w.file_menu.insertAction(first, open_action)
    w.file_menu.insertMenu(first, recent)
    w.file_menu.insertSeparator(first)
    w.file_menu.insertAction(first, import_stories)
    w.file_menu.insertSeparator(first)
    w.file_menu.insertAction(w.quit_action, preflight)
    w.file_menu.insertSeparator(w.quit_action)

    w.view_menu.addAction(w.bin_dock.toggleViewAction())
    w.view_menu.addAction(w.inspector_dock.toggleViewAction())
    w.view_menu.addAction(w.preflight_dock.toggleViewAction())
    language = w.view_menu.addMenu(translate("EditorMenus", "界面语言"))
    group = QActionGroup(_parent(w))
    current = saved_language(w.settings)
    languages = {}
    for code, name in LANGUAGES.items():
        action = language.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.triggered.connect(lambda _c=False, code=code: choose_language(w, code))
        group.addAction(action)
        languages[code] = action
    return EditorActions(
        undo,
        redo,
        delete,
        fit_frame,
        picture,
        qr,
        continue_story,
        save,
        restore,
        open_action,
        recent,
        import_stories,
        preflight,
        makeup,
        languages,
        proof,
        frames,
        DocumentUndoKeys(_widget(w), undo, redo),
        issues=build_issue_menu(w),
    )


def drop_point(w: EditorHost) -> QPointF:
    """Where menu-made frames go: the middle of what the canvas shows."""
    return w.canvas.mapToScene(w.canvas.viewport().rect().center())


def _guard(w: EditorHost, edit: Callable[[], object]) -> bool:
    try:
        edit()
    except (UserError, LibraryError) as exc:
        w.fail(str(exc))
        return False
    return True


def place_picture(w: EditorHost, path: str | None = None) -> bool:
    if path is None:
        path = open_file(
            w,  # type: ignore[arg-type]
            w.settings,
            MATERIAL,
            library_folder(w.library_path()),
            translate("EditorMenus", "置入图片"),
            translate("EditorMenus", "图片 (*.jpg *.jpeg *.png *.tif *.tiff)"),
        )
    if not path:
        return False
    p = drop_point(w)
    name = path.rsplit("/", 1)[-1]
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        w.fail(translate("EditorMenus", "图片文件无法读取：{name}").format(name=name))
        return False
    index = w.current_index()
    return _guard(w, lambda: w.canvas.select(w.editor.add_picture(index, p.x(), p.y(), data, name)))


def add_qr(w: EditorHost) -> bool:
    p = drop_point(w)
    index = w.current_index()
    return _guard(w, lambda: w.canvas.select(w.editor.add_qr(index, p.x(), p.y())))


def continue_here(w: EditorHost) -> bool:
    """Continue the last selected story (跨版转接) on the page shown, in its free space."""
    story = w.last_story
    if story is None or story not in w.editor.doc.articles:
        w.report(translate("EditorMenus", "请先选中要续排的稿件版框"))
        return False
    index = w.current_index()
    spot = w.editor.free_spot(index)  # the largest free space on the page, not the view's middle
    if spot is None:
        w.report(translate("EditorMenus", "本版已无空位，请先腾出位置"))
        return False
    return _guard(w, lambda: w.canvas.select(w.editor.place_article(story, index, *spot)))


def fit_to_text(w: EditorHost) -> bool:
    """适配高度: the selected story frame loses the whole lines of white under its text."""
    frame = w.canvas.selected_frame()
    if frame is None or frame.id is None:
        w.report(translate("EditorMenus", "请先选中稿件版框"))
        return False
    frame_id = frame.id
    return _guard(w, lambda: w.editor.fit_frame(frame_id))


def save_revision(w: EditorHost, name: str | None = None) -> bool:
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


def restore_revision(w: EditorHost, revision_id: int | None = None) -> bool:
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


def fill_recent(w: EditorHost, menu: QMenu) -> None:
    menu.clear()
    for path in RecentLibraries(w.settings).paths():
        action = menu.addAction(path)
        action.triggered.connect(lambda _c=False, path=path: open_library(w, path))
    if menu.isEmpty():
        menu.addAction(translate("EditorMenus", "（无）")).setEnabled(False)


def open_library_dialog(w: EditorHost) -> None:
    path = open_file(
        w,  # type: ignore[arg-type]
        w.settings,
        LIBRARY,
        library_folder(w.library_path()),
        translate("EditorMenus", "打开库"),
        translate("EditorMenus", "版面库 (*.banmian);;所有文件 (*)"),
    )
    if path:
        open_library(w, path)


def open_library(w: EditorHost, path: str) -> None:
    if w.desk is None:
        w.report(translate("EditorMenus", "此窗口不能打开其他库"))
        return
    w.inspector.commit()
    RecentLibraries(w.settings).add(path)
    w.desk.open_library(path)


def choose_language(w: EditorHost, code: str) -> None:
    """界面语言: the window is built again in the chosen language at once (same issue, same
    place); a window without a desk keeps the choice for the next start."""
    if w.desk is not None:
        w.desk.set_language(code)
        return
    save_language(w.settings, code)
    w.report(translate("EditorMenus", "界面语言将在下次启动时生效"))
