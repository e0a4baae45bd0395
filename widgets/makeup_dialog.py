"""自动组版 in the window: takes the editor window (as an EditorHost) and a page, gives a dialog that computes three proposals off the GUI thread, shows them as thumbnails with their scores, and applies the one picked as one undo step.

The job is read from the library here, on the GUI thread; the worker proposes from it with a
composer of its own (app/edit/page_makeup.py), so the window's library and composer are never
used from two threads. The dialog is window-modal: the page cannot change under it from this
window, and applying checks that nothing else changed it either.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.compose.issue import IssueComposer
from app.edit.page_makeup import MakeupJob, PageProposal, Traits, propose, worker_composer
from app.errors import UserError
from app.store import LibraryError
from widgets.i18n import one_language
from widgets.labels import page_label
from widgets.painter import PagePainter, render_page

if TYPE_CHECKING:
    from widgets.editor_host import EditorHost

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("MakeupDialog", "…") calls

THUMB_WIDTH = 220  # pixels: large enough to read the page's shape and its headlines' weight
PROPOSAL_ROLE = Qt.ItemDataRole.UserRole + 1  # the item's PageProposal

# The engine's score terms (layouts/makeup/score.py) as a desk names them.
TERM_NAMES = {
    "holes": QT_TRANSLATE_NOOP("MakeupDialog", "空白"),
    "slack": QT_TRANSLATE_NOOP("MakeupDialog", "题下空"),
    "pictures": QT_TRANSLATE_NOOP("MakeupDialog", "图片"),
    "bin": QT_TRANSLATE_NOOP("MakeupDialog", "留稿"),
    "section": QT_TRANSLATE_NOOP("MakeupDialog", "版别不符"),
    "wanted_page": QT_TRANSLATE_NOOP("MakeupDialog", "非指定版"),
    "rank": QT_TRANSLATE_NOOP("MakeupDialog", "主次"),
    "bump": QT_TRANSLATE_NOOP("MakeupDialog", "碰题"),
    "legs": QT_TRANSLATE_NOOP("MakeupDialog", "栏高"),
    "jumps": QT_TRANSLATE_NOOP("MakeupDialog", "转版"),
    "variety": QT_TRANSLATE_NOOP("MakeupDialog", "版式单调"),
    "dominant": QT_TRANSLATE_NOOP("MakeupDialog", "头条不突出"),
}
WHITE = {
    "none": QT_TRANSLATE_NOOP("MakeupDialog", "无留白"),
    "little": QT_TRANSLATE_NOOP("MakeupDialog", "留白少"),
    "much": QT_TRANSLATE_NOOP("MakeupDialog", "留白较多"),
}
NUMERALS = "一二三四五六七八九十"


def tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("MakeupDialog", …) above, translated."""
    return translate("MakeupDialog", text)


def summary(t: Traits) -> str:
    """One line a desk reads at a glance: 头条通栏，5篇，留白少."""
    parts = []
    if t.lead_span:
        lead = (
            translate("MakeupDialog", "头条通栏")
            if t.lead_span >= t.columns
            else translate("MakeupDialog", "头条{n}栏").format(n=t.lead_span)
        )
        parts.append(lead)
    parts.append(translate("MakeupDialog", "{n}篇").format(n=t.stories))
    if t.pictures:
        parts.append(translate("MakeupDialog", "{n}图").format(n=t.pictures))
    parts.append(tr(WHITE[t.white]))
    if t.bump:
        parts.append(translate("MakeupDialog", "有碰题"))
    if t.left:
        parts.append(translate("MakeupDialog", "{n}篇留稿库").format(n=len(t.left)))
    return translate("MakeupDialog", "，").join(parts)


def terms_line(p: PageProposal, total: bool = True) -> str:
    """The score and the terms that make most of it: 扣分 161 · 留稿 60 · 版式单调 40."""
    parts = [translate("MakeupDialog", "扣分 {score:.0f}").format(score=p.score)] if total else []
    parts += [f"{tr(TERM_NAMES.get(k, k))} {v:.0f}" for k, v in p.terms]
    return " · ".join(parts)


def proposal_name(rank: int) -> str:
    numeral = NUMERALS[rank - 1] if rank <= len(NUMERALS) else str(rank)
    return translate("MakeupDialog", "方案{n}").format(n=numeral, rank=rank)


