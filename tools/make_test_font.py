"""Test font maker: takes Noto Serif CJK SC and the shared texts, gives tests/fonts/BanmianTestSerifSC-Regular.ttf and the CFF BanmianTestSerifSC-CFF.otf.

A small TrueType subset (seed front page + benchmark corpora + ASCII + CJK punctuation) so tests
have predictable metrics without converting the 65k-glyph system font, and a smaller subset
left in CFF outlines (a fixed character list) for the tests of CFF→TrueType conversion and of
embedding CFF faces. Run from anywhere:

    python tools/make_test_font.py [--source FILE --index N] [--out FILE] [--cff-out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fontTools.ttLib import TTFont  # noqa: E402

from layouts.fonts.convert import LAYOUT_FEATURES, convert_face  # noqa: E402

SOURCE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SOURCE_INDEX = 2  # the SC face of the collection
SHARED = Path(os.environ.get("BANMIAN_SHARED", Path(__file__).resolve().parents[2] / "shared"))
TEXTS = [SHARED / "seed" / "000_ab0d5bfc05d228f7.txt"]
CORPORA = [SHARED / "corpus" / "issue-8p.json", SHARED / "corpus" / "issue-60k.json"]
OUT = ROOT / "tests" / "fonts" / "BanmianTestSerifSC-Regular.ttf"
CFF_OUT = ROOT / "tests" / "fonts" / "BanmianTestSerifSC-CFF.otf"
FAMILY = "Banmian Test Serif SC"
PS_NAME = "BanmianTestSerifSC-Regular"
CFF_FAMILY = "Banmian Test Serif SC CFF"
CFF_PS_NAME = "BanmianTestSerifSCCFF-Regular"
# The CFF font's hanzi: a news paragraph, the masthead, and characters tests add later (国堃喆镕).
CFF_HANZI = (
    "石景山报本报讯记者近日区交通支队联合政府在鲁谷街道开展重点工程建设宣传活动居民社区服务中心"
    "便民电话市民热线街乡镇管辖权属清晰群众诉求直接派给要迅速回应接诉即办同时接到派单负责督办"
    "新闻版面报纸排版宋体黑体楷体仿宋标题引题主题副题正文图片说明编辑校对签发付印第期年月日星期"
    "一二三四五六七八九十百千万中国北京上海综合头条示例稿为文字从今开始将的了是和有不人这个们来"
    "堃喆镕"
)

# Punctuation of GB/T 15834 and the marks newspaper copy uses, beyond ASCII.
PUNCTUATION = (
    "，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕［］｛｝〖〗—–…·・～／＿　"
    "℃°×÷±‰％№※→←↑↓①②③④⑤⑥⑦⑧⑨⑩■□▲△●○★☆◆◇"
)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def wanted_chars() -> set[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    chars |= set(PUNCTUATION)
    for path in TEXTS:
        chars |= set(path.read_text(encoding="utf-8"))
    for path in CORPORA:
        for s in _strings(json.loads(path.read_text(encoding="utf-8"))):
            chars |= set(s)
    return {c for c in chars if c.isprintable() or c == "\u3000"}


def debian_version(package: str) -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def rename(font: TTFont, description: str, family: str = FAMILY, ps_name: str = PS_NAME) -> None:
    """A modified font takes a name of its own (OFL §3 spirit; 'Noto' is Google's trademark)."""
    name = font["name"]
    for nid in (1, 2, 3, 4, 6, 10, 16, 17, 21, 22):
        name.removeNames(nameID=nid)
    version = font["head"].fontRevision
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(family, 1, plat, enc, lang)
        name.setName("Regular", 2, plat, enc, lang)
        name.setName(f"{version:.3f};{ps_name};subset", 3, plat, enc, lang)
        name.setName(family, 4, plat, enc, lang)
        name.setName(ps_name, 6, plat, enc, lang)
        name.setName(description, 10, plat, enc, lang)
    if "CFF " in font:  # the CFF's own font name, which PDF embedding would show
        cff = font["CFF "].cff
        cff.fontNames = [ps_name]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, family)


def cff_chars() -> set[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    return chars | set(PUNCTUATION) | set(CFF_HANZI)


def make_cff(source: str, index: int, out: Path, version: str) -> None:
    """A subset that keeps its CFF outlines (what fonts-noto-cjk installs), renamed."""
    from fontTools import subset

    description = (
        f"Subset of Noto Serif CJK SC (Debian fonts-noto-cjk {version}), CFF outlines kept, for "
        "Banmian's tests. Regenerate with: python tools/make_test_font.py"
    )
    font = TTFont(source, fontNumber=index)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.glyph_names = True
    opts.notdef_outline = True
    opts.recalc_bounds = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in cff_chars()))
    sub.subset(font)
    rename(font, description, CFF_FAMILY, CFF_PS_NAME)
    font.recalcTimestamp = False  # same inputs, same bytes
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        staged = os.path.join(tmp, "cff.otf")
        font.save(staged)
        os.chmod(staged, 0o644)
        os.replace(staged, out)
    glyphs = len(font.getGlyphOrder())
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    print(f"{out}: {glyphs} glyphs, {out.stat().st_size} bytes, sha256 {digest}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=SOURCE)
    ap.add_argument("--index", type=int, default=SOURCE_INDEX)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--cff-out", default=str(CFF_OUT))
    args = ap.parse_args(argv)

    chars = wanted_chars()
    version = debian_version("fonts-noto-cjk")
    description = (
        f"Subset of Noto Serif CJK SC (Debian fonts-noto-cjk {version}) converted to TrueType "
        "outlines for Banmian's tests. Regenerate with: python tools/make_test_font.py"
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        raw = os.path.join(tmp, "converted.ttf")
        glyphs, _, _ = convert_face(
            args.source, args.index, raw, chars, layout_features=LAYOUT_FEATURES
        )
        font = TTFont(raw)
        rename(font, description)
        font.recalcTimestamp = False  # same inputs, same bytes
        staged = os.path.join(tmp, "renamed.ttf")
        font.save(staged)
        font.close()
        os.chmod(staged, 0o644)
        os.replace(staged, out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    print(
        f"{out}: {len(chars)} characters, {glyphs} glyphs, {out.stat().st_size} bytes, sha256 {digest}"
    )
    make_cff(args.source, args.index, Path(args.cff_out), version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
