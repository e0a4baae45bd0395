"""Forward migrations: a version-1 library built from the v1 DDL opens, upgraded, data intact."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.model import Asset, Credits, Frame, Issue, Page
from app.store import SCHEMA_VERSION, Library, LibraryError, schema

PARAGRAPHS = ["本报讯(记者徐巍)  八角街道“吹哨报到”。", "　　第二段 ，空格照旧。"]


def build_v1(path: Path, journal: str = "wal") -> Path:
    """A library as the first Banmian wrote it: v1 tables, marks and a row in each table."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    with db.atomic():
        schema.create_v1(db)
        db.execute(
            "INSERT INTO publication (id, name, sponsor, hotlines, schedule) VALUES (1, ?, ?, ?, ?)",
            [
                "石景山报",
                "中共石景山区委宣传部主办",
                '[{"label": "区政府", "number": "12345"}]',
                "[1, 3]",
            ],
        )
        db.execute(
            "INSERT INTO issues (id, publication_id, date, yearly_number, cumulative_number, "
            "page_count, colour_pages) VALUES (7, 1, '2019-04-25', 30, 1809, 8, '[1, 8]')"
        )
        db.execute("INSERT INTO pages (id, issue_id, number, section) VALUES (3, 7, 1, '要闻')")
        db.execute(
            "INSERT INTO articles (id, issue_id, headline, paragraphs, status, rank) "
            "VALUES (5, 7, '民有所呼 我有所应', ?, 'edited', 1)",
            [json.dumps(PARAGRAPHS, ensure_ascii=False)],
        )
        db.execute(
            "INSERT INTO frames (id, page_id, kind, x, y, w, h, columns, article_id, name) "
            "VALUES (11, 3, 'article', 30.5, 120, 500, 280, 4, 5, 'lead')"
        )
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    return path


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def schema_of(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_v1_library_is_migrated_and_keeps_its_data(tmp_path: Path, journal: str) -> None:
    path = build_v1(tmp_path / "old.banmian", journal)
    with Library.open(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        meta = dict(lib.db.execute("SELECT key, value FROM meta").fetchall())
        assert meta == {"magic": schema.MAGIC, "schema_version": str(SCHEMA_VERSION)}
        assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        pub = lib.publication()
        assert pub is not None and pub.name == "石景山报" and pub.hotlines[0].number == "12345"
        issue = lib.issue_by_number(1809)
        assert issue == Issue(date(2019, 4, 25), 30, 1809, 8, frozenset({1, 8}), 1, 7)
        assert lib.pages(7) == [Page(1, "要闻", credits=Credits(), issue_id=7, id=3)]
        article = lib.article(5)
        assert article.paragraphs == PARAGRAPHS and article.headline == "民有所呼 我有所应"
        lead = Frame("article", 30.5, 120, 500, 280, 3, 4, 5, 0, {}, "lead", 11)
        assert lib.frames_of_article(5) == [lead]
        # What v2 brought works on the upgraded file.
        page = lib.pages(7)[0]
        page.credits = Credits(editor="王编辑")
        lib.update_page(page)
        lib.update_frame(Frame("article", 30.5, 120, 500, 280, 3, 4, 5, 0, {"k": "值"}, "lead", 11))
        asset_id = lib.put_asset(Asset(b"GIF89a", "image/gif", 1, 1))
        assert lib.asset(asset_id).mime == "image/gif"
    with Library.open(path) as lib:
        assert lib.pages(7)[0].credits.editor == "王编辑"
        assert lib.frame(11).props == {"k": "值"}


def test_migrated_schema_equals_a_new_library(tmp_path: Path) -> None:
    old = build_v1(tmp_path / "old.banmian")
    Library.open(old).close()
    Library.create(tmp_path / "new.banmian").close()
    migrated, fresh = schema_of(old), schema_of(tmp_path / "new.banmian")
    assert migrated == fresh
    assert "assets" in {name for _, name, _ in fresh}


def test_failed_migration_leaves_the_file_unchanged(tmp_path: Path) -> None:
    """A v1 file someone added an `assets` table to: step 1→2 fails half way and rolls back."""
    path = build_v1(tmp_path / "tinkered.banmian")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE assets (note TEXT)")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(LibraryError, match="version 1 to 2") as caught:
        Library.open(path)
    assert "\n" not in str(caught.value) and str(caught.value).startswith("版面库升级失败")
    assert snapshot(tmp_path) == before
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(pages)")]
    conn.close()
    assert "credits" not in columns  # the ALTERs before the failure were rolled back too


def test_each_step_commits_on_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a later step that fails, the library keeps the steps before it."""

    def broken_step(db: Database) -> None:
        db.execute("ALTER TABLE issues ADD COLUMN note TEXT")
        raise sqlite3.OperationalError("simulated failure in step 2 → 3")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken_step))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr("app.store.checks.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    path = build_v1(tmp_path / "old.banmian")
    with pytest.raises(LibraryError, match=f"version {SCHEMA_VERSION} to {SCHEMA_VERSION + 1}"):
        Library.open(path)
    monkeypatch.undo()
    with Library.open(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        columns = [row["name"] for row in lib.db.query("PRAGMA table_info(issues)")]
        assert "note" not in columns
        assert lib.issue_by_number(1809).id == 7


def test_opening_a_current_library_runs_no_migration(tmp_path: Path) -> None:
    path = tmp_path / "current.banmian"
    Library.create(path).close()
    before = schema_of(path)
    with Library.open(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
    assert schema_of(path) == before


def build_v2(path: Path) -> Path:
    """A library as Banmian wrote it at schema 2: the v1 file taken one step, with a v2 fact."""
    build_v1(path)
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    with db.atomic():
        schema.migrate_step(db, 1)
        db.execute("UPDATE pages SET credits = ? WHERE id = 3", ['{"proofreader": "张校对"}'])
    conn.close()
    return path


def test_v2_library_gains_proofreading_and_keeps_its_data(tmp_path: Path) -> None:
    from app.model.proof import Mark, PageSignoff, ProofRound, Rect, SnapshotLine

    path = build_v2(tmp_path / "v2.banmian")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 2
    with Library.open(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION >= 3
        assert lib.pages(7)[0].credits.proofreader == "张校对"
        opened = datetime(2019, 4, 24, 9, tzinfo=timezone(timedelta(hours=8)))
        line = SnapshotLine("frame-11", "八角街道", Rect(30.5, 120, 36, 9))
        rnd = lib.add_proof_round(ProofRound(7, "一校", "张校对", (3,), opened), {3: [line]})
        mark = lib.add_mark(
            Mark(rnd.id, 3, Rect(30.5, 120, 9, 9), "删除", article_id=5, start=0, end=3)
        )  # type: ignore[arg-type]
        lib.add_signoff(PageSignoff(3, "初审", "王编辑", opened))
    with Library.open(path) as lib:
        assert lib.proof_rounds(7) == [rnd]
        assert lib.round_snapshot(rnd.id, 3) == [line]  # type: ignore[arg-type]
        assert lib.marks(issue_id=7) == [mark]
        assert [s.person for s in lib.signoffs(3)] == ["王编辑"]


def test_failed_v2_to_v3_leaves_the_v2_file_unchanged(tmp_path: Path) -> None:
    """Someone made a `proof_marks` table by hand: step 2→3 fails and the file stays at 2."""
    path = build_v2(tmp_path / "tinkered.banmian")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE proof_marks (note TEXT)")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(LibraryError, match="version 2 to 3"):
        Library.open(path)
    assert snapshot(tmp_path) == before
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "proof_rounds" not in tables  # created before the failure, rolled back with it


def build_v3(path: Path) -> Path:
    """A library as Banmian wrote it at schema 3 (proofreading, no revisions)."""
    build_v2(path)
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    with db.atomic():
        schema.migrate_step(db, 2)
    conn.close()
    return path


def test_v3_library_gains_named_revisions(tmp_path: Path) -> None:
    from app.edit.revisions import apply_snapshot, take_snapshot

    path = build_v3(tmp_path / "v3.banmian")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 3
    with Library.open(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION >= 4
        when = datetime(2019, 4, 24, 18, tzinfo=timezone(timedelta(hours=8)))
        rev = lib.add_revision(7, "终审前", take_snapshot(lib, 7), when)
        lib.update_frame(Frame("article", 60, 120, 500, 280, 3, 4, 5, 0, {}, "lead", 11))
    with Library.open(path) as lib:
        assert lib.revisions(7) == [rev]
        assert rev.created_at == when
        apply_snapshot(lib, 7, lib.revision_snapshot(rev.id))
        assert lib.frame(11).x == 30.5


def test_failed_v3_to_v4_leaves_the_v3_file_unchanged(tmp_path: Path) -> None:
    """Someone made a `revisions` table by hand: step 3→4 fails and the file stays at 3."""
    path = build_v3(tmp_path / "tinkered.banmian")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE revisions (note TEXT)")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(LibraryError, match="version 3 to 4"):
        Library.open(path)
    assert snapshot(tmp_path) == before


def build_v4(path: Path) -> Path:
    """A library as Banmian wrote it at schema 4 (revisions, no story pictures), with a picture."""
    build_v3(path)
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    with db.atomic():
        schema.migrate_step(db, 3)
        db.execute(
            "INSERT INTO assets (id, mime, width, height, data) VALUES (?, 'image/gif', 1, 1, ?)",
            [hashlib.sha256(b"GIF89a").hexdigest(), b"GIF89a"],
        )
    conn.close()
    return path


def test_v4_library_gains_story_pictures(tmp_path: Path) -> None:
    path = build_v4(tmp_path / "v4.banmian")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 4
    gif = hashlib.sha256(b"GIF89a").hexdigest()
    with Library.open(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION >= 5
        assert lib.article_pictures(5) == []
        lib.add_article_picture(5, gif, "图为八角街道")
    with Library.open(path) as lib:
        (picture,) = lib.article_pictures(5)
        assert (picture.asset_id, picture.caption, picture.position) == (gif, "图为八角街道", 0)
        assert lib.asset(gif).data == b"GIF89a"  # the v4 asset came through
        with pytest.raises(LibraryError, match="still used"):
            lib.delete_asset(gif)


def test_failed_v4_to_v5_leaves_the_v4_file_unchanged(tmp_path: Path) -> None:
    """Someone named an index `article_pictures_asset`: step 4→5 makes its table, then fails on
    the index, and the table goes with the rollback; the file stays at 4."""
    path = build_v4(tmp_path / "tinkered.banmian")
    conn = sqlite3.connect(path)
    conn.execute("CREATE INDEX article_pictures_asset ON articles(slug)")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(LibraryError, match="version 4 to 5"):
        Library.open(path)
    assert snapshot(tmp_path) == before
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "article_pictures" not in tables


def test_two_programs_opening_an_old_library_at_once_upgrade_it_once(tmp_path: Path) -> None:
    """Each step takes the write lock first and reads the version again: the second program
    waits, finds the step done, and both open the upgraded library."""
    from tests.app import store_workers as work

    path = build_v1(tmp_path / "old.banmian")
    reports = work.run_all([(work.open_library, (str(path),)) for _ in range(3)])
    assert [(r["version"], r["error"]) for r in reports] == [(SCHEMA_VERSION, "")] * 3
    with Library.open(path) as lib:
        assert lib.issue_by_number(1809).id == 7


def test_an_upgrade_committed_while_the_file_is_checked_is_not_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reads the header and meta in one snapshot: another program committing its
    upgrade step between the two reads (as CI once caught) leaves the check seeing one version."""
    from app.store import checks

    path = build_v1(tmp_path / "old.banmian")
    connect = checks._connect_read_only

    class UpgradeBetweenReads:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            cursor = self.conn.execute(sql, *args)
            if sql == "PRAGMA user_version":
                other = sqlite3.connect(path, isolation_level=None)
                other.execute("BEGIN IMMEDIATE")
                other.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
                other.execute("PRAGMA user_version = 2")
                other.execute("COMMIT")
                other.close()
            return cursor

        def close(self) -> None:
            self.conn.close()

    monkeypatch.setattr(
        checks, "_connect_read_only", lambda p, h: UpgradeBetweenReads(connect(p, h))
    )
    assert checks.check_library_file(path) == 2  # looked again, after the step
