"""People: each desk has a person — --user, else $BANMIAN_USER, else the system's user — recorded in the change log, named revisions, marks, resolutions and signatures."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.cli import proof as proof_cli
from app.model.proof import Rect
from app.proof.rounds import open_round
from app.proof.session import ProofSession
from app.store import Library
from app.store.desks import default_person

from .helpers import make_paper, toy_compose


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "paper.banmian"
    with make_paper(path):
        pass
    monkeypatch.setattr(
        proof_cli, "_compose", lambda lib, n: toy_compose(lib, lib.issue_by_number(n).id)
    )
    monkeypatch.delenv("BANMIAN_USER", raising=False)
    return path


def test_the_system_user_unless_banmian_user_names_someone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BANMIAN_USER", raising=False)
    assert default_person() == getpass.getuser()
    monkeypatch.setenv("BANMIAN_USER", "  张  编辑 ")
    assert default_person() == "张  编辑".strip()


def test_user_signs_rounds_resolutions_signatures_and_the_log(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(db) as lib:
        mark = lib.last_change()
    assert (
        cli_main.main(
            ["--user", "张校对", "--db", str(db), "proof", "open-round", "--kind", "一校"]
        )
        == 0
    )
    monkeypatch.setenv("BANMIAN_USER", "李编辑")  # --user wins over the environment
    assert (
        cli_main.main(
            ["--user", "王主任", "--db", str(db), "proof", "sign", "--page", "1", "--step", "初审"]
        )
        == 0
    )
    monkeypatch.setenv("BANMIAN_USER", "李编辑")
    assert cli_main.main(["--db", str(db), "proof", "sign", "--page", "1", "--step", "复审"]) == 0
    with Library.open(db) as lib:
        [rnd] = lib.proof_rounds(lib.issues()[0].id)  # type: ignore[arg-type]
        assert rnd.proofreader == "张校对"
        page = lib.pages(rnd.issue_id)[0]
        assert [(s.step, s.person) for s in lib.signoffs(page.id)] == [  # type: ignore[arg-type]
            ("初审", "王主任"),
            ("复审", "李编辑"),
        ]
        people = {(c.table, c.person) for c in lib.changes_since(mark)}
    assert {
        ("proof_rounds", "张校对"),
        ("page_signoffs", "王主任"),
        ("page_signoffs", "李编辑"),
    } <= people


def test_a_mark_drawn_by_someone_else_names_them(db: Path) -> None:
    with Library.open(db) as lib:
        issue = lib.issues()[0]
        pages = toy_compose(lib, issue.id)  # type: ignore[arg-type]
        rnd = open_round(lib, issue.id, "一校", "张校对", pages)  # type: ignore[arg-type]
        session = ProofSession(lib, rnd.id, pages, b"")  # type: ignore[arg-type]
        lib.person = "张校对"
        own = session.add_mark(0, Rect(60, 60, 40, 12), "改正", proposed="甲")
        lib.person = "赵主任"
        other = session.add_mark(0, Rect(60, 90, 40, 12), "删除")
        assert (own.author, other.author) == ("", "赵主任")


def test_a_named_revision_names_its_person(db: Path) -> None:
    from app.edit.revisions import take_snapshot
    from app.model.proof import now

    with Library.open(db) as lib:
        lib.person = "钱编辑"
        issue = lib.issues()[0]
        lib.add_revision(issue.id, "一校前", take_snapshot(lib, issue.id), now())  # type: ignore[arg-type]
        [revision] = lib.revisions(issue.id)  # type: ignore[arg-type]
        assert revision.person == "钱编辑"
