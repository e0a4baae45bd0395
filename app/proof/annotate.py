"""Annotated proof PDFs: takes an exported PDF and marks, gives it with PDF annotations; reads a returned PDF's back (pikepdf)."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from app.export.files import write_file
from app.model.proof import (
    COLOUR_RGB,
    MARK_ALIASES,
    MARK_KINDS,
    Mark,
    ProofRound,
    Rect,
    SnapshotLine,
    mark_kind,
)

MARK_NAME = "banmian-mark-"  # /NM of a mark we wrote: the importer knows it already
CHANGE_NAME = "banmian-change-"  # /NM of a changed-line highlight: not a proofreader's mark
PIECE = "/Banmian"  # our /PieceInfo entry (PDF 32000-1, 14.5): the page's number (版序)
CHANGE_RGB = (1.0, 0.85, 0.0)  # changed lines: a highlighter yellow, under every round colour
BORDER = 1.0  # points: a mark's square outline
IGNORED = {"/Popup", "/Link", "/Widget"}  # not marks: pop-up notes, links, form fields


@dataclass(frozen=True)
class ProofAnnotation:
    """One annotation to write: a mark (a /Square) or a changed line (a /Highlight)."""

    box: Rect
    contents: str
    author: str
    subject: str
    colour: tuple[float, float, float]
    name: str
    subtype: str = "Square"


@dataclass(frozen=True)
class AnnotatedPage:
    number: int  # 版序, written into the page's /PieceInfo
    annotations: tuple[ProofAnnotation, ...] = ()


@dataclass(frozen=True)
class PdfAnnotation:
    """An annotation read from a PDF, its box in page coordinates (points, y down from trim)."""

    page_index: int
    page_number: int | None  # from our /PieceInfo, when the file still carries it
    subtype: str  # without the slash: "Square", "Highlight", "Caret" …
    box: Rect
    contents: str
    author: str
    subject: str
    name: str
    in_reply_to: int | None = None  # index (in this page's list) of the annotation it answers


def mark_annotation(mark: Mark, rnd: ProofRound) -> ProofAnnotation:
    return ProofAnnotation(
        box=mark.box,
        contents=mark.contents(),
        author=mark.author or rnd.proofreader,
        subject=mark.kind,
        colour=COLOUR_RGB[rnd.colour],
        name=f"{MARK_NAME}{mark.id}",
    )


def change_annotation(line: SnapshotLine, page_number: int, index: int) -> ProofAnnotation:
    return ProofAnnotation(
        box=line.box,
        contents=f"改动行 / changed line: {line.text}",
        author="版面 Banmian",
        subject="改动",
        colour=CHANGE_RGB,
        name=f"{CHANGE_NAME}{page_number}-{index}",
        subtype="Highlight",
    )


def pdf_date(when: datetime) -> str:
    """A PDF date string (PDF 32000-1, 7.9.4): D:YYYYMMDDHHmmSS+HH'mm'."""
    text = when.strftime("D:%Y%m%d%H%M%S")
    offset = when.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{text}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _trim(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """The trim box (falling back to the media box) as (left, bottom, right, top)."""
    x1, y1, x2, y2 = (float(v) for v in page.trimbox)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _appearance(pdf: pikepdf.Pdf, a: ProofAnnotation, w: float, h: float, pad: float):
    r, g, b = (_num(c) for c in a.colour)
    resources = Dictionary()
    if a.subtype == "Highlight":
        # Multiply, as a highlighter on paper: the type under it stays black.
        resources = Dictionary(ExtGState=Dictionary(GS0=Dictionary(BM=Name.Multiply, ca=0.45)))
        ops = f"/GS0 gs {r} {g} {b} rg 0 0 {_num(w)} {_num(h)} re f"
    else:
        box_w, box_h = w - 2 * pad, h - 2 * pad
        ops = f"{r} {g} {b} RG {_num(BORDER)} w {_num(pad)} {_num(pad)} {_num(box_w)} {_num(box_h)} re S"
    stream = pikepdf.Stream(pdf, ops.encode("ascii"))
    stream.Type = Name.XObject
    stream.Subtype = Name.Form
    stream.BBox = Array([0, 0, w, h])
    stream.Resources = resources
    return stream


def _annotation(
    pdf: pikepdf.Pdf, a: ProofAnnotation, left: float, top: float, when: datetime | None
) -> Dictionary:
    x1, y2 = left + a.box.x, top - a.box.y  # y down from the trim top → PDF y up
    x2, y1 = x1 + a.box.w, y2 - a.box.h
    d = Dictionary(
        Type=Name.Annot,
        Subtype=Name("/" + a.subtype),
        Contents=String(a.contents),
        T=String(a.author),
        Subj=String(a.subject),
        NM=String(a.name),
        C=Array(list(a.colour)),
        F=4,  # Print: a proof printed on the desk shows its marks
    )
    if when is not None:
        d.M = String(pdf_date(when))
    if a.subtype == "Highlight":
        d.Rect = Array([x1, y1, x2, y2])
        d.QuadPoints = Array([x1, y2, x2, y2, x1, y1, x2, y1])
        d.AP = Dictionary(N=_appearance(pdf, a, x2 - x1, y2 - y1, 0.0))
        return d
    # The square's outline is drawn on the box edge; /RD (PDF 1.5) says how far inside /Rect the
    # box lies, so a reader gets the exact box back and a caret-thin box still shows.
    pad = max(BORDER, (2 * BORDER - a.box.w) / 2, (2 * BORDER - a.box.h) / 2)
    d.Rect = Array([x1 - pad, y1 - pad, x2 + pad, y2 + pad])
    d.RD = Array([pad, pad, pad, pad])
    d.BS = Dictionary(W=BORDER, S=Name.S)
    d.AP = Dictionary(N=_appearance(pdf, a, x2 - x1 + 2 * pad, y2 - y1 + 2 * pad, pad))
    return d


def annotate_pdf(
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    pages: Sequence[AnnotatedPage],
    *,
    when: datetime | None = None,
) -> None:
    """Write `src` to `out` with each page's annotations; PDF page i is pages[i].

    The output bytes depend only on the inputs (fixed /ID; `when`, if given, dates the marks).
    """
    with pikepdf.open(src) as pdf:
        if len(pdf.pages) != len(pages):
            raise ValueError(f"the PDF has {len(pdf.pages)} pages, {len(pages)} were described")
        for page, spec in zip(pdf.pages, pages, strict=True):
            left, _, _, top = _trim(page)
            annots = page.obj.get("/Annots")
            if not isinstance(annots, Array):
                annots = page.obj.Annots = pdf.make_indirect(Array())
            for a in spec.annotations:
                annot = pdf.make_indirect(_annotation(pdf, a, left, top, when))
                annot.P = page.obj
                annots.append(annot)
            private = Dictionary(Page=spec.number)
            data = Dictionary(Private=private)
            data.LastModified = String(pdf_date(when or datetime(2000, 1, 1)))
            page.obj.PieceInfo = Dictionary({PIECE: data})
        buf = io.BytesIO()  # qpdf aborts the process on a write error: save to memory
        pdf.save(buf, deterministic_id=True)
    write_file(Path(out), buf.getvalue())  # whole or not at all (OutputFailed: one line)


def _text(obj: object) -> str:
    return str(obj) if isinstance(obj, String) else ""


def _page_number(page: pikepdf.Page) -> int | None:
    try:
        return int(page.obj.PieceInfo[PIECE].Private.Page)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def _box(annot: Dictionary, left: float, top: float) -> Rect:
    """The marked area in PDF space: QuadPoints for text markup, /Rect less /RD otherwise."""
    quads = annot.get("/QuadPoints")
    if isinstance(quads, Array) and len(quads) >= 8:
        xs = [float(v) for v in list(quads)[0::2]]
        ys = [float(v) for v in list(quads)[1::2]]
        x1, y1, x2, y2 = min(xs), min(ys), max(xs), max(ys)
    else:
        r = [float(v) for v in annot.Rect]
        x1, y1, x2, y2 = min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3])
        rd = annot.get("/RD")
        if isinstance(rd, Array) and len(rd) == 4:
            dl, db, dr, dt = (float(v) for v in rd)
            if dl + dr <= x2 - x1 and db + dt <= y2 - y1:
                x1, y1, x2, y2 = x1 + dl, y1 + db, x2 - dr, y2 - dt
    return Rect.from_corners(x1 - left, top - y2, x2 - left, top - y1)


def read_annotations(path: str | os.PathLike[str]) -> list[PdfAnnotation]:
    """Every annotation a proofreader could have drawn, page by page (pop-ups, links and form
    fields left out), with boxes mapped back to page coordinates from each page's trim box."""
    out: list[PdfAnnotation] = []
    with pikepdf.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            left, _, _, top = _trim(page)
            annots = page.obj.get("/Annots")
            if not isinstance(annots, Array):
                continue
            kept = [a for a in annots if isinstance(a, Dictionary) and "/Rect" in a]
            kept = [a for a in kept if str(a.get("/Subtype", "")) not in IGNORED]
            where = {a.objgen: i for i, a in enumerate(kept) if a.is_indirect}
            for a in kept:
                irt = a.get("/IRT")
                out.append(
                    PdfAnnotation(
                        page_index=index,
                        page_number=_page_number(page),
                        subtype=str(a.get("/Subtype", "/Square")).lstrip("/"),
                        box=_box(a, left, top),
                        contents=_text(a.get("/Contents")),
                        author=_text(a.get("/T")),
                        subject=_text(a.get("/Subj")),
                        name=_text(a.get("/NM")),
                        in_reply_to=where.get(irt.objgen) if isinstance(irt, Dictionary) else None,
                    )
                )
    return out


