"""Proofreading rounds in the library: open on composed pages (with line snapshots), mark, resolve, close, diff rounds."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime

from app.model import Article
from app.model.proof import (
    MARK_STATUSES,
    PAGE_STATES,
    ROUND_KINDS,
    SIGNOFF,
    Mark,
    PageSignoff,
    ProofRound,
    now,
)
from app.proof.errors import ProofError
from app.proof.locate import locate
from app.proof.snapshot import LineChanges, changed_lines, page_lines
from app.store import Library
from layouts.display import ComposedPage, frame_owner


def frame_articles(library: Library, page_id: int) -> dict[str, Article]:
    """Owner id → article for the page's frames that show story text (bodies and teasers)."""
    out: dict[str, Article] = {}
    for frame in library.frames(page_id):
        if frame.article_id is not None and frame.kind in ("article", "teaser"):
            out[frame_owner(frame.id)] = library.article(frame.article_id)
    return out


def page_state(signoffs: Sequence[PageSignoff]) -> str:
    """Where a page stands: 待校 → 一校 → 二校 → 三校 → 签发, from its signatures."""
    done = {s.step for s in signoffs}
    for state in reversed(PAGE_STATES[1:]):
        if state in done:
            return state
    return PAGE_STATES[0]


def open_round_on(library: Library, page_id: int) -> ProofRound | None:
    page = library.page(page_id)
    assert page.issue_id is not None
    rounds = [r for r in library.proof_rounds(page.issue_id, page_id) if r.is_open]
    return rounds[-1] if rounds else None


def open_round(
    library: Library,
    issue_id: int,
    kind: str,
    proofreader: str,
    pages: Sequence[ComposedPage],
    *,
    colour: str = "",
    at: datetime | None = None,
) -> ProofRound:
    """Open a round (一校/二校/三校) on these composed pages, storing each page's lines.

    A page takes its rounds in order — 一校 on a page still 待校, 二校 after 一校 closed, and so
    on — and one round at a time.
    """
    if kind not in ROUND_KINDS:
        raise ProofError(f"未知校次 / unknown round {kind!r}: use one of {' '.join(ROUND_KINDS)}")
    if not proofreader.strip():
        raise ProofError("校次需要校对人 / a round needs the proofreader's name")
    if not pages:
        raise ProofError("校次需要版面 / a round needs at least one page")
    by_number = {p.number: p for p in library.pages(issue_id)}
    before = PAGE_STATES[ROUND_KINDS.index(kind)]  # the state a page must be in
    snapshots = {}
    with library.transaction():
        # On a server two rounds opened at once would both find the page free: take turns.
        library.serialize(f"proof-rounds:{issue_id}")
        for composed in pages:
            page = by_number.get(composed.number)
            if page is None or page.id is None:
                raise ProofError(
                    f"本期没有第{composed.number}版 / the issue has no page {composed.number}"
                )
            state = page_state(library.signoffs(page.id))
            if state != before:
                raise ProofError(
                    f"第{page.number}版现为“{state}”，不能开始{kind} / page {page.number} is at "
                    f"{state}: {kind} needs it at {before}"
                )
            running = open_round_on(library, page.id)
            if running is not None:
                raise ProofError(
                    f"第{page.number}版正在{running.kind}（{running.proofreader}） / page "
                    f"{page.number} is already in round {running.id} ({running.kind})"
                )
            snapshots[page.id] = page_lines(composed)
        try:
            rnd = ProofRound(issue_id, kind, proofreader, tuple(snapshots), at or now(), colour)
        except ValueError as e:
            raise ProofError(str(e)) from None
        return library.add_proof_round(rnd, snapshots)


def close_round(library: Library, round_id: int, *, at: datetime | None = None) -> ProofRound:
    """The proofreader hands the round back: each page advances to the round's kind, signed by
    the proofreader. Open marks stay open for the editors."""
    rnd = library.proof_round(round_id)
    if not rnd.is_open:
        raise ProofError(f"校次{round_id}已结束 / round {round_id} is already closed")
    closed = dataclasses.replace(rnd, closed_at=at or now())
    with library.transaction():
        library.update_proof_round(closed)
        for page_id in rnd.page_ids:
            library.add_signoff(PageSignoff(page_id, rnd.kind, rnd.proofreader, closed.closed_at))  # type: ignore[arg-type]
    return closed


