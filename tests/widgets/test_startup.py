"""Start-up of the window: a dialog when no Chinese font is installed; PDF fonts prepared in the background once the window is up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.edit.editor import open_editor
from app.export.embed import embeddable
from layouts.fonts import cache as fontcache
from layouts.fonts import embed, jobs
from layouts.fonts import registry as registry_module
from layouts.fonts.embed import is_cff
from tests.sample_helpers import sample_library
from widgets import startup
from widgets.editor_window import EditorWindow
from widgets.startup import FontWarmup, run_editor


def settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def test_no_chinese_font_shows_a_dialog_saying_what_to_install(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE_DIR", str(tmp_path / "cache"))
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(registry_module, "default_font_dirs", lambda: [str(empty)])
    shown: list[tuple] = []
    monkeypatch.setattr(startup.QMessageBox, "critical", lambda *args: shown.append(args))
    with sample_library(tmp_path) as lib:
        assert run_editor(lib, settings(tmp_path)) == 2  # no event loop: nothing to show
    assert len(shown) == 1
    assert "缺少中文字体" in shown[0][2] and "fonts-noto-cjk" in shown[0][2]


def test_pdf_fonts_are_prepared_in_the_background(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE_DIR", str(tmp_path / "cache"))
    embed._SERVED.clear()
    with sample_library(tmp_path) as lib:
        window = EditorWindow(open_editor(lib), settings(tmp_path))
        qtbot.addWidget(window)
        pages = window.editor.pages()
        if not any(is_cff(f.path, f.index) for f in pages[0].fonts):
            pytest.skip("no CFF face installed (fonts-noto-cjk): nothing to prepare")
        warmup = FontWarmup(window, delay_ms=0)
        qtbot.waitUntil(lambda: warmup.thread is not None, timeout=5000)
        warmup.thread.join(timeout=300)
        # The export now finds every face ready: nothing is converted while the user waits.
        monkeypatch.setattr(fontcache, "convert_face", no_wait)
        monkeypatch.setattr(jobs, "_spawn", no_wait)
        embed._SERVED.clear()  # from the cache folder, not from this process's memory
        ready = embeddable(pages)
        for page in ready:
            for run in page.glyph_runs():
                font = page.font(run.font)
                assert not is_cff(font.path, font.index), (page.number, run.font)


def no_wait(*args, **kwargs):
    raise AssertionError("the export had to convert a font")


def test_warmup_stops_with_the_application(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE_DIR", str(tmp_path / "cache"))
    with sample_library(tmp_path) as lib:
        window = EditorWindow(open_editor(lib), settings(tmp_path))
        qtbot.addWidget(window)
        warmup = FontWarmup(window, delay_ms=60_000)
        warmup.stop()  # the application quits before the warm-up began
        warmup.start()
        assert warmup.thread is None
