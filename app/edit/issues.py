"""Issue-level operations: creating the next issue with its pages."""

from __future__ import annotations

from dataclasses import replace

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
