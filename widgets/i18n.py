"""UI language: takes the chosen language ("zh" or "en"), gives an installed Qt translator from assets/i18n.

The UI is written in Chinese; English comes from banmian_en.qm (compiled with pyside6-lrelease
from banmian_en.ts). Without the .qm the .ts is read directly, so a checkout without the Qt
tools still switches language.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "assets" / "i18n"
LANGUAGES = {"zh": "中文", "en": "English"}
SETTING = "ui/language"


class TsTranslator(QTranslator):
    """Translations read from a Qt Linguist .ts file: (context, source) → translation."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.table: dict[tuple[str, str], str] = {}
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source", "")
                node = message.find("translation")
                if node is not None and node.text and node.get("type") != "unfinished":
                    self.table[(name, source)] = node.text

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self.table.get((context, source), "")

    def isEmpty(self) -> bool:
        return not self.table


def saved_language(settings: QSettings) -> str:
    value = str(settings.value(SETTING, "zh"))
    return value if value in LANGUAGES else "zh"


def save_language(settings: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown UI language {language!r}")
    settings.setValue(SETTING, language)


def load_translator(language: str, folder: Path = I18N_DIR) -> QTranslator | None:
    """The translator for `language` (None for Chinese, the source language)."""
    if language == "zh":
        return None
    qm = folder / f"banmian_{language}.qm"
    translator = QTranslator()
    if qm.exists() and translator.load(str(qm)):
        return translator
    ts = folder / f"banmian_{language}.ts"
    return TsTranslator(ts) if ts.exists() else None


def install_language(language: str, folder: Path = I18N_DIR) -> QTranslator | None:
    """Install the language's translator on the running application; returns it (keep it)."""
    translator = load_translator(language, folder)
    app = QCoreApplication.instance()
    if translator is not None and app is not None:
        app.installTranslator(translator)
    return translator
