"""export_pdf reports each page as it is drawn, and a callback that raises stops it with no file written."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.export import export_pdf
from layouts.display import Box, ComposedPage, FontSource, GlyphRun, Rule

ROOT = Path(__file__).resolve().parents[2]
TEST_FONT = FontSource("song", str(ROOT / "tests" / "fonts" / "BanmianTestSerifSC-Regular.ttf"))


def pages(n: int) -> list[ComposedPage]:
    return [
        ComposedPage(
            number,
            300.0,
            400.0,
            items=(
                GlyphRun("frame-1", "song", 12.0, 50.0, "版面", (20.0, 32.0)),
                Rule("frame-1", 20.0, 60.0, 200.0, 60.0),
                Box("frame-2", 20.0, 80.0, 100.0, 50.0),
            ),
            fonts=(TEST_FONT,),
        )
        for number in range(1, n + 1)
    ]


def test_every_page_drawn_is_reported_in_order(tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    out = tmp_path / "three.pdf"
    export_pdf(pages(3), out, on_page=lambda drawn, total: heard.append((drawn, total)))
    assert heard == [(1, 3), (2, 3), (3, 3)]
    assert len(pdfium.PdfDocument(out)) == 3


class Stop(Exception):
    pass


def test_a_callback_that_raises_stops_the_export_and_writes_nothing(tmp_path: Path) -> None:
    heard: list[int] = []

    def stop_at_two(drawn: int, total: int) -> None:
        heard.append(drawn)
        if drawn == 2:
            raise Stop

    out = tmp_path / "stopped.pdf"
    with pytest.raises(Stop):
        export_pdf(pages(4), out, on_page=stop_at_two)
    assert heard == [1, 2] and not out.exists()
