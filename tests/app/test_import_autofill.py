"""Corpus import into the bin, and autofill placing it on the pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.edit.autofill import autofill
from app.edit.issues import create_next_issue
from app.errors import UserError
from app.intake.corpus import byline_of, import_corpus
from app.model.document import IssueDoc
from app.sample.issue import build_sample
from app.services import font_registry, make_composer
from app.store import Library
from tests.testdata import CORPUS_8P


@pytest.fixture(scope="module")
def composer():
    return make_composer(font_registry())


@pytest.fixture
def library(tmp_path: Path):
    lib = Library.create(tmp_path / "lib.banmian")
    build_sample(lib)
    yield lib
    lib.close()


def test_byline_recognised() -> None:
    assert byline_of("本报讯(记者徐巍)“畅通排污") == "本报讯(记者徐巍)"
    assert byline_of("本报讯（通讯员周岩 海泽玥）苹果园") == "本报讯（通讯员周岩 海泽玥）"
    assert byline_of("近日，本报讯(记者)") == ""


def test_bad_corpus_changes_nothing(library: Library, tmp_path: Path) -> None:
    issue = library.issue_by_number(1809)
    before = len(library.articles(issue.id))
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "articles": [
                    {"headline": "好", "paragraphs": ["一"]},
                    {"headline": "坏", "paragraphs": "不是列表"},
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="article 2"):
        import_corpus(library, issue, bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="JSON"):
        import_corpus(library, issue, bad)
    assert len(library.articles(issue.id)) == before


def test_import_and_autofill_a_fresh_issue(library: Library, composer) -> None:
    issue = create_next_issue(library, 1809)
    added = import_corpus(library, issue, CORPUS_8P)
    data = json.loads(CORPUS_8P.read_text(encoding="utf-8"))
    assert len(added) == len(data["articles"])
    assert [a.paragraphs for a in added] == [
        [p for p in a["paragraphs"] if p.strip()] for a in data["articles"]
    ]
    doc = IssueDoc.load(library, issue.cumulative_number)
    assert len(doc.unplaced()) == len(added)
    report = autofill(library, doc, composer)
    doc = IssueDoc.load(library, issue.cumulative_number)  # what was stored
    assert report.placed and report.unplaced + report.placed
    # Every placed article's frames are in thread order on ascending pages, inside the type area.
    pages = composer.compose(doc)
    for article in doc.articles.values():
        thread = doc.thread(article.id)
        numbers = [doc.page_number(f.page_id) for f in thread]
        assert numbers == sorted(numbers)
        assert [f.thread_index for f in thread] == list(range(len(thread)))
    # Text never vanishes, and no story is cut: each is placed whole on one page, or jumped
    # whole with jump lines naming the real pages, or waits whole in the bin and is reported
    # there. (A story that does not fit is left in the bin, not set short.)
    overset = sum(f.count for p in pages for f in p.findings if f.kind == "overset")
    assert overset == report.overset == 0
    assert {a.headline for a in doc.unplaced()} == set(report.unplaced)
    assert len(report.placed) + len(report.unplaced) == len(doc.articles)
    jumped = 0
    for article in doc.articles.values():
        thread = doc.thread(article.id)  # type: ignore[arg-type]
        if not thread:
            assert article.headline in report.unplaced
            continue
        assert article.headline in report.placed
        assert composer.layout_article(doc, article)[0].overset == 0, article.headline
        numbers = [doc.page_number(f.page_id) for f in thread]
        for a, b in zip(numbers, numbers[1:], strict=False):
            if a != b:  # jumped: （下转第b版） where it leaves, （上接第a版） where it goes on
                jumped += 1
                assert f"下转第{b}版" in pages[a - 1].text(), article.headline
                assert f"上接第{a}版" in pages[b - 1].text(), article.headline
    continuations = [f for fs in doc.frames.values() for f in fs if f.thread_index > 0]
    assert report.continued == len(continuations) == jumped
