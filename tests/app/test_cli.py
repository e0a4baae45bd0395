"""The command line: subcommands, one-line errors, the headless main job."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from app.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_sample_then_refuse_to_overwrite(tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.banmian"
    code, out, _ = run(["sample", "--db", str(db)], capsys)
    assert code == 0 and db.exists() and "1809" in out
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = run(["sample", "--db", str(db)], capsys)
    assert code == 2 and err.count("\n") == 1 and "exists" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_export_sample_has_8_pages_with_the_seed_text(tmp_path: Path, capsys) -> None:
    out = tmp_path / "1809.pdf"
    code, stdout, _ = run(["export", "--out", str(out)], capsys)
    assert code == 0 and str(out.resolve()) in stdout
    pages = pdf_text(out)
    assert len(pages) == 8
    front = pages[0]
    for text in [
        "石景山报",
        "2019年4月25日 星期四",
        "第30期（总第1809期）本期8版",
        "便民电话",
        "北京石景山公众号",
        "文明创建我先行",
        "石景山区召开市民热线工作交流推进会",
        "民有所呼 我有所应",
        "为居民铺平回家路",
        "追梦新时代 健康赢未来",
        "（详见3版）",
    ]:
        flat = front.replace(" ", "").replace("\u3000", "").replace("\r\n", "")  # 一字空 too
        assert text.replace(" ", "") in flat, text
    assert "追梦新时代" in pages[2]
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                desc = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in desc, f"font not embedded: {font.BaseFont}"


def test_export_errors_are_one_line(tmp_path: Path, capsys) -> None:
    code, _, err = run(
        ["export", "--db", str(tmp_path / "none.banmian"), "--out", str(tmp_path / "x.pdf")], capsys
    )
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    db = tmp_path / "s.banmian"
    run(["sample", "--db", str(db)], capsys)
    code, _, err = run(
        ["export", "--db", str(db), "--issue", "9999", "--out", str(tmp_path / "x.pdf")], capsys
    )
    assert code == 2 and "9999" in err and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_foreign_file_is_refused_and_untouched(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.banmian"
    bad.write_text("这不是数据库\n", encoding="utf-8")
    before = bad.read_bytes()
    code, _, err = run(["export", "--db", str(bad), "--out", str(tmp_path / "x.pdf")], capsys)
    assert code == 2 and err.count("\n") == 1
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.banmian"]


def test_next_issue_numbers_and_refuses_duplicates(tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.banmian"
    run(["sample", "--db", str(db)], capsys)
    code, out, _ = run(["next-issue", "--db", str(db), "--from", "1809"], capsys)
    assert code == 0
    assert "2019-04-30" in out and "星期二" in out and "第31期（总第1810期）" in out
    code, _, err = run(["next-issue", "--db", str(db), "--from", "1809"], capsys)
    assert code == 2 and "1810" in err
    code, _, err = run(["next-issue", "--db", str(db), "--from", "1700"], capsys)
    assert code == 2 and "1700" in err


def test_headless_main_job_exports_and_says_where(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(BANMIAN_LIBRARY=str(tmp_path / "lib.banmian"), BANMIAN_OUT=str(tmp_path / "out"))
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "out" / "banmian-1809.pdf"
    assert pdf.exists() and str(pdf) in proc.stdout
    assert (tmp_path / "lib.banmian").exists()  # the default library, created with the sample
    assert len(pdf_text(pdf)) == 8


def test_next_issue_keeps_the_masthead_with_new_numbers(tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.banmian"
    run(["sample", "--db", str(db)], capsys)
    run(["next-issue", "--db", str(db), "--from", "1809"], capsys)
    out = tmp_path / "1810.pdf"
    code, _, _ = run(["export", "--db", str(db), "--issue", "1810", "--out", str(out)], capsys)
    assert code == 0
    # pdfium turns the ¼-em Han–Latin spacing into spaces: compare without them.
    front = pdf_text(out)[0].replace("\r\n", "").replace(" ", "").replace("\u3000", "")
    assert "2019年4月30日星期二" in front and "第31期（总第1810期）本期8版" in front
    assert "第30期" not in front and "北京石景山公众号" in front


def test_layout_json_lists_pages_frames_lines(tmp_path: Path, capsys) -> None:
    import json

    out = tmp_path / "layout.json"
    code, _, _ = run(["layout", "--json", str(out)], capsys)
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["issue"] == 1809 and len(data["pages"]) == 8
    front = data["pages"][0]
    assert {f["kind"] for f in front["frames"]} >= {"masthead", "article", "teaser", "qr"}
    texts = [line["text"] for line in front["lines"]]
    assert "石景山区召开市民热线工作交流推进会" in texts
    assert front["overset"] == 0 and front["missing_glyphs"] == []
    assert all(len(line["box"]) == 4 for line in front["lines"])


def test_commands_on_the_builtin_sample_leave_no_temporary_folder(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where mkdtemp & co. put things
    assert main(["layout", "--json", str(tmp_path / "layout.json")]) == 0
    assert main(["preflight"]) in (0, 1)
    assert main(["export", "--issue", "9999", "--out", str(tmp_path / "x.pdf")]) == 2  # fails
    capsys.readouterr()
    assert list(scratch.iterdir()) == []
