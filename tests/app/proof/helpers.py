"""Proofreading test helpers: a small library (one issue, two pages, three stories) and a stand-in one-em composer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from app.edit.commands import EditArticleText
from app.edit.session import EditSession
from app.model import Article, Frame, Issue, Page, Publication
from app.store import Library
from layouts.display import ComposedPage, FontSource, GlyphRun

TEST_FONT = Path(__file__).resolve().parents[2] / "fonts" / "BanmianTestSerifSC-Regular.ttf"
SONG = FontSource("song", str(TEST_FONT), 0, "Banmian Test Serif SC")
BODY, HEAD, LEADING = 9.0, 18.0, 14.0
PAGE_W, PAGE_H = 420.0, 600.0
TZ = timezone(timedelta(hours=8))  # Beijing time, as the newsroom signs

STORIES = {
    "lead": (
        "八角街道吹哨报到",
        [
            "本报讯(记者徐巍)4月23日，区委书记到八角街道调研“吹哨报到”工作，听取街道和社区的汇报。",
            "他强调，要把群众的小事当作大事来办，让居民的每一件诉求都有回音。",
            "石景山区持续推进创建全国文明城区工作，社区环境明显改善。",
        ],
    ),
    "second": (
        "老旧小区加装电梯",
        [
            "古城街道今年计划为十二栋老旧楼房加装电梯，方便老年居民上下楼。",
            "居民代表说：盼了多年，终于等到了。",
        ],
    ),
    "inside": (
        "社区图书馆开放",
        ["鲁谷社区图书馆日前正式开放，藏书两万余册，周一至周日均可借阅。"],
    ),
}


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2019, 4, 24, hour, minute, tzinfo=TZ)


def set_line(owner: str, text: str, x: float, y: float, size: float) -> GlyphRun:
    return GlyphRun(owner, "song", size, y, text, tuple(x + i * size for i in range(len(text))))


def toy_compose(lib: Library, issue_id: int) -> list[ComposedPage]:
    """Headline at 18 pt, then the body at 9 pt, one em per character, first lines indented 2 字;
    a stand-in for the paragraph composer with the same owner ids ("frame-<id>")."""
    pages = []
    for page in lib.pages(issue_id):
        items: list[GlyphRun] = []
        for frame in lib.frames(page.id):
            owner = f"frame-{frame.id}"
            if frame.article_id is None:
                items.append(set_line(owner, frame.name, frame.x, frame.y + BODY, BODY))
                continue
            article = lib.article(frame.article_id)
            y = frame.y + HEAD * 0.88
            items.append(set_line(owner, article.headline, frame.x, y, HEAD))
            y += HEAD * 0.12 + 6 + BODY * 0.88
            per_line = int(frame.w // BODY)
            for paragraph in article.paragraphs:
                rest, indent = paragraph, 2
                while rest:
                    take = per_line - indent
                    items.append(set_line(owner, rest[:take], frame.x + indent * BODY, y, BODY))
                    rest, indent, y = rest[take:], 0, y + LEADING
        pages.append(ComposedPage(page.number, PAGE_W, PAGE_H, tuple(items), fonts=(SONG,)))
    return pages


@dataclass
class Paper:
    lib: Library
    issue: Issue
    pages: dict[int, Page]  # by number
    articles: dict[str, Article]  # by slug
    frames: dict[str, Frame]  # by slug

    def compose(self) -> list[ComposedPage]:
        assert self.issue.id is not None
        return toy_compose(self.lib, self.issue.id)

    def page_id(self, number: int) -> int:
        page_id = self.pages[number].id
        assert page_id is not None
        return page_id

    def edit(self, slug: str, paragraph: int, old: str, new: str) -> None:
        """An editor's fix: replace `old` in one paragraph, as the text-edit command."""
        article = self.lib.article(self.articles[slug].id)  # type: ignore[arg-type]
        assert old in article.paragraphs[paragraph]
        article.paragraphs[paragraph] = article.paragraphs[paragraph].replace(old, new, 1)
        EditSession(self.lib).push(EditArticleText(article.id, paragraphs=article.paragraphs))  # type: ignore[arg-type]


@contextmanager
def make_paper(path: Path) -> Iterator[Paper]:
    with Library.create(path) as lib:
        pub = lib.save_publication(Publication("石景山报", "中共石景山区委宣传部主办"))
        issue = lib.add_issue(Issue(date(2019, 4, 25), 30, 1809, 2, {1}, pub.id))
        pages = {
            n: lib.add_page(Page(n, section, issue_id=issue.id))
            for n, section in ((1, "要闻"), (2, "社区"))
        }
        articles = {
            slug: lib.add_article(Article(headline, list(pars), issue_id=issue.id, slug=slug))
            for slug, (headline, pars) in STORIES.items()
        }
        geometry = {"lead": (1, 20, 40, 198, 260), "second": (1, 230, 40, 171, 200)}
        geometry["inside"] = (2, 20, 40, 198, 200)
        frames = {
            slug: lib.add_frame(
                Frame("article", x, y, w, h, pages[n].id, article_id=articles[slug].id, name=slug)
            )
            for slug, (n, x, y, w, h) in geometry.items()
        }
        lib.add_frame(Frame("banner", 20, 540, 380, 20, pages[1].id, name="创城为民创城惠民"))
        yield Paper(lib, issue, pages, articles, frames)
