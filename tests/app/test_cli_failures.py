"""Full disk, read-only, locked: every command says one line, exits 1 or 2, keeps the previous file and leaves nothing half-written."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from tests.filesystems import fill, read_only, run_cli, small_filesystem, write_lock_held

PREVIOUS = b"%PDF-1.3\n% the previous export, which must survive\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def one_line(code: int, err: str, *codes: int, args: object = None) -> None:
    assert code in codes and err.count("\n") == 1 and "Traceback" not in err, (code, err, args)


@pytest.fixture(scope="module")
def library_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The sample with an article waiting in the bin, so autofill has something to write."""
    folder = tmp_path_factory.mktemp("lib")
    db, story = folder / "paper.banmian", folder / "稿件.txt"
    story.write_text("区里召开会议\n本报讯 近日，区里召开会议，部署下一阶段工作。\n", "utf-8")
    assert main(["sample", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), "--issue", "1809", str(story)]) == 0
    return db.read_bytes()


@pytest.fixture
def lib(tmp_path: Path, library_bytes: bytes) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "paper.banmian").write_bytes(library_bytes)
    return folder / "paper.banmian"


def intact(db: Path, issues: list[int], scratch: Path) -> None:
    """The library passes SQLite's integrity check and holds these issues (checked on a copy:
    reading it in place may need a -shm file the full or read-only disk cannot take)."""
    copy = scratch / "check"
    copy.mkdir()
    for side in ("", "-wal"):
        if Path(f"{db}{side}").exists():
            shutil.copyfile(f"{db}{side}", copy / f"copy.banmian{side}")
    conn = sqlite3.connect(copy / "copy.banmian")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        numbers = [r[0] for r in conn.execute("SELECT cumulative_number FROM issues ORDER BY 1")]
        assert numbers == issues
    finally:
        conn.close()
        shutil.rmtree(copy)


def writers(db: Path, folder: Path) -> list[list[str]]:
    """A command of each kind that changes the library."""
    story = folder / "新稿.txt"
    story.write_text("新稿标题\n本报讯 新稿正文。\n", "utf-8")
    d = str(db)
    return [
        ["next-issue", "--db", d, "--from", "1809"],
        ["import", "--db", d, "--issue", "1809", str(story)],
        ["autofill", "--db", d, "--issue", "1809", "--grow"],  # the sample has no free space
        ["qr", "--db", d, "--frame", "qr-wechat", "--payload", "http://www.sjs.gov.cn/x"],
        ["proof", "open-round", "--db", d, "--kind", "一校", "--proofreader", "张"],
        ["proof", "sign", "--db", d, "--page", "1", "--step", "初审", "--person", "编辑"],
    ]


# -- a full disk ----------------------------------------------------------------------------


def test_export_onto_a_full_disk_keeps_the_previous_file(lib: Path, tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "disk", 256) as disk:
        out = disk / "issue.pdf"
        out.write_bytes(PREVIOUS)
        fill(disk, leave=16 * 1024)  # a PDF of the sample needs about 60 KB
        # Checked up front, and (check skipped) when writing: qpdf used to abort the process.
        for prelude in ("", "import app.export.files as f; f.check_space = lambda *a: None"):
            code, _, err = run_cli(["export", "--db", str(lib), "--out", str(out)], prelude=prelude)
            one_line(code, err, 1, args=prelude)
            assert "disk" in err and "nothing written" in err
            assert out.read_bytes() == PREVIOUS
            assert listing(disk) == ["filler", "issue.pdf"]  # no .part, no temp file


def test_per_page_onto_a_full_disk_writes_no_page(lib: Path, tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "disk", 256) as disk:
        fill(disk, leave=40 * 1024)  # room for a page or two, not eight
        for prelude in ("", "import app.export.files as f; f.check_space = lambda *a: None"):
            args = ["export", "--db", str(lib), "--per-page", str(disk / "pages")]
            code, _, err = run_cli(args, prelude=prelude)
            one_line(code, err, 1, args=args)
            assert listing(disk) == ["filler"]


