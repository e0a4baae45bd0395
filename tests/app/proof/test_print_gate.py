"""Export for print behind the sign-off: `banmian export --preset print` warns per unsigned page; --require-signoff (and the editor's setting) refuses and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.edit.editor import open_editor
from app.model.proof import Mark, Rect
from app.proof.errors import ProofError
from app.proof.rounds import add_mark, close_round, open_round
from app.proof.signoff import sign
from app.store import Library

from .helpers import Paper, at, make_paper

WARNING = "警告 / warning: "


def sign_off(paper: Paper, numbers: tuple[int, ...], *, open_mark_on: int | None = None) -> None:
    """Three rounds, three reviews and 签发 on these pages; with `open_mark_on`, 三校 leaves a
    mark open on that page and it is signed 改后付印 (after fixes)."""
    pages = [p for p in paper.compose() if p.number in numbers]
    for hour, (kind, who) in enumerate((("一校", "张"), ("二校", "李"), ("三校", "赵"))):
        rnd = open_round(paper.lib, paper.issue.id, kind, who, pages, at=at(9 + hour))  # type: ignore[arg-type]
        if kind == "三校" and open_mark_on is not None:
            box = Rect(300, 300, 20, 20)
            add_mark(paper.lib, Mark(rnd.id, paper.page_id(open_mark_on), box, "说明"))  # type: ignore[arg-type]
        close_round(paper.lib, rnd.id, at=at(9 + hour, 45))  # type: ignore[arg-type]
    for n in numbers:
        for step, person in zip(("初审", "复审", "终审"), ("编辑", "主任", "总编"), strict=True):
            sign(paper.lib, paper.page_id(n), step, person, at=at(15))
        after_fixes = n == open_mark_on
        sign(paper.lib, paper.page_id(n), "签发", "总编", after_fixes=after_fixes, at=at(16))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "paper.banmian"
    with make_paper(path) as paper:
        sign_off(paper, (1,))  # 第1版 签发, 第2版 still 待校
    return path


def export(
    db: Path, out: Path, *options: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], str]:
    # The two-page toy paper has no masthead: --allow-preflight-errors lets the sign-off
    # gate be tested on its own (the preflight gate: tests/app/test_cli_print_gate.py).
    args = ["export", "--db", str(db), "--out", str(out), *options, "--allow-preflight-errors"]
    code = main(args)
    _, err = capsys.readouterr()
    warnings = [line for line in err.splitlines() if line.startswith(WARNING)]
    return code, warnings, err


def test_print_export_warns_one_line_per_unsigned_page(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "print.pdf"
    code, warnings, _ = export(db, out, "--preset", "print", capsys=capsys)
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert warnings == [f"{WARNING}第2版未签发（待校） / page 2 not signed off (at 待校)"]


def test_a_screen_export_does_not_gate(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "screen.pdf"
    code, warnings, _ = export(db, out, capsys=capsys)
    assert code == 0 and out.exists() and warnings == []


def test_require_signoff_refuses_and_writes_nothing(db: Path, tmp_path: Path, capsys) -> None:
    out, per_page = tmp_path / "print.pdf", tmp_path / "pages"
    code, warnings, err = export(
        db, out, "--preset", "print", "--require-signoff", "--per-page", str(per_page),
        capsys=capsys,
    )  # fmt: skip
    assert code == 2
    assert not out.exists() and not (per_page.exists() and any(per_page.iterdir()))
    assert len(warnings) == 1 and "第2版" in warnings[0]
    assert err.splitlines()[-1].startswith("banmian: 签发后才能付印")


def test_require_signoff_passes_when_every_page_is_signed(tmp_path: Path, capsys) -> None:
    path = tmp_path / "signed.banmian"
    with make_paper(path) as paper:
        sign_off(paper, (1, 2))
    out = tmp_path / "print.pdf"
    code, warnings, _ = export(path, out, "--preset", "print", "--require-signoff", capsys=capsys)
    assert code == 0 and out.exists() and warnings == []


def test_signed_after_fixes_with_marks_open_still_warns(tmp_path: Path, capsys) -> None:
    path = tmp_path / "after-fixes.banmian"
    with make_paper(path) as paper:
        sign_off(paper, (1, 2), open_mark_on=2)
    out = tmp_path / "print.pdf"
    code, warnings, _ = export(path, out, "--preset", "print", "--require-signoff", capsys=capsys)
    assert code == 2 and not out.exists()
    assert warnings == [
        f"{WARNING}第2版改后付印，尚有1处未改 / page 2 signed after fixes, 1 marks still open"
    ]


def test_the_editor_export_refuses_by_setting(db: Path, tmp_path: Path) -> None:
    with Library.open(db) as lib:
        editor = open_editor(lib)
        assert [w[:4] for w in editor.print_warnings()] == ["第2版未"]
        out = tmp_path / "editor.pdf"
        with pytest.raises(ProofError, match="第2版未签发"):
            editor.export(out, preset="print", require_signoff=True)
        assert not out.exists()
        editor.export(out, preset="print")  # without the setting: the caller warned
        assert out.read_bytes().startswith(b"%PDF")
