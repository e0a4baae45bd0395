"""Benchmark export end to end: the sample and a corpus issue, cold and warm font cache, both presets, beside the ReportLab floor.

    python bench/export.py [--corpus ../shared/corpus/issue-8p.json] [--runs 5] [--cold-runs 1]

Each measurement is a whole process, as a user runs it: start Python, open the library, load
the issue, compose it, render the PDF and make it PDF/X-1a. Wall time and peak RSS come from
the parent (os.wait4), the phase split from the child. Cold = an empty Banmian font cache
(CFF faces converted to TrueType again, as on a new machine); warm = the cache filled.
The corpus issue is imported into a fresh issue of a temporary library and laid out by
autofill (growing pages as needed) before anything is timed. The naive ReportLab floor
(../shared/corpus/reportlab_floor.py) runs on the same corpus in the same run, interleaved
with the warm corpus runs, and the ratio of Banmian's warm export to it is printed. "again"
is a second export in the same process (fonts parsed), what the desktop app pays (an extra
run, outside the medians). Medians of the runs; the machine is shared.

Every child (Banmian and the floor alike) gets a bytecode cache in the bench folder
(PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE is dropped for them), and one untimed run of
each primes it: an installed or once-run program does not compile its modules again on every
start. --no-bytecode-cache leaves the environment as it is (with PYTHONDONTWRITEBYTECODE=1,
every Banmian process then compiles its ~40 modules from source, ~0.05 s).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS_DIR = ROOT.parent / "shared" / "corpus"
DEFAULT_CORPUS = CORPUS_DIR / "issue-8p.json"
FLOOR = CORPUS_DIR / "reportlab_floor.py"
TARGET_RATIO = 1.5
TARGET_MIB = 200
TARGET_BYTES = 1_000_000


def worker(args: argparse.Namespace) -> None:
    """The measured process: library → IssueDoc → compose → PDF/X file; prints its phases."""
    t0 = time.perf_counter()
    from app.export.issue import export_issue
    from app.services import font_registry, load_issue, make_composer, open_library

    gc.freeze()  # as `banmian export` does (app/cli/main.py cmd_export)
    t1 = time.perf_counter()
    with open_library(args.db) as lib:
        doc = load_issue(lib, args.issue)
        composer = make_composer(font_registry())  # as compose_issue does
        t2 = time.perf_counter()
        pages = composer.compose(doc)
        t3 = time.perf_counter()
        export_issue(
            doc,
            pages,
            args.out,
            preset=args.preset,
            image_loader=lambda asset: lib.asset(asset).data,
        )
        t4 = time.perf_counter()
        if args.again:  # once more in the same process, fonts parsed: the desktop app's cost
            export_issue(
                doc,
                pages,
                args.out + ".again.pdf",
                preset=args.preset,
                image_loader=lambda asset: lib.asset(asset).data,
            )
        t5 = time.perf_counter()
    phases = {
        "imports": t1 - t0,
        "fonts": t2 - t1,  # library, issue, font registry (converts CFF faces when cold)
        "compose": t3 - t2,
        "export": t4 - t3,  # ReportLab render + PDF/X-1a post-processing
        "again": t5 - t4,  # the same export once more in the same process
        "pages": len(pages),
    }
    print("PHASES " + json.dumps(phases), flush=True)


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, dict]:
    """Wall seconds, peak RSS in MiB and the PHASES dict of one child process."""
    import subprocess  # here, not at the top: the measured worker should not pay for it

    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    phases = {}
    for line in out.decode().splitlines():
        if line.startswith("PHASES "):
            phases = json.loads(line[len("PHASES ") :])
    return wall, usage.ru_maxrss / 1024, phases  # ru_maxrss is KiB on Linux


def median_of(runs: list[tuple[float, float, dict]]) -> tuple[float, float, dict]:
    import statistics

    walls = [r[0] for r in runs]
    keys = [k for k, v in runs[0][2].items() if isinstance(v, float) and k != "again"]
    phases = {k: statistics.median(r[2][k] for r in runs) for k in keys}
    return statistics.median(walls), max(r[1] for r in runs), phases


def prepare(folder: Path, corpus: Path, cache: Path) -> dict[str, tuple[Path, int]]:
    """The sample library, and a library whose next issue holds the corpus, autofilled."""
    os.environ["BANMIAN_CACHE_DIR"] = str(cache)
    from app.edit.autofill import autofill
    from app.edit.issues import create_next_issue
    from app.intake.corpus import import_corpus
    from app.model.document import IssueDoc
    from app.services import create_sample_library, font_registry, make_composer

    sample = folder / "sample.banmian"
    create_sample_library(sample).close()
    big = folder / "corpus.banmian"
    lib = create_sample_library(big)
    try:
        issue = create_next_issue(lib, 1809)
        import_corpus(lib, issue, corpus)
        doc = IssueDoc.load(lib, issue.cumulative_number)
        t = time.perf_counter()
        report = autofill(lib, doc, make_composer(font_registry()), grow=True)
        print(
            f"autofill {corpus.name}: {len(report.placed)} articles placed, "
            f"{report.pages_added} pages added, {len(report.unplaced)} unplaced, "
            f"overset {report.overset} 字 ({time.perf_counter() - t:.1f} s, not timed below)"
        )
        number = issue.cumulative_number
    finally:
        lib.close()
    return {"sample": (sample, 1809), corpus.stem: (big, number)}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=5, help="warm runs per case (median)")
    ap.add_argument("--cold-runs", type=int, default=1, help="cold runs per case (slow)")
    ap.add_argument("--keep", type=Path, help="keep libraries and PDFs in this folder")
    ap.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="run the children with the environment as it is (see the module docstring)",
    )
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--issue", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--preset", default="screen", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--again", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    if not args.corpus.exists():
        raise SystemExit(f"no corpus file: {args.corpus}")
    import statistics
    import tempfile

    folder = args.keep or Path(tempfile.mkdtemp(prefix="banmian-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    warm_cache = folder / "font-cache"
    libraries = prepare(folder, args.corpus, warm_cache)  # fills the warm cache as it goes
    env = dict(os.environ, PYTHONHASHSEED="0")
    if not args.no_bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    # Run as a module, so that this harness's own code is loaded from the bytecode cache like
    # the program's (a script is compiled on every start; main.py is a few lines, this is not).
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    me = [sys.executable, "-m", "bench.export", "--worker"]

    print(
        f"\n{'issue':12s} {'preset':7s} {'cache':5s} {'runs':>4s} {'wall s':>7s} "
        f"{'imports':>7s} {'fonts':>6s} {'compose':>7s} {'export':>7s} {'again':>6s} "
        f"{'peak MiB':>8s} "
        f"{'PDF KB':>7s} pages"
    )
    results: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    floor_pdf = folder / "floor.pdf"
    floor_cmd = [sys.executable, str(FLOOR), str(args.corpus), str(floor_pdf)]
    if not args.no_bytecode_cache:  # untimed: compile every module once, for both sides
        db, number = next(iter(libraries.values()))
        prime = [*me, "--db", str(db), "--issue", str(number), "--out", str(folder / "prime.pdf")]
        measure(prime, dict(env, BANMIAN_CACHE_DIR=str(warm_cache)))
        measure(floor_cmd, env)
    floor: list[tuple[float, float, dict]] = []
    for name, (db, number) in libraries.items():
        for preset in ("screen", "print"):
            out = folder / f"{name}-{preset}.pdf"
            cmd = [*me, "--db", str(db), "--issue", str(number), "--preset", preset]
            cmd += ["--out", str(out)]
            for cache, runs in (("cold", args.cold_runs), ("warm", args.runs)):
                if runs < 1:
                    continue
                samples = []
                for i in range(runs):
                    cache_dir = (
                        folder / f"cold-{name}-{preset}-{i}" if cache == "cold" else warm_cache
                    )
                    samples.append(measure(cmd, dict(env, BANMIAN_CACHE_DIR=str(cache_dir))))
                    if cache == "warm" and name == args.corpus.stem:
                        # interleaved, so both see the same load on this shared machine
                        floor.append(measure(floor_cmd, env))
                wall, mib, ph = median_of(samples)
                if cache == "warm":  # one extra process, not in the medians, for "again"
                    env_warm = dict(env, BANMIAN_CACHE_DIR=str(warm_cache))
                    ph["again"] = measure([*cmd, "--again"], env_warm)[2]["again"]
                size = out.stat().st_size
                pages = samples[0][2].get("pages", 0)
                results[(name, preset, cache)] = (wall, mib, size)
                print(
                    f"{name:12s} {preset:7s} {cache:5s} {runs:4d} {wall:7.2f} "
                    f"{ph['imports']:7.2f} {ph['fonts']:6.2f} {ph['compose']:7.2f} "
                    f"{ph['export']:7.2f} {ph.get('again', float('nan')):6.2f} {mib:8.0f} {size / 1000:7.0f} "
                    f"{pages}"
                )

    if not floor:
        floor = [measure(floor_cmd, env) for _ in range(max(args.runs, 1))]
    f_wall = statistics.median(r[0] for r in floor)
    f_mib = max(r[1] for r in floor)
    print(
        f"\nReportLab floor on {args.corpus.name}: {f_wall:.2f} s, {f_mib:.0f} MiB, "
        f"{floor_pdf.stat().st_size / 1000:.0f} KB, {floor[0][2].get('pages', '?')} pages "
        f"(median of {len(floor)}); its phases: {json.dumps(floor[0][2])}"
    )
    stem = args.corpus.stem
    for preset in ("screen", "print"):
        got = results.get((stem, preset, "warm"))
        if got is None:
            continue
        wall, mib, size = got
        ratio = wall / f_wall
        ok = ratio <= TARGET_RATIO and mib < TARGET_MIB and size < TARGET_BYTES
        print(
            f"{stem} {preset:6s} warm: {ratio:.2f}× the floor (target ≤ {TARGET_RATIO}×), "
            f"{mib:.0f} MiB (< {TARGET_MIB}), {size / 1e6:.2f} MB (< 1 MB) "
            f"{'— targets met' if ok else '— TARGET MISSED'}"
        )
    print(f"\nfiles in {folder}")


if __name__ == "__main__":
    main()
