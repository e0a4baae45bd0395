"""Font metrics from fontTools: advances and ink bounds in em, per character, cached."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont


@dataclass(eq=False)
class Face:
    """One font face loaded for measuring. Advances and bounds are in em (1.0 = font size)."""

    key: str
    path: str
    index: int = 0
    _font: TTFont | None = field(default=None, repr=False)
    _adv: dict[str, float] = field(default_factory=dict, repr=False)
    _ink: dict[str, tuple[float, float, float, float] | None] = field(
        default_factory=dict, repr=False
    )

    @property
    def font(self) -> TTFont:
        if self._font is None:
            self._font = TTFont(self.path, fontNumber=self.index, lazy=True)
        return self._font

    @cached_property
    def units_per_em(self) -> int:
        return int(self.font["head"].unitsPerEm)

    @cached_property
    def cmap(self) -> dict[int, str]:
        return self.font.getBestCmap() or {}

    @cached_property
    def _hmtx(self) -> dict[str, tuple[int, int]]:
        return dict(self.font["hmtx"].metrics)

    @cached_property
    def family(self) -> str:
        name = self.font["name"]
        for nid in (1, 4):
            for rec in name.names:
                if rec.nameID == nid and rec.platformID == 3:
                    try:
                        return rec.toUnicode()
                    except UnicodeDecodeError:
                        continue
        return self.key

    @cached_property
    def ascent(self) -> float:
        os2 = self.font["OS/2"]
        return os2.sTypoAscender / self.units_per_em

    @cached_property
    def descent(self) -> float:
        os2 = self.font["OS/2"]
        return -os2.sTypoDescender / self.units_per_em

    @cached_property
    def is_cff(self) -> bool:
        return "CFF " in self.font or "CFF2" in self.font

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def advance(self, ch: str) -> float:
        """Advance width of `ch` in em; a character the face lacks measures 1 em."""
        adv = self._adv.get(ch)
        if adv is None:
            glyph = self.cmap.get(ord(ch))
            adv = 1.0 if glyph is None else self._hmtx[glyph][0] / self.units_per_em
            self._adv[ch] = adv
        return adv

    def ink(self, ch: str) -> tuple[float, float, float, float] | None:
        """Ink bounds (xmin, ymin, xmax, ymax) in em, y up; None for blank or missing glyphs."""
        if ch in self._ink:
            return self._ink[ch]
        glyph = self.cmap.get(ord(ch))
        box = None
        if glyph is not None:
            glyph_set = self.font.getGlyphSet()
            pen = BoundsPen(glyph_set)
            glyph_set[glyph].draw(pen)
            if pen.bounds is not None:
                u = self.units_per_em
                box = tuple(v / u for v in pen.bounds)
        self._ink[ch] = box  # type: ignore[assignment]
        return box  # type: ignore[return-value]


class FaceSet:
    """The faces a composition may use, by key (e.g. 'song', 'hei', 'kai')."""

    def __init__(self, faces: dict[str, Face]) -> None:
        self._faces = dict(faces)

    def __getitem__(self, key: str) -> Face:
        return self._faces[key]

    def __contains__(self, key: object) -> bool:
        return key in self._faces

    def __iter__(self):  # noqa: ANN204 - iterates keys, like a dict
        return iter(self._faces)

    def keys(self) -> list[str]:
        return list(self._faces)

    def values(self) -> list[Face]:
        return list(self._faces.values())
