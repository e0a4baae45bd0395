"""`banmian preflight [--db FILE] [--issue N] [--json]`: takes a library issue, prints its preflight findings, exits 1 on errors."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from app.cli.library_arg import add_db_option, library_or_sample

if TYPE_CHECKING:
    from app.model.document import IssueDoc
    from app.preflight.findings import ImageInfo, PreflightFinding
    from app.store import Library
    from layouts.display import ComposedPage

EXIT_ERRORS = 1  # the CLI keeps 2 for user mistakes (no such file, no such issue)


def add_parser(sub: Any) -> None:
    """Add the `preflight` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "preflight",
        help="印前检查 / check an issue before it goes to the press",
        description="印前检查：超字、缺字、字体、颜色、图片分辨率、二维码、空框、版数、报头、"
        "版面空白（天窗）、分栏平衡、版框重叠、稿件中断、示例内容。"
        " Exit status 1 when there are errors. / Preflight: overset, missing glyphs, fonts, "
        "colour, image ppi, QR codes, empty frames, page count, masthead, holes, unbalanced "
        "legs, overlapping frames, stories cut with no continuation, the sample's stand-ins.",
    )
    add_db_option(p, "library file (default: $BANMIAN_LIBRARY, else the built-in sample)")
    p.add_argument("--issue", type=int, help="总期号 / cumulative issue number (default: newest)")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")


def check_issue(lib: Library, doc: IssueDoc, pages: list[ComposedPage]) -> list[PreflightFinding]:
    """The issue's preflight findings, its images read from the library (also the print gate)."""
    from app.preflight.run import image_info_from_bytes, preflight
    from app.store import LibraryError

    def image_info(asset_id: str) -> ImageInfo | None:
        try:
            return image_info_from_bytes(lib.asset(asset_id).data)
        except (LibraryError, OSError):
            return None  # reported as a missing image

    return preflight(doc, pages, image_info=image_info)


def run(args: argparse.Namespace) -> int:
    """Compose the issue, preflight it, print the findings; 1 if any is an error, else 0."""
    from app.preflight.run import format_finding, has_errors, summary
    from app.services import compose_issue, load_issue

    with library_or_sample(args) as lib:
        doc = load_issue(lib, args.issue)
        pages = compose_issue(doc)
        findings = check_issue(lib, doc, pages)
    if args.json:
        report = {
            "issue": doc.issue.cumulative_number,
            "pages": len(pages),
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
            "findings": [f.to_dict() for f in findings],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{doc.publication.name} {doc.issue.numbers_zh} {doc.issue.date_zh}")
        for f in findings:
            print(format_finding(f))
        print(summary(findings))
    return EXIT_ERRORS if has_errors(findings) else 0
