"""Check-out (签出) at a desk: takes the editor, gives who holds which page or story, what is read-only here and why (one line naming the holder), taking and giving back, and the guard that refuses an edit of what another desk holds before it reaches the library.

No Qt. The library keeps the check-outs with their leases and refuses writes to what another
desk holds (app/store/desks.py); this module is the desk's side: the editor asks it before
every edit (EditSession.guard), so a refused edit costs no write lock and says who has the
page. A page held covers its frames and the text of the stories on it; a story held covers
its text wherever it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.edit.commands import AddFrame, EditArticleText, SetFrameGeometry
from app.edit.session import Command
from app.store import LibraryCheckedOut
from app.store.desks import Checkout

if TYPE_CHECKING:
    from app.edit.editor import IssueEditor


class DeskCheckouts:
    """The check-outs this desk knows of (read again when the watcher says they changed)."""

    def __init__(self, editor: IssueEditor) -> None:
        self.editor = editor
        self.library = editor.library
        self._all: list[Checkout] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the live check-outs again (another desk took or gave back, or a lease ran out)."""
        self._all = self.library.checkouts()

    # -- who holds what -----------------------------------------------------------------------

    def mine(self) -> list[Checkout]:
        return [c for c in self._all if c.desk_id == self.library.desk_id]

    def _theirs(self, kind: str, target_id: int | None) -> Checkout | None:
        return next(
            (
                c
                for c in self._all
                if (c.kind, c.target_id) == (kind, target_id) and c.desk_id != self.library.desk_id
            ),
            None,
        )

    def page_holder(self, page_id: int | None) -> Checkout | None:
        """Another desk's check-out of the page, if any."""
        return self._theirs("page", page_id)

    def story_holder(self, article_id: int | None) -> Checkout | None:
        """Another desk's check-out of the story, or of a page it runs on."""
        held = self._theirs("article", article_id)
        if held is not None or article_id is None:
            return held
        for frame in self.editor.doc.thread(article_id):
            held = self.page_holder(frame.page_id)
            if held is not None:
                return held
        return None

    def holds(self, kind: str, target_id: int | None) -> bool:
        """Whether this desk holds the page or story."""
        return any((c.kind, c.target_id) == (kind, target_id) for c in self.mine())

    # -- read-only, with the reason ---------------------------------------------------------

    def page_message(self, page_id: int | None) -> str:
        """'' if the desk may change the page's frames, else one line naming the holder."""
        held = self.page_holder(page_id)
        if held is None:
            return ""
        number = self._page_number(page_id)
        return (
            f"第{number}版已由{held.person}签出，只读 / page {number} is checked out by "
            f"{held.person}: read-only"
        )

    def story_message(self, article_id: int | None) -> str:
        """'' if the desk may change the story's text, else one line naming the holder."""
        held = self.story_holder(article_id)
        if held is None:
            return ""
        if held.kind == "page":
            return self.page_message(held.target_id)
        title = self._title(article_id)
        return (
            f"稿件《{title}》已由{held.person}签出，只读 / the story {title!r} is checked out "
            f"by {held.person}: read-only"
        )

    def guard(self, command: Command) -> None:
        """Refuse (LibraryCheckedOut, nothing tried) an edit of what another desk holds."""
        for message in self._messages(command):
            if message:
                raise LibraryCheckedOut(message)

    def _messages(self, command: Command) -> list[str]:
        if isinstance(command, EditArticleText):
            return [self.story_message(command.article_id)]
        if isinstance(command, SetFrameGeometry):
            return [self.page_message(self._frame_page(command.frame_id))]
        if isinstance(command, AddFrame):
            return [self.page_message(command.frame.page_id)]
        frame_id = getattr(command, "frame_id", None)  # DeleteFrame and the like
        if isinstance(frame_id, int):
            return [self.page_message(self._frame_page(frame_id))]
        return []

    # -- taking and giving back ---------------------------------------------------------------

    def take_page(self, index: int) -> Checkout:
        """Check out page `index` for this desk (LibraryCheckedOut: another desk has it)."""
        return self._take("page", self.editor.page(index).id)  # type: ignore[arg-type]

    def take_story(self, article_id: int) -> Checkout:
        return self._take("article", article_id)

    def give_back(self, kind: str, target_id: int) -> bool:
        given = self.library.check_in(kind, target_id)
        self.refresh()
        return given

    def give_back_all(self) -> None:
        for c in self.mine():
            self.library.check_in(c.kind, c.target_id)
        self.refresh()

    def _take(self, kind: str, target_id: int) -> Checkout:
        try:
            taken = self.library.check_out(kind, target_id)
        except LibraryCheckedOut:
            self.refresh()
            held = self._theirs(kind, target_id)
            who = held.person if held is not None else "?"
            what = (
                f"第{self._page_number(target_id)}版"
                if kind == "page"
                else f"《{self._title(target_id)}》"
            )
            raise LibraryCheckedOut(
                f"{what}已由{who}签出 / {what} is already checked out by {who}"
            ) from None
        self.refresh()
        return taken

    # -- names --------------------------------------------------------------------------------

    def _frame_page(self, frame_id: int) -> int | None:
        try:
            return self.editor.frame(frame_id).page_id
        except KeyError:
            return None

    def _page_number(self, page_id: int | None) -> str:
        try:
            return str(self.editor.doc.page_number(page_id))
        except KeyError:
            return "?"

    def _title(self, article_id: int | None) -> str:
        article = self.editor.doc.articles.get(article_id) if article_id else None
        return article.headline if article is not None else "?"
