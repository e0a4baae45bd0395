"""The built-in sample issue: 石景山报 2019-04-25, 第30期（总第1809期）, from assets/sample."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from app.model import Article, Asset, Credits, Frame, Hotline, Issue, Page, Publication, placeholder
from app.sample.picture import placeholder_picture
from layouts.grid import GRIDS, PageGrid

SAMPLE_ISSUE = placeholder.SAMPLE_ISSUE
SAMPLE_FILE = Path(__file__).resolve().parents[2] / "assets" / "sample" / "shijingshan-1809.json"


def load_sample_data() -> dict[str, Any]:
    return json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))


def publication_from(data: dict[str, Any]) -> Publication:
    p = dict(data)
    p["hotlines"] = [Hotline(label, number) for label, number in p.get("hotlines", [])]
    p["schedule"] = tuple(p.get("schedule", (1, 3)))
    return Publication(**p)


def frame_geometry(grid: PageGrid, spec: dict[str, Any]) -> tuple[float, float, float, float]:
    """Grid units (column, span, baseline line, number of lines) to points."""
    x = grid.column_x(spec["col"])
    w = grid.span_width(spec["span"])
    y = grid.baseline(spec["line"]) - grid.body_size * 0.88
    h = spec["lines"] * grid.leading
    return x, y, w, h


def placeholder_asset(w: float, h: float, ppi: float = 200) -> Asset:
    """A labelled stand-in picture at print resolution (200 ppi) for a frame of w × h points."""
    wpx, hpx = round(w / 72 * ppi), round(h / 72 * ppi)
    return Asset(placeholder_picture(wpx, hpx), "image/png", wpx, hpx)


def build_sample(library: Any) -> Issue:
    """Write the sample issue (publication, 8 pages, articles, frames) into a library."""
    data = load_sample_data()
    with library.transaction():
        pub = library.save_publication(publication_from(data["publication"]))
        grid = GRIDS[pub.page_format]()
        i = data["issue"]
        issue = library.add_issue(
            Issue(
                date=date.fromisoformat(i["date"]),
                yearly_number=i["yearly_number"],
                cumulative_number=i["cumulative_number"],
                page_count=i["page_count"],
                colour_pages=frozenset(i["colour_pages"]),
                publication_id=pub.id,
            )
        )
        slugs: dict[str, int] = {}
        for a in data["articles"]:
            art = library.add_article(Article(issue_id=issue.id, **a))
            slugs[a["slug"]] = art.id
        threads: dict[str, int] = {}
        for p in data["pages"]:
            page = library.add_page(
                Page(
                    number=p["number"],
                    section=p["section"],
                    template=p["template"],
                    credits=Credits(**p.get("credits", {})),
                    issue_id=issue.id,
                )
            )
            for spec in data["frames"].get(str(p["number"]), []):
                x, y, w, h = frame_geometry(grid, spec)
                props = dict(spec.get("props", {}))
                if props.pop("placeholder", False):
                    props["asset"] = library.put_asset(placeholder_asset(w, h))
                slug = spec.get("article")
                thread_index = 0
                if slug and spec["kind"] == "article":
                    thread_index = threads.get(slug, 0)
                    threads[slug] = thread_index + 1
                library.add_frame(
                    Frame(
                        kind=spec["kind"],
                        x=x,
                        y=y,
                        w=w,
                        h=h,
                        page_id=page.id,
                        columns=spec.get("columns", 1),
                        article_id=slugs[slug] if slug else None,
                        thread_index=thread_index,
                        props=props,
                        name=spec.get("name", ""),
                    )
                )
    return issue