def test_layout_json_onto_a_full_disk(lib: Path, tmp_path: Path, capsys) -> None:
    with small_filesystem(tmp_path / "disk", 128) as disk:
        out = disk / "layout.json"
        out.write_text("{}", encoding="utf-8")
        fill(disk, leave=8 * 1024)
        code = main(["layout", "--db", str(lib), "--json", str(out)])
        one_line(code, capsys.readouterr().err, 1)
        assert out.read_text(encoding="utf-8") == "{}" and listing(disk) == [
            "filler",
            "layout.json",
        ]


def test_a_library_on_a_full_disk_is_left_intact(
    library_bytes: bytes, tmp_path: Path, capsys
) -> None:
    with small_filesystem(tmp_path / "disk", 1024) as disk:
        db = disk / "paper.banmian"
        db.write_bytes(library_bytes)
        # The library is open elsewhere (the editor), so its -wal and -shm exist; then the
        # disk fills up: every change must fail whole, saying why.
        reader = sqlite3.connect(db)
        try:
            reader.execute("SELECT count(*) FROM issues").fetchone()
            fill(disk, leave=0)
            for args in writers(db, tmp_path):
                code = main(args)
                err = capsys.readouterr().err
                one_line(code, err, 1, args=args)
                assert "disk is full" in err, err
        finally:
            reader.close()
        intact(db, [1809], tmp_path)


# -- read-only --------------------------------------------------------------------------------


def test_a_read_only_library_file_refuses_changes_in_one_line(
    lib: Path, tmp_path: Path, capsys
) -> None:
    before = digest(lib)
    with read_only(lib):
        for args in writers(lib, tmp_path):
            code = main(args)
            err = capsys.readouterr().err
            one_line(code, err, 1, 2, args=args)
            assert "read-only" in err, err
        # Reading still works: the issue exports from a library on a read-only share.
        assert main(["export", "--db", str(lib), "--out", str(tmp_path / "x.pdf")]) == 0
    assert digest(lib) == before
    intact(lib, [1809], tmp_path)


def test_a_library_in_a_read_only_folder_gives_one_line(lib: Path, tmp_path: Path, capsys) -> None:
    before = digest(lib)
    with read_only(lib.parent):
        for args in [
            *writers(lib, tmp_path),
            ["export", "--db", str(lib), "--out", str(tmp_path / "x.pdf")],
            ["sample", "--db", str(lib.parent / "new.banmian")],
        ]:
            code = main(args)
            err = capsys.readouterr().err
            if code != 0:
                one_line(code, err, 1, 2, args=args)
    assert digest(lib) == before and listing(lib.parent) == ["paper.banmian"]


def test_export_into_a_read_only_folder_keeps_the_previous_file(
    lib: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "issue.pdf").write_bytes(PREVIOUS)
    with read_only(folder):
        for args in [
            ["export", "--db", str(lib), "--out", str(folder / "issue.pdf")],
            ["export", "--db", str(lib), "--per-page", str(folder / "pages")],
            ["export", "--db", str(lib), "--per-page", str(folder)],
            ["layout", "--db", str(lib), "--json", str(folder / "layout.json")],
        ]:
            code = main(args)
            err = capsys.readouterr().err
            one_line(code, err, 1, args=args)
            assert "read-only" in err or "permission" in err, err
    assert listing(folder) == ["issue.pdf"] and (folder / "issue.pdf").read_bytes() == PREVIOUS


# -- locked by another writer ------------------------------------------------------------------


def test_a_library_locked_by_another_writer_gives_one_line(
    lib: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    # Writers wait for the lock (30 s in use); half a second here, still a wait that applies.
    monkeypatch.setattr("app.store.backend.BUSY_TIMEOUT", 0.5)
    before = digest(lib)
    with write_lock_held(lib):
        for args in writers(lib, tmp_path):
            code = main(args)
            err = capsys.readouterr().err
            one_line(code, err, 1, args=args)
            assert "locked" in err and str(lib) in err, err
        # Readers are not blocked by a writer (WAL).
        assert main(["export", "--db", str(lib), "--out", str(tmp_path / "x.pdf")]) == 0
    intact(lib, [1809], tmp_path)
    assert digest(lib) == before
