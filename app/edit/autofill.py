"""Autofill (自动组版): the bin's stories made up on the issue's pages by the make-up engine.

Takes a library, an issue and a composer; gives frames stored in one transaction and a report.
The whole issue at once (page 1 first, its stories may jump inside), or one page, or a page's
K best proposals to choose from. Frames already on a page stay: the engine works around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.compose.issue import IssueComposer, owner_id
from app.edit.commands import fitted_frame
from app.edit.makeup import Inputs, inputs, store_proposal
from app.edit.makeup_measure import Measurer
from app.errors import UserError
from app.model import Page
from app.model.document import IssueDoc
from app.store import Library
from layouts.grid import GRIDS
from layouts.makeup import PageSpec, Proposal, make_up_issue, make_up_page
from layouts.makeup.issue import MAX_EXTRAS, plan

SEED = 0  # one seed: the same bin on the same pages gives the same pages


@dataclass
class AutofillReport:
    placed: list[str] = field(default_factory=list)
    continued: int = 0  # frames added to continue a story on a later page
    unplaced: list[str] = field(default_factory=list)
    pages_added: int = 0
    overset: int = 0
    jumps: list[tuple[str, int, int]] = field(default_factory=list)  # headline, from, to
    holes: int = 0  # grid cells (line × column) left white on the made-up pages
    fitted: int = 0  # frames shortened to their text where the measure left whole lines over
    moved: list[tuple[str, int]] = field(default_factory=list)  # standing frames moved: name, page
    proposals: list[Proposal] = field(default_factory=list)  # --proposals: what was offered


def autofill(
    library: Library,
    doc: IssueDoc,
    composer: IssueComposer,
    *,
    grow: bool = False,
    page: int | None = None,
    proposals: int = 0,
    apply: int | None = None,
) -> AutofillReport:
    """Make up the bin: the whole issue, or page `page` alone. With `proposals` K, offer the
    page's K best make-ups and store none of them, unless `apply` names one (1 = the best).

    One transaction: the issue is read again once the write lock is ours, so a second autofill
    (another desk, another process) works around the first one's frames, never on them; `doc`
    is updated in place to what was stored."""
    if proposals and page is None:
        raise UserError("--proposals 需要 --page / --proposals needs --page")
    if apply is not None and not 1 <= apply <= max(proposals, 1):
        raise UserError(f"没有第{apply}个方案 / there is no proposal {apply}")
    if proposals and apply is None:
        return _offer(library, doc, composer, page, proposals)  # type: ignore[arg-type]
    with library.transaction():
        # A file's write lock makes autofills take turns; a server needs the issue's own key
        # (rows are locked one by one there, and the bin is read before any is written).
        library.serialize(f"issue-makeup:{doc.issue.id}")
        doc.reload(library)
        if page is None:
            return _issue(library, doc, composer, grow)
        return _page(library, doc, composer, page, max(proposals, 1), (apply or 1) - 1)


def _measure(
    library: Library, doc: IssueDoc, composer: IssueComposer, floating: bool = False
) -> tuple[Measurer, Inputs]:
    measurer = Measurer(composer, GRIDS[doc.publication.page_format](), composer.house(doc))
    return measurer, inputs(library, doc, measurer, doc.unplaced(), floating)


def _issue(library: Library, doc: IssueDoc, composer: IssueComposer, grow: bool) -> AutofillReport:
    # the whole issue made up: standing QR slots go where they leave no pocket
    measurer, ins = _measure(library, doc, composer, floating=True)
    report = AutofillReport()
    if not ins.stories:
        return _finish(library, doc, composer, ins, report, [])
    result = make_up_issue(ins.pages, ins.grid, ins.stories, seed=SEED)
    for page, proposal in zip(doc.pages, result.pages, strict=True):
        for frame in store_proposal(library, doc, page, proposal, ins, measurer):
            report.moved.append((frame.name or frame.kind, page.number))
    made = list(result.pages)
    left = [s for s in ins.stories if s.id in set(result.unplaced)]
    while grow and left:
        page = _add_page(library, doc)
        report.pages_added += 1
        spec = PageSpec(page.number, page.section)
        ins.pages.append(spec)
        best = make_up_page(spec, ins.grid, left, k=1, seed=SEED, allow_jumps=False)[0]
        if not best.placements:  # larger than a whole page: no page added will take it
            break
        store_proposal(library, doc, page, best, ins, measurer)
        made.append(best)
        placed = {p.story for p in best.placements}
        left = [s for s in left if s.id not in placed]
    for j in result.jumps:
        report.jumps.append((ins.articles[j.story].headline, j.from_page, j.to_page))
    return _finish(library, doc, composer, ins, report, made)


def candidates(ins: Inputs, number: int):
    """A page's own bin stories (its section, or page 1's top stories), and a few others
    offered to fill what is left."""
    the_plan = plan(ins.pages, ins.grid, ins.stories)
    own = the_plan.own[number]
    spec = next(p for p in ins.pages if p.number == number)
    rest = [s for s in ins.stories if s not in own]
    rest.sort(key=lambda s: (s.section != spec.section, s.rank, s.id))
    return spec, own, rest[:MAX_EXTRAS]


def _proposals(library, doc, composer, number: int, k: int):
    if not any(p.number == number for p in doc.pages):
        raise UserError(f"第{number}版不存在 / the issue has no page {number}")
    measurer, ins = _measure(library, doc, composer)
    spec, own, extras = candidates(ins, number)
    # one page alone: a jump would need a continuation elsewhere, so none is made
    props = make_up_page(
        spec,
        ins.grid,
        own + extras,
        k=k,
        seed=SEED,
        optional=frozenset(s.id for s in extras),
        allow_jumps=False,
    )
    return measurer, ins, props


def _offer(library, doc, composer, number: int, k: int) -> AutofillReport:
    _, ins, props = _proposals(library, doc, composer, number, k)
    report = AutofillReport(proposals=props)
    report.unplaced = [a.headline for a in ins.articles.values()]
    return report


def _page(library, doc, composer, number: int, k: int, index: int) -> AutofillReport:
    measurer, ins, props = _proposals(library, doc, composer, number, k)
    report = AutofillReport(proposals=props)
    if index >= len(props):
        raise UserError(f"只有{len(props)}个方案 / only {len(props)} proposals")
    page = next(p for p in doc.pages if p.number == number)
    store_proposal(library, doc, page, props[index], ins, measurer)
    return _finish(library, doc, composer, ins, report, [props[index]])


def _finish(
    library: Library, doc, composer, ins: Inputs, report: AutofillReport, made
) -> AutofillReport:
    placed = {p.story for prop in made for p in prop.placements}
    report.placed = [a.headline for sid, a in ins.articles.items() if sid in placed]
    report.unplaced = [a.headline for sid, a in ins.articles.items() if sid not in placed]
    report.continued = sum(1 for prop in made for p in prop.placements if p.part == 1)
    report.holes = sum(h.area for prop in made for h in prop.holes)
    leading = composer.style.body(ins.pg).leading
    for article in doc.articles.values():
        thread = doc.thread(article.id)  # type: ignore[arg-type]
        if not thread:
            continue
        layout = composer.layout_article(doc, article)[0]
        report.overset += layout.overset
        if str(article.id) in placed:  # its frames are this make-up's: fit the last one
            report.fitted += _fit(library, doc, thread[-1], layout.fill, leading)
    return report


def _fit(library: Library, doc: IssueDoc, frame, fills, leading: float) -> int:
    """Shorten a story's last frame to its balanced legs (适配高度) where the measure left
    whole lines under them; 1 if it was."""
    fill = fills.get(owner_id(frame))
    fitted = fitted_frame(frame, fill, leading) if fill is not None and fill.balanced else None
    if fitted is None:
        return 0
    library.update_frame(fitted)
    frames = doc.frames[frame.page_id]
    frames[frames.index(frame)] = fitted
    return 1


def _add_page(library: Library, doc: IssueDoc) -> Page:
    number = len(doc.pages) + 1
    page = library.add_page(Page(number, "续版", issue_id=doc.issue.id))
    doc.issue.page_count = number
    library.update_issue(doc.issue)
    doc.pages.append(page)
    doc.frames[page.id] = []  # type: ignore[index]
    return page
