"""UI language: takes the chosen language ("zh" or "en"), gives installed Qt translators (ours from assets/i18n, Qt's own from PySide6) and the one-language half of the core's bilingual messages.

The UI is written in Chinese; English comes from banmian_en.qm (compiled with pyside6-lrelease
from banmian_en.ts). Without the .qm the .ts is read directly, so a checkout without the Qt
tools still switches language. Qt's own dialogs (file dialogs, Yes/No, Cancel) are English in
the source: for Chinese, Qt's qtbase_zh_CN.qm from PySide6's translations folder is installed.

The app core (app/) speaks to the command line in both languages at once, "中文 / English";
the window shows one: `one_language` is the single place that splits such a message.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "assets" / "i18n"
LANGUAGES = {"zh": "中文", "en": "English"}
SETTING = "ui/language"
QT_CATALOGUES = {"zh": ("qtbase_zh_CN",)}  # Qt's own strings, for languages other than English
# What qtbase_zh_CN.qm leaves in English (the file dialog's "&Look in:", its "Folder" type…).
QT_EXTRA = {"zh": I18N_DIR / "qt_extra_zh_CN.ts"}
LOCALES = {"zh": QLocale(QLocale.Language.Chinese, QLocale.Country.China)}

_installed: list[QTranslator] = []  # what install_language put on the application, kept alive
_language = "zh"


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
    ) -> str | None:
        # None, not "": Qt takes an empty string for a translation and asks no other translator
        return self.table.get((context, source))

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


def qt_translators(language: str) -> list[QTranslator]:
    """Qt's own translations for `language` (its dialogs' buttons and labels), and ours of
    what they leave out; none for English."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    found: list[QTranslator] = []
    for name in QT_CATALOGUES.get(language, ()):
        translator = QTranslator()
        if translator.load(name, folder):
            found.append(translator)
    extra = QT_EXTRA.get(language)
    if extra is not None and extra.exists():
        found.append(TsTranslator(extra))
    return found


def install_language(language: str, folder: Path = I18N_DIR) -> list[QTranslator]:
    """Make `language` the UI language of the running application: the translators of the
    previous one come off, ours and Qt's own go on. Widgets made afterwards speak it; returns
    the translators (also kept here)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown UI language {language!r}")
    uninstall_language()
    app = QCoreApplication.instance()
    ours = load_translator(language, folder)
    _installed.extend(([ours] if ours is not None else []) + qt_translators(language))
    if app is not None:
        for translator in _installed:
            app.installTranslator(translator)
    # Qt names file types and formats dates by the default locale (a file dialog's "PDF 文档")
    QLocale.setDefault(LOCALES.get(language, QLocale.system()))
    _language = language
    return list(_installed)


def uninstall_language() -> None:
    """Take every translator install_language put on the application off again (the source
    strings, Chinese, and Qt's English remain)."""
    global _language
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale.system())
    _language = "zh"


def current_language() -> str:
    """The language install_language last installed ("zh" until then)."""
    return _language


# -- the core's bilingual messages ------------------------------------------------------------

_SEPARATOR = " / "  # the core's convention: "中文 / English" (app/store/errors.py)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# English prose ("file is", "use 初审 …") as against a file name, a path or a headline's "5G"
_ASCII_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}|^[a-z]+\s")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "(database disk image is malformed)"


def split_bilingual(message: str) -> tuple[str, str]:
    """(Chinese, English) of a core message "中文 / English: detail"; a message in one
    language only is both. The detail the core writes once, after the English (a file, a
    headline: "标题过长 / headline too wide: 石景山区…"), is given to the Chinese too when the
    Chinese has no detail of its own; the machine's own wording in brackets is left out of
    the Chinese (an SQLite or Pillow message is English)."""
    zh, separator, en = message.partition(_SEPARATOR)
    if not separator or not _HAN.search(zh):
        return message, message
    zh, en = zh.strip(), en.strip()
    if "：" not in zh and ": " in en:
        detail = _TRAILING_NOTE.sub("", en.rsplit(": ", 1)[1]).strip()
        if detail and not _ASCII_WORDS.search(detail):
            zh = f"{zh}：{detail}"
    return zh, en


def one_language(message: str) -> str:
    """The UI language's half of a core message (the whole message if it is not bilingual)."""
    zh, en = split_bilingual(message)
    return en if current_language() == "en" else zh
