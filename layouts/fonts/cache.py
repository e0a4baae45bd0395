"""The conversion cache: takes a source face, a character set and a cache folder, gives a converted TrueType file covering the set (found, grown from an earlier file, or converted now) and prunes files others cover."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import re
import struct
import time
from collections.abc import Iterable
from pathlib import Path

from layouts.fonts.charsets import charset_hash, default_charset
from layouts.fonts.convert import CONVERTER_VERSION, MAX_ERR, ConversionError, convert_face
from layouts.fonts.metrics import metrics_cache_path

# A converted file that a newer one covers is deleted only when older than this: a process
# that chose it a moment ago may still be about to read it.
COVERED_MIN_AGE = 600.0


@dataclasses.dataclass(frozen=True, slots=True)
class ConversionResult:
    path: str  # the TrueType file (index 0)
    glyphs: int  # glyphs in the file
    converted: int  # glyphs drawn through cu2qu in this call (0 on a cache hit)
    reused: int  # glyphs copied from an earlier cached file of the same source
    seconds: float
    cached: bool  # True when an existing file served the request


def _source_key(src_path: str, index: int, max_err: float) -> tuple[str, str]:
    """(slug, signature) naming the cache files of one source face."""
    path = os.path.abspath(src_path)
    st = os.stat(path)
    raw = f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{index}\0{CONVERTER_VERSION}\0{max_err}"
    sig = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9]+", "_", Path(path).stem)[:40] or "font"
    return f"{slug}-{index}", sig


def cache_path(
    src_path: str, index: int, cache_dir: str, chars: Iterable[str], max_err: float = MAX_ERR
) -> str:
    slug, sig = _source_key(src_path, index, max_err)
    return os.path.join(cache_dir, f"{slug}-{sig}-{charset_hash(chars)}.ttf")


def _covered(path: str) -> set[int] | None:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, lazy=True)
        try:
            return set((font.getBestCmap() or {}).keys())
        finally:
            font.close()
    except Exception:  # a foreign or damaged file in the cache is simply not used
        return None


def cached_truetype(
    src_path: str,
    index: int,
    cache_dir: str,
    chars: Iterable[str] | None = None,
    *,
    max_err: float = MAX_ERR,
) -> ConversionResult:
    """A TrueType version of face `index` of `src_path` covering `chars` (default:
    `default_charset()`), from `cache_dir` if an earlier conversion serves, else converted
    now. Cache files are keyed by source path, size, mtime, face index and character set."""
    start = time.perf_counter()
    wanted = set(default_charset() if chars is None else chars)
    target = cache_path(src_path, index, cache_dir, wanted, max_err)
    if os.path.exists(target):
        return ConversionResult(
            target, glyph_count(target), 0, 0, time.perf_counter() - start, True
        )

    # Another file of the same source may already hold every character asked for (or most of them).
    from fontTools.ttLib import TTFont

    slug, sig = _source_key(src_path, index, max_err)
    src = TTFont(src_path, fontNumber=index, lazy=True)
    need = {ord(c) for c in wanted} & set((src.getBestCmap() or {}).keys())
    src.close()
    best: tuple[int, str, set[int]] | None = None
    for sibling in sorted(Path(cache_dir).glob(f"{slug}-{sig}-*.ttf")):
        have = _covered(str(sibling))
        if have is None:
            continue
        if need <= have:
            # Name it for this character set too (a hard link, no copy): the next request for
            # it is then answered from the file name alone, without reading any font.
            with contextlib.suppress(OSError):
                os.link(sibling, target)
            return ConversionResult(
                str(sibling), glyph_count(str(sibling)), 0, 0, time.perf_counter() - start, True
            )
        overlap = len(need & have)
        if best is None or overlap > best[0]:
            best = (overlap, str(sibling), have)

    # Grow: the new file serves this request and everything the best earlier file served.
    reuse_from = None
    if best is not None:
        reuse_from = best[1]
        wanted |= {chr(u) for u in best[2]}
    glyphs, converted, reused = convert_face(
        src_path, index, target, wanted, max_err=max_err, reuse_from=reuse_from
    )
    if reuse_from is not None:  # the new file covers the one it grew from: drop old ones
        prune_cache(cache_dir, covered_min_age=COVERED_MIN_AGE, group=f"{slug}-{sig}")
    return ConversionResult(target, glyphs, converted, reused, time.perf_counter() - start, False)


def prune_cache(
    cache_dir: str,
    stale_tmp_seconds: float = 86400.0,
    *,
    covered_min_age: float = 0.0,
    group: str = "*-*",
) -> list[str]:
    """Delete converted files that a larger file of the same source covers entirely (with
    their metrics cache files), and temporary files left by crashed conversions. A covered
    file younger than `covered_min_age` seconds is kept: another process may be about to read
    it. `group` limits the covered-file pass to one source ("slug-sig"). Returns the deleted
    paths."""
    groups: dict[str, list[tuple[str, set[int]]]] = {}
    for path in sorted(Path(cache_dir).glob(f"{group}-*.ttf")):
        have = _covered(str(path))
        if have is not None:
            groups.setdefault(path.name.rsplit("-", 1)[0], []).append((str(path), have))
    doomed = []
    now = time.time()
    for files in groups.values():
        for path, have in files:
            if any(other != path and have < cover for other, cover in files):
                with contextlib.suppress(OSError):
                    if now - os.stat(path).st_mtime < covered_min_age:
                        continue
                doomed.append(path)
                with contextlib.suppress(OSError):
                    metrics = metrics_cache_path(path, 0, cache_dir)
                    if os.path.exists(metrics):
                        doomed.append(metrics)
    for tmp in [*Path(cache_dir).glob(".convert-*.tmp"), *Path(cache_dir).glob(".metrics-*.tmp")]:
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > stale_tmp_seconds:
                doomed.append(str(tmp))
    for path in doomed:
        with contextlib.suppress(OSError):
            os.unlink(path)
    return doomed


def glyph_count(path: str) -> int:
    """numGlyphs from the maxp table of a TrueType file, read straight from its table
    directory: a cache hit needs nothing else from the file, and fontTools is not loaded."""
    with open(path, "rb") as fh:
        header = fh.read(12)
        (tables,) = struct.unpack_from(">H", header, 4)
        directory = fh.read(16 * tables)
        for i in range(tables):
            tag, _, offset, _ = struct.unpack_from(">4sIII", directory, 16 * i)
            if tag == b"maxp":
                fh.seek(offset + 4)  # after the table version
                return struct.unpack(">H", fh.read(2))[0]
    raise ConversionError(f"{path}: no maxp table")
