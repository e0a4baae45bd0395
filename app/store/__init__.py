"""The SQLite library file: takes a path, gives a Library of model objects (see library.py)."""

from __future__ import annotations

from app.store.assets import ArticlePicture, AssetUse
from app.store.errors import (
    DamagedRow,
    LibraryBusy,
    LibraryError,
    LibraryFull,
    LibraryReadOnly,
    LibraryUnavailable,
)
from app.store.library import Library
from app.store.paths import default_library_path
from app.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ArticlePicture",
    "AssetUse",
    "DamagedRow",
    "Library",
    "LibraryBusy",
    "LibraryError",
    "LibraryFull",
    "LibraryReadOnly",
    "LibraryUnavailable",
    "default_library_path",
]
