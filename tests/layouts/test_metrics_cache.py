"""The metrics cache of layouts.fonts.metrics.Face: same numbers as the font, rebuilt when stale or damaged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from layouts.fonts import metrics
from layouts.fonts.metrics import METRICS_SUFFIX, Face, metrics_cache_path

ROOT = Path(__file__).resolve().parents[2]
TEST_FONT = ROOT / "tests" / "fonts" / "BanmianTestSerifSC-Regular.ttf"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
# Han, Latin, digits, CJK and Latin punctuation, a space, and characters the font lacks
PROBE = "中国报纸，。、；：？！“”‘’（）《》——……·～ABCxyz019 .,;:!?()—" + "𠀀😀䴙\u200b"


@pytest.fixture(autouse=True)
def _fresh_process_memory() -> None:
    """Each test reads the cache files itself, not what an earlier test left in memory."""
    metrics._READ.clear()
    yield
    metrics._READ.clear()


def _font_copy(tmp_path: Path, name: str = "Test.ttf") -> Path:
    path = tmp_path / "fonts" / name
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(TEST_FONT, path)
    return path


def _numbers(face: Face) -> list:
    out: list = [face.units_per_em, face.family, face.ascent, face.descent, face.is_cff]
    for ch in PROBE:
        out.append((ch, face.has(ch), face.advance(ch), face.ink(ch)))
    return out


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{METRICS_SUFFIX}"))


def test_cached_face_measures_like_the_font(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plain = _numbers(Face("song", str(TEST_FONT)))
    first = Face("song", str(TEST_FONT), 0, str(cache))
    assert _numbers(first) == plain  # built from the font
    assert len(_cache_files(cache)) == 1
    metrics._READ.clear()
    second = Face("song", str(TEST_FONT), 0, str(cache))
    assert _numbers(second) == plain  # read from the file
    assert second._font is None, "a cache hit must not parse the font"


def test_ink_matches_fonttools_bounds(tmp_path: Path) -> None:
    """The stored ink is fontTools' BoundsPen box in em, for marks measured ahead and others."""
    Face("song", str(TEST_FONT), 0, str(tmp_path)).advance("中")  # builds the file
    metrics._READ.clear()
    face = Face("song", str(TEST_FONT), 0, str(tmp_path))
    font = TTFont(str(TEST_FONT))
    cmap, glyphs, upm = font.getBestCmap(), font.getGlyphSet(), font["head"].unitsPerEm
    for ch in "。，“（—～中A":
        pen = BoundsPen(glyphs)
        glyphs[cmap[ord(ch)]].draw(pen)
        assert face.ink(ch) == tuple(v / upm for v in pen.bounds), ch
    assert face.ink(" ") is None  # blank glyph
    assert face.ink("😀") is None  # missing glyph


def test_ink_measured_later_is_kept_for_the_next_process(tmp_path: Path) -> None:
    face = Face("song", str(TEST_FONT), 0, str(tmp_path))
    box = face.ink("国")  # a Han character: not measured ahead, so the font is opened
    assert box is not None and face._font is not None
    metrics._READ.clear()
    again = Face("song", str(TEST_FONT), 0, str(tmp_path))
    assert again.ink("国") == box
    assert again._font is None


