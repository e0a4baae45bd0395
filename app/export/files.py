"""Output files: takes a target path and bytes, puts a complete file in place or raises a one-line error; never over a library or an input.

Every file Banmian writes for the user (PDFs, layout JSON) goes through here: the bytes go to
a hidden temporary file beside the target, are flushed to disk, and only then renamed over it,
so a full disk, a read-only folder or a crash leaves the previous file as it was and no
half-written file behind. A target is refused when it holds a Banmian library (recognised by
its content, whatever its name), is a library's side file, or is one of the command's inputs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from app.errors import UserError
from app.store.checks import HEADER_SIZE, SQLITE_HEADER
from app.store.schema import APPLICATION_ID

NAME_MAX = 255  # bytes in one file name on ext4, XFS, Btrfs, APFS, NTFS (UTF-16 units there)
TEMP_PREFIX = ".banmian-"  # hidden, short: a target name near the limit still gets a temp file
_APPLICATION_ID_AT = 68  # the SQLite header's application_id, big-endian (sqlite.org/fileformat)
_SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside a database


class OutputRefused(UserError):
    """The target must not be written (a library, an input, a folder): nothing was written."""


class OutputFailed(UserError):
    """Writing failed (disk full, read-only, no permission): nothing changed on disk."""


def is_library_file(path: Path) -> bool:
    """Whether `path` holds a Banmian library, by its first 100 bytes (not by its name)."""
    try:
        with path.open("rb") as f:
            header = f.read(HEADER_SIZE)
    except OSError:
        return False
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        return False
    app_id = int.from_bytes(header[_APPLICATION_ID_AT : _APPLICATION_ID_AT + 4], "big")
    return app_id == APPLICATION_ID


def _library_side_file(path: Path) -> bool:
    """A library's -wal/-shm/-journal: overwriting the -wal loses committed changes."""
    return any(
        path.name.endswith(side) and is_library_file(path.with_name(path.name[: -len(side)]))
        for side in _SIDE_FILES
    )


def name_limit(folder: Path) -> int:
    """The longest file name in bytes the folder's file system takes (255 where unknown)."""
    for where in (folder, *folder.parents):
        if where.is_dir():
            try:
                return min(NAME_MAX, os.pathconf(where, "PC_NAME_MAX"))
            except (OSError, ValueError, AttributeError):  # no pathconf on Windows
                return NAME_MAX
    return NAME_MAX


def shorten_name(name: str, limit: int = NAME_MAX) -> str:
    """`name` cut to `limit` bytes of UTF-8 at a character boundary, its extension kept."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext.encode("utf-8")) > 16:
        stem, ext = name, ""
    tail = f".{ext}" if ext else ""
    room = limit - len(tail.encode("utf-8"))
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")  # whole characters only
    return cut.rstrip(". ") + tail


def check_target(target: Path, protect: Sequence[Path] = ()) -> Path:
    """The path to write for `target`, its name shortened to fit the file system.

    Raises OutputRefused for a folder, a missing parent folder, a library or its side file,
    and any path in `protect` (the command's inputs, however they are linked).
    """
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise OutputRefused(f"目录不存在 / no such folder: {folder}")
    target = folder / shorten_name(target.name, name_limit(folder))
    if target.is_dir():
        raise OutputRefused(f"这是文件夹，不能写成文件 / a folder, not a file to write: {target}")
    if is_library_file(target) or _library_side_file(target):
        raise OutputRefused(
            f"不能覆盖版面库，未写入 / will not write over a Banmian library, nothing "
            f"written: {target}"
        )
    for source in protect:
        if target.exists() and Path(source).exists() and os.path.samefile(target, source):
            raise OutputRefused(
                f"不能覆盖输入文件，未写入 / will not write over an input of this command, "
                f"nothing written: {target}"
            )
    return target


def describe_os_error(e: OSError) -> str:
    """Chinese / English for what the operating system said, without a traceback."""
    reasons = {
        errno.ENOSPC: "磁盘已满 / the disk is full",
        errno.EDQUOT: "超出磁盘配额 / disk quota exceeded",
        errno.EROFS: "只读文件系统 / the file system is read-only",
        errno.EACCES: "没有写入权限 / no permission to write",
        errno.EPERM: "没有写入权限 / no permission to write",
        errno.EFBIG: "文件超出大小限制 / the file is larger than this system allows",
        errno.ENAMETOOLONG: "文件名过长 / the file name is too long",
        errno.EIO: "磁盘读写错误 / input/output error on the disk",
        errno.ENOENT: "找不到文件 / no such file or folder",
        errno.EISDIR: "是文件夹 / is a folder",
        errno.ENOTDIR: "不是文件夹 / not a folder",
    }
    return reasons.get(e.errno or 0, e.strerror or str(e))


def _failed(target: Path, e: OSError, existed: bool) -> OutputFailed:
    kept = "，原文件保留 / the previous file is kept" if existed else ""
    return OutputFailed(
        f"无法写入 / cannot write {target}: {describe_os_error(e)}; 未写入 / nothing written{kept}"
    )


def _file_mode(target: Path) -> int:
    """The target's own mode when it exists, else what the umask allows (mkstemp makes 0600)."""
    with contextlib.suppress(OSError):
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def check_space(folder: Path, size: int, target: Path) -> None:
    """Refuse before writing when the folder's file system has not `size` bytes free."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # cannot tell: writing will say
    if free < size:
        raise OutputFailed(
            f"磁盘空间不足 / not enough disk space for {target}: needs "
            f"{size / 1e6:.1f} MB, {free / 1e6:.1f} MB free; 未写入 / nothing written"
            + ("，原文件保留 / the previous file is kept" if target.exists() else "")
        )


def write_file(target: Path, data: bytes) -> Path:
    """Write `data` to `target` whole or not at all (see the module docstring); returns it."""
    target = Path(target)
    existed = target.exists()
    check_space(target.parent, len(data), target)
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=".part")
    except OSError as e:
        raise _failed(target, e, existed) from None
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's mode does not apply
                os.fchmod(f.fileno(), _file_mode(target))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # a full disk may only say so here (delayed allocation, NFS)
        os.replace(temp, target)
    except OSError as e:
        raise _failed(target, e, existed) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)  # gone after os.replace; after a failure, the half-written part
    return target


@contextlib.contextmanager
def staged_folder(
    folder: Path, names: Sequence[str], protect: Sequence[Path] = ()
) -> Iterator[Path]:
    """A hidden folder to write a set of files into; they land in `folder` together or not at all.

    The caller writes every file of `names` into the staging folder; when the block ends
    without an error they are renamed into `folder` (created if needed: then the staging
    folder itself is renamed, one step); on any error the staging folder is removed. Renames
    need no disk space, so once every file is written the set lands whole.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"不是文件夹 / not a folder: {folder}")
    if not folder.parent.is_dir():
        raise OutputRefused(f"目录不存在 / no such folder: {folder.parent}")
    for name in names:
        if folder.is_dir():
            check_target(folder / name, protect)  # refused before anything is written
    where = folder if folder.is_dir() else folder.parent
    try:
        stage = Path(tempfile.mkdtemp(dir=where, prefix=TEMP_PREFIX + "pages-"))
    except OSError as e:
        raise _failed(folder, e, False) from None
    try:
        yield stage
        if not folder.exists():
            try:
                os.rename(stage, folder)
                return
            except OSError:
                folder.mkdir(exist_ok=True)  # made meanwhile by someone else: move the files
        for name in names:
            os.replace(stage / name, folder / name)
    except OSError as e:
        raise _failed(folder, e, False) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
