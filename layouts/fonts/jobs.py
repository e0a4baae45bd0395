"""Conversions in child processes: takes several source faces, a character set and a cache folder, gives their cached TrueType files, converting side by side (`python -m layouts.fonts.jobs` is the child)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from layouts.fonts.cache import ConversionResult, cache_path, cached_truetype
from layouts.fonts.charsets import default_charset
from layouts.fonts.convert import MAX_ERR


def _in_child(
    src_path: str, index: int, cache_dir: str, chars: frozenset[str], max_err: float
) -> ConversionResult:
    """Run one conversion in a fresh interpreter (`python -m layouts.fonts.jobs`): unlike a
    multiprocessing pool it never re-imports the caller's __main__, and it is safe beside Qt's
    threads. Falls back to converting in this process if the child cannot run."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    request = {"src": src_path, "index": index, "cache_dir": cache_dir, "max_err": max_err}
    request["chars"] = sorted(ord(c) for c in chars)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "layouts.fonts.jobs"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        return ConversionResult(**json.loads(done.stdout.strip().splitlines()[-1]))
    except (OSError, subprocess.CalledProcessError, ValueError, IndexError, TypeError):
        return cached_truetype(src_path, index, cache_dir, chars, max_err=max_err)


def cached_truetype_many(
    faces: Sequence[tuple[str, int]],
    cache_dir: str,
    chars: Iterable[str] | None = None,
    *,
    workers: int | None = None,
    max_err: float = MAX_ERR,
) -> list[ConversionResult]:
    """`cached_truetype` for several faces, in the order given. Conversions that miss the cache
    run side by side in child processes (up to `workers`, default: the CPU count)."""
    charset = default_charset() if chars is None else frozenset(chars)
    unique = list(dict.fromkeys((os.path.abspath(p), i) for p, i in faces))
    misses = [f for f in unique if not os.path.exists(cache_path(*f, cache_dir, charset, max_err))]
    workers = min(len(misses), workers if workers is not None else (os.cpu_count() or 1))
    results: dict[tuple[str, int], ConversionResult] = {}
    if workers > 1 and not getattr(sys, "frozen", False):
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = pool.map(lambda f: _in_child(*f, cache_dir, charset, max_err), misses)
            results.update(zip(misses, done, strict=True))
    for f in unique:
        if f not in results:
            results[f] = cached_truetype(*f, cache_dir, charset, max_err=max_err)
    return [results[(os.path.abspath(p), i)] for p, i in faces]


def _main() -> None:
    """Child side of `_in_child`: a JSON request on stdin, a JSON ConversionResult on stdout."""
    req = json.loads(sys.stdin.read())
    chars = frozenset(chr(c) for c in req["chars"])
    res = cached_truetype(req["src"], req["index"], req["cache_dir"], chars, max_err=req["max_err"])
    print(json.dumps(dataclasses.asdict(res)))


if __name__ == "__main__":
    _main()
