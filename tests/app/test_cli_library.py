"""Named means named: --db before or after the subcommand, $BANMIAN_LIBRARY, no fallback to the sample, a URL never a path."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.cli.main import main
from app.services import library_location
from app.store import ServerUrl


@pytest.fixture(scope="module")
def lib_1810(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library whose newest issue is 1810, so that the built-in sample (1809) shows."""
    db = tmp_path_factory.mktemp("named") / "paper.banmian"
    assert main(["sample", "--db", str(db)]) == 0
    assert main(["next-issue", "--db", str(db), "--from", "1809"]) == 0
    return db


def front_page(pdf_path: Path) -> str:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return pdf[0].get_textpage().get_text_range().replace("\r\n", "").replace(" ", "")
    finally:
        pdf.close()


def issue_of(command: str, before: list[str], after: list[str], tmp_path: Path, capsys) -> int:
    """The cumulative number of the issue `command` worked on, with these arguments around it."""
    if command == "export":
        out = tmp_path / "x.pdf"
        assert main([*before, "export", *after, "--out", str(out)]) == 0
        text = front_page(out)
        return 1810 if "总第1810期" in text else 1809 if "总第1809期" in text else 0
    if command == "layout":
        out = tmp_path / "x.json"
        assert main([*before, "layout", *after, "--json", str(out)]) == 0
        return json.loads(out.read_text(encoding="utf-8"))["issue"]
    capsys.readouterr()
    main([*before, "preflight", *after, "--json"])
    return json.loads(capsys.readouterr().out)["issue"]


@pytest.mark.parametrize("command", ["export", "layout", "preflight"])
def test_db_is_honoured_before_or_after_the_subcommand(
    command: str, lib_1810: Path, tmp_path: Path, capsys
) -> None:
    db = ["--db", str(lib_1810)]
    assert issue_of(command, db, [], tmp_path, capsys) == 1810  # the sample is 1809
    assert issue_of(command, [], db, tmp_path, capsys) == 1810
    assert issue_of(command, db, db, tmp_path, capsys) == 1810  # the same library twice


def test_banmian_library_names_the_library(
    lib_1810: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("BANMIAN_LIBRARY", str(lib_1810))
    out = tmp_path / "x.pdf"
    assert main(["export", "--out", str(out)]) == 0
    assert "总第1810期" in front_page(out)
    # --db still wins over the environment
    other = tmp_path / "other.banmian"
    assert main(["sample", "--db", str(other)]) == 0
    assert main(["export", "--db", str(other), "--out", str(out)]) == 0
    assert "总第1809期" in front_page(out)


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--db", "{missing}", "--out", "{out}"],
        ["--db", "{missing}", "export", "--out", "{out}"],
        ["--db", "{missing}", "layout", "--json", "{out}"],
        ["--db", "{missing}", "preflight"],
        ["export", "--db", "", "--out", "{out}"],
        ["BANMIAN_LIBRARY={missing}", "export", "--out", "{out}"],
        ["BANMIAN_LIBRARY={missing}", "layout", "--json", "{out}"],
    ],
)
def test_a_named_library_that_is_missing_never_becomes_the_sample(
    args: list[str], tmp_path: Path, monkeypatch, capsys
) -> None:
    missing, out = tmp_path / "typo.banmian", tmp_path / "out.file"
    args = [a.format(missing=missing, out=out) for a in args]
    if args[0].startswith("BANMIAN_LIBRARY="):
        monkeypatch.setenv("BANMIAN_LIBRARY", args.pop(0).split("=", 1)[1])
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no PDF of the sample, no library


def test_the_sample_is_used_only_when_nothing_is_named_and_says_so(tmp_path: Path, capsys) -> None:
    out = tmp_path / "layout.json"
    assert main(["layout", "--json", str(out)]) == 0
    assert "built-in sample" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8"))["issue"] == 1809


def test_two_different_libraries_are_refused(lib_1810: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.banmian"
    code = main(["--db", str(other), "export", "--db", str(lib_1810), "--out", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and str(other) in err
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        # A server library on a server that is not there: one line, exit 1 (try later).
        ("postgresql://editor@/banmian?host=/nonexistent/socket", 1),
        ("postgres://editor@/paper?host=/nonexistent/socket", 1),
        ("file:///tmp/x", 2),  # not a kind of library at all
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ["sample", "--db", "{url}"],
        ["--db", "{url}", "sample"],
        ["export", "--db", "{url}", "--out", "x.pdf"],
        ["next-issue", "--db", "{url}", "--from", "1809"],
        ["import", "--db", "{url}", "--issue", "1809", "a.txt"],
        ["proof", "status", "--db", "{url}"],
        ["--db", "{url}"],  # the app itself (headless here: it would export)
        ["ENV", "export", "--out", "x.pdf"],
        ["ENV"],
    ],
)
def test_a_url_is_never_taken_for_a_file_path(
    url: str, status: int, command: list[str], tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    args = [a.format(url=url) for a in command]
    if args[0] == "ENV":
        monkeypatch.setenv("BANMIAN_LIBRARY", url)
        args.pop(0)
    code = main(args)
    err = capsys.readouterr().err
    assert code == status and err.count("\n") == 1 and url.split("?")[0] in err, err
    assert list(tmp_path.iterdir()) == []  # no folder named "postgresql:", no PDF


def test_library_location_tells_paths_from_urls() -> None:
    assert library_location("C:\\Users\\编辑\\paper.banmian") == Path(
        "C:\\Users\\编辑\\paper.banmian"
    )
    assert library_location("c:/paper.banmian") == Path("c:/paper.banmian")
    assert library_location("报社/石景山报.banmian") == Path("报社/石景山报.banmian")
    assert library_location("~/paper.banmian") == Path.home() / "paper.banmian"
    url = "postgresql://王编辑:秘密@/石景山报?host=/var/run/postgresql"
    assert library_location(url) == ServerUrl(url)
    assert str(ServerUrl(url)) == "postgresql://王编辑:***@/石景山报?host=/var/run/postgresql"
    assert str(ServerUrl("postgres://h/db?password=x&sslmode=require")).endswith(
        "?password=***&sslmode=require"
    )
