"""Banmian's entry point: no subcommand opens the desktop app; subcommands run headless."""

from __future__ import annotations

import sys


def open_window(library) -> int:  # noqa: ANN001 - an app.store.Library
    """The desktop shell on the library's newest issue (Qt is imported only here)."""
    from app.issue_view import LibraryIssueView
    from app.services import font_registry, issue_chars, load_issue, make_composer
    from widgets.main_window import run_app

    doc = load_issue(library, None)
    view = LibraryIssueView(library, doc, make_composer(font_registry(), issue_chars(doc)))
    return run_app(view)


def main() -> int:
    from app.cli import main as cli_main

    return cli_main(sys.argv[1:], gui=open_window)


if __name__ == "__main__":
    sys.exit(main())
