"""Recent libraries: takes QSettings, gives the most recently opened library files, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "files/recent_libraries"
LIMIT = 8


class RecentLibraries:
    """The list kept in QSettings; missing files drop out when read."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[str]:
        value = self.settings.value(KEY, [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if isinstance(p, str) and Path(p).exists()]

    def add(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.settings.setValue(KEY, [p, *[q for q in self.paths() if q != p]][:LIMIT])

    def clear(self) -> None:
        self.settings.remove(KEY)
