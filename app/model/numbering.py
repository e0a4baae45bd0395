"""Issue numbering: the next issue's date on the schedule, its yearly and cumulative numbers."""

from __future__ import annotations

from datetime import date, timedelta

from app.model import Issue


def next_publishing_date(after: date, schedule: tuple[int, ...]) -> date:
    """The first day after `after` whose weekday (Monday = 0) is on the schedule."""
    if not schedule:
        raise ValueError("the publishing schedule is empty")
    day = after + timedelta(days=1)
    while day.weekday() not in schedule:
        day += timedelta(days=1)
    return day


def next_issue(previous: Issue, schedule: tuple[int, ...]) -> Issue:
    """The issue after `previous`: cumulative +1; yearly +1, or 1 when the year turns."""
    day = next_publishing_date(previous.date, schedule)
    yearly = 1 if day.year != previous.date.year else previous.yearly_number + 1
    return Issue(
        date=day,
        yearly_number=yearly,
        cumulative_number=previous.cumulative_number + 1,
        page_count=previous.page_count,
        colour_pages=previous.colour_pages,
        publication_id=previous.publication_id,
    )
