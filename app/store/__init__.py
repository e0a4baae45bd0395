"""The library: takes a file path (SQLite, the default) or a postgresql:// URL, gives a Library of model objects (see library.py)."""

from __future__ import annotations

from app.store.assets import ArticlePicture, AssetUse
from app.store.changes import ChangeFeed, Changes, RowChange
from app.store.errors import (
    DamagedRow,
    LibraryBusy,
    LibraryCheckedOut,
    LibraryConflict,
    LibraryError,
    LibraryForbidden,
    LibraryFull,
    LibraryReadOnly,
    LibraryUnavailable,
)
from app.store.library import Library
from app.store.location import Location, ServerUrl, parse_location
from app.store.paths import default_library_path
from app.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ArticlePicture",
    "ChangeFeed",
    "Changes",
    "AssetUse",
    "DamagedRow",
    "Library",
    "LibraryBusy",
    "LibraryCheckedOut",
    "LibraryConflict",
    "LibraryError",
    "LibraryForbidden",
    "LibraryFull",
    "LibraryReadOnly",
    "LibraryUnavailable",
    "Location",
    "RowChange",
    "ServerUrl",
    "default_library_path",
    "parse_location",
]
