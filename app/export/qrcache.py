"""QR code modules, cached on disk: takes a payload and an error level, gives segno's rows of dark/light modules.

A page's QR codes (the paper's site, a service account) are the same from issue to issue,
and importing segno alone costs more than the rest of drawing a page: it pulls in
xml.sax → urllib.request → http.client → ssl. So the matrix segno makes is kept in Banmian's
cache folder, one small file per code, keyed by payload, error level and the installed
segno's files (another segno version may choose another mask), and read back from there.
A file that does not read back as a valid symbol is made again; a folder that cannot be
written only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
from pathlib import Path

from app.store.paths import default_cache_dir
from layouts.atomicfile import write_atomic

QR_CACHE_VERSION = 1


def default_qr_cache() -> Path:
    return default_cache_dir() / "qr"


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


def qr_rows(
    payload: str, error: str = "M", cache_dir: str | os.PathLike[str] | None = None
) -> list[bytes]:
    """The modules of the QR code for `payload` at `error` level (L, M, Q, H), without the
    quiet zone: one bytes per row, 1 dark, 0 light; exactly what segno.make gives."""
    folder = Path(cache_dir) if cache_dir is not None else default_qr_cache()
    key = f"{QR_CACHE_VERSION}\0{_segno_stamp()}\0{error.upper()}\0{payload}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    path = folder / f"{digest}.qr"
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
