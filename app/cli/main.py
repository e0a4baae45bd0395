"""The command line: `banmian [sample|export|next-issue|fonts|layout] …`; no subcommand opens the app."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.cli import export as export_cli
from app.cli import house_style as house_style_cli
from app.cli import library as library_cli
from app.cli import preflight as preflight_cli
from app.cli import qr as qr_cli
from app.cli import server as server_cli
from app.cli.failures import one_line
from app.cli.library_arg import (
    TOP,
    add_db_option,
    library_or_sample,
    named_library,
    required_library,
)
from app.errors import UserError
from app.store import Library


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="banmian",
        description="版面 Banmian — 报纸排版 / layout for Chinese newspapers. "
        "Without a subcommand the desktop app opens.",
    )
    ap.add_argument(
        "--db",
        dest=TOP,
        metavar="LIBRARY",
        help="库文件 / library file, for the app and every subcommand "
        "(default: $BANMIAN_LIBRARY, else the per-user library; subcommands that read an "
        "issue use the built-in sample when no library is named)",
    )
    ap.add_argument(
        "--user",
        metavar="NAME",
        help="本工作台的人 / who works at this desk, recorded with every change, revision, "
        "mark and signature (default: $BANMIAN_USER, else the system user)",
    )
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("sample", help="写出示例期次的库 / write a library holding the sample issue")
    add_db_option(p, "new library file")

    export_cli.add_parser(sub)

    p = sub.add_parser("next-issue", help="创建下一期 / create the following issue")
    add_db_option(p)
    p.add_argument(
        "--from",
        dest="from_issue",
        type=int,
        required=True,
        help="cumulative number of the issue to follow",
    )

    sub.add_parser("fonts", help="列出字体 / which font file serves which face")

    p = sub.add_parser("import", help="稿件入库 / put .docx .txt .md .json files in the bin")
    add_db_option(p)
    p.add_argument("--issue", type=int, required=True)
    p.add_argument(
        "--fullwidth",
        action="store_true",
        help="半角标点改全角 / apply the suggested full-width punctuation",
    )
    p.add_argument("files", nargs="+", metavar="FILE")

    p = sub.add_parser("autofill", help="自动组版 / make up the bin's stories on the pages")
    add_db_option(p)
    p.add_argument("--issue", type=int, required=True)
    p.add_argument("--grow", action="store_true", help="add pages when the issue runs out")
    p.add_argument("--page", type=int, help="版序 / make up this page alone")
    p.add_argument(
        "--proposals", type=int, default=0, metavar="K", help="print the page's K best make-ups"
    )
    p.add_argument("--apply", type=int, metavar="I", help="store proposal I (1 = the best)")

    p = sub.add_parser("layout", help="排版结果 / dump composed pages as JSON")
    add_db_option(p, "library file (default: $BANMIAN_LIBRARY, else the built-in sample)")
    p.add_argument("--issue", type=int)
    p.add_argument("--json", required=True, dest="json_out")

    from app.cli.proof import add_parser as add_proof_parser

    add_proof_parser(sub)
    preflight_cli.add_parser(sub)
    house_style_cli.add_parser(sub)
    qr_cli.add_parser(sub)
    library_cli.add_parser(sub)
    server_cli.add_parser(sub)
    return ap


def main(argv: Sequence[str] | None = None, gui: Callable[[Library], int] | None = None) -> int:
    """Run a subcommand; with none, open the library in `gui` (or export it with no screen)."""
    args = build_parser().parse_args(argv)
    if args.user is not None and args.user.strip():
        os.environ["BANMIAN_USER"] = " ".join(args.user.split())  # every library opened here
    try:
        if args.command is None:
            from app.cli.launch import has_screen, headless_export, open_or_create

            with open_or_create(named_library(args)) as lib:
                if gui is None or not has_screen():
                    headless_export(lib)
                    return 0
                return gui(lib)
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        found = one_line(e, _library_named(args))
        if found is None:
            raise  # a bug: its traceback is what a report needs
        message, status = found
        print(f"banmian: {message}", file=sys.stderr)
        return status


def _library_named(args: argparse.Namespace) -> str | None:
    try:
        return named_library(args)
    except UserError:
        return None


def cmd_sample(args: argparse.Namespace) -> int:
    from app.services import create_sample_library

    db = named_library(args)
    if db is None:
        raise UserError("sample 需要库文件 / sample needs --db NEW_LIBRARY")
    with create_sample_library(db) as lib:
        issues = lib.issues()
    print(f"示例库已写出 / sample library written: {db} (issue {issues[0].cumulative_number})")
    return 0


def cmd_next_issue(args: argparse.Namespace) -> int:
    from app.edit.issues import create_next_issue

    with required_library(args, "next-issue") as lib:
        issue = create_next_issue(lib, args.from_issue)
    print(
        f"{issue.date.isoformat()} {issue.date_zh} {issue.weekday_zh} {issue.numbers_zh} "
        f"{issue.pages_zh}"
    )
    return 0


def cmd_fonts(args: argparse.Namespace) -> int:
    from app.services import font_registry

    print(font_registry().summary())
    return 0


def cmd_layout(args: argparse.Namespace) -> int:
    from app.compose.dump import dump_layout
    from app.export.files import check_target, write_file
    from app.services import compose_issue, load_issue

    with library_or_sample(args) as lib:
        target = check_target(Path(args.json_out), lib.files)  # never over the library
        doc = load_issue(lib, args.issue)
        pages = compose_issue(doc)
        write_file(target, dump_layout(doc, pages).encode("utf-8"))
    print(f"已写出 / written: {target}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.intake import describe, run_import
    from app.services import load_issue

    with required_library(args, "import") as lib:
        doc = load_issue(lib, args.issue)
        for result in run_import(lib, doc.issue, args.files, fullwidth=args.fullwidth):
            print(describe(result))
            for note in result.notes:
                print(f"  {note}", file=sys.stderr)
    return 0


def cmd_autofill(args: argparse.Namespace) -> int:
    from app.edit.autofill import autofill
    from app.services import font_registry, load_issue, make_composer

    with required_library(args, "autofill") as lib:
        doc = load_issue(lib, args.issue)
        composer = make_composer(font_registry())
        report = autofill(
            lib,
            doc,
            composer,
            grow=args.grow,
            page=args.page,
            proposals=args.proposals,
            apply=args.apply,
        )
    if report.proposals:
        print_proposals(report, doc)
        if args.apply is None:
            return 0
    print(
        f"placed {len(report.placed)} articles ({report.continued} continuations, "
        f"{report.pages_added} pages added); {len(report.unplaced)} left in the bin"
    )
    for headline, origin, target in report.jumps:
        print(f"转版 / jump: {headline} 第{origin}版 → 第{target}版")
    for name, number in report.moved:
        print(f"移动 / moved: {name} 第{number}版（让出版面 / where it leaves no hole）")
    if report.fitted:
        print(f"适配高度 / fitted {report.fitted} frames to their text")
    if report.overset:
        print(f"超{report.overset}字 / overset {report.overset} characters", file=sys.stderr)
    return 0


def print_proposals(report, doc) -> None:
    """Each proposal: its score and terms, where each story goes, what stays in the bin."""
    titles = {str(a.id): a.headline for a in doc.articles.values()}
    for n, prop in enumerate(report.proposals, 1):
        print(f"方案 / proposal {n}: score {prop.score.describe()}")
        for p in prop.placements:
            print(
                f"  {titles.get(p.story, p.story)}: 第{p.rect.col + 1}栏起 {p.span}栏, "
                f"第{p.rect.line + 1}行起 {p.rect.lines}行"
            )
        for story, _ in prop.unplaced:
            print(f"  留在稿库 / stays in the bin: {titles.get(story, story)}")


def cmd_proof(args: argparse.Namespace) -> int:
    from app.cli.proof import run

    return run(args)


COMMANDS = {
    "sample": cmd_sample,
    "export": export_cli.run,
    "next-issue": cmd_next_issue,
    "fonts": cmd_fonts,
    "layout": cmd_layout,
    "import": cmd_import,
    "autofill": cmd_autofill,
    "proof": cmd_proof,
    "preflight": preflight_cli.run,
    "qr": qr_cli.run,
    "house-style": house_style_cli.run,
    "library": library_cli.run,
    "server": server_cli.run,
}
