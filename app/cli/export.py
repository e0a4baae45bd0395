"""`banmian export`: takes a library (or the built-in sample) and an issue, writes its PDF/X-1a file and/or one file per page, behind the print gates."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.library_arg import add_db_option, library_or_sample
from app.errors import UserError
from app.export.options import add_export_options

if TYPE_CHECKING:
    from app.model.document import IssueDoc
    from app.store import Library
    from layouts.display import ComposedPage


def add_parser(sub: Any) -> None:
    p = sub.add_parser("export", help="导出PDF / export an issue as PDF")
    add_db_option(p, "library file (default: $BANMIAN_LIBRARY, else the built-in sample)")
    p.add_argument("--issue", type=int, help="总期号 / cumulative issue number (default: newest)")
    p.add_argument("--out", help="PDF file to write (the whole issue)")
    add_export_options(p)
    p.add_argument(
        "--require-signoff",
        action="store_true",
        help="签发后才能付印 / refuse (exit 2, nothing written) if a page is not signed off",
    )
    p.add_argument(
        "--allow-preflight-errors",
        action="store_true",
        help="印前检查有错仍导出 / with --preset print, export despite preflight errors "
        "(listed as warnings); without it such an export is refused (exit 2, nothing written)",
    )


def run(args: argparse.Namespace) -> int:
    from app.export.files import check_target
    from app.export.issue import export_issue
    from app.proof.signoff import print_warnings
    from app.services import compose_issue, load_issue

    # The imported modules' objects live until exit: spare the cyclic GC re-scanning them
    # while composition and export allocate (measured: ~0.04 s of a 0.6 s export).
    gc.freeze()
    if not args.out and not args.per_page:
        raise UserError("需要 --out 或 --per-page / give --out FILE.pdf or --per-page DIR")
    with library_or_sample(args) as lib:
        inputs = lib.files
        # Refused targets (a library, an input, a folder that is not there) before any work.
        out = check_target(Path(args.out), inputs) if args.out else None
        doc = load_issue(lib, args.issue)
        if args.preset == "print" or args.require_signoff:
            # 付印: pages not signed off (签发) are named before anything is composed; with
            # --require-signoff they stop the export (ProofError → exit 2, no file).
            unready = print_warnings(lib, doc.issue)
            for line in unready:
                print(f"警告 / warning: {line}", file=sys.stderr)
            if unready and args.require_signoff:
                raise UserError(
                    f"签发后才能付印，未导出 / --require-signoff: {len(unready)} pages not "
                    "ready for print, nothing written"
                )
        pages = compose_issue(doc)
        if args.preset == "print":
            _preflight_gate(lib, doc, pages, allow=args.allow_preflight_errors)
        written = export_issue(
            doc,
            pages,
            out,
            preset=args.preset,
            per_page_dir=args.per_page,
            ascii_names=args.ascii_names,
            image_loader=lambda asset_id: lib.asset(asset_id).data,
            protect=inputs,
        )
    if args.out and written[0].name != Path(args.out).name:
        print(
            f"注意 / note: 文件名过长，已缩短 / the file name was too long for the file system, "
            f"shortened to {written[0].name}",
            file=sys.stderr,
        )
    overset = sum(f.count for p in pages for f in p.findings if f.kind == "overset")
    where = written[0].resolve() if out is not None else Path(args.per_page).resolve()
    print(f"已导出 / exported {len(pages)} pages ({args.preset}, PDF/X-1a): {where}")
    if overset:
        print(f"注意 / note: {overset} characters overset (run preflight)", file=sys.stderr)
    return 0


MAX_LISTED = 10  # errors named one per line before the refusal; the rest are counted


def _preflight_gate(lib: Library, doc: IssueDoc, pages: list[ComposedPage], *, allow: bool) -> None:
    """付印: preflight errors (a QR code too fine to scan, overset, a missing font…) stop a print
    export before anything is written, unless allowed; then they are warnings."""
    from app.cli.preflight import check_issue
    from app.preflight.run import ERROR, format_finding

    errors = [f for f in check_issue(lib, doc, pages) if f.severity == ERROR]
    if not errors:
        return
    label = "印前检查错误 / preflight error"
    for f in errors[:MAX_LISTED]:
        print(f"{label}: {format_finding(f).splitlines()[0]}", file=sys.stderr)
    if len(errors) > MAX_LISTED:
        print(f"{label}: … {len(errors) - MAX_LISTED} more (banmian preflight)", file=sys.stderr)
    if allow:
        print(
            f"注意 / note: 印前检查有{len(errors)}个错误，按 --allow-preflight-errors 仍导出 / "
            f"exporting despite {len(errors)} preflight errors (--allow-preflight-errors)",
            file=sys.stderr,
        )
        return
    raise UserError(
        f"印前检查有{len(errors)}个错误，未导出 / preflight found {len(errors)} errors: "
        "nothing written (see `banmian preflight`; --allow-preflight-errors to export anyway)"
    )
