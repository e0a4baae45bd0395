"""The store's exceptions: takes a bilingual one-line message or an SQLite error, gives LibraryError and its kinds (PostgreSQL's errors: pg_errors.py).

Messages are one line, Chinese first, then English after " / ", e.g.
"不是版面库文件 / not a Banmian library: FILE". The kinds a caller may act on:

- LibraryUnavailable (LibraryReadOnly, LibraryBusy, LibraryFull): the change was not written,
  nothing in the library changed, and the same change may succeed later — keep it and retry.
- LibraryForbidden: a server library's role does not allow the change; keeping it is no use.
- DamagedRow: one row of the library cannot be read as what it should be (app/model/validate.py
  says what is wrong with it); loading an issue leaves it out and reports it instead.
- LibraryConflict: the write was based on a version of a row that another desk has changed
  since (no lost updates); nothing was written. Read the row again, merge or ask, then write.
- LibraryCheckedOut: the page or story is checked out (签出) by another desk; read-only here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.model.damage import Damage


class LibraryError(Exception):
    """A library file cannot be opened, created or changed as asked."""


class LibraryUnavailable(LibraryError):
    """The library cannot take a write now (read-only, held by another writer, disk full, I/O
    error). Nothing was changed; the same change may be tried again later."""


class LibraryReadOnly(LibraryUnavailable):
    """The library file (or its folder) cannot be written by this user, or was opened read-only."""


class LibraryBusy(LibraryUnavailable):
    """Another program held the library's write lock for longer than we waited."""


class LibraryFull(LibraryUnavailable):
    """The disk (or the library's size limit) is full."""


class LibraryForbidden(LibraryError):
    """The server refused the change: this person's role may not make it (a proofreader moving
    a frame). Nothing was changed; trying again will not help."""


class DamagedRow(LibraryError):
    """A row that cannot be read as a model object; `damages` say which fields and why."""

    def __init__(self, damages: list[Damage]) -> None:
        more = f" (+{len(damages) - 1})" if len(damages) > 1 else ""
        super().__init__(damages[0].line() + more)
        self.damages = damages


class LibraryConflict(LibraryError):
    """A write based on a stale version: `table` row `row_id` is at `found`, the writer read
    `expected` (0: an undo found the row changed). `by` names who changed it last, when the
    change log knows."""

    def __init__(
        self, table: str, row_id: int, expected: int, found: int, by: str = "", what: str = ""
    ) -> None:
        who = f"（{by}）" if by else ""
        whom = f" by {by}" if by else ""
        zh, _, en = (what or table).partition(" ")
        versions_zh = f"（版本{expected}→{found}）" if expected else ""
        versions_en = f" (version {expected}, now {found})" if expected else ""
        super().__init__(
            f"{zh}已被其他编辑修改{who}，未保存{versions_zh} / {en or zh} {row_id} was changed "
            f"by another desk{whom}{versions_en}: not saved"
        )
        self.table, self.row_id, self.expected, self.found, self.by = (
            table,
            row_id,
            expected,
            found,
            by,
        )


class LibraryCheckedOut(LibraryError):
    """The row belongs to a page or story another desk has checked out (签出): read-only."""


# What the check-out guard's triggers raise (app/store/desks.py); translate() knows it.
CHECKED_OUT = "banmian: checked out by another desk"


# SQLite primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN = 5, 6, 8, 10, 13, 14


def translate(error: sqlite3.Error, path: Path | str, waited: float = 0.0) -> LibraryError:
    """The LibraryError kind for an SQLite error met while writing `path`; `waited` is how long
    SQLite waited for the write lock (seconds), named in the busy message."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    detail = " ".join(str(error).split())
    if isinstance(error, sqlite3.IntegrityError) and CHECKED_OUT in detail:
        return LibraryCheckedOut(
            "已被其他编辑签出，只读，未保存 / checked out by another desk: read-only, not saved"
        )
    if isinstance(error, sqlite3.IntegrityError):
        return LibraryError(f"数据不一致，未保存 / not saved, integrity rule broken: {detail}")
    if code in (_BUSY, _LOCKED):
        return LibraryBusy(
            f"版面库正被另一程序写入，等候{waited:g}秒仍未轮到，修改未保存 / the library is busy: "
            f"another program held it for {waited:g} s, the change was not saved: {path}"
        )
    if code == _READONLY:
        return LibraryReadOnly(
            f"版面库是只读的，修改未保存 / the library is read-only, the change was not saved: "
            f"{path} ({detail})"
        )
    if code == _FULL:
        return LibraryFull(
            f"磁盘已满，修改未保存 / the disk is full, the change was not saved: {path}"
        )
    if code in (_IOERR, _CANTOPEN):
        return LibraryUnavailable(
            f"版面库读写出错，修改未保存 / the library could not be written, the change was not "
            f"saved: {path} ({detail})"
        )
    return LibraryError(f"版面库出错，修改未保存 / library error, not saved: {path} ({detail})")
