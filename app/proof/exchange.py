"""Proofs out and back: takes a round and its composed pages, gives the annotated proof PDF; a returned PDF gives marks."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.export.pdf import export_pdf
from app.model.proof import Mark, ProofRound, now
from app.proof.annotate import (
    CHANGE_NAME,
    MARK_NAME,
    AnnotatedPage,
    PdfAnnotation,
    annotate_pdf,
    change_annotation,
    mark_annotation,
    parse_contents,
    read_annotations,
)
from app.proof.errors import ProofError
from app.proof.locate import locate
from app.proof.rounds import frame_articles, round_changes
from app.store import Library
from layouts.display import ComposedPage

ImageLoader = Callable[[str], bytes]


def round_pages(
    library: Library, rnd: ProofRound, pages: Sequence[ComposedPage]
) -> list[ComposedPage]:
    """The composed pages the round covers, by number; every one must be there."""
    by_number = {p.number: p for p in pages}
    out = []
    for page_id in rnd.page_ids:
        number = library.page(page_id).number
        if number not in by_number:
            raise ProofError(f"缺少第{number}版的排版结果 / page {number} was not composed")
        out.append(by_number[number])
    return out


def export_round_proof(
    library: Library,
    round_id: int,
    pages: Sequence[ComposedPage],
    out: str | os.PathLike[str],
    *,
    changes: bool = True,
    earlier_open: bool = True,
    image_loader: ImageLoader | None = None,
    title: str = "",
) -> int:
    """Write the round's pages as they compose now, with its marks as annotations in the
    round's colour; `earlier_open` adds earlier rounds' marks still open (in their colours),
    `changes` highlights lines changed since the previous round. Returns the marks written."""
    rnd = library.proof_round(round_id)
    chosen = round_pages(library, rnd, pages)
    changed = round_changes(library, round_id, chosen) if changes else {}
    rounds = {r.id: r for r in library.proof_rounds(rnd.issue_id)}
    specs: list[AnnotatedPage] = []
    written = 0
    for page_id, composed in zip(rnd.page_ids, chosen, strict=True):
        annotations = []
        if page_id in changed:
            annotations += [
                change_annotation(line, composed.number, i)
                for i, line in enumerate(changed[page_id].changed)
            ]
        for mark in library.marks(page_id=page_id):
            mine = mark.round_id == rnd.id and mark.status != "rejected"
            carried = earlier_open and mark.is_open and mark.round_id < rnd.id  # type: ignore[operator]
            if mine or carried:
                annotations.append(mark_annotation(mark, rounds[mark.round_id]))
                written += 1
        specs.append(AnnotatedPage(composed.number, tuple(annotations)))
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="banmian-proof-") as folder:
        plain = Path(folder) / "plain.pdf"
        export_pdf(
            chosen,
            str(plain),
            title=title or f"{rnd.kind} {rnd.proofreader}",
            author=rnd.proofreader,
            image_loader=image_loader,
        )
        annotate_pdf(plain, out, specs, when=rnd.opened_at)
    return written


@dataclass
class ImportReport:
    added: list[Mark] = field(default_factory=list)
    known: int = 0  # our own marks, already in the library
    skipped: list[str] = field(default_factory=list)  # one line each: why not imported


def _merge_replacements(annots: list[PdfAnnotation]) -> list[PdfAnnotation]:
    """Acrobat's "replace text" is a struck-out passage plus a caret answering it (/IRT): one 改正
    with the caret's text, on the struck-out box."""
    merged = list(annots)
    drop: set[int] = set()
    for i, a in enumerate(annots):
        if a.subtype != "Caret" or a.in_reply_to is None:
            continue
        # in_reply_to indexes the page's annotations; find that one on the same page.
        same_page = [j for j, b in enumerate(annots) if b.page_index == a.page_index]
        target = same_page[a.in_reply_to] if a.in_reply_to < len(same_page) else None
        if target is not None and annots[target].subtype == "StrikeOut":
            struck = annots[target]
            merged[i] = PdfAnnotation(
                a.page_index,
                a.page_number,
                "Replace",
                struck.box,
                f"改正：{a.contents.strip()}" if a.contents.strip() else "改正",
                a.author or struck.author,
                a.subject,
                a.name,
            )
            drop.add(target)
    return [a for i, a in enumerate(merged) if i not in drop]


def import_returned_pdf(
    library: Library,
    round_id: int,
    pdf: str | os.PathLike[str],
    pages: Sequence[ComposedPage] | None = None,
) -> ImportReport:
    """Turn the annotations of a returned proof into marks of the (open) round, all in one
    transaction. Pages are found by the number we wrote into the PDF, else by position in the
    round; with the composed pages given, marks on text are tied to article and characters."""
    rnd = library.proof_round(round_id)
    if not rnd.is_open:
        raise ProofError(f"校次{round_id}已结束 / round {round_id} is closed: open the next one")
    numbers = {library.page(pid).number: pid for pid in rnd.page_ids}
    composed = {p.number: p for p in pages or ()}
    report = ImportReport()
    pending: list[Mark] = []
    at = now()
    for a in _merge_replacements(read_annotations(pdf)):
        if a.name.startswith(CHANGE_NAME):
            continue
        if a.name.startswith(MARK_NAME):
            report.known += 1
            continue
        number = a.page_number
        if number is None and a.page_index < len(rnd.page_ids):
            number = library.page(rnd.page_ids[a.page_index]).number
        if number not in numbers:
            report.skipped.append(
                f"PDF第{a.page_index + 1}页不在校次{round_id}中 / PDF page {a.page_index + 1} "
                f"is not a page of round {round_id}"
            )
            continue
        kind, proposed, note = parse_contents(a.contents, a.subject, a.subtype)
        mark = Mark(
            round_id=round_id,
            page_id=numbers[number],
            box=a.box,
            kind=kind,
            proposed=proposed,
            note=note,
            author=a.author if a.author != rnd.proofreader else "",
            created_at=at,
        )
        page = composed.get(number)
        if page is not None:
            found = locate(page, mark.box, frame_articles(library, mark.page_id))
            if found is not None:
                mark.article_id, mark.start, mark.end = found
        pending.append(mark)
    report.added = library.add_marks(pending)
    return report
