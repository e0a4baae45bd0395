"""`banmian proof …`: takes command-line arguments, runs rounds, marks, annotated proofs, returned PDFs and sign-off headless."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.library_arg import add_db_option, required_library
from app.errors import UserError
from app.model import Issue
from app.model.proof import (
    MARK_STATUS_ZH,
    REVIEW_STEPS,
    ROUND_KINDS,
    SIGNOFF,
    Mark,
    Rect,
    article_text,
)
from app.store import Library
from layouts.display import ComposedPage


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add `proof` and its subcommands to the top-level subparsers."""
    p = sub.add_parser("proof", help="三审三校 / proofreading rounds, marks and sign-off")
    cmds = p.add_subparsers(dest="proof_command", metavar="STEP", required=True)

    def cmd(name: str, help_: str) -> argparse.ArgumentParser:
        c = cmds.add_parser(name, help=help_)
        add_db_option(c)
        return c

    c = cmd("open-round", "开始校次 / open a round on pages (snapshots their lines)")
    c.add_argument("--issue", type=int, help="总期号 / cumulative number (default: newest)")
    c.add_argument("--kind", required=True, choices=ROUND_KINDS)
    c.add_argument("--proofreader", help="校对人 (default: this desk's person, --user)")
    c.add_argument("--pages", help="版序 / page numbers, e.g. 1,2,5 (default: all)")

    c = cmd("close-round", "结束校次 / close a round: its pages advance, signed")
    c.add_argument("--round", type=int, required=True, dest="round_id")

    c = cmd("mark", "加校对标记 / add a mark (box in points from the trim top-left)")
    c.add_argument("--round", type=int, required=True, dest="round_id")
    c.add_argument("--page", type=int, required=True, help="版序 / page number")
    c.add_argument("--box", required=True, help="x,y,w,h in points, y down")
    c.add_argument("--kind", required=True, help="改正 删除 增补 对调 另起行 移位 保留 …")
    c.add_argument("--text", default="", help="建议文字 / the proposed text")
    c.add_argument("--note", default="")

    c = cmd("marks", "列出标记 / list marks")
    c.add_argument("--issue", type=int)
    c.add_argument("--round", type=int, dest="round_id")
    c.add_argument("--page", type=int, help="版序 / page number")
    c.add_argument("--status", default="open", choices=["open", "fixed", "rejected", "all"])
    c.add_argument("--json", action="store_true", help="one JSON object per line")

    c = cmd("resolve", "处理标记 / set a mark fixed, rejected or open")
    c.add_argument("mark_id", type=int)
    c.add_argument("--status", required=True, choices=["fixed", "rejected", "open"])
    c.add_argument("--by", help="处理人 (default: this desk's person, --user)")

    c = cmd("annotate", "导出带标记的校样PDF / export the round's annotated proof")
    c.add_argument("--round", type=int, required=True, dest="round_id")
    c.add_argument("--out", required=True)
    c.add_argument("--no-changes", action="store_true", help="do not highlight changed lines")

    c = cmd("import-pdf", "导入返回的校样 / annotations in a returned PDF become marks")
    c.add_argument("--round", type=int, required=True, dest="round_id")
    c.add_argument("pdf")

    c = cmd("diff", "本校次改动行 / lines changed since the previous round")
    c.add_argument("--round", type=int, required=True, dest="round_id")

    c = cmd("status", "版面状态 / each page's state, signatures and open marks")
    c.add_argument("--issue", type=int)
    c.add_argument(
        "--print",
        action="store_true",
        dest="for_print",
        help="付印检查 / exit 1 if any page is not signed off",
    )

    c = cmd("sign", "签字 / sign a review (初审 复审 终审) or the sign-off 签发")
    c.add_argument("--issue", type=int)
    c.add_argument("--page", type=int, required=True, help="版序 / page number")
    c.add_argument("--step", required=True, choices=[*REVIEW_STEPS, SIGNOFF])
    c.add_argument("--person", help="签字人 (default: this desk's person, --user)")
    c.add_argument(
        "--after-fixes", action="store_true", help="改后付印: sign with marks still open"
    )
    return p


def _compose(library: Library, cumulative: int) -> list[ComposedPage]:
    """The issue's pages as they compose now (the only step that needs the engine)."""
    from app.services import compose_issue, load_issue

    return compose_issue(load_issue(library, cumulative))


