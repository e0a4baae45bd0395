"""CFF→TrueType conversion: takes a CFF-flavoured font face and a character set, gives a cached glyf TTF."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from layouts.atomicfile import write_atomic
from layouts.metrics import metrics_cache_path

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

# fontTools' subsetter and pens are imported inside the functions that convert: a process
# whose conversions are all cached (every warm start) never pays for importing them.

# Bump when the output of a conversion changes: it is part of every cache key.
CONVERTER_VERSION = 1
# Largest distance, in font units, between a cubic curve and its quadratic approximation.
MAX_ERR = 1.0

# Layout features kept: vertical forms and CJK punctuation spacing (clreq half-width 'halt'/'vhal',
# proportional 'palt'/'vpal', contextual 'chws'/'vchw'). 'locl' is left out on purpose: in a
# Noto CJK face its closure drags in the Japanese/Korean/Traditional forms and doubles the subset.
LAYOUT_FEATURES = ["ccmp", "kern", "vkrn", "vert", "vrt2", "halt", "palt", "vhal", "vpal", "chws", "vchw"]  # fmt: skip


class ConversionError(RuntimeError):
    """A face cannot be converted (not CFF, CFF2/variable, unreadable)."""


@dataclasses.dataclass(frozen=True, slots=True)
class ConversionResult:
    path: str  # the TrueType file (index 0)
    glyphs: int  # glyphs in the file
    converted: int  # glyphs drawn through cu2qu in this call (0 on a cache hit)
    reused: int  # glyphs copied from an earlier cached file of the same source
    seconds: float
    cached: bool  # True when an existing file served the request


@cache
def gb2312_chars() -> frozenset[str]:
    """Every character of GB 2312: rows 1–9 symbols (682) and levels 1–2 hanzi (6,763)."""
    out: set[str] = set()
    row = bytearray(2 * 94)
    row[1::2] = range(0xA1, 0xFF)
    for hi in range(0xA1, 0xF8):
        row[0::2] = bytes((hi,)) * 94
        try:  # a whole row at once (most rows are full) ...
            out.update(row.decode("gb2312"))
        except UnicodeDecodeError:  # ... else code by code, skipping the unassigned ones
            for i in range(0, len(row), 2):
                with contextlib.suppress(UnicodeDecodeError):
                    out.add(row[i : i + 2].decode("gb2312"))
    return frozenset(out)


def _ranges(*spans: tuple[int, int]) -> set[str]:
    return {chr(c) for a, b in spans for c in range(a, b + 1)}


@cache
def default_charset() -> frozenset[str]:
    """GB 2312 plus the Latin, punctuation and symbol blocks a newspaper page uses."""
    extra = _ranges(
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1: ° × ÷ · ±
        (0x2010, 0x205E),  # general punctuation: — (U+2014, GB/T 15834 破折号) … ‰ ※
        (0x2100, 0x218F),  # letterlike, Roman numerals
        (0x2190, 0x21FF),  # arrows
        (0x2460, 0x24FF),  # ①–⑳, ⑴, ⒈
        (0x2500, 0x25FF),  # box drawing, geometric shapes ■□▲●○
        (0x2600, 0x26FF),  # ★☆ and friends
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3200, 0x32FF),  # ㈠, ㊣ enclosed CJK
        (0xFE10, 0xFE1F),  # vertical forms
        (0xFE30, 0xFE4F),  # CJK compatibility forms
        (0xFF01, 0xFF5E),  # full-width forms
        (0xFFE0, 0xFFE6),  # ￥ ￡ full-width signs
    )
    return frozenset(gb2312_chars() | extra)


_CHARSET_HASHES: dict[frozenset[str], str] = {}  # a registry asks for its charset's often


def charset_hash(chars: Iterable[str]) -> str:
    known = _CHARSET_HASHES.get(chars) if isinstance(chars, frozenset) else None
    if known is not None:
        return known
    joined = "".join(sorted(set(chars)))
    digest = hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if isinstance(chars, frozenset):
        if len(_CHARSET_HASHES) >= 8:
            _CHARSET_HASHES.clear()
        _CHARSET_HASHES[chars] = digest
    return digest


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


def _draw_quadratic(glyph_set, name: str, max_err: float) -> Glyph:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(glyph_set)
    # CFF contours run counter-clockwise, TrueType ones clockwise: reverse while converting.
    glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
    return pen.glyph()


def _set_maxp_v1(font: TTFont) -> None:
    """TrueType needs maxp 1.0 (CFF fonts carry 0.5); no hinting, so its limits are zero."""
    from fontTools.misc import sstruct
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._m_a_x_p import maxpFormat_1_0_add

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(font.getGlyphOrder())
    for attr in sstruct.getformat(maxpFormat_1_0_add)[1]:
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp


def convert_face(
    src_path: str,
    index: int,
    out_path: str,
    chars: Iterable[str],
    *,
    max_err: float = MAX_ERR,
    reuse_from: str | None = None,
) -> tuple[int, int, int]:
    """Subset face `index` of `src_path` to `chars` (plus layout closure), convert its CFF
    outlines to TrueType and write `out_path` atomically. Glyphs already converted in
    `reuse_from` (an earlier output for the same source) are copied, not redrawn.
    Returns (glyphs, converted, reused)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    src = TTFont(src_path, fontNumber=index, lazy=True)
    if "CFF " not in src:
        kind = "CFF2 (variable)" if "CFF2" in src else "no CFF"
        raise ConversionError(f"{src_path}#{index}: {kind} outlines, cannot convert")
    cmap = src.getBestCmap() or {}
    unicodes = sorted({ord(c) for c in chars} & cmap.keys())
    order = src.getGlyphOrder()
    vorg = src.get("VORG", None)

    # Swap CFF for a glyf of empty glyphs before subsetting: the subsetter then computes the
    # layout closure and prunes every table cheaply, without decompiling 65k charstrings.
    work = TTFont(src_path, fontNumber=index, lazy=True)
    work.setGlyphOrder(order)
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {name: Glyph() for name in order}
    work["glyf"] = glyf
    work["loca"] = newTable("loca")
    del work["CFF "]
    if "VORG" in work:
        del work["VORG"]  # CFF-only; vertical origins move into vmtx below
    work.sfntVersion = "\x00\x01\x00\x00"
    _set_maxp_v1(work)

    opts = subset.Options()
    opts.layout_features = LAYOUT_FEATURES
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.glyph_names = True
    opts.notdef_outline = True
    opts.recalc_bounds = True
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(work)

    reuse: dict[str, bytes] = {}
    if reuse_from:
        old = TTFont(reuse_from, lazy=True)
        # Raw glyph records: copied byte for byte, never decompiled.
        reuse = {n: getattr(g, "data", b"") for n, g in old["glyf"].glyphs.items()}
        old.close()
    glyph_set = src.getGlyphSet()
    glyf = work["glyf"]
    new_order = work.getGlyphOrder()
    converted = reused = 0
    boxes: dict[str, tuple[int, int, int, int, int, int]] = {}
    for name in new_order:
        if name in reuse:
            data = reuse[name]
            reused += 1
        else:
            data = _draw_quadratic(glyph_set, name, max_err).compile(glyf, recalcBBoxes=True)
            converted += 1
        glyf.glyphs[name] = Glyph(data)
        if len(data) >= 10:
            boxes[name] = _glyph_header(data)
    _finish_metrics(work, boxes, vorg)
    _save_atomic(work, out_path)
    work.close()
    src.close()
    return len(new_order), converted, reused


