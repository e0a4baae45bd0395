"""Glyph coverage: takes styled spans and a FaceSet, gives spans re-split so every character sits
in a face that has it, plus a report of the characters no face can show."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from layouts.fonts.metrics import FaceSet
from layouts.text import Span

# Characters that end a line rather than being drawn: passed through, never reported.
LINE_BREAKS = frozenset("\n\u2028\u2029")

Fallbacks = Mapping[str, Sequence[str]] | Callable[[str], Sequence[str]]


@dataclass(frozen=True, slots=True)
class MissingGlyph:
    """A character that will not print as intended. `index` counts code points in the
    concatenated text of the spans given (the paragraph's text)."""

    char: str
    codepoint: int
    index: int
    font: str  # the face key the character's span asked for
    kind: str  # "missing": no face has it (measured as 1 em, drawn as nothing)
    #            "control": a control character (tab, CR, NUL …) in running text
    #            "ignorable": an invisible format character (ZWSP, BOM, variation selector)
    #                         that no face maps; it stays with its neighbour

    @property
    def label(self) -> str:
        """'U+4D19 䴙' or 'U+0009 <control>' for messages and preflight."""
        name = unicodedata.name(self.char, "") if self.kind == "missing" else f"<{self.kind}>"
        shown = self.char if self.kind == "missing" else ""
        return f"U+{self.codepoint:04X} {shown} {name}".replace("  ", " ").strip()


def is_ignorable(ch: str) -> bool:
    """Default-ignorable code points (Unicode DerivedCoreProperties): format characters,
    variation selectors, tag characters. They are invisible and may be absent from fonts."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or cp in (0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0)
        or 0x180B <= cp <= 0x180F
    )


def _fallback_list(fallbacks: Fallbacks, key: str) -> Sequence[str]:
    if callable(fallbacks):
        return fallbacks(key)
    return fallbacks.get(key, ())


def resolve_spans(
    spans: Iterable[Span], faces: FaceSet, fallbacks: Fallbacks
) -> tuple[list[Span], list[MissingGlyph]]:
    """Split `spans` so each character is set in the first face that has it: the span's own
    face, else the first of `fallbacks[span.font]` that has it. A character no face has stays
    where it is, in the span's face, and is reported; nothing is dropped or reordered:
    the output text equals the input text. Span boundaries given are kept (empty spans are
    left out); colour is kept. `fallbacks` is a mapping or a function such as
    `FontRegistry.fallbacks`."""
    out: list[Span] = []
    missing: list[MissingGlyph] = []
    chains: dict[str, list[str]] = {}
    pos = 0
    for span in spans:
        if span.font not in faces:
            raise KeyError(
                f"span font {span.font!r} is not in the FaceSet ({', '.join(faces.keys())})"
            )
        chain = chains.get(span.font)
        if chain is None:
            chain = [span.font] + [
                k for k in _fallback_list(fallbacks, span.font) if k in faces and k != span.font
            ]
            chains[span.font] = chain
        run_font = span.font
        run_start = 0
        prev = span.font  # face of the previous character: joiners and selectors stay with it
        text = span.text
        for i, ch in enumerate(text):
            font, kind = _place(ch, chain, prev, faces)
            if kind:
                missing.append(MissingGlyph(ch, ord(ch), pos + i, span.font, kind))
            if font != run_font:
                if i > run_start:
                    out.append(Span(text[run_start:i], run_font, span.color))
                run_font, run_start = font, i
            prev = font
        if len(text) > run_start:
            out.append(Span(text[run_start:], run_font, span.color))
        pos += len(text)
    return out, missing


def _place(ch: str, chain: list[str], prev: str, faces: FaceSet) -> tuple[str, str]:
    """(face key, problem kind or '') for one character."""
    if ch in LINE_BREAKS:
        return prev, ""
    if unicodedata.category(ch) in ("Cc", "Cs"):  # controls and lone surrogates never print
        return prev, "control"
    if is_ignorable(ch):
        # An invisible character must not start a run of its own face, or a variation selector
        # would part from its base character: keep it with the previous character's face.
        return prev, "" if faces[prev].has(ch) else "ignorable"
    for key in chain:
        if faces[key].has(ch):
            return key, ""
    return chain[0], "missing"


def missing_report(missing: Sequence[MissingGlyph]) -> dict[str, list[int]]:
    """Group a MissingGlyph list by character label: label → indices (for preflight messages)."""
    out: dict[str, list[int]] = {}
    for m in missing:
        out.setdefault(m.label, []).append(m.index)
    return out
