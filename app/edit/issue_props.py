"""Issue properties as one undoable edit: takes an issue's date, page count (4, 8, 12 or 16), colour pages and each page's section, gives SetIssueProperties (checked first, nothing half-done)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.edit.session import Change, Command
from app.errors import UserError
from app.model import Frame, Issue, Page
from app.store import Library

PAGE_COUNTS = (4, 8, 12, 16)  # pages print on folded sheets: four to a sheet (NEWSPAPER.md)
STORY_KINDS = ("article", "teaser")


@dataclass(frozen=True)
class IssueProperties:
    """What the desk sets for an issue; the masthead's weekday and lunar date follow the date."""

    date: date
    page_count: int
    colour_pages: frozenset[int]
    sections: tuple[str, ...]  # 版名 of pages 1 … page_count

    @classmethod
    def of(cls, library: Library, issue: Issue) -> IssueProperties:
        pages = library.pages(issue.id)  # type: ignore[arg-type]
        return cls(
            issue.date, issue.page_count, issue.colour_pages, tuple(p.section for p in pages)
        )


def check_properties(library: Library, issue: Issue, props: IssueProperties) -> list[Page]:
    """The pages the change would take off the issue; UserError (one line, nothing changed)
    for properties the paper cannot have."""
    n = props.page_count
    if n not in PAGE_COUNTS:
        raise UserError(
            f"版数应为4、8、12或16，不是{n} / an issue has 4, 8, 12 or 16 pages, not {n}"
        )
    if len(props.sections) != n or any(not s.strip() for s in props.sections):
        raise UserError("每一版都需要版名 / every page needs a section name")
    if any(not 1 <= p <= n for p in props.colour_pages):
        raise UserError(f"彩色版超出本期{n}版 / a colour page is beyond the issue's {n} pages")
    others = [i for i in library.issues() if i.id != issue.id]
    before = [i.date for i in others if i.cumulative_number < issue.cumulative_number]
    after = [i.date for i in others if i.cumulative_number > issue.cumulative_number]
    if (before and props.date <= max(before)) or (after and props.date >= min(after)):
        raise UserError(
            f"日期{props.date.isoformat()}不在前后两期之间 / {props.date.isoformat()} is not "
            "between the previous and the next issue's dates"
        )
    removed = [p for p in library.pages(issue.id) if p.number > n]  # type: ignore[arg-type]
    for page in removed:
        assert page.id is not None
        busy = [f for f in library.frames(page.id) if f.kind in STORY_KINDS and f.article_id]
        if busy or library.signoffs(page.id) or library.proof_rounds(issue.id, page.id):  # type: ignore[arg-type]
            raise UserError(
                f"第{page.number}版已有稿件或校次，不能减版：请先移走 / page {page.number} has "
                "stories or proof rounds: move them before taking the page off"
            )
    return removed


class SetIssueProperties(Command):
    """Date, page count, colour pages and sections in one step. Pages taken off (only those
    without stories or proof work) come back on undo under their ids with their frames;
    pages added go on undo and come back under the same ids on redo."""

    label = "期次属性"

    def __init__(self, issue_id: int, props: IssueProperties) -> None:
        self.issue_id = issue_id
        self.props = props
        self._issue: Issue | None = None  # as it was
        self._sections: dict[int, str] = {}  # page id → section it had
        self._removed: list[tuple[Page, list[Frame]]] = []
        self._added: list[Page] = []  # stored the first time, restored on redo

    def do(self, library: Library) -> Change:
        issue = library.issue(self.issue_id)
        if self._issue is None:
            removed = check_properties(library, issue, self.props)
            self._issue = issue
            self._sections = {p.id: p.section for p in library.pages(self.issue_id)}  # type: ignore[misc]
            self._removed = [(p, library.frames(p.id)) for p in removed]  # type: ignore[arg-type]
        p = self.props
        library.update_issue(
            replace(issue, date=p.date, page_count=p.page_count, colour_pages=p.colour_pages)
        )
        for page, _frames in self._removed:
            library.delete_page(page.id)  # type: ignore[arg-type]
        pages = library.pages(self.issue_id)
        for page in pages:
            section = p.sections[page.number - 1]
            if page.section != section:
                library.update_page(replace(page, section=section))
        if not self._added:
            self._added = [
                library.add_page(Page(n, p.sections[n - 1], issue_id=self.issue_id))
                for n in range(len(pages) + 1, p.page_count + 1)
            ]
        else:
            for page in self._added:
                library.restore_page(page)
        return Change(everything=True)

    def undo(self, library: Library) -> Change:
        assert self._issue is not None
        for page in self._added:
            library.delete_page(page.id)  # type: ignore[arg-type]
        for page, frames in self._removed:
            library.restore_page(page)
            for frame in frames:
                library.restore_frame(frame)
        for page in library.pages(self.issue_id):
            before = self._sections.get(page.id)  # type: ignore[arg-type]
            if before is not None and page.section != before:
                library.update_page(replace(page, section=before))
        # The fields this step set, put back on the issue as it is now (its version moved).
        was = self._issue
        library.update_issue(
            replace(
                library.issue(self.issue_id),
                date=was.date,
                page_count=was.page_count,
                colour_pages=was.colour_pages,
            )
        )
        return Change(everything=True)
