"""The issue open for editing: takes a Library, an IssueDoc and a composer, gives the desktop shell its pages, bin, edits and undo.

No Qt. Every edit goes through a command on the EditSession (committed at once); after it the
document is refreshed from the library for what changed and only the touched pages are
composed again (app/edit/recompose.py). Listeners hear which page indexes changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.compose.issue import IssueComposer, owner_id
from app.compose.story_type import story_body
from app.edit import placement
from app.edit.checkout import DeskCheckouts
from app.edit.commands import (
    AddImageFrame,
    AddQRFrame,
    ContinueArticle,
    DeleteFrame,
    EditArticleText,
    FitFrameToText,
    MoveFrame,
    PlaceArticle,
    ResizeFrame,
    RestoreRevision,
    frame_on_grid,
)
from app.edit.conflicts import SAVED, UNCHANGED, Conflicts
from app.edit.frame_edits import FrameEdits
from app.edit.import_command import ImportFiles
from app.edit.issue_props import IssueProperties, SetIssueProperties
from app.edit.page_makeup import ApplyMakeup, MakeupJob, PageProposal, read_job
from app.edit.proofing import OpenRound, ResolveMark
from app.edit.recompose import affected_pages, compose_pages
from app.edit.revisions import Revision, take_snapshot
from app.edit.session import Change, Command, EditSession
from app.edit.signing import CloseRound, SignPage
from app.edit.type_edits import TypeEdits
from app.edit.undo_log import UndoLog
from app.errors import UserError
from app.export.progress import Progress, export_with_progress
from app.intake import ImportResult
from app.intake.pictures import load_picture
from app.model import Article, Frame, Page
from app.model.document import IssueDoc
from app.model.proof import now
from app.preflight.run import ImageInfo, PreflightFinding, image_info_from_bytes, preflight
from app.proof.signoff import print_warnings
from app.services import font_registry, load_issue, make_composer
from app.store import Library, LibraryConflict, LibraryError
from layouts.display import ComposedPage, owner_frame_id
from layouts.grid import PageGrid
from layouts.wrap import Offsets


@dataclass(frozen=True, slots=True)
class PageStatus:
    """What the pages panel shows under a thumbnail."""

    label: str  # 第2版 综合新闻
    overset: int  # characters overset on the page
    findings: int  # composer findings (overset, missing glyphs, squeezed heads…)
    signed: str  # the last sign-off step (一校 … 签发), "" if none
    held_by: str = ""  # who has it checked out (签出) at another desk, "" if nobody


@dataclass(frozen=True, slots=True)
class EditorChange:
    """What listeners hear after an edit, an undo or a redo."""

    pages: tuple[int, ...]  # indexes of the pages composed again
    articles: frozenset[int]
    everything: bool = False
    proof: bool = False  # proof rounds or marks changed
    remote: bool = False  # another desk's change, read from the library (app/edit/live.py)


EditorListener = Callable[[EditorChange], None]


class IssueEditor(FrameEdits, TypeEdits):
    """One issue of a library, editable; implements the window's IssueView. Edits of several
    frames and of frame props come from FrameEdits (app/edit/frame_edits.py)."""

    def __init__(
        self,
        library: Library,
        doc: IssueDoc,
        composer: IssueComposer,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.library = library
        self.doc = doc
        self.composer = composer
        self.grid: PageGrid = placement.composer_grid(doc)
        # The undo history is the issue's, kept in the library across restarts.
        self.session = EditSession(library, clock, UndoLog(library, doc.issue.id))  # type: ignore[arg-type]
        self.session.subscribe(self._changed)
        self._listeners: list[EditorListener] = []
        self._composed: dict[int, ComposedPage] = {}
        self._plans: dict[tuple[int, int | None, placement.Placement], placement.Placement] = {}
        FrameEdits.__init__(self)  # the frame clipboard, picture sizes
        self.conflicts = Conflicts(self)  # stale text edits: merged, or kept for the desk
        self.session.on_refused = self.conflicts.waited_and_refused
        self.checkouts = DeskCheckouts(self)  # pages and stories other desks hold: read-only
        self.session.guard = self.checkouts.guard
        self._recompose({p.id for p in doc.pages if p.id is not None})

    # -- the IssueView the window reads -------------------------------------------------------

    @property
    def title(self) -> str:
        d = self.doc
        return f"{d.publication.name} {d.issue.date_zh} {d.issue.numbers_zh}"

    def page_labels(self) -> list[str]:
        return [f"{p.label_zh} {p.section}" for p in self.doc.pages]

    def composed_page(self, index: int) -> ComposedPage:
        return self._composed[self.page(index).id]  # type: ignore[index]

    def pages(self) -> list[ComposedPage]:
        return [self._composed[p.id] for p in self.doc.pages]  # type: ignore[index]

    def image(self, asset_id: str) -> bytes:
        return self.library.asset(asset_id).data

    # -- reading the model --------------------------------------------------------------------

    def page(self, index: int) -> Page:
        return self.doc.pages[index]

    def page_index(self, page_id: int | None) -> int:
        for i, p in enumerate(self.doc.pages):
            if p.id == page_id:
                return i
        raise KeyError(page_id)

    def frame(self, frame_id: int) -> Frame:
        for frames in self.doc.frames.values():
            for f in frames:
                if f.id == frame_id:
                    return f
        raise KeyError(frame_id)

    def frame_for_owner(self, owner: str) -> Frame | None:
        """The model frame behind a display-list owner id such as "frame-12"."""
        frame_id = owner_frame_id(owner)
        if frame_id is None:
            return None
        try:
            return self.frame(frame_id)
        except KeyError:
            return None

    def article(self, article_id: int) -> Article:
        return self.doc.articles[article_id]

    def bin(self, query: str = "") -> list[Article]:
        """The article bin (稿库): unplaced stories, filtered by a text in any title or slug."""
        q = query.strip().casefold()
        found = self.doc.unplaced()
        if not q:
            return found
        return [
            a
            for a in found
            if any(q in t.casefold() for t in (a.headline, a.kicker, a.subheadline, a.slug))
        ]

    def status(self, index: int) -> PageStatus:
        page = self.page(index)
        composed = self._composed[page.id]  # type: ignore[index]
        signed = self.library.signoffs(page.id)  # type: ignore[arg-type]
        return PageStatus(
            f"{page.label_zh} {page.section}",
            sum(f.overset for f in composed.frames),
            len(composed.findings),
            signed[-1].step if signed else "",
            held.person if (held := self.checkouts.page_holder(page.id)) is not None else "",
        )

    def owner(self, frame: Frame) -> str:
        return owner_id(frame)

    # -- listening ----------------------------------------------------------------------------

    def subscribe(self, listener: EditorListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _changed(self, change: Change) -> None:
        """After a command: re-read what it touched, compose the touched pages, tell listeners."""
        self._reread(change)
        self._show(change)

    def _reread(self, change: Change) -> None:
        if change.everything:
            self.doc = IssueDoc.load(self.library, self.doc.issue.cumulative_number)
        else:
            for page_id in change.pages:
                self.doc.frames[page_id] = self.library.frames(page_id)
            for article_id in change.articles:
                try:
                    self.doc.articles[article_id] = self.library.article(article_id)
                except LibraryError:
                    self.doc.articles.pop(article_id, None)

    def _show(self, change: Change, remote: bool = False) -> None:
        self._plans.clear()  # a drop measured before the edit may fit differently now
        touched = affected_pages(self.doc, change)
        self._recompose(touched)
        indexes = tuple(sorted(self.page_index(pid) for pid in touched))
        event = EditorChange(indexes, change.articles, change.everything, change.proof, remote)
        for listener in list(self._listeners):
            listener(event)

    def take_remote(self, change: Change) -> None:
        """Another desk changed what `change` names (app/edit/live.py): read it again from
        the library, compose the pages it touches, tell listeners (remote=True)."""
        if change.everything:
            self._reread(change)
            self._show(change, remote=True)
            return

        def stories() -> set[int]:  # a frame moved or resized re-flows its story's thread
            frames = (f for p in change.pages for f in self.doc.frames.get(p, []))
            return {f.article_id for f in frames if f.article_id is not None}

        shown = stories()
        before = affected_pages(self.doc, change | Change(articles=frozenset(shown)))
        self._reread(change)
        flowing = frozenset(shown | stories())
        self._show(change | Change(pages=frozenset(before), articles=flowing), remote=True)

    def show_library_text(self, article_id: int) -> None:
        """Show the library's text of a story (the other desk's, in a conflict)."""
        self.take_remote(Change.of(articles=(article_id,)))

    def _recompose(self, page_ids: set[int]) -> None:
        self._composed.update(compose_pages(self.composer, self.doc, page_ids))

    # -- edits --------------------------------------------------------------------------------

    def _push(
        self, command: Command, preview: Callable[[], Change] | None = None, join: bool = False
    ) -> None:
        """Push `command`; if it has to wait to be saved (the library is read-only, held by
        another program, on a full disk: app/edit/session.py), `preview` puts what it will do
        into the document meanwhile, so the page and the inspector show the edit and the next
        edit builds on it. Saving it later re-reads the library."""
        self.session.push(command, join=join)
        if self.session.unsaved and preview is not None:
            self._show(preview())

    def _preview_frame(self, frame_id: int, **geometry: Any) -> Change:
        frame = self.frame(frame_id)
        frames = self.doc.frames[frame.page_id]  # type: ignore[index]
        frames[next(i for i, f in enumerate(frames) if f.id == frame_id)] = replace(
            frame, **geometry
        )
        return Change.of((frame.page_id,), (frame.article_id,))

    def _preview_text(self, article_id: int, text: dict[str, Any]) -> Change:
        article = self.doc.articles[article_id]
        self.conflicts.remember(article)  # what the waiting edit started from, to merge with
        self.doc.articles[article_id] = replace(article, **text)
        return Change.of(articles=(article_id,))

    def place_article(
        self, article_id: int, index: int, x: float, y: float, span: int | None = None
    ) -> int | None:
        """Drop a story at (x, y) points on page `index`; returns the new frame's id (None
        while the placing waits to be saved)."""
        page = self.page(index)
        plan = self.plan_article(article_id, index, x, y, span)
        kind = ContinueArticle if self.doc.thread(article_id) else PlaceArticle
        command = kind(article_id, page.id, self.grid, plan.col, plan.span, plan.y, plan.lines)  # type: ignore[arg-type]
        self.session.push(command)
        return command.frame_id

    def plan_article(
        self, article_id: int, index: int, x: float, y: float, span: int | None = None
    ) -> placement.Placement:
        """Where place_article puts the story: the drop and its preview share this plan. Kept
        until the next edit, so a drag over the page measures the story once per grid cell."""
        article, page = self.article(article_id), self.page(index)
        area = placement.story_area(
            self.grid,
            span or placement.default_span(article, self.grid),
            x,
            y,
            self.doc.frames.get(page.id, []),  # type: ignore[arg-type]
        )
        key = (article_id, page.id, area)
        plan = self._plans.get(key)
        if plan is None:
            plan = placement.plan_placement(self.composer, self.doc, article, page, x, y, span)
            self._plans[key] = plan
        return plan

    def plan_picture(
        self,
        x: float,
        y: float,
        width_px: int,
        height_px: int,
        caption: str = "",
        index: int | None = None,
    ) -> placement.Placement:
        """Where add_picture puts a picture of this many pixels on page `index`: the drop and
        its preview (free space, or set into the story under the pointer, wrapped)."""
        if index is None:
            return placement.picture_placement(self.grid, x, y, width_px, height_px, bool(caption))
        frames = self.doc.frames.get(self.page(index).id, [])  # type: ignore[arg-type]
        return placement.picture_plan(self.grid, frames, x, y, width_px, height_px, bool(caption))

    def move_frame(self, frame_id: int, x: float, y: float, snap: bool = True) -> None:
        frame = self.frame(frame_id)
        if snap:
            x, y = placement.snap_move(self.grid, x, y, frame.w, frame.h)
        if (x, y) != (frame.x, frame.y):
            self._push(
                MoveFrame(frame_id, x, y, base=frame.version or None),
                lambda: self._preview_frame(frame_id, x=x, y=y),
            )

    def resize_frame(self, frame_id: int, handle: str, px: float, py: float) -> None:
        """Drag one of the frame's handles to (px, py); edges snap to columns and lines."""
        frame = self.frame(frame_id)
        rect = placement.snap_resize(
            self.grid, (frame.x, frame.y, frame.w, frame.h), handle, px, py
        )
        self.set_frame_rect(frame_id, *rect)

    def set_frame_rect(self, frame_id: int, x: float, y: float, w: float, h: float) -> None:
        frame = self.frame(frame_id)
        if (x, y, w, h) == (frame.x, frame.y, frame.w, frame.h):
            return
        columns = placement.columns_after_resize(self.grid, frame, w)
        if frame.kind not in ("article", "teaser"):
            columns = frame.columns
        self._push(
            ResizeFrame(frame_id, x, y, w, h, columns, base=frame.version or None),
            lambda: self._preview_frame(frame_id, x=x, y=y, w=w, h=h, columns=columns),
        )

    def nudge_frame(self, frame_id: int, dx: int, dy: int) -> None:
        x, y = placement.nudge(self.grid, self.frame(frame_id), dx, dy)
        self.move_frame(frame_id, x, y, snap=False)

    def delete_frame(self, frame_id: int) -> None:
        self.session.push(DeleteFrame(frame_id))

    def fit_frame(self, frame_id: int) -> None:
        """适配高度: a story frame shortened to the whole lines its text takes (UserError when
        it has none to spare)."""
        frame = self.frame(frame_id)
        if frame.kind != "article" or frame.article_id is None:
            raise UserError("只有稿件框可适配高度 / only a story frame fits to its text")
        layout, _, _ = self.composer.layout_article(self.doc, self.article(frame.article_id))
        # the story's own leading where it sets one (app/compose/story_type.py)
        leading = story_body(
            self.composer.house(self.doc), self.grid, self.story_frame(frame_id)
        ).leading
        command = FitFrameToText(frame, layout.fill[owner_id(frame)], leading)
        h = command.geometry[3]
        self._push(command, lambda: self._preview_frame(frame_id, h=h))

    def edit_text(
        self, article_id: int, *, base: Article | None = None, join: bool = False, **text: Any
    ) -> str:
        """New text for a story's fields (kicker, headline, subheadline, byline, paragraphs),
        typed into the story as `base` showed it (default: as the document has it now);
        `join`: part of the text edit still open, however long ago it began (one field's).

        If another desk changed the story since `base`, the two are merged and saved when
        they touched different paragraphs (MERGED: show the story again), else the conflict
        waits for the desk to settle (CONFLICT, app/edit/conflicts.py); SAVED otherwise,
        UNCHANGED when there was nothing to save."""
        current = self.article(article_id)
        base = base if base is not None and base.id == article_id else current
        if all(getattr(current, k) == v for k, v in text.items()):
            return UNCHANGED
        command = EditArticleText(article_id, base=base.version or None, **text)
        try:
            self._push(command, lambda: self._preview_text(article_id, command.text), join)
        except LibraryConflict:
            return self.conflicts.refused(article_id, base, text)
        return SAVED

    def add_picture(
        self, index: int, x: float, y: float, data: bytes, name: str, caption: str = ""
    ) -> int | None:
        """A picture file dropped at (x, y): checked (app/intake/pictures.py), then framed —
        or, dropped on a picture frame, put in its place."""
        picture = load_picture(data, name)
        target = self.picture_under(index, x, y)
        if target is not None:  # dropped on a picture: the new one takes its place
            self.replace_picture(target, picture.asset)
            return target
        asset = picture.asset
        plan = self.plan_picture(x, y, asset.width, asset.height, caption, index)
        props = {"wrap": Offsets().prop()} if plan.wrap else {}
        frame = frame_on_grid(
            self.grid,
            self.page(index).id,  # type: ignore[arg-type]
            plan.col,
            plan.span,
            plan.y,
            plan.lines,
            kind="image",
            props=props,
        )
        command = AddImageFrame(frame, asset, caption)
        self.session.push(command)
        return command.frame_id

    def add_qr(
        self, index: int, x: float, y: float, payload: str = "", caption: str = ""
    ) -> int | None:
        """A QR slot in the free space at (x, y); without a payload it shows the
        publication's own."""
        frames = self.doc.frames.get(self.page(index).id, [])  # type: ignore[arg-type]
        plan = placement.qr_placement(self.grid, x, y, frames)
        frame = frame_on_grid(
            self.grid, self.page(index).id, plan.col, plan.span, plan.y, plan.lines, kind="qr"
        )  # type: ignore[arg-type]
        command = AddQRFrame(frame, payload, caption)
        self.session.push(command)
        return command.frame_id

    def import_files(
        self,
        paths: Sequence[str | Path],
        *,
        fullwidth: bool = False,
        attach_to: int | None = None,
    ) -> list[ImportResult]:
        """Files into the bin as one undo step: all are read and checked first (UserError,
        nothing changed, for any that cannot go in), then stored in one transaction. Picture
        files join a story of the same import or, failing that, story `attach_to`."""
        command = ImportFiles.read(self.doc.issue, paths, fullwidth=fullwidth, attach_to=attach_to)
        self.session.push(command)
        return command.results or []  # empty while the import waits to be saved

    def makeup_job(self, index: int, keep: bool = True) -> MakeupJob:
        """What 自动组版 on page `index` works from, read now; proposing it (page_makeup.propose)
        touches no library and may run on another thread."""
        return read_job(
            self.library, self.doc.issue.cumulative_number, self.page(index).id, keep=keep
        )

    def apply_makeup(self, job: MakeupJob, chosen: PageProposal) -> None:
        """Store a proposal on its page as one undo step (UserError if the page changed since)."""
        self.session.push(ApplyMakeup(job, chosen))

    # -- proofreading (校对) ---------------------------------------------------------------------

    def open_round(self, kind: str, proofreader: str) -> int:
        """Open a round (一校/二校/三校) on every page as it composes now; returns its id."""
        command = OpenRound(self.doc.issue.id, kind, proofreader, self.pages())  # type: ignore[arg-type]
        self.session.push(command, wait=False)  # the proof view needs the round now
        assert command.round_id is not None
        return command.round_id

    def resolve_mark(self, mark_id: int, status: str, by: str = "") -> None:
        """Set a mark fixed (已改), rejected (不改) or open again, as an undoable step, by
        `by` (default: this desk's person)."""
        self.session.push(ResolveMark(mark_id, status, by or self.library.person))

    def sign_page(self, page_id: int, step: str, person: str, *, after_fixes: bool = False) -> None:
        """Sign 初审/复审/终审/签发 of a page under app/proof's rules, as an undoable step."""
        self.session.push(SignPage(page_id, step, person, after_fixes=after_fixes), wait=False)

    def close_round(self, round_id: int) -> None:
        """结束校次: the round's pages advance to its kind, signed by its proofreader."""
        self.session.push(CloseRound(round_id), wait=False)

    # -- revisions ----------------------------------------------------------------------------

    def save_revision(self, name: str, at: Any = None) -> Revision:
        """A named revision (Ctrl+S) of the issue as it is now; not an undo step."""
        issue_id = self.doc.issue.id
        snapshot = take_snapshot(self.library, issue_id)  # type: ignore[arg-type]
        return self.library.add_revision(issue_id, name, snapshot, at or now())  # type: ignore[arg-type]

    def revisions(self) -> list[Revision]:
        return self.library.revisions(self.doc.issue.id)  # type: ignore[arg-type]

    def restore_revision(self, revision_id: int) -> None:
        self.session.push(RestoreRevision(self.doc.issue.id, revision_id))  # type: ignore[arg-type]

    # -- the issue itself -----------------------------------------------------------------------

    def set_issue_properties(self, props: IssueProperties) -> None:
        """Date, page count, colour pages and sections (app/edit/issue_props.py), one step."""
        if props != IssueProperties.of(self.library, self.doc.issue):
            # not queued when the library is busy: pages come and go, the desk must know now
            command = SetIssueProperties(self.doc.issue.id, props)  # type: ignore[arg-type]
            self.session.push(command, wait=False)

    # -- checking and printing ------------------------------------------------------------------

    def preflight(self, decode_qr: bool = True) -> list[PreflightFinding]:
        def info(asset_id: str) -> ImageInfo | None:
            try:
                return image_info_from_bytes(self.library.asset(asset_id).data)
            except (LibraryError, OSError):
                return None

        return preflight(self.doc, self.pages(), image_info=info, decode_qr=decode_qr)

    def print_warnings(self, refuse: bool = False) -> list[str]:
        """One line per page not ready for the press (not 签发, or 改后付印 with marks open);
        with `refuse` any such page raises ProofError (app/proof/signoff.py)."""
        return print_warnings(self.library, self.doc.issue, refuse=refuse)

    def export(
        self,
        path: str | Path,
        progress: Progress | None = None,
        preset: str = "screen",
        *,
        require_signoff: bool = False,
    ) -> Sequence[Path]:
        """The issue as one PDF/X-1a file; `progress(done, total)` hears each page drawn.

        With `require_signoff` (the newsroom's 签发后才能付印), an issue with a page not signed
        off is refused (ProofError) before anything is drawn or written; otherwise warning
        about such pages is the caller's (print_warnings)."""
        if require_signoff:
            self.print_warnings(refuse=True)
        return export_with_progress(
            self.doc,
            self.pages(),
            path,
            image_loader=lambda asset: self.library.asset(asset).data,
            progress=progress,
            preset=preset,
        )


def open_editor(library: Library, number: int | None = None) -> IssueEditor:
    """The editor on issue `number` of a library (its newest issue if None)."""
    doc = load_issue(library, number)
    return IssueEditor(library, doc, make_composer(font_registry()))
