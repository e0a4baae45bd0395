"""`banmian qr --db FILE --issue N --frame NAME_OR_ID (--image FILE | --payload TEXT)`: takes arguments, sets a QR slot's payload, prints what will print."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.library_arg import add_db_option, required_library


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add the `qr` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "qr",
        help="二维码 / set a QR slot from an image (decoded, re-set as vector) or a payload",
        description="导入二维码图片（如公众号二维码）：识读后按内容重排为矢量；无法识读的图片将被拒绝。"
        " / Import a QR image (e.g. a WeChat account code): it is decoded and set again as "
        "vector from its payload; an image that does not decode is refused.",
    )
    add_db_option(p)
    p.add_argument("--issue", type=int, help="总期号 / cumulative issue number (default: newest)")
    p.add_argument(
        "--frame", required=True, help="二维码框的名称或编号 / the QR frame's name or id"
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--image", help="PNG/JPEG of a QR code")
    what.add_argument("--payload", help="网址或文字 / the URL or text to encode")
    return p


def run(args: argparse.Namespace) -> int:
    """Update the slot; 0 when done (a warning on stderr if its modules come out too small)."""
    from app.edit.qr import find_qr_frame, import_qr_image, set_qr_payload
    from app.services import load_issue

    with required_library(args, "qr") as lib:
        doc = load_issue(lib, args.issue)
        frame = find_qr_frame(lib, doc.issue.id, args.frame)  # type: ignore[arg-type]
        if args.image:
            update = import_qr_image(lib, frame, args.image)
        else:
            update = set_qr_payload(lib, frame, args.payload)
    name = update.frame.name or f"#{update.frame.id}"
    print(
        f"二维码框 {name} 已更新 / QR slot {name} now encodes: {update.payload} "
        f"(纠错{update.error}, {update.modules}×{update.modules} modules, "
        f"{update.module_mm:.2f} mm each)"
    )
    if not update.module_ok:
        from app.preflight.qr import MIN_MODULE_MM

        print(
            f"注意 / note: 模块{update.module_mm:.2f}毫米小于{MIN_MODULE_MM}毫米，印前检查将报错 / "
            f"modules under {MIN_MODULE_MM} mm: preflight will refuse this slot — enlarge it "
            "or shorten the payload",
            file=sys.stderr,
        )
    return 0
