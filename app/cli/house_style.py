"""`banmian house-style [--db FILE] [show|set NAME KEY VALUE|reset]`: takes a library, shows or changes its house style (headline sizes by rank and span in 号, faces)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.library_arg import add_db_option, library_or_sample, required_library
from app.errors import UserError

_PAGES = {"front": "第1版", "inside": "内版", "any": "各版"}


def add_parser(sub: Any) -> None:
    """Add the `house-style` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "house-style",
        help="版式表 / show or change the house style (headline sizes by rank and span)",
        description="版式表：标题按稿件级别与所占栏数取字号（号），引题、副题与正文字体。"
        " / The house style: 主题 size by story rank and span in 号, kicker and subheadline, "
        "body faces. Stored in the library; without --db the built-in sample is shown.",
    )
    add_db_option(p, "library file (default: $BANMIAN_LIBRARY, else the built-in sample)")
    p.add_argument("--json", action="store_true", help="print the table as JSON")
    what = p.add_subparsers(dest="action", metavar="ACTION")
    what.add_parser("show", help="显示 / print the table (the default)")
    s = what.add_parser(
        "set",
        help="修改一项 / change one setting",
        description="headline style keys: font, sizes (6 sizes by span, e.g. "
        "'小一 一号 小初 小初 初号 初号'), kicker, kicker-font, subheadline, subheadline-font, "
        "page (front|inside|any), ranks (e.g. '2 3'), align, smallest (the 号 a 主题 too long "
        "for one line may step down to; '' to keep the table's size); paragraph style keys: font, "
        "indent (字), align",
    )
    s.add_argument("name", help="样式名 / style name, e.g. 头版头条 or 正文")
    s.add_argument("key")
    s.add_argument("value")
    what.add_parser("reset", help="恢复默认 / back to the built-in table")


def run(args: argparse.Namespace) -> int:
    from app.model.style import DEFAULT_STYLE_SHEET, with_setting
    from app.store import LibraryError

    action = args.action or "show"
    opened = library_or_sample(args) if action == "show" else required_library(args, "house-style")
    with opened as lib:
        if action == "set":
            try:
                sheet = with_setting(lib.house_style(), args.name, args.key, args.value)
            except ValueError as e:
                raise UserError(str(e)) from None
            lib.save_house_style(sheet)
        elif action == "reset":
            try:
                lib.save_house_style(DEFAULT_STYLE_SHEET)
            except LibraryError as e:
                raise UserError(str(e)) from None
        sheet = lib.house_style()
        stored = lib.house_style_stored()
    if args.json:
        print(json.dumps(sheet_dict(sheet), ensure_ascii=False, indent=2))
    else:
        print("\n".join(describe(sheet, stored)))
    return 0


def sheet_dict(sheet: Any) -> dict[str, Any]:
    from app.store.styles import style_row

    styles = (*sheet.headlines, *sheet.paragraphs)
    rows = [style_row(s, i) for i, s in enumerate(styles)]
    return {
        "styles": [{"name": r["name"], "kind": r["kind"], **json.loads(r["spec"])} for r in rows]
    }


def describe(sheet: Any, stored: bool) -> list[str]:
    """The table as the desk reads it: one headline style a line, sizes by span 1 … 6."""
    source = "本报版式表 / the paper's own table" if stored else "默认版式表 / built-in defaults"
    lines = [f"版式表：{source}", "标题样式 headline styles (first that serves a story wins):"]
    lines.append(
        f"  {'名称':<6}{'适用':<12}{'主题字体':<9}主题 by span 1–6 栏            引题 / 副题"
    )
    for h in sheet.headlines:
        ranks = "/".join(str(r) for r in h.ranks) if h.ranks else "*"
        where = f"{_PAGES[h.page]} rank {ranks}"
        sizes = " ".join(f"{s:<3}" for s in h.sizes)
        lines.append(
            f"  {h.name:<6}{where:<14}{h.font:<10}{sizes:<30}"
            f"{h.kicker.font} {h.kicker.size} / {h.subheadline.font} {h.subheadline.size}  "
            f"{h.align}  最小 smallest {h.smallest or '—'}"
        )
    lines.append("段落样式 paragraph styles:")
    for p in sheet.paragraphs:
        lines.append(f"  {p.name:<6}{p.font:<10}首行缩进 indent {p.indent:g}字  {p.align}")
    return lines
