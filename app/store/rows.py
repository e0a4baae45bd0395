"""Model ↔ row mapping: takes model objects or row dicts, gives the other (dates ISO, lists JSON).

Rows are read through app/model/validate.py: a damaged row raises DamagedRow, or — when the
caller passes a `damaged` list — is reported there and repaired or left out (see Library).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

from app.model import Article, Asset, Frame, Issue, Page, Publication
from app.model import validate as v
from app.model.damage import Damage
from app.store.errors import DamagedRow, LibraryError

M = TypeVar("M")
Row = dict[str, Any]
Damaged = list[Damage] | None  # where a loader reports damage (None: raise on a row left out)


def _loaded(found: tuple[M | None, list[Damage]], damaged: Damaged) -> M:
    """The object, its damage reported; DamagedRow if it had to be left out."""
    obj, damages = found
    if damaged is not None:
        damaged.extend(damages)
    if obj is None:
        raise DamagedRow(damages)
    return obj


def to_json(value: Any) -> str:
    # ensure_ascii=False keeps hanzi readable in the file; sort_keys makes the bytes deterministic.
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _without_id(row: Row) -> Row:
    """The columns a write sets: the id names the row, the version is the store's (library.py)."""
    return {key: value for key, value in row.items() if key not in ("id", "version")}


def publication_row(pub: Publication) -> Row:
    row = dataclasses.asdict(pub)
    row["hotlines"] = to_json([{"label": h.label, "number": h.number} for h in pub.hotlines])
    row["schedule"] = to_json(list(pub.schedule))
    return _without_id(row)


def publication_from_row(
    row: Row, formats: tuple[str, ...], damaged: Damaged = None
) -> Publication:
    return _loaded(v.publication_from_columns(row, formats), damaged)


def issue_row(issue: Issue) -> Row:
    return {
        "publication_id": issue.publication_id,
        "date": issue.date.isoformat(),
        "yearly_number": issue.yearly_number,
        "cumulative_number": issue.cumulative_number,
        "page_count": issue.page_count,
        "colour_pages": to_json(sorted(issue.colour_pages)),
    }


def issue_from_row(row: Row, damaged: Damaged = None) -> Issue:
    return _loaded(v.issue_from_columns(row), damaged)


def page_row(page: Page) -> Row:
    row = _without_id(dataclasses.asdict(page))
    row["credits"] = to_json(dataclasses.asdict(page.credits))
    return row


def page_from_row(row: Row, damaged: Damaged = None) -> Page:
    return _loaded(v.page_from_columns(row), damaged)


def article_row(article: Article) -> Row:
    row = _without_id(dataclasses.asdict(article))
    row["paragraphs"] = to_json(list(article.paragraphs))
    return row


def article_from_row(row: Row, damaged: Damaged = None) -> Article:
    return _loaded(v.article_from_columns(row), damaged)


def frame_row(frame: Frame) -> Row:
    try:
        v.check_props(frame.props)  # what loading would refuse is not written either
    except v.FieldProblem as e:
        raise LibraryError(f"版框属性{e.zh} / a frame property {e.en}: {frame.props}") from e
    row = _without_id(dataclasses.asdict(frame))
    row["props"] = to_json(frame.props)
    return row


def frame_from_row(row: Row, page_size: tuple[float, float], damaged: Damaged = None) -> Frame:
    """The frame, its rectangle clamped to a page of `page_size` (points) plus bleed."""
    return _loaded(v.frame_from_columns(row, page_size), damaged)


def asset_row(asset: Asset) -> Row:
    return {
        "id": asset.id,
        "mime": asset.mime,
        "width": asset.width,
        "height": asset.height,
        "data": asset.data,
    }


def asset_from_row(row: Row) -> Asset:
    return Asset(
        data=bytes(row["data"]), mime=row["mime"], width=row["width"], height=row["height"]
    )