_PREFIXES = sorted((*MARK_KINDS, *MARK_ALIASES), key=len, reverse=True)
_SEPARATORS = "：:　 \t"


def parse_contents(
    contents: str, subject: str = "", subtype: str = "Square"
) -> tuple[str, str, str]:
    """(kind, proposed text, note) from an annotation.

    Our own and well-behaved notes read "改正：正确的字" on their first line (kind, then the text
    that should stand), the note below. Otherwise the subject may name the kind, and failing that
    the annotation type decides: struck-out text is 删除, a caret 增补 (its text the insertion),
    a sticky note 说明, any other markup 改正 with the whole text kept as the note.
    """
    lines = contents.strip().splitlines()
    first = lines[0].strip() if lines else ""
    for prefix in _PREFIXES:
        rest = first[len(prefix) :]
        if first.startswith(prefix) and (not rest or rest[0] in _SEPARATORS):
            note = "\n".join(lines[1:]).strip()
            return mark_kind(prefix), rest.lstrip(_SEPARATORS).strip(), note
    try:
        return mark_kind(subject), "", contents.strip()
    except ValueError:
        pass
    if subtype == "StrikeOut":
        return "删除", "", contents.strip()
    if subtype == "Caret":
        return "增补", first, "\n".join(lines[1:]).strip()
    if subtype in ("Text", "FreeText"):
        return "说明", "", contents.strip()
    return "改正", "", contents.strip()
