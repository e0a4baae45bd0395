"""What `banmian` with no subcommand does before the window opens: find or create the library.

With no screen it exports the library's newest issue to a PDF and says where, so the main job
also runs on a server or in CI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.services import create_sample_library, library_location, open_library
from app.store import Library, default_library_path


def has_screen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # the caller chose a platform (offscreen, xcb, …); Qt will honour it
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def open_or_create(db: str | None) -> Library:
    """The named library (--db or $BANMIAN_LIBRARY, checked by the caller), or the per-user
    one; either is created with the sample issue on first run (a missing file, an empty
    database)."""
    where = library_location(db) if db is not None else default_library_path()
    if Library.exists(where):
        return open_library(where)
    lib = create_sample_library(where)
    print(f"新建库（含示例期次）/ created library with the sample issue: {lib.location}")
    return lib


def headless_export(lib: Library, out_dir: Path | None = None) -> Path:
    from app.export.issue import export_issue
    from app.services import compose_issue, load_issue

    doc = load_issue(lib, None)
    folder = out_dir or Path(os.environ.get("BANMIAN_OUT", Path.cwd()))
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"banmian-{doc.issue.cumulative_number}.pdf"
    export_issue(doc, compose_issue(doc), out, image_loader=lambda a: lib.asset(a).data)
    print(
        f"没有屏幕，已导出 / no screen: exported issue {doc.issue.cumulative_number} "
        f"({len(doc.pages)} pages) to {out.resolve()}"
    )
    return out
