"""The CLREQ width sweep: every column width from 5 to 30 字 over real text, two faces.

Every paragraph of the seed front page and of the corpus issue-8p, at every width, in
Noto Serif CJK SC (punctuation in the lower left) and AR PL UMing (centred 。、): no line
starts with a line-start forbidden mark or ends with a line-end forbidden one, every line
but the last ends exactly at the measure, the characters come back in order, no 2-em dash
or ellipsis and no number is split. (~5 s on this machine: all widths, all paragraphs.)
"""

from __future__ import annotations

import pytest

from layouts.paragraph import compose_paragraph
from layouts.text import Paragraph, TextStyle

SIZE = 9.0  # 小五, the newspaper body size
WIDTHS = range(5, 31)


def sweep(texts, font, faces, check) -> tuple[int, list[str]]:
    style = TextStyle(font, SIZE, SIZE * 1.5)
    failures: list[str] = []
    lines = 0
    for chars in WIDTHS:
        width = chars * SIZE
        for i, text in enumerate(texts):
            par = Paragraph.plain(text, style)
            composed = compose_paragraph(par, width, faces)
            lines += len(composed)
            failures += [f"{font} {chars}字 ¶{i}: {p}" for p in check(par, composed, width, faces)]
    return lines, failures


@pytest.mark.parametrize("font", ["song", "ming"])
def test_seed_sweep(font, body_faces, seed_paragraphs, check_lines):
    lines, failures = sweep(seed_paragraphs, font, body_faces, check_lines)
    assert lines > len(seed_paragraphs) * len(WIDTHS)  # long paragraphs did break
    assert failures == [], "\n".join(failures[:20])


@pytest.mark.parametrize("font", ["song", "ming"])
def test_corpus_sweep(font, body_faces, corpus_paragraphs, check_lines):
    lines, failures = sweep(corpus_paragraphs, font, body_faces, check_lines)
    assert lines > len(corpus_paragraphs) * len(WIDTHS)
    assert failures == [], "\n".join(failures[:20])


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
