"""The proofreading model: ProofRound, Mark, PageSignoff, SnapshotLine — plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Three proofreading rounds, one colour each (NEWSPAPER.md, Workflow: 三审三校).
ROUND_KINDS = ("一校", "二校", "三校")
ROUND_COLOURS = {"一校": "red", "二校": "blue", "三校": "green"}
# Annotation colours for PDF /C (DeviceRGB: an annotated proof is a screen and desk document,
# never the print file, and RGB is what every PDF viewer honours for annotations).
COLOUR_RGB: dict[str, tuple[float, float, float]] = {
    "red": (0.9, 0.0, 0.0),
    "blue": (0.0, 0.25, 0.9),
    "green": (0.0, 0.6, 0.15),
}

# Page status: the proofreading rounds in order, then the sign-off 签发 (付印).
PAGE_STATES = ("待校", "一校", "二校", "三校", "签发")
# Three reviews: 初审 desk editor, 复审 department head, 终审 editor-in-chief; no one signs two.
REVIEW_STEPS = ("初审", "复审", "终审")
SIGNOFF = "签发"
AFTER_FIXES = "改后付印"  # sign-off with open marks: print after the listed fixes
SIGN_STEPS = (*ROUND_KINDS, *REVIEW_STEPS, SIGNOFF)

MARK_STATUSES = ("open", "fixed", "rejected")
MARK_STATUS_ZH = {"open": "待改", "fixed": "已改", "rejected": "不改"}

# Proofreading marks of GB/T 14706-1993 《校对符号及其用法》, by its four groups: changing
# characters; moving them; spacing; and the rest. 另起行 and 移位 are the newsroom's names for the
# standard's 另起段 and 转移 (both accepted, see MARK_ALIASES).
MARK_KINDS = (
    "改正",
    "删除",
    "增补",
    "改正上下角",
    "转正",
    "对调",
    "接排",
    "另起行",
    "移位",
    "上下移",
    "左右移",
    "排齐",
    "排阶梯形",
    "正图",
    "加大空距",
    "减小空距",
    "空字距",
    "分开",
    "保留",
    "代替",
    "说明",
)
MARK_ALIASES = {
    "另起段": "另起行",
    "转移": "移位",
    "fix": "改正",
    "replace": "改正",
    "delete": "删除",
    "insert": "增补",
    "swap": "对调",
    "join": "接排",
    "newline": "另起行",
    "break": "另起行",
    "move": "移位",
    "keep": "保留",
    "stet": "保留",
    "note": "说明",
}


def mark_kind(name: str) -> str:
    """The GB/T 14706 kind for a name or alias; ValueError for anything else."""
    name = name.strip()
    kind = MARK_ALIASES.get(name.lower(), MARK_ALIASES.get(name, name))
    if kind not in MARK_KINDS:
        raise ValueError(f"未知校对符号 / unknown proof mark kind {name!r}")
    return kind


def now() -> datetime:
    """Local time with its UTC offset, to the second (what sign-off sheets record)."""
    return datetime.now().astimezone().replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Rect:
    """A box in points from the page's top-left (trim box), y down — the display list's space."""

    x: float
    y: float
    w: float
    h: float

    def __post_init__(self) -> None:
        if self.w < 0 or self.h < 0:
            raise ValueError(f"a box cannot have a negative size: {self.w} × {self.h}")

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x2 and self.y <= y <= self.y2

    def union(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.x2, other.x2) - x, max(self.y2, other.y2) - y)

    @classmethod
    def from_corners(cls, x1: float, y1: float, x2: float, y2: float) -> Rect:
        return cls(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))


@dataclass
class ProofRound:
    """One proofreading round (一校/二校/三校) on a set of pages, by one proofreader."""

    issue_id: int
    kind: str
    proofreader: str
    page_ids: tuple[int, ...]
    opened_at: datetime
    colour: str = ""  # red/blue/green; empty means the kind's colour
    closed_at: datetime | None = None
    id: int | None = None
    version: int = field(default=0, compare=False)  # see app.model.Publication.version

    def __post_init__(self) -> None:
        if self.kind not in ROUND_KINDS:
            raise ValueError(f"未知校次 / unknown proofreading round {self.kind!r}")
        if not self.proofreader.strip():
            raise ValueError("校次需要校对人 / a round needs the proofreader's name")
        if not self.page_ids:
            raise ValueError("校次需要版面 / a round needs at least one page")
        self.page_ids = tuple(self.page_ids)
        self.colour = self.colour or ROUND_COLOURS[self.kind]
        if self.colour not in COLOUR_RGB:
            raise ValueError(f"unknown round colour {self.colour!r}")

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass
class Mark:
    """A proofreader's mark: a box on a page and, when on text, an article's character range.

    `start`/`end` index the article's text as article_text() joins it (paragraphs with "\\n"),
    so a range may cross paragraphs; an empty range (start == end) is an insertion point.
    """

    round_id: int
    page_id: int
    box: Rect
    kind: str
    proposed: str = ""  # the text that should stand there (one line)
    note: str = ""
    article_id: int | None = None
    start: int | None = None
    end: int | None = None
    status: str = "open"
    author: str = ""  # who drew it, when not the round's proofreader (e.g. a returned PDF's /T)
    created_at: datetime | None = None
    resolved_at: datetime | None = None
    resolved_by: str = ""
    id: int | None = None
    version: int = field(default=0, compare=False)  # see app.model.Publication.version

    def __post_init__(self) -> None:
        self.kind = mark_kind(self.kind)
        if self.status not in MARK_STATUSES:
            raise ValueError(f"unknown mark status {self.status!r}")
        if "\n" in self.proposed:
            # The first line of an annotation's /Contents is "kind：proposed" (annotate.py).
            raise ValueError("建议文字只能一行 / the proposed text must be one line; use the note")
        if (self.start is None) != (self.end is None):
            raise ValueError("a character range needs both start and end")
        if self.start is not None:
            if self.article_id is None:
                raise ValueError("a character range needs its article")
            if not 0 <= self.start <= self.end:  # type: ignore[operator]
                raise ValueError(f"bad character range {self.start}..{self.end}")

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def on_text(self) -> bool:
        return self.start is not None

    def contents(self) -> str:
        """The annotation text: "kind：proposed" then the note on the following lines."""
        head = f"{self.kind}：{self.proposed}" if self.proposed else self.kind
        return f"{head}\n{self.note}" if self.note else head


@dataclass(frozen=True)
class PageSignoff:
    """One signature on a page: a proofreading round closed, a review, or the sign-off 签发."""

    page_id: int
    step: str  # one of SIGN_STEPS
    person: str
    at: datetime
    note: str = ""  # e.g. 改后付印
    id: int | None = None
    version: int = field(default=0, compare=False)  # see app.model.Publication.version

    def __post_init__(self) -> None:
        if self.step not in SIGN_STEPS:
            raise ValueError(f"unknown sign-off step {self.step!r}")
        if not self.person.strip():
            raise ValueError("签字需要姓名 / a signature needs a name")


@dataclass(frozen=True, slots=True)
class SnapshotLine:
    """One composed line as a proofreader saw it: its frame, its characters and its box."""

    frame: str  # owner id, e.g. "frame-12"
    text: str
    box: Rect


def article_text(paragraphs: list[str] | tuple[str, ...]) -> str:
    """The text mark ranges index: the article's paragraphs joined by newlines."""
    return "\n".join(paragraphs)