def _issue(library: Library, number: int | None) -> Issue:
    """The issue by cumulative number (总期号), or the newest."""
    if number is not None:
        return library.issue_by_number(number)
    issues = library.issues()
    if not issues:
        raise UserError("库中没有报纸期次 / the library holds no issue")
    return issues[-1]


def _page_id(library: Library, issue_id: int, number: int) -> int:
    for page in library.pages(issue_id):
        if page.number == number:
            return page.id  # type: ignore[return-value]
    raise UserError(f"本期没有第{number}版 / the issue has no page {number}")


def _box(text: str) -> Rect:
    try:
        x, y, w, h = (float(v) for v in text.split(","))
        return Rect(x, y, w, h)
    except ValueError as e:
        raise UserError(f"--box 应为 x,y,w,h / --box needs x,y,w,h in points: {text!r}") from e


def _describe(library: Library, mark: Mark) -> dict[str, Any]:
    page = library.page(mark.page_id)
    d: dict[str, Any] = {
        "id": mark.id,
        "round": mark.round_id,
        "page": page.number,
        "kind": mark.kind,
        "status": mark.status,
        "proposed": mark.proposed,
        "note": mark.note,
        "box": [round(v, 2) for v in (mark.box.x, mark.box.y, mark.box.w, mark.box.h)],
        "author": mark.author,
    }
    if mark.article_id is not None and mark.start is not None:
        article = library.article(mark.article_id)
        text = article_text(article.paragraphs)
        d.update(article=mark.article_id, start=mark.start, end=mark.end)
        d["text"] = text[mark.start : mark.end]
        d["headline"] = article.headline
    return d


