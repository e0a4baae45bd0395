"""`banmian proof …` headless: open a round, mark, annotate, import, diff, status and sign."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pikepdf
import pytest

from app.cli import proof as cli
from app.errors import UserError
from app.store import Library, LibraryError

from .helpers import make_paper, toy_compose


def parser() -> argparse.ArgumentParser:
    """The top level as app/cli/main.py builds it: a global --db and the subcommands."""
    ap = argparse.ArgumentParser(prog="banmian")
    ap.add_argument("--db")
    sub = ap.add_subparsers(dest="command")
    cli.add_parser(sub)
    return ap


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.run(parser().parse_args(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "paper.banmian"
    with make_paper(path):
        pass
    monkeypatch.setattr(cli, "_compose", lambda lib, n: toy_compose(lib, lib.issue_by_number(n).id))
    return str(path)


def test_a_round_from_the_command_line(db: str, tmp_path: Path, capsys) -> None:
    code, out, _ = run(
        ["--db", db, "proof", "open-round", "--kind", "一校", "--proofreader", "张校对"], capsys
    )
    assert code == 0 and out.startswith("校次 round 1: 一校 张校对 (red) pages 1,2")
    # A mark drawn over the lead's second body line, characters 21-22 from the left edge.
    code, out, _ = run(
        ["proof", "mark", "--db", db, "--round", "1", "--page", "1", "--box", "20,82,18,10",
         "--kind", "改正", "--text", "书记"],
        capsys,
    )  # fmt: skip
    mark = json.loads(out)
    with Library.open(db) as lib:
        lead = lib.articles(1)[0]
        text = "\n".join(lead.paragraphs)
    assert mark["article"] == lead.id and mark["text"] == text[mark["start"] : mark["end"]]
    assert len(mark["text"]) == 2 and mark["status"] == "open"
    code, out, err = run(["proof", "marks", "--db", db], capsys)
    assert (
        code == 0
        and out.startswith("#1 第1版 改正 待改 《八角街道吹哨报到》")
        and err == "1 marks\n"
    )
    code, out, _ = run(["proof", "marks", "--db", db, "--json", "--status", "all"], capsys)
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1]

    proof = tmp_path / "proof.pdf"
    code, out, _ = run(
        ["proof", "annotate", "--db", db, "--round", "1", "--out", str(proof)], capsys
    )
    assert code == 0 and "(1 marks)" in out
    with pikepdf.open(proof, allow_overwriting_input=True) as pdf:
        assert len(pdf.pages) == 2
        deletion = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Square,
            Rect=[30, 500, 60, 520],  # three characters of page 2's story, second line
            Contents=pikepdf.String("删除"),
        )
        pdf.pages[1].Annots.append(pdf.make_indirect(deletion))
        pdf.save(proof)
    code, out, _ = run(["proof", "import-pdf", "--db", db, "--round", "1", str(proof)], capsys)
    assert code == 0 and out.startswith("导入 imported 1 marks (1 on text), 1 already known")

    code, out, _ = run(["proof", "close-round", "--db", db, "--round", "1"], capsys)
    assert code == 0 and "2 pages at 一校; 2 open marks" in out
    code, out, _ = run(["proof", "resolve", "1", "--db", db, "--status", "rejected"], capsys)
    assert out == "#1 改正 不改\n"
    with Library.open(db) as lib:
        lead = lib.article(lead.id)  # type: ignore[arg-type]
        lead.paragraphs[0] = lead.paragraphs[0].replace("区委书记", "区委副书记")
        lib.update_article(lead)
    code, out, _ = run(
        [
            "proof",
            "open-round",
            "--db",
            db,
            "--kind",
            "二校",
            "--proofreader",
            "李",
            "--pages",
            "1",
        ],
        capsys,
    )
    assert code == 0 and "pages 1" in out
    code, out, _ = run(["proof", "diff", "--db", db, "--round", "2"], capsys)
    assert out.startswith("第1版: ") and "  + " in out and "副书记" in out

    code, out, _ = run(["proof", "status", "--db", db, "--print"], capsys)
    assert code == 1
    assert out.splitlines()[0].startswith("第1版 一校 [二校中 round 2] 待改0 一校:张校对@")
    code, out, _ = run(
        ["proof", "sign", "--db", db, "--page", "1", "--step", "初审", "--person", "编辑"], capsys
    )
    assert code == 0 and out.startswith("第1版 初审 编辑 ")


def test_refusals_are_user_errors(db: str, tmp_path: Path, capsys) -> None:
    run(["proof", "sign", "--db", db, "--page", "1", "--step", "初审", "--person", "编辑"], capsys)
    with pytest.raises(UserError, match="the same person may not sign two reviews"):
        run(
            ["proof", "sign", "--db", db, "--page", "1", "--step", "复审", "--person", "编辑"],
            capsys,
        )
    with pytest.raises(UserError, match="needs --db"):
        run(["proof", "status"], capsys)
    with pytest.raises(UserError, match="no such library file"):
        run(["proof", "status", "--db", str(tmp_path / "none.banmian")], capsys)
    with pytest.raises(UserError, match="no page 9"):
        run(
            ["proof", "sign", "--db", db, "--page", "9", "--step", "初审", "--person", "主任"],
            capsys,
        )
    run(["proof", "open-round", "--db", db, "--kind", "一校", "--proofreader", "张"], capsys)
    with pytest.raises(UserError, match="x,y,w,h"):
        run(
            ["proof", "mark", "--db", db, "--round", "1", "--page", "1", "--box", "1,2", "--kind", "删除"],
            capsys,
        )  # fmt: skip
    with pytest.raises(UserError, match="unknown proof mark kind"):
        run(
            ["proof", "mark", "--db", db, "--round", "1", "--page", "1", "--box", "1,2,3,4", "--kind", "乱改"],
            capsys,
        )  # fmt: skip
    with pytest.raises(LibraryError, match="no issue 1234"):
        run(["proof", "marks", "--db", db, "--issue", "1234"], capsys)
    with pytest.raises(SystemExit):
        run(["proof", "open-round", "--db", db, "--kind", "四校", "--proofreader", "张"], capsys)
