"""QR modules with the app's cache: takes a QRItem, gives its module rectangles (layouts/qr.py) with segno's matrix cached in Banmian's cache folder."""

from __future__ import annotations

from pathlib import Path

from app.store.paths import default_cache_dir
from layouts.display import QRItem
from layouts.qr import QRModules, qr_modules


def default_qr_cache() -> Path:
    return default_cache_dir() / "qr"


def item_modules(item: QRItem) -> QRModules:
    """What both renderers paint for `item`: layouts.qr.qr_modules, matrix cached on disk."""
    return qr_modules(item, default_qr_cache())
