"""The print gate: `export --preset print` refuses (exit 2, nothing written) when preflight finds errors, unless --allow-preflight-errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main

LONG_URL = "https://www.example.com/" + "a" * 300  # encodes, but in modules under 0.5 mm here


@pytest.fixture(scope="module")
def fine_qr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with its WeChat QR slot set to a payload too long to print scannably."""
    db = tmp_path_factory.mktemp("gate") / "paper.banmian"
    assert main(["sample", "--db", str(db)]) == 0
    assert main(["qr", "--db", str(db), "--frame", "qr-wechat", "--payload", LONG_URL]) == 0
    return db


def test_print_export_refuses_preflight_errors_and_writes_nothing(
    fine_qr: Path, tmp_path: Path, capsys
) -> None:
    capsys.readouterr()
    for target in (["--out", str(tmp_path / "print.pdf")], ["--per-page", str(tmp_path / "p")]):
        code = main(["export", "--db", str(fine_qr), "--preset", "print", *target])
        err = capsys.readouterr().err.splitlines()
        assert code == 2, err
        assert any("qr-wechat" in line and "preflight error" in line for line in err), err
        assert err[-1].startswith("banmian: ") and "nothing written" in err[-1]
        assert all("Traceback" not in line for line in err)
    assert list(tmp_path.iterdir()) == []


def test_allow_preflight_errors_exports_with_warnings(
    fine_qr: Path, tmp_path: Path, capsys
) -> None:
    capsys.readouterr()
    out = tmp_path / "print.pdf"
    args = ["export", "--db", str(fine_qr), "--preset", "print", "--out", str(out)]
    assert main([*args, "--allow-preflight-errors"]) == 0
    err = capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")
    assert "qr-wechat" in err and "exporting despite 1 preflight errors" in err


def test_the_screen_preset_and_a_clean_issue_are_not_stopped(
    fine_qr: Path, tmp_path: Path, capsys
) -> None:
    # A proof for the screen is not for the press: the gate is for print.
    assert main(["export", "--db", str(fine_qr), "--out", str(tmp_path / "screen.pdf")]) == 0
    # The sample as shipped has no preflight errors: it goes to print.
    clean = tmp_path / "clean.banmian"
    assert main(["sample", "--db", str(clean)]) == 0
    capsys.readouterr()
    out = tmp_path / "print.pdf"
    assert main(["export", "--db", str(clean), "--preset", "print", "--out", str(out)]) == 0
    assert out.exists() and "error" not in capsys.readouterr().err


def _song_face(folder: Path, fs_type: int) -> Path:
    """The shipped test font as the newsroom's 宋 face (named as the registry's first choice),
    its OS/2 fsType (embedding licence) set to `fs_type`."""
    from fontTools.ttLib import TTFont

    font = TTFont(Path(__file__).resolve().parents[1] / "fonts" / "BanmianTestSerifSC-Regular.ttf")
    font["OS/2"].fsType = fs_type
    for rec in list(font["name"].names):
        if rec.nameID in (1, 4, 6, 16):
            font["name"].setName(
                "FZShuSong-Z01S", rec.nameID, rec.platformID, rec.platEncID, rec.langID
            )
    folder.mkdir()
    path = folder / f"song-{fs_type:04x}.ttf"
    font.save(path)
    return path


@pytest.mark.parametrize(("fs_type", "refused"), [(0x0002, True), (0x0008, False)])
def test_a_face_whose_licence_forbids_embedding_is_refused_for_print(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, fs_type: int, refused: bool
) -> None:
    """ReportLab would embed a restricted face without a word: the gate names it instead."""
    monkeypatch.setenv("BANMIAN_FONT_DIRS", str(_song_face(tmp_path / "fonts", fs_type).parent))
    db = tmp_path / "paper.banmian"
    assert main(["sample", "--db", str(db)]) == 0
    capsys.readouterr()
    out = tmp_path / "print.pdf"
    code = main(["export", "--db", str(db), "--preset", "print", "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    named = [line for line in err if "font_licence_restricted" in line]
    assert bool(named) == refused, err
    if refused:
        assert code == 2 and not out.exists()
        assert "preflight error" in named[0] and f"song-{fs_type:04x}.ttf" in named[0]
