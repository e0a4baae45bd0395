"""付印 from the editor window (pytest-qt, offscreen): pages not signed off are named, and refused under the setting 签发后才能付印."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import QSettings

from app.compose.issue import IssueComposer
from tests.sample_helpers import sample_library
from tests.widgets.window_helpers import shown_window
from widgets.editor_window import EditorWindow
from widgets.proof_menu import REQUIRE_SIGNOFF_KEY, export_for_print, require_signoff


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(
    qtbot, tmp_path: Path, composer: IssueComposer, settings: QSettings
) -> Iterator[EditorWindow]:
    with sample_library(tmp_path, "lib.banmian") as lib:
        yield shown_window(qtbot, lib, composer, settings)


class Dialogs:
    """Stands in for the window's message boxes: records what they said, answers `yes`."""

    def __init__(self, window: EditorWindow, yes: bool) -> None:
        self.asked: list[str] = []
        self.told: list[str] = []
        self.yes = yes
        window.ask = self.ask  # type: ignore[method-assign]
        window.tell = self.tell  # type: ignore[method-assign]

    def ask(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.yes

    def tell(self, title: str, text: str) -> None:
        self.told.append(text)


def test_the_setting_refuses_unsigned_pages(window: EditorWindow, tmp_path: Path) -> None:
    dialogs = Dialogs(window, yes=True)
    assert not require_signoff(window) and not window.actions.proof.require_signoff.isChecked()
    window.actions.proof.require_signoff.trigger()  # 校对 ▸ 签发后才能付印
    assert window.settings.value(REQUIRE_SIGNOFF_KEY, type=bool) is True
    out = tmp_path / "print.pdf"
    assert export_for_print(window, str(out)) is False
    assert not out.exists() and dialogs.asked == []
    (told,) = dialogs.told
    pages = len(window.editor.doc.pages)
    assert told.count("版未签发") == pages and "签发后才能付印" in told
    assert "第1版未签发" in window.statusBar().currentMessage()
    # Straight to the export with the print preset: the editor refuses too, nothing written.
    assert window.export_pdf(str(out), preset="print") is False
    assert not out.exists() and "不能付印" in dialogs.told[-1]


def test_without_the_setting_the_editor_is_asked(window: EditorWindow, tmp_path: Path) -> None:
    dialogs = Dialogs(window, yes=False)
    out = tmp_path / "print.pdf"
    assert export_for_print(window, str(out)) is False  # the editor said no
    assert not out.exists() and len(dialogs.asked) == 1 and dialogs.told == []
    assert dialogs.asked[0].count("版未签发") == len(window.editor.doc.pages)
    dialogs.yes = True
    assert export_for_print(window, str(out)) is True
    with pikepdf.open(out) as pdf:  # the print preset: bleed round the trim box
        page = pdf.pages[0]
        assert float(page.BleedBox[2]) - float(page.BleedBox[0]) > float(page.TrimBox[2]) - float(
            page.TrimBox[0]
        )


def test_the_setting_is_remembered(qtbot, window: EditorWindow, settings: QSettings) -> None:
    window.actions.proof.require_signoff.setChecked(True)
    again = EditorWindow(window.editor, settings)
    qtbot.addWidget(again)
    assert again.actions.proof.require_signoff.isChecked()
