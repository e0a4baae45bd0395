"""Sign-off rules: rounds then 签发, reviews in order by three different people, print warnings."""

from __future__ import annotations

import pytest

from app.model.proof import Mark, PageSignoff, Rect
from app.proof.errors import ProofError
from app.proof.rounds import add_mark, close_round, open_round, resolve_mark
from app.proof.signoff import issue_status, print_warnings, sign, unsigned_pages
from app.store import LibraryError

from .helpers import Paper, at


def three_rounds(paper: Paper, numbers: tuple[int, ...] = (1, 2)) -> None:
    """一校, 二校, 三校 on the pages, each by its proofreader, with no marks."""
    pages = [p for p in paper.compose() if p.number in numbers]
    for hour, (kind, who) in enumerate((("一校", "张"), ("二校", "李"), ("三校", "赵"))):
        rnd = open_round(paper.lib, paper.issue.id, kind, who, pages, at=at(9 + hour))  # type: ignore[arg-type]
        close_round(paper.lib, rnd.id, at=at(9 + hour, 45))  # type: ignore[arg-type]


def reviews(
    paper: Paper, page: int, people: tuple[str, str, str] = ("编辑", "主任", "总编")
) -> None:
    for step, person in zip(("初审", "复审", "终审"), people, strict=True):
        sign(paper.lib, paper.page_id(page), step, person, at=at(15))


def test_status_follows_rounds_and_records_who_and_when(paper: Paper) -> None:
    status = {s.page.number: s for s in issue_status(paper.lib, paper.issue)}
    assert status[1].state == "待校" and not status[1].signed and status[1].round is None
    rnd = open_round(paper.lib, paper.issue.id, "一校", "张", paper.compose(), at=at(9))  # type: ignore[arg-type]
    assert issue_status(paper.lib, paper.issue)[0].round == rnd
    close_round(paper.lib, rnd.id, at=at(10))  # type: ignore[arg-type]
    first = issue_status(paper.lib, paper.issue)[0]
    assert first.state == "一校" and first.round is None
    assert first.signed["一校"] == PageSignoff(paper.page_id(1), "一校", "张", at(10), id=1)
    three_rounds_rest = [("二校", "李"), ("三校", "赵")]
    for kind, who in three_rounds_rest:
        r = open_round(paper.lib, paper.issue.id, kind, who, paper.compose())  # type: ignore[arg-type]
        close_round(paper.lib, r.id)  # type: ignore[arg-type]
    assert [s.state for s in issue_status(paper.lib, paper.issue)] == ["三校", "三校"]
    with pytest.raises(ProofError, match="signed by closing its round"):
        sign(paper.lib, paper.page_id(1), "三校", "赵")


def test_reviews_in_order_and_no_one_signs_two(paper: Paper) -> None:
    page = paper.page_id(1)
    with pytest.raises(ProofError, match="needs 初审 first"):
        sign(paper.lib, page, "复审", "主任")
    sign(paper.lib, page, "初审", "编辑")
    with pytest.raises(ProofError, match="already signed by 编辑"):
        sign(paper.lib, page, "初审", "主任")
    with pytest.raises(ProofError, match="the same person may not sign two reviews"):
        sign(paper.lib, page, "复审", "编辑")
    sign(paper.lib, page, "复审", "主任")
    with pytest.raises(ProofError, match="the same person"):
        sign(paper.lib, page, "终审", "主任")
    sign(paper.lib, page, "终审", "总编")
    # Another page is another matter: the same editor reviews it first.
    sign(paper.lib, paper.page_id(2), "初审", "编辑")
    with pytest.raises(ProofError, match="needs a name"):
        sign(paper.lib, page, "签发", "  ")
    with pytest.raises(ProofError, match="unknown step"):
        sign(paper.lib, page, "付印", "总编")


