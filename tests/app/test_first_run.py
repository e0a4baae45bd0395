"""A new machine's first run: opening an issue converts no font, and a missing Chinese font is one line saying what to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.cli.main import main as cli_main
from app.edit.editor import open_editor
from layouts.fonts import cache as fontcache
from layouts.fonts import jobs
from layouts.fonts import registry as registry_module
from layouts.fonts.registry import FontRegistry
from tests.sample_helpers import sample_library


def no_conversion(*args, **kwargs):
    raise AssertionError("a font was converted before the issue could be shown")


def test_opening_an_issue_on_an_empty_cache_converts_no_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("BANMIAN_CACHE_DIR", str(cache))
    if FontRegistry(cache_dir=str(tmp_path / "probe")).unresolved().get("song"):
        pytest.skip("needs a Chinese font (fonts-noto-cjk)")
    monkeypatch.setattr(fontcache, "convert_face", no_conversion)
    monkeypatch.setattr(jobs, "_spawn", no_conversion)
    with sample_library(tmp_path) as lib:
        editor = open_editor(lib)
        pages = editor.pages()
    assert len(pages) == 8 and all(p.glyph_runs() for p in pages)
    assert not list(cache.rglob("*.ttf"))  # the window can show at once
    # Faces are the installed files, CFF or not: Qt paints them, metrics come from them.
    assert {f.path for f in pages[0].fonts} <= {c.path for c in FontRegistry().report()}


def test_no_chinese_font_is_one_line_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE_DIR", str(tmp_path / "cache"))
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(
        registry_module, "default_font_dirs", lambda: [str(empty)]
    )  # a bare machine
    lib = tmp_path / "lib.banmian"
    assert cli_main(["sample", "--db", str(lib)]) == 0
    capsys.readouterr()
    out = tmp_path / "issue.pdf"
    assert cli_main(["export", "--db", str(lib), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "缺少中文字体" in err and "BANMIAN_FONT_DIRS" in err
    if sys.platform.startswith("linux"):
        assert "apt install fonts-noto-cjk" in err
    assert not out.exists()
