"""Command-line options of the export: takes an argparse parser, adds --preset, --per-page and --ascii-names (no heavy imports)."""

from __future__ import annotations

import argparse

from app.export.presets import PRESETS


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """The export subcommand's options for presets and per-page files."""
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default="screen",
        help="screen: 成品尺寸 / trim size; print: 3 mm出血、裁切线、版面信息 / "
        "3 mm bleed, crop marks, slug line (both PDF/X-1a)",
    )
    parser.add_argument(
        "--per-page",
        metavar="DIR",
        dest="per_page",
        help="每版一个文件 / also write one PDF per page into DIR (paper-date-page.pdf)",
    )
    parser.add_argument(
        "--ascii-names",
        action="store_true",
        help="ASCII文件名 / per-page names as banmian-1809-20190425-01.pdf",
    )
