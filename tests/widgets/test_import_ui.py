"""Importing into the 稿库 (pytest-qt, offscreen): files dropped on the bin or chosen from 文件 → 导入稿件…, the report, hostile files, undo and redo."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from app.compose.issue import IssueComposer
from app.store import Library
from tests.widgets.window_helpers import shown_window
from widgets.article_bin import article_mime, dropped_files
from widgets.editor_window import EditorWindow

BODY = "本报讯（记者段鹏泽）近日，区交通支队联合区政府在鲁谷街道开展重点工程建设宣传活动。"


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path) -> EditorWindow:
    return shown_window(qtbot, library, composer, tmp_path)


def files_mime(*paths: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def drop_on(widget: QWidget, data: QMimeData) -> bool:
    """A drag entering the widget, moving and dropping there, as Qt delivers it."""
    pos = QPoint(20, 20)
    args = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(pos, *args)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDragMoveEvent(pos, *args))
    event = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def state(library: Library) -> tuple[list[tuple], list[tuple], list[tuple]]:
    def rows(sql: str) -> list[tuple]:
        return [tuple(r) for r in library.db.execute(sql)]

    return (
        rows("SELECT * FROM articles ORDER BY id"),
        rows("SELECT id FROM assets ORDER BY id"),
        rows("SELECT * FROM article_pictures ORDER BY article_id, position"),
    )


def shown(win: EditorWindow) -> dict[str, str]:
    """Headline → 字数 column, as the bin lists them."""
    tree = win.bin.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return {item.text(0): item.text(1) for item in items}


def jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def word_file(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("交通宣传进街巷", style="Title")
    d.add_paragraph(BODY)
    d.add_picture(io.BytesIO(jpeg((200, 30, 30))), width=Cm(6))
    d.add_paragraph("图为活动现场。记者 段鹏泽 摄", style="Caption")
    d.save(str(path))
    return path


def text_file(path: Path, headline: str, body: str = BODY) -> Path:
    path.write_text(f"{headline}\n\n{body}\n", "utf-8")
    return path


def test_drop_a_text_and_a_word_file_on_the_bin(window: EditorWindow, tmp_path: Path) -> None:
    library = window.editor.library
    before, bin_before = state(library), window.bin.ids()
    known = {a.id for a in library.articles(window.editor.doc.issue.id)}  # type: ignore[arg-type]
    txt = text_file(tmp_path / "街巷.txt", "街巷整治")
    word = word_file(tmp_path / "交通.docx")
    assert drop_on(window.bin.tree.viewport(), files_mime(txt, word))
    added = [a for a in library.articles(window.editor.doc.issue.id) if a.id not in known]  # type: ignore[arg-type]
    headlines = {a.headline: a for a in added}
    assert set(headlines) == {"街巷整治", "交通宣传进街巷"}
    listed = shown(window)
    for headline, article in headlines.items():
        assert listed[headline] == str(article.char_count) and article.char_count > 0
    (picture,) = library.article_pictures(headlines["交通宣传进街巷"].id)  # type: ignore[arg-type]
    assert picture.caption == "图为活动现场。记者 段鹏泽 摄"
    status = window.statusBar().currentMessage()
    assert "已导入2个文件" in status and "1图" in status
    assert window.actions.undo.isEnabled() and "导入稿件" in window.actions.undo.text()

    window.undo()
    assert state(library) == before and window.bin.ids() == bin_before
    window.redo()
    assert {a.headline for a in library.articles(window.editor.doc.issue.id)} >= set(headlines)
    assert library.article_pictures(headlines["交通宣传进街巷"].id) == [picture]  # type: ignore[arg-type]
    assert set(shown(window)) >= set(headlines)


def test_a_corrupt_picture_shows_its_reason_and_changes_nothing(
    window: EditorWindow, tmp_path: Path
) -> None:
    library = window.editor.library
    broken = tmp_path / "坏图.jpg"
    broken.write_bytes(jpeg((1, 2, 3))[:400])
    story = text_file(tmp_path / "稿.txt", "街巷整治")
    before, bin_before = state(library), window.bin.ids()
    depth = window.editor.session.depth()
    assert drop_on(window.bin, files_mime(story, broken))  # on the bin's filter area, too
    message = window.statusBar().currentMessage()
    assert "坏图.jpg" in message and "\n" not in message
    report = window.import_report
    assert report.isVisible() and not report.isModal() and report.lines() == [message]
    assert state(library) == before and window.bin.ids() == bin_before
    assert window.editor.session.depth() == depth
    assert window.isVisible()


def test_the_menu_imports_several_files_and_a_picture_joins_the_chosen_story(
    window: EditorWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = window.editor.library
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, "稿件和图片"))
    chosen[:] = [str(text_file(tmp_path / "一.txt", "街巷整治"))]
    window.actions.import_stories.trigger()
    story = next(
        a for a in library.articles(window.editor.doc.issue.id) if a.headline == "街巷整治"
    )
    row = window.bin.ids().index(story.id)  # type: ignore[arg-type]
    window.bin.tree.topLevelItem(row).setSelected(True)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(jpeg((30, 160, 30)))
    chosen[:] = [str(photo)]
    window.actions.import_stories.trigger()
    (picture,) = library.article_pictures(story.id)  # type: ignore[arg-type]
    assert library.asset(picture.asset_id).data == photo.read_bytes()
    assert "→ 《街巷整治》" in window.statusBar().currentMessage()
    window.undo()
    assert library.article_pictures(story.id) == []  # type: ignore[arg-type]
    assert not library.has_asset(picture.asset_id) and library.article(story.id)  # type: ignore[arg-type]
    chosen[:] = []  # cancelled: nothing happens
    assert window.editor.session.depth()[0] == 1
    window.actions.import_stories.trigger()
    assert window.editor.session.depth()[0] == 1


def test_offered_full_width_marks_are_made_from_the_report(
    window: EditorWindow, tmp_path: Path
) -> None:
    body = "本报讯（记者段鹏泽）近日,区交通支队联合区政府开展宣传活动,群众纷纷点赞。"
    assert drop_on(
        window.bin.tree.viewport(), files_mime(text_file(tmp_path / "半角.txt", "主题", body))
    )
    report = window.import_report
    assert report.isVisible() and report.fullwidth_button is not None
    assert any("可改为全角" in line for line in report.lines())  # one language only
    story = next(a for a in window.editor.doc.articles.values() if a.slug == "半角")
    report.fullwidth_button.click()
    fixed = window.editor.article(story.id)  # type: ignore[arg-type]
    assert "," not in fixed.paragraphs[0] and "近日，区交通" in fixed.paragraphs[0]
    assert not report.fullwidth_button.isEnabled()
    window.undo()  # the marks, then the import: two steps
    assert window.editor.article(story.id).paragraphs == story.paragraphs  # type: ignore[arg-type]


def test_the_bin_takes_local_files_only() -> None:
    data = QMimeData()
    data.setUrls([QUrl("https://example.cn/稿.docx"), QUrl.fromLocalFile("/tmp/稿.docx")])
    assert dropped_files(data) == ["/tmp/稿.docx"]
    assert dropped_files(article_mime(5)) == []
