"""`banmian library copy SRC DST`: takes two libraries (file paths or postgresql:// URLs), copies the first into the second (a new file or an empty database) and prints what went."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.errors import UserError


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add the `library` subcommand (its one step: copy) to the CLI's subparsers."""
    p = sub.add_parser("library", help="整库操作 / whole-library operations (copy)")
    steps = p.add_subparsers(dest="library_command", metavar="STEP", required=True)
    c = steps.add_parser(
        "copy",
        help="复制整库 / copy a whole library: file → server, server → file, server → server",
        description="把整个版面库复制到新文件或空数据库，原样保留全部期次、稿件、版框、图片、修订、"
        "校对与签字。/ Copy a whole library into a new file or an empty PostgreSQL database: "
        "every issue, story, frame, picture, revision, proof round, mark, signature and the "
        "change log, as they are. A destination that exists (a file, a database holding "
        "tables) is refused.",
    )
    c.add_argument("source", metavar="SRC", help="库文件或 postgresql:// 地址 / file or URL")
    c.add_argument(
        "destination", metavar="DST", help="新文件或空数据库 / new file or empty database"
    )
    c.add_argument("--quiet", action="store_true", help="不显示进度 / no progress on stderr")
    return p


def run(args: argparse.Namespace) -> int:
    from app.services import library_location
    from app.store.copy import copy_library

    source = library_location(args.source)
    destination = library_location(args.destination)
    if isinstance(source, Path) and not source.exists():
        raise UserError(f"找不到库文件 / no such library file: {source}")
    live = not args.quiet and sys.stderr.isatty()
    shown: dict[str, int] = {}

    def progress(table: str, rows: int) -> None:
        # On a terminal: one line per table, rewritten in place as it grows.
        if live and (table not in shown or rows - shown[table] >= 1000):
            if shown and table not in shown:
                print(file=sys.stderr)
            shown[table] = rows
            print(f"\r{table}: {rows}", end="", file=sys.stderr, flush=True)

    report = copy_library(source, destination, progress)
    if shown:
        print(file=sys.stderr)
    print(report.line())
    return 0
