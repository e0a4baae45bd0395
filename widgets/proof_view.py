"""Proof view (校样): takes a ProofSession, shows its exported PDF itself (pypdfium2 pixels) one page or a facing spread at a time, the marks in each round's colour and their list, the lines changed since the previous round highlighted, and takes new marks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QFont,
    QImage,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.errors import UserError
from app.export.raster import PdfPages, SheetGeometry
from app.model.proof import MARK_KINDS, Mark, Rect
from app.proof.session import ProofPage, ProofSession
from widgets.i18n import one_language
from widgets.labels import mark_name, mark_state, page_number, step_name
from widgets.proof_sheet import GAP, MARGIN, ProofSheet, pil_to_qimage

# Zoom 1.0 is the page at its real size on this screen; the stops a proofreader steps through.
ZOOM_STEPS: tuple[float, ...] = (0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
DEFAULT_ZOOM = 0.5
CACHE_LIMIT = 8  # rendered pages kept
UI_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "Microsoft YaHei"]


class ProofView(QMainWindow):
    """校样: the round's pages as the print shop will get them, one or two at a time, with marks.

    The window holds no rules: pages and marks come from, and new marks go to, the ProofSession.
    """

    markAdded = Signal(object)  # the stored Mark

    def __init__(
        self, session: ProofSession, parent: QWidget | None = None, paper: str = ""
    ) -> None:
        """`paper` names the issue in the UI language (else the session's Chinese title)."""
        super().__init__(parent)
        self.session = session
        self.paper = paper
        self.pages = PdfPages(session.pdf)
        if len(self.pages) != len(session.pages):
            raise ValueError(f"the PDF has {len(self.pages)} pages, the round {len(session.pages)}")
        self.zoom = DEFAULT_ZOOM
        self.two_up = False
        self.current = 0  # PDF index of the first page shown
        self.selected_mark: int | None = None
        self.last_error = ""
        self._images: dict[tuple[int, float], QImage] = {}
        self._marks: dict[int, list[Mark]] = {}
        self._changes: dict[int, tuple[Rect, ...]] = {}
        self.show_changes = True
        self._colours: dict[int, QColor] = {}
        self.label_font = QFont()
        self.label_font.setFamilies(UI_FAMILIES)
        self.label_font.setPixelSize(12)

        self.show_title()
        self.sheet = ProofSheet(self)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.sheet)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.scroll)
        self._build_toolbar()
        self._build_mark_list()
        self.sheet.markDrawn.connect(self._on_drawn)
        self.sheet.markClicked.connect(self.select_mark)
        self.refresh_marks()
        self._show()

    # -- building -------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("校样"))
        bar.setObjectName("proof-toolbar")
        self.addToolBar(bar)
        self.act_previous = self._action(
            self.tr("上一版"), self.previous_page, QKeySequence.StandardKey.MoveToPreviousPage
        )
        self.act_next = self._action(
            self.tr("下一版"), self.next_page, QKeySequence.StandardKey.MoveToNextPage
        )
        self.page_box = QComboBox()
        self.page_box.addItems([page_label(p) for p in self.session.pages])
        self.page_box.activated.connect(self.go_to)
        self.act_zoom_in = self._action(
            self.tr("放大"), self.zoom_in, QKeySequence.StandardKey.ZoomIn
        )
        self.act_zoom_out = self._action(
            self.tr("缩小"), self.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.act_fit = self._action(self.tr("整版"), self.fit_page, "Ctrl+0")
        self.zoom_label = QLabel()
        self.act_two_up = self._action(self.tr("双版"), self.set_two_up, "Ctrl+2")
        self.act_two_up.setCheckable(True)
        self.act_changes = self._action(self.tr("改动"), self.set_show_changes, "Ctrl+D")
        self.act_changes.setCheckable(True)
        self.act_changes.setChecked(True)
        self.act_changes.setToolTip(self.tr("上一校次以来改动的行"))
        self.act_mark = self._action(self.tr("标记"), self.set_mark_tool, "M")
        self.act_mark.setCheckable(True)
        self.kind_box = QComboBox()
        for kind in MARK_KINDS:  # GB/T 14706 校对符号, stored by their standard names
            self.kind_box.addItem(mark_name(kind), kind)
        self.kind_box.setToolTip(self.tr("校对符号（GB/T 14706）"))
        self.proposed_edit = QLineEdit()
        self.proposed_edit.setPlaceholderText(self.tr("建议文字"))
        self.proposed_edit.setMinimumWidth(160)
        for widget in (self.act_previous, self.page_box, self.act_next):
            _add(bar, widget)
        bar.addSeparator()
        for widget in (self.act_zoom_out, self.zoom_label, self.act_zoom_in, self.act_fit):
            _add(bar, widget)
        bar.addSeparator()
        for widget in (
            self.act_two_up,
            self.act_changes,
            self.act_mark,
            self.kind_box,
            self.proposed_edit,
        ):
            _add(bar, widget)

    def _build_mark_list(self) -> None:
        self.mark_list = QTreeWidget()
        self.mark_list.setHeaderLabels(
            [
                self.tr("版"),
                self.tr("校次"),
                self.tr("符号"),
                self.tr("建议文字"),
                self.tr("状态"),
                self.tr("校对"),
            ]
        )
        self.mark_list.setRootIsDecorated(False)
        self.mark_list.itemClicked.connect(
            lambda item, _col: self.select_mark(item.data(0, Qt.ItemDataRole.UserRole))
        )
        dock = QDockWidget(self.tr("校对标记"), self)
        dock.setObjectName("proof-marks")
        dock.setWidget(self.mark_list)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    # -- what is shown --------------------------------------------------------------------

    def show_title(self) -> None:
        """校样 — the issue, the round, its proofreader, and whether the round has closed."""
        rnd = self.session.round
        self.setWindowTitle(
            self.tr("校样 — {paper} {round} {person}{state}").format(
                paper=self.paper or self.session.title,
                round=step_name(rnd.kind),
                person=rnd.proofreader,
                state="" if rnd.is_open else self.tr("（已结束）"),
            )
        )

    def pixels_per_point(self) -> float:
        return self.zoom * self.logicalDpiX() / 72.0

    def page_geometry(self, index: int) -> SheetGeometry:
        return self.pages.geometry(index)

    def page_image(self, index: int) -> QImage:
        """PDF page `index` rendered by pypdfium2 at the current zoom (cached)."""
        scale = self.pixels_per_point()
        key = (index, round(scale, 6))
        image = self._images.get(key)
        if image is None:
            if len(self._images) >= CACHE_LIMIT:
                self._images.clear()
            image = pil_to_qimage(self.pages.render(index, scale))
            self._images[key] = image
        return image

    def shown(self) -> tuple[int, ...]:
        """PDF indexes of the pages on screen: the current page, or its facing spread."""
        if not self.two_up:
            return (self.current,)
        return next(s for s in self.session.spreads() if self.current in s)

    def _steps(self) -> list[tuple[int, ...]]:
        return self.session.spreads() if self.two_up else [(i,) for i in range(len(self.pages))]

    def _show(self) -> None:
        shown = self.shown()
        self.current = shown[0]
        self.sheet.layout_pages(shown)
        self.page_box.setCurrentIndex(self.current)
        self.zoom_label.setText(f"{self.zoom * 100:.0f}%")
        steps = self._steps()
        at = steps.index(shown)
        self.act_previous.setEnabled(at > 0)
        self.act_next.setEnabled(at < len(steps) - 1)
        labels = " | ".join(page_label(self.session.pages[i]) for i in shown)
        changed = sum(len(self._changes.get(i, ())) for i in shown)
        if changed:
            labels += self.tr(" · 改动{n}行").format(n=changed)
        self.statusBar().showMessage(labels)

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            raise IndexError(index)
        self.current = index
        self._show()

    def next_page(self) -> None:
        steps = self._steps()
        at = steps.index(self.shown())
        if at + 1 < len(steps):
            self.go_to(steps[at + 1][0])

    def previous_page(self) -> None:
        steps = self._steps()
        at = steps.index(self.shown())
        if at > 0:
            self.go_to(steps[at - 1][0])

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._show()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-9), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOM_STEPS if z < self.zoom - 1e-9]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def fit_page(self) -> None:
        """The whole spread in the window."""
        shown = self.shown()
        width = sum(self.pages.geometry(i).width for i in shown)
        height = max(self.pages.geometry(i).height for i in shown)
        room = self.scroll.viewport().size()
        per_point = self.logicalDpiX() / 72.0
        w_room = room.width() - 2 * MARGIN - GAP * (len(shown) - 1)
        zoom = min(w_room / width, (room.height() - 2 * MARGIN) / height) / per_point
        self.set_zoom(zoom)

    def set_two_up(self, on: bool) -> None:
        self.two_up = bool(on)
        self.act_two_up.setChecked(self.two_up)
        self._show()

    def set_show_changes(self, on: bool) -> None:
        """Highlight (or not) the lines changed since the previous round."""
        self.show_changes = bool(on)
        self.act_changes.setChecked(self.show_changes)
        self.sheet.update()

    def changed_boxes(self, index: int) -> tuple[Rect, ...]:
        """Boxes of page `index`'s lines changed since the previous round (none when hidden)."""
        return self._changes.get(index, ()) if self.show_changes else ()

    def set_mark_tool(self, on: bool) -> None:
        self.sheet.mark_tool = bool(on)
        self.act_mark.setChecked(self.sheet.mark_tool)
        cursor = Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor
        self.sheet.setCursor(cursor)

    def page_rect(self, index: int) -> QRect:
        """Where page `index` is drawn on the sheet (pixels); it must be on screen."""
        for placed in self.sheet.placed:
            if placed.index == index:
                return QRect(placed.rect)
        raise LookupError(f"page {index} is not shown")

    def point_to_sheet(self, index: int, x: float, y: float) -> QPoint:
        """The sheet pixel showing trim-box point (x, y) of page `index`."""
        placed = next(p for p in self.sheet.placed if p.index == index)
        r = placed.to_pixels(Rect(x, y, 0, 0))
        return QPoint(round(r.x()), round(r.y()))

    # -- marks ----------------------------------------------------------------------------

    def round_colour(self, round_id: int | None = None) -> QColor:
        key = round_id if round_id is not None else self.session.round_id
        colour = self._colours.get(key)
        if colour is None:
            colour = QColor(*self.session.colour(key))
            self._colours[key] = colour
        return colour

    def session_marks(self, index: int) -> list[Mark]:
        return self._marks.get(index, [])

    def refresh_marks(self) -> None:
        """Read the marks again (after an edit elsewhere, or a new one) and redraw."""
        self._marks = {p.index: self.session.marks(p.index) for p in self.session.pages}
        self._changes = self.session.changed_lines()
        rounds = self.session.rounds()
        self.mark_list.clear()
        for page in self.session.pages:
            for mark in self._marks[page.index]:
                rnd = rounds[mark.round_id]
                row = QTreeWidgetItem(
                    [
                        str(page.number),
                        step_name(rnd.kind),
                        mark_name(mark.kind),
                        mark.proposed,
                        mark_state(mark.status),
                        mark.author or rnd.proofreader,
                    ]
                )
                row.setData(0, Qt.ItemDataRole.UserRole, mark.id)
                row.setForeground(1, QBrush(self.round_colour(mark.round_id)))
                row.setToolTip(3, mark.note or mark.proposed)
                self.mark_list.addTopLevelItem(row)
                if mark.id == self.selected_mark:
                    self.mark_list.setCurrentItem(row)
        self.sheet.update()

    def select_mark(self, mark_id: int) -> None:
        """Show the mark's page and outline it; select it in the list."""
        for index, marks in self._marks.items():
            if any(m.id == mark_id for m in marks):
                self.selected_mark = mark_id
                if index not in self.shown():
                    self.go_to(index)
                break
        else:
            return
        for i in range(self.mark_list.topLevelItemCount()):
            row = self.mark_list.topLevelItem(i)
            if row.data(0, Qt.ItemDataRole.UserRole) == mark_id:
                self.mark_list.setCurrentItem(row)
        self.sheet.update()

    def add_mark(self, index: int, box: Rect) -> Mark | None:
        """A mark of the chosen kind with the proposed text, through the session; a refusal (the
        round is closed…) goes to the status bar and `last_error`."""
        try:
            mark = self.session.add_mark(
                index, box, self.kind_box.currentData(), self.proposed_edit.text().strip()
            )
        except (UserError, ValueError) as e:
            self.last_error = one_language(str(e))
            self.statusBar().showMessage(self.last_error)
            return None
        self.last_error = ""
        self.selected_mark = mark.id
        self.proposed_edit.clear()
        self.refresh_marks()
        where = self.tr("，第{start}–{end}字").format(start=mark.start, end=mark.end)
        self.statusBar().showMessage(
            self.tr("已加标记：{kind} {proposed}{where}").format(
                kind=mark_name(mark.kind),
                proposed=mark.proposed,
                where=where if mark.on_text else "",
            )
        )
        self.markAdded.emit(mark)
        return mark

    def _on_drawn(self, index: int, box: Rect) -> None:
        self.add_mark(index, box)

    def showEvent(self, event: QShowEvent) -> None:
        if self.pages.closed:  # shown again after a close
            self.pages = PdfPages(self.session.pdf)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pages.close()  # pdfium's document, not Python's bytes: free it with the window
        super().closeEvent(event)


def page_label(page: ProofPage) -> str:
    """第3版 体育健康 in the UI language (the section is the paper's own word)."""
    section = page.label.split(" ", 1)[1] if " " in page.label else ""
    return f"{page_number(page.number)} {section}".strip()


def _add(bar: QToolBar, widget: QAction | QWidget) -> None:
    if isinstance(widget, QAction):
        bar.addAction(widget)
    else:
        bar.addWidget(widget)
