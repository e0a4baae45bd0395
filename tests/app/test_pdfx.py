"""PDF/X-1a:2001 output, checked with tools that did not write it: pikepdf, pdffonts, pypdfium2 + zxing-cpp, Ghostscript."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from app.export.issue import export_issue, slug_line
from app.export.pdfx import PdfxError, make_pdfx, pdf_date, pdfx_problems
from app.model import Issue, Page, Publication
from app.model.document import IssueDoc
from layouts.color import BLACK, RED
from layouts.display import Box, ComposedPage, FontSource, GlyphRun, ImageItem, QRItem, Rule
from layouts.units import mm

FONTS_DIR = Path(__file__).resolve().parents[1] / "fonts"
SONG = FontSource("song", str(FONTS_DIR / "BanmianTestSerifSC-Regular.ttf"), 0, "Test Serif SC")
# CFF outlines, as Noto CJK is installed: the PDF/X file embeds their TrueType conversion.
HEI = FontSource("hei", str(FONTS_DIR / "BanmianTestSerifSC-CFF.otf"), 0, "Test Serif SC CFF")
FONTS = (SONG, HEI)
QR_PAYLOAD = "http://www.sjs.gov.cn"
TRIM_W, TRIM_H = mm(275), mm(390)


def run(owner: str, font: str, size: float, y: float, text: str, color=BLACK) -> GlyphRun:
    return GlyphRun(
        owner, font, size, y, text, tuple(60.0 + size * i for i in range(len(text))), color
    )


def png(mode: str, size: tuple[int, int], color: object) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, format="PNG")  # type: ignore[arg-type]
    return buf.getvalue()


ASSETS = {"photo": png("RGB", (60, 40), (30, 90, 200))}


def issue_doc() -> IssueDoc:
    pub = Publication("石景山报", sponsor="中共石景山区委宣传部主办", permit="京内资准字2003-L0007")
    issue = Issue(date(2019, 4, 25), 30, 1809, page_count=2, colour_pages=frozenset({1}))
    pages = [Page(1, "要闻", "front", id=1), Page(2, "综合新闻", id=2)]
    return IssueDoc(pub, issue, pages, {}, {1: [], 2: []})


def composed() -> list[ComposedPage]:
    front = (
        run("head", "hei", 42, 120, "石景山报", RED),
        run("body", "song", 9, 160, "本报讯（记者徐巍）区政府召开市民热线工作交流推进会。"),
        Box("box", 400, 200, 200, 80, stroke=None, fill=RED),
        QRItem("qr", QR_PAYLOAD, 60, 200, mm(30)),
        ImageItem("pic", "photo", 400, 400, 180, 120),
    )
    inside = (
        run("body2", "song", 9, 100, "为居民铺平回家路，苹果园街道老旧小区改造。"),
        Rule("rule", 60, 110, 700, 110, 0.75),
        ImageItem("pic2", "photo", 60, 200, 180, 120),
    )
    return [
        ComposedPage(1, TRIM_W, TRIM_H, front, fonts=FONTS, black_only=False),
        ComposedPage(2, TRIM_W, TRIM_H, inside, fonts=FONTS, black_only=True),
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("pdfx")
    return export_issue(
        issue_doc(),
        composed(),
        folder / "issue.pdf",
        preset="print",
        per_page_dir=folder / "pages",
        image_loader=ASSETS.__getitem__,
    )


@pytest.fixture(scope="module")
def issue_pdf(exported: list[Path]) -> Path:
    return exported[0]


def test_files_written_issue_first_then_pages_by_predictable_names(exported: list[Path]) -> None:
    assert exported[0].name == "issue.pdf"
    assert [p.name for p in exported[1:]] == [
        "石景山报-20190425-01.pdf",
        "石景山报-20190425-02.pdf",
    ]
    assert all(p.exists() for p in exported)
    assert not list(exported[1].parent.glob("*.part"))  # no leftovers of the atomic write
    for path in exported[1:]:
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 1 and pdfx_problems(pdf) == []


def test_ascii_names(tmp_path: Path) -> None:
    written = export_issue(
        issue_doc(),
        composed(),
        None,
        per_page_dir=tmp_path,
        ascii_names=True,
        image_loader=ASSETS.__getitem__,
    )
    assert [p.name for p in written] == [
        "banmian-1809-20190425-01.pdf",
        "banmian-1809-20190425-02.pdf",
    ]


def test_header_and_xref_are_pdf_1_3(issue_pdf: Path) -> None:
    data = issue_pdf.read_bytes()
    assert data.startswith(b"%PDF-1.3\n")
    assert b"/ObjStm" not in data and b"/XRef" not in data  # PDF 1.5 structures
    assert b"\nxref\n" in data
    with pikepdf.open(issue_pdf) as pdf:
        assert pdf.pdf_version == "1.3"
        assert pdf.check_pdf_syntax() == []  # qpdf: xref, streams, page tree


def test_info_names_the_standard_and_trapping(issue_pdf: Path) -> None:
    with pikepdf.open(issue_pdf) as pdf:
        info = pdf.docinfo
        assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1:2001"
        assert str(info["/GTS_PDFXConformance"]) == "PDF/X-1a:2001"
        assert info["/Trapped"] == pikepdf.Name("/False")
        assert str(info["/Title"]) == "石景山报 第30期（总第1809期）"
        assert str(info["/CreationDate"]).startswith("D:20190425")
        assert str(info["/ModDate"]) == str(info["/CreationDate"])
        ids = pdf.trailer.ID
        assert len(ids) == 2 and len(bytes(ids[0])) == 16


def test_output_intent_is_ifra26_without_a_profile(issue_pdf: Path) -> None:
    with pikepdf.open(issue_pdf) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert pikepdf.Name("/GTS_PDFX") == intent.S
        assert str(intent.OutputConditionIdentifier) == "IFRA26"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert "/DestOutputProfile" not in intent
    assert b"/ICCBased" not in issue_pdf.read_bytes()


def test_no_transparency_anywhere(issue_pdf: Path) -> None:
    with pikepdf.open(issue_pdf) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            d = obj if isinstance(obj, pikepdf.Dictionary) else obj.stream_dict
            assert d.get("/SMask", pikepdf.Name("/None")) == pikepdf.Name("/None")
            assert "/SMaskInData" not in d
            for key in ("/CA", "/ca"):
                assert float(d.get(key, 1)) == 1
            assert d.get("/BM", pikepdf.Name("/Normal")) == pikepdf.Name("/Normal")
            group = d.get("/Group")
            assert group is None or group.get("/S") != pikepdf.Name("/Transparency")


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_sees_every_font_embedded_and_subset(issue_pdf: Path) -> None:
    out = subprocess.run(
        ["pdffonts", str(issue_pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert len(rows) >= 2
    for row in rows:
        name = row.split()[0]
        emb, sub = re.findall(r"\b(yes|no)\b", row)[:2]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", name)
        assert not name.split("+")[-1].startswith(("Helvetica", "Times", "Courier"))


def test_content_has_no_rgb_and_images_are_cmyk(issue_pdf: Path) -> None:
    with pikepdf.open(issue_pdf) as pdf:
        for page in pdf.pages:
            ops = {str(op) for _, op in pikepdf.parse_content_stream(page)}
            assert not ops & {"rg", "RG", "sc", "SC", "scn", "SCN", "cs", "CS"}
            assert {"k", "K"} <= ops
            for xobj in page.Resources.get("/XObject", {}).values():
                assert xobj.ColorSpace == pikepdf.Name("/DeviceCMYK")


def test_qr_decodes_from_the_final_file(issue_pdf: Path) -> None:
    doc = pdfium.PdfDocument(str(issue_pdf))
    image = doc[0].render(scale=4, fill_color=(255, 255, 255, 255)).to_pil()
    doc.close()
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [QR_PAYLOAD]


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript not installed")
def test_inkcov_black_only_page_has_no_cmy(issue_pdf: Path) -> None:
    out = subprocess.run(
        ["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(issue_pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [[float(v) for v in line.split()[:4]] for line in out.splitlines() if "CMYK" in line]
    assert len(rows) == 2
    assert min(rows[0][:3]) > 0  # page 1: colour
    assert rows[1][:3] == [0, 0, 0] and rows[1][3] > 0  # page 2: the colour photo went grey too


def test_slug_line_reads_paper_date_issue_page_colour(issue_pdf: Path) -> None:
    doc = pdfium.PdfDocument(str(issue_pdf))
    text = "".join(doc[1].get_textpage().get_text_range().split())
    doc.close()
    assert "".join(slug_line(issue_doc(), composed()[1]).split()) in text
    for part in ("石景山报", "2019年4月25日", "第30期（总第1809期）", "第2版", "综合新闻", "黑白"):
        assert part in text


def test_same_input_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        export_issue(issue_doc(), composed(), out, preset="print", image_loader=ASSETS.__getitem__)
    assert a.read_bytes() == b.read_bytes()


def test_problems_are_found_in_a_file_that_is_not_pdfx(tmp_path: Path) -> None:
    """The guard make_pdfx runs: RGB, transparency, an unembedded font, no TrimBox."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(200, 200))
    page.obj.Contents = pdf.make_stream(b"/G0 gs 1 0 0 rg 0 0 10 10 re f BT /F0 9 Tf (x) Tj ET")
    page.obj.Resources = pikepdf.Dictionary(
        ExtGState=pikepdf.Dictionary(G0=pikepdf.Dictionary(ca=0.5)),
        Font=pikepdf.Dictionary(
            F0=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        ),
    )
    problems = " | ".join(pdfx_problems(pdf))
    for expected in ("RGB colour operator rg", "/ca 0.5", "Helvetica not embedded", "no TrimBox"):
        assert expected in problems
    assert "OutputIntent" in problems and "/Title" in problems
    source = tmp_path / "bad.pdf"
    pdf.save(source)
    with pytest.raises(PdfxError, match="RGB"):
        make_pdfx(source, tmp_path / "out.pdf", title="x")
    assert not (tmp_path / "out.pdf").exists()


