"""Proofreading ↔ rows: takes ProofRound, Mark, PageSignoff, SnapshotLine or row dicts, gives the other."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.model.proof import Mark, PageSignoff, ProofRound, Rect, SnapshotLine
from app.store.rows import to_json

Row = dict[str, Any]


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def round_row(rnd: ProofRound) -> Row:
    return {
        "issue_id": rnd.issue_id,
        "kind": rnd.kind,
        "proofreader": rnd.proofreader,
        "colour": rnd.colour,
        "opened_at": _time(rnd.opened_at),
        "closed_at": _time(rnd.closed_at),
    }


def round_from_row(row: Row, page_ids: tuple[int, ...]) -> ProofRound:
    opened = _parse_time(row["opened_at"])
    assert opened is not None  # NOT NULL in the schema
    return ProofRound(
        issue_id=row["issue_id"],
        kind=row["kind"],
        proofreader=row["proofreader"],
        page_ids=page_ids,
        opened_at=opened,
        colour=row["colour"],
        closed_at=_parse_time(row["closed_at"]),
        id=row["id"],
        version=row.get("version", 0),
    )


def lines_json(lines: list[SnapshotLine] | tuple[SnapshotLine, ...]) -> str:
    # Boxes rounded to 1/100 pt: enough to highlight a line, and the bytes stay deterministic.
    return to_json(
        [
            {
                "frame": ln.frame,
                "text": ln.text,
                "box": [round(v, 2) for v in (ln.box.x, ln.box.y, ln.box.w, ln.box.h)],
            }
            for ln in lines
        ]
    )


def lines_from_json(text: str) -> list[SnapshotLine]:
    return [SnapshotLine(d["frame"], d["text"], Rect(*d["box"])) for d in json.loads(text)]


def mark_row(mark: Mark) -> Row:
    return {
        "round_id": mark.round_id,
        "page_id": mark.page_id,
        "x": mark.box.x,
        "y": mark.box.y,
        "w": mark.box.w,
        "h": mark.box.h,
        "kind": mark.kind,
        "proposed": mark.proposed,
        "note": mark.note,
        "article_id": mark.article_id,
        "char_start": mark.start,
        "char_end": mark.end,
        "status": mark.status,
        "author": mark.author,
        "created_at": _time(mark.created_at),
        "resolved_at": _time(mark.resolved_at),
        "resolved_by": mark.resolved_by,
    }


def mark_from_row(row: Row) -> Mark:
    return Mark(
        round_id=row["round_id"],
        page_id=row["page_id"],
        box=Rect(row["x"], row["y"], row["w"], row["h"]),
        kind=row["kind"],
        proposed=row["proposed"],
        note=row["note"],
        article_id=row["article_id"],
        start=row["char_start"],
        end=row["char_end"],
        status=row["status"],
        author=row["author"],
        created_at=_parse_time(row["created_at"]),
        resolved_at=_parse_time(row["resolved_at"]),
        resolved_by=row["resolved_by"],
        id=row["id"],
        version=row.get("version", 0),
    )


def signoff_row(s: PageSignoff) -> Row:
    return {
        "page_id": s.page_id,
        "step": s.step,
        "person": s.person,
        "at": _time(s.at),
        "note": s.note,
    }


def signoff_from_row(row: Row) -> PageSignoff:
    at = _parse_time(row["at"])
    assert at is not None  # NOT NULL in the schema
    return PageSignoff(
        row["page_id"],
        row["step"],
        row["person"],
        at,
        row["note"],
        row["id"],
        row.get("version", 0),
    )
