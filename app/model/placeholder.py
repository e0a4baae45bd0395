"""How the built-in sample says a text, picture or name is a stand-in: takes text, gives the marker it carries (示例文字, 示例图片, 示例编辑 …)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.model import Credits, Issue

# Words that mark the sample's stand-ins: placeholder stories say 示例文字 (and their decks
# 示例引题), placeholder pictures are captioned 示例图片, page credits read 示例编辑/美编/校对.
MARKERS = ("示例文字", "示例引题", "示例图片", "示例稿件", "示例段落")
CREDIT_MARK = "示例"
# A PNG text chunk the sample's generated pictures carry, so a stand-in picture is known even
# after its caption was changed.
PNG_KEY = "banmian-placeholder"
# The built-in sample (石景山报 2019-04-25, 总第1809期): its stand-ins are expected there.
SAMPLE_ISSUE = 1809
SAMPLE_DATE = date(2019, 4, 25)


def is_sample_issue(issue: Issue) -> bool:
    return issue.cumulative_number == SAMPLE_ISSUE and issue.date == SAMPLE_DATE


def marker_in(text: str) -> str | None:
    """The first placeholder marker `text` carries, or None."""
    return next((m for m in MARKERS if m in text), None)


def is_placeholder_credit(name: str) -> bool:
    return name.strip().startswith(CREDIT_MARK)


def real_credits(credits: Credits) -> Credits:
    """The credits with the sample's stand-in names blanked (a new issue never inherits them)."""
    return replace(
        credits,
        **{
            k: "" if is_placeholder_credit(getattr(credits, k)) else getattr(credits, k)
            for k in ("editor", "designer", "proofreader")
        },
    )
