"""The proofreading rules' one exception: takes a bilingual one-line message, gives ProofError."""

from __future__ import annotations

from app.errors import UserError


class ProofError(UserError):
    """A proofreading step the rules refuse (wrong order, the same person twice, a closed round…).

    A UserError, so the command line prints it on one line and exits 2.
    """
