"""Which library a command works on: takes the parsed arguments and the environment, gives the named library or the built-in sample.

A library is named by --db, written before or after the subcommand, else by $BANMIAN_LIBRARY.
A command that can run on the built-in sample (export, layout, preflight) does so only when
no library is named at all, and says so; a named library that cannot be opened is an error,
never a reason to fall back to the sample.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from app.errors import UserError
from app.store import Library
from app.store.location import same_location

ENV = "BANMIAN_LIBRARY"
TOP = "db_top"  # where the top-level --db lands, so that a subcommand's --db cannot hide it


def add_db_option(parser: Any, help_text: str = "库文件 / library file") -> None:
    """A subcommand's --db; absent from the namespace unless written (argparse.SUPPRESS)."""
    parser.add_argument("--db", default=argparse.SUPPRESS, metavar="LIBRARY", help=help_text)


def named_library(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> str | None:
    """The library the user named: --db after the subcommand, before it, else $BANMIAN_LIBRARY.

    An empty --db "" still names something (and is refused as empty) rather than meaning
    "none": `--db "$UNSET"` must not quietly become the built-in sample.
    """
    sub: str | None = getattr(args, "db", None)
    top: str | None = getattr(args, TOP, None)
    if sub is not None and top is not None and not same_location(sub, top):
        raise UserError(
            f"两个不同的库文件 / two different libraries named: --db {top} and --db {sub}"
        )
    named = sub if sub is not None else top
    if named is not None:
        return named
    env = (os.environ if environ is None else environ).get(ENV, "")
    return env or None


def required_library(args: argparse.Namespace, command: str) -> Library:
    """The named library, opened; a command that changes a library needs one named."""
    from app.services import open_library

    named = named_library(args)
    if named is None:
        raise UserError(f"{command} 需要库文件 / {command} needs --db LIBRARY (or ${ENV})")
    return open_library(named)


def library_or_sample(args: argparse.Namespace) -> AbstractContextManager[Library]:
    """The named library, or, when none is named, the built-in sample (said on stderr)."""
    from app.services import open_library

    named = named_library(args)
    return open_library(named) if named is not None else _sample()


@contextmanager
def _sample() -> Iterator[Library]:
    from app.services import temporary_sample_library

    with temporary_sample_library() as library:
        yield library
    # After the work, so that a command that fails still says one line on stderr.
    print(
        f"注意 / note: 未指定库，用的是内置示例期次 / no library named (--db or ${ENV}): "
        "this was the built-in sample issue",
        file=sys.stderr,
    )