def test_the_file_itself_refuses_a_second_review_by_the_same_person(paper: Paper) -> None:
    """Belt and braces: even written past the rules, the library keeps 三审 to three people."""
    page = paper.page_id(1)
    paper.lib.add_signoff(PageSignoff(page, "初审", "编辑", at(9)))
    with pytest.raises(LibraryError, match="already signed"):
        paper.lib.add_signoff(PageSignoff(page, "终审", "编辑", at(10)))
    with pytest.raises(LibraryError, match="already signed"):
        paper.lib.add_signoff(PageSignoff(page, "初审", "主任", at(10)))
    paper.lib.add_signoff(PageSignoff(page, "一校", "编辑", at(10)))  # a round is not a review
    assert [s.step for s in paper.lib.signoffs(page)] == ["初审", "一校"]


def test_sign_off_needs_three_rounds_and_the_final_review(paper: Paper) -> None:
    page = paper.page_id(1)
    reviews(paper, 1)
    with pytest.raises(ProofError, match="sign-off needs 三校"):
        sign(paper.lib, page, "签发", "总编")
    three_rounds(paper, (1,))
    s = sign(paper.lib, page, "签发", "值班总编", at=at(18))
    assert s.note == "" and s.at == at(18)
    assert issue_status(paper.lib, paper.issue)[0].state == "签发"
    with pytest.raises(ProofError, match="already signed"):
        sign(paper.lib, page, "签发", "值班总编")
    three_rounds_page2 = paper.page_id(2)
    with pytest.raises(ProofError, match="sign-off needs 三校"):
        sign(paper.lib, three_rounds_page2, "签发", "值班总编")


def test_sign_off_without_final_review_is_refused(paper: Paper) -> None:
    three_rounds(paper, (1,))
    sign(paper.lib, paper.page_id(1), "初审", "编辑")
    with pytest.raises(ProofError, match="needs 终审 first"):
        sign(paper.lib, paper.page_id(1), "签发", "总编")


def test_open_marks_block_sign_off_unless_after_fixes(paper: Paper) -> None:
    lib, page = paper.lib, paper.page_id(1)
    rounds = []
    for kind, who in (("一校", "张"), ("二校", "李"), ("三校", "赵")):
        rnd = open_round(lib, paper.issue.id, kind, who, paper.compose()[:1])  # type: ignore[arg-type]
        rounds.append(rnd)
        if kind == "三校":
            mark = add_mark(lib, Mark(rnd.id, page, Rect(40, 70, 18, 10), "改正", "要事"))  # type: ignore[arg-type]
        close_round(lib, rnd.id)  # type: ignore[arg-type]
    reviews(paper, 1)
    with pytest.raises(ProofError, match="1 open marks"):
        sign(lib, page, "签发", "总编")
    s = sign(lib, page, "签发", "总编", after_fixes=True)
    assert s.note == "改后付印：1处"
    # The warning list still names the page until the mark is fixed.
    assert print_warnings(lib, paper.issue) == [
        "第1版改后付印，尚有1处未改 / page 1 signed after fixes, 1 marks still open",
        "第2版未签发（待校） / page 2 not signed off (at 待校)",
    ]
    resolve_mark(lib, mark.id, "fixed", "王编辑")  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="signed off"):
        resolve_mark(lib, mark.id, "open")  # type: ignore[arg-type]
    assert print_warnings(lib, paper.issue) == [
        "第2版未签发（待校） / page 2 not signed off (at 待校)"
    ]


def test_unsigned_pages_and_refusing_print(paper: Paper) -> None:
    lib = paper.lib
    assert [p.number for p in unsigned_pages(lib, paper.issue)] == [1, 2]
    three_rounds(paper)
    reviews(paper, 1)
    sign(lib, paper.page_id(1), "签发", "总编")
    assert [p.number for p in unsigned_pages(lib, paper.issue)] == [2]
    with pytest.raises(ProofError, match="not ready for print: 第2版未签发（三校）"):
        print_warnings(lib, paper.issue, refuse=True)
    reviews(paper, 2, ("编辑", "主任", "副总编"))
    sign(lib, paper.page_id(2), "签发", "总编")
    assert unsigned_pages(lib, paper.issue) == []
    assert print_warnings(lib, paper.issue, refuse=True) == []
