"""Font registry: takes font directories and overrides, gives one installed face per role (宋/黑/标宋/楷/仿宋) and says what it chose."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from layouts.fonts.discovery import (
    INDEX_FILE,
    FaceInfo,
    default_font_dirs,
    file_faces,
    normalise,
    scan_fonts,
)
from layouts.fonts.metrics import Face, FaceSet

ROLES: tuple[str, ...] = ("song", "hei", "biaosong", "kai", "fangsong")


def _names(text: str) -> tuple[str, ...]:
    return tuple(n for n in text.split("|") if n)


# Candidates per role, best first, matched against the names inside each font (full name,
# PostScript name, or family name of a Regular face), so fonts installed under any file name
# are found. Founder (方正) faces come first: a newsroom only has them if it licensed them.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "song": _names(
        "方正书宋简体|FZShuSong-Z01S|方正书宋_GBK|FZShuSong-Z01|方正报宋简体|FZBaoSong-Z04S|方正报宋_GBK|"
        "FZBaoSong-Z04|Noto Serif CJK SC|NotoSerifCJKsc-Regular|Source Han Serif SC|"
        "SourceHanSerifSC-Regular|思源宋体|Noto Serif SC|NotoSerifSC-Regular|SimSun|宋体|"
        "Songti SC|STSongti-SC-Regular|STSong|华文宋体|AR PL UMing CN|AR PL SungtiL GB"
    ),
    "hei": _names(
        "方正黑体简体|FZHei-B01S|方正黑体_GBK|FZHei-B01|Noto Sans CJK SC Bold|"
        "NotoSansCJKsc-Bold|Source Han Sans SC Bold|SourceHanSansSC-Bold|思源黑体 Bold|"
        "Noto Sans SC Bold|NotoSansSC-Bold|SimHei|黑体|Heiti SC Medium|"
        "STHeitiSC-Medium|STHeiti|华文黑体|Microsoft YaHei Bold|微软雅黑 Bold|"
        "Noto Sans CJK SC|WenQuanYi Zen Hei|文泉驿正黑|WenQuanYi Micro Hei"
    ),
    "biaosong": _names(
        "方正小标宋简体|FZXiaoBiaoSong-B05S|方正小标宋_GBK|FZXiaoBiaoSong-B05|方正大标宋简体|"
        "FZDaBiaoSong-B06S|Noto Serif CJK SC Black|NotoSerifCJKsc-Black|"
        "Source Han Serif SC Heavy|SourceHanSerifSC-Heavy|Noto Serif CJK SC Bold|"
        "NotoSerifCJKsc-Bold|Source Han Serif SC Bold|SourceHanSerifSC-Bold|"
        "Noto Serif SC Black|Noto Serif SC Bold|STZhongsong|华文中宋|Songti SC Black|"
        "Songti SC Bold"
    ),
    "kai": _names(
        "方正楷体简体|FZKai-Z03S|方正楷体_GBK|FZKai-Z03|KaiTi|楷体|KaiTi_GB2312|楷体_GB2312|"
        "STKaiti|华文楷体|Kaiti SC|LXGW WenKai|霞鹜文楷|LXGWWenKai-Regular|AR PL UKai CN|"
        "AR PL KaitiM GB"
    ),
    "fangsong": _names(
        "方正仿宋简体|FZFangSong-Z02S|方正仿宋_GBK|FZFangSong-Z02|FangSong|仿宋|FangSong_GB2312|"
        "仿宋_GB2312|STFangsong|华文仿宋"
    ),
}

# When no candidate of a role is installed, it borrows another role's face (and says so).
# 宋 (body) never borrows: without it there is no newspaper, and the error must say so.
BORROW: dict[str, tuple[str, ...]] = {
    "song": (),
    "hei": ("song",),
    "biaosong": ("song",),
    "kai": ("song",),
    "fangsong": ("kai", "song"),
}
# Where a character missing from a role's face is looked for next: the nearest design first.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "song": ("fangsong", "kai", "biaosong", "hei"),
    "hei": ("biaosong", "song", "kai", "fangsong"),
    "biaosong": ("song", "hei", "kai", "fangsong"),
    "kai": ("fangsong", "song", "hei", "biaosong"),
    "fangsong": ("kai", "song", "hei", "biaosong"),
}


EMBEDDABLE = ("glyf", "CFF ")  # TrueType as it is, CFF once converted


class FontNotFoundError(LookupError):
    """No installed font serves a role; the message says what was looked for and where."""


@dataclass(frozen=True, slots=True)
class FontChoice:
    role: str
    path: str  # the installed font file: metrics and Qt read it, the PDF embeds it
    index: int  # face index within `path`
    family: str
    outlines: str  # "glyf", or "CFF ": converted to TrueType when a PDF embeds it
    borrowed_from: str | None = None  # the role whose face stands in for this one
    overridden: bool = False  # pinned by the newsroom, not chosen by the registry

    @property
    def cff(self) -> bool:
        return self.outlines == "CFF "

    def describe(self) -> str:
        """One line for `python main.py fonts`: role, family, how chosen, file."""
        if self.borrowed_from:
            how = f"fallback: borrowed from {self.borrowed_from}"
        else:
            how = "override" if self.overridden else "found"
        conv = " (CFF: converted to TrueType for the PDF on export)" if self.cff else ""
        return f"{self.role:9} {self.family} ({how}) {self.path}#{self.index}{conv}"


class FontRegistry:
    """Maps roles to installed font faces. Metrics and Qt read the installed file itself, CFF
    or TrueType alike; only PDF embedding needs TrueType, and layouts.fonts.embed converts a
    CFF face then, for the characters a document draws with it. Nothing here converts, so
    nobody waits for a conversion before composing or painting."""

    def __init__(
        self,
        search_dirs: list[str] | None = None,
        cache_dir: str | None = None,
        overrides: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        self.search_dirs = list(default_font_dirs() if search_dirs is None else search_dirs)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if cache_dir is None:  # the font index is then kept for this registry only
            self._tmp = tempfile.TemporaryDirectory(prefix="banmian-fonts-")
            cache_dir = self._tmp.name
        self.cache_dir = cache_dir
        self.overrides = dict(overrides or {})
        self._faces_info: list[FaceInfo] | None = None
        self._choices: dict[str, FontChoice] = {}
        self._errors: dict[str, str] = {}
        self._faceset: FaceSet | None = None

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys([*ROLES, *self.overrides]))

    def _index_path(self) -> str | None:
        return None if self._tmp else os.path.join(self.cache_dir, INDEX_FILE)

    def _scan(self) -> list[FaceInfo]:
        if self._faces_info is None:
            self._faces_info = scan_fonts(self.search_dirs, self._index_path())
        return self._faces_info

    def _pick(self, role: str, chain: tuple[str, ...] = ()) -> tuple[FaceInfo, str | None, bool]:
        """(face, role it is borrowed from, overridden) for `role`; raises FontNotFoundError."""
        if role in self.overrides:
            path, index = self.overrides[role]
            try:
                info = next(f for f in file_faces(path, self._index_path()) if f.index == index)
            except Exception as exc:  # missing file, bad index, not a font
                raise FontNotFoundError(
                    f"font override for role {role!r} points to {path}#{index}, which cannot be "
                    f"read as a font face ({exc.__class__.__name__}: {exc})"
                ) from exc
            if info.outlines not in EMBEDDABLE:
                raise FontNotFoundError(
                    f"font override for role {role!r} points to {path}#{index}, whose "
                    f"{info.outlines.strip() or 'missing'} outlines a PDF cannot embed"
                )
            return info, None, True
        if role not in CANDIDATES:
            raise FontNotFoundError(
                f"unknown font role {role!r}; known roles: {', '.join(self.roles)}"
            )
        wanted: dict[str, int] = {}
        for rank, name in enumerate(CANDIDATES[role]):
            wanted.setdefault(normalise(name), rank)
        best: tuple[int, int, FaceInfo] | None = None
        for order, info in enumerate(self._scan()):
            if info.outlines not in EMBEDDABLE:
                continue  # CFF2 (variable) faces cannot be converted for embedding
            rank = min((wanted[n] for n in info.names if n in wanted), default=None)
            if rank is not None and (best is None or (rank, order) < best[:2]):
                best = (rank, order, info)
        if best is not None:
            return best[2], None, False
        for other in BORROW.get(role, ()):
            if other in chain:
                continue
            try:
                info, lender, overridden = self._pick(other, (*chain, role))
            except FontNotFoundError:
                continue
            return info, lender or other, overridden  # name the role whose own face it is
        raise FontNotFoundError(
            f"no font for role {role!r}: none of {', '.join(CANDIDATES[role])} is installed in "
            f"{', '.join(self.search_dirs) or '(no directories)'}"
            + (
                f"; it could borrow from {', '.join(BORROW[role])} but they are missing too"
                if BORROW.get(role)
                else ""
            )
            + ". Install fonts-noto-cjk (Debian) or a 宋体 font, add a directory to "
            "BANMIAN_FONT_DIRS, or pin the role to a file with an override."
        )

    def _prepare(self, roles: Iterable[str]) -> None:
        """Choose the faces of `roles` (read from the scan index: no font is parsed here)."""
        for role in roles:
            if role in self._choices or role in self._errors:
                continue
            try:
                info, borrowed, overridden = self._pick(role)
            except FontNotFoundError as exc:
                self._errors[role] = str(exc)
                continue
            self._choices[role] = FontChoice(
                role=role,
                path=info.path,
                index=info.index,
                family=info.family,
                outlines=info.outlines,
                borrowed_from=borrowed,
                overridden=overridden,
            )

    def resolve(self, role: str) -> FontChoice:
        """The face serving `role`; raises FontNotFoundError saying what is missing and how to fix it."""
        self._prepare([role])
        if role in self._errors:
            raise FontNotFoundError(self._errors[role])
        return self._choices[role]

    def fallbacks(self, role: str) -> list[str]:
        """Other roles to try, in order, for a character `role`'s face lacks; roles served by the
        same font face (which would lack it too) and roles that cannot be served are left out."""
        self._prepare(self.roles)
        tried = set()
        if role in self._choices:
            tried.add((self._choices[role].path, self._choices[role].index))
        out = []
        for other in FALLBACKS.get(role, ROLES):
            choice = self._choices.get(other)
            if other == role or choice is None:
                continue
            key = (choice.path, choice.index)
            if key not in tried:
                tried.add(key)
                out.append(other)
        return out

    def faces(self) -> FaceSet:
        """One Face per role, measured from the installed file (CFF or TrueType)."""
        if self._faceset is None:
            self._prepare(self.roles)
            for role in self.roles:
                if role in self._errors:
                    raise FontNotFoundError(self._errors[role])
            # Metrics are cached in the cache folder, unless it is a throwaway.
            metrics_dir = None if self._tmp else self.cache_dir
            self._faceset = FaceSet(
                {
                    r: Face(r, self._choices[r].path, self._choices[r].index, metrics_dir)
                    for r in self.roles
                }
            )
        return self._faceset

    def report(self) -> list[FontChoice]:
        """The choice for every role that can be served (see `unresolved` for the rest)."""
        self._prepare(self.roles)
        return [self._choices[r] for r in self.roles if r in self._choices]

    def unresolved(self) -> dict[str, str]:
        """Role → reason, for roles no installed font serves."""
        self._prepare(self.roles)
        return {r: self._errors[r] for r in self.roles if r in self._errors}

    def summary(self) -> str:
        """Human-readable lines for `python main.py fonts`."""
        lines = [c.describe() for c in self.report()]
        lines += [f"{role:9} MISSING: {why}" for role, why in self.unresolved().items()]
        return "\n".join(lines)
