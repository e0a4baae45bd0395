"""Open-time checks: takes a path, gives its schema version or raises LibraryError, writing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.store.errors import LibraryError
from app.store.schema import APPLICATION_ID, MAGIC, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100  # the database header occupies the first 100 bytes of page 1
WAL_FORMAT = 2  # header bytes 18/19 (write/read format version): 1 = rollback journal, 2 = WAL


def sqlite_uri(path: Path, **params: str) -> str:
    """A file: URI for sqlite3.connect(uri=True); as_uri() percent-escapes '?', '#', '%' and hanzi."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return path.resolve().as_uri() + (f"?{query}" if query else "")


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _read_header(path: Path) -> bytes:
    if not path.exists():
        raise LibraryError(f"找不到版面库文件 / library file not found: {path}")
    if not path.is_file():
        raise LibraryError(f"不是文件 / not a file: {path}")
    try:
        with path.open("rb") as f:
            return f.read(HEADER_SIZE)
    except OSError as e:
        raise LibraryError(
            f"无法读取版面库文件 / cannot read the library file: {path} ({e})"
        ) from e


def _connect_read_only(path: Path, header: bytes) -> sqlite3.Connection:
    """A connection that cannot write the file nor leave -wal/-shm files beside it.

    A plain mode=ro connection to a WAL-mode file creates -wal and -shm and leaves them behind.
    When no -wal exists the main file holds every committed transaction, so immutable=1 (no
    locks, no side files) reads it exactly; when one does exist (another process has the
    library open, or a crash left it) we must read through it, which needs the shared memory.
    """
    immutable = header[18] == WAL_FORMAT and not wal_path(path).exists()
    params = {"mode": "ro", "immutable": "1"} if immutable else {"mode": "ro"}
    conn = sqlite3.connect(sqlite_uri(path, **params), uri=True, isolation_level=None)
    conn.execute("PRAGMA query_only = ON")  # belt and braces: no statement may write
    return conn


def _damaged(path: Path, detail: str) -> LibraryError:
    detail = " ".join(detail.split())  # one line, whatever SQLite said
    return LibraryError(f"版面库文件已损坏 / the library file is damaged: {path} ({detail})")


def _check_contents(conn: sqlite3.Connection, path: Path) -> int:
    not_ours = LibraryError(f"不是版面库文件 / not a Banmian library: {path}")
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise not_ours
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"此版面库由更新版本的版面创建（库版本 {version}），本程序最高只能读取版本 "
            f"{SCHEMA_VERSION} / made by a newer Banmian (library version {version}), "
            f"this build reads up to version {SCHEMA_VERSION}: {path}"
        )
    if version < 1:
        raise _damaged(path, f"schema version {version}")
    # integrity_check, not quick_check: both read every page, so checking indexes against
    # their tables too costs little (about 10 %: 27 ms against 24 ms on a 70 MB library).
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(3)")]
    if problems != ["ok"]:
        raise _damaged(path, "; ".join(problems))
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError as e:  # no meta table: an impostor with our application id
        raise not_ours from e
    if meta.get("magic") != MAGIC:
        raise not_ours
    if meta.get("schema_version") != str(version):
        raise _damaged(
            path, f"meta says version {meta.get('schema_version')}, header says {version}"
        )
    return version


def _file_state(path: Path) -> tuple[int, int, bool]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, wal_path(path).exists()


def check_library_file(path: Path) -> int:
    """Raise LibraryError unless `path` is an intact Banmian library this build reads.

    Returns the file's schema version. Opens read-only and leaves the file byte-for-byte as
    it was, side files included.
    """
    # An immutable read (no locks) of a file another program is upgrading at that moment can
    # see two versions at once; when the file changed under the check, look again.
    for _attempt in range(3):
        before = _file_state(path) if path.is_file() else None
        try:
            return _check_once(path)
        except LibraryError:
            if before is None or _file_state(path) == before:
                raise
    return _check_once(path)


def _check_once(path: Path) -> int:
    header = _read_header(path)
    if not header:
        raise LibraryError(f"不是版面库文件（空文件） / not a Banmian library (empty file): {path}")
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        raise LibraryError(
            f"不是版面库文件 / not a Banmian library (not an SQLite database): {path}"
        )
    try:
        conn = _connect_read_only(path, header)
    except sqlite3.Error as e:
        raise LibraryError(
            f"无法打开版面库文件 / cannot open the library file: {path} ({e})"
        ) from e
    try:
        conn.execute("BEGIN")  # one snapshot for every read when locks are in use
        return _check_contents(conn, path)
    except sqlite3.DatabaseError as e:
        raise _damaged(path, str(e)) from e
    finally:
        conn.close()
