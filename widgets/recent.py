"""Recent libraries: takes QSettings, gives the most recently opened library files and server URLs, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.store.location import url_scheme

KEY = "files/recent_libraries"
LIMIT = 8


class RecentLibraries:
    """The list kept in QSettings; missing files drop out when read. Server URLs are kept as
    given, except one whose password was hidden (a password belongs in ~/.pgpass)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[str]:
        value = self.settings.value(KEY, [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if isinstance(p, str) and (url_scheme(p) or Path(p).exists())]

    def add(self, path: str | Path) -> None:
        if url_scheme(str(path)):
            if ":***@" in str(path) or "password=***" in str(path):
                return
            p = str(path)
        else:
            p = str(Path(path).resolve())
        self.settings.setValue(KEY, [p, *[q for q in self.paths() if q != p]][:LIMIT])

    def clear(self) -> None:
        self.settings.remove(KEY)
