"""Output paths guarded: never over a library or an input, per-page sets whole or not at all, no .part left, long names shortened."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.export import issue as export_issue_module
from app.export.files import is_library_file
from app.export.names import page_file_name
from app.store import Library


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with its content's hash."""
    return {
        str(p.relative_to(folder)): digest(p) if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def library_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    db = tmp_path_factory.mktemp("lib") / "paper.banmian"
    assert main(["sample", "--db", str(db)]) == 0
    return db.read_bytes()


@pytest.fixture
def lib(tmp_path: Path, library_bytes: bytes) -> Path:
    db = tmp_path / "paper.banmian"
    db.write_bytes(library_bytes)
    return db


def one_line_refusal(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--db", "{lib}", "--out", "{lib}"],
        ["--db", "{lib}", "export", "--preset", "print", "--out", "{lib}"],
        ["layout", "--db", "{lib}", "--json", "{lib}"],
        ["export", "--db", "{lib}", "--out", "{copy}"],  # another library, named like a PDF
        ["layout", "--db", "{lib}", "--json", "{copy}"],
        ["export", "--out", "{copy}"],  # the built-in sample over a library
        ["export", "--db", "{lib}", "--out", "{link}"],  # a link to the library
        ["export", "--db", "{lib}", "--out", "{lib}-wal"],  # its write-ahead log
        ["export", "--db", "{lib}", "--per-page", "{tmp}"],  # a page file that is a library
    ],
)
def test_never_writes_over_a_library(
    args: list[str], lib: Path, tmp_path: Path, library_bytes: bytes, capsys
) -> None:
    copy = tmp_path / "backup.pdf"
    copy.write_bytes(library_bytes)
    (tmp_path / "link.pdf").symlink_to(lib)
    (tmp_path / "石景山报-20190425-03.pdf").write_bytes(library_bytes)
    before = tree(tmp_path)
    names = {"lib": lib, "copy": copy, "link": tmp_path / "link.pdf", "tmp": tmp_path}
    err = one_line_refusal([a.format(**names) for a in args], capsys)
    assert "library" in err
    assert tree(tmp_path) == before  # not a byte changed, nothing added (no .part either)
    with Library.open(lib) as opened:
        assert [i.cumulative_number for i in opened.issues()] == [1809]


def test_is_library_file_reads_content_not_names(tmp_path: Path, lib: Path) -> None:
    assert is_library_file(lib)
    renamed = tmp_path / "notes.txt"
    renamed.write_bytes(lib.read_bytes())
    assert is_library_file(renamed)
    other = tmp_path / "other.sqlite"  # an SQLite file that is not ours may be overwritten
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert not is_library_file(other)
    assert not is_library_file(tmp_path / "missing.banmian")


def test_per_page_failure_leaves_nothing_and_keeps_the_previous_set(
    lib: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    pages = tmp_path / "pages"
    assert main(["export", "--db", str(lib), "--per-page", str(pages)]) == 0
    previous = tree(pages)
    assert len(previous) == 8
    fresh = tmp_path / "fresh"
    real_write = export_issue_module._write
    calls = []

    def fail_on_the_fifth(pages_: list, target: Path, **kw: Any) -> None:
        calls.append(target)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")  # as a full disk says it
        real_write(pages_, target, **kw)

    monkeypatch.setattr(export_issue_module, "_write", fail_on_the_fifth)
    for folder in (pages, fresh):
        calls.clear()
        code = main(["export", "--db", str(lib), "--per-page", str(folder), "--ascii-names"])
        err = capsys.readouterr().err
        assert code == 1 and err.count("\n") == 1 and "full" in err, err
        assert len(calls) == 5
    assert tree(pages) == previous  # the old set, untouched: no new name, no hidden folder
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages", "paper.banmian"]


def test_out_failure_after_the_pages_leaves_neither(
    lib: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    real_write = export_issue_module._write

    def fail_on_the_issue_file(pages_: list, target: Path, **kw: Any) -> None:
        if target.name == "issue.pdf":
            raise OSError(30, "Read-only file system")
        real_write(pages_, target, **kw)

    monkeypatch.setattr(export_issue_module, "_write", fail_on_the_issue_file)
    out, pages = tmp_path / "issue.pdf", tmp_path / "pages"
    code = main(["export", "--db", str(lib), "--out", str(out), "--per-page", str(pages)])
    assert code == 1 and "read-only" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.banmian"]


def test_long_paper_names_are_cut_never_the_date_and_page(
    tmp_path: Path, lib: Path, capsys
) -> None:
    with Library.open(lib) as opened:
        pub = opened.publication()
        opened.save_publication(dataclasses.replace(pub, name="石景山" * 60 + "报"))  # 543 bytes
    pages = tmp_path / "pages"
    assert main(["export", "--db", str(lib), "--per-page", str(pages)]) == 0
    names = sorted(p.name for p in pages.iterdir())
    assert len(names) == 8 and all(len(n.encode()) <= 255 for n in names)
    assert [n[-16:] for n in names] == [f"-20190425-{i:02d}.pdf" for i in range(1, 9)]
    assert all(n.startswith("石景山石景山") for n in names)
    name = page_file_name("报" * 200, date(2019, 4, 25), 3)
    assert name.endswith("-20190425-03.pdf") and len(name.encode()) <= 255


# 83 hanzi + ".pdf" is 253 bytes: fits, but not with ".part" after it; 100 hanzi do not fit.
@pytest.mark.parametrize("hanzi", [83, 100])
def test_long_out_names_are_written_or_shortened_without_a_part_file(
    hanzi: int, tmp_path: Path, lib: Path, capsys
) -> None:
    stem = "版" * hanzi
    out = tmp_path / f"{stem}.pdf"
    assert main(["export", "--db", str(lib), "--out", str(out)]) == 0
    _, err = capsys.readouterr()
    written = [p for p in tmp_path.iterdir() if p.suffix == ".pdf"]
    assert len(written) == 1 and len(written[0].name.encode()) <= 255
    assert written[0].read_bytes().startswith(b"%PDF")
    if len(out.name.encode()) <= 255:
        assert written[0] == out and err == ""
    else:
        assert written[0].name.startswith("版版版") and "shortened" in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_out_into_a_folder_that_is_not_there_or_is_a_file(tmp_path: Path, capsys) -> None:
    (tmp_path / "a-file").write_text("x")
    for target in (tmp_path / "nowhere" / "x.pdf", tmp_path / "a-file" / "x.pdf", tmp_path):
        one_line_refusal(["export", "--out", str(target)], capsys)
    one_line_refusal(["export", "--per-page", str(tmp_path / "a-file")], capsys)
    assert sorted(os.listdir(tmp_path)) == ["a-file"]
