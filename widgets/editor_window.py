"""Editor window: takes an IssueEditor, gives the desktop layout tool (pages panel, canvas with open proof marks, 稿库, inspector, preflight, 校对标记, menus).

Widgets only read the editor and call its edits; after every edit the editor says which pages
were composed again and the window repaints just those (thumbnails a moment later).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFrame,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from app.edit.editor import EditorChange, IssueEditor
from app.errors import UserError
from app.preflight.run import PreflightFinding
from app.proof.open_marks import page_open_marks
from app.store import LibraryError
from widgets.article_bin import ArticleBin
from widgets.canvas import Guides
from widgets.checkout_view import install_checkout_view
from widgets.conflict_dialog import install_conflict_flow
from widgets.edit_canvas import EditCanvas
from widgets.editor_host import DeskHost
from widgets.editor_menus import build_editor_actions
from widgets.export_dialog import export_with_dialog
from widgets.file_dialogs import ask_export_path, library_folder
from widgets.i18n import one_language
from widgets.import_dialog import import_into_bin
from widgets.inspector import Inspector
from widgets.labels import issue_title, owner_title, page_label
from widgets.library_watcher import LiveDesk
from widgets.main_window import MainWindow
from widgets.marks_panel import MarksPanel
from widgets.pages_panel import THUMB_WIDTH
from widgets.painter import PagePainter, render_page
from widgets.preflight_panel import PreflightPanel
from widgets.proof_menu import PresetExport
from widgets.proof_view import ProofView
from widgets.recent import RecentLibraries
from widgets.save_bar import install_library_bars
from widgets.signoff_panel import install_signoff_dock, page_signoff_line

log = logging.getLogger(__name__)

THUMBNAIL_DELAY_MS = 400  # thumbnails follow edits after a pause, off the keystroke path
# Undo step names come from app/edit/commands.py in Chinese; listed here so lupdate offers them.
COMMAND_LABELS = (
    QT_TRANSLATE_NOOP("Commands", "添加版框"),
    QT_TRANSLATE_NOOP("Commands", "放置稿件"),
    QT_TRANSLATE_NOOP("Commands", "续排稿件"),
    QT_TRANSLATE_NOOP("Commands", "添加图片"),
    QT_TRANSLATE_NOOP("Commands", "添加二维码"),
    QT_TRANSLATE_NOOP("Commands", "调整版框"),
    QT_TRANSLATE_NOOP("Commands", "移动版框"),
    QT_TRANSLATE_NOOP("Commands", "调整版框大小"),
    QT_TRANSLATE_NOOP("Commands", "删除版框"),
    QT_TRANSLATE_NOOP("Commands", "适配高度"),
    QT_TRANSLATE_NOOP("Commands", "编辑文字"),
    QT_TRANSLATE_NOOP("Commands", "恢复版本"),
    QT_TRANSLATE_NOOP("Commands", "导入稿件"),
    QT_TRANSLATE_NOOP("Commands", "改为全角标点"),
    QT_TRANSLATE_NOOP("Commands", "开始校次"),
    QT_TRANSLATE_NOOP("Commands", "处理校对标记"),
    QT_TRANSLATE_NOOP("Commands", "自动组版"),
    QT_TRANSLATE_NOOP("Commands", "编辑"),
    QT_TRANSLATE_NOOP("Commands", "期次属性"),
    QT_TRANSLATE_NOOP("Commands", "签字"),
    QT_TRANSLATE_NOOP("Commands", "结束校次"),
)


def command_label(label: str) -> str:
    return QCoreApplication.translate("Commands", label)


def guides_for(editor: IssueEditor) -> Guides:
    g = editor.grid
    return Guides(
        top=g.type_top,
        right=g.trim_w - g.type_left - g.type_width,
        bottom=g.margin_bottom,
        left=g.type_left,
        columns=g.columns,
        gutter=g.gutter,
        leading=g.leading,
        first_baseline=g.baseline(0),
    )


def _dock(window: MainWindow, title: str, name: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    return dock


def _scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a vertical scroll area: a tall panel (a story's type and picture sections)
    must not make the window taller than a laptop's screen."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class EditorWindow(MainWindow):
    """The main window with editing: drag stories onto pages, move, resize, type, undo.

    It builds and owns everything it shows: docks, then its menus' actions (`actions`, from
    widgets/editor_menus.py), then the connections between them."""

    canvas_class = EditCanvas
    canvas: EditCanvas

    def __init__(
        self,
        editor: IssueEditor,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        desk: DeskHost | None = None,
    ) -> None:
        self.editor = editor
        self.last_story: int | None = None  # the story a "continue here" would continue
        self.settings = settings if settings is not None else QSettings("Banmian", "Banmian")
        self.desk = desk
        self.import_report: QDialog | None = None  # the last import's report, while open
        super().__init__(editor, parent=parent)
        self.export_action.setEnabled(True)
        self.resize(1400, 900)
        self.canvas.editor = editor
        self.canvas.set_guides(guides_for(editor))
        self.frames_action.setChecked(True)
        self.pages.use_thumbnails(True)
        self.resizeDocks([self.pages_dock], [THUMB_WIDTH + 48], Qt.Orientation.Horizontal)

        self.bin = ArticleBin(editor.bin)
        self.bin_dock = _dock(self, self.tr("稿库"), "bin", self.bin)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.bin_dock)
        self.inspector = Inspector(editor)
        self.inspector_dock = _dock(self, self.tr("属性"), "inspector", _scrolled(self.inspector))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.preflight_panel = PreflightPanel(
            self._preflight, name_frame=lambda owner: owner_title(editor, owner)
        )
        self.preflight_dock = _dock(self, self.tr("印前检查"), "preflight", self.preflight_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preflight_dock)
        self.tabifyDockWidget(self.inspector_dock, self.preflight_dock)
        self.marks_panel = MarksPanel(editor.library, editor.doc.issue.id, editor.resolve_mark)  # type: ignore[arg-type]
        self.marks_dock = _dock(self, self.tr("校对标记"), "marks", self.marks_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.marks_dock)
        self.tabifyDockWidget(self.preflight_dock, self.marks_dock)
        self.inspector_dock.raise_()
        self.resizeDocks([self.inspector_dock], [340], Qt.Orientation.Horizontal)
        self.actions = build_editor_actions(self)
        self.signoff_panel = install_signoff_dock(self)  # 签字: who signed the page, and when
        self.inspector_dock.raise_()  # the new tab must not cover 属性 at start
        RecentLibraries(self.settings).add(self.editor.library.location)

        self.canvas.frame_selected.connect(self._frame_selected)
        self.canvas.edit_failed.connect(self.fail)
        self.bin.tree.itemSelectionChanged.connect(self._bin_selected)
        self.preflight_panel.go_to.connect(self.go_to)
        self.marks_panel.go_to.connect(self.go_to_mark)
        self.marks_panel.resolved.connect(lambda *_: self.refresh_marks())
        self.marks_panel.failed.connect(self.fail)
        self.inspector.type.failed.connect(self.fail)
        # Stories come in by menu or by dropping files on the 稿库; either is one undo step.
        self.bin.files_dropped.connect(lambda paths: import_into_bin(self, paths))
        self.save_bar = install_library_bars(self)  # edits the library could not take yet
        # Other desks: their changes shown live, conflicts settled, check-outs (issue 15).
        self.live = LiveDesk(self)
        self.conflict_flow = install_conflict_flow(self)
        self.checkout_view = install_checkout_view(self)
        self.live.changed.connect(self.checkout_view.show_state)

        self._stale: set[int] = set(range(len(editor.doc.pages)))
        self._show_issue()
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setSingleShot(True)
        self._thumb_timer.setInterval(THUMBNAIL_DELAY_MS)
        self._thumb_timer.timeout.connect(self.refresh_thumbnails)
        self._unsubscribe = editor.subscribe(self._edited)
        # Thumbnails come after the window is up: 8 pages take ~0.5 s, the canvas comes first.
        QTimer.singleShot(0, self, self.refresh_thumbnails)  # not after the window is gone
        for i in range(len(editor.doc.pages)):
            self._show_status(i)
        self._update_undo()

    # -- pages ----------------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        if self.canvas.selected is not None:
            frame = self.canvas.selected_frame()
            if not 0 <= index < len(self.editor.doc.pages) or (
                frame is None or frame.page_id != self.editor.page(index).id
            ):
                self.canvas.select(None)
        self.canvas.page_index = index
        super().show_page(index)
        self._show_page_marks()

    def go_to(self, number: int, owner: str = "") -> None:
        """Show page 第number版 and select the frame behind `owner`, if it is a model frame."""
        index = next((i for i, p in enumerate(self.editor.doc.pages) if p.number == number), -1)
        if index < 0:
            return
        self.show_page(index)
        frame = self.editor.frame_for_owner(owner) if owner else None
        self.canvas.select(frame.id if frame is not None else None)

    # -- proof marks (校对) -------------------------------------------------------------------------

    def _show_page_marks(self) -> None:
        """The current page's open marks on the canvas, placed on their text as it sets now."""
        index = self.canvas.page_index
        if not 0 <= index < len(self.editor.doc.pages) or self.canvas.page() is None:
            self.canvas.marks.set_marks([])
            return
        page_id = self.editor.page(index).id
        self.canvas.marks.set_marks(
            page_open_marks(self.editor.library, page_id, self.editor.composed_page(index))  # type: ignore[arg-type]
        )

    def refresh_marks(self) -> None:
        """Read the marks again: after an edit (fixing text fixes its marks), a resolve, or a
        mark made in a proof view."""
        self._show_page_marks()
        self.marks_panel.refresh()

    def go_to_mark(self, page_id: int, mark_id: int) -> None:
        """Show the mark's page, select and flash the mark, and bring it into view."""
        try:
            index = self.editor.page_index(page_id)
        except KeyError:
            return
        if index != self.current_index():
            self.show_page(index)
        self.canvas.marks.select(mark_id)
        placed = next((m for m in self.canvas.marks.marks if m.id == mark_id), None)
        if placed is not None:
            b = placed.box
            self.canvas.ensureVisible(QRectF(b.x, b.y, b.w, b.h), 60, 60)

    def refresh_thumbnails(self) -> None:
        """Re-render the thumbnails of pages edited since the last time (after a pause), one
        page per turn of the event loop, the page on the canvas first: the window keeps
        answering while they paint."""
        if not self._stale:
            return
        current = self.current_index()
        index = current if current in self._stale else min(self._stale)
        self._stale.discard(index)
        page = self.editor.composed_page(index)
        painter = PagePainter(fonts=self.canvas.painter.fonts, images=self.pictures)
        self.pages.set_thumbnail(
            index, render_page(page, THUMB_WIDTH / page.width, painter=painter)
        )
        if self._stale:
            QTimer.singleShot(0, self, self.refresh_thumbnails)  # not after the window is gone

    def _show_status(self, index: int) -> None:
        s = self.editor.status(index)
        parts = []
        if s.overset:
            parts.append(self.tr("超{n}字").format(n=s.overset))
        elif s.findings:
            parts.append(self.tr("提示{n}条").format(n=s.findings))
        else:
            parts.append(self.tr("正常"))
        if s.held_by:
            parts.append(self.tr("{who}签出").format(who=s.held_by))
        self.pages.set_status(index, " · ".join(parts), bool(s.overset or s.findings))
        self.pages.set_signoff(index, *page_signoff_line(self.editor, index))

    def refresh_statuses(self) -> None:
        """Every page's line in the pages panel again (a check-out taken or given back)."""
        for index in range(len(self.editor.doc.pages)):
            self._show_status(index)

    # -- after an edit ----------------------------------------------------------------------------

    def _edited(self, change: EditorChange) -> None:
        if change.everything:  # a revision restored, the issue's properties set: pages may change
            self._show_issue()
        current = self.current_index()
        if current in change.pages:
            page = self.editor.composed_page(current)
            self.canvas.update_page(page)
            self.page_info.setText(self._describe(self.pages.item(current).text(), page))
        if self.canvas.selected is not None and self.canvas.selected_frame() is None:
            self.canvas.select(None)
        for index in change.pages:
            self._show_status(index)
        self._stale.update(change.pages)
        self._thumb_timer.start()
        if self.bin.ids() != [a.id for a in self.editor.bin(self.bin.filter.text())]:
            self.bin.refresh()
        self.inspector.refresh(change)
        if change.articles or change.everything or change.proof or current in change.pages:
            self.refresh_marks()
        if change.proof or change.everything:
            self._close_stale_proof_views()
            for index in range(len(self.editor.doc.pages)):  # signatures come with rounds
                self.pages.set_signoff(index, *page_signoff_line(self.editor, index))
            self.signoff_panel.refresh()
        self._update_undo()

    def _show_issue(self) -> None:
        """Title and page list as the issue is now (its date, pages and sections)."""
        doc = self.editor.doc
        self.setWindowTitle(
            self.tr("版面 — {title}").format(title=issue_title(doc.publication, doc.issue))
        )
        current = self.current_index()
        if self.pages.relabel(self.page_labels()):
            self._stale.update(range(len(doc.pages)))
            self.pages.setCurrentRow(min(max(current, 0), len(doc.pages) - 1))

    def _close_stale_proof_views(self) -> None:
        """A proof view whose round is gone (its opening undone) closes with it."""
        rounds = {r.id for r in self.editor.library.proof_rounds(self.editor.doc.issue.id)}  # type: ignore[arg-type]
        for view in self.findChildren(ProofView):
            if view.session.round_id not in rounds:
                view.close()

    def _update_undo(self) -> None:
        s, actions = self.editor.session, self.actions
        actions.undo.setEnabled(s.can_undo())
        actions.redo.setEnabled(s.can_redo())
        undo, redo = command_label(s.undo_label()), command_label(s.redo_label())
        actions.undo.setText(self.tr("撤销 {what}").format(what=undo).strip())
        actions.redo.setText(self.tr("重做 {what}").format(what=redo).strip())

    def _frame_selected(self, frame_id: object) -> None:
        self.inspector.show_frame(frame_id if isinstance(frame_id, int) else None)
        frame = self.canvas.selected_frame()
        if frame is not None and frame.kind == "article":
            self.last_story = frame.article_id
        self.actions.delete.setEnabled(frame is not None)
        self.actions.fit_frame.setEnabled(frame is not None and frame.kind == "article")

    def _bin_selected(self) -> None:
        chosen = self.bin.selected_id()
        if chosen is not None:
            self.canvas.select(None)
            self.inspector.show_article(chosen)

    # -- commands from menus ------------------------------------------------------------------------

    def undo(self) -> None:
        self.inspector.commit()
        self._step(self.editor.session.undo)

    def redo(self) -> None:
        self.inspector.commit()
        self._step(self.editor.session.redo)

    def _step(self, step: Callable[[], object]) -> None:
        """Undo or redo; a step the rules or the file refuse changes nothing and says why."""
        try:
            step()
        except (UserError, LibraryError) as exc:
            self.fail(str(exc))

    def page_labels(self) -> list[str]:
        return [page_label(p) for p in self.editor.doc.pages]

    def report(self, message: str) -> None:
        """A passing word in the status bar (a core message in the UI language only)."""
        self.statusBar().showMessage(one_language(message), 10000)

    def fail(self, message: str) -> None:
        """Something the desk asked for was refused or went wrong: said in plain words in a
        dialog (not modal to the app: the drop or drag that failed has already ended) and
        kept in the status bar."""
        text = one_language(message)
        self.statusBar().showMessage(text, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("未能完成"), text, parent=self)
        box.setObjectName("failure")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_import_report(self, dialog: QDialog) -> None:
        """Show an import's report; the previous one, if still open, closes."""
        if self.import_report is not None:
            self.import_report.close()
        self.import_report = dialog
        dialog.show()

    def _preflight(self) -> list[PreflightFinding]:
        self.inspector.commit()
        self.preflight_dock.raise_()
        return self.editor.preflight()

    # -- export -------------------------------------------------------------------------------------

    def export_pdf(self, path: str | None = None, preset: str = "screen") -> bool:
        """Export with a progress dialog; False if cancelled or failed (the failure is shown)."""
        folder = library_folder(self.library_path())  # until the desk has exported somewhere
        path = path or ask_export_path(self, self.settings, folder, self._view.title, preset)
        if not path:
            return False
        self.inspector.commit()
        target = self.editor if preset == "screen" else PresetExport(self, preset)
        try:
            done = export_with_dialog(self, target, path)  # type: ignore[arg-type]
        except UserError as exc:  # refused by a rule (签发后才能付印): nothing was written
            self.tell(self.tr("导出PDF"), str(exc))
            return False
        except Exception as exc:  # show the reason; the issue on screen is unaffected
            log.exception("export to %s failed", path)
            QMessageBox.critical(
                self,
                self.tr("导出PDF"),
                self.tr("导出失败：{error}").format(error=one_language(str(exc))),
            )
            return False
        if done:
            self.statusBar().showMessage(self.tr("已导出：{path}").format(path=path), 8000)
        return done

    def closeEvent(self, event: QCloseEvent) -> None:
        self.inspector.commit()  # nothing typed is lost: it is a command like any other
        self.live.stop()  # the desk leaves when its library closes (Library.close)
        self._unsubscribe()
        super().closeEvent(event)

    def ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, one_language(text))
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, one_language(text))

    def library_path(self) -> Path | None:
        """The library file; None when the library is on a server."""
        path = self.editor.library.path
        return Path(path) if path is not None else None
