"""The house style as stored: takes nothing, gives named headline and paragraph styles and the default table.

Headline styles are chosen by a story's rank and page (first match in order) and size their
主题 by the span in 号; paragraph styles name the faces of body text, 电头 and jump lines.
Sizes are kept as the desk says them (a 号 such as 小初, or "20pt").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from layouts.fonts.registry import ROLES
from layouts.units import size_pt

PAGES = ("front", "inside", "any")  # where a headline style applies
ALIGNS = ("left", "center", "right")
PARAGRAPH_ALIGNS = ("justify", "left", "center", "right")
BODY, BYLINE, JUMP = "正文", "电头", "转版"  # the paragraph styles composition reads


def _face(font: str) -> None:
    if font not in ROLES:
        raise ValueError(f"未知字体“{font}” / unknown face {font!r}: use one of {', '.join(ROLES)}")


@dataclass(frozen=True)
class TypeSpec:
    """A face role (song, hei, kai, fangsong, biaosong) and a size."""

    font: str
    size: str  # 号 name or points ("20pt")

    def __post_init__(self) -> None:
        _face(self.font)
        size_pt(self.size)  # raises ValueError for a size nobody can read

    @property
    def points(self) -> float:
        return size_pt(self.size)


@dataclass(frozen=True)
class HeadlineStyle:
    """A named headline group style: which stories get it and how their 引题/主题/副题 are set."""

    name: str  # the desk's own word: 头版头条, 版面头条, 二条, 简讯 …
    font: str  # face of the 主题
    sizes: tuple[str, ...]  # 主题 size by span: sizes[0] for 1 column … (last one for wider)
    kicker: TypeSpec  # 引题
    subheadline: TypeSpec  # 副题
    page: str = "any"  # "front" (page 1 only), "inside" or "any"
    ranks: tuple[int, ...] = ()  # the story ranks it serves; () serves every rank
    align: str = "center"
    # A 主题 too wide for one line at its size steps down the 号 ladder, not below this
    # ("" keeps the table's size and lets the headline wrap).
    smallest: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a headline style needs a name")
        _face(self.font)
        if not self.sizes:
            raise ValueError(f"headline style {self.name}: no 主题 sizes")
        for s in self.sizes:
            size_pt(s)
        if self.page not in PAGES:
            raise ValueError(f"headline style {self.name}: page must be one of {PAGES}")
        if self.align not in ALIGNS:
            raise ValueError(f"headline style {self.name}: align must be one of {ALIGNS}")
        if self.smallest:
            size_pt(self.smallest)

    def serves(self, rank: int, front: bool) -> bool:
        if self.page == "front" and not front or self.page == "inside" and front:
            return False
        return not self.ranks or rank in self.ranks

    def size_for(self, span: int) -> float:
        """主题 points at a span of `span` columns."""
        return size_pt(self.sizes[min(max(span, 1), len(self.sizes)) - 1])

    def floor_for(self, span: int) -> float:
        """The smallest 主题 this style allows at `span` (the table's size when it is lower)."""
        top = self.size_for(span)
        return min(size_pt(self.smallest), top) if self.smallest else top


@dataclass(frozen=True)
class ParagraphStyle:
    """A named paragraph style. The body's size and leading belong to the page grid (its
    columns are counted in 字 of the body size), so a paragraph style names face, indent and
    alignment."""

    name: str
    font: str
    indent: float = 2.0  # first-line indent in 字
    align: str = "justify"

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a paragraph style needs a name")
        _face(self.font)
        if self.align not in PARAGRAPH_ALIGNS:
            raise ValueError(
                f"paragraph style {self.name}: align must be one of {PARAGRAPH_ALIGNS}"
            )
        if not 0 <= self.indent <= 10:
            raise ValueError(f"paragraph style {self.name}: indent 0..10 字")


@dataclass(frozen=True)
class StyleSheet:
    """The paper's house style: headline styles in the order they are tried, paragraph styles."""

    headlines: tuple[HeadlineStyle, ...]
    paragraphs: tuple[ParagraphStyle, ...] = field(default=())

    def __post_init__(self) -> None:
        names = [s.name for s in (*self.headlines, *self.paragraphs)]
        if len(names) != len(set(names)):
            raise ValueError("style names must be unique")
        if not self.headlines:
            raise ValueError("the house style needs at least one headline style")

    def headline_for(self, rank: int, front: bool) -> HeadlineStyle:
        """The first headline style serving a story of `rank` on the front page or inside; the
        last style catches whatever no style serves."""
        return next((s for s in self.headlines if s.serves(rank, front)), self.headlines[-1])

    def paragraph(self, name: str) -> ParagraphStyle:
        found = next((p for p in self.paragraphs if p.name == name), None)
        if found is None:
            found = next(p for p in DEFAULT_PARAGRAPHS if p.name == name)
        return found

    def style(self, name: str) -> HeadlineStyle | ParagraphStyle | None:
        return next((s for s in (*self.headlines, *self.paragraphs) if s.name == name), None)


def _head(
    name: str,
    page: str,
    ranks: tuple[int, ...],
    font: str,
    sizes: str,
    smallest: str,
    small: str,
) -> HeadlineStyle:
    return HeadlineStyle(
        name=name,
        font=font,
        sizes=tuple(sizes.split()),
        kicker=TypeSpec("kai", small),
        subheadline=TypeSpec("kai", small),
        page=page,
        ranks=ranks,
        smallest=smallest,
    )


# A starting house style for a 6-column tabloid (MAKEUP.md, "Headlines by rank and span"):
# the page-1 lead 小初–初号, page leads 小一–一号, second stories 小二–二号, briefs 四号–三号;
# 引题 and 副题 about two 号 below the 主题. Sizes by span 1 … 6 columns, then the smallest
# a 主题 too long for one line may step down to (the bottom of the rank's range).
DEFAULT_HEADLINES: tuple[HeadlineStyle, ...] = (
    _head("头版头条", "front", (1,), "hei", "小一 一号 小初 小初 初号 初号", "小初", "小二"),
    _head("版面头条", "any", (1,), "biaosong", "三号 二号 小一 一号 一号 一号", "小一", "三号"),
    _head("二条", "any", (2, 3), "biaosong", "三号 小二 二号 二号 二号 二号", "小二", "四号"),
    _head("简讯", "any", (), "hei", "四号 三号 小二 小二 小二 小二", "四号", "小四"),
)
DEFAULT_PARAGRAPHS: tuple[ParagraphStyle, ...] = (
    ParagraphStyle(BODY, "song"),
    ParagraphStyle(BYLINE, "hei"),
    ParagraphStyle(JUMP, "kai", indent=0, align="right"),
)
DEFAULT_STYLE_SHEET = StyleSheet(DEFAULT_HEADLINES, DEFAULT_PARAGRAPHS)


# -- editing: one setting at a time, as the CLI (and later the window) changes the table ------

HEADLINE_KEYS = (
    "font",
    "sizes",
    "kicker",
    "kicker-font",
    "subheadline",
    "subheadline-font",
    "page",
    "ranks",
    "align",
    "smallest",
)
PARAGRAPH_KEYS = ("font", "indent", "align")


def _words(value: str) -> list[str]:
    return value.replace(",", " ").replace("，", " ").replace("、", " ").split()


def with_setting(sheet: StyleSheet, name: str, key: str, value: str) -> StyleSheet:
    """A copy of `sheet` with style `name`'s `key` set to `value` (text as typed); ValueError
    names what is wrong."""
    style = sheet.style(name)
    if style is None:
        known = "、".join(s.name for s in (*sheet.headlines, *sheet.paragraphs))
        raise ValueError(f"没有样式“{name}” / no style {name!r} (styles: {known})")
    if isinstance(style, HeadlineStyle):
        if key not in HEADLINE_KEYS:
            raise ValueError(
                f"标题样式没有“{key}” / headline styles have {', '.join(HEADLINE_KEYS)}"
            )
        changed: HeadlineStyle | ParagraphStyle = _set_headline(style, key, value)
        heads = tuple(changed if s.name == name else s for s in sheet.headlines)
        return StyleSheet(heads, sheet.paragraphs)  # type: ignore[arg-type]
    if key not in PARAGRAPH_KEYS:
        raise ValueError(f"段落样式没有“{key}” / paragraph styles have {', '.join(PARAGRAPH_KEYS)}")
    changes: dict[str, object] = {key: float(value) if key == "indent" else value}
    changed = replace(style, **changes)  # type: ignore[arg-type]
    paras = tuple(changed if p.name == name else p for p in sheet.paragraphs)
    return StyleSheet(sheet.headlines, paras)  # type: ignore[arg-type]


def _set_headline(style: HeadlineStyle, key: str, value: str) -> HeadlineStyle:
    if key == "sizes":
        return replace(style, sizes=tuple(_words(value)))
    if key == "ranks":
        return replace(style, ranks=tuple(int(r) for r in _words(value)))
    part, _, what = key.partition("-")
    if part in ("kicker", "subheadline"):
        spec: TypeSpec = getattr(style, part)
        spec = replace(spec, font=value) if what == "font" else replace(spec, size=value)
        return replace(style, **{part: spec})  # type: ignore[arg-type]
    return replace(style, **{key: value})  # type: ignore[arg-type]
