"""Every command on a server library: the same session of commands on a file and on a PostgreSQL database prints the same and writes the same files, byte for byte."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.cli.main import main

STORIES = {
    "区里来稿.txt": "社区来稿一则\n\n本报讯 八角街道今天召开居民议事会，讨论停车和绿化。\n\n"
    "会议决定下月起试行错时停车。\n",
    "体育.md": "# 全民健身日活动举行\n\n本报讯 三百多名居民参加了长跑、跳绳和太极拳比赛。\n",
    "文化.txt": "图书馆延长开放时间\n\n本报讯 区图书馆自下周起每晚开放到九点。\n\n周末照常。\n",
}


def session(db: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple]:
    """The commands a desk and a proofreader run, in order; each one's exit status, printed
    lines (the library's name left out) and written files."""
    folder.mkdir()
    files = []
    for name, text in STORIES.items():
        (folder / name).write_text(text, "utf-8")
        files.append(str(folder / name))
    commands = [
        ["sample", "--db", db],
        ["next-issue", "--db", db, "--from", "1809"],
        ["import", "--db", db, "--issue", "1810", *files],
        ["house-style", "--db", db, "set", "正文", "indent", "2.5"],
        ["autofill", "--db", db, "--issue", "1810"],
        ["qr", "--db", db, "--issue", "1810", "--frame", "qr-wechat", "--payload", "http://x.cn/a"],
        ["layout", "--db", db, "--issue", "1810", "--json", str(folder / "1810.json")],
        ["preflight", "--db", db, "--issue", "1810", "--json"],
        [
            "proof",
            "open-round",
            "--db",
            db,
            "--issue",
            "1809",
            "--kind",
            "一校",
            "--proofreader",
            "张校对",
            "--pages",
            "1,2",
        ],  # fmt: skip
        [
            "proof",
            "mark",
            "--db",
            db,
            "--round",
            "1",
            "--page",
            "1",
            "--box",
            "40,200,120,14",
            "--kind",
            "改正",
            "--text",
            "民有所呼",
        ],  # fmt: skip
        ["proof", "marks", "--db", db, "--issue", "1809", "--json"],
        ["proof", "resolve", "--db", db, "1", "--status", "fixed", "--by", "李编辑"],
        ["proof", "close-round", "--db", db, "--round", "1"],
        [
            "proof",
            "sign",
            "--db",
            db,
            "--issue",
            "1809",
            "--page",
            "1",
            "--step",
            "初审",
            "--person",
            "王主任",
        ],  # fmt: skip
        ["proof", "status", "--db", db, "--issue", "1809"],
        ["proof", "annotate", "--db", db, "--round", "1", "--out", str(folder / "proof.pdf")],
        ["export", "--db", db, "--issue", "1810", "--out", str(folder / "1810.pdf")],
        ["export", "--db", db, "--issue", "1809", "--per-page", str(folder / "pages")],
    ]
    done = []
    for args in commands:
        code = main(args)
        out, err = capsys.readouterr()
        text = (out + err).replace(db, "LIBRARY").replace(str(folder), "FOLDER")
        text = re.sub(r"\d{4}-\d\d-\d\dT[\d:.+]+", "TIME", text)  # when a mark was made
        done.append((args[0:2], code, text))
    outputs = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".pdf", ".json"))
    for p in outputs:
        # The annotated proof carries the marks' times (now), and its file id hashes them:
        # the only bytes left to vary.
        data = re.sub(rb"D:\d{14}", b"D:TIME", p.read_bytes())
        data = re.sub(rb"/ID \[<\w+><\w+>\]", b"/ID", data)
        done.append((p.relative_to(folder).as_posix(), data))
    return done


def test_a_server_library_runs_every_command_as_a_file_does(
    tmp_path: Path, pg_url: str, capsys
) -> None:
    # Fonts are converted on demand for the characters a job uses, and an embedded subset's
    # bytes follow what the font cache held at the time (an empty cache in a fresh clone): one
    # untimed run first, so both compared runs embed from the same converted faces.
    session(str(tmp_path / "warm.banmian"), tmp_path / "warm", capsys)
    on_file = session(str(tmp_path / "paper.banmian"), tmp_path / "file", capsys)
    on_server = session(pg_url, tmp_path / "server", capsys)
    # All went through; preflight finds the new issue's empty pages (errors: exit status 1).
    codes = [(c[0][0], c[1]) for c in on_file if len(c) == 3]
    assert len(codes) == 18 and all(code == (name == "preflight") for name, code in codes)
    for a, b in zip(on_file, on_server, strict=True):
        assert a == b, a[0]
    layout = json.loads((tmp_path / "server" / "1810.json").read_text("utf-8"))
    assert layout["issue"] == 1810
