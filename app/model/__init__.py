"""The document model: takes nothing, gives Publication, Issue, Page, Article, Frame, Asset — plain Python, no Qt (document.py: an issue loaded whole; proof.py: proof records)."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

ARTICLE_STATUSES = ("draft", "edited", "placed", "approved")

# Frame kinds: what a frame on a page shows.
FRAME_KINDS = (
    "article",  # a story's body (and, in its thread's first frame, its headline group)
    "teaser",  # a short pointer to a story elsewhere: opening paragraphs + （详见N版）
    "image",
    "qr",
    "masthead",  # 报头 on page 1
    "box",  # a boxed list such as the hotline box 便民电话
    "banner",  # 通栏 slogans
    "column_head",  # 栏题 such as 民有所呼 我有所应 / 创城为民创城惠民
    "text",  # free text (captions, notes)
)

MAX_COLUMNS = 24  # text columns in one frame: more than a broadsheet's grid has

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class Hotline:
    label: str  # e.g. "区政府"
    number: str  # e.g. "12345"


@dataclass
class Publication:
    """A newspaper: what every issue's masthead and running heads are generated from."""

    name: str
    sponsor: str  # 主办, e.g. 中共石景山区委宣传部主办
    permit: str = ""  # 准印证号 for internal papers
    cn_number: str = ""  # CN 11-xxxx/x for registered papers
    website: str = ""
    website_label: str = ""
    hotlines: list[Hotline] = field(default_factory=list)
    schedule: tuple[int, ...] = (1, 3)  # publishing weekdays, Monday = 0 (Tue, Thu)
    page_format: str = "tabloid"  # 四开
    qr_payload: str = ""
    qr_caption: str = ""
    id: int | None = None
    # The row's version in the library (app/store): a write based on another version is
    # refused. 0: not read from a library (a new row, or one built by hand). Not part of
    # equality: two objects with the same content are equal whatever their versions.
    version: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a publication needs a name")
        if not self.schedule or any(not 0 <= d <= 6 for d in self.schedule):
            raise ValueError("the publishing schedule needs weekdays 0 (Mon) .. 6 (Sun)")
        self.schedule = tuple(sorted(set(self.schedule)))


@dataclass
class Issue:
    """One issue, named by its cumulative number (总期号)."""

    date: date
    yearly_number: int  # 第30期
    cumulative_number: int  # 总第1809期
    page_count: int = 8
    colour_pages: frozenset[int] = frozenset({1, 8})  # press plan: the rest print black only
    publication_id: int | None = None
    id: int | None = None
    version: int = field(default=0, compare=False)  # see Publication.version

    def __post_init__(self) -> None:
        if self.yearly_number < 1 or self.cumulative_number < 1:
            raise ValueError("issue numbers start at 1")
        if self.yearly_number > self.cumulative_number:
            raise ValueError("the yearly number cannot exceed the cumulative number")
        if self.page_count < 1:
            raise ValueError("an issue has at least one page")
        self.colour_pages = frozenset(self.colour_pages)
        if any(not 1 <= p <= self.page_count for p in self.colour_pages):
            raise ValueError("the press plan names a page the issue does not have")

    @property
    def weekday_zh(self) -> str:
        return WEEKDAYS_ZH[self.date.weekday()]

    @property
    def date_zh(self) -> str:
        """2019年4月25日 (no zero padding, as Chinese mastheads print it)."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @property
    def numbers_zh(self) -> str:
        """第30期（总第1809期）: full-width brackets, as Chinese text takes (GB/T 15834)."""
        return f"第{self.yearly_number}期（总第{self.cumulative_number}期）"

    @property
    def pages_zh(self) -> str:
        return f"本期{self.page_count}版"

    def is_black_only(self, page_number: int) -> bool:
        return page_number not in self.colour_pages


@dataclass
class Credits:
    editor: str = ""  # 责任编辑
    designer: str = ""  # 美术编辑
    proofreader: str = ""  # 校对


@dataclass
class Page:
    number: int  # 版序, 1-based
    section: str  # 版名: 要闻, 综合, 社区 …
    template: str = "inside"  # "front" for page 1
    credits: Credits = field(default_factory=Credits)
    issue_id: int | None = None
    id: int | None = None
    version: int = field(default=0, compare=False)  # see Publication.version

    @property
    def label_zh(self) -> str:
        return f"第{self.number}版"


@dataclass
class Article:
    """A story in the issue's article bin (稿库); placed when a frame shows it."""

    headline: str  # 主题
    paragraphs: list[str]
    kicker: str = ""  # 引题
    subheadline: str = ""  # 副题
    # 电头 such as 本报讯(记者徐巍): kept verbatim at the start of the first paragraph, as
    # reporters write it; this field names it so the composer can set it in a bold face.
    byline: str = ""
    status: str = "draft"
    rank: int = 0  # 1 = lead story
    section: str = ""
    slug: str = ""  # a stable name for the desk, e.g. "lead-hotline"
    issue_id: int | None = None
    id: int | None = None
    version: int = field(default=0, compare=False)  # see Publication.version

    def __post_init__(self) -> None:
        if self.status not in ARTICLE_STATUSES:
            raise ValueError(f"unknown article status {self.status!r}")

    @property
    def char_count(self) -> int:
        """字数: body characters without whitespace, as the desk counts them."""
        return sum(len("".join(p.split())) for p in self.paragraphs)


@dataclass
class Frame:
    """A rectangle on a page, in points from the page's top-left (trim box), y down."""

    kind: str
    x: float
    y: float
    w: float
    h: float
    page_id: int | None = None
    columns: int = 1  # text columns inside the frame (gutter 1 字)
    article_id: int | None = None
    thread_index: int = 0  # place in its article's thread: 0 = first frame
    props: dict[str, Any] = field(default_factory=dict)  # kind-specific settings
    name: str = ""  # a stable name for templates and tests, e.g. "lead"
    id: int | None = None
    version: int = field(default=0, compare=False)  # see Publication.version

    def __post_init__(self) -> None:
        if self.kind not in FRAME_KINDS:
            raise ValueError(f"unknown frame kind {self.kind!r}")
        if not all(math.isfinite(v) for v in (self.x, self.y, self.w, self.h)):
            raise ValueError("a frame's position and size are finite numbers")
        if self.w <= 0 or self.h <= 0:
            raise ValueError("a frame needs a positive width and height")
        if not 1 <= self.columns <= MAX_COLUMNS:
            raise ValueError(f"a frame has 1 to {MAX_COLUMNS} columns")

    def moved(self, x: float, y: float) -> Frame:
        return replace(self, x=x, y=y)


@dataclass(frozen=True)
class Asset:
    """An image stored once, addressed by the SHA-256 of its bytes."""

    data: bytes
    mime: str
    width: int = 0
    height: int = 0

    @property
    def id(self) -> str:
        return hashlib.sha256(self.data).hexdigest()