def test_changed_font_gets_fresh_metrics_and_the_old_file_goes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = _font_copy(tmp_path)
    before = Face("song", str(path), 0, str(cache))
    assert before.advance("A") == Face("song", str(TEST_FONT)).advance("A") > 0
    old_file = _cache_files(cache)
    assert len(old_file) == 1

    # Same path, different font: scale every advance so the change is visible.
    font = TTFont(str(path))
    hmtx = font["hmtx"]
    for name, (adv, lsb) in list(hmtx.metrics.items()):
        hmtx.metrics[name] = (adv * 2, lsb)
    font.save(str(path))
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    metrics._READ.clear()
    after = Face("song", str(path), 0, str(cache))
    assert after.advance("A") == pytest.approx(2 * before.advance("A"))
    assert after.advance("中") == pytest.approx(2.0)
    files = _cache_files(cache)
    assert len(files) == 1 and files != old_file, "the stale file is replaced, not kept"
    assert Path(metrics_cache_path(str(path), 0, str(cache))) == files[0]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        # bit rot in the tables (the header still parses): only the checksum can tell
        lambda data: data[: len(data) * 3 // 4] + bytes(b ^ 1 for b in data[len(data) * 3 // 4 :]),
        lambda data: b"",  # empty
        lambda data: b"not a metrics file at all" * 10,
    ],
    ids=["truncated", "flipped", "empty", "foreign"],
)
def test_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, damage) -> None:
    reference = _numbers(Face("song", str(TEST_FONT)))
    Face("song", str(TEST_FONT), 0, str(tmp_path)).has("中")
    (cached,) = _cache_files(tmp_path)
    cached.write_bytes(damage(cached.read_bytes()))

    metrics._READ.clear()
    face = Face("song", str(TEST_FONT), 0, str(tmp_path))
    assert _numbers(face) == reference
    assert face._font is not None  # the damaged file was not believed

    metrics._READ.clear()
    healed = Face("song", str(TEST_FONT), 0, str(tmp_path))
    assert _numbers(healed) == reference
    assert healed._font is None  # rewritten whole


def test_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    face = Face("song", str(TEST_FONT), 0, str(blocked))
    assert _numbers(face) == _numbers(Face("song", str(TEST_FONT)))


def test_faces_of_one_file_share_what_was_read(tmp_path: Path) -> None:
    a = Face("kai", str(TEST_FONT), 0, str(tmp_path))
    b = Face("fangsong", str(TEST_FONT), 0, str(tmp_path))  # a role borrowing kai's face
    a.has("中")
    b.has("中")
    assert a._metrics is b._metrics
    assert b.family == a.family


def test_a_cff_face_round_trips(tmp_path: Path) -> None:
    """Faces are measured from the installed file, CFF (Noto CJK) included: same numbers
    through the cache as from the font, ink from the CFF outlines."""
    cff = str(TEST_FONT.with_name("BanmianTestSerifSC-CFF.otf"))
    plain = Face("hei", cff)
    assert plain.is_cff
    Face("hei", cff, 0, str(tmp_path)).has("中")
    metrics._READ.clear()
    cached = Face("hei", cff, 0, str(tmp_path))
    assert cached.is_cff and cached.family == plain.family
    assert [cached.advance(c) for c in PROBE] == [plain.advance(c) for c in PROBE]
    assert [cached.has(c) for c in PROBE] == [plain.has(c) for c in PROBE]
    assert [cached.ink(c) for c in "，。“”（）《》—…"] == [plain.ink(c) for c in "，。“”（）《》—…"]
    assert cached._font is None  # all of it from the cache file


@pytest.mark.skipif(not os.path.exists(WENKAI), reason="needs fonts-lxgw-wenkai")
def test_a_large_system_font_round_trips(tmp_path: Path) -> None:
    """A 29,000-character face outside the cache folder: its file lives in the folder."""
    plain = Face("kai", WENKAI)
    Face("kai", WENKAI, 0, str(tmp_path)).has("中")
    metrics._READ.clear()
    cached = Face("kai", WENKAI, 0, str(tmp_path))
    chars = [chr(c) for c in sorted(plain.cmap)][::97] + list(PROBE)
    assert [cached.advance(c) for c in chars] == [plain.advance(c) for c in chars]
    assert [cached.has(c) for c in chars] == [plain.has(c) for c in chars]
    assert [cached.ink(c) for c in "，。“”（）《》—…"] == [plain.ink(c) for c in "，。“”（）《》—…"]
    assert cached._font is None


def test_measuring_from_the_cache_does_not_import_fonttools(tmp_path: Path) -> None:
    """A warm process measures without loading fontTools (its import alone is tens of ms)."""
    Face("song", str(TEST_FONT), 0, str(tmp_path)).ink("中")
    code = (
        "import sys\n"
        "from layouts.fonts.metrics import Face\n"
        f"f = Face('song', {str(TEST_FONT)!r}, 0, {str(tmp_path)!r})\n"
        "assert f.has('中') and f.advance('中') == 1.0 and f.ink('。') and f.ink('中')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('fontTools.ttLib', 'fontTools.subset',"
        " 'fontTools.pens', 'fontTools.fontBuilder'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert done.stdout.strip() == "[]"
