"""Test font maker: takes Noto Serif CJK SC and the shared texts, gives tests/fonts/BanmianTestSerifSC-Regular.ttf.

A small TrueType subset (seed front page + benchmark corpora + ASCII + CJK punctuation) so tests
have predictable metrics without converting the 65k-glyph system font. Run from anywhere:

    python tools/make_test_font.py [--source FILE --index N] [--out FILE]
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

from layouts.fonts.convert import convert_face  # noqa: E402

SOURCE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SOURCE_INDEX = 2  # the SC face of the collection
SHARED = Path(os.environ.get("BANMIAN_SHARED", Path(__file__).resolve().parents[2] / "shared"))
TEXTS = [SHARED / "seed" / "000_ab0d5bfc05d228f7.txt"]
CORPORA = [SHARED / "corpus" / "issue-8p.json", SHARED / "corpus" / "issue-60k.json"]
OUT = ROOT / "tests" / "fonts" / "BanmianTestSerifSC-Regular.ttf"
FAMILY = "Banmian Test Serif SC"
PS_NAME = "BanmianTestSerifSC-Regular"

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


def rename(font: TTFont, description: str) -> None:
    """A modified font takes a name of its own (OFL §3 spirit; 'Noto' is Google's trademark)."""
    name = font["name"]
    for nid in (1, 2, 3, 4, 6, 10, 16, 17, 21, 22):
        name.removeNames(nameID=nid)
    version = font["head"].fontRevision
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(FAMILY, 1, plat, enc, lang)
        name.setName("Regular", 2, plat, enc, lang)
        name.setName(f"{version:.3f};{PS_NAME};subset", 3, plat, enc, lang)
        name.setName(FAMILY, 4, plat, enc, lang)
        name.setName(PS_NAME, 6, plat, enc, lang)
        name.setName(description, 10, plat, enc, lang)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=SOURCE)
    ap.add_argument("--index", type=int, default=SOURCE_INDEX)
    ap.add_argument("--out", default=str(OUT))
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
        glyphs, _, _ = convert_face(args.source, args.index, raw, chars)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
