"""A damaged row is one finding, not a dead library: rows written bad with raw SQLite are repaired or left out when the issue loads, named in one line, and the rest composes, preflights and exports."""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.compose.issue import IssueComposer
from app.model.document import IssueDoc
from app.preflight.run import ERROR, preflight
from app.sample.issue import SAMPLE_ISSUE
from app.store import DamagedRow, Library, LibraryError
from tests.sample_helpers import sample_library

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    with sample_library(tmp_path):
        pass
    yield tmp_path / "sample.banmian"


def spoil(path: Path, sql: str, *args: object) -> None:
    """Write a bad value as another program (or a bad disk) would: raw SQLite, no checks."""
    conn = sqlite3.connect(path)
    assert conn.execute(sql, args).rowcount >= 1
    conn.commit()
    conn.close()


def frame_id(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    (found,) = conn.execute("SELECT id FROM frames WHERE name = ?", [name]).fetchone()
    conn.close()
    return found


# (frame name, column, bad value, what the line says)
LEFT_OUT = [
    ("lead", "props", "{not json", "不是有效的JSON"),
    ("p2-lead", "h", "NaN", "不是数"),
    ("p2-second", "w", -40.0, "不是正数"),
    ("p3-second", "x", float("inf"), "不是有限的数"),
    ("p3-third", "columns", 0, "不在1到24之间"),
    ("p4-second", "kind", "wallpaper", "是未知的类型"),
    ("teaser-sports", "props", '{"paragraphs": "all of them"}', "不是整数"),
    ("p4-third", "props", '{"headline_size": 1e300}', "不在0到1000点之间"),
    ("p5-second", "thread_index", "first", "不是整数"),
]


@pytest.mark.parametrize(("name", "column", "value", "says"), LEFT_OUT)
def test_a_damaged_frame_is_left_out_and_named(
    path: Path, composer: IssueComposer, name: str, column: str, value: object, says: str
) -> None:
    frame = frame_id(path, name)
    spoil(path, f"UPDATE frames SET {column} = ? WHERE id = ?", value, frame)
    with Library.open(path) as lib:
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
        with pytest.raises(DamagedRow, match=says):
            lib.frame(frame)
    assert frame not in {f.id for fs in doc.frames.values() for f in fs}
    (damage,) = doc.damaged
    line = damage.line()
    assert "\n" not in line and f"版框#{frame}" in line and says in line and "已略去" in line
    assert line.startswith(f"第{damage.page}版 ") and damage.page is not None
    pages = composer.compose(doc)  # the rest composes
    assert all(f.id != f"frame-{frame}" for p in pages for f in p.frames)
    assert sum(len(p.frames) for p in pages) > 30
    findings = [f for f in preflight(doc, pages, decode_qr=False) if f.code == "damaged_row"]
    assert [(f.severity, f.page, f.frame) for f in findings] == [
        (ERROR, damage.page, f"frame-{frame}")
    ]


def test_a_frame_a_kilometre_high_is_clamped_to_the_page(
    path: Path, composer: IssueComposer
) -> None:
    spoil(path, "UPDATE frames SET h = 1e300, w = 5e6 WHERE name = 'lead'")
    with Library.open(path) as lib:
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
        page_w, page_h = lib.page_size()
    lead = next(f for fs in doc.frames.values() for f in fs if f.name == "lead")
    assert lead.y + lead.h <= page_h + 9 and lead.x + lead.w <= page_w + 9
    assert sorted(d.field for d in doc.damaged) == ["h", "w"]
    assert all(d.kept and "已裁到版面内" in d.line() for d in doc.damaged)
    pages = composer.compose(doc)
    assert any(f.id == f"frame-{lead.id}" for f in pages[0].frames)


def test_damaged_story_text_leaves_the_story_out_and_names_its_frame(
    path: Path, composer: IssueComposer
) -> None:
    spoil(path, "UPDATE articles SET paragraphs = '[\"一段\", 42' WHERE id = 1")
    with Library.open(path) as lib:
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
        with pytest.raises(DamagedRow):
            lib.article(1)
        first = lib.frames_of_article(1)[0]
    assert 1 not in doc.articles
    (damage,) = doc.damaged
    assert damage.frame == first.id and damage.page is not None
    assert f"第{damage.page}版 稿件#1" in damage.line()
    composer.compose(doc)


REPAIRED = [
    ("UPDATE issues SET date = '2019-02-30'", "date", lambda d: d.issue.date == date(1900, 1, 1)),
    ("UPDATE issues SET colour_pages = '[1, 99]'", "colour_pages", lambda d: not d.issue.colour_pages),
    ("UPDATE issues SET page_count = 0", "page_count", lambda d: d.issue.page_count == 8),
    ("UPDATE articles SET status = 'lost' WHERE id = 2", "status", lambda d: d.articles[2].status == "draft"),
    ("UPDATE pages SET credits = 'editor=张' WHERE id = 3", "credits", lambda d: d.pages[2].credits.editor == ""),
    ("UPDATE publication SET hotlines = '[{\"label\": 1}]'", "hotlines", lambda d: d.publication.hotlines == []),
    ("UPDATE publication SET page_format = 'A0'", "page_format", lambda d: d.publication.page_format == "tabloid"),
    ("UPDATE publication SET schedule = '[9]'", "schedule", lambda d: d.publication.schedule == (1, 3)),
]  # fmt: skip


@pytest.mark.parametrize(("sql", "field", "repaired"), REPAIRED)
def test_a_damaged_field_with_a_safe_value_is_repaired_and_named(
    path: Path, composer: IssueComposer, sql: str, field: str, repaired
) -> None:
    spoil(path, sql)
    with Library.open(path) as lib:
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
    assert [d.field for d in doc.damaged] == [field]
    assert repaired(doc) and doc.damaged[0].kept
    assert "\n" not in doc.damaged[0].line() and " / " in doc.damaged[0].line()
    pages = composer.compose(doc)
    assert len(pages) == 8
    errors = [f for f in preflight(doc, pages, decode_qr=False) if f.code == "damaged_row"]
    assert len(errors) == 1 and errors[0].severity == ERROR


def test_a_page_with_an_unreadable_number_is_left_out(path: Path, composer: IssueComposer) -> None:
    spoil(path, "UPDATE pages SET number = 'three' WHERE id = 3")
    with Library.open(path) as lib:
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
    assert [p.id for p in doc.pages] == [1, 2, 4, 5, 6, 7, 8]
    assert "版面#3" in doc.damaged[0].line()
    assert len(composer.compose(doc)) == 7


def test_an_issue_with_unreadable_numbers_is_left_out_of_the_list(path: Path) -> None:
    spoil(path, "UPDATE issues SET yearly_number = 'thirty'")
    with Library.open(path) as lib:
        damaged: list = []
        assert lib.issues(damaged) == []
        assert "期次#1" in damaged[0].line()
        with pytest.raises(LibraryError, match="yearly_number"):
            lib.issue_by_number(SAMPLE_ISSUE)


def test_writes_are_checked_as_reads_are(path: Path) -> None:
    with Library.open(path) as lib:
        frame = lib.frames(lib.pages(1)[0].id)[0]  # type: ignore[arg-type]
        frame.props = {"headline_size": float("nan")}
        with pytest.raises(LibraryError, match="headline_size"):
            lib.update_frame(frame)


def _limit_memory() -> None:
    gigabyte = 1 << 30
    resource.setrlimit(resource.RLIMIT_AS, (2 * gigabyte, 2 * gigabyte))


def test_damaged_library_exports_and_preflights_in_bounded_memory(
    tmp_path: Path, path: Path
) -> None:
    """A frame 1e300 high once ran the process into the OOM killer: under a 2 GB address-space
    limit, export and preflight finish, the damage named in one line each."""
    spoil(path, "UPDATE frames SET h = 1e300 WHERE name = 'lead'")
    spoil(path, "UPDATE frames SET props = '{bad' WHERE name = 'p2-lead'")
    spoil(path, "UPDATE issues SET date = '2019-13-45'")
    out = tmp_path / "out.pdf"
    run = lambda *argv: subprocess.run(  # noqa: E731
        [sys.executable, str(REPO / "main.py"), *argv],
        capture_output=True,
        text=True,
        preexec_fn=_limit_memory,
        timeout=300,
        cwd=tmp_path,
    )
    exported = run("export", "--db", str(path), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().startswith(b"%PDF")
    checked = run("preflight", "--db", str(path))
    assert checked.returncode == 1, checked.stderr
    lines = [line for line in checked.stdout.splitlines() if "damaged_row" in line]
    assert len(lines) == 3
    assert any("第1版" in line and "版框#" in line and "h = 1e+300" in line for line in lines)
    assert any("第2版" in line and "props = '{bad'" in line for line in lines)
    assert "Traceback" not in checked.stderr + exported.stderr