def _open(library: Library, round_id: int) -> ProofRound:
    rnd = library.proof_round(round_id)
    if not rnd.is_open:
        raise ProofError(f"校次{round_id}已结束，不能再加标记 / round {round_id} is closed")
    return rnd


def add_mark(
    library: Library, mark: Mark, page: ComposedPage | None = None, *, at: datetime | None = None
) -> Mark:
    """Store a mark in its (open) round. Given the composed page, a mark not yet tied to text is
    tied to the article and characters under its box, when there are any."""
    rnd = _open(library, mark.round_id)
    if mark.page_id not in rnd.page_ids:
        raise ProofError(
            f"校次{rnd.id}不含该版 / round {rnd.id} does not cover page {mark.page_id}"
        )
    if page is not None and mark.article_id is None:
        found = locate(page, mark.box, frame_articles(library, mark.page_id))
        if found is not None:
            article_id, start, end = found
            mark = dataclasses.replace(mark, article_id=article_id, start=start, end=end)
    if mark.created_at is None:
        mark = dataclasses.replace(mark, created_at=at or now())
    return library.add_mark(mark)


def resolve_mark(
    library: Library, mark_id: int, status: str, by: str = "", *, at: datetime | None = None
) -> Mark:
    """Set a mark fixed, rejected (不改: the editor keeps the text) or open again."""
    if status not in MARK_STATUSES:
        raise ProofError(f"unknown mark status {status!r}: use one of {' '.join(MARK_STATUSES)}")
    mark = library.mark(mark_id)
    page = library.page(mark.page_id)
    if SIGNOFF in {s.step for s in library.signoffs(page.id)} and status == "open":  # type: ignore[arg-type]
        raise ProofError(f"第{page.number}版已签发 / page {page.number} is signed off")
    if status == "open":
        mark = dataclasses.replace(mark, status=status, resolved_at=None, resolved_by="")
    else:
        mark = dataclasses.replace(mark, status=status, resolved_at=at or now(), resolved_by=by)
    return library.update_mark(mark)


def previous_round(library: Library, rnd: ProofRound, page_id: int) -> ProofRound | None:
    """The last round before `rnd` that read this page."""
    earlier = [r for r in library.proof_rounds(rnd.issue_id, page_id) if r.id < rnd.id]  # type: ignore[operator]
    return earlier[-1] if earlier else None


def round_changes(
    library: Library, round_id: int, current: Sequence[ComposedPage] | None = None
) -> dict[int, LineChanges]:
    """Page id → the lines changed since the previous round read the page: as this round's
    snapshot shows them or, given `current` pages, as they compose now. Pages in their first
    round have no previous round and are left out."""
    rnd = library.proof_round(round_id)
    now_by_number = {p.number: p for p in current or ()}
    out: dict[int, LineChanges] = {}
    for page_id in rnd.page_ids:
        prev = previous_round(library, rnd, page_id)
        if prev is None:
            continue
        composed = now_by_number.get(library.page(page_id).number)
        lines = (
            page_lines(composed)
            if composed is not None
            else library.round_snapshot(rnd.id, page_id)  # type: ignore[arg-type]
        )
        out[page_id] = changed_lines(library.round_snapshot(prev.id, page_id), lines)  # type: ignore[arg-type]
    return out


def changed_since_opened(
    library: Library, round_id: int, current: Sequence[ComposedPage]
) -> dict[int, LineChanges]:
    """Page id → lines the editors changed since this round opened (for its proofreader)."""
    rnd = library.proof_round(round_id)
    numbers = {library.page(pid).number: pid for pid in rnd.page_ids}
    return {
        numbers[p.number]: changed_lines(
            library.round_snapshot(round_id, numbers[p.number]), page_lines(p)
        )
        for p in current
        if p.number in numbers
    }
