"""Issue numbering on the publishing schedule, across a year boundary."""

from __future__ import annotations

from datetime import date

from app.model import Issue
from app.model.numbering import next_issue, next_publishing_date

TUE_THU = (1, 3)


def test_next_after_1809_is_1810_on_the_next_tuesday() -> None:
    nxt = next_issue(Issue(date(2019, 4, 25), 30, 1809), TUE_THU)  # a Thursday
    assert nxt.date == date(2019, 4, 30)
    assert nxt.weekday_zh == "星期二"
    assert (nxt.yearly_number, nxt.cumulative_number) == (31, 1810)
    assert nxt.numbers_zh == "第31期（总第1810期）"


def test_tuesday_to_thursday() -> None:
    assert next_publishing_date(date(2019, 4, 30), TUE_THU) == date(2019, 5, 2)


def test_year_boundary_restarts_yearly_number() -> None:
    last = Issue(date(2019, 12, 31), 104, 1883)  # a Tuesday
    first = next_issue(last, TUE_THU)
    assert first.date == date(2020, 1, 2)
    assert (first.yearly_number, first.cumulative_number) == (1, 1884)
    second = next_issue(first, TUE_THU)
    assert (second.yearly_number, second.cumulative_number) == (2, 1885)


def test_year_boundary_on_new_years_day() -> None:
    # A daily paper: 31 Dec → 1 Jan restarts at 1.
    first = next_issue(Issue(date(2020, 12, 31), 366, 5000), tuple(range(7)))
    assert first.date == date(2021, 1, 1) and first.yearly_number == 1


def test_press_plan_and_page_count_carry_over() -> None:
    nxt = next_issue(Issue(date(2019, 4, 25), 30, 1809, 12, frozenset({1, 12})), TUE_THU)
    assert nxt.page_count == 12 and nxt.colour_pages == frozenset({1, 12})
