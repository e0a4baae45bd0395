"""QR symbols: one rectangle per run of dark modules inside the quiet zone; segno's rows cached on disk, read back without segno, remade when damaged or stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import segno

from layouts import qr as qrcache
from layouts.display import QRItem
from layouts.qr import QUIET_ZONE, qr_modules, qr_rows

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
        "from layouts.qr import qr_rows\n"
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


@pytest.mark.parametrize(("payload", "error"), CODES)
def test_modules_are_the_dark_runs_inside_the_quiet_zone(
    tmp_path: Path, payload: str, error: str
) -> None:
    """Each rectangle is one whole run of dark modules (never two touching in a row), and
    together they cover exactly segno's dark modules, placed after 4 modules of quiet zone."""
    item = QRItem("frame-7", payload, 30.0, 50.0, 90.0, error)
    found = qr_modules(item, tmp_path)
    rows = _segno(payload, error)
    n = len(rows)
    assert found.modules == n
    assert found.module == pytest.approx(90.0 / (n + 2 * QUIET_ZONE))
    m, left, top = found.module, 30.0 + QUIET_ZONE * found.module, 50.0 + QUIET_ZONE * found.module
    painted = [bytearray(n) for _ in range(n)]
    runs_per_row: dict[int, list[tuple[int, int]]] = {}
    for x, y, w, h in found.rects:
        r, c, k = round((y - top) / m), round((x - left) / m), round(w / m)
        assert (y, h) == pytest.approx((top + r * m, m)) and x == pytest.approx(left + c * m)
        assert k >= 1 and all(not painted[r][c + i] for i in range(k))  # no overlaps
        painted[r][c : c + k] = b"\1" * k
        runs_per_row.setdefault(r, []).append((c, c + k))
    assert [bytes(row) for row in painted] == rows
    for runs in runs_per_row.values():
        ends = {end for _, end in runs}
        assert not any(start in ends for start, _ in runs)  # a run is never split in two
    margin = QUIET_ZONE * m - 1e-9
    assert all(x >= 30 + margin and y >= 50 + margin for x, y, _, _ in found.rects)
    assert all(x + w <= 120 - margin and y + h <= 140 - margin for x, y, w, h in found.rects)


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    item = QRItem("q", "http://www.sjs.gov.cn", 0.0, 0.0, 40.0)
    assert qr_modules(item) == qr_modules(item, tmp_path / "cache")
    assert list(tmp_path.rglob("*.qr")) == list((tmp_path / "cache").glob("*.qr"))
