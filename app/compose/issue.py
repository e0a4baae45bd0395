"""Composition: an IssueDoc → one ComposedPage per page, through the layouts engine.

Stories flow through their threads, teasers point at their story's page, furniture is
generated from the issue's data. Paragraph composition is cached, so an edit redoes only
the paragraphs it touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from app.compose.fields import see_page
from app.compose.follow import follow_head, follow_text
from app.compose.furniture import compose_furniture, running_head_items
from app.compose.story_type import frame_gutter, story_body, story_house
from app.compose.styles import HouseStyle, frame_rank
from app.compose.wraps import covered_heads, wrap_areas
from app.model import Article, Frame
from app.model.document import IssueDoc
from layouts.display import ComposedPage, Finding, FontSource, FrameInfo, Item, frame_owner
from layouts.flow import HeadBlock, ParagraphCache, Story, StoryLayout, TextFrame, flow_story
from layouts.fonts.metrics import FaceSet
from layouts.grid import GRIDS, PageGrid
from layouts.headline import compose_head, natural_width, set_line
from layouts.text import Paragraph, Span, TextStyle

# Resolves each span's characters to a face that has them; returns the spans and, for each
# character no face has, its label ('U+4D19 䴙') and index in the paragraph.
SpanResolver = Callable[[list[Span]], tuple[list[Span], list[tuple[str, int]]]]


def owner_id(frame: Frame) -> str:
    return frame_owner(frame.id)


@dataclass
class PageParts:
    items: list[Item] = field(default_factory=list)
    frames: list[FrameInfo] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class IssueComposer:
    """Composes whole issues; keeps its paragraph cache between calls."""

    def __init__(
        self,
        faces: FaceSet,
        style: HouseStyle | None = None,
        resolve_spans: SpanResolver | None = None,
    ) -> None:
        self.faces = faces
        # The composer's own style when given (tests, benchmarks); else each issue is composed
        # in the house style it was loaded with (doc.style), and `style` is the default sheet.
        self.style = style or HouseStyle()
        self._own_style = style is not None
        self.cache = ParagraphCache(faces)
        self.resolve_spans = resolve_spans

    def house(self, doc: IssueDoc) -> HouseStyle:
        """The style sheet composition follows: the composer's own, else the library's."""
        return self.style if self._own_style else HouseStyle(doc.style)

    def paragraphs(
        self, article: Article, style: TextStyle, byline_font: str | None = None
    ) -> tuple[list[Paragraph], list[str]]:
        """Article text as composer paragraphs; the byline opening the first is set bold."""
        byline_font = byline_font or self.style.byline_font
        out: list[Paragraph] = []
        missing: list[str] = []  # "U+XXXX c at paragraph p, character k"
        for i, text in enumerate(article.paragraphs):
            if i == 0 and article.byline and text.startswith(article.byline):
                spans = [
                    Span(article.byline, byline_font, style.color),
                    Span(text[len(article.byline) :], style.font, style.color),
                ]
            else:
                spans = [Span(text, style.font, style.color)]
            if self.resolve_spans is not None:
                spans, lost = self.resolve_spans(spans)
                missing.extend(
                    f"{label}, paragraph {i + 1}, character {k + 1}" for label, k in lost
                )
            out.append(Paragraph(tuple(s for s in spans if s.text), style))
        return out, missing

    def compose(self, doc: IssueDoc) -> list[ComposedPage]:
        grid = GRIDS[doc.publication.page_format]()
        parts = {p.number: PageParts() for p in doc.pages}
        self._stories(doc, grid, parts)
        self._teasers(doc, grid, parts)
        for page in doc.pages:
            part = parts[page.number]
            for frame in doc.frames.get(page.id, []):
                if frame.kind in ("article", "teaser"):
                    continue
                items, findings = compose_furniture(frame, owner_id(frame), doc, grid, self.faces)
                part.items.extend(items)
                part.findings.extend(findings)
                part.frames.append(_info(frame))
            if page.template != "front":
                part.items.extend(running_head_items(doc, page, grid, self.faces))
        fonts = tuple(FontSource(f.key, f.path, f.index, f.family) for f in self.faces.values())
        return [
            ComposedPage(
                number=p.number,
                width=grid.trim_w,
                height=grid.trim_h,
                items=tuple(parts[p.number].items),
                frames=tuple(parts[p.number].frames),
                findings=tuple(parts[p.number].findings),
                fonts=fonts,
                black_only=doc.issue.is_black_only(p.number),
            )
            for p in doc.pages
        ]

    def _text_frame(self, doc: IssueDoc, frame: Frame, grid: PageGrid) -> TextFrame:
        return TextFrame(
            owner_id(frame),
            doc.page_number(frame.page_id),
            frame.x,
            frame.y,
            frame.w,
            frame.h,
            frame.columns,
            frame_gutter(frame, grid),
        )

    def _story(
        self,
        doc: IssueDoc,
        article: Article,
        frames: list[Frame],
        grid: PageGrid,
        paragraphs: list[Paragraph],
    ) -> tuple[StoryLayout, list[Finding]]:
        first = frames[0]
        house = story_house(self.house(doc), first)  # the story's own settings over the table
        span = max(1, round((first.w + grid.gutter) / (grid.column_width + grid.gutter)))
        group = house.head_group(
            article.headline,
            article.kicker,
            article.subheadline,
            frame_rank(first, article),
            span,
            grid,
            first.props.get("headline_size"),
            front=leads_front_page(doc, first),
            width=first.w,
            measure=self._measure,
        )
        head, findings = compose_head(group, first.w, self.faces, owner_id(first))
        white = first.props.get("head_white", 0)
        if isinstance(white, int) and white > 0:  # 题区 white the make-up gave the headline
            head = replace(head, height=head.height + white * grid.leading)
        story = Story(
            id=f"article-{article.id}",
            paragraphs=tuple(paragraphs),
            frames=tuple(self._text_frame(doc, f, grid) for f in frames),
            head=head,
            jump_style=house.jump(grid),
            wraps=wrap_areas(doc),
            follow=self._follow(doc, article, frames, grid, findings),
        )
        layout = flow_story(story, self.cache, grid, self._set_jump)
        return layout, findings + covered_heads(story)

    def _follow(
        self,
        doc: IssueDoc,
        article: Article,
        frames: list[Frame],
        grid: PageGrid,
        findings: list[Finding],
    ) -> Callable[[TextFrame, str], HeadBlock] | None:
        """How a continuation of `article` opens: its 续题 over （上接第N版）, in the frame.
        None where an older make-up set the 续题 as a text frame of its own (props.follows):
        that frame still heads the continuation, and the （上接） line opens its first leg."""
        if any(
            f.kind == "text" and f.props.get("follows") == article.id
            for page in doc.frames.values()
            for f in page
        ):
            return None
        by_owner = {owner_id(f): f for f in frames}
        house = self.house(doc)  # the library's table, as the story's own head is set

        def follow(frame: TextFrame, jump: str) -> HeadBlock:
            title = follow_text(article, by_owner.get(frame.id))
            block, found = follow_head(title, jump, frame.w, house, grid, self.faces, frame.id)
            findings.extend(found)
            return block

        return follow

    def _measure(self, text: str, font: str, size: float) -> float:
        return natural_width(text, font, size, self.faces)

    def _set_jump(self, text: str, style: TextStyle, width: float, align: str):
        return set_line(text, style, self.faces, width, align)

    def layout_article(
        self, doc: IssueDoc, article: Article
    ) -> tuple[StoryLayout, list[Finding], list[str]]:
        """Flow one article through its thread (autofill and the editor re-flow just this)."""
        grid = GRIDS[doc.publication.page_format]()
        house, thread = self.house(doc), doc.thread(article.id)
        body = story_body(house, grid, thread[0] if thread else None)
        paragraphs, missing = self.paragraphs(article, body, house.byline_font)
        layout, findings = self._story(doc, article, thread, grid, paragraphs)
        return layout, findings, missing

    def _stories(self, doc: IssueDoc, grid: PageGrid, parts: dict[int, PageParts]) -> None:
        for article in doc.articles.values():
            frames = doc.thread(article.id)
            if not frames:
                continue
            layout, findings, missing = self.layout_article(doc, article)
            last = frames[-1]
            for frame in frames:
                parts[doc.page_number(frame.page_id)].frames.append(
                    _flow_info(frame, layout, layout.overset if frame is last else 0)
                )
            for number in sorted({doc.page_number(f.page_id) for f in frames}):
                parts[number].items.extend(layout.items_for_page(number))
            home = parts[doc.page_number(last.page_id)]
            home.findings.extend(findings)
            if layout.overset:
                home.findings.append(_overset(last, layout.overset, article))
            for where in missing:
                home.findings.append(
                    Finding(
                        "missing_glyph",
                        owner_id(frames[0]),
                        f"缺字 / no font has {where} in «{article.headline}»",
                        1,
                    )
                )

    def _teasers(self, doc: IssueDoc, grid: PageGrid, parts: dict[int, PageParts]) -> None:
        house = self.house(doc)
        body = house.body(grid)
        for page in doc.pages:
            for frame in doc.frames.get(page.id, []):
                if frame.kind != "teaser" or frame.article_id not in doc.articles:
                    continue
                article = doc.articles[frame.article_id]
                n = int(frame.props.get("paragraphs", 1))
                paragraphs, _ = self.paragraphs(article, body, house.byline_font)
                paragraphs = paragraphs[:n]
                thread = doc.thread(article.id)
                part = parts[page.number]
                if thread:
                    target = doc.page_number(thread[0].page_id)
                    right = TextStyle(body.font, body.size, body.leading, indent=0, align="right")
                    paragraphs.append(Paragraph.plain(see_page(target), right))
                else:
                    part.findings.append(
                        Finding(
                            "teaser_target",
                            owner_id(frame),
                            f"导读所指稿件未上版 / the teaser's story is not placed: "
                            f"{article.headline}",
                        )
                    )
                layout, findings = self._story(doc, article, [frame], grid, paragraphs)
                part.items.extend(layout.items_for_page(page.number))
                part.findings.extend(findings)
                part.frames.append(_flow_info(frame, layout, layout.overset))
                if layout.overset:
                    part.findings.append(_overset(frame, layout.overset, article))


def leads_front_page(doc: IssueDoc, frame: Frame) -> bool:
    """Whether `frame` opens the front page's lead: on page 1, the topmost (then leftmost) story
    of rank 1 there. Another rank-1 story on page 1 is set as a page lead, not as the issue's
    largest headline."""
    page = next((p for p in doc.pages if p.id == frame.page_id), None)
    if page is None or not (page.template == "front" or page.number == 1):
        return False
    leads = [
        f
        for f in doc.frames.get(page.id, [])
        if f.kind == "article"
        and f.thread_index == 0
        and f.article_id in doc.articles
        and frame_rank(f, doc.articles[f.article_id]) == 1  # type: ignore[index]
    ]
    top = min(leads, key=lambda f: (round(f.y, 1), f.x), default=None)
    return top is not None and top.id == frame.id


def _flow_info(frame: Frame, layout: StoryLayout, overset: int) -> FrameInfo:
    """A text frame's info: its overset, and the 字 its empty line slots would still hold."""
    fill = layout.fill.get(owner_id(frame))
    return _info(frame, overset, int(fill.free * fill.chars_per_line) if fill else 0)


def _overset(frame: Frame, count: int, article: Article) -> Finding:
    return Finding(
        "overset",
        owner_id(frame),
        f"超{count}字 / overset {count} characters: {article.headline}",
        count,
    )


def _info(frame: Frame, overset: int = 0, space_left: int = 0) -> FrameInfo:
    return FrameInfo(
        owner_id(frame), frame.kind, frame.x, frame.y, frame.w, frame.h, overset, space_left
    )
