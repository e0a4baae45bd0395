"""Export presets: takes a name (screen | print), gives the bleed, slug and marks to draw."""

from __future__ import annotations

from dataclasses import dataclass

from layouts.units import mm


@dataclass(frozen=True, slots=True)
class ExportPreset:
    """How much sheet goes round the trim box, and whether crop marks and a slug line go there.

    Every preset sets MediaBox, TrimBox and BleedBox and is made PDF/X-1a afterwards; they
    differ only in the sheet around the page (NEWSPAPER.md, "What the print shop needs").
    """

    name: str
    bleed: float = 0.0  # points of artwork kept beyond the cut
    slug: float = 0.0  # points outside the bleed for marks and the slug line
    marks: bool = False

    def __post_init__(self) -> None:
        if self.marks and self.slug < MARK_OFFSET + MARK_LENGTH:
            raise ValueError(f"preset {self.name!r}: the slug is too narrow for crop marks")


# Crop marks start this far outside the bleed edge, so no mark reaches into the bleed even
# with plate misregistration, and run this long; 0.25 pt is the usual hairline for marks.
MARK_OFFSET = mm(1)
MARK_LENGTH = mm(6)
MARK_WIDTH = 0.25

# Trim size for proofs, the web and shops that impose pages themselves.
SCREEN = ExportPreset("screen")
# 3 mm bleed, marks and the slug line in a 10 mm slug.
PRINT = ExportPreset("print", bleed=mm(3), slug=mm(10), marks=True)

PRESETS: dict[str, ExportPreset] = {p.name: p for p in (SCREEN, PRINT)}


def get_preset(name: str) -> ExportPreset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(
            f"unknown export preset {name!r}: use one of {', '.join(PRESETS)}"
        ) from None