def test_title_is_required(tmp_path: Path) -> None:
    src = tmp_path / "src.pdf"
    pikepdf.new().save(src)
    with pytest.raises(ValueError, match="title"):
        make_pdfx(src, tmp_path / "out.pdf", title=" ")


def test_pdf_dates() -> None:
    from datetime import datetime, timedelta, timezone

    assert pdf_date(date(2019, 4, 25)) == "D:20190425000000+08'00'"
    tz = timezone(timedelta(hours=-5, minutes=-30))
    assert pdf_date(datetime(2020, 1, 2, 3, 4, 5, tzinfo=tz)) == "D:20200102030405-05'30'"


def test_uncompressed_render_gives_the_same_pdfx_bytes(tmp_path: Path) -> None:
    """export_issue renders without compression because make_pdfx compresses every stream:
    the final file is byte for byte what a compressed render would give."""
    from app.export.pdf import export_pdf

    pages = composed()
    out = []
    for compress in (True, False):
        buf = io.BytesIO()
        export_pdf(pages, buf, title="t", image_loader=ASSETS.__getitem__, compress=compress)
        buf.seek(0)
        target = tmp_path / f"{compress}.pdf"
        make_pdfx(buf, target, title="t", when=date(2019, 4, 25))
        out.append(target.read_bytes())
    assert out[0] == out[1]
    with pikepdf.open(tmp_path / "False.pdf") as pdf:
        assert all(
            s.get("/Filter") is not None for s in pdf.objects if isinstance(s, pikepdf.Stream)
        )


