"""Font discovery: takes font folders (or one file), gives every face in them with the names it answers to and its outline kind, read once per file version (JSON index)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from layouts.atomicfile import write_atomic

if TYPE_CHECKING:  # fontTools is imported only when a font file has to be read
    from fontTools.ttLib import TTFont

FONT_EXTENSIONS = (".ttf", ".otf", ".ttc", ".otc")
_REGULAR = {"regular", "normal", "book", "roman", "standard", "常规", "標準", "标准", "正常"}
INDEX_FILE = "font-index-v1.json"


@dataclass(frozen=True, slots=True)
class FaceInfo:
    path: str
    index: int
    family: str
    names: frozenset[str]  # normalised
    outlines: str  # 'glyf', 'CFF ', 'CFF2' or ''


def normalise(name: str) -> str:
    """Casefolded NFKC name without spaces, hyphens or underscores: '文鼎ＰＬ' == '文鼎pl'."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if ch not in " -_")


def default_font_dirs(
    platform: str | None = None, env: Mapping[str, str] | None = None
) -> list[str]:
    """Directories searched for fonts: $BANMIAN_FONT_DIRS (the newsroom's own) first, then the
    user's, then the system's, for the running (or given) platform."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = env.get("HOME") or env.get("USERPROFILE") or os.path.expanduser("~")
    dirs = [d for d in env.get("BANMIAN_FONT_DIRS", "").split(os.pathsep) if d]
    if platform.startswith("win"):
        windir = env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows"
        local = env.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
        dirs += [
            os.path.join(local, "Microsoft", "Windows", "Fonts"),
            os.path.join(windir, "Fonts"),
        ]
    elif platform == "darwin":
        dirs += [
            os.path.join(home, "Library", "Fonts"),
            "/Library/Fonts",
            "/System/Library/Fonts",
        ]
    else:
        data_home = env.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
        dirs += [os.path.join(data_home, "fonts"), os.path.join(home, ".fonts")]
        dirs += ["/usr/local/share/fonts", "/usr/share/fonts"]
    return list(dict.fromkeys(dirs))


def _face_names(font: TTFont) -> tuple[str, frozenset[str]]:
    """(display family, all names the face answers to) from its name table."""
    by_id: dict[int, dict[int, str]] = {}
    for rec in font["name"].names:
        if rec.nameID in (1, 2, 4, 6, 16, 17):
            try:
                by_id.setdefault(rec.nameID, {})[rec.langID] = rec.toUnicode()
            except UnicodeDecodeError:
                continue
    names = set(by_id.get(4, {}).values()) | set(by_id.get(6, {}).values())
    for fam_id, sub_id in ((1, 2), (16, 17)):
        for lang, fam in by_id.get(fam_id, {}).items():
            sub = by_id.get(sub_id, {}).get(lang) or by_id.get(sub_id, {}).get(1033, "Regular")
            names.add(f"{fam} {sub}")
            if normalise(sub) in _REGULAR:
                names.add(fam)
    family = ""
    for nid in (4, 1, 6):
        found = by_id.get(nid, {})
        family = found.get(1033) or found.get(0) or next(iter(found.values()), "")
        if family:
            break
    return family, frozenset(normalise(n) for n in names)


def _read_faces(path: str) -> list[FaceInfo]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        holder = TTCollection(path, lazy=True)
        fonts = list(holder.fonts)
    else:
        holder = TTFont(path, lazy=True)
        fonts = [holder]
    try:
        out = []
        for i, font in enumerate(fonts):
            family, names = _face_names(font)
            outlines = next((t for t in ("glyf", "CFF ", "CFF2") if t in font), "")
            out.append(FaceInfo(path, i, family, names, outlines))
        return out
    finally:
        holder.close()  # the faces of a collection share one file handle


def scan_fonts(dirs: Iterable[str], index_path: str | None = None) -> list[FaceInfo]:
    """Every face in `dirs` (recursively), in directory order then path order. Name tables are
    read once per file version and remembered in `index_path` (JSON) when given."""
    known = _load_index(index_path)
    seen: set[str] = set()
    faces: list[FaceInfo] = []
    fresh: dict[str, dict] = {}
    for top in dirs:
        files = []
        for root, _, names in os.walk(top):
            files += [os.path.join(root, n) for n in names if n.lower().endswith(FONT_EXTENSIONS)]
        for path in sorted(files):
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
            try:
                st = os.stat(real)
            except OSError:
                continue
            stamp = [st.st_size, st.st_mtime_ns]
            entry = known.get(real)
            if entry is None or entry.get("stamp") != stamp:
                try:
                    infos = _read_faces(real)
                except Exception:  # damaged or exotic files are skipped, not fatal
                    infos = []
                entry = {
                    "stamp": stamp,
                    "faces": [[f.family, sorted(f.names), f.outlines] for f in infos],
                }
            fresh[real] = entry
            for i, (family, names, outlines) in enumerate(entry["faces"]):
                faces.append(FaceInfo(real, i, family, frozenset(names), outlines))
    merged = {**known, **fresh}  # other registries may scan other directories into the same index
    if index_path and merged != known:
        _write_json_atomic(index_path, merged)
    return faces


def _load_index(index_path: str | None) -> dict[str, dict]:
    if index_path and os.path.exists(index_path):
        try:
            with open(index_path, encoding="utf-8") as fh:
                known = json.load(fh)
            return known if isinstance(known, dict) else {}
        except (OSError, ValueError):
            return {}
    return {}


def file_faces(path: str, index_path: str | None = None) -> list[FaceInfo]:
    """The faces of one font file (an override), read once per file version like scanned
    files: from `index_path` when it knows this version, else read (raising what reading
    raises) and added to it."""
    if not index_path:
        return _read_faces(path)
    st = os.stat(os.path.realpath(path))  # a missing file raises here, as reading it would
    stamp = [st.st_size, st.st_mtime_ns]
    known = _load_index(index_path)
    entry = known.get(os.path.realpath(path))
    if entry is not None and entry.get("stamp") == stamp and entry.get("faces"):
        return [
            FaceInfo(path, i, family, frozenset(names), outlines)
            for i, (family, names, outlines) in enumerate(entry["faces"])
        ]
    infos = _read_faces(path)
    entry = {"stamp": stamp, "faces": [[f.family, sorted(f.names), f.outlines] for f in infos]}
    _write_json_atomic(index_path, {**known, os.path.realpath(path): entry})
    return infos


def _write_json_atomic(path: str, data: dict) -> None:
    """The scan index is only a cache: failing to write it is not an error."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    with contextlib.suppress(OSError):
        write_atomic(path, text.encode("utf-8"))
