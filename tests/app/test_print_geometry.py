"""Print geometry: boxes, bleed, crop marks and slug line, read back with pikepdf, pypdfium2 and Ghostscript."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from app.export import PRINT, SCREEN, export_pdf, get_preset
from app.export.names import page_file_name, safe_name
from app.export.presets import MARK_LENGTH, MARK_OFFSET, ExportPreset
from layouts.color import BLACK, RED
from layouts.display import Box, ComposedPage, FontSource, GlyphRun, Rule
from layouts.units import mm, to_mm

TEST_FONT = Path(__file__).resolve().parents[1] / "fonts" / "BanmianTestSerifSC-Regular.ttf"
SONG = FontSource("song", str(TEST_FONT), 0, "Banmian Test Serif SC")
TRIM_W, TRIM_H = mm(275), mm(390)  # 四开 tabloid


def page(number: int, *, black_only: bool, items: tuple = ()) -> ComposedPage:
    text = "版面测试"
    run = GlyphRun("body", "song", 12, 100, text, tuple(50.0 + 12 * i for i in range(len(text))))
    return ComposedPage(number, TRIM_W, TRIM_H, (run, *items), fonts=(SONG,), black_only=black_only)


def boxes(pdf: pikepdf.Pdf, index: int) -> dict[str, list[float]]:
    obj = pdf.pages[index].obj
    return {k: [float(v) for v in obj[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox")}


def mm_box(box: list[float]) -> list[float]:
    return [to_mm(v) for v in box]


@pytest.fixture(scope="module")
def print_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("geom") / "print.pdf"
    colour = page(1, black_only=False, items=(Box("red", 300, 300, 100, 100, None, RED),))
    mono = page(2, black_only=True, items=(Rule("r", 50, 120, 500, 120, 1.0),))
    export_pdf([colour, mono], out, title="t", preset=PRINT)
    return out


def test_print_boxes_are_trim_plus_3mm_bleed_within_a_tenth_of_a_mm(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        for i in range(len(pdf.pages)):
            b = {k: mm_box(v) for k, v in boxes(pdf, i).items()}
            x0, y0, x1, y1 = b["/TrimBox"]
            assert x1 - x0 == pytest.approx(275, abs=0.1)
            assert y1 - y0 == pytest.approx(390, abs=0.1)
            bx0, by0, bx1, by1 = b["/BleedBox"]
            for trim_edge, bleed_edge, sign in (
                (x0, bx0, -1),
                (y0, by0, -1),
                (x1, bx1, 1),
                (y1, by1, 1),
            ):
                assert (bleed_edge - trim_edge) * sign == pytest.approx(3, abs=0.1)
            mx0, my0, mx1, my1 = b["/MediaBox"]
            assert (mx0, my0) == (0, 0)
            # the sheet holds bleed and slug on every side, the page centred in it
            assert mx1 - x1 == pytest.approx(x0, abs=0.1) and my1 - y1 == pytest.approx(y0, abs=0.1)
            assert bx0 > 0 and by0 > 0 and bx1 < mx1 and by1 < my1


def test_screen_preset_is_trim_size_with_all_boxes_set(tmp_path: Path) -> None:
    out = tmp_path / "screen.pdf"
    export_pdf([page(1, black_only=False)], out, preset=SCREEN)
    with pikepdf.open(out) as pdf:
        b = boxes(pdf, 0)
    expected = [0, 0, to_mm(TRIM_W), to_mm(TRIM_H)]
    for box in b.values():
        assert mm_box(box) == pytest.approx(expected, abs=0.1)


def stroked_segments(pdf: pikepdf.Pdf, index: int) -> list[tuple[tuple, tuple, tuple]]:
    """(stroke colour, start, end) of every m…l…S segment after the page's last Q (the marks)."""
    ops = [(list(o), str(op)) for o, op in pikepdf.parse_content_stream(pdf.pages[index])]
    last_q = max(i for i, (_, op) in enumerate(ops) if op == "Q")
    colour: tuple = ()
    start: tuple = ()
    out = []
    for operands, op in ops[last_q:]:
        if op == "K":
            colour = tuple(float(v) for v in operands)
        elif op == "m":
            start = tuple(float(v) for v in operands)
        elif op == "l":
            out.append((colour, start, tuple(float(v) for v in operands)))
    return out


