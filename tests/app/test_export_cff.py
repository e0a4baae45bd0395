"""Exporting CFF faces (Noto CJK as Debian installs it): converted on demand for the characters drawn, embedded as TrueType, cached by character set, the wait cancellable."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from app.export import export_pdf
from app.export.embed import ConversionCancelled, embeddable
from app.export.progress import ExportCancelled, export_with_progress
from app.model.document import IssueDoc
from app.sample.issue import SAMPLE_ISSUE, build_sample
from app.store import Library
from layouts.display import ComposedPage, FontSource, GlyphRun
from layouts.fonts import embed
from layouts.fonts.metrics import Face

FONTS = Path(__file__).resolve().parents[1] / "fonts"
CFF = FontSource("song", str(FONTS / "BanmianTestSerifSC-CFF.otf"), 0, "Banmian Test Serif SC CFF")


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty font cache, as on a new machine, and no memory of earlier conversions."""
    monkeypatch.setenv("BANMIAN_CACHE_DIR", str(tmp_path / "cache"))
    embed._SERVED.clear()
    return tmp_path / "cache" / "fonts"


def text_page(number: int, text: str) -> ComposedPage:
    face = Face("song", CFF.path)
    xs, x = [], 40.0
    for ch in text:
        xs.append(x)
        x += face.advance(ch) * 12
    run = GlyphRun("body", "song", 12.0, 100.0, text, tuple(xs))
    return ComposedPage(number, 595.0, 842.0, (run,), fonts=(CFF,))


def pdf_text(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(path)
    return [doc[i].get_textpage().get_text_range().strip() for i in range(len(doc))]


def embedded_font_programs(path: Path) -> set[str]:
    """FontFile (Type 1), FontFile2 (TrueType) or FontFile3 (CFF) of every embedded font."""
    kinds = set()
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                kinds |= {k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in obj}
    return kinds


def test_a_cff_face_is_converted_on_export_and_embedded_as_truetype(
    tmp_path: Path, cache: Path
) -> None:
    out = tmp_path / "a.pdf"
    export_pdf([text_page(1, "本报讯（记者）近日，ABC 123。")], str(out))
    assert pdf_text(out) == ["本报讯（记者）近日，ABC 123。"]
    assert embedded_font_programs(out) == {"/FontFile2"}
    assert len(list(cache.glob("*.ttf"))) == 1  # one conversion, in the font cache


def test_the_cache_follows_the_characters_a_later_issue_needs(tmp_path: Path) -> None:
    first, later = tmp_path / "first.pdf", tmp_path / "later.pdf"
    export_pdf([text_page(1, "本报讯记者")], str(first))
    embed._SERVED.clear()  # the next issue, another day, another process
    export_pdf([text_page(1, "国堃喆镕"), text_page(2, "本报讯记者")], str(later))
    assert pdf_text(later) == ["国堃喆镕", "本报讯记者"]  # nothing lost to a stale subset


def test_waiting_for_fonts_is_heard_and_can_be_cancelled(cache: Path) -> None:
    pages = [text_page(1, "石景山报本报讯记者近日区交通支队联合政府在鲁谷街道开展")]
    heard: list[tuple[int, int]] = []
    with pytest.raises(ConversionCancelled):
        embeddable(pages, lambda done, total: heard.append((done, total)) or False)
    assert heard and heard[0][1] == 1
    assert not list(cache.glob("*.ttf")) and not list(cache.glob("*.tmp"))
    ready = embeddable(pages, lambda done, total: heard.append((done, total)))
    assert heard[-1] == (1, 1) and ready[0].font("song").path.startswith(str(cache))


def test_export_dialog_progress_covers_the_conversion(tmp_path: Path) -> None:
    with Library.create(tmp_path / "lib.banmian") as lib:
        build_sample(lib)
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
    pages = [text_page(1, "本报讯记者近日"), text_page(2, "区交通支队联合")]
    stopped = tmp_path / "stopped.pdf"
    with pytest.raises(ExportCancelled):  # cancelled while the fonts convert: no file
        export_with_progress(doc, pages, stopped, progress=lambda done, total: False)
    assert not stopped.exists() and not list(tmp_path.glob("stopped*"))
    steps: list[tuple[int, int]] = []
    out = tmp_path / "issue.pdf"
    export_with_progress(doc, pages, out, progress=lambda d, t: steps.append((d, t)))
    assert steps[0] == (0, 3) and steps[-1] == (3, 3)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    assert pdf_text(out) == ["本报讯记者近日", "区交通支队联合"]
