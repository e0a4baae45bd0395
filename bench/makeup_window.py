"""Benchmark 自动组版 in the editor window: time from the action to three thumbnails shown, and how long the window's event loop ever waits meanwhile, offscreen.

    python bench/makeup_window.py [--runs 5] [--pages 1 2 5]

The issue after the sample with ../shared/corpus/issue-8p.json in its bin (the sample's own
stories if the corpus is absent), opened in the editor window (1400 × 900). For each page the
action is triggered `--runs` times (the dialog cancelled after each) and two medians printed:

- to proposals: from the action until the dialog shows its thumbnails (the job read from the
  library, three proposals computed on a pool thread, each composed, painted on the GUI thread).
- longest stall: the largest gap between ticks of a 10 ms timer on the GUI thread while that
  happens (what a user would feel as the window not answering; the thumbnails' painting
  included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from app.edit.editor import open_editor
from app.edit.issues import create_next_issue
from app.intake.corpus import import_corpus
from app.services import create_sample_library
from widgets.editor_window import EditorWindow
from widgets.makeup_dialog import MakeupDialog

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "issue-8p.json"


def library(folder: Path):
    lib = create_sample_library(folder / "bench.banmian")
    issue = create_next_issue(lib, 1809)
    if CORPUS.exists():
        import_corpus(lib, issue, CORPUS)
    else:
        for a in lib.articles(lib.issue_by_number(1809).id):  # type: ignore[arg-type]
            lib.add_article(replace(a, id=None, issue_id=issue.id, status="draft"))
    return lib, issue.cumulative_number


def once(app: QApplication, window: EditorWindow) -> tuple[float, float]:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    window.actions.makeup.trigger()
    dialog = window.findChild(MakeupDialog)
    assert dialog is not None
    while dialog.working():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()  # the result's slot has painted the thumbnails
    took = time.perf_counter() - start
    ticks.append(time.perf_counter())
    timer.stop()
    stall = max(b - a for a, b in zip([start, *ticks], ticks, strict=False))
    assert dialog.list.count() >= 1, dialog.status.text()
    dialog.reject()
    app.processEvents()
    return took, stall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 2, 5])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="banmian-bench-") as folder:
        lib, number = library(Path(folder))
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = EditorWindow(open_editor(lib, number), settings)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        print(f"bin: {'issue-8p corpus' if CORPUS.exists() else 'the sample stories'}")
        for page in args.pages:
            window.pages.setCurrentRow(page - 1)
            app.processEvents()
            took, stall = zip(*(once(app, window) for _ in range(args.runs)), strict=True)
            print(
                f"第{page}版: to proposals {statistics.median(took):.2f} s "
                f"(min {min(took):.2f}, max {max(took):.2f}); "
                f"longest stall {statistics.median(stall) * 1000:.0f} ms "
                f"(max {max(stall) * 1000:.0f} ms), {args.runs} runs"
            )
        QThreadPool.globalInstance().waitForDone()
        window.close()
        lib.close()


if __name__ == "__main__":
    main()