class _Card(QStyledItemDelegate):
    """A proposal as the list shows it, the chosen one framed in the highlight colour (its
    thumbnail is never tinted: the page is judged as it will print)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)
        if not option.state & QStyle.StateFlag.State_Selected:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        icon = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, opt, opt.widget)
        painter.save()
        painter.setPen(QPen(opt.palette.highlight().color(), 3))
        painter.drawRect(icon.adjusted(-2, -2, 1, 1))
        painter.restore()


class _Signals(QObject):
    done = Signal(int, object)  # generation, list[PageProposal]
    failed = Signal(int, str)  # generation, one line


# A worker's signals live here, on the GUI thread, until its result has been delivered: were
# they freed with the runnable (on the pool thread, just after emitting), the queued result
# could be dropped before the dialog saw it.
_LIVE: set[_Signals] = set()


def _signals() -> _Signals:
    signals = _Signals()
    _LIVE.add(signals)
    return signals


def _release(signals: _Signals) -> None:
    release = lambda *_: _LIVE.discard(signals)  # noqa: E731 - connected after the dialog's slots
    signals.done.connect(release)
    signals.failed.connect(release)


class _Propose(QRunnable):
    """Proposals for one job on a pool thread; the result comes back as a queued signal."""

    def __init__(self, job: MakeupJob, like: IssueComposer, generation: int) -> None:
        super().__init__()
        self.job, self.like, self.generation = job, like, generation
        self.signals = _signals()  # made on the GUI thread, freed there once it has reported

    def run(self) -> None:
        try:
            found = propose(self.job, worker_composer(self.like))
        except UserError as exc:
            self.signals.failed.emit(self.generation, str(exc))
        except Exception as exc:  # the window stays; the reason is shown
            log.exception("proposals for page %d failed", self.job.number)
            self.signals.failed.emit(
                self.generation, translate("MakeupDialog", "组版失败：{error}").format(error=exc)
            )
        else:
            self.signals.done.emit(self.generation, found)


class MakeupDialog(QDialog):
    """Three proposals for one page, best first; 采用 (or a double-click) applies the one
    selected as one undo step; 保留已排稿件 off makes the page's own stories up again too."""

    def __init__(self, host: EditorHost, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host, self.index = host, index
        self.job: MakeupJob | None = None
        self.generation = 0
        self.running: set[int] = set()  # generations still computing
        page = host.editor.page(index)
        self.setObjectName("makeup")
        self.setWindowTitle(
            translate("MakeupDialog", "自动组版 — {page}").format(page=page_label(page))
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.keep = QCheckBox(translate("MakeupDialog", "保留已排稿件"))
        self.keep.setChecked(True)
        self.keep.setToolTip(
            translate(
                "MakeupDialog",
                "勾选：本版已排的稿件原地不动，方案只排其余空位。\n"
                "不勾选：本版的稿件撤回稿库，与稿库稿件一起重新组版（跨版转接的稿件仍保留）。",
            )
        )
        self.keep.toggled.connect(lambda _on: self.start())
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving while the worker computes
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(10)
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the page of proposals does not jump when done
        self.busy.setSizePolicy(policy)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.list = QListWidget()
        self.list.setObjectName("proposals")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSpacing(8)
        self.list.setItemDelegate(_Card(self.list))
        self.list.itemSelectionChanged.connect(self._selected)
        self.list.itemDoubleClicked.connect(lambda _item: self.apply())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.apply_button = QPushButton(translate("MakeupDialog", "采用"))
        self.apply_button.setDefault(True)
        self.apply_button.setEnabled(False)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(translate("MakeupDialog", "取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.keep)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        self._size_list(host.editor.composed_page(index))
        self.start()

    def _size_list(self, page) -> None:
        h = round(THUMB_WIDTH * page.height / page.width)
        self.list.setIconSize(QSize(THUMB_WIDTH, h))
        self._fit_text(3 * self.list.fontMetrics().height())
        self.list.setMinimumWidth(3 * (THUMB_WIDTH + 32) + 8)

    def _fit_text(self, height: int) -> None:
        """Room under the thumbnails for `height` pixels of text (more if already more)."""
        grid = self.list.gridSize()
        icon = self.list.iconSize().height()
        height = max(height, grid.height() - icon - 16)
        self.list.setGridSize(QSize(THUMB_WIDTH + 24, icon + height + 16))
        self.list.setMinimumHeight(icon + height + 36)

    def _text_height(self, text: str) -> int:
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        box = self.list.fontMetrics().boundingRect(0, 0, THUMB_WIDTH + 20, 10_000, flags, text)
        return box.height()

    # -- computing ---------------------------------------------------------------------------

    def start(self) -> None:
        """Read the page now and compute its proposals on a pool thread."""
        self.generation += 1
        self.list.clear()
        self.apply_button.setEnabled(False)
        self.detail.clear()
        try:
            self.job = self.host.editor.makeup_job(self.index, keep=self.keep.isChecked())
        except (UserError, LibraryError) as exc:
            self._failed(self.generation, str(exc))
            return
        worker = _Propose(self.job, self.host.editor.composer, self.generation)
        worker.signals.done.connect(self._done)
        worker.signals.failed.connect(self._failed)
        _release(worker.signals)
        self.running.add(self.generation)
        self._busy(True, translate("MakeupDialog", "正在计算三个方案…"))
        QThreadPool.globalInstance().start(worker)

    def working(self) -> bool:
        """Whether the proposals asked for last are still being computed."""
        return self.generation in self.running

    def _busy(self, on: bool, text: str = "") -> None:
        self.busy.setVisible(on)
        self.keep.setEnabled(not on)
        self.status.setText(text)

    def _failed(self, generation: int, message: str) -> None:
        self.running.discard(generation)
        if generation != self.generation:
            return  # a question no longer asked
        self._busy(False, one_language(message))

    def _done(self, generation: int, found: list[PageProposal]) -> None:
        if generation != self.generation:
            self.running.discard(generation)
            return
        self.status.setText(translate("MakeupDialog", "正在显示方案…"))
        # the canvas's fonts and pictures, a painter of its own: what the page will show
        canvas = self.host.canvas.painter
        painter = PagePainter(fonts=canvas.fonts, images=canvas.images)
        self._show(generation, list(found), painter)

    def _show(self, generation: int, left: list[PageProposal], painter: PagePainter) -> None:
        """Paint one thumbnail per turn of the event loop (each takes some 40 ms), so the
        window never waits for all three at once."""
        if generation != self.generation:
            self.running.discard(generation)
            return
        p = left.pop(0)
        image = render_page(p.page, THUMB_WIDTH / p.page.width, painter=painter)
        score = translate("MakeupDialog", "扣分 {score:.0f}").format(score=p.score)
        text = f"{proposal_name(p.rank)}  {score}\n"
        text += summary(p.traits) + "\n" + terms_line(p, total=False)
        icon = QIcon()
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):
            icon.addPixmap(QPixmap.fromImage(image), mode)
        item = QListWidgetItem(icon, text)
        item.setData(PROPOSAL_ROLE, p)
        item.setToolTip(terms_line(p))
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._fit_text(self._text_height(text))  # a longer language wraps to more lines
        self.list.addItem(item)
        if left:
            QTimer.singleShot(0, self, lambda: self._show(generation, left, painter))
            return
        self.running.discard(generation)
        self._busy(
            False,
            translate(
                "MakeupDialog", "共{n}个方案，扣分越少越好。双击或按“采用”排上版面，可撤销。"
            ).format(n=self.list.count()),
        )
        self.list.setCurrentRow(0)  # the best, ready for Enter
        self.list.setFocus()

    # -- choosing ------------------------------------------------------------------------------

    def proposals(self) -> list[PageProposal]:
        return [self.list.item(i).data(PROPOSAL_ROLE) for i in range(self.list.count())]

    def chosen(self) -> PageProposal | None:
        item = self.list.currentItem()
        return item.data(PROPOSAL_ROLE) if item is not None and item.isSelected() else None

    def _selected(self) -> None:
        p = self.chosen()
        self.apply_button.setEnabled(p is not None)
        if p is None:
            self.detail.clear()
            return
        text = translate("MakeupDialog", "{name}：{summary}。{terms}").format(
            name=proposal_name(p.rank), summary=summary(p.traits), terms=terms_line(p)
        )
        if p.traits.left:
            text += "\n" + translate("MakeupDialog", "留在稿库：{titles}").format(
                titles=translate("MakeupDialog", "、").join(p.traits.left)
            )
        self.detail.setText(text)

    def apply(self) -> bool:
        """Store the selected proposal on the page as one undo step and close."""
        p, job = self.chosen(), self.job
        if p is None or job is None:
            return False
        try:
            self.host.editor.apply_makeup(job, p)
        except (UserError, LibraryError) as exc:  # changed meanwhile: say so, propose again
            self.start()
            self.status.setText(one_language(str(exc)))
            return False
        self.host.report(
            translate("MakeupDialog", "第{n}版已自动组版：{what}（可撤销）").format(
                n=job.number, what=summary(p.traits)
            )
        )
        self.accept()
        return True

    def done(self, result: int) -> None:
        """Closed either way: the window and its page have the keyboard again (Ctrl+Z at
        once), whatever the window manager does after a modal dialog."""
        super().done(result)
        window = self.parentWidget()
        if window is not None:
            window.activateWindow()
        self.host.canvas.setFocus()
