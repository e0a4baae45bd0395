"""Composition never loses text silently: missing glyphs and overset are reported with places."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.model.document import IssueDoc
from app.sample.issue import build_sample
from app.services import font_registry, make_composer
from app.store import Library


@pytest.fixture
def doc(tmp_path: Path) -> IssueDoc:
    lib = Library.create(tmp_path / "lib.banmian")
    build_sample(lib)
    d = IssueDoc.load(lib, 1809)
    lib.close()
    return d


def lead(doc: IssueDoc):
    frame = next(f for fs in doc.frames.values() for f in fs if f.name == "lead")
    return frame, doc.articles[frame.article_id]


def test_a_character_no_font_has_is_reported_with_its_place(doc: IssueDoc) -> None:
    frame, article = lead(doc)
    paras = list(article.paragraphs)
    paras[1] = paras[1][:4] + "\U0001f600" + paras[1][4:]  # an emoji no CJK face has
    doc.articles[article.id] = replace(article, paragraphs=paras)
    pages = make_composer(font_registry()).compose(doc)
    found = [f for f in pages[0].findings if f.kind == "missing_glyph"]
    assert len(found) == 1
    assert "U+1F600" in found[0].message and "paragraph 2, character 5" in found[0].message
    assert found[0].owner == f"frame-{frame.id}"
    assert "\U0001f600" in pages[0].text()  # kept in the display list, never dropped


def test_shrinking_a_frame_reports_the_exact_overset(doc: IssueDoc) -> None:
    frame, article = lead(doc)
    composer = make_composer(font_registry())
    before = composer.compose(doc)[0]
    assert not [f for f in before.findings if f.kind == "overset"]
    frame.h = frame.h / 2
    page = composer.compose(doc)[0]
    overset = [f for f in page.findings if f.kind == "overset"]
    assert len(overset) == 1 and overset[0].owner == f"frame-{frame.id}"
    shown = "".join(r.text for r in page.glyph_runs() if r.owner == f"frame-{frame.id}")
    body = "".join("".join(p.split()) for p in article.paragraphs)
    placed = "".join(shown.split())
    headline = "".join((article.headline + article.subheadline).split())
    assert overset[0].count == len(body) - (len(placed) - len(headline))
    info = next(f for f in page.frames if f.id == f"frame-{frame.id}")
    assert info.overset == overset[0].count > 0
