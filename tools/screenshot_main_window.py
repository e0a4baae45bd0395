"""Make docs/screenshot-main-window.png: the editor window on the sample issue, grabbed offscreen at 1400 × 900.

    python tools/screenshot_main_window.py [OUT.png]

The sample issue in a throwaway library; one story of page 8 is taken off its page so the
稿库 shows what a bin looks like, and the front page's lead story is selected, so the inspector
shows its headline group and body and the canvas its handles.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.edit.editor import open_editor  # noqa: E402
from app.services import create_sample_library  # noqa: E402
from widgets.editor_window import EditorWindow  # noqa: E402
from widgets.main_window import ui_font  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot-main-window.png"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setFont(ui_font())
    folder = Path(tempfile.mkdtemp(prefix="banmian-shot-"))
    library = create_sample_library(folder / "sample.banmian")
    editor = open_editor(library)
    frames = [f for fs in editor.doc.frames.values() for f in fs]
    editor.delete_frame(next(f.id for f in frames if f.name == "p8-third"))  # type: ignore[arg-type]
    window = EditorWindow(editor, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.pages.setCurrentRow(0)
    window.canvas.fit_page()
    window.canvas.select(next(f.id for f in frames if f.name == "lead"))
    app.processEvents()
    while window._stale:  # one page per call
        window.refresh_thumbnails()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise SystemExit(f"could not write {out}")
    print(f"wrote {out}")
    window.close()
    library.close()


if __name__ == "__main__":
    main()
