"""Paint state for one PDF page: takes CMYK colours and overprint choices, gives k/K and gs operators once each."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from layouts.color import BLACK, CMYK


def overprints(color: CMYK) -> bool:
    """Black type and rules print over whatever lies beneath (100 % K, no CMY).

    Print-shop rule for newsprint (NEWSPAPER.md): overprinting black avoids white halos from
    plate misregistration. Only exact 100 % K qualifies; a rich or tinted black knocks out.
    """
    return color == BLACK


class Paint:
    """The fill/stroke state of one page's content stream, so each operator is written once.

    Colours go through ReportLab's CMYK setters (the canvas enforces CMYK, so an RGB colour
    cannot slip in); overprint goes through its ExtGState support. ReportLab writes one
    single-key dict per setting, and a dict with /OP but no /op sets both (PDF 32000-1,
    Table 58), so the renderer keeps one overprint flag for fill and stroke and always writes
    /OP then /op together; drawing that needs both (a filled, stroked box) paints twice.
    Overprint mode 1 is set once per page: with OPM 0 a DeviceCMYK black would still paint
    its zero C, M and Y and knock out what lies beneath (PDF 32000-1, 8.6.7).
    """

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        self._fill: CMYK | None = None
        self._stroke: CMYK | None = None
        self._width: float | None = None
        self._overprint = False  # the PDF default
        canvas.setOverprintMask(1)

    def fill(self, color: CMYK, *, overprint: bool = False) -> None:
        if color != self._fill:
            self._canvas.setFillColorCMYK(color.c, color.m, color.y, color.k)
            self._fill = color
        self._set_overprint(overprint)

    def stroke(self, color: CMYK, width: float, *, overprint: bool = False) -> None:
        if color != self._stroke:
            self._canvas.setStrokeColorCMYK(color.c, color.m, color.y, color.k)
            self._stroke = color
        if width != self._width:
            self._canvas.setLineWidth(width)
            self._width = width
        self._set_overprint(overprint)

    def _set_overprint(self, on: bool) -> None:
        if on != self._overprint:
            self._canvas.setStrokeOverprint(on)
            self._canvas.setFillOverprint(on)
            self._overprint = on
