"""Library.open refuses files that are not intact Banmian libraries and leaves them byte-for-byte."""

from __future__ import annotations

import hashlib
import sqlite3
import struct
from datetime import date
from pathlib import Path

import pytest

from app.model import Article, Issue
from app.store import SCHEMA_VERSION, Library, LibraryError

PAGE = 4096  # SQLite's default page size, which Library.create keeps


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry in the folder and the hash of its bytes: side files would show up here."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.iterdir())
    }


def refuse(path: Path, message: str) -> LibraryError:
    """Open must fail with `message`, in one line, and change nothing in the folder."""
    before = snapshot(path.parent)
    with pytest.raises(LibraryError, match=message) as caught:
        Library.open(path)
    assert snapshot(path.parent) == before
    text = str(caught.value)
    assert "\n" not in text and " / " in text
    assert not text.isascii()  # Chinese first, then English
    return caught.value


def make_library(path: Path, articles: int = 0) -> Path:
    with Library.create(path) as lib:
        issue = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809))
        with lib.transaction():
            for n in range(articles):
                lib.add_article(Article(f"稿件{n}", ["新闻正文。" * 60] * 3, issue_id=issue.id))
    return path


def test_missing_file_is_reported_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.banmian"
    refuse(path, "找不到版面库文件 / library file not found")
    assert list(tmp_path.iterdir()) == []


def test_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.banmian").mkdir()
    refuse(tmp_path / "folder.banmian", "not a file")


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.banmian"
    path.write_text("这是一份稿件，不是版面库。\n" * 20, encoding="utf-8")
    refuse(path, "不是版面库文件 / not a Banmian library")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.banmian"
    path.touch()
    refuse(path, "empty file")
    assert path.stat().st_size == 0


def test_png_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0" * 200)
    refuse(path, "not an SQLite database")


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_sqlite_database_of_another_application(tmp_path: Path, journal: str) -> None:
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('区政府', '12345')")
    conn.commit()
    conn.close()
    refuse(path, "不是版面库文件 / not a Banmian library")


def test_sqlite_file_with_our_id_but_no_meta(tmp_path: Path) -> None:
    path = tmp_path / "impostor.banmian"
    make_library(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE meta")
    conn.commit()
    conn.close()
    refuse(path, "not a Banmian library")


def test_library_from_a_newer_banmian(tmp_path: Path) -> None:
    path = make_library(tmp_path / "future.banmian")
    newer = SCHEMA_VERSION + 1
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(newer)])
    conn.execute(f"PRAGMA user_version = {newer}")
    conn.commit()
    conn.close()
    error = refuse(path, "newer Banmian")
    assert f"version {newer}" in str(error)
    assert f"up to version {SCHEMA_VERSION}" in str(error)
    assert path.read_bytes()[18] == 2  # still the WAL file it was; nothing switched


def test_meta_and_header_disagree(tmp_path: Path) -> None:
    path = make_library(tmp_path / "odd.banmian")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    refuse(path, "damaged")


def test_page_overwritten_in_the_middle(tmp_path: Path) -> None:
    path = make_library(tmp_path / "damaged.banmian", articles=60)
    data = path.read_bytes()
    middle = len(data) // PAGE // 2
    assert middle > 5  # a real middle page, not the header page
    garbage = bytes((i * 37 + 11) % 256 for i in range(PAGE))
    path.write_bytes(data[: middle * PAGE] + garbage + data[(middle + 1) * PAGE :])
    refuse(path, "版面库文件已损坏 / the library file is damaged")


@pytest.mark.parametrize("keep", [0.5, 0.37])
def test_truncated_library(tmp_path: Path, keep: float) -> None:
    path = make_library(tmp_path / "cut.banmian", articles=60)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    refuse(path, "damaged")


def test_header_only(tmp_path: Path) -> None:
    path = make_library(tmp_path / "stub.banmian")
    path.write_bytes(path.read_bytes()[:100])
    refuse(path, "damaged")


def test_good_library_opens_after_the_checks(tmp_path: Path) -> None:
    path = make_library(tmp_path / "good.banmian", articles=3)
    with Library.open(path) as lib:
        assert len(lib.articles(lib.issue_by_number(1809).id)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.banmian"]
