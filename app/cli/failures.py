"""The command line's boundary: takes an exception that ended a command, gives the one line to print and the exit status.

Exit status 2: the command was refused (a mistake to fix: no such file, a wrong issue, a
target that must not be overwritten). Exit status 1: the machine could not do it (disk full,
read-only library or folder, the library locked by another program): the same command may
work later. Either way nothing was half-done and no traceback is printed; anything not
listed here is a bug and keeps its traceback.
"""

from __future__ import annotations

import sqlite3

from app.errors import UserError
from app.export.files import OutputFailed, describe_os_error
from app.store import LibraryError, LibraryUnavailable

REFUSED = 2
FAILED = 1


def _library_failure(e: sqlite3.Error, library: str | None) -> str:
    """SQLite's word for why a change could not be saved, as one line naming the library."""
    text = str(e).lower()
    where = f": {library}" if library else ""
    if "readonly" in text or "read-only" in text:
        reason = "版面库是只读的 / the library is read-only (file or folder)"
    elif "locked" in text or "busy" in text:
        reason = (
            "版面库正被另一程序写入，请稍后再试 / the library is locked by another program "
            "writing to it; try again when it is done"
        )
    elif "full" in text:
        reason = "磁盘已满 / the disk is full"
    elif "i/o" in text or "unable to open" in text:
        reason = f"无法读写版面库 / cannot read or write the library ({e})"
    else:
        reason = f"版面库出错 / the library failed ({' '.join(str(e).split())})"
    return f"{reason}; 未保存 / not saved{where}"


def one_line(e: BaseException, library: str | None = None) -> tuple[str, int] | None:
    """(message, exit status) for a failure the user should see as one line, else None."""
    if isinstance(e, OutputFailed | LibraryUnavailable):  # read-only, busy, full: try later
        return " ".join(str(e).split()), FAILED
    if isinstance(e, UserError | LibraryError):
        return " ".join(str(e).split()), REFUSED
    if isinstance(e, sqlite3.OperationalError):
        return _library_failure(e, library), FAILED
    if isinstance(e, sqlite3.DatabaseError):
        where = f": {library}" if library else ""
        return f"版面库文件已损坏 / the library file is damaged ({e}){where}", REFUSED
    if isinstance(e, FileNotFoundError | IsADirectoryError | NotADirectoryError):
        return f"{describe_os_error(e)}: {e.filename}", REFUSED  # an input named wrong
    if isinstance(e, OSError):
        name = f" {e.filename}" if e.filename else ""
        return f"无法完成 / could not finish:{name} {describe_os_error(e)}", FAILED
    return None
