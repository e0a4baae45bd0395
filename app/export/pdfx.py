"""PDF/X-1a:2001 post-processing with pikepdf: takes a CMYK PDF from the renderer, gives a print-ready file.

ISO 15930-1:2001 (PDF/X-1a:2001) asks for PDF 1.3, every font embedded, CMYK or grey only, no
transparency, TrimBox on every page, Title, dates and Trapped in the Info dictionary, a file
ID, and an OutputIntent. For newsprint the registered characterization IFRA26 is named by
identifier and registry, so no ICC profile is embedded (NEWSPAPER.md).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from app.export.files import write_file

# ISO 15930-1:2001 names the standard in the version key and the level in the conformance
# key: X-1a:2001 files carry "PDF/X-1:2001" + "PDF/X-1a:2001" (only the 2003 edition writes
# "PDF/X-1a:2003" into GTS_PDFXVersion), which is what preflight tools check for.
PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"
PDF_VERSION = "1.3"

Source = str | os.PathLike[str] | BinaryIO
Target = str | os.PathLike[str] | BinaryIO


@dataclass(frozen=True, slots=True)
class OutputCondition:
    """A printing condition registered with the ICC, named in the file instead of a profile."""

    identifier: str
    registry: str
    condition: str
    info: str


IFRA26 = OutputCondition(
    identifier="IFRA26",
    registry="http://www.color.org",
    condition="Coldset offset on newsprint",
    info="ISO 12647-3:2013, coldset offset printing on standard newsprint, 45 g/m2 (IFRA26)",
)


class PdfxError(ValueError):
    """The renderer's file cannot be made PDF/X-1a (a bug in the renderer, not the user's)."""


def pdf_date(when: date | datetime) -> str:
    """A PDF date string (PDF 32000-1, 7.9.4); a plain date means midnight Beijing time."""
    if not isinstance(when, datetime):
        return f"D:{when:%Y%m%d}000000+08'00'"
    offset = when.utcoffset()
    if offset is None:
        return f"D:{when:%Y%m%d%H%M%S}"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{when:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def make_pdfx(
    source: Source,
    out: Target,
    *,
    title: str,
    when: date | datetime | None = None,
    condition: OutputCondition = IFRA26,
) -> None:
    """Read the renderer's PDF from `source`, write it to `out` as PDF/X-1a:2001.

    `when` becomes CreationDate and ModDate (kept from the source if None, which in invariant
    mode is a fixed date), so the same input gives the same bytes. Raises PdfxError if the
    source uses something PDF/X-1a forbids. A path `out` is written whole or not at all
    (app.export.files.write_file: OutputFailed on a full disk or read-only folder).
    """
    buf = io.BytesIO()
    with pikepdf.open(source) as pdf:
        apply_pdfx(pdf, title=title, when=when, condition=condition)
        problems = pdfx_problems(pdf)
        if problems:
            raise PdfxError("not PDF/X-1a: " + "; ".join(problems))
        # Into memory, never into a file: qpdf meeting a write error (a full disk) in its
        # output pipeline terminates the whole process (QPDFSystemError, abort, exit 134).
        pdf.save(
            buf,
            force_version=PDF_VERSION,
            # classic xref table: object and xref streams are PDF 1.5
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=True,
            deterministic_id=True,  # the /ID PDF/X requires, from the content: stable bytes
            fix_metadata_version=False,
        )
    if isinstance(out, str | os.PathLike):
        write_file(Path(out), buf.getvalue())  # whole or not at all, errors as one line
    else:
        out.write(buf.getvalue())


def apply_pdfx(
    pdf: Pdf,
    *,
    title: str,
    when: date | datetime | None = None,
    condition: OutputCondition = IFRA26,
) -> None:
    """Set the Info keys and the OutputIntent of PDF/X-1a:2001 on an open document."""
    if not title.strip():
        raise ValueError("PDF/X needs a document title")
    info = pdf.docinfo
    info[Name.Title] = String(title)
    info[Name.GTS_PDFXVersion] = String(PDFX_VERSION)
    info[Name.GTS_PDFXConformance] = String(PDFX_CONFORMANCE)
    # Nobody trapped the pages; the press decides (PDF/X forbids /Unknown).
    info[Name.Trapped] = Name("/False")
    if when is not None:
        info[Name.CreationDate] = String(pdf_date(when))
        info[Name.ModDate] = String(pdf_date(when))
    if Name.Subject in info and str(info[Name.Subject]) == "unspecified":
        del info[Name.Subject]  # ReportLab's placeholder, not a subject
    for key in [k for k, v in info.items() if isinstance(v, String) and not str(v)]:
        del info[key]  # empty Author, Keywords: say nothing rather than ""
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(condition.identifier),
        RegistryName=String(condition.registry),
        OutputCondition=String(condition.condition),
        Info=String(condition.info),
    )
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])


def pdfx_problems(pdf: Pdf) -> list[str]:
    """What keeps an open document from being PDF/X-1a:2001 (empty when it conforms).

    Checks the document structure and resources, and scans content streams for RGB and
    ICC/CIE colour operators only, so it is cheap enough to run on every export.
    """
    problems: list[str] = []
    if pdf.is_encrypted:
        problems.append("encrypted")
    info = pdf.docinfo
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if key not in info or not str(info[key]).strip():
            problems.append(f"Info {key} missing")
    if info.get("/Trapped") not in (Name("/True"), Name("/False")):
        problems.append("Info /Trapped must be /True or /False")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        problems.append("needs exactly one GTS_PDFX OutputIntent")
    elif "/DestOutputProfile" not in intents[0] and "/RegistryName" not in intents[0]:
        problems.append("OutputIntent names no registered condition and embeds no profile")
    for n, page in enumerate(pdf.pages, 1):
        problems.extend(f"page {n}: {p}" for p in _page_problems(page))
    return problems


def _page_problems(page: pikepdf.Page) -> list[str]:
    out: list[str] = []
    obj = page.obj
    media = _box(obj.MediaBox)
    if "/TrimBox" not in obj and "/ArtBox" not in obj:
        out.append("no TrimBox")
    if "/TrimBox" in obj and "/ArtBox" in obj:
        out.append("both TrimBox and ArtBox")
    bleed = _box(obj.BleedBox) if "/BleedBox" in obj else media
    if not _inside(bleed, media):
        out.append("BleedBox outside MediaBox")
    if "/TrimBox" in obj and not _inside(_box(obj.TrimBox), bleed):
        out.append("TrimBox outside BleedBox")
    if _group_is_transparency(obj):
        out.append("transparency group")
    if obj.get("/Annots"):
        out.append("annotations")
    out.extend(_resource_problems(obj.get("/Resources", Dictionary()), set()))
    if _may_set_colour_space(obj):
        for operands, op in pikepdf.parse_content_stream(page, "rg RG cs CS"):
            name = str(op)
            if name in ("rg", "RG"):
                out.append(f"RGB colour operator {name}")
            elif str(operands[0]) not in ("/DeviceCMYK", "/DeviceGray", "/Pattern"):
                out.append(f"colour space {operands[0]} set in the content")
    return sorted(set(out))


def _may_set_colour_space(page: Dictionary) -> bool:
    """False only when the page's content holds none of the bytes rg, RG, cs, CS, so that no
    such operator can be in it: tokenising every page costs more than the whole search."""
    contents = page.get("/Contents")
    if contents is None:
        return False
    try:
        streams = list(contents) if isinstance(contents, Array) else [contents]
        data = b"\n".join(s.read_bytes() for s in streams)
    except Exception:  # undecodable here (an odd filter): let the tokeniser decide, as before
        return True
    return any(op in data for op in (b"rg", b"RG", b"cs", b"CS"))


def _resource_problems(resources: Dictionary, seen: set[tuple[int, int]]) -> list[str]:
    out: list[str] = []
    for gs in resources.get("/ExtGState", Dictionary()).values():
        if gs.get("/SMask", Name("/None")) != Name("/None"):
            out.append("soft mask (transparency)")
        for key in ("/CA", "/ca"):
            if key in gs and float(gs[key]) != 1.0:
                out.append(f"{key} {float(gs[key])} (transparency)")
        if "/BM" in gs and gs.BM not in (Name("/Normal"), Name("/Compatible")):
            out.append(f"blend mode {gs.BM} (transparency)")
        if "/TR" in gs or "/TR2" in gs:
            out.append("transfer function")
    for name, cs in resources.get("/ColorSpace", Dictionary()).items():
        if not _cmyk_or_grey(cs):
            out.append(f"colour space {name} is not CMYK or grey")
    for font in resources.get("/Font", Dictionary()).values():
        if not _font_embedded(font):
            out.append(f"font {font.get('/BaseFont')} not embedded")
    for xobj in resources.get("/XObject", Dictionary()).values():
        if xobj.is_indirect:
            if xobj.objgen in seen:
                continue
            seen.add(xobj.objgen)
        if xobj.get("/Subtype") == Name.Image:
            if "/SMask" in xobj or int(xobj.get("/SMaskInData", 0)):
                out.append("image with a soft mask (transparency)")
            if not xobj.get("/ImageMask", False) and not _cmyk_or_grey(xobj.get("/ColorSpace")):
                out.append(f"image in {xobj.get('/ColorSpace')}")
            if "/OPI" in xobj:
                out.append("OPI image reference")
        elif xobj.get("/Subtype") == Name.Form:
            if _group_is_transparency(xobj):
                out.append("transparency group")
            out.extend(_resource_problems(xobj.get("/Resources", Dictionary()), seen))
    return out


def _cmyk_or_grey(cs: object) -> bool:
    """DeviceCMYK, DeviceGray, or Separation/DeviceN/Indexed over them (PDF/X-1a colour)."""
    if isinstance(cs, Name):
        return cs in (Name.DeviceCMYK, Name.DeviceGray, Name("/Pattern"))
    if isinstance(cs, Array) and len(cs) > 0:
        family = cs[0]
        if family == Name.Indexed:
            return _cmyk_or_grey(cs[1])
        if family == Name.Separation:
            return _cmyk_or_grey(cs[2])
        if family == Name.DeviceN:
            return _cmyk_or_grey(cs[2])
    return False


def _font_embedded(font: Dictionary) -> bool:
    if font.get("/Subtype") == Name.Type3:
        return True  # glyphs are content streams in the file
    if font.get("/Subtype") == Name.Type0:
        return all(_font_embedded(d) for d in font.get("/DescendantFonts", []))
    desc = font.get("/FontDescriptor")
    return desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _group_is_transparency(obj: Dictionary) -> bool:
    group = obj.get("/Group")
    return group is not None and group.get("/S") == Name.Transparency


def _box(value: Array) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner: tuple[float, ...], outer: tuple[float, ...], eps: float = 1e-3) -> bool:
    return (
        inner[0] >= outer[0] - eps
        and inner[1] >= outer[1] - eps
        and inner[2] <= outer[2] + eps
        and inner[3] <= outer[3] + eps
    )
