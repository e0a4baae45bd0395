"""Issue-level operations: takes a library, gives the next issue (numbers and date on the schedule, sections and standing furniture carried), what an issue holds, and its deletion."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.errors import UserError
from app.model import Issue
from app.model.numbering import next_issue
from app.model.placeholder import real_credits
from app.store import Library, LibraryError

# Frames that stand from issue to issue; their content is generated from the new issue's data.
STANDING_KINDS = frozenset({"masthead", "qr", "box"})


def create_next_issue(library: Library, from_number: int) -> Issue:
    """The issue after `from_number`: same sections, credits and standing furniture, in one
    transaction (the check that it does not exist yet included: two at once make one). The
    sample's stand-in credits (示例编辑 …) are not carried: those pages start blank."""
    with library.transaction():
        library.serialize("new-issue")  # a server: the check and the insert in one turn
        return _create_next_issue(library, from_number)


def _create_next_issue(library: Library, from_number: int) -> Issue:
    try:
        previous = library.issue_by_number(from_number)
    except LibraryError as e:
        raise UserError(str(e)) from None
    pub = library.publication()
    if pub is None:
        raise UserError("库中没有报纸信息 / the library has no publication")
    upcoming = next_issue(previous, pub.schedule)
    if any(i.cumulative_number == upcoming.cumulative_number for i in library.issues()):
        raise UserError(
            f"第{upcoming.cumulative_number}期已存在 / issue "
            f"{upcoming.cumulative_number} exists already"
        )
    issue = library.add_issue(upcoming)
    for page in library.pages(previous.id):
        new_page = library.add_page(
            replace(page, id=None, issue_id=issue.id, credits=real_credits(page.credits))
        )
        for frame in library.frames(page.id):
            if frame.kind in STANDING_KINDS:
                library.add_frame(replace(frame, id=None, page_id=new_page.id))
    return issue


@dataclass(frozen=True)
class IssueContents:
    """What deleting an issue would take with it."""

    issue: Issue
    placed: list[str] = field(default_factory=list)  # headlines of stories on its pages
    unplaced: int = 0  # stories in its bin
    signoffs: int = 0  # signatures on its pages (校次, 三审, 签发)
    rounds: int = 0  # proof rounds
    marks: int = 0  # proof marks
    revisions: int = 0  # named revisions

    @property
    def used(self) -> bool:
        """Work the desk did on it, beyond the frames next-issue carried over."""
        return bool(self.placed or self.signoffs or self.marks or self.rounds)


def issue_contents(library: Library, number: int) -> IssueContents:
    issue = _issue(library, number)
    assert issue.id is not None
    pages = library.pages(issue.id)
    on_pages = {
        f.article_id
        for p in pages
        for f in library.frames(p.id)  # type: ignore[arg-type]
        if f.article_id is not None
    }
    articles = library.articles(issue.id)
    return IssueContents(
        issue,
        placed=[a.headline for a in articles if a.id in on_pages],
        unplaced=sum(a.id not in on_pages for a in articles),
        signoffs=sum(len(library.signoffs(p.id)) for p in pages),  # type: ignore[arg-type]
        rounds=len(library.proof_rounds(issue.id)),
        marks=len(library.marks(issue_id=issue.id)),
        revisions=len(library.revisions(issue.id)),
    )


def delete_issue(library: Library, number: int, *, used_too: bool = False) -> IssueContents:
    """Remove issue `number` with everything in it, in one transaction; returns what went.
    An issue with placed stories, proof rounds or sign-offs is refused unless `used_too`
    (the desk confirmed twice); the last issue of a library is always refused."""
    with library.transaction():
        contents = issue_contents(library, number)
        if len(library.issues()) == 1:
            raise UserError(
                f"第{number}期是库中唯一的一期，不能删除 / issue {number} is the library's only "
                "issue and cannot be deleted"
            )
        if contents.used and not used_too:
            raise UserError(
                f"第{number}期已有稿件上版、校次或签字，未删除 / issue {number} has placed "
                "stories, proof rounds or sign-offs: not deleted"
            )
        library.delete_issue(contents.issue.id)  # type: ignore[arg-type]
    return contents


def _issue(library: Library, number: int) -> Issue:
    try:
        return library.issue_by_number(number)
    except LibraryError as e:
        raise UserError(str(e)) from None
