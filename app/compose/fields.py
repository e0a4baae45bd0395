"""Generated furniture text: masthead fields, running heads, jump and teaser lines.

In the official error count a mistake in these counts double, so they are derived from the
issue's data, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from lunar_python import Solar

from app.model import Issue, Page, Publication

EM_SPACE = "\u3000"  # 一字空: the separator Chinese furniture uses, never ASCII spaces


def lunar_date_zh(issue: Issue) -> str:
    """农历己亥年三月廿一 (leap months read 闰四月)."""
    lunar = Solar.fromYmd(issue.date.year, issue.date.month, issue.date.day).getLunar()
    return f"农历{lunar.getYearInGanZhi()}年{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


@dataclass(frozen=True)
class MastheadFields:
    title: str
    date_line: str  # 2019年4月25日 星期四
    lunar: str
    numbers: str  # 第30期（总第1809期）
    pages: str  # 本期8版
    sponsor: str
    registration: str  # 准印证号… or CN …
    website: str


def masthead_fields(pub: Publication, issue: Issue) -> MastheadFields:
    registration = f"CN {pub.cn_number}" if pub.cn_number else f"准印证号{pub.permit}"
    website = " ".join(part for part in (pub.website_label, pub.website) if part)
    return MastheadFields(
        title=pub.name,
        date_line=f"{issue.date_zh}{EM_SPACE}{issue.weekday_zh}",
        lunar=lunar_date_zh(issue),
        numbers=issue.numbers_zh,
        pages=issue.pages_zh,
        sponsor=pub.sponsor,
        registration=registration,
        website=website,
    )


def missing_masthead_fields(pub: Publication) -> list[str]:
    """Fields the 2020 rules require in the masthead that the publication lacks."""
    missing = []
    if not pub.sponsor.strip():
        missing.append("主办单位 sponsor")
    if not (pub.permit.strip() or pub.cn_number.strip()):
        missing.append("准印证号或CN号 permit or CN number")
    return missing


def running_head(pub: Publication, issue: Issue, page: Page) -> tuple[str, str]:
    """报眉: (outer text, inner text) for an inside page; page 1 has none."""
    outer = f"{page.label_zh}{EM_SPACE}{page.section}"
    inner = f"{pub.name}{EM_SPACE}{issue.date_zh}{EM_SPACE}{issue.weekday_zh}"
    return outer, inner


def credits_line(page: Page) -> str:
    c = page.credits
    parts = [("责任编辑", c.editor), ("美术编辑", c.designer), ("校对", c.proofreader)]
    return EM_SPACE.join(f"{k}：{v}" for k, v in parts if v)


def spread(label: str, width: int) -> str:
    """`label` filled to `width` 字 with em spaces between its characters (供　电 beside 区政府),
    so the colons after a list of labels line up, as the paper prints them."""
    missing = width - len(label)
    if missing <= 0:
        return label
    if len(label) < 2:
        return label + EM_SPACE * missing
    gaps = len(label) - 1
    out = label[0]
    for i, ch in enumerate(label[1:]):
        out += EM_SPACE * (missing // gaps + (i < missing % gaps)) + ch
    return out


def hotline_lines(pub: Publication) -> list[str]:
    """●区政府：12345 / ●供　电：95598 — labels spread to the longest with em spaces, full-width
    colon (GB/T 15834), so colons and numbers line up."""
    width = max((len(h.label) for h in pub.hotlines), default=0)
    return [f"●{spread(h.label, width)}：{h.number}" for h in pub.hotlines]


def see_page(page: int) -> str:
    return f"（详见{page}版）"
