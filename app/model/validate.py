"""Row validation: takes a library row's column values, gives the model object (repaired where a safe value exists) and one Damage per bad field.

A row written by another program, an old bug or a bad disk may hold anything SQLite stores:
text where a number belongs, NaN, 1e300, JSON that does not parse. Loading must never crash on
it nor let it allocate without bound: each bad field becomes a Damage (one line naming the page
and frame) and the row is either kept with a safe value (a size clamped to the page, a default
status) or left out whole (a frame with no usable geometry). Preflight shows the Damages.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from app.model import (
    ARTICLE_STATUSES,
    FRAME_KINDS,
    MAX_COLUMNS,
    Article,
    Credits,
    Frame,
    Hotline,
    Issue,
    Page,
    Publication,
)
from app.model.damage import Damage, FieldProblem, shown
from layouts.units import mm

BLEED = mm(3)  # a frame may reach this far past the trim (a bled picture); no further
MIN_EXTENT = 1.0  # points: less than this left on the page is no frame at all
MAX_PAGES = 999  # an issue with more pages than this is a damaged row, not a newspaper
UNKNOWN_DATE = date(1900, 1, 1)  # stands in for an unreadable date: plainly wrong on the masthead
Row = Mapping[str, Any]


# -- values ------------------------------------------------------------------------------------


def number(value: Any) -> float:
    """A finite real number (SQLite hands back text when a column holds non-numeric text)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldProblem("不是数", "is not a number")
    if not math.isfinite(value):
        raise FieldProblem("不是有限的数", "is not a finite number")
    return float(value)


