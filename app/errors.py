"""User-facing errors: a one-line message, Chinese first; the command line prints it and exits 2."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix (a wrong path, an issue that does not exist…)."""
