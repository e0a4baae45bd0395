"""English UI through Qt's translation files: the .qm is current with the .ts, and windows come up in English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from layouts.display import ComposedPage
from widgets.i18n import I18N_DIR, TsTranslator, load_translator, save_language, saved_language
from widgets.main_window import MainWindow

TS = I18N_DIR / "banmian_en.ts"


class OnePage:
    title = "石景山报"

    def page_labels(self) -> list[str]:
        return ["第1版 要闻"]

    def composed_page(self, index: int) -> ComposedPage:
        return ComposedPage(1, 500.0, 700.0)


@pytest.fixture
def english(qapp):
    translator = load_translator("en")
    assert translator is not None and not translator.isEmpty()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_the_compiled_qm_holds_every_translation_of_the_ts(english) -> None:
    table = TsTranslator(TS).table
    assert len(table) > 100
    for (context, source), text in table.items():
        assert english.translate(context, source) == text, (context, source)


def test_a_window_comes_up_in_english(english, qtbot) -> None:
    win = MainWindow(OnePage())
    qtbot.addWidget(win)
    assert [a.text() for a in win.menuBar().actions()] == ["&File", "&View"]
    assert win.pages_dock.windowTitle() == "Pages"
    assert QCoreApplication.translate("PageItem", "超{n}字").format(n=3) == "3 over"


def test_chinese_needs_no_translator_and_the_ts_alone_works(qapp, tmp_path: Path) -> None:
    assert load_translator("zh") is None
    shutil.copy(TS, tmp_path / TS.name)  # a checkout without the compiled .qm
    only_ts = load_translator("en", tmp_path)
    assert isinstance(only_ts, TsTranslator)
    assert only_ts.translate("EditorMenus", "撤销") == "Undo"
    assert only_ts.translate("EditorMenus", "没有这句") is None  # not found: Qt asks on
    qapp.installTranslator(only_ts)
    try:  # a string it lacks stays as written, however many translators are installed
        assert QCoreApplication.translate("EditorMenus", "没有这句") == "没有这句"
    finally:
        qapp.removeTranslator(only_ts)


def test_the_language_setting(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert saved_language(settings) == "zh"
    save_language(settings, "en")
    assert saved_language(settings) == "en"
    with pytest.raises(ValueError):
        save_language(settings, "fr")


def test_every_ui_string_has_its_english() -> None:
    """English is a whole UI, not a partial one: tools/update_translations.py brings new
    strings in as unfinished, and they are translated before they land."""
    import xml.etree.ElementTree as ET

    unfinished = [
        message.findtext("source")
        for message in ET.parse(TS).getroot().iter("message")
        if (node := message.find("translation")) is None
        or node.get("type") in ("unfinished", "vanished")
        or not node.text
    ]
    assert unfinished == []
