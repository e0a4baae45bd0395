"""Small things that add up (issue 14 point 10), driven in the window (pytest-qt, offscreen): file dialogs open where the desk was last — beside the library the first time, never the program's folder — also after a restart; the print export suggests a name of its own; a blank page's thumbnail is seen; a headline too wide for its frame ends at the frame's edge and is reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QFileDialog, QLineEdit

from app.compose.issue import IssueComposer
from app.edit.editor import IssueEditor
from app.edit.issues import create_next_issue
from app.model.document import IssueDoc
from app.preflight.run import ERROR
from app.sample.issue import SAMPLE_ISSUE
from app.store import Library
from layouts.display import GlyphRun, frame_owner
from tests.sample_helpers import sample_library
from tests.widgets.user_input import Modals, type_chinese
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    (tmp_path / "desk").mkdir()
    with sample_library(tmp_path / "desk", "lib.banmian") as lib:
        yield lib


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, settings: QSettings) -> EditorWindow:
    return shown_window(qtbot, library, composer, settings)


def folder_of(dialog: QFileDialog) -> Path:
    return Path(dialog.directory().absolutePath())


def look_and_cancel(qtbot, seen: list[tuple[Path, str]]):
    """Note where the file dialog opened and the name it suggests, then 取消."""

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        seen.append((folder_of(dialog), name.text() if name is not None else ""))
        dialog.reject()

    return answer


def choose(qtbot, path: Path):
    """Go to the file's folder in the dialog, type its name (by input method), open it."""

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        dialog.setDirectory(str(path.parent))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_chinese(name, path.name)
        qtbot.keyClick(name, Qt.Key.Key_Return)

    return answer


def test_a_file_dialog_opens_where_the_desk_was_last_also_after_a_restart(
    qtbot,
    window: EditorWindow,
    library: Library,
    composer: IssueComposer,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    seen: list[tuple[Path, str]] = []
    asked = Modals(qtbot, look_and_cancel(qtbot, seen))
    window.actions.picture.trigger()  # 编辑 ▸ 置入图片…: first time, beside the library
    assert asked.done() and seen[-1][0] == library.path.parent
    photos = tmp_path / "今日图片"
    photos.mkdir()
    broken = photos / "现场.jpg"
    broken.write_bytes(b"not a picture")  # refused, but the folder was where the desk went
    asked = Modals(qtbot, choose(qtbot, broken))
    window.actions.picture.trigger()
    assert asked.done() and asked.failures == []
    for box in window.findChildren(QDialog, "failure"):
        box.close()
    asked = Modals(qtbot, look_and_cancel(qtbot, seen))
    window.actions.picture.trigger()  # the next picture: the same folder
    assert asked.done() and seen[-1][0] == photos
    asked = Modals(qtbot, look_and_cancel(qtbot, seen))
    window.actions.import_stories.trigger()  # 导入稿件…: stories come in beside the photos
    assert asked.done() and seen[-1][0] == photos
    window.close()
    again = shown_window(qtbot, library, composer, settings)  # the program started again
    asked = Modals(qtbot, look_and_cancel(qtbot, seen))
    again.actions.picture.trigger()
    assert asked.done() and seen[-1][0] == photos
    broken.unlink()
    photos.rmdir()  # the folder is gone: back beside the library, no error
    asked = Modals(qtbot, look_and_cancel(qtbot, seen))
    again.actions.picture.trigger()
    assert asked.done() and seen[-1][0] == library.path.parent


def test_the_print_export_suggests_a_name_of_its_own(
    qtbot, window: EditorWindow, tmp_path: Path
) -> None:
    seen: list[tuple[Path, str]] = []
    asked = Modals(qtbot, look_and_cancel(qtbot, seen))
    window.export_action.trigger()  # 文件 ▸ 导出PDF…
    assert asked.done()
    screen = seen[-1][1]
    assert screen.endswith("（总第1809期）.pdf") and "付印" not in screen

    def yes(box: QDialog) -> None:  # pages not signed off: export anyway
        box.button(box.StandardButton.Yes).click()  # type: ignore[attr-defined]

    asked = Modals(qtbot, yes, look_and_cancel(qtbot, seen))
    window.actions.proof.print_export.trigger()  # 校对 ▸ 付印导出…
    assert asked.done() and asked.failures == [], asked.seen
    printed = seen[-1][1]
    assert printed == screen.removesuffix(".pdf") + " 付印.pdf"


def test_a_blank_page_is_seen_in_the_thumbnails(
    qtbot, library: Library, composer: IssueComposer, settings: QSettings
) -> None:
    issue = create_next_issue(library, SAMPLE_ISSUE)
    page = library.pages(issue.id)[4]  # type: ignore[arg-type]
    assert library.frames(page.id) == []  # type: ignore[arg-type]
    window = EditorWindow(IssueEditor(library, IssueDoc.load(library, 1810), composer), settings)
    qtbot.addWidget(window)
    window.show()
    pages = window.pages
    first = pages.visualItemRect(pages.item(0))  # laid out before any page was painted
    assert first.height() > pages.iconSize().height(), "labels would slide under the pictures"
    sheet = pages.item(4).icon().cacheKey()  # the blank sheet shown until it is painted
    qtbot.waitUntil(lambda: pages.item(4).icon().cacheKey() != sheet, timeout=20000)
    image = window.pages.item(4).icon().pixmap(window.pages.iconSize()).toImage()
    white = QColor(255, 255, 255)
    edge = [image.pixelColor(0, y) for y in range(image.height())]
    assert all(c != white for c in edge[2:-2])  # the page's edge, drawn
    assert image.pixelColor(image.width() // 2, image.height() // 2) == white  # a blank page


def test_a_headline_too_wide_ends_at_its_frame_and_is_reported(window: EditorWindow) -> None:
    editor = window.editor
    frame = min(
        (f for fs in editor.doc.frames.values() for f in fs if f.kind == "article"),
        key=lambda f: f.w,
    )
    story = editor.article(frame.article_id)  # type: ignore[arg-type]
    long = "石景山区召开市民热线工作交流推进会暨接诉即办工作部署会"  # no place to break
    editor.edit_text(story.id, headline=long)  # type: ignore[arg-type]
    index = next(i for i, p in enumerate(editor.doc.pages) if p.id == frame.page_id)
    page = editor.composed_page(index)
    owner = frame_owner(frame.id)
    runs = [r for r in page.items if isinstance(r, GlyphRun) and r.owner == owner]
    assert runs and all(min(r.xs) >= frame.x - 0.01 for r in runs)
    assert all(r.xs[-1] + r.size <= frame.x + frame.w + 0.5 for r in runs)  # not past its edge
    (finding,) = [f for f in editor.preflight() if f.code == "headline_fit"]
    assert finding.severity == ERROR and "字排不下" in finding.message and long in finding.message
