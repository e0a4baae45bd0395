"""Font registry: roles resolved on this machine, fallbacks, overrides, errors, caching."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from layouts.fonts import cache as fontcache
from layouts.fonts import discovery
from layouts.fonts.discovery import default_font_dirs, normalise
from layouts.fonts.registry import ROLES, FontNotFoundError, FontRegistry

TEST_FONT = Path(__file__).resolve().parent.parent / "fonts" / "BanmianTestSerifSC-Regular.ttf"
NOTO = "/usr/share/fonts/opentype/noto"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
CFF_TEST_FONT = TEST_FONT.with_name("BanmianTestSerifSC-CFF.otf")
DEBIAN = os.path.exists(f"{NOTO}/NotoSerifCJK-Regular.ttc") and os.path.exists(WENKAI)
needs_debian_fonts = pytest.mark.skipif(
    not DEBIAN, reason="needs fonts-noto-cjk and fonts-lxgw-wenkai"
)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("fontcache"))


@pytest.fixture(scope="module")
def registry(cache_dir: str) -> FontRegistry:
    return FontRegistry(cache_dir=cache_dir)


@needs_debian_fonts
def test_every_role_resolves_to_an_installed_face_without_converting(
    registry: FontRegistry, cache_dir: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args, **kwargs):
        raise AssertionError("the registry converted a font")

    monkeypatch.setattr(fontcache, "convert_face", boom)
    faces = registry.faces()
    assert faces.keys() == list(ROLES)
    for role in ROLES:
        choice = registry.resolve(role)
        assert choice.role == role and os.path.exists(choice.path)
        font = TTFont(choice.path, fontNumber=choice.index, lazy=True)
        assert choice.cff == ("CFF " in font) and (choice.cff or "glyf" in font), role
        assert faces[role].path == choice.path and faces[role].index == choice.index
        assert faces[role].has("报") and faces[role].advance("报") == 1.0
    # Faces come from the installed files: every character they have, not a subset of them.
    assert faces["song"].has("堃") and faces["hei"].has("喆")
    assert not list(Path(cache_dir).glob("*.ttf"))  # nothing converted, nothing to wait for


@needs_debian_fonts
def test_debian_choices(registry: FontRegistry) -> None:
    song, hei, biaosong, kai, fangsong = (registry.resolve(r) for r in ROLES)
    assert (song.family, song.path, song.index, song.cff) == (
        "Noto Serif CJK SC",
        f"{NOTO}/NotoSerifCJK-Regular.ttc",
        2,
        True,
    )
    assert (hei.family, hei.path, hei.cff) == (
        "Noto Sans CJK SC Bold",
        f"{NOTO}/NotoSansCJK-Bold.ttc",
        True,
    )
    assert (biaosong.family, biaosong.path) == (
        "Noto Serif CJK SC Bold",
        f"{NOTO}/NotoSerifCJK-Bold.ttc",
    )
    assert (kai.family, kai.path, kai.cff) == ("LXGW WenKai", WENKAI, False)
    # Debian has no 仿宋: it borrows 楷 and says so.
    assert fangsong.borrowed_from == "kai" and fangsong.path == kai.path
    assert all(c.borrowed_from is None for c in (song, hei, biaosong, kai))


@needs_debian_fonts
def test_report_and_summary_show_choices_and_fallbacks(registry: FontRegistry) -> None:
    report = {c.role: c for c in registry.report()}
    assert list(report) == list(ROLES)
    assert registry.unresolved() == {}
    text = registry.summary()
    assert "fangsong" in text and "borrowed from kai" in text
    assert "converted to TrueType for the PDF on export" in text  # the CFF faces say so


@needs_debian_fonts
def test_fallbacks_skip_the_same_face(registry: FontRegistry) -> None:
    song = registry.fallbacks("song")
    assert "song" not in song and song
    # kai and fangsong are the same LXGW face: trying both would be pointless.
    assert ("kai" in song) != ("fangsong" in song)
    assert registry.fallbacks("fangsong")[0] == "song"
    for role in ROLES:
        sources = [
            (registry.resolve(r).path, registry.resolve(r).index)
            for r in [role, *registry.fallbacks(role)]
        ]
        assert len(sources) == len(set(sources)), role


@needs_debian_fonts
def test_second_registry_reuses_the_index(
    registry: FontRegistry, cache_dir: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry.faces()
    assert (Path(cache_dir) / "font-index-v1.json").exists()

    def boom(*args, **kwargs):
        raise AssertionError("rescanned")

    # The name-table reader may not run: every installed face is known from the index.
    monkeypatch.setattr(discovery, "_read_faces", boom)
    again = FontRegistry(cache_dir=cache_dir)
    assert [again.resolve(r) for r in ROLES] == [registry.resolve(r) for r in ROLES]


def test_override_pins_a_role(tmp_path: Path) -> None:
    reg = FontRegistry(
        search_dirs=[str(tmp_path)],
        cache_dir=str(tmp_path / "c"),
        overrides={"song": (str(TEST_FONT), 0)},
    )
    song = reg.resolve("song")
    assert (song.path, song.index, song.overridden, song.cff) == (
        str(TEST_FONT),
        0,
        True,
        False,
    )
    assert song.family == "Banmian Test Serif SC"
    # With only 宋 available, the other roles borrow it and the report says so.
    assert reg.resolve("hei").borrowed_from == "song"
    assert reg.resolve("fangsong").borrowed_from == "song"
    assert reg.faces()["kai"].path == str(TEST_FONT)


def test_override_adds_a_custom_role(tmp_path: Path) -> None:
    reg = FontRegistry(
        search_dirs=[],
        cache_dir=str(tmp_path),
        overrides={"song": (str(TEST_FONT), 0), "masthead": (str(CFF_TEST_FONT), 0)},
    )
    assert reg.roles[-1] == "masthead"
    choice = reg.resolve("masthead")
    assert choice.family == "Banmian Test Serif SC CFF" and choice.index == 0 and choice.cff
    assert reg.faces()["masthead"].has("报")
    assert reg.fallbacks("masthead") == ["song"]


def test_bad_override_is_a_clear_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.ttf")
    reg = FontRegistry(search_dirs=[], cache_dir=str(tmp_path), overrides={"song": (missing, 0)})
    with pytest.raises(FontNotFoundError, match="song") as err:
        reg.resolve("song")
    assert missing in str(err.value)
    reg = FontRegistry(
        search_dirs=[], cache_dir=str(tmp_path), overrides={"song": (str(TEST_FONT), 3)}
    )
    with pytest.raises(FontNotFoundError, match="#3"):
        reg.resolve("song")


def test_missing_role_is_a_clear_error(tmp_path: Path) -> None:
    reg = FontRegistry(search_dirs=[str(tmp_path)], cache_dir=str(tmp_path / "c"))
    with pytest.raises(FontNotFoundError) as err:
        reg.resolve("song")
    message = str(err.value)
    assert "'song'" in message and "Noto Serif CJK SC" in message and str(tmp_path) in message
    assert "BANMIAN_FONT_DIRS" in message
    with pytest.raises(FontNotFoundError, match="'hei'.*borrow"):
        reg.resolve("hei")
    with pytest.raises(FontNotFoundError, match="unknown font role 'xyz'"):
        reg.resolve("xyz")
    with pytest.raises(FontNotFoundError):
        reg.faces()
    assert reg.report() == [] and set(reg.unresolved()) == set(ROLES)


def _renamed(out: Path, english: str, chinese: str | None = None) -> Path:
    """The test font saved as `out`, calling itself `english` (and `chinese` in zh-CN)."""
    font = TTFont(str(TEST_FONT))
    name = font["name"]
    for nid in (1, 3, 4, 6, 16, 17):
        name.removeNames(nameID=nid)
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(english, 1, plat, enc, lang)
        name.setName(english, 4, plat, enc, lang)
    if chinese:
        name.setName(chinese, 1, 3, 1, 0x804)
        name.setName("Regular", 2, 3, 1, 0x804)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


def test_fonts_found_by_internal_name_not_file_name(tmp_path: Path) -> None:
    fonts = tmp_path / "newsroom"
    path = _renamed(fonts / "x0001.ttf", "SimSun", "宋体")
    (fonts / "notes.txt").write_text("not a font")
    (fonts / "broken.ttf").write_bytes(b"\x00\x01\x00\x00 truncated")
    reg = FontRegistry(search_dirs=[str(fonts)], cache_dir=str(tmp_path / "c"))
    song = reg.resolve("song")
    assert song.path == str(path) and song.family == "SimSun"
    assert not song.cff and not song.overridden and song.borrowed_from is None
    # Matching by the Chinese name alone works too.
    only_zh = _renamed(tmp_path / "zh" / "y.ttf", "Something Else", "楷体")
    reg = FontRegistry(search_dirs=[str(only_zh.parent), str(fonts)], cache_dir=str(tmp_path / "c"))
    assert reg.resolve("kai").path == str(only_zh)


def test_candidate_rank_then_directory_order(tmp_path: Path) -> None:
    a = _renamed(tmp_path / "a" / "k.ttf", "KaiTi")
    b = _renamed(tmp_path / "b" / "k.ttf", "KaiTi")
    song = (str(TEST_FONT), 0)
    reg = FontRegistry(
        search_dirs=[str(b.parent), str(a.parent)],
        cache_dir=str(tmp_path / "c"),
        overrides={"song": song},
    )
    assert reg.resolve("kai").path == str(b)  # same rank: the earlier directory wins
    founder = _renamed(tmp_path / "a" / "fz.ttf", "FZKai-Z03S", "方正楷体简体")
    reg = FontRegistry(
        search_dirs=[str(b.parent), str(a.parent)],
        cache_dir=str(tmp_path / "c"),
        overrides={"song": song},
    )
    assert reg.resolve("kai").path == str(founder)  # a better candidate wins anywhere


def test_default_font_dirs_per_platform() -> None:
    env = {"HOME": "/home/ed", "BANMIAN_FONT_DIRS": os.pathsep.join(["/srv/fonts", "/opt/fz"])}
    linux = default_font_dirs("linux", env)
    assert linux[:2] == ["/srv/fonts", "/opt/fz"]
    assert "/usr/share/fonts" in linux and "/usr/local/share/fonts" in linux
    assert "/home/ed/.local/share/fonts" in linux and "/home/ed/.fonts" in linux
    mac = default_font_dirs("darwin", {"HOME": "/Users/ed"})
    assert mac == ["/Users/ed/Library/Fonts", "/Library/Fonts", "/System/Library/Fonts"]
    win = default_font_dirs(
        "win32", {"WINDIR": "C:\\Windows", "LOCALAPPDATA": "C:\\Users\\ed\\AppData\\Local"}
    )
    assert os.path.join("C:\\Windows", "Fonts") in win
    assert os.path.join("C:\\Users\\ed\\AppData\\Local", "Microsoft", "Windows", "Fonts") in win
    assert not any(d.startswith("/usr") for d in win + mac)


def test_name_normalisation() -> None:
    assert normalise("文鼎ＰＬ简报宋") == normalise("文鼎PL简报宋")
    assert normalise("Noto Serif CJK SC") == normalise("noto-serif_cjk sc")
    assert normalise("SimSun") != normalise("SimHei")


def test_cached_registry_loads_neither_converter_nor_fonttools(tmp_path: Path) -> None:
    """A warm start (every face converted and measured before) imports no fontTools: the
    converter, the subsetter and the font parser are loaded only when there is work for them."""
    cache = tmp_path / "cache"
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / TEST_FONT.name).write_bytes(TEST_FONT.read_bytes())
    code = (
        "import sys\n"
        "from layouts.fonts.registry import FontRegistry\n"
        f"reg = FontRegistry([{str(fonts)!r}], cache_dir={str(cache)!r},"
        " overrides={'song': (" + repr(str(fonts / TEST_FONT.name)) + ", 0)})\n"
        "face = reg.faces()['song']\n"
        "assert face.has('中') and face.advance('中') == 1.0 and face.ink('。')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('fontTools.ttLib', 'fontTools.subset',"
        " 'fontTools.pens', 'fontTools.fontBuilder'))))\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))

    def run() -> str:
        return subprocess.run(
            [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
        ).stdout.strip()

    assert run() != "[]"  # the first run reads the font: fontTools is needed then
    assert run() == "[]"
