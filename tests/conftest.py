"""Test setup: Qt runs headless (offscreen) unless the caller chose a platform; fonts cache in-tree."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Converted fonts are cached in the checkout (ignored by git), so only the first run pays.
os.environ.setdefault("BANMIAN_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".cache"))
# $BANMIAN_LIBRARY names the library for every command: a developer's own must not leak in.
os.environ.pop("BANMIAN_LIBRARY", None)
