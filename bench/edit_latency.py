"""Benchmark the editor's typing latency: an edit to a story on a full page → the canvas repainted, offscreen.

    python bench/edit_latency.py [--runs 40] [--page 1] [--zoom fit|1.0]

Opens the sample issue in the editor window (1400 × 900, offscreen), shows page 1 (the front
page: masthead, lead story, column, picture, hotline box, banner) and changes one character of
its lead story again and again. Two figures, medians (this machine is shared and noisy):

- command → painted: from EditArticleText being pushed (committed to SQLite with fsync, the
  document refreshed, the touched pages composed again, the canvas told) until the canvas's
  viewport has finished repainting. Target: under 50 ms.
- keystroke → painted: a key event into the inspector's body until the repaint, including the
  inspector's debounce (widgets/inspector.py DEBOUNCE_MS), i.e. what the editor feels.
- typing on the page → painted: a key event to the canvas in text mode (double-clicked into
  the story: widgets/text_edit_overlay.py) until the repaint with the caret after it.

Every edit also writes its undo step to the library in the same transaction
(app/edit/undo_log.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from app.edit.editor import open_editor
from app.services import create_sample_library
from widgets.editor_window import EditorWindow
from widgets.inspector import DEBOUNCE_MS


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--page", type=int, default=1, help="page number (版序) to edit on")
    parser.add_argument("--zoom", default="fit", help="'fit' or a zoom factor such as 1.0")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="banmian-bench-"))
    library = create_sample_library(folder / "bench.banmian")
    editor = open_editor(library)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = EditorWindow(editor, settings)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    index = args.page - 1
    window.pages.setCurrentRow(index)
    if args.zoom != "fit":
        window.canvas.set_zoom(float(args.zoom))
    app.processEvents()
    page = editor.page(index)
    stories = [f for f in editor.doc.frames[page.id] if f.kind == "article" and f.article_id]
    story = max(stories, key=lambda f: f.w * f.h)  # the page's biggest story
    article_id = story.article_id
    assert article_id is not None
    viewport = window.canvas.viewport()
    items = len(editor.composed_page(index).items)

    command_ms: list[float] = []
    paint_ms: list[float] = []
    for i in range(args.runs):
        paragraphs = list(editor.article(article_id).paragraphs)
        k = len(paragraphs) // 2
        paragraphs[k] = paragraphs[k][:5] + "改" + str(i % 10) + paragraphs[k][7:]
        t0 = time.perf_counter()
        editor.edit_text(article_id, paragraphs=paragraphs)
        t1 = time.perf_counter()
        viewport.repaint()  # synchronous: returns when the canvas has painted
        t2 = time.perf_counter()
        command_ms.append((t2 - t0) * 1000)
        paint_ms.append((t2 - t1) * 1000)

    window.canvas.select(story.id)
    body = window.inspector.body
    body.setFocus()
    key_ms: list[float] = []
    for i in range(max(5, args.runs // 4)):
        ch = "改" if i % 2 == 0 else "动"
        t0 = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(body, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        while window.inspector.pending():
            app.processEvents()
            time.sleep(0.001)
        viewport.repaint()
        key_ms.append((time.perf_counter() - t0) * 1000)

    canvas = window.canvas
    canvas.setFocus()
    canvas.text.article_id = article_id  # where the story's body starts, to click there
    first = next(g for g in canvas.text.glyphs() if g.field == "body")
    canvas.text.article_id = None
    pos = QPointF(canvas.mapFromScene(QPointF(first.x + 1, first.top + first.h / 2)))
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
        QApplication.sendEvent(
            canvas.viewport(),
            QMouseEvent(
                kind,
                pos,
                QPointF(canvas.viewport().mapToGlobal(pos.toPoint())),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    assert canvas.text.active, "the double-click did not give a caret"
    page_ms: list[float] = []
    for i in range(max(5, args.runs // 4)):
        ch = "改" if i % 2 == 0 else "动"
        t0 = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(canvas, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        viewport.repaint()
        page_ms.append((time.perf_counter() - t0) * 1000)

    print(
        f"page {args.page} ({items} display items), zoom {window.canvas.zoom():.2f}, "
        f"viewport {viewport.width()}×{viewport.height()}, {args.runs} edits"
    )
    print(
        f"command → painted: median {statistics.median(command_ms):6.1f} ms, "
        f"p90 {percentile(command_ms, 0.9):6.1f} ms (of which painting: median "
        f"{statistics.median(paint_ms):5.1f} ms)   target < 50 ms"
    )
    print(
        f"keystroke → painted: median {statistics.median(key_ms):6.1f} ms "
        f"(debounce {DEBOUNCE_MS} ms included)"
    )
    print(
        f"typing on the page → painted: median {statistics.median(page_ms):6.1f} ms, "
        f"p90 {percentile(page_ms, 0.9):6.1f} ms"
    )
    window.close()
    library.close()


if __name__ == "__main__":
    main()