def run_open_round(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.rounds import open_round

    issue = _issue(lib, args.issue)
    pages = _compose(lib, issue.cumulative_number)
    if args.pages:
        wanted = {int(n) for n in args.pages.split(",")}
        pages = [p for p in pages if p.number in wanted]
        missing = wanted - {p.number for p in pages}
        if missing:
            raise UserError(f"本期没有第{min(missing)}版 / the issue has no page {min(missing)}")
    rnd = open_round(lib, issue.id, args.kind, args.proofreader or lib.person, pages)
    numbers = ",".join(str(p.number) for p in pages)
    print(f"校次 round {rnd.id}: {rnd.kind} {rnd.proofreader} ({rnd.colour}) pages {numbers}")
    return 0


def run_close_round(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.rounds import close_round

    rnd = close_round(lib, args.round_id)
    open_marks = sum(len(lib.marks(page_id=p, status="open")) for p in rnd.page_ids)
    print(
        f"校次 round {rnd.id} closed: {len(rnd.page_ids)} pages at {rnd.kind}; {open_marks} open marks"
    )
    return 0


def run_mark(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.rounds import add_mark

    rnd = lib.proof_round(args.round_id)
    page_id = _page_id(lib, rnd.issue_id, args.page)
    composed = {p.number: p for p in _compose(lib, lib.issue(rnd.issue_id).cumulative_number)}
    try:
        mark = Mark(rnd.id, page_id, _box(args.box), args.kind, args.text, args.note)  # type: ignore[arg-type]
        if lib.person != rnd.proofreader:  # who drew it, when not the round's proofreader
            mark = dataclasses.replace(mark, author=lib.person)
    except ValueError as e:
        raise UserError(str(e)) from None
    mark = add_mark(lib, mark, composed.get(args.page))
    print(json.dumps(_describe(lib, mark), ensure_ascii=False, sort_keys=True))
    return 0


def run_marks(lib: Library, args: argparse.Namespace) -> int:
    status = None if args.status == "all" else args.status
    if args.round_id is not None:
        issue_id = lib.proof_round(args.round_id).issue_id
    else:
        issue_id = _issue(lib, args.issue).id
    page_id = _page_id(lib, issue_id, args.page) if args.page is not None else None
    marks = lib.marks(issue_id=issue_id, round_id=args.round_id, page_id=page_id, status=status)
    for mark in marks:
        d = _describe(lib, mark)
        if args.json:
            print(json.dumps(d, ensure_ascii=False, sort_keys=True))
            continue
        where = (
            f"《{d['headline']}》[{d['start']}:{d['end']}]“{d['text']}”"
            if "text" in d
            else "(版面)"
        )
        proposed = f" → “{mark.proposed}”" if mark.proposed else ""
        print(
            f"#{mark.id} 第{d['page']}版 {mark.kind} {MARK_STATUS_ZH[mark.status]} {where}{proposed}"
            + (f" {mark.note}" if mark.note else "")
        )
    if not args.json:
        print(f"{len(marks)} marks", file=sys.stderr)
    return 0


def run_resolve(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.rounds import resolve_mark

    mark = resolve_mark(lib, args.mark_id, args.status, args.by or lib.person)
    print(f"#{mark.id} {mark.kind} {MARK_STATUS_ZH[mark.status]}")
    return 0


def run_annotate(lib: Library, args: argparse.Namespace) -> int:
    from app.export.files import check_target
    from app.proof.exchange import export_round_proof

    out = check_target(Path(args.out), lib.files)  # never over the library
    rnd = lib.proof_round(args.round_id)
    pages = _compose(lib, lib.issue(rnd.issue_id).cumulative_number)
    count = export_round_proof(
        lib,
        rnd.id,  # type: ignore[arg-type]
        pages,
        out,
        changes=not args.no_changes,
        image_loader=lambda asset_id: lib.asset(asset_id).data,
    )
    print(f"已导出校样 / annotated proof written: {out.resolve()} ({count} marks)")
    return 0


def run_import_pdf(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.exchange import import_returned_pdf

    if not Path(args.pdf).is_file():
        raise UserError(f"找不到文件 / no such file: {args.pdf}")
    rnd = lib.proof_round(args.round_id)
    pages = _compose(lib, lib.issue(rnd.issue_id).cumulative_number)
    report = import_returned_pdf(lib, rnd.id, args.pdf, pages)  # type: ignore[arg-type]
    on_text = sum(1 for m in report.added if m.on_text)
    print(
        f"导入 imported {len(report.added)} marks ({on_text} on text), {report.known} already known"
    )
    for line in report.skipped:
        print(line, file=sys.stderr)
    return 0


def run_diff(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.rounds import round_changes

    rnd = lib.proof_round(args.round_id)
    changes = round_changes(lib, rnd.id)  # type: ignore[arg-type]
    for page_id in rnd.page_ids:
        number = lib.page(page_id).number
        if page_id not in changes:
            print(f"第{number}版: 首次校对 / first round on this page")
            continue
        diff = changes[page_id]
        print(f"第{number}版: {len(diff.changed)} lines changed, {len(diff.removed)} before")
        for line in diff.changed:
            print(f"  + {line.text}")
        for line in diff.removed:
            print(f"  - {line.text}")
    return 0


def run_status(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.signoff import issue_status, print_warnings

    issue = _issue(lib, args.issue)
    for s in issue_status(lib, issue):
        signed = " ".join(
            f"{step}:{s.signed[step].person}@{s.signed[step].at:%m-%d %H:%M}"
            for step in (*ROUND_KINDS, *REVIEW_STEPS, SIGNOFF)
            if step in s.signed
        )
        current = f" [{s.round.kind}中 round {s.round.id}]" if s.round else ""
        print(f"第{s.page.number}版 {s.state}{current} 待改{s.open_marks} {signed}".rstrip())
    if args.for_print:
        warnings = print_warnings(lib, issue)
        for line in warnings:
            print(line, file=sys.stderr)
        return 1 if warnings else 0
    return 0


def run_sign(lib: Library, args: argparse.Namespace) -> int:
    from app.proof.signoff import sign

    issue = _issue(lib, args.issue)
    page_id = _page_id(lib, issue.id, args.page)
    s = sign(lib, page_id, args.step, args.person or lib.person, after_fixes=args.after_fixes)
    note = f" ({s.note})" if s.note else ""
    print(f"第{args.page}版 {s.step} {s.person} {s.at.isoformat()}{note}")
    return 0


STEPS: dict[str, Callable[[Library, argparse.Namespace], int]] = {
    "open-round": run_open_round,
    "close-round": run_close_round,
    "mark": run_mark,
    "marks": run_marks,
    "resolve": run_resolve,
    "annotate": run_annotate,
    "import-pdf": run_import_pdf,
    "diff": run_diff,
    "status": run_status,
    "sign": run_sign,
}


def run(args: argparse.Namespace) -> int:
    """Run `proof STEP`; errors are UserError/LibraryError for app.cli.main.main to print."""
    with required_library(args, "proof") as lib:
        return STEPS[args.proof_command](lib, args)
