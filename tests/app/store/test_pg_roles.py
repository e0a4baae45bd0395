"""Roles on a newsroom server (issue 15 point 6): `server init` lays down the schema, the four roles and a first chief editor; then each person logs in as themself and the server refuses, in one line, every write their role may not make — a proofreader moving a frame or editing a story, anyone but a chief editor signing off (签发), the print shop writing anything — and shows the print shop signed pages only."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.cli.main import main
from app.model.proof import PageSignoff, ProofRound
from app.store import Library, LibraryForbidden
from app.store.pg_roles import login_role

PEOPLE = {  # login → (role, name)
    "zhang": ("proofreader", "张校对"),
    "li": ("editor", "李编辑"),
    "yin": ("printshop", "印厂"),
}


@dataclasses.dataclass
class Newsroom:
    admin: str  # the URL the administrator ran `server init` with
    urls: dict[str, str]  # login → a URL logging in as them

    def desk(self, login: str) -> Library:
        lib = Library.open(self.urls[login])
        lib.person = (PEOPLE.get(login) or ("chief", "王总编"))[1]
        return lib


@pytest.fixture
def newsroom(pg_cluster, pg_url: str, capsys) -> Newsroom:
    """The sample library on a server, then `server init` with a chief editor, then a
    proofreader, an editor and the print shop added; page 2 of 1809 signed off."""
    assert main(["sample", "--db", pg_url]) == 0
    assert main(["server", "init", pg_url, "--chief", "wang", "--name", "王总编"]) == 0
    said = capsys.readouterr().out
    assert "contents kept" in said and "login wang" in said and "王总编" in said, said
    for login, (role, name) in PEOPLE.items():
        assert main(["server", "add-person", pg_url, login, "--role", role, "--name", name]) == 0
    capsys.readouterr()
    dbname = pg_url.split("/")[3].split("?")[0]
    urls = {login: pg_cluster.url(dbname, user=login) for login in ("wang", *PEOPLE)}
    room = Newsroom(pg_url, urls)
    with Library.open(pg_url) as lib:
        page = lib.pages(lib.issue_by_number(1809).id)[1]
        steps = ("一校", "二校", "三校", "初审", "复审", "终审")
        for n, step in enumerate(steps):
            lib.add_signoff(PageSignoff(page.id, step, f"某{n}", datetime(2026, 5, 1)))
        lib.add_revision(page.issue_id, "晚间稿", {"articles": [], "frames": []}, datetime.now())
    with room.desk("wang") as lib:
        lib.add_signoff(PageSignoff(page.id, "签发", "王总编", datetime(2026, 5, 1, 22)))
    return room


def pages_of(lib: Library, number: int = 1809) -> list:
    return lib.pages(lib.issue_by_number(number).id)


def refused(what, *args) -> str:
    with pytest.raises(LibraryForbidden) as e:
        what(*args)
    message = str(e.value)
    assert "\n" not in message and "not saved" in message, message
    return message


def test_each_login_has_its_role(newsroom: Newsroom) -> None:
    for login, role in (("wang", "chief"), ("zhang", "proofreader"), ("li", "editor")):
        with newsroom.desk(login) as lib:
            assert login_role(lib.db) == role
    with Library.open(newsroom.admin) as lib:
        assert login_role(lib.db) is None  # the administrator is not held


def test_a_proofreader_marks_but_does_not_move_frames_or_edit_text(
    newsroom: Newsroom, capsys
) -> None:
    with newsroom.desk("zhang") as lib:
        page = pages_of(lib)[0]
        frame = lib.frames(page.id)[0]
        moved = refused(lib.update_frame, dataclasses.replace(frame, x=frame.x + 10))
        assert "校对" in moved and "proofreader" in moved and "frames" in moved
        refused(lib.delete_frame, frame.id)
        refused(lib.add_frame, dataclasses.replace(frame, id=None))
        story = lib.articles(page.issue_id)[0]
        edited = dataclasses.replace(story, paragraphs=[*story.paragraphs, "校对加的一段"])
        assert "stories' text" in refused(lib.update_article, edited)
    # What a proofreader does do, on the command line: open a round, mark, close it.
    zhang = newsroom.urls["zhang"]
    for argv in (
        ["proof", "open-round", "--db", zhang, "--issue", "1809", "--kind", "一校",
         "--proofreader", "张校对", "--pages", "1"],
        ["proof", "mark", "--db", zhang, "--round", "1", "--page", "1", "--box",
         "40,200,120,14", "--kind", "改正", "--text", "民有所呼"],
        ["proof", "close-round", "--db", zhang, "--round", "1"],
    ):  # fmt: skip
        assert main(argv) == 0, capsys.readouterr()
    with newsroom.desk("zhang") as lib:
        assert [s.step for s in lib.signoffs(page.id)] == ["一校"]
        assert len(lib.marks(issue_id=page.issue_id)) == 1
        # …and signs nothing but rounds.
        review = PageSignoff(page.id, "初审", "张校对", datetime(2026, 5, 2))
        assert "rounds only" in refused(lib.add_signoff, review)
    with Library.open(newsroom.admin) as lib:  # nothing refused was written
        assert lib.frame(frame.id) == frame
        assert lib.article(story.id).paragraphs == story.paragraphs


def test_only_a_chief_editor_signs_off_under_their_own_name(newsroom: Newsroom) -> None:
    def sign_off(lib: Library, person: str) -> PageSignoff:
        page = pages_of(lib)[0]
        return lib.add_signoff(PageSignoff(page.id, "签发", person, datetime(2026, 5, 2)))

    for login in ("li", "zhang"):
        with newsroom.desk(login) as lib:
            said = refused(sign_off, lib, "王总编")
            assert "只有总编辑能签发" in said and "only a chief editor signs off" in said
    with newsroom.desk("li") as lib:  # an editor cannot take a sign-off back either
        signed = next(s for s in lib.signoffs(pages_of(lib)[1].id) if s.step == "签发")
        refused(lambda: lib._delete("page_signoffs", signed.id))
    with newsroom.desk("wang") as lib:
        assert "own name" in refused(sign_off, lib, "李编辑")
        assert sign_off(lib, "王总编").id is not None


def test_an_editor_edits_but_does_not_sign_off_on_the_command_line(
    newsroom: Newsroom, capsys
) -> None:
    with newsroom.desk("li") as lib:
        page = pages_of(lib)[0]
        frame = lib.frames(page.id)[0]
        assert lib.update_frame(dataclasses.replace(frame, x=frame.x + 1)).version > 1
    with Library.open(newsroom.admin) as lib:
        for n, step in enumerate(("一校", "二校", "三校", "初审", "复审", "终审")):
            lib.add_signoff(PageSignoff(page.id, step, f"某{n}", datetime(2026, 5, 1)))
    argv = ["--user", "李编辑", "proof", "sign", "--db", newsroom.urls["li"], "--issue", "1809"]
    argv += ["--page", "1", "--step", "签发", "--person", "李编辑"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "only a chief editor signs off" in err, err
    assert "Traceback" not in err


def test_the_print_shop_reads_signed_pages_only_and_writes_nothing(
    newsroom: Newsroom, tmp_path: Path, capsys
) -> None:
    with newsroom.desk("yin") as lib:
        pages = pages_of(lib)
        assert [p.number for p in pages] == [2]  # page 2 alone is signed off
        frames = lib.frames(pages[0].id)
        assert frames
        shown = {f.article_id for f in frames if f.article_id}
        assert {a.id for a in lib.articles(pages[0].issue_id)} == shown
        assert lib.revisions(pages[0].issue_id) == []  # the administrator saved one
        assert "print shop" in refused(lib.update_frame, dataclasses.replace(frames[0], x=1.0))
        refused(
            lib.add_proof_round,
            ProofRound(pages[0].issue_id, "一校", "印厂", (pages[0].id,), datetime(2026, 5, 2)),
        )
        refused(lib.add_signoff, PageSignoff(pages[0].id, "签发", "印厂", datetime(2026, 5, 2)))
    with Library.open(newsroom.admin) as lib:
        assert len(pages_of(lib)) == 8 and len(lib.revisions(pages[0].issue_id)) == 1


def test_the_print_shop_exports_the_signed_pages(
    newsroom: Newsroom, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "1809.pdf"
    assert main(["export", "--db", newsroom.urls["yin"], "--issue", "1809", "--out", str(out)]) == 0
    assert "exported 1 pages" in capsys.readouterr().out
    with pdfium.PdfDocument(out) as pdf:
        text = pdf[0].get_textpage().get_text_range()
    assert "第 2 版" in text or "第2版" in text.replace(" ", ""), text[:80]


def test_server_init_makes_the_library_in_an_empty_database(
    pg_url: str, tmp_path: Path, capsys
) -> None:
    assert main(["server", "init", pg_url]) == 0
    assert "library made" in capsys.readouterr().out
    with Library.open(pg_url) as lib:
        assert lib.issues() == []
        groups = lib.backend.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE ? ORDER BY rolname", ["banmian\\_%"]
        ).fetchall()
        assert [g[0] for g in groups] == [
            "banmian_chief",
            "banmian_editor",
            "banmian_printshop",
            "banmian_proofreader",
        ]
    assert main(["server", "init", pg_url]) == 0  # again: nothing lost, nothing doubled
    assert "contents kept" in capsys.readouterr().out
    assert main(["server", "init", str(tmp_path / "paper.banmian")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "postgresql:// URL" in err
