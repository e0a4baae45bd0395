"""Where a library lives: takes a --db value or $BANMIAN_LIBRARY, gives a file path or a PostgreSQL server URL."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from app.store.errors import LibraryError

# scheme://… (postgresql://, file://, https://…): RFC 3986 scheme letters, then "://". A
# Windows drive (C:\\…, C:/…) has one letter and no "//", so it stays a path.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")
SERVER_SCHEMES = ("postgresql", "postgres")  # what libpq itself accepts
# user:password@ in the authority, and password=… among the query parameters.
_PASSWORD = re.compile(r"(?<=://)([^/@:?#]*):([^/@?#]*)@|(?<=[?&])password=[^&#]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ServerUrl:
    """A PostgreSQL library: the libpq URL (`postgresql://user@host/db`, `?host=/socket/dir`)."""

    url: str

    def __str__(self) -> str:
        """The URL with its password (if any) hidden: what messages and window titles show."""
        return _PASSWORD.sub(
            lambda m: f"{m.group(1)}:***@" if m.group(1) is not None else "password=***",
            self.url,
        )


Location = Path | ServerUrl


def url_scheme(text: str) -> str | None:
    """The scheme of a URL-looking value (`postgresql`, `https`…), None for a path."""
    match = _URL.match(text)
    return match.group(0)[:-3].lower() if match else None


def parse_location(value: str | os.PathLike[str] | ServerUrl) -> Location:
    """A file path or a ServerUrl; other URLs and an empty value are refused in one line."""
    if isinstance(value, ServerUrl):
        return value
    text = os.fspath(value)
    scheme = url_scheme(text)
    if scheme in SERVER_SCHEMES:
        return ServerUrl(text)
    if scheme is not None:
        raise LibraryError(
            f"不支持的库地址，请给出库文件路径或 postgresql:// 地址 / {scheme}:// libraries are "
            f"not supported: give a library file path or a postgresql:// URL: {text}"
        )
    if not text.strip():
        raise LibraryError("库文件路径为空 / the library path is empty")
    return Path(text).expanduser()


def same_location(a: str, b: str) -> bool:
    """Whether two --db values name one library (paths compared absolute, URLs as written)."""
    if url_scheme(a) or url_scheme(b):
        return a == b
    return os.path.abspath(a) == os.path.abspath(b)
