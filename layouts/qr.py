"""QR symbols for every renderer: takes a QRItem (payload, error level, slot), gives its dark modules as rectangles in page points, with segno's matrix cached on disk.

Both renderers (the Qt painter and the PDF renderer) paint exactly these rectangles, so the
screen and the print cannot draw different symbols or place them differently. The slot
(`QRItem.size`) holds the symbol and its quiet zone; each horizontal run of dark modules is
one rectangle, so neighbouring modules leave no hairline seams in either renderer.

The matrix is segno's (error level as given, no boost, never Micro QR), so the display list
alone decides the symbol and preflight can size the slot from it. A page's QR codes (the
paper's site, a service account) are the same from issue to issue, and importing segno alone
costs more than the rest of drawing a page (it pulls in xml.sax → urllib.request →
http.client → ssl), so the matrix is kept in a cache folder the caller names, one small file
per code, keyed by payload, error level and the installed segno's files (another segno
version may choose another mask). A file that does not read back as a valid symbol is made
again; a folder that cannot be written only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from layouts.atomicfile import write_atomic
from layouts.display import QRItem

QUIET_ZONE = 4  # modules of white around a QR code (ISO/IEC 18004), inside QRItem.size
QR_CACHE_VERSION = 1

Rect = tuple[float, float, float, float]  # x, y (top), w, h in page points, y down


@dataclass(frozen=True, slots=True)
class QRModules:
    """A QR item's symbol as drawn: `modules` across (quiet zone not counted), one module
    `module` points wide, and the dark runs as rectangles in page points."""

    modules: int
    module: float
    rects: tuple[Rect, ...]


def qr_modules(item: QRItem, cache_dir: str | os.PathLike[str] | None = None) -> QRModules:
    """The dark modules of `item`'s symbol, one rectangle per horizontal run, placed inside
    its slot after the quiet zone (matrix cached in `cache_dir`; None: no disk cache)."""
    rows = qr_rows(item.payload, item.error, cache_dir)
    n = len(rows)
    module = item.size / (n + 2 * QUIET_ZONE)
    left = item.x + QUIET_ZONE * module
    top = item.y + QUIET_ZONE * module
    rects: list[Rect] = []
    for r, row in enumerate(rows):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            rects.append((left + start * module, top + r * module, (c - start) * module, module))
    return QRModules(n, module, tuple(rects))


def qr_rows(
    payload: str, error: str = "M", cache_dir: str | os.PathLike[str] | None = None
) -> list[bytes]:
    """The modules of the QR code for `payload` at `error` level (L, M, Q, H), without the
    quiet zone: one bytes per row, 1 dark, 0 light; exactly what segno.make gives. Raises
    segno.DataOverflowError if no QR version holds the payload."""
    if cache_dir is None:
        return _encode(payload, error)
    key = f"{QR_CACHE_VERSION}\0{_segno_stamp()}\0{error.upper()}\0{payload}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    path = Path(cache_dir) / f"{digest}.qr"
    with contextlib.suppress(OSError, ValueError):
        lines = path.read_text(encoding="ascii").split("\n")
        rows = [bytes.fromhex(line) for line in lines[1:] if line]
        if lines[0] == digest and _valid(rows):
            return rows
    rows = _encode(payload, error)
    with contextlib.suppress(OSError):
        write_atomic(
            path,
            ("\n".join([digest, *(row.hex() for row in rows)]) + "\n").encode("ascii"),
            prefix=".qr-",
        )
    return rows


def _segno_stamp() -> str:
    """Which segno would encode: its package files' sizes and times, found without importing it."""
    spec = importlib.util.find_spec("segno")
    if spec is None or spec.origin is None:
        return "segno-missing"
    folder = os.path.dirname(spec.origin)
    parts = []
    for name in ("__init__.py", "encoder.py", "consts.py"):
        with contextlib.suppress(OSError):
            st = os.stat(os.path.join(folder, name))
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return f"{folder}|{'|'.join(parts)}"


def _encode(payload: str, error: str) -> list[bytes]:
    import segno

    qr = segno.make(payload, error=error.lower(), micro=False, boost_error=False)
    return [bytes(row) for row in qr.matrix]


def _valid(rows: list[bytes]) -> bool:
    """A QR symbol (not micro): 21 to 177 modules square, in steps of 4, each 0 or 1."""
    n = len(rows)
    return (
        21 <= n <= 177
        and (n - 21) % 4 == 0
        and all(len(r) == n and not r.strip(b"\0\1") for r in rows)
    )
