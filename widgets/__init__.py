"""Banmian's Qt shell: main window, page canvas and the display-list painter (PySide6)."""

from __future__ import annotations

import sys
import warnings

from PySide6.QtCore import QObject


def pyside_drops_none() -> bool:
    """Whether this PySide6 releases a reference to None it never took on every void call.

    PySide6 6.12.0 does so on Python 3.11; None's count then reaches zero after some tens of
    thousands of Qt calls and the interpreter aborts ("none_dealloc"). From Python 3.12 None is
    immortal (PEP 683) and the slip is harmless.
    """
    if sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("")
    return sys.getrefcount(None) <= before - 8


if pyside_drops_none():
    warnings.warn(
        "this PySide6 build corrupts None's reference count on Python 3.11 and will crash a "
        "long session: install PySide6-Essentials<6.12 or run on Python 3.12+",
        RuntimeWarning,
        stacklevel=2,
    )