def _glyph_header(data: bytes) -> tuple[int, int, int, int, int, int]:
    """(contours, xMin, yMin, xMax, yMax, points) read from a compiled simple glyph."""
    contours, x0, y0, x1, y1 = struct.unpack(">hhhhh", data[:10])
    points = 0
    if contours > 0:
        off = 10 + 2 * (contours - 1)
        points = struct.unpack(">H", data[off : off + 2])[0] + 1
    return contours, x0, y0, x1, y1, points


def _finish_metrics(
    font: TTFont, boxes: dict[str, tuple[int, int, int, int, int, int]], vorg
) -> None:
    """Side bearings, head/hhea/vhea extents, maxp and post for the new outlines.
    Advance widths and heights are never touched: they stay exactly the source's."""
    hmtx = font["hmtx"]
    vmtx = font.get("vmtx", None)
    for name, (_, x0, _, _, y1, _) in boxes.items():
        hmtx[name] = (hmtx[name][0], x0)
        if vmtx is not None and vorg is not None:
            # TrueType's vertical origin is yMax + tsb: keep the VORG origin exactly.
            origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
            vmtx[name] = (vmtx[name][0], origin - y1)
    b = boxes.values()
    head = font["head"]
    head.glyphDataFormat = 0
    if boxes:
        head.xMin = min(v[1] for v in b)
        head.yMin = min(v[2] for v in b)
        head.xMax = max(v[3] for v in b)
        head.yMax = max(v[4] for v in b)
    _set_maxp_v1(font)
    font["maxp"].maxPoints = max((v[5] for v in b), default=0)
    font["maxp"].maxContours = max((v[0] for v in b), default=0)
    hhea = font["hhea"]
    hhea.advanceWidthMax = max(adv for adv, _ in hmtx.metrics.values())
    hhea.minLeftSideBearing = min((hmtx[n][1] for n in boxes), default=0)
    hhea.minRightSideBearing = min((hmtx[n][0] - v[3] for n, v in boxes.items()), default=0)
    hhea.xMaxExtent = max((v[3] for v in b), default=0)
    if vmtx is not None and "vhea" in font:
        vhea = font["vhea"]
        vhea.advanceHeightMax = max(adv for adv, _ in vmtx.metrics.values())
        tsb = {n: vmtx[n][1] for n in boxes}
        vhea.minTopSideBearing = min(tsb.values(), default=0)
        vhea.minBottomSideBearing = min(
            (vmtx[n][0] - tsb[n] - (v[4] - v[2]) for n, v in boxes.items()), default=0
        )
        vhea.yMaxExtent = max((tsb[n] + v[4] - v[2] for n, v in boxes.items()), default=0)
    post = font["post"]
    post.formatType = 2.0  # keep the CID glyph names: later extensions reuse glyphs by name
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = font.getGlyphOrder()


