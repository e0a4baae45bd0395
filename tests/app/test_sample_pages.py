"""The sample is a finished paper: every page filled, legs balanced, no hole, the front-page lead the largest headline, full-width marks beside Chinese, stand-ins that say so."""

from __future__ import annotations

import re

import pytest

from app.compose.issue import owner_id
from app.model.document import IssueDoc
from app.model.placeholder import marker_in
from app.preflight.findings import image_info_from_bytes
from app.preflight.run import preflight
from app.sample.issue import SAMPLE_ISSUE
from layouts.display import ComposedPage
from tests.sample_helpers import sample_composer, sample_library

HALF_WIDTH_BESIDE_HAN = re.compile(r"(?<=[\u3400-\u9fff])[,:;()]|[,:;()](?=[\u3400-\u9fff])")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    composer = sample_composer()
    with sample_library(tmp_path_factory.mktemp("sample")) as lib:
        doc = IssueDoc.load(lib, SAMPLE_ISSUE)
        pages = composer.compose(doc)
        assets = {
            f.props["asset"]: image_info_from_bytes(lib.asset(f.props["asset"]).data)
            for fs in doc.frames.values()
            for f in fs
            if f.kind == "image"
        }
        yield doc, pages, preflight(doc, pages, image_info=assets.get, decode_qr=False)


def test_no_errors_no_holes_no_unbalanced_legs(sample) -> None:
    _, _, found = sample
    assert [f for f in found if f.severity == "error"] == []
    assert [f for f in found if f.code in ("hole", "unbalanced_columns", "headline_fit")] == []


def test_every_page_is_filled_with_stories_and_a_picture(sample) -> None:
    doc, pages, _ = sample
    for page in doc.pages:
        frames = doc.frames[page.id]
        stories = [f for f in frames if f.kind in ("article", "teaser")]
        assert len(stories) >= (3 if page.number == 1 else 4), page.number
        assert any(f.kind == "image" for f in frames), page.number
        info = {f.id: f for f in pages[page.number - 1].frames}
        for f in stories:
            assert info[owner_id(f)].overset == 0, (page.number, f.name)


def test_stand_ins_say_so_and_are_noted(sample) -> None:
    doc, _, found = sample
    for page in doc.pages[1:]:
        for f in doc.frames[page.id]:
            article = doc.articles.get(f.article_id) if f.article_id else None
            if article is not None and article.slug.startswith("placeholder-"):
                assert marker_in(article.headline) and marker_in(article.paragraphs[0])
    pictures = [f for f in found if f.code == "placeholder_picture"]
    assert len(pictures) == 8 and {f.severity for f in pictures} == {"warning"}


def story_headline_sizes(doc: IssueDoc, page: ComposedPage) -> dict[str, float]:
    """Frame name → the 主题 size of each story frame on the page."""
    owners = {
        owner_id(f): f.name
        for fs in doc.frames.values()
        for f in fs
        if f.kind in ("article", "teaser")
    }
    out: dict[str, float] = {}
    for run in page.glyph_runs():
        if run.owner in owners:
            out[owners[run.owner]] = max(out.get(owners[run.owner], 0.0), run.size)
    return out


def test_the_front_page_lead_is_clearly_the_largest_headline(sample) -> None:
    doc, pages, _ = sample
    front = story_headline_sizes(doc, pages[0])
    lead = front.pop("lead")
    others = list(front.values())
    for page in pages[1:]:
        inside = story_headline_sizes(doc, page)
        others += inside.values()
        # Each inside page's lead leads its own page.
        lead_name = f"p{page.number}-lead" if page.number != 3 else "sports"
        assert inside[lead_name] == max(inside.values()), page.number
    assert lead >= 36 and lead >= max(others) + 8


def test_no_half_width_marks_beside_chinese_on_the_front_page(sample) -> None:
    _, pages, _ = sample
    text = "".join(r.text for r in pages[0].glyph_runs())
    assert HALF_WIDTH_BESIDE_HAN.findall(text) == []
    assert "第30期（总第1809期）" in text and "●供\u3000电：95598" in text