def _page_with(pdf: pikepdf.Pdf, *contents: bytes, compress: bool = False) -> pikepdf.Page:
    page = pdf.add_blank_page(page_size=(200, 200))
    page.obj.TrimBox = pikepdf.Array([0, 0, 200, 200])
    streams = []
    for data in contents:
        stream = pdf.make_stream(data)
        if compress:
            stream.write(__import__("zlib").compress(data), filter=pikepdf.Name.FlateDecode)
        streams.append(stream)
    page.obj.Contents = streams[0] if len(streams) == 1 else pikepdf.Array(streams)
    return page


@pytest.mark.parametrize("compress", [False, True])
def test_colour_operators_found_in_every_content_layout(compress: bool) -> None:
    pdf = pikepdf.new()
    _page_with(pdf, b"0 0 0 1 k 0 0 10 10 re f", compress=compress)
    _page_with(pdf, b"0 0 0 1 k", b"0 0 1 RG 0 0 m 5 5 l S", compress=compress)
    _page_with(pdf, b"/DeviceRGB cs 0 0 10 10 re f", compress=compress)
    _page_with(pdf, b"BT /F0 9 Tf (rg RG cs CS) Tj ET", compress=compress)  # in a string only
    found = [p for p in pdfx_problems(pdf) if p.startswith("page ") and "colour" in p]
    assert found == [
        "page 2: RGB colour operator RG",
        "page 3: colour space /DeviceRGB set in the content",
    ]
