"""Preflight: takes an issue and its composed pages, gives the findings that would stop or spoil the print.

Each finding names its page, its frame and the fix; errors must be fixed before the pages go
to the press, warnings are worth a look. The checks live in checks.py (text, fonts, frames, the
issue), ink.py (colour, images), qr.py (QR codes), pages.py (holes, legs, overlaps, cut stories)
and placeholders.py (the sample's stand-ins).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.export.embed import embeddable
from app.model.document import IssueDoc
from app.preflight import checks, ink
from app.preflight import pages as makeup_checks
from app.preflight.damage import damaged_rows
from app.preflight.findings import (
    ERROR,
    SEVERITIES,
    WARNING,
    ImageInfo,
    ImageInfoSource,
    PreflightFinding,
    image_info_from_bytes,
)
from app.preflight.placeholders import placeholders
from app.preflight.qr import check_qr_codes
from layouts.display import ComposedPage

__all__ = [
    "ERROR",
    "WARNING",
    "ImageInfo",
    "ImageInfoSource",
    "PreflightFinding",
    "format_finding",
    "has_errors",
    "image_info_from_bytes",
    "preflight",
    "summary",
]


def preflight(
    doc: IssueDoc,
    pages: Sequence[ComposedPage],
    *,
    image_info: ImageInfoSource | None = None,
    decode_qr: bool = True,
    makeup: bool = True,
) -> list[PreflightFinding]:
    """Every finding for the issue, errors first, then by page and frame.

    `image_info` tells the size and colour mode of an image asset (ppi and RGB checks; images
    are reported as unchecked without it). `decode_qr` renders each QR code through the PDF
    renderer and decodes it with zxing-cpp; off, only the module size is checked. `makeup`
    checks the pages as a whole (holes, unbalanced legs, overlapping frames: app/preflight/
    pages.py); stories cut with no continuation and the sample's stand-ins are always checked.
    """
    names = checks.frame_names(doc)
    # The faces the PDF will embed: CFF converted (cached); one that cannot be converted
    # stays as it is and checks.fonts reports it.
    pages = embeddable(pages, skip_failed=True)
    found: list[PreflightFinding] = []
    found += checks.missing_glyphs(pages, names)  # before the composer's: lists every char
    found += checks.composer_findings(pages, names)
    found += checks.fonts(pages, names)
    found += ink.black_only_colour(pages, names)
    found += ink.colour_rules(pages, names)
    found += ink.images(pages, names, image_info)
    found += checks.empty_frames(doc, pages, names)
    found += check_qr_codes(pages, names, decode=decode_qr)
    found += checks.issue_checks(doc, pages, names)
    found += damaged_rows(doc, names)
    found += makeup_checks.cut_stories(doc, pages, names)
    if makeup:
        found += makeup_checks.page_holes(doc, pages, names)
        found += makeup_checks.unbalanced_columns(doc, pages, names)
        found += makeup_checks.overlapping_frames(doc, names)
    found += placeholders(doc, names, image_info)
    return sort_findings(_dedupe(found))


# Codes that the composer and preflight's own scans may both report for the same frame:
# one finding per frame is kept (the first), the others are the same problem seen twice.
_ONCE_PER_FRAME = {"overset", "missing_glyph"}


def _dedupe(findings: list[PreflightFinding]) -> list[PreflightFinding]:
    seen: set[tuple[str, int | None, str, str]] = set()
    # A story cut in its last frame is the overset of that frame, said more precisely: one row.
    cut = {(f.page, f.frame) for f in findings if f.code == "story_cut"}
    out = []
    for f in findings:
        if f.code == "overset" and (f.page, f.frame) in cut:
            continue
        key = (f.code, f.page, f.frame, "" if f.code in _ONCE_PER_FRAME else f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def sort_findings(findings: list[PreflightFinding]) -> list[PreflightFinding]:
    return sorted(
        findings,
        key=lambda f: (SEVERITIES.index(f.severity), f.page or 0, f.frame, f.code, f.message),
    )


def has_errors(findings: Sequence[PreflightFinding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def summary(findings: Sequence[PreflightFinding]) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    return f"印前检查：{errors}个错误，{warnings}个警告 / preflight: {errors} errors, {warnings} warnings"


def format_finding(f: PreflightFinding) -> str:
    """Two lines for a terminal: where and what, then the fix."""
    where = f"第{f.page}版" if f.page is not None else "全期"
    if f.frame:
        where += f" {f.frame_name or f.frame}"
    label = "错误 error" if f.severity == ERROR else "警告 warning"
    return f"[{label}] {where} · {f.code}: {f.message}\n    → {f.fix}"
