"""Live desks: takes a Library and the issue a desk shows, gives — each time it is polled — what other desks committed since, as a Change for the editor to read again (and the new issues, check-outs and people behind it).

No Qt, no threads: the window polls on a timer, and on a server also when the feed's socket
rings (widgets/library_watcher.py). In a file a poll costs one `PRAGMA data_version`
(microseconds) while nothing happened; when another connection has committed, the change log
(app/store/journal.py) says which rows, so only those are read again. On a server the
notifications (LISTEN, app/store/pg_schema.py) name the rows themselves. A desk that fell
behind the log's memory (or lost its server's line meanwhile), or a write the log cannot
place, reloads the whole issue (Change.everything).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from app.edit.session import Change
from app.model.document import IssueDoc
from app.store import Library
from app.store.changes import RowChange
from app.store.journal import LoggedChange

POLL_MS = 250  # how often a desk looks: a change shows on the other desk within ~¼ s
# Rows whose change means reading the issue whole (page order, sections, the paper's name).
_WHOLE = {"publication", "issues", "pages"}


@dataclass(frozen=True, slots=True)
class Remote:
    """What other desks changed since the last poll."""

    change: Change = field(default_factory=Change)  # what the editor reads again
    checkouts: bool = False  # pages or stories were checked out or in (app/edit/checkout.py)
    revisions: bool = False  # a named revision was made or removed
    new_issues: tuple[int, ...] = ()  # ids of issues another desk created
    people: tuple[str, ...] = ()  # who made these changes, in order

    def __bool__(self) -> bool:
        return bool(self.change != Change() or self.checkouts or self.revisions or self.new_issues)

    def __or__(self, other: Remote) -> Remote:
        return Remote(
            self.change | other.change,
            self.checkouts or other.checkouts,
            self.revisions or other.revisions,
            self.new_issues + other.new_issues,
            tuple(dict.fromkeys(self.people + other.people)),
        )


class Shown(Protocol):
    """What a desk shows (the IssueEditor): its library and its document, read each poll
    (the editor replaces the document when it reloads it)."""

    library: Library
    doc: IssueDoc


class LibraryWatcher:
    """Other desks' commits to the issue a desk shows, from the moment it is made."""

    def __init__(self, shown: Shown) -> None:
        self.shown = shown
        self.library = shown.library
        self.feed = self.library.changes()  # data_version on a file, LISTEN on a server
        self._seq = self.library.last_change()
        self.polls = 0  # how many times it looked (for the bench)

    def fileno(self) -> int | None:
        """A socket that becomes readable when another desk commits (a server), or None:
        poll on a timer (a file)."""
        return self.feed.fileno()

    def close(self) -> None:
        self.feed.close()

    def poll(self) -> Remote:
        """What other desks committed since the last poll (empty when nothing); never waits
        for a lock (readers do not wait in WAL mode)."""
        self.polls += 1
        news = self.feed.poll()
        if not news:
            return Remote()
        if news.rows and not news.unknown:  # a server said which rows: route those
            return self._from_rows(news.rows)
        behind = self.library.oldest_change() > self._seq + 1
        logged = self.library.changes_since(self._seq, limit=100_000)
        if logged:
            self._seq = logged[-1].seq
        mine = self.library.desk_id
        theirs = [c for c in logged if c.desk != mine]
        if behind:
            people = tuple(dict.fromkeys(c.person or "?" for c in theirs))
            return Remote(Change(everything=True), True, True, people=people)
        return self._route(theirs)

    def _from_rows(self, rows: tuple[RowChange, ...]) -> Remote:
        """A server's notifications (other connections' rows, sent at their commit), as the
        change log would have them; who made them, from the log (a server's log is ordered
        by when rows were written, not committed, so it names people, not what to read).
        Check-outs name only their target: any of them is news for the check-out view."""
        as_logged = [_as_logged(r) for r in rows if r.table != "checkouts"]
        remote = self._route(as_logged)
        people = self.library.people_since(self._seq)
        self._seq = self.library.last_change()
        held = any(r.table == "checkouts" for r in rows)
        return replace(remote, checkouts=remote.checkouts or held, people=people or remote.people)

    def _route(self, logged: list[LoggedChange]) -> Remote:
        doc = self.shown.doc
        issue_id = doc.issue.id
        pages: set[int] = set()
        articles: set[int] = set()
        everything = proof = checkouts = revisions = False
        new_issues: list[int] = []
        people: dict[str, None] = {}
        shown_pages = {p.id for p in doc.pages}
        page_of_frame = {f.id: pid for pid, fs in doc.frames.items() for f in fs}
        for c in logged:
            ours = c.issue_id == issue_id or (
                c.issue_id is None and (c.page_id in shown_pages or c.table == "publication")
            )
            if c.table == "issues" and c.op == "INSERT" and c.issue_id != issue_id:
                new_issues.append(c.row_id)  # type: ignore[arg-type]
            if not ours and c.table != "frames":
                continue
            if c.table == "frames":  # a frame may have left one of our pages for another
                moved_from = page_of_frame.get(c.row_id)  # type: ignore[arg-type]
                hit = {p for p in (c.page_id, moved_from) if p in shown_pages}
                if not hit:
                    continue
                pages |= hit  # type: ignore[arg-type]
            people[c.person or "?"] = None
            if c.table in _WHOLE:
                everything = True
            elif c.table == "articles":
                articles.add(c.row_id)  # type: ignore[arg-type]
            elif c.table == "page_signoffs":
                pages.add(c.page_id)  # type: ignore[arg-type]  # the pages panel shows it
                proof = True
            elif c.table in ("proof_rounds", "proof_marks"):
                proof = True
            elif c.table == "checkouts":
                checkouts = True
            elif c.table == "revisions":
                revisions = True
        change = Change(frozenset(pages), frozenset(articles), everything, proof)
        return Remote(change, checkouts, revisions, tuple(new_issues), tuple(people))


def _as_logged(r: RowChange) -> LoggedChange:
    """A notification as a change-log row (pg_schema.NOTIFY_KEYS: id and parents)."""
    keys = r.keys
    issue = keys.get("id") if r.table == "issues" else keys.get("issue_id")
    return LoggedChange(
        0, r.table, keys.get("id"), r.op, None, issue, keys.get("page_id"), None, None, None, None
    )
