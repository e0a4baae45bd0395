"""Model ↔ row mapping: takes model objects or row dicts, gives the other (dates ISO, lists JSON)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from app.model import Article, Asset, Credits, Frame, Hotline, Issue, Page, Publication

Row = dict[str, Any]


def to_json(value: Any) -> str:
    # ensure_ascii=False keeps hanzi readable in the file; sort_keys makes the bytes deterministic.
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _without_id(row: Row) -> Row:
    return {key: value for key, value in row.items() if key != "id"}


def publication_row(pub: Publication) -> Row:
    row = dataclasses.asdict(pub)
    row["hotlines"] = to_json([{"label": h.label, "number": h.number} for h in pub.hotlines])
    row["schedule"] = to_json(list(pub.schedule))
    return _without_id(row)


def publication_from_row(row: Row) -> Publication:
    fields = dict(row)
    fields["hotlines"] = [Hotline(**h) for h in json.loads(row["hotlines"])]
    fields["schedule"] = tuple(json.loads(row["schedule"]))
    return Publication(**fields)


def issue_row(issue: Issue) -> Row:
    return {
        "publication_id": issue.publication_id,
        "date": issue.date.isoformat(),
        "yearly_number": issue.yearly_number,
        "cumulative_number": issue.cumulative_number,
        "page_count": issue.page_count,
        "colour_pages": to_json(sorted(issue.colour_pages)),
    }


def issue_from_row(row: Row) -> Issue:
    return Issue(
        date=date.fromisoformat(row["date"]),
        yearly_number=row["yearly_number"],
        cumulative_number=row["cumulative_number"],
        page_count=row["page_count"],
        colour_pages=frozenset(json.loads(row["colour_pages"])),
        publication_id=row["publication_id"],
        id=row["id"],
    )


def page_row(page: Page) -> Row:
    row = _without_id(dataclasses.asdict(page))
    row["credits"] = to_json(dataclasses.asdict(page.credits))
    return row


def page_from_row(row: Row) -> Page:
    known = {f.name for f in dataclasses.fields(Credits)}
    credits = {k: v for k, v in json.loads(row["credits"]).items() if k in known}
    return Page(
        number=row["number"],
        section=row["section"],
        template=row["template"],
        credits=Credits(**credits),
        issue_id=row["issue_id"],
        id=row["id"],
    )


def article_row(article: Article) -> Row:
    row = _without_id(dataclasses.asdict(article))
    row["paragraphs"] = to_json(list(article.paragraphs))
    return row


def article_from_row(row: Row) -> Article:
    fields = dict(row)
    fields["paragraphs"] = json.loads(row["paragraphs"])
    return Article(**fields)


def frame_row(frame: Frame) -> Row:
    row = _without_id(dataclasses.asdict(frame))
    row["props"] = to_json(frame.props)
    return row


def frame_from_row(row: Row) -> Frame:
    fields = dict(row)
    fields["props"] = json.loads(row["props"])
    return Frame(**fields)


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
