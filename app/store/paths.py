"""Where Banmian keeps things: takes the environment and platform, gives the default library path and cache folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

LIBRARY_FILENAME = "library.banmian"


def default_library_path(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """$BANMIAN_LIBRARY, else the platform's per-user data folder / library.banmian."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    override = env.get("BANMIAN_LIBRARY", "")
    if override:
        return Path(override).expanduser()
    if plat == "win32":
        appdata = env.get("APPDATA", "")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / "Banmian" / LIBRARY_FILENAME
    if plat == "darwin":
        return home / "Library" / "Application Support" / "Banmian" / LIBRARY_FILENAME
    # XDG Base Directory spec: a relative $XDG_DATA_HOME is invalid and must be ignored.
    xdg = env.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / "banmian" / LIBRARY_FILENAME


def default_cache_dir() -> Path:
    """$BANMIAN_CACHE_DIR, else $XDG_CACHE_HOME/banmian or ~/.cache/banmian (converted fonts, QR)."""
    env = os.environ.get("BANMIAN_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "banmian"
