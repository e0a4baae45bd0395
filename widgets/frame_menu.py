"""Frame actions of the editor window: takes the window (as an EditorHost) and its 编辑 menu, gives the FrameActions it keeps — cut/copy/paste of frames, select all, align and distribute (对齐/分布, also on the 排列 toolbar) and the 裁切 mode.

The clipboard keys act on the canvas only (their shortcuts live on it), so Ctrl+C in a text
field still copies text. Each edit is one undo step; a refused one is said in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolBar

from app.errors import UserError
from app.store import LibraryError
from widgets.editor_host import EditorHost

translate = QCoreApplication.translate  # lupdate reads translate("FrameMenu", "…") calls

# Undo step names of the frame edits (app/edit/frame_edits.py, frame_commands.py), listed so
# lupdate offers them; the window translates them through the "Commands" context.
COMMAND_LABELS = (
    QT_TRANSLATE_NOOP("Commands", "对齐版框"),
    QT_TRANSLATE_NOOP("Commands", "分布版框"),
    QT_TRANSLATE_NOOP("Commands", "剪切版框"),
    QT_TRANSLATE_NOOP("Commands", "粘贴版框"),
    QT_TRANSLATE_NOOP("Commands", "设置绕排"),
    QT_TRANSLATE_NOOP("Commands", "编辑图片说明"),
    QT_TRANSLATE_NOOP("Commands", "裁切图片"),
    QT_TRANSLATE_NOOP("Commands", "替换图片"),
    QT_TRANSLATE_NOOP("Commands", "编辑版框"),
)
ALIGN_TEXT = {
    "left": QT_TRANSLATE_NOOP("FrameMenu", "左对齐"),
    "right": QT_TRANSLATE_NOOP("FrameMenu", "右对齐"),
    "top": QT_TRANSLATE_NOOP("FrameMenu", "顶对齐"),
    "bottom": QT_TRANSLATE_NOOP("FrameMenu", "底对齐"),
    "hcenter": QT_TRANSLATE_NOOP("FrameMenu", "水平居中"),
    "vcenter": QT_TRANSLATE_NOOP("FrameMenu", "垂直居中"),
}
DISTRIBUTE_TEXT = {
    "horizontal": QT_TRANSLATE_NOOP("FrameMenu", "水平分布"),
    "vertical": QT_TRANSLATE_NOOP("FrameMenu", "垂直分布"),
}


@dataclass(frozen=True, slots=True)
class FrameActions:
    """The frame actions, built once by build_frame_actions and kept in EditorActions."""

    cut: QAction
    copy: QAction
    paste: QAction
    select_all: QAction
    align: dict[str, QAction]  # left, right, top, bottom, hcenter, vcenter
    distribute: dict[str, QAction]  # horizontal, vertical
    crop: QAction  # 裁切 mode: a drag pans the picture inside its frame
    toolbar: QToolBar

    def update(self, w: EditorHost) -> None:
        """Enable what the selection and the clipboard allow."""
        n = len(w.canvas.selection)
        for action in (self.cut, self.copy):
            action.setEnabled(n > 0)
        self.paste.setEnabled(bool(w.editor.clipboard))
        for action in self.align.values():
            action.setEnabled(n > 0)
        for action in self.distribute.values():
            action.setEnabled(n > 2)


def _parent(w: EditorHost) -> QObject:
    assert isinstance(w, QObject)
    return w


def _guard(w: EditorHost, edit: Callable[[], object]) -> bool:
    try:
        edit()
    except (UserError, LibraryError) as exc:
        w.fail(str(exc))
        return False
    return True


def build_frame_actions(w: EditorHost, edit: QMenu) -> FrameActions:
    """The frame actions in the 编辑 menu (and 排列 submenu) and on the 排列 toolbar."""
    parent = _parent(w)

    def action(text: str, slot: Callable[[], object], key: QKeySequence | None = None) -> QAction:
        made = QAction(text, parent)
        if key is not None:
            made.setShortcut(key)
            # on the canvas only: in a text field the same keys edit text
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.canvas.addAction(made)
        made.triggered.connect(lambda _checked=False: slot())
        return made

    def then_update(edit: Callable[[EditorHost], bool]) -> Callable[[], None]:
        def run() -> None:
            edit(w)
            actions.update(w)  # the clipboard changed: 粘贴 may be possible now

        return run

    keys = QKeySequence.StandardKey
    cut = action(
        translate("FrameMenu", "剪切版框"), then_update(cut_frames), QKeySequence(keys.Cut)
    )
    copy = action(
        translate("FrameMenu", "复制版框"), then_update(copy_frames), QKeySequence(keys.Copy)
    )
    paste = action(
        translate("FrameMenu", "粘贴版框"), then_update(paste_frames), QKeySequence(keys.Paste)
    )
    select_all = action(
        translate("FrameMenu", "全选本版版框"), w.canvas.select_all, QKeySequence(keys.SelectAll)
    )
    align = {
        how: action(translate("FrameMenu", text), lambda how=how: align_frames(w, how))
        for how, text in ALIGN_TEXT.items()
    }
    distribute = {
        axis: action(translate("FrameMenu", text), lambda axis=axis: distribute_frames(w, axis))
        for axis, text in DISTRIBUTE_TEXT.items()
    }
    crop = QAction(translate("FrameMenu", "裁切图片"), parent)
    crop.setCheckable(True)
    crop.setToolTip(
        translate("FrameMenu", "拖动图片在框内移动，滚轮缩放；不开此项时按住Alt拖动或滚动")
    )
    for a in (cut, copy, paste, select_all):
        edit.addAction(a)
    arrange = edit.addMenu(translate("FrameMenu", "排列"))
    arrange.addActions(list(align.values()))
    arrange.addSeparator()
    arrange.addActions(list(distribute.values()))
    edit.addAction(crop)

    toolbar = QToolBar(translate("FrameMenu", "排列"), parent)  # type: ignore[arg-type]
    toolbar.setObjectName("arrange")
    for key, a in (*align.items(), *distribute.items()):
        a.setIcon(arrange_icon(key))
        a.setToolTip(a.text())
        toolbar.addAction(a)
    toolbar.addSeparator()
    toolbar.addAction(crop)
    w.addToolBar(toolbar)
    actions = FrameActions(cut, copy, paste, select_all, align, distribute, crop, toolbar)
    w.canvas.selection_changed.connect(lambda _ids: actions.update(w))
    w.canvas.crop.set_mode_action(crop)
    actions.update(w)
    return actions


def copy_frames(w: EditorHost) -> bool:
    ids = list(w.canvas.selection)
    if not ids or not _guard(w, lambda: w.editor.copy_frames(ids)):
        return False
    w.report(translate("FrameMenu", "已复制{n}个版框").format(n=len(ids)))
    return True


def cut_frames(w: EditorHost) -> bool:
    ids = list(w.canvas.selection)
    if not ids or not _guard(w, lambda: w.editor.cut_frames(ids)):
        return False
    w.canvas.select(None)
    return True


def paste_frames(w: EditorHost) -> bool:
    """The clipboard's frames onto the page shown, selected."""
    made: list[int] = []
    index = w.current_index()
    if not _guard(w, lambda: made.extend(w.editor.paste_frames(index))):
        return False
    w.canvas.set_selection(made)
    return bool(made)