def whole(value: Any, lo: int, hi: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldProblem("不是整数", "is not a whole number")
    if not lo <= value <= hi:
        raise FieldProblem(f"不在{lo}到{hi}之间", f"is not between {lo} and {hi}")
    return value


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldProblem("不是文字", "is not text")
    return value


def json_of(value: Any, kind: type) -> Any:
    try:
        decoded = json.loads(text(value))
    except (FieldProblem, ValueError) as e:
        raise FieldProblem("不是有效的JSON", "is not valid JSON") from e
    if not isinstance(decoded, kind):
        raise FieldProblem(f"不是JSON {kind.__name__}", f"is not a JSON {kind.__name__}")
    return decoded


def _strings(value: Any) -> list[str]:
    items = json_of(value, list)
    if not all(isinstance(p, str) for p in items):
        raise FieldProblem("含非文字的项", "holds items that are not text")
    return items


# Frame props the program reads, each with its check; other keys are kept as they are.
def _size(value: Any) -> float:
    v = number(value)
    if not 0 < v <= 1000:
        raise FieldProblem("不在0到1000点之间", "is not between 0 and 1000 pt")
    return v


def _pixels(value: Any) -> list[float]:
    if not isinstance(value, list) or len(value) != 2:
        raise FieldProblem("不是[宽, 高]", "is not [width, height]")
    if any(not 0 < number(v) < 1e6 for v in value):
        raise FieldProblem("像素数不合理", "holds an impossible pixel count")
    return value


WRAP_MAX_MM = 50.0  # white around a wrapped frame: more than 5 cm is no wrap but a hole


def _offset(value: Any) -> float:
    v = number(value)
    if not 0 <= v <= WRAP_MAX_MM:
        raise FieldProblem(
            f"不在0到{WRAP_MAX_MM:g}毫米之间", f"is not between 0 and {WRAP_MAX_MM:g} mm"
        )
    return v


def _wrap(value: Any) -> Any:
    """A text wrap (绕排): none, one offset in mm, or offsets per side."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, dict):
        if not set(value) <= {"top", "right", "bottom", "left"}:
            raise FieldProblem("含未知的边", "names an unknown side")
        for v in value.values():
            _offset(v)
        return value
    return _offset(value)


def _crop(value: Any) -> Any:
    """The part of a picture shown: [x0, y0, x1, y1] as fractions of its width and height."""
    if value is None:
        return value
    if not isinstance(value, list) or len(value) != 4:
        raise FieldProblem("不是[左, 上, 右, 下]", "is not [left, top, right, bottom]")
    x0, y0, x1, y1 = (number(v) for v in value)
    if not (0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1):
        raise FieldProblem("不在图片之内", "is not inside the picture")
    return value


PROPS: dict[str, Callable[[Any], Any]] = {
    "headline_size": lambda v: v if v is None else _size(v),
    "paragraphs": lambda v: whole(v, 0, 10_000),
    "head_white": lambda v: whole(v, 0, 20),
    "pinned": lambda v: v if isinstance(v, bool) else _bad(),
    "lines": lambda v: v if isinstance(v, list) and all(isinstance(s, str) for s in v) else _bad(),
    "title_size": _pixels,
    **{
        key: text
        for key in ("asset", "title_asset", "caption", "credit", "title", "subtitle", "payload")
    },
    "wrap": _wrap,
    "crop": _crop,
    "source_image": text,
    "error": lambda v: v if v in ("L", "M", "Q", "H", "l", "m", "q", "h") else _bad(),
}


def _bad() -> Any:
    raise FieldProblem("不合要求", "is not allowed here")


def check_props(props: dict[str, Any]) -> None:
    """FieldProblem (naming the key) if a prop the program reads has a value it cannot use."""
    for key, check in PROPS.items():
        if key in props:
            try:
                check(props[key])
            except FieldProblem as e:
                raise FieldProblem(f"{key} {e.zh}", f"{key} {e.en}") from e


# -- rows ----------------------------------------------------------------------------------------


class _Checker:
    """Collects the Damages of one row while its fields are read."""

    def __init__(self, table: str, row: Row, **where: Any) -> None:
        self.table, self.row, self.where = table, row, where
        self.damages: list[Damage] = []
        self.left_out = False

    def damage(self, field: str, value: Any, e: FieldProblem, **outcome: Any) -> None:
        kept = bool(outcome)
        self.left_out |= not kept
        self.damages.append(
            Damage(
                self.table,
                self.row.get("id"),
                field,
                shown(value),
                e.zh,
                e.en,
                kept,
                **outcome,
                **self.where,
            )
        )

    def get(
        self,
        field: str,
        check: Callable[[Any], Any],
        fallback: Any = ...,
        zh: str = "",
        en: str = "",
        value: Any = ...,
    ) -> Any:
        """The checked column (or `value`); on a problem `fallback` (the row kept) or None (the
        row left out)."""
        value = self.row.get(field) if value is ... else value
        try:
            return check(value)
        except FieldProblem as e:
            if fallback is ...:
                self.damage(field, value, e)
                return None
            zh = zh or f"已改用{shown(fallback)}"
            en = en or f"{shown(fallback)} used instead"
            self.damage(field, value, e, outcome_zh=zh, outcome_en=en)
            return fallback


def frame_from_columns(
    row: Row, page_size: tuple[float, float]
) -> tuple[Frame | None, list[Damage]]:
    """A frame, its rectangle clamped to the page (trim plus bleed); None if it cannot be drawn."""
    name = row.get("name") if isinstance(row.get("name"), str) else ""
    c = _Checker("frames", row, page_id=row.get("page_id"), name=name or str(row.get("kind", "")))
    kind = c.get("kind", lambda v: v if v in FRAME_KINDS else _unknown())
    x, y = c.get("x", number), c.get("y", number)
    w, h = c.get("w", _positive), c.get("h", _positive)
    columns = c.get("columns", lambda v: whole(v, 1, MAX_COLUMNS))
    thread_index = c.get("thread_index", lambda v: whole(v, 0, 1_000_000))
    article_id = c.get("article_id", lambda v: v if v is None else whole(v, 1, 2**63 - 1))
    props = c.get("props", lambda v: json_of(v, dict))
    for key, check in PROPS.items() if isinstance(props, dict) else ():
        if key in props:
            c.get(f"props.{key}", check, value=props[key])
    if c.left_out:
        return None, c.damages
    box = _clamp((x, y, w, h), page_size)
    if box is None:
        c.damage("x, y", (x, y), FieldProblem("在版面之外", "is off the page"))
        return None, c.damages
    if box != (x, y, w, h):
        for field, before, after in zip(("x", "y", "w", "h"), (x, y, w, h), box, strict=True):
            if before != after:
                problem = FieldProblem("超出版面", "reaches past the page")
                c.damage(
                    field,
                    before,
                    problem,
                    outcome_zh=f"已裁到版面内（{after:.1f}）",
                    outcome_en=f"clamped to the page ({after:.1f})",
                )
    frame = Frame(
        kind,
        *box,
        page_id=row.get("page_id"),
        columns=columns,
        article_id=article_id,
        thread_index=thread_index,
        props=props,
        name=name,
        id=row.get("id"),
        version=_version(row),
    )
    return frame, c.damages


def _version(row: Row) -> int:
    """The row's version (app/store); 0 for a row from before versions, or a damaged one."""
    value = row.get("version", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _positive(value: Any) -> float:
    v = number(value)
    if v <= 0:
        raise FieldProblem("不是正数", "is not positive")
    return v


def _unknown() -> Any:
    raise FieldProblem("是未知的类型", "is an unknown kind")


def _clamp(
    box: tuple[float, float, float, float], page: tuple[float, float]
) -> tuple[float, float, float, float] | None:
    x, y, w, h = box
    x0, y0 = max(x, -BLEED), max(y, -BLEED)
    x1, y1 = min(x + w, page[0] + BLEED), min(y + h, page[1] + BLEED)
    if x1 - x0 < MIN_EXTENT or y1 - y0 < MIN_EXTENT:
        return None
    return (x, y, w, h) if (x0, y0, x1, y1) == (x, y, x + w, y + h) else (x0, y0, x1 - x0, y1 - y0)


def article_from_columns(row: Row) -> tuple[Article | None, list[Damage]]:
    """A story; its text must read whole (else it is left out), status and rank are repaired."""
    headline = row.get("headline")
    c = _Checker(
        "articles",
        row,
        issue_id=row.get("issue_id"),
        name=headline if isinstance(headline, str) else "",
    )
    fields = {
        f: c.get(f, text)
        for f in ("headline", "kicker", "subheadline", "byline", "section", "slug")
    }
    paragraphs = c.get("paragraphs", _strings)
    status = c.get("status", lambda v: v if v in ARTICLE_STATUSES else _unknown(), "draft")
    rank = c.get("rank", lambda v: whole(v, 0, 1_000_000), 0)
    if c.left_out:
        return None, c.damages
    article = Article(
        paragraphs=paragraphs,
        status=status,
        rank=rank,
        issue_id=row.get("issue_id"),
        id=row.get("id"),
        version=_version(row),
        **fields,
    )
    return article, c.damages


def page_from_columns(row: Row) -> tuple[Page | None, list[Damage]]:
    c = _Checker("pages", row, issue_id=row.get("issue_id"))
    number_ = c.get("number", lambda v: whole(v, 1, MAX_PAGES))
    section, template = c.get("section", text), c.get("template", text)
    credits = c.get("credits", lambda v: json_of(v, dict), {}, "已清空", "emptied")
    if c.left_out:
        return None, c.damages
    known = {f.name for f in dataclasses.fields(Credits)}
    kept = {k: v for k, v in credits.items() if k in known and isinstance(v, str)}
    page = Page(
        number_,
        section,
        template,
        Credits(**kept),
        issue_id=row.get("issue_id"),
        id=row.get("id"),
        version=_version(row),
    )
    return page, c.damages


def issue_from_columns(row: Row) -> tuple[Issue | None, list[Damage]]:
    """An issue; its numbers must read (they name it), the rest is repaired."""
    cumulative = row.get("cumulative_number")
    c = _Checker("issues", row, issue_id=row.get("id"), name=f"总第{cumulative}期")
    cumulative = c.get("cumulative_number", lambda v: whole(v, 1, 10**9))
    yearly = c.get("yearly_number", lambda v: whole(v, 1, cumulative or 10**9))
    if c.left_out:
        return None, c.damages
    day = c.get("date", lambda v: _date(text(v)), UNKNOWN_DATE)
    count = c.get("page_count", lambda v: whole(v, 1, MAX_PAGES), 8)
    colour = c.get(
        "colour_pages",
        lambda v: _colour(v, count),
        frozenset(),
        "已改为全部黑白",
        "all pages black only",
    )
    issue = Issue(
        day,
        yearly,
        cumulative,
        count,
        colour,
        row.get("publication_id"),
        row.get("id"),
        _version(row),
    )
    return issue, c.damages


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise FieldProblem("不是有效的日期", "is not a valid date") from e


def _colour(value: Any, count: int) -> frozenset[int]:
    pages = json_of(value, list)
    if not all(isinstance(p, int) and 1 <= p <= count for p in pages):
        raise FieldProblem("含不存在的版", "names a page the issue does not have")
    return frozenset(pages)


def publication_from_columns(
    row: Row, formats: tuple[str, ...]
) -> tuple[Publication, list[Damage]]:
    """The newspaper: always kept (every issue needs it), each bad field given a safe value."""
    c = _Checker("publication", row)
    name = c.get("name", lambda v: text(v) if text(v).strip() else _bad(), "？")
    fields = {
        f: c.get(f, text, "")
        for f in (
            "sponsor",
            "permit",
            "cn_number",
            "website",
            "website_label",
            "qr_payload",
            "qr_caption",
        )
    }
    hotlines = c.get("hotlines", _hotlines, [], "已清空", "emptied")
    schedule = c.get("schedule", _schedule, (1, 3))
    page_format = c.get("page_format", lambda v: v if v in formats else _unknown(), formats[0])
    pub = Publication(
        name,
        hotlines=hotlines,
        schedule=schedule,
        page_format=page_format,
        id=row.get("id"),
        version=_version(row),
        **fields,
    )
    return pub, c.damages


def _hotlines(value: Any) -> list[Hotline]:
    items = json_of(value, list)
    try:
        return [Hotline(text(h["label"]), text(h["number"])) for h in items]
    except (TypeError, KeyError) as e:
        raise FieldProblem("不是[{label, number}]", "is not [{label, number}]") from e


def _schedule(value: Any) -> tuple[int, ...]:
    days = json_of(value, list)
    if not days or not all(isinstance(d, int) and 0 <= d <= 6 for d in days):
        raise FieldProblem("不是星期0到6", "is not weekdays 0 to 6")
    return tuple(days)