def test_crop_marks_sit_on_the_trim_lines_outside_the_bleed(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        marks = stroked_segments(pdf, 0)
        tx0, ty0, tx1, ty1 = boxes(pdf, 0)["/TrimBox"]
        bx0, by0, bx1, by1 = boxes(pdf, 0)["/BleedBox"]
    assert len(marks) == 8  # two per corner
    for _, (x0, y0), (x1, y1) in marks:
        horizontal = y0 == y1
        if horizontal:
            assert any(abs(y0 - t) < 1e-3 for t in (ty0, ty1))  # on a trim edge's line
            assert max(x0, x1) <= bx0 + 1e-3 or min(x0, x1) >= bx1 - 1e-3  # outside the bleed
        else:
            assert x0 == x1 and any(abs(x0 - t) < 1e-3 for t in (tx0, tx1))
            assert max(y0, y1) <= by0 + 1e-3 or min(y0, y1) >= by1 - 1e-3
        length = abs(x1 - x0) + abs(y1 - y0)
        assert to_mm(length) == pytest.approx(to_mm(MARK_LENGTH), abs=0.1)
        gap = min(abs(x0 - bx0), abs(x0 - bx1)) if horizontal else min(abs(y0 - by0), abs(y0 - by1))
        assert to_mm(gap) == pytest.approx(to_mm(MARK_OFFSET), abs=0.1)


def test_marks_in_registration_colour_and_k_only_on_black_pages(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        assert {c for c, _, _ in stroked_segments(pdf, 0)} == {(1.0, 1.0, 1.0, 1.0)}
        assert {c for c, _, _ in stroked_segments(pdf, 1)} == {(0.0, 0.0, 0.0, 1.0)}


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript not installed")
def test_inkcov_black_only_page_separates_to_k_alone(print_pdf: Path) -> None:
    out = subprocess.run(
        ["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(print_pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [[float(v) for v in line.split()[:4]] for line in out.splitlines() if "CMYK" in line]
    assert len(rows) == 2
    (c1, m1, y1, k1), (c2, m2, y2, k2) = rows
    assert c1 > 0 and m1 > 0 and y1 > 0 and k1 > 0  # colour page: red box, registration marks
    assert c2 == m2 == y2 == 0 and k2 > 0  # black-only page, marks included


def text_with_boxes(path: Path, index: int) -> list[tuple[str, float]]:
    """(character, top of its box in PDF points) for every character of a page."""
    doc = pdfium.PdfDocument(str(path))
    try:
        tp = doc[index].get_textpage()
        return [
            (tp.get_text_range(i, 1), tp.get_charbox(i)[3])
            for i in range(tp.count_chars())
            if tp.get_text_range(i, 1).strip()
        ]
    finally:
        doc.close()


def test_slug_line_names_page_and_colour_below_the_bleed(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        bleed_bottom = boxes(pdf, 1)["/BleedBox"][1]
    chars = text_with_boxes(print_pdf, 1)
    slug = "".join(ch for ch, top in chars if top < bleed_bottom)
    assert slug == "第2版黑白K"
    colour_slug = "".join(ch for ch, top in text_with_boxes(print_pdf, 0) if top < bleed_bottom)
    assert "彩色" in colour_slug and "第1版" in colour_slug


def test_custom_slug_text_is_used(tmp_path: Path) -> None:
    out = tmp_path / "slug.pdf"
    export_pdf(
        [page(3, black_only=True)],
        out,
        preset=PRINT,
        slug_text=lambda p: f"石景山报 2019年4月25日 第{p.number}版",
    )
    assert "".join(ch for ch, _ in text_with_boxes(out, 0)).endswith("石景山报2019年4月25日第3版")


def test_artwork_runs_into_the_bleed_but_not_into_the_slug(tmp_path: Path) -> None:
    """A black box hanging 20 mm off the top-left corner: inked to the bleed edge, no further."""
    hang = mm(20)
    box = Box("bleed", -hang, -hang, hang + 100, hang + 100, None, BLACK)
    out = tmp_path / "bleed.pdf"
    export_pdf([page(1, black_only=True, items=(box,))], out, preset=PRINT)
    scale = 4.0
    doc = pdfium.PdfDocument(str(out))
    image = doc[0].render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("L")
    doc.close()
    offset = PRINT.bleed + PRINT.slug  # the trim's top-left corner on the sheet (y down)

    def ink(x_mm_from_trim: float) -> int:
        """Ink at a point on the diagonal through the trim corner, in mm (negative = outside)."""
        p = (offset + mm(x_mm_from_trim)) * scale
        return 255 - image.getpixel((round(p), round(p)))

    assert ink(5) > 200  # inside the trim
    assert ink(-1.5) > 200  # in the bleed
    assert ink(-3.5) < 5  # past the bleed edge: clipped
    assert ink(-8) < 5


def test_presets_by_name() -> None:
    assert get_preset("print") is PRINT and get_preset("screen") is SCREEN
    assert to_mm(PRINT.bleed) == pytest.approx(3)
    with pytest.raises(ValueError, match="screen"):
        get_preset("web")
    with pytest.raises(ValueError, match="slug"):
        ExportPreset("tight", bleed=mm(3), slug=mm(2), marks=True)


def test_page_file_names() -> None:
    day = date(2019, 4, 25)
    assert page_file_name("石景山报", day, 1, page_count=8) == "石景山报-20190425-01.pdf"
    assert page_file_name("石景山报", day, 12, page_count=16) == "石景山报-20190425-12.pdf"
    assert page_file_name("石景山报", day, 7, page_count=120) == "石景山报-20190425-007.pdf"
    ascii_name = page_file_name("石景山报", day, 3, cumulative=1809, ascii_names=True)
    assert ascii_name == "banmian-1809-20190425-03.pdf" and ascii_name.isascii()
    assert safe_name("A/B:C*报 纸?") == "ABC报纸"
    assert safe_name("///") == "banmian"
    with pytest.raises(ValueError):
        page_file_name("石景山报", day, 0)
