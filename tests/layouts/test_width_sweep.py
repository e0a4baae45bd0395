"""The CLREQ width sweep: every column width from 5 to 30 字 over real text, two faces.

Every paragraph of the seed front page and of the corpus issue-8p, at every width, in
Noto Serif CJK SC (punctuation in the lower left) and AR PL UMing (centred 。、): no line
starts with a line-start forbidden mark or ends with a line-end forbidden one, every line
but the last ends exactly at the measure, the characters come back in order, no 2-em dash
or ellipsis and no number is split, and no line opens a hole: more than ½ em between Han
characters (conftest.gap_problems) — none from 12 字 up, and in narrower columns at most one
line in a thousand, where units that may not break (a URL, a phone number, a registration
number) hem a short line in or a first line's indent leaves no break that fills it.
(~8 s on this machine: all widths, all paragraphs.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from layouts.paragraph import compose_paragraph
from layouts.text import Paragraph, TextStyle

SIZE = 9.0  # 小五, the newspaper body size
WIDTHS = range(5, 31)


ROOMY = 12  # 字: from this width up, no loose line at all
NARROW_LOOSE = 1 / 1000  # below it, the most loose lines per line set


@dataclass
class Swept:
    lines: int = 0
    failures: list[str] = field(default_factory=list)
    narrow: int = 0  # lines set narrower than ROOMY
    loose: list[str] = field(default_factory=list)  # loose lines among those


_SWEPT: dict[tuple[str, str], Swept] = {}


def sweep(name, texts, font, faces, check, check_gaps) -> Swept:
    """Every paragraph at every width, checked (once per source and face: tests share it)."""
    if (name, font) in _SWEPT:
        return _SWEPT[name, font]
    out = _SWEPT[name, font] = Swept()
    style = TextStyle(font, SIZE, SIZE * 1.5)
    for chars in WIDTHS:
        width = chars * SIZE
        for i, text in enumerate(texts):
            par = Paragraph.plain(text, style)
            composed = compose_paragraph(par, width, faces)
            out.lines += len(composed)
            where = f"{name} {font} {chars}字 ¶{i}"
            out.failures += [f"{where}: {p}" for p in check(par, composed, width, faces)]
            holes = [f"{where}: {p}" for p in check_gaps(composed, faces, SIZE)]
            if chars >= ROOMY:
                out.failures += holes
            else:
                out.narrow += len(composed)
                out.loose += holes
    return out


@pytest.mark.parametrize("font", ["song", "ming"])
def test_seed_sweep(font, body_faces, seed_paragraphs, check_lines, check_gaps):
    swept = sweep("seed", seed_paragraphs, font, body_faces, check_lines, check_gaps)
    assert swept.lines > len(seed_paragraphs) * len(WIDTHS)  # long paragraphs did break
    assert swept.failures == [], "\n".join(swept.failures[:20])


@pytest.mark.parametrize("font", ["song", "ming"])
def test_corpus_sweep(font, body_faces, corpus_paragraphs, check_lines, check_gaps):
    swept = sweep("corpus", corpus_paragraphs, font, body_faces, check_lines, check_gaps)
    assert swept.lines > len(corpus_paragraphs) * len(WIDTHS)
    assert swept.failures == [], "\n".join(swept.failures[:20])


@pytest.mark.parametrize("font", ["song", "ming"])
def test_loose_lines_are_rare_in_narrow_columns(
    font, body_faces, seed_paragraphs, corpus_paragraphs, check_lines, check_gaps
):
    both = [
        sweep("seed", seed_paragraphs, font, body_faces, check_lines, check_gaps),
        sweep("corpus", corpus_paragraphs, font, body_faces, check_lines, check_gaps),
    ]
    loose = [hole for s in both for hole in s.loose]
    narrow = sum(s.narrow for s in both)
    assert narrow > 10_000
    assert len(loose) <= narrow * NARROW_LOOSE, f"{len(loose)} of {narrow}:\n" + "\n".join(
        loose[:30]
    )


@pytest.mark.parametrize("font", ["hei", "kai"])
def test_corpus_sweep_proportional_quotes(font, body_faces, corpus_paragraphs, check_lines):
    """Faces whose “ ” are proportional (0.33 / 0.35 em): sampled widths keep it quick."""
    texts = corpus_paragraphs[::3]
    style = TextStyle(font, SIZE, SIZE * 1.5)
    failures: list[str] = []
    for chars in (5, 8, 11, 13, 23):
        for text in texts:
            par = Paragraph.plain(text, style)
            width = chars * SIZE
            failures += check_lines(
                par, compose_paragraph(par, width, body_faces), width, body_faces
            )
    assert failures == [], "\n".join(failures[:20])


def test_resume_after_column_break(body_faces, corpus_paragraphs, check_lines):
    """Composing the rest of a paragraph from a column break at another width."""
    style = TextStyle("song", SIZE, SIZE * 1.5)
    failures: list[str] = []
    for text in corpus_paragraphs[:40]:
        par = Paragraph.plain(text, style)
        first = compose_paragraph(par, 11 * SIZE, body_faces)
        if len(first) < 3:
            continue
        start = first[2].start  # the third line would open the next column
        rest = compose_paragraph(par, 23 * SIZE, body_faces, start=start)
        failures += check_lines(par, rest, 23 * SIZE, body_faces, start=start)
        assert rest[0].segments[0].xs[0] <= 0.0 + 1e-9  # not indented
    assert failures == [], "\n".join(failures[:20])
