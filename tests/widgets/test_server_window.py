"""The window on a server library (pytest-qt, offscreen): it opens a PostgreSQL library, typing lands in the database, an edit another desk holds waits under the save bar and lands when it is let go, and the URL joins the recent libraries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings

from app.compose.issue import IssueComposer
from app.sample.issue import build_sample
from app.store import Library
from tests.widgets.test_save_bar import TYPED, start_typing
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow
from widgets.recent import RecentLibraries


@pytest.fixture
def library(pg_url: str) -> Iterator[Library]:
    with Library.create(pg_url, fill=build_sample) as lib:
        yield lib


@pytest.fixture
def window(qtbot, library: Library, composer: IssueComposer, tmp_path: Path, monkeypatch):
    monkeypatch.setattr("widgets.save_bar.SaveBar.ask_close", lambda self: "discard")
    return shown_window(qtbot, library, composer, tmp_path)


def on_server(url: str, article_id: int) -> str:
    with Library.open(url) as again:
        return again.article(article_id).paragraphs[-1]


def test_typing_on_a_server_library_lands_in_the_database(
    qtbot, window: EditorWindow, pg_url: str, tmp_path: Path
) -> None:
    story = start_typing(qtbot, window)
    qtbot.waitUntil(lambda: on_server(pg_url, story).endswith(TYPED), timeout=10_000)
    assert not window.save_bar.isVisible() and window.editor.session.unsaved == 0
    assert window.library_path() is None
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert RecentLibraries(settings).paths()[0] == pg_url


def test_a_story_another_desk_holds_waits_under_the_bar_then_lands(
    qtbot, window: EditorWindow, pg_url: str
) -> None:
    other = psycopg.connect(pg_url)  # another desk, in the middle of a change to every story
    other.execute("SELECT id FROM articles FOR UPDATE")
    try:
        story = start_typing(qtbot, window)
        bar = window.save_bar
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        assert "busy" in bar.label.text() and window.editor.session.unsaved >= 1
        assert not on_server(pg_url, story).endswith(TYPED)
        other.rollback()  # the other desk is done
        qtbot.waitUntil(lambda: not bar.isVisible(), timeout=10_000)
        assert on_server(pg_url, story).endswith(TYPED)
    finally:
        other.close()
