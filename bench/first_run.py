"""Benchmark a new machine's first run: the window and an export on an empty font cache, then again warm.

    python bench/first_run.py [--runs 3] [--db LIB] [--only window|export]

Each measurement is a fresh process with BANMIAN_CACHE_DIR pointing at a folder of its own,
empty for a cold run and filled by that cold run for the warm run after it: what a user sees
the first and the second time. "window" is the time from starting Python (`main.py`'s path:
open the library, run_editor) until the editor window is on screen with its page painted
(grabbed); "export" is `main.py export --db LIB --out FILE` (the sample issue unless --db),
timed until the process exits. Qt runs on $QT_QPA_PLATFORM (offscreen unless set: use
DISPLAY=:99 QT_QPA_PLATFORM=xcb for Xvfb). Prints medians of wall time and of CPU time (the
process and the conversion children it waited for): on a shared machine the CPU time is
the steadier figure, and wall ≈ CPU / cores in use when the machine is otherwise idle.

Every child gets a bytecode cache in the bench folder (PYTHONPYCACHEPREFIX), primed by one
untimed warm run: an installed program does not compile its modules on every start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 5.0


def window_child(db: str) -> None:
    """The measured window process: the start-up `main.py` runs, until the page is painted."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    def painted() -> None:
        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == "EditorWindow" and widget.isVisible():
                widget.grab()  # paints the canvas and the panels now, as the screen would
                print("UP", flush=True)
                app.quit()
                return
        QTimer.singleShot(10, painted)

    QTimer.singleShot(0, painted)
    from app.services import open_library
    from main import open_window

    open_window(open_library(db))


def child_env(cache: Path, folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["BANMIAN_CACHE_DIR"] = str(cache)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_CONFIG_HOME"] = str(folder / "config")  # window settings stay in the bench folder
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(cmd: list[str], env: dict[str, str], until: str | None = None) -> tuple[float, float]:
    """(wall seconds from starting `cmd` until it prints the line `until`, else until it
    exits; CPU seconds of the whole run, its conversion children included)."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    seconds = None
    assert proc.stdout is not None and proc.stderr is not None
    for line in proc.stdout:
        if until is not None and line.strip() == until and seconds is None:
            seconds = time.perf_counter() - t
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)  # usage counts the children it waited for
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    if seconds is None:
        if until is not None:
            raise SystemExit(f"{' '.join(cmd)} never printed {until!r}\n{err[-2000:]}")
        seconds = time.perf_counter() - t
    return seconds, usage.ru_utime + usage.ru_stime


Runs = list[tuple[float, float]]  # (wall, cpu) seconds per run


def measure(
    kind: str, db: Path, folder: Path, runs: int, *, quiet: bool = False
) -> tuple[Runs, Runs]:
    """(cold, warm) timings of `runs` cold runs, each followed by a warm one."""
    out = folder / "out.pdf"
    if kind == "window":
        cmd = [sys.executable, __file__, "--window-child", str(db)]
        until: str | None = "UP"
    else:
        cmd = [sys.executable, "main.py", "export", "--db", str(db), "--out", str(out)]
        until = None
    cold, warm = [], []
    for i in range(runs):
        cache = Path(tempfile.mkdtemp(prefix=f"{kind}-{i}-", dir=folder))
        cold.append(timed(cmd, child_env(cache, folder), until))
        warm.append(timed(cmd, child_env(cache, folder), until))
        if not quiet:
            (cw, cc), (ww, wc) = cold[-1], warm[-1]
            print(
                f"  {kind} run {i + 1}: cold {cw:.2f} s (cpu {cc:.2f} s), "
                f"warm {ww:.2f} s (cpu {wc:.2f} s)",
                flush=True,
            )
    return cold, warm


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", help="library to open (default: the sample issue)")
    ap.add_argument("--only", choices=("window", "export"))
    ap.add_argument("--window-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.window_child:
        window_child(args.window_child)
        return
    with tempfile.TemporaryDirectory(prefix="banmian-first-run-") as tmp:
        folder = Path(tmp)
        db = Path(args.db) if args.db else folder / "sample.banmian"
        if not args.db:
            subprocess.run(
                [sys.executable, "main.py", "sample", "--db", str(db)],
                env=child_env(folder / "sample-cache", folder),
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        kinds = [args.only] if args.only else ["window", "export"]
        for kind in kinds:  # untimed: fills the bytecode cache, so no timed run compiles
            measure(kind, db, folder, 1, quiet=True)
        results = {kind: measure(kind, db, folder, args.runs) for kind in kinds}
    print(f"first run, medians of {args.runs} (target: cold ≤ {TARGET_SECONDS:.0f} s wall)")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for kind, (cold, warm) in results.items():
        wall = statistics.median(w for w, _ in cold)
        mark = "ok" if wall <= TARGET_SECONDS else "SLOW"
        print(
            f"  {kind:6}  cold {wall:6.2f} s (cpu {statistics.median(c for _, c in cold):5.2f} s)"
            f"   warm {statistics.median(w for w, _ in warm):6.2f} s"
            f" (cpu {statistics.median(c for _, c in warm):5.2f} s)   {mark}"
        )


if __name__ == "__main__":
    main()
