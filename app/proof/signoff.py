"""Reviews and sign-off (三审, 签发): takes the library and a page or issue, gives signatures under the rules and print warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.model import Issue, Page
from app.model.proof import (
    AFTER_FIXES,
    REVIEW_STEPS,
    ROUND_KINDS,
    SIGNOFF,
    PageSignoff,
    ProofRound,
    now,
)
from app.proof.errors import ProofError
from app.proof.rounds import open_round_on, page_state
from app.store import Library


@dataclass
class PageStatus:
    """One page's place in 三审三校: its state, who signed each step and when, open marks."""

    page: Page
    state: str
    signed: dict[str, PageSignoff] = field(default_factory=dict)  # step → signature
    open_marks: int = 0
    round: ProofRound | None = None  # the round reading it now, if any

    @property
    def signed_off(self) -> bool:
        return SIGNOFF in self.signed


def page_status(library: Library, page: Page) -> PageStatus:
    assert page.id is not None
    signoffs = library.signoffs(page.id)
    return PageStatus(
        page=page,
        state=page_state(signoffs),
        signed={s.step: s for s in signoffs},
        open_marks=len(library.marks(page_id=page.id, status="open")),
        round=open_round_on(library, page.id),
    )


def issue_status(library: Library, issue: Issue) -> list[PageStatus]:
    """Every page of the issue by number (版序)."""
    assert issue.id is not None
    return [page_status(library, p) for p in library.pages(issue.id)]


def sign(
    library: Library,
    page_id: int,
    step: str,
    person: str,
    *,
    after_fixes: bool = False,
    at: datetime | None = None,
) -> PageSignoff:
    """Sign a review (初审 → 复审 → 终审) or the sign-off 签发 of a page.

    The reviews go in order and no one signs two of them. 签发 needs 三校 closed and 终审
    signed; with marks still open it is refused unless `after_fixes` (改后付印: print after the
    listed fixes), which the signature records. Proofreading rounds sign themselves when they
    close (rounds.close_round).
    """
    person = person.strip()
    if not person:
        raise ProofError("签字需要姓名 / a signature needs a name")
    if step in ROUND_KINDS:
        raise ProofError(f"{step}由校次结束时签字 / {step} is signed by closing its round")
    if step not in (*REVIEW_STEPS, SIGNOFF):
        raise ProofError(f"未知签字步骤 / unknown step {step!r}: use 初审 复审 终审 签发")
    page = library.page(page_id)
    status = page_status(library, page)
    done = status.signed
    if step in done:
        s = done[step]
        raise ProofError(
            f"第{page.number}版{step}已由{s.person}签字 / page {page.number}: {step} already "
            f"signed by {s.person} at {s.at.isoformat()}"
        )
    note = ""
    if step in REVIEW_STEPS:
        i = REVIEW_STEPS.index(step)
        if i > 0 and REVIEW_STEPS[i - 1] not in done:
            raise ProofError(
                f"第{page.number}版尚未{REVIEW_STEPS[i - 1]} / page {page.number}: {step} "
                f"needs {REVIEW_STEPS[i - 1]} first"
            )
        mine = [r for r in REVIEW_STEPS if r in done and done[r].person == person]
        if mine:
            raise ProofError(
                f"同一人不能签两审：{person}已签{mine[0]} / the same person may not sign two "
                f"reviews: {person} signed {mine[0]} of page {page.number}"
            )
    else:
        if status.state != ROUND_KINDS[-1]:
            raise ProofError(
                f"第{page.number}版现为“{status.state}”，三校后才能签发 / page {page.number} "
                f"is at {status.state}: sign-off needs 三校"
            )
        if REVIEW_STEPS[-1] not in done:
            raise ProofError(f"第{page.number}版尚未终审 / page {page.number} needs 终审 first")
        if status.open_marks and not after_fixes:
            raise ProofError(
                f"第{page.number}版尚有{status.open_marks}处未改 / page {page.number} has "
                f"{status.open_marks} open marks: fix them or sign 改后付印 (after fixes)"
            )
        if status.open_marks:
            note = f"{AFTER_FIXES}：{status.open_marks}处"
    return library.add_signoff(PageSignoff(page_id, step, person, at or now(), note))


def unsigned_pages(library: Library, issue: Issue) -> list[Page]:
    """Pages of the issue without 签发, by number: what export for print warns about."""
    return [s.page for s in issue_status(library, issue) if not s.signed_off]


def print_warnings(library: Library, issue: Issue, *, refuse: bool = False) -> list[str]:
    """One line per page not ready for the press: not signed off, or signed 改后付印 with marks
    still open. With `refuse` (the newsroom's setting), any such page raises ProofError."""
    lines: list[str] = []
    for s in issue_status(library, issue):
        n = s.page.number
        if not s.signed_off:
            lines.append(f"第{n}版未签发（{s.state}） / page {n} not signed off (at {s.state})")
        elif s.open_marks:
            lines.append(
                f"第{n}版改后付印，尚有{s.open_marks}处未改 / page {n} signed after fixes, "
                f"{s.open_marks} marks still open"
            )
    if refuse and lines:
        raise ProofError(f"不能付印 / not ready for print: {'; '.join(lines)}")
    return lines