def align_frames(w: EditorHost, how: str) -> bool:
    ids = list(w.canvas.selection)
    return bool(ids) and _guard(w, lambda: w.editor.align_frames(ids, how))


def distribute_frames(w: EditorHost, axis: str) -> bool:
    ids = list(w.canvas.selection)
    return len(ids) > 2 and _guard(w, lambda: w.editor.distribute_frames(ids, axis))


def arrange_icon(key: str, size: int = 20) -> QIcon:
    """A small drawn icon: frames (grey) against the edge or axis they align to (blue)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    qp = QPainter(pix)
    s = size
    qp.setPen(Qt.PenStyle.NoPen)
    qp.setBrush(Qt.GlobalColor.darkGray)
    boxes = {
        "left": [(3, 4, 9, 5), (3, 11, 14, 5)],
        "right": [(8, 4, 9, 5), (3, 11, 14, 5)],
        "top": [(4, 3, 5, 9), (11, 3, 5, 14)],
        "bottom": [(4, 8, 5, 9), (11, 3, 5, 14)],
        "hcenter": [(5, 4, 10, 5), (3, 11, 14, 5)],
        "vcenter": [(4, 5, 5, 10), (11, 3, 5, 14)],
        "horizontal": [(2, 6, 4, 8), (8, 6, 4, 8), (14, 6, 4, 8)],
        "vertical": [(6, 2, 8, 4), (6, 8, 8, 4), (6, 14, 8, 4)],
    }[key]
    for x, y, bw, bh in boxes:
        qp.drawRect(x, y, bw, bh)
    qp.setPen(Qt.GlobalColor.blue)
    lines = {
        "left": (2, 1, 2, s - 2),
        "right": (s - 3, 1, s - 3, s - 2),
        "top": (1, 2, s - 2, 2),
        "bottom": (1, s - 3, s - 2, s - 3),
        "hcenter": (s // 2, 1, s // 2, s - 2),
        "vcenter": (1, s // 2, s - 2, s // 2),
    }
    if key in lines:
        qp.drawLine(*lines[key])
    qp.end()
    return QIcon(pix)
