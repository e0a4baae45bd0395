"""Drafts: takes a recognised article, gives it tidied, size-checked, with full-width suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from app.errors import UserError
from app.intake.corpus import byline_of
from app.intake.limits import MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS
from app.intake.pictures import Picture
from app.intake.punctuation import Fix, apply_fixes, remove_stray_spaces, suggest_fullwidth
from app.intake.text import paragraph_too_long
from app.model import Article

HEAD_FIELDS = ("kicker", "headline", "subheadline")
HEAD_MAX_CHARS = 200  # a kicker, headline or subheadline longer than this is not one
_RUN = re.compile(r"[ \t\u00a0]+")
_EDGE = " \t\u00a0\u3000\n"


@dataclass(frozen=True)
class Suggestion:
    """A full-width fix offered in one field: `index` is the paragraph (0 for head fields)."""

    field: str  # "kicker", "headline", "subheadline" or "paragraphs"
    index: int
    fix: Fix


@dataclass
class FileDrafts:
    """Everything read from one file before it is stored: its drafts (or, for a picture file,
    its picture) and what to tell the user."""

    source: str  # the path as given
    kind: str  # docx, txt, md, json
    drafts: list[Draft]
    notes: list[str] = field(default_factory=list)
    encoding: str = ""
    # A picture file on its own: it joins a story when stored (app/intake/commit.py).
    pictures: list[Picture] = field(default_factory=list)


@dataclass
class Draft:
    """One article read from a file, checked and ready to store (no ids yet)."""

    article: Article
    how: str  # what the headline was recognised from: styles, labels, shape, corpus
    pictures: list[Picture] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    fullwidth_applied: bool = False
    spaces_removed: int = 0


def _head(text: str) -> str:
    # Headlines keep the space (or full-width space) that separates their parts, one of it.
    return _RUN.sub(" ", text).strip(_EDGE)


def suggestions_for(article: Article) -> list[Suggestion]:
    """Every ASCII mark in the article's Chinese text with the full-width one it should be."""
    out = [
        Suggestion(name, 0, fix)
        for name in HEAD_FIELDS
        for fix in suggest_fullwidth(getattr(article, name))
    ]
    for i, paragraph in enumerate(article.paragraphs):
        out += [Suggestion("paragraphs", i, fix) for fix in suggest_fullwidth(paragraph)]
    return out


def apply_suggestions(article: Article, suggestions: list[Suggestion]) -> Article:
    """A copy of the article with the given suggestions made; the 电头 is recognised again."""
    changes: dict[tuple[str, int], list[Fix]] = {}
    for s in suggestions:
        changes.setdefault((s.field, s.index), []).append(s.fix)
    heads = {
        name: apply_fixes(getattr(article, name), changes.get((name, 0), []))
        for name in HEAD_FIELDS
    }
    paragraphs = [
        apply_fixes(p, changes.get(("paragraphs", i), [])) for i, p in enumerate(article.paragraphs)
    ]
    byline = byline_of(paragraphs[0]) if paragraphs else ""
    return replace(article, paragraphs=paragraphs, byline=byline, **heads)


def _check_size(article: Article, name: str) -> None:
    for field_name in HEAD_FIELDS:
        n = len(getattr(article, field_name))
        if n > HEAD_MAX_CHARS:
            raise UserError(
                f"标题过长（{n:,}字）：{name} / a {field_name} of {n:,} characters: {name}"
            )
    for paragraph in article.paragraphs:
        if len(paragraph) > MAX_PARAGRAPH_CHARS:
            raise paragraph_too_long(name, len(paragraph))
    total = sum(len(p) for p in article.paragraphs)
    if total > MAX_ARTICLE_CHARS:
        raise UserError(
            f"稿件过长（{total:,}字，上限{MAX_ARTICLE_CHARS:,}字）：{name} / an article of "
            f"{total:,} characters (limit {MAX_ARTICLE_CHARS:,}): {name}"
        )


def make_draft(article: Article, name: str, how: str, *, tidy: bool, fullwidth: bool) -> Draft:
    """Check sizes, strip edges, remove stray spaces between Han (when `tidy`), and offer — or
    with `fullwidth` make — full-width punctuation. Raises UserError for an oversized article."""
    _check_size(article, name)
    heads = {f: _head(getattr(article, f)) for f in HEAD_FIELDS}
    paragraphs: list[str] = []
    removed = 0
    for raw in article.paragraphs:
        text = raw.strip(_EDGE)
        if not text:
            continue
        if tidy:
            # The 电头 keeps its spaces: 本报讯（通讯员周岩 海泽玥） separates two names.
            keep = 0 if paragraphs else len(byline_of(text))
            rest, n = remove_stray_spaces(text[keep:])
            text, removed = text[:keep] + rest, removed + n
        paragraphs.append(text)
    byline = byline_of(paragraphs[0]) if paragraphs else ""
    article = replace(article, paragraphs=paragraphs, byline=byline, **heads)
    suggestions = suggestions_for(article)
    if fullwidth and suggestions:
        article = apply_suggestions(article, suggestions)
    return Draft(
        article,
        how,
        suggestions=suggestions,
        fullwidth_applied=fullwidth and bool(suggestions),
        spaces_removed=removed,
    )
