"""QR module rows cached on disk: segno's own matrix, read back without segno, remade when damaged or stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import segno

from app.export import qrcache
from app.export.qrcache import qr_rows

ROOT = Path(__file__).resolve().parents[2]
CODES = [
    ("http://www.sjs.gov.cn", "M"),
    ("https://example.com/第1版?a=1&b=(2)", "Q"),
    ("石景山报 数字版", "H"),
    ("x" * 300, "L"),  # a large symbol
]


def _segno(payload: str, error: str) -> list[bytes]:
    qr = segno.make(payload, error=error.lower(), micro=False, boost_error=False)
    return [bytes(row) for row in qr.matrix]


@pytest.mark.parametrize(("payload", "error"), CODES)
def test_rows_are_segnos_first_and_second_time(tmp_path: Path, payload: str, error: str) -> None:
    want = _segno(payload, error)
    assert qr_rows(payload, error, tmp_path) == want  # made
    assert len(list(tmp_path.glob("*.qr"))) == 1
    assert qr_rows(payload, error, tmp_path) == want  # read back


def test_cache_hit_needs_no_segno(tmp_path: Path) -> None:
    qr_rows("http://www.sjs.gov.cn", "M", tmp_path)
    code = (
        "import sys\n"
        "from app.export.qrcache import qr_rows\n"
        f"rows = qr_rows('http://www.sjs.gov.cn', 'M', {str(tmp_path)!r})\n"
        "print(len(rows), 'segno' in sys.modules, 'ssl' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    size = len(_segno("http://www.sjs.gov.cn", "M"))
    assert done.stdout.split() == [str(size), "False", "False"]


def test_each_payload_and_level_has_its_own_entry(tmp_path: Path) -> None:
    a = qr_rows("http://www.sjs.gov.cn", "M", tmp_path)
    b = qr_rows("http://www.sjs.gov.cn", "H", tmp_path)
    c = qr_rows("http://www.sjs.gov.cn/", "M", tmp_path)
    assert len({tuple(a), tuple(b), tuple(c)}) == 3
    assert len(list(tmp_path.glob("*.qr"))) == 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: text.replace("\n00", "\n02", 1),  # a module neither dark nor light
        lambda text: "",  # empty
        lambda text: "0" * 64 + "\n" + text.split("\n", 1)[1],  # another code's key
        lambda text: text + "zz\n",  # not hex
    ],
    ids=["truncated", "bad-module", "empty", "wrong-key", "not-hex"],
)
def test_damaged_entry_is_made_again(tmp_path: Path, damage) -> None:
    want = _segno("https://example.com/第1版", "Q")
    qr_rows("https://example.com/第1版", "Q", tmp_path)
    (entry,) = tmp_path.glob("*.qr")
    entry.write_text(damage(entry.read_text(encoding="ascii")), encoding="ascii")
    assert qr_rows("https://example.com/第1版", "Q", tmp_path) == want
    assert qr_rows("https://example.com/第1版", "Q", tmp_path) == want
    assert entry.read_text(encoding="ascii").count("\n") == len(want) + 1  # rewritten whole


def test_another_segno_gets_another_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    qr_rows("http://www.sjs.gov.cn", "M", tmp_path)
    monkeypatch.setattr(qrcache, "_segno_stamp", lambda: "segno 99 (a different encoder)")
    made = []
    real = qrcache._encode
    monkeypatch.setattr(qrcache, "_encode", lambda p, e: made.append(p) or real(p, e))
    assert qr_rows("http://www.sjs.gov.cn", "M", tmp_path) == _segno("http://www.sjs.gov.cn", "M")
    assert made == ["http://www.sjs.gov.cn"]  # not served from the old segno's entry
    assert len(list(tmp_path.glob("*.qr"))) == 2


def test_unwritable_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    assert qr_rows("http://www.sjs.gov.cn", "M", blocked) == _segno("http://www.sjs.gov.cn", "M")


def test_too_long_a_payload_is_segnos_error(tmp_path: Path) -> None:
    with pytest.raises(segno.DataOverflowError):
        qr_rows("x" * 8000, "H", tmp_path)
    assert not list(tmp_path.glob("*.qr"))