def _save_atomic(font: TTFont, out_path: str) -> None:
    """Serialise, then write atomically: a crash leaves no half font in the cache."""
    # Keep the source's timestamps so the same input always gives the same bytes.
    font.recalcTimestamp = False
    font.recalcBBoxes = False  # _finish_metrics did it, without decompiling glyphs
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    write_atomic(out_path, buf.getvalue(), prefix=".convert-")


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
            target, _glyph_count(target), 0, 0, time.perf_counter() - start, True
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
            return ConversionResult(
                str(sibling), _glyph_count(str(sibling)), 0, 0, time.perf_counter() - start, True
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
    return ConversionResult(target, glyphs, converted, reused, time.perf_counter() - start, False)


def prune_cache(cache_dir: str, stale_tmp_seconds: float = 86400.0) -> list[str]:
    """Delete converted files that a larger file of the same source covers entirely (with
    their metrics cache files), and temporary files left by crashed conversions. Call it when
    no registry is using the cache (e.g. at start-up). Returns the deleted paths."""
    groups: dict[str, list[tuple[str, set[int]]]] = {}
    for path in sorted(Path(cache_dir).glob("*-*-*-*.ttf")):
        have = _covered(str(path))
        if have is not None:
            groups.setdefault(path.name.rsplit("-", 1)[0], []).append((str(path), have))
    doomed = []
    for files in groups.values():
        for path, have in files:
            if any(other != path and have < cover for other, cover in files):
                doomed.append(path)
                with contextlib.suppress(OSError):
                    metrics = metrics_cache_path(path, 0, cache_dir)
                    if os.path.exists(metrics):
                        doomed.append(metrics)
    now = time.time()
    for tmp in [*Path(cache_dir).glob(".convert-*.tmp"), *Path(cache_dir).glob(".metrics-*.tmp")]:
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > stale_tmp_seconds:
                doomed.append(str(tmp))
    for path in doomed:
        with contextlib.suppress(OSError):
            os.unlink(path)
    return doomed


def _glyph_count(path: str) -> int:
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


def _in_child(
    src_path: str, index: int, cache_dir: str, chars: frozenset[str], max_err: float
) -> ConversionResult:
    """Run one conversion in a fresh interpreter (`python -m layouts.fontconvert`): unlike a
    multiprocessing pool it never re-imports the caller's __main__, and it is safe beside Qt's
    threads. Falls back to converting in this process if the child cannot run."""
    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    request = {"src": src_path, "index": index, "cache_dir": cache_dir, "max_err": max_err}
    request["chars"] = sorted(ord(c) for c in chars)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "layouts.fontconvert"],
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
