"""PostgreSQL's errors as the store's: takes a psycopg error and the library's URL, gives the LibraryError kind and its one bilingual line.

By SQLSTATE: a lock not granted in time, a deadlock or a serialization failure is LibraryBusy;
a read-only transaction (a standby server, default_transaction_read_only) LibraryReadOnly; a
full disk LibraryFull; a lost or refused connection, a server shutting down, too many
connections LibraryUnavailable — the change was not written and may be tried again. A write
the database role may not make is LibraryForbidden (trying again will not help).
"""

from __future__ import annotations

import psycopg

from app.store.errors import (
    LibraryBusy,
    LibraryError,
    LibraryForbidden,
    LibraryFull,
    LibraryReadOnly,
    LibraryUnavailable,
)

_BUSY = {"55P03", "40P01", "40001", "57014"}  # lock_not_available, deadlock, serialization, cancel
_GONE = ("08", "57P")  # connection exceptions; admin/crash shutdown, cannot connect now
_REFUSED_AT_CONNECT = ("3D000", "28000", "28P01", "42704")  # no such database, authentication


def _detail(error: BaseException) -> str:
    return " ".join(str(error).split())


def translate(error: BaseException, location: str, waited: float = 0.0) -> LibraryError:
    """The LibraryError kind for an error met while writing the library at `location`."""
    state = getattr(error, "sqlstate", None) or ""
    detail = _detail(error)
    if state.startswith("23"):
        return LibraryError(f"数据不一致，未保存 / not saved, integrity rule broken: {detail}")
    if state in _BUSY:
        return LibraryBusy(
            f"版面库正被另一程序写入，等候{waited:g}秒仍未轮到，修改未保存 / the library is busy: "
            f"another desk held it for {waited:g} s, the change was not saved: {location}"
        )
    if state == "25006":
        return LibraryReadOnly(
            f"版面库是只读的，修改未保存 / the library is read-only, the change was not saved: "
            f"{location} ({detail})"
        )
    if state == "42501":
        return LibraryForbidden(
            f"无权修改，未保存 / not allowed to make this change, not saved: {location} ({detail})"
        )
    if state == "53100":
        return LibraryFull(
            f"服务器磁盘已满，修改未保存 / the server's disk is full, the change was not saved: "
            f"{location}"
        )
    if (
        state.startswith(_GONE)
        or state.startswith("53")
        or (not state and isinstance(error, psycopg.OperationalError))
        or isinstance(error, psycopg.InterfaceError)
    ):
        return LibraryUnavailable(
            f"连不上版面库服务器，修改未保存 / the library server cannot be reached, the change "
            f"was not saved: {location} ({detail})"
        )
    return LibraryError(f"版面库出错，修改未保存 / library error, not saved: {location} ({detail})")


def connect_error(error: psycopg.Error, location: str) -> LibraryError:
    """Why a connection was not made: a wrong name or password is a mistake (LibraryError);
    a server that is down or unreachable may come back (LibraryUnavailable)."""
    state = getattr(error, "sqlstate", None) or ""
    detail = _detail(error)
    if state in _REFUSED_AT_CONNECT or "does not exist" in detail or "authentication" in detail:
        return LibraryError(
            f"无法打开服务器上的版面库 / cannot open the library: {location} ({detail})"
        )
    return LibraryUnavailable(
        f"连不上版面库服务器 / the library server cannot be reached: {location} ({detail})"
    )
