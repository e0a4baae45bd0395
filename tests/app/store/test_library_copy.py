"""`banmian library copy`: a library made by a desk and a proofreader goes file → server → server → file with every row, id, version and log entry as it was, and each copy exports the same PDF, byte for byte; a destination that exists is refused in one line; pictures stream through."""

from __future__ import annotations

import hashlib
import os
import re
import tracemalloc
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from app.cli.main import main
from app.model import Asset
from app.store import Library
from app.store.copy import LIVE, copy_library
from app.store.counters import next_ids
from tests.app.store.test_pg_cli import STORIES


def build(db: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A library worked by a desk and a proofreader: two issues, imported and made-up
    stories, a QR code, a proof round with a mark resolved, signatures, a named revision, a
    frame deleted (a gap in the ids)."""
    folder.mkdir(exist_ok=True)
    files = []
    for name, text in STORIES.items():
        (folder / name).write_text(text, "utf-8")
        files.append(str(folder / name))
    steps = [
        ["sample", "--db", db],
        ["next-issue", "--db", db, "--from", "1809"],
        ["import", "--db", db, "--issue", "1810", *files],
        ["autofill", "--db", db, "--issue", "1810"],
        ["house-style", "--db", db, "set", "正文", "indent", "3"],
        ["qr", "--db", db, "--issue", "1810", "--frame", "qr-wechat", "--payload", "http://x.cn/a"],
        ["proof", "open-round", "--db", db, "--issue", "1809", "--kind", "一校",
         "--proofreader", "张校对", "--pages", "1,2"],
        ["proof", "mark", "--db", db, "--round", "1", "--page", "1", "--box", "40,200,120,14",
         "--kind", "改正", "--text", "民有所呼"],
        ["proof", "resolve", "--db", db, "1", "--status", "fixed", "--by", "李编辑"],
        ["proof", "close-round", "--db", db, "--round", "1"],
        ["proof", "sign", "--db", db, "--issue", "1809", "--page", "1", "--step", "初审",
         "--person", "王主任"],
    ]  # fmt: skip
    for args in steps:
        assert main(args) == 0, (args, capsys.readouterr())
    capsys.readouterr()
    with Library.open(db) as lib:
        issue = lib.issue_by_number(1810)
        lib.add_revision(issue.id, "午间稿", {"articles": [], "frames": []}, datetime(2026, 5, 1))
        page = lib.pages(issue.id)[0]
        lib.delete_frame(lib.frames(page.id)[-1].id)


def dump(location: str) -> dict[str, list[tuple]]:
    """Every row of every table but the live desks, by key: what a copy must keep."""
    with Library.open(location) as lib:
        b = lib.backend
        out = {}
        for name, info in sorted(b.tables().items()):
            if name in LIVE:
                continue
            columns = ", ".join(f'"{c}"' for c in sorted(info.columns))
            key = ", ".join(f'"{c}"' for c in info.key) or columns
            rows = b.execute(f'SELECT {columns} FROM "{name}" ORDER BY {key}').fetchall()
            out[name] = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows
            ]
        return out


def export(db: str, out: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    assert main(["export", "--db", db, "--issue", "1810", "--out", str(out)]) == 0
    capsys.readouterr()
    return re.sub(rb"/ID \[<\w+><\w+>\]", b"/ID", re.sub(rb"D:\d{14}", b"D:TIME", out.read_bytes()))


def test_a_library_goes_file_server_server_file_whole_and_prints_the_same(
    tmp_path: Path, pg_cluster, capsys
) -> None:
    original = str(tmp_path / "paper.banmian")
    build(original, tmp_path / "stories", capsys)
    server, server2 = pg_cluster.database(), pg_cluster.database()
    back = str(tmp_path / "back.banmian")
    try:
        assert main(["library", "copy", original, server]) == 0
        said = capsys.readouterr().out
        assert said.startswith("已复制 / copied") and " 1 issues" not in said, said
        first = dump(original)
        assert first["proof_marks"] and first["page_signoffs"] and first["revisions"]
        assert first["changes"] and first["assets"] and first["proof_round_pages"]
        assert first["styles"]  # the house style, changed by the desk
        assert dump(server) == first
        # On the server a frame is added and deleted: its sequence has moved past the
        # largest id, and a copy of the server must count on from there too.
        with Library.open(server) as lib:
            frame = lib.frames(lib.pages(lib.issue_by_number(1810).id)[0].id)[0]
            gone = lib.add_frame(replace(frame, id=None, name="临时")).id
            lib.delete_frame(gone)
            counted = next_ids(lib.backend)
        assert counted[("frames", "id")] == gone + 1
        for src, dst in ((server, server2), (server2, back)):
            assert main(["library", "copy", src, dst]) == 0
            capsys.readouterr()
        later = dump(server)
        assert dump(server2) == later and dump(back) == later
        with Library.open(server2) as lib:
            assert next_ids(lib.backend) == counted
            logged = lib.last_change()
            assert lib.add_frame(replace(frame, id=None)).id == gone + 1
            assert lib.last_change() > logged  # the copy's triggers are back at work
        pdfs = [
            export(db, tmp_path / f"{n}.pdf", capsys)
            for n, db in enumerate([original, server, back])
        ]
        assert pdfs[1] == pdfs[0] and pdfs[2] == pdfs[0]
        with Library.open(back) as lib:
            story = lib.articles(lib.issue_by_number(1810).id)[0]
            logged = lib.last_change()
            lib.backend.execute("UPDATE articles SET headline = 'x' WHERE id = ?", [story.id])
            assert lib.article(story.id).version == story.version + 1
            assert lib.last_change() == logged + 1
    finally:
        pg_cluster.drop(server)
        pg_cluster.drop(server2)


def test_a_destination_that_exists_is_refused_in_one_line_and_left_alone(
    tmp_path: Path, pg_url: str, capsys
) -> None:
    original = str(tmp_path / "paper.banmian")
    assert main(["sample", "--db", original]) == 0
    there = tmp_path / "there.banmian"
    there.write_bytes(b"not a library, but mine")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    capsys.readouterr()
    for dst in (str(there), pg_url, original):
        assert main(["library", "copy", original, dst]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "未复制" in err and "nothing copied" in err, err
    assert there.read_bytes() == b"not a library, but mine"
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT body FROM notes").fetchall() == [("keep me",)]
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone()[0] == 1
    assert main(["library", "copy", str(tmp_path / "missing.banmian"), str(tmp_path / "x")]) == 2
    assert "no such library file" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_a_copy_that_fails_half_way_leaves_no_library(tmp_path: Path, pg_url: str) -> None:
    original = str(tmp_path / "paper.banmian")
    assert main(["sample", "--db", original]) == 0
    seen: list[str] = []

    def stop(table: str, rows: int) -> None:
        seen.append(table)
        if table == "frames":
            raise KeyboardInterrupt

    for dst in (str(tmp_path / "half.banmian"), pg_url):
        with pytest.raises(KeyboardInterrupt):
            copy_library(original, dst, stop)
        assert not Library.exists(dst)
    assert "articles" in seen  # it had got going


def test_pictures_stream_through_a_copy(tmp_path: Path, pg_url: str) -> None:
    """Forty 1 MB pictures go file → server → file while Python never holds more than a
    few batches of them (8 MB each)."""
    original = str(tmp_path / "paper.banmian")
    pictures = [os.urandom(1 << 20) for _ in range(40)]
    with Library.create(original) as lib:
        for data in pictures:
            lib.put_asset(Asset(data, "image/jpeg", 10, 10))
    del pictures
    back = str(tmp_path / "back.banmian")
    for src, dst in ((original, pg_url), (pg_url, back)):
        tracemalloc.start()
        report = copy_library(src, dst)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert report.rows["assets"] == 40 and report.asset_bytes == 40 << 20
        assert peak < 24 << 20, f"{peak / 1e6:.0f} MB held at once"
    with Library.open(back) as lib:
        ids = [r[0] for r in lib.backend.execute("SELECT id FROM assets").fetchall()]
        assert all(hashlib.sha256(lib.asset(i).data).hexdigest() == i for i in ids)
        assert len(ids) == 40
