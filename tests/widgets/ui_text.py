"""Every text a window shows, and which of it is in the wrong language: for the one-language tests (tests/widgets/test_one_language.py and the panels' own tests)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

from app.compose.fields import lunar_date_zh
from app.model.document import IssueDoc
from app.store import Library

# In Chinese, Latin letters only where a Chinese desk writes them too.
ALLOWED_LATIN = re.compile(
    r"\(&?[A-Z]\)"  # menu mnemonics: 文件(&F), and as Qt's tooltips drop the &: 文件(F)
    r"|https?://\S+|www\.\S+"
    r"|\*\.\w+"  # file patterns in dialogs: (*.pdf)
    r"|Noto (?:Sans|Serif)(?: CJK)?(?: SC)?|Source Han \w+|WenQuanYi \w+ \w+"  # font names
    r"|(?<![A-Za-z])(?:PDF/X-1a|PDF|QR|mm|pt|ppi|English|GB/T|CMYK|RGB|JPEG|PNG|TIFF|K|KiB|MiB|GiB|SQLite|Alt|Ctrl|Shift)(?![A-Za-z])"  # and keys
)
ALLOWED_HAN = ("中文",)  # in English, the language menu names Chinese in Chinese
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
LATIN_RUN = re.compile(r"[A-Za-z]+")
CLIPPED = re.compile(r"([^\s《》「」“”]+)…")  # a headline cut short for a list


def paper_content(library: Library) -> list[str]:
    """The paper's own words in the library — names, sections, stories, people, mastheads —
    which the window shows as they are, in either UI language."""
    words: list[str] = []
    pub = library.publication()
    if pub is not None:
        words += [pub.name, pub.sponsor, pub.permit, pub.website, pub.website_label]
        words += [h.label for h in pub.hotlines]
    for issue in library.issues():
        doc = IssueDoc.load(library, issue.cumulative_number)
        words += [lunar_date_zh(issue), issue.date_zh, issue.weekday_zh, issue.numbers_zh]
        for page in doc.pages:
            c = page.credits
            words += [page.section, c.editor, c.designer, c.proofreader]
            for signoff in library.signoffs(page.id):  # type: ignore[arg-type]
                words += [signoff.person, signoff.note]
        for a in doc.articles.values():
            words += [a.headline, a.kicker, a.subheadline, a.byline, *a.paragraphs]
        for r in library.proof_rounds(issue.id):  # type: ignore[arg-type]
            words.append(r.proofreader)
            for m in library.marks(round_id=r.id):  # type: ignore[arg-type]
                words += [m.proposed, m.note, m.author]
    sheet = library.house_style()  # the paper's own style names (头版头条, 正文 …)
    words += [s.name for s in (*sheet.headlines, *sheet.paragraphs)]
    return sorted({w for w in words if w.strip()}, key=len, reverse=True)


def _view_texts(view: QAbstractItemView, where: str) -> Iterable[tuple[str, str]]:
    """Headers, rows and their tooltips of a list, tree or table (from the view's root)."""
    model = view.model()
    if model is None:
        return
    headers = []
    if isinstance(view, QTreeView):
        headers.append(view.header())
    elif isinstance(view, QTableView):
        headers += [view.horizontalHeader(), view.verticalHeader()]
    for header in headers:
        for i in range(header.count()):
            value = model.headerData(i, header.orientation(), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield f"{where} header", value

    def children(parent: QModelIndex) -> list[QModelIndex]:
        # columnCount is private on a list model in PySide6: ask hasIndex instead
        return [
            model.index(r, c, parent)
            for r in range(model.rowCount(parent))
            for c in range(64)
            if model.hasIndex(r, c, parent)
        ]

    stack = children(view.rootIndex())  # a file dialog's: the folder it shows
    while stack:
        index = stack.pop()
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = index.data(role)
            if isinstance(value, str):
                yield f"{where} item", value
        if index.column() == 0:
            stack += children(index)


def ui_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every action, button, label, menu, dock, tab, list row, header,
    placeholder, tooltip and window title under `root` (hidden ones too)."""
    out: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for action in root.findChildren(QAction):
        name = f"action {action.text()!r}"
        out += [(name, action.text()), (f"{name} tooltip", action.toolTip())]
        out += [(f"{name} status tip", action.statusTip())]
    for w in root.findChildren(QWidget):
        kind = type(w).__name__
        out += [(f"{kind} tooltip", w.toolTip()), (f"{kind} status tip", w.statusTip())]
        if w.isWindow() or kind in ("QDockWidget", "QToolBar"):
            out.append((f"{kind} title", w.windowTitle()))
        if isinstance(w, (QAbstractButton, QLabel)):
            out.append((kind, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((kind, w.title()))
        elif isinstance(w, QMenu):
            out.append(("menu", w.title()))
        elif isinstance(w, QLineEdit):
            out.append((f"{kind} placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox):
            out += [(f"{kind} item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabBar):
            out += [(f"{kind} tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView):
            out += list(_view_texts(w, kind))
        if isinstance(w, QMainWindow):
            out.append(("status bar", w.statusBar().currentMessage()))
    return [(where, text) for where, text in out if text]


def wrong_language(
    texts: Iterable[tuple[str, str]], language: str, content: Iterable[str]
) -> list[str]:
    """The texts with words of the other language: Latin letters in Chinese (beyond
    ALLOWED_LATIN), Han characters in English (beyond ALLOWED_HAN) — the paper's own words
    (`content`, longest first; a headline cut short with … too) excepted in both."""
    content = sorted({w for w in content if w.strip()}, key=len, reverse=True)
    bad = []
    for where, text in texts:
        # Headlines cut short first: a whole word inside one (a section name opening a
        # headline) would otherwise leave a stub that no longer starts any headline.
        rest = CLIPPED.sub(
            lambda m: " " if any(w.startswith(m.group(1)) for w in content) else m.group(0), text
        )
        for word in content:
            rest = rest.replace(word, " ")
        if language == "zh":
            runs = LATIN_RUN.findall(ALLOWED_LATIN.sub(" ", rest))
        else:
            for word in ALLOWED_HAN:
                rest = rest.replace(word, " ")
            runs = HAN_RUN.findall(rest)
        if runs:
            bad.append(f"{where}: {text!r} ({' '.join(runs)})")
    return bad
