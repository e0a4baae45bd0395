"""CFF→TrueType conversion: outlines, metrics, the cache, atomic writes, ReportLab embedding."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from layouts.fonts import cache as fontcache
from layouts.fonts import jobs
from layouts.fonts.cache import ConversionResult, cache_path, cached_truetype, prune_cache
from layouts.fonts.charsets import charset_hash, default_charset, gb2312_chars
from layouts.fonts.convert import ConversionError, convert_face
from layouts.fonts.jobs import ConversionCancelled, cached_truetype_many, request
from layouts.fonts.metrics import Face, metrics_cache_path

FONTS = Path(__file__).resolve().parent.parent / "fonts"
# The shipped CFF test font (a subset of Noto Serif CJK SC, CFF outlines kept; tests/fonts/).
SERIF = str(FONTS / "BanmianTestSerifSC-CFF.otf")
SC = 0  # its only face
TRUETYPE = str(FONTS / "BanmianTestSerifSC-Regular.ttf")


def _charset() -> set[str]:
    return set("本报讯记者近日区交通支队联合政府国") | set(
        "，。、；：？！“”‘’（）《》——……·ABCabc0123 "
    )


@pytest.fixture(scope="session")
def conversion(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, ConversionResult, set[str]]:
    """One small conversion shared by the tests (the full GB 2312 set is measured, not tested)."""
    cache = str(tmp_path_factory.mktemp("fontcache"))
    chars = _charset()
    return cache, cached_truetype(SERIF, SC, cache, chars), chars


@pytest.fixture(scope="session")
def fonts(conversion) -> tuple[TTFont, TTFont]:
    _, result, _ = conversion
    return TTFont(SERIF, fontNumber=SC, lazy=True), TTFont(result.path)


def test_truetype_tables(conversion, fonts) -> None:
    _, result, _ = conversion
    _, out = fonts
    assert not result.cached and result.converted == result.glyphs > 0
    assert "glyf" in out and "loca" in out
    assert "CFF " not in out and "CFF2" not in out and "VORG" not in out
    assert out.sfntVersion == "\x00\x01\x00\x00"
    assert out["maxp"].tableVersion == 0x00010000
    assert out["post"].formatType == 2.0
    assert out["head"].glyphDataFormat == 0
    assert out["maxp"].numGlyphs == len(out.getGlyphOrder()) == result.glyphs


def test_every_character_kept_with_identical_advances(conversion, fonts) -> None:
    _, _, chars = conversion
    src, out = fonts
    src_cmap, out_cmap = src.getBestCmap(), out.getBestCmap()
    wanted = {ord(c) for c in chars} & src_cmap.keys()
    assert wanted and wanted <= out_cmap.keys()
    for cp in sorted(wanted):
        s, o = src_cmap[cp], out_cmap[cp]
        assert out["hmtx"][o][0] == src["hmtx"][s][0], chr(cp)
        assert out["vmtx"][o][0] == src["vmtx"][s][0], chr(cp)


def test_outlines_match_source_within_tolerance(fonts) -> None:
    src, out = fonts
    src_set, out_set = src.getGlyphSet(), out.getGlyphSet()
    glyf = out["glyf"]
    for name in out.getGlyphOrder():
        pen = BoundsPen(src_set)
        src_set[name].draw(pen)
        g = glyf[name]
        if pen.bounds is None:
            assert g.numberOfContours == 0, name
            continue
        g.recalcBounds(glyf)
        quad = BoundsPen(out_set)
        out_set[name].draw(quad)
        # The curves stay within cu2qu's max error (1 unit) plus rounding to integer points.
        assert all(abs(a - b) <= 2 for a, b in zip(quad.bounds, pen.bounds, strict=True)), name
        # Side bearing follows the new outline; vertical origin (VORG) is kept exactly.
        assert out["hmtx"][name][1] == g.xMin
        vorg = src["VORG"]
        origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
        assert out["vmtx"][name][1] + g.yMax == origin
    # A contour direction error would show as an inverted or empty fill: compare areas' sign.
    from fontTools.pens.areaPen import AreaPen

    for ch in "国。A":
        a, b = AreaPen(src_set), AreaPen(out_set)
        src_set[src.getBestCmap()[ord(ch)]].draw(a)
        out_set[out.getBestCmap()[ord(ch)]].draw(b)
        assert a.value != 0 and b.value == pytest.approx(-a.value, rel=0.02), ch


def test_font_bounds_recalculated(fonts) -> None:
    _, out = fonts
    glyf = out["glyf"]
    boxes = []
    for name in out.getGlyphOrder():
        g = glyf[name]
        if g.numberOfContours:
            g.recalcBounds(glyf)
            boxes.append((g.xMin, g.yMin, g.xMax, g.yMax))
    head = out["head"]
    assert (head.xMin, head.yMin, head.xMax, head.yMax) == (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    assert out["hhea"].xMaxExtent == max(b[2] for b in boxes)
    assert out["maxp"].maxContours == max(glyf[n].numberOfContours for n in out.getGlyphOrder())


def test_reportlab_embeds_it(conversion, tmp_path: Path) -> None:
    pypdfium2 = pytest.importorskip("pypdfium2")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    _, result, _ = conversion
    pdfmetrics.registerFont(RLTTFont("ConvertedSerif", result.path))
    text = "本报讯（记者）近日，ABC 123。"
    pdf = tmp_path / "t.pdf"
    c = canvas.Canvas(str(pdf), initialFontName="ConvertedSerif")
    c.setFont("ConvertedSerif", 12)
    c.drawString(72, 720, text)
    c.save()
    doc = pypdfium2.PdfDocument(str(pdf))
    assert doc[0].get_textpage().get_text_range().strip() == text


def test_cache_hit_does_not_reconvert(conversion, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, first, chars = conversion
    mtime = os.stat(first.path).st_mtime_ns

    def boom(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(fontcache, "convert_face", boom)
    again = cached_truetype(SERIF, SC, cache, set(chars))
    assert again.cached and again.path == first.path and again.converted == 0
    assert os.stat(first.path).st_mtime_ns == mtime
    # A smaller request is served by the same file too.
    part = cached_truetype(SERIF, SC, cache, set(list(sorted(chars))[:50]))
    assert part.cached and part.path == first.path
    assert not list(Path(cache).glob("*.tmp"))


def test_growing_reuses_converted_glyphs(conversion, tmp_path: Path) -> None:
    _, first, chars = conversion
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / Path(first.path).name).write_bytes(Path(first.path).read_bytes())
    new = set("堃喆镕")
    assert not new & chars
    grown = cached_truetype(SERIF, SC, str(cache), chars | new)
    assert not grown.cached and Path(grown.path).name != Path(first.path).name
    assert grown.reused == first.glyphs and grown.converted == grown.glyphs - first.glyphs >= 3
    assert {ord(c) for c in new} <= TTFont(grown.path).getBestCmap().keys()
    # prune_cache drops the file the grown one covers entirely (with its metrics cache file),
    # and crash leftovers.
    old = str(cache / Path(first.path).name)
    metrics = [metrics_cache_path(p, 0, str(cache)) for p in (old, grown.path)]
    for path in (old, grown.path):
        Face("song", path, 0, str(cache)).has("中")  # writes its metrics file
    assert all(os.path.exists(m) for m in metrics)
    stale = cache / ".convert-crashed.tmp"
    stale.write_bytes(b"half a font")
    os.utime(stale, (1, 1))
    removed = prune_cache(str(cache))
    assert sorted(Path(p).name for p in removed) == sorted(
        [Path(first.path).name, Path(metrics[0]).name, stale.name]
    )
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [Path(grown.path).name, Path(metrics[1]).name]
    )


def test_key_follows_source_and_charset(tmp_path: Path) -> None:
    a = cache_path(SERIF, SC, str(tmp_path), "中文")
    assert a == cache_path(SERIF, SC, str(tmp_path), "文中")  # order does not matter
    assert a != cache_path(SERIF, SC, str(tmp_path), "中文字")
    assert a != cache_path(SERIF, 3, str(tmp_path), "中文")
    copy = tmp_path / "copy.ttc"
    os.symlink(SERIF, copy)
    assert a != cache_path(str(copy), SC, str(tmp_path), "中文")


def test_crash_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self, file, *args, **kwargs):
        file.write(b"\x00\x01\x00\x00 partial")
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(TTFont, "save", crash)
    target = cache_path(SERIF, SC, str(tmp_path), "中")
    with pytest.raises(KeyboardInterrupt):
        cached_truetype(SERIF, SC, str(tmp_path), "中")
    assert not os.path.exists(target)
    assert list(tmp_path.iterdir()) == []


def test_deterministic_output(tmp_path: Path) -> None:
    chars = set("新闻版面，。AB")
    convert_face(SERIF, SC, str(tmp_path / "a.ttf"), chars)
    convert_face(SERIF, SC, str(tmp_path / "b.ttf"), chars)
    assert (tmp_path / "a.ttf").read_bytes() == (tmp_path / "b.ttf").read_bytes()


def test_truetype_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConversionError, match="no CFF"):
        convert_face(TRUETYPE, 0, str(tmp_path / "x.ttf"), "中")


def test_many_in_child_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = set("报宋黑体，"), set("新闻版面。")
    requests = [request(SERIF, SC, a), request(SERIF, SC, b), request(SERIF, SC, a)]
    real = jobs.cached_truetype

    def not_here(*args, **kwargs):
        raise AssertionError("converted in the parent process")

    heard: list[tuple[int, int]] = []
    monkeypatch.setattr(jobs, "cached_truetype", not_here)
    first = cached_truetype_many(
        requests, str(tmp_path), workers=2, progress=lambda d, t: heard.append((d, t))
    )
    monkeypatch.setattr(jobs, "cached_truetype", real)
    assert [r.cached for r in first] == [False, False, False]  # duplicates converted once
    assert first[0] == first[2] and first[0].path != first[1].path
    assert heard[-1] == (2, 2) and all(t == 2 for _, t in heard)  # two conversions, both heard
    for r, chars in zip(first, (a, b, a), strict=True):
        font = TTFont(r.path)
        assert "glyf" in font and {ord(c) for c in chars} <= font.getBestCmap().keys()
    again = cached_truetype_many(requests, str(tmp_path), workers=2)
    assert all(r.cached and r.converted == 0 for r in again)
    assert [r.path for r in again] == [r.path for r in first]


def test_cancel_ends_the_children_and_leaves_nothing(tmp_path: Path) -> None:
    chars = {chr(u) for u in TTFont(SERIF).getBestCmap()}  # every character: a long conversion
    assert len(chars) > 400
    requests = [request(SERIF, SC, chars), request(SERIF, SC, set(sorted(chars)[:100]))]
    with pytest.raises(ConversionCancelled):
        cached_truetype_many(requests, str(tmp_path), workers=2, progress=lambda d, t: False)
    assert list(tmp_path.iterdir()) == []  # no converted file and no temporary one


def test_shares_balance_the_workers() -> None:
    big = request(SERIF, SC, {chr(0x4E00 + i) for i in range(2000)})
    small = [request(SERIF, SC, {chr(0x4E00 + i)}) for i in range(3)]
    shares = jobs._shares([*small, big], 2)
    assert shares[0] == [big] and sorted(map(len, shares)) == [1, 3]
    assert jobs._shares([big], 4) == [[big]]  # no idle children


def test_default_charset_contents() -> None:
    gb = gb2312_chars()
    assert len(gb) == 7445  # 682 symbols + 6,763 hanzi
    assert sum(1 for c in gb if "\u4e00" <= c <= "\u9fff") == 6763
    cs = default_charset()
    assert gb <= cs
    assert set("—…“”‘’《》〈〉【】（），。、；：？！ABCxyz09 ①￥") <= cs


def test_gb2312_read_by_rows_equals_code_by_code() -> None:
    one_by_one = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                one_by_one.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    assert gb2312_chars() == one_by_one


def test_charset_hash_is_remembered_not_changed() -> None:
    chars = frozenset("本报讯记者ABC")
    first = charset_hash(chars)
    assert charset_hash(chars) == first
    assert charset_hash(set(chars)) == first  # a plain set, not remembered
    assert charset_hash(list("讯记者ABC本报")) == first
    assert charset_hash(chars | {"x"}) != first


def testglyph_count_read_from_the_table_directory(conversion) -> None:
    _, result, _ = conversion
    assert fontcache.glyph_count(result.path) == TTFont(result.path)["maxp"].numGlyphs
    assert result.glyphs == fontcache.glyph_count(result.path)
