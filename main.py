"""Banmian's entry point: no subcommand opens the desktop app; subcommands run headless."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.store import Library


def open_window(library: Library) -> int:
    """The editor on the library's newest issue (Qt is imported only here)."""
    from widgets.startup import run_editor

    return run_editor(library)


def main() -> int:
    from app.cli.main import main as cli_main

    return cli_main(sys.argv[1:], gui=open_window)


if __name__ == "__main__":
    sys.exit(main())
