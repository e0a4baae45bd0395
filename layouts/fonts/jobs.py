"""Conversions in child processes: takes (source face, character set) requests and a cache folder, gives their cached TrueType files, converting side by side with progress and cancel (`python -m layouts.fonts.jobs` is the child)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from layouts.fonts.cache import ConversionResult, cache_path, cached_truetype, glyph_count
from layouts.fonts.convert import MAX_ERR, ConversionError

Request = tuple[str, int, frozenset[str]]  # source font file, face index, characters
Progress = Callable[[int, int], bool | None]  # (conversions done, in all) → False cancels
POLL_SECONDS = 0.05  # how often a waiting caller hears progress (and a GUI pumps its events)


class ConversionCancelled(Exception):
    """The caller's progress callback said stop; the running conversions were ended and the
    cache holds nothing half-written (each file is written atomically)."""


def request(path: str, index: int, chars: Iterable[str]) -> Request:
    return os.path.abspath(path), index, frozenset(chars)


def cached_truetype_many(
    requests: Sequence[Request],
    cache_dir: str,
    *,
    workers: int | None = None,
    max_err: float = MAX_ERR,
    progress: Progress | None = None,
    nice: int = 0,
    skip_failed: bool = False,
) -> list[ConversionResult | None]:
    """`cached_truetype` for each request, results in the order given. A request whose cache
    file exists is answered here without loading fontTools; the others run in child processes,
    `workers` of them (default: the CPU count) sharing the work (a single conversion without
    a progress callback runs in this process, sparing a child's start). While they run, this
    thread calls `progress(done, total)` every POLL_SECONDS; False ends the children and
    raises ConversionCancelled. `nice` lowers the children's priority (background work). A
    face that cannot be converted raises ConversionError, or with `skip_failed` gets None."""
    results: dict[Request, ConversionResult | None] = {}
    misses: list[Request] = []
    for req in dict.fromkeys(requests):
        start = time.perf_counter()
        target = cache_path(req[0], req[1], cache_dir, req[2], max_err)
        if os.path.exists(target):
            seconds = time.perf_counter() - start
            results[req] = ConversionResult(target, glyph_count(target), 0, 0, seconds, True)
        else:
            misses.append(req)
    workers = min(len(misses), workers if workers is not None else (os.cpu_count() or 1))
    # A caller that listens for progress (a window) must not freeze while one face converts.
    apart = workers > 1 or (misses and (progress is not None or nice))
    if apart and not getattr(sys, "frozen", False):
        done = _in_children(misses, cache_dir, workers, max_err, progress, nice)
        for req in misses:  # what no child delivered (a failure, or no child could start)
            results[req] = done[req] if req in done else _here(req, cache_dir, max_err, skip_failed)
    else:
        for done, req in enumerate(misses):
            _tell(progress, done, len(misses), [])
            results[req] = _here(req, cache_dir, max_err, skip_failed)
    return [results[req] for req in requests]


def _here(
    req: Request, cache_dir: str, max_err: float, skip_failed: bool
) -> ConversionResult | None:
    """Convert in this process; a face that cannot be converted raises, or is skipped."""
    try:
        return cached_truetype(req[0], req[1], cache_dir, req[2], max_err=max_err)
    except ConversionError:
        if skip_failed:
            return None
        raise


def _tell(progress: Progress | None, done: int, total: int, running: list) -> None:
    if progress is not None and progress(done, total) is False:
        for proc, _ in running:
            proc.terminate()  # the child's SIGTERM handler removes its temporary file
        for proc, _ in running:
            proc.wait()
        raise ConversionCancelled("字体转换已取消 / font conversion cancelled")


def _in_children(
    misses: list[Request],
    cache_dir: str,
    workers: int,
    max_err: float,
    progress: Progress | None,
    nice: int,
) -> dict[Request, ConversionResult]:
    """The requests shared out among `workers` fresh interpreters (`python -m
    layouts.fonts.jobs`), each converting its share in turn: unlike a multiprocessing pool
    this never re-imports the caller's __main__ and is safe beside Qt's threads, and one
    interpreter per core starts Python and fontTools once, not once per face. Returns what
    the children delivered; the caller redoes the rest in its own process."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    running: list[tuple[subprocess.Popen[str], list[Request]]] = []
    out: dict[Request, ConversionResult] = {}
    try:
        for share in _shares(misses, workers):
            proc = _spawn(share, cache_dir, max_err, nice, env)
            if proc is not None:
                running.append((proc, share))
        while running:
            for proc, share in list(running):
                if proc.poll() is not None:
                    running.remove((proc, share))
                    out.update(_collect(proc, share))
            _tell(progress, len(out), len(misses), running)
            if running:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    running[0][0].wait(POLL_SECONDS)
    finally:
        for proc, _ in running:  # an exception here must not leave children converting
            if proc.poll() is None:
                proc.terminate()
                proc.wait()
    return out


def _cost(req: Request) -> float:
    """Rough seconds for one conversion: reading the source, then each glyph drawn."""
    return 0.4 + 0.0008 * len(req[2])


def _shares(misses: list[Request], workers: int) -> list[list[Request]]:
    """Longest first, each to the least loaded worker: the children finish close together."""
    shares: list[list[Request]] = [[] for _ in range(workers)]
    loads = [0.0] * workers
    for req in sorted(misses, key=_cost, reverse=True):
        i = loads.index(min(loads))
        shares[i].append(req)
        loads[i] += _cost(req)
    return [share for share in shares if share]


def _spawn(
    share: list[Request], cache_dir: str, max_err: float, nice: int, env: dict[str, str]
) -> subprocess.Popen[str] | None:
    jobs = [{"src": p, "index": i, "chars": sorted(ord(c) for c in cs)} for p, i, cs in share]
    message = {"jobs": jobs, "cache_dir": cache_dir, "max_err": max_err, "nice": nice}
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "layouts.fonts.jobs"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(message))  # tens of KB at most: the child reads it at once
        proc.stdin.close()
        return proc
    except OSError:
        return None


def _collect(proc: subprocess.Popen[str], share: list[Request]) -> dict[Request, ConversionResult]:
    """The results a finished child printed, one JSON line per request, in order."""
    assert proc.stdout is not None and proc.stderr is not None
    lines = proc.stdout.read().splitlines()  # small: a line per face (or a message)
    proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    done: dict[Request, ConversionResult] = {}
    for req, line in zip(share, lines, strict=False):
        try:
            done[req] = ConversionResult(**json.loads(line))
        except (ValueError, TypeError):
            break
    return done


def _main() -> None:
    """Child side of `_in_children`: JSON jobs on stdin, a JSON ConversionResult per job on
    stdout as each is done."""
    # Ended by the parent (cancel): unwind, so the atomic writer deletes its temporary file.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    message = json.loads(sys.stdin.read())
    if message.get("nice") and hasattr(os, "nice"):
        os.nice(message["nice"])
    for job in message["jobs"]:
        chars = frozenset(chr(c) for c in job["chars"])
        try:
            res = cached_truetype(
                job["src"], job["index"], message["cache_dir"], chars, max_err=message["max_err"]
            )
        except ConversionError as exc:
            print(exc, file=sys.stderr)
            sys.exit(3)
        print(json.dumps(dataclasses.asdict(res)), flush=True)


if __name__ == "__main__":
    _main()
