"""Fonts for embedding: CFF faces of composed pages swapped for TrueType conversions of exactly the characters drawn, cached by character set and grown when a later document needs more."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from layouts.display import ComposedPage, FontSource, GlyphRun
from layouts.fonts import cache as fontcache
from layouts.fonts import embed
from layouts.fonts.embed import drawn_chars, embeddable_pages, is_cff

FONTS = Path(__file__).resolve().parent.parent / "fonts"
CFF = str(FONTS / "BanmianTestSerifSC-CFF.otf")
TRUETYPE = str(FONTS / "BanmianTestSerifSC-Regular.ttf")
NOTO = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


@pytest.fixture(autouse=True)
def _fresh_process_memory() -> None:
    """Each test starts like a new process: nothing remembered about earlier conversions."""
    embed._SERVED.clear()


def page(number: int, *runs: tuple[str, str]) -> ComposedPage:
    fonts = (FontSource("song", CFF, 0, "CFF"), FontSource("kai", TRUETYPE, 0, "TT"))
    items = tuple(
        GlyphRun(
            f"frame-{i}", key, 9.0, 20.0 + 12 * i, text, tuple(9.0 * k for k in range(len(text)))
        )
        for i, (key, text) in enumerate(runs)
    )
    return ComposedPage(number, 400.0, 600.0, items, fonts=fonts)


def cmap_chars(path: str) -> set[str]:
    return {chr(u) for u in TTFont(path).getBestCmap()}


def test_is_cff_reads_the_face_header() -> None:
    assert is_cff(CFF) and not is_cff(TRUETYPE)
    assert not is_cff(str(FONTS / "no-such-font.otf"))  # unreadable: the renderer reports it
    if os.path.exists(NOTO):  # a collection: the face's own table directory decides
        assert is_cff(NOTO, 2)


def test_only_cff_faces_are_collected_with_what_they_draw() -> None:
    pages = [page(1, ("song", "本报讯\u00a0"), ("kai", "楷体")), page(2, ("song", "记者，"))]
    assert drawn_chars(pages) == {(CFF, 0): set("本报讯\u00a0记者，") | {" "}}  # NBSP: space


def test_pages_without_cff_faces_come_back_unchanged(tmp_path: Path) -> None:
    pages = [dataclasses.replace(p, fonts=p.fonts[1:]) for p in [page(1, ("kai", "楷体"))]]
    assert embeddable_pages(pages, str(tmp_path)) is pages
    assert list(tmp_path.iterdir()) == []


def test_cff_face_swapped_for_a_conversion_of_the_drawn_characters(tmp_path: Path) -> None:
    pages = [page(1, ("song", "本报讯记者"), ("kai", "楷体")), page(2, ("song", "近日，ABC"))]
    out = embeddable_pages(pages, str(tmp_path))
    song = [p.font("song") for p in out]
    assert song[0] == song[1] and song[0].index == 0 and song[0].path.startswith(str(tmp_path))
    assert [p.font("kai") for p in out] == [p.font("kai") for p in pages]  # TrueType: kept
    font = TTFont(song[0].path)
    assert "glyf" in font and "CFF " not in font
    assert set("本报讯记者近日，ABC") <= cmap_chars(song[0].path) <= set("本报讯记者近日，ABC")
    # Nothing else changes: the items are the very same objects.
    assert [p.items for p in out] == [p.items for p in pages]


def test_fewer_characters_need_no_new_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = embeddable_pages([page(1, ("song", "本报讯记者近日"))], str(tmp_path))

    def boom(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(fontcache, "convert_face", boom)
    one_page = embeddable_pages([page(2, ("song", "记者"))], str(tmp_path))  # this process
    assert one_page[0].font("song") == first[0].font("song")
    embed._SERVED.clear()  # a new process: the cache folder answers (a link to the same file)
    again = embeddable_pages([page(2, ("song", "记者"))], str(tmp_path))
    assert os.path.samefile(again[0].font("song").path, first[0].font("song").path)


def test_a_later_document_with_more_characters_grows_the_cache(tmp_path: Path) -> None:
    first = embeddable_pages([page(1, ("song", "本报讯记者"))], str(tmp_path))
    embed._SERVED.clear()  # the next issue, in a later process
    later = embeddable_pages([page(1, ("song", "本报讯国堃喆"))], str(tmp_path))
    old, new = first[0].font("song").path, later[0].font("song").path
    assert old != new
    # The grown file serves both documents: the new characters and the ones converted before.
    assert set("本报讯记者国堃喆") <= cmap_chars(new)
    assert set("国堃喆").isdisjoint(cmap_chars(old))
