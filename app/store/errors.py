"""The store's one exception type: takes a bilingual one-line message, gives LibraryError."""

from __future__ import annotations


class LibraryError(Exception):
    """A library file cannot be opened, created or changed as asked.

    Messages are one line, Chinese first, then English after " / ", e.g.
    "不是版面库文件 / not a Banmian library: FILE".
    """
