"""Intake of corpus files (../shared/corpus format) into an issue's article bin, all or nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.model import Article, Issue
from app.store import Library

# 电头 such as 本报讯(记者徐巍) or 本报讯（通讯员周岩 海泽玥）, at the start of the first paragraph.
BYLINE = re.compile(
    r"^(?:本报讯|本报[^\s，,。]{0,12}电|新华社[^\s，,。]{0,12}电)[（(][^）)]{1,40}[）)]"
)


def byline_of(paragraph: str) -> str:
    m = BYLINE.match(paragraph)
    return m.group(0) if m else ""


def _text(value: Any, what: str, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise UserError(f"格式错误 / bad corpus: {where}: {what} is not text")
    return value


def articles_from_corpus(data: Any, source: str) -> list[Article]:
    """Validate a corpus document and turn its articles into bin articles (not yet stored)."""
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise UserError(f"格式错误 / bad corpus: {source}: no 'articles' list")
    out = []
    for n, a in enumerate(data["articles"], 1):
        where = f"{source}: article {n}"
        if not isinstance(a, dict):
            raise UserError(f"格式错误 / bad corpus: {where} is not an object")
        paragraphs = a.get("paragraphs")
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            raise UserError(f"格式错误 / bad corpus: {where}: 'paragraphs' must be a list of text")
        headline = _text(a.get("headline"), "headline", where).strip()
        if not headline:
            raise UserError(f"格式错误 / bad corpus: {where} has no headline")
        rank = a.get("rank", 0)
        out.append(
            Article(
                headline=headline,
                paragraphs=[p for p in paragraphs if p.strip()],
                kicker=_text(a.get("kicker"), "kicker", where),
                subheadline=_text(a.get("subhead", a.get("subheadline")), "subhead", where),
                byline=byline_of(paragraphs[0]) if paragraphs else "",
                rank=rank if isinstance(rank, int) else 0,
                section=_text(a.get("section"), "section", where),
                slug=_text(a.get("id"), "id", where),
            )
        )
    return out


def import_corpus(library: Library, issue: Issue, path: str | Path) -> list[Article]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"找不到文件 / no such file: {p}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UserError(f"不是有效的JSON / not valid JSON: {p}: {e}") from None
    articles = articles_from_corpus(data, p.name)
    stored = []
    with library.transaction():  # all or nothing
        for a in articles:
            a.issue_id = issue.id
            stored.append(library.add_article(a))
    return stored
