"""Every figure of the bulletin on a hand-made docket across the 2025 National Day holiday and its
调休 weekends, with the answers worked out here (see tests/bulletin_docket.py for each part's life)."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.figures import Bulletin, Figures, behind_first, compute, percent, ranking
from ledger.periods import Period, PeriodError, parse_period
from schedules.workdays import WorkCalendar
from tests.bulletin_docket import ZONE, A, B, C, at, docket

NOW = at(11, 3, 9)  # Monday Nov 3, 2025: October is over


def _figures(period: Period, calendar: WorkCalendar | None = None) -> Bulletin:
    return compute(docket().values(), period, now=NOW, zone=ZONE, calendar=calendar or WorkCalendar())


def _row(f: Figures) -> tuple[object, ...]:
    return (
        f.sign_judged, f.signed_on_time, f.due, f.on_time, f.closed, f.late_open, f.late_closed,
        f.returns, f.reviews, f.unreported, f.unsigned, f.extended,
    )  # fmt: skip


def test_october_totals() -> None:
    result = _figures(Period.month(2025, 10))
    total = result.total
    # Sign-off judged: P4 (late, 调休 Saturday missed), P5 (on time on that Saturday), P6 (never).
    # Due in October: P1, P2, P3, P5, P10; on time P1, P5, P10. Closed: P1, P2, P5, P9, P10.
    # Late: P3 open (1 day), P8 open (32 days), P2 closed late (8 days). Returns 2 of 7 reviews.
    assert _row(total) == (3, 1, 5, 3, 5, 2, 1, 2, 7, 1, 2, 1)
    assert total.late == 3
    assert percent(total.signoff_rate) == "33.3%"
    assert percent(total.on_time_rate) == "60%"
    assert percent(total.return_rate) == "28.6%"
    assert result.as_of == date(2025, 10, 31)
    assert [(x.part.item, x.part.unit, x.days, x.closed) for x in result.late] == [
        ("法治第3条", C, 32, False),
        ("法治第1条", B, 8, True),
        ("法治第2条", A, 1, False),
    ]
    assert [(x.part.item, x.part.unit, x.overdue) for x in result.unsigned] == [
        ("交办2号", B, True),
        ("交办2号", C, False),
    ]
    assert [(x.part.item, x.part.unit) for x in result.unreported] == [("法治第3条", C)]


def test_october_per_unit_and_per_source() -> None:
    result = _figures(Period.month(2025, 10))
    assert _row(result.by_unit[A]) == (1, 0, 3, 2, 2, 1, 0, 0, 2, 0, 0, 1)
    assert _row(result.by_unit[B]) == (1, 0, 1, 0, 2, 0, 1, 2, 4, 0, 1, 0)
    assert _row(result.by_unit[C]) == (1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0)
    assert percent(result.by_unit[B].return_rate) == "50%"
    assert percent(result.by_unit[A].on_time_rate) == "66.7%"
    assert result.by_unit[C].days_late == 32
    assert _row(result.by_source["法治"]) == (0, 0, 3, 1, 3, 2, 1, 2, 5, 1, 0, 0)
    assert percent(result.by_source["法治"].signoff_rate) == "—"
    assert percent(result.by_source["法治"].return_rate) == "40%"
    assert _row(result.by_source["交办"]) == (3, 1, 2, 2, 2, 0, 0, 0, 2, 0, 2, 1)
    assert _row(result.by_source_unit["交办"][C]) == (1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0)
    assert behind_first(result.by_unit) == [C, B, A]


def test_september_judged_as_it_stood_on_oct_1() -> None:
    result = _figures(Period.month(2025, 9))
    # P10 signed on Monday after the 调休 Sunday: late. P11 (Sep 30) had until Oct 9: not yet judged, unsigned.
    # Due in September: P8 (open, 1 day late), P9 (claimed on time, reviewed only on Oct 9: not late,
    # not yet closed on time). P3's deadline had moved to Oct 31 on Sep 25. Nobody reported P1, P2, P3, P8, P10.
    assert _row(result.total) == (1, 0, 2, 0, 0, 1, 0, 0, 0, 5, 1, 1)
    assert [(x.part.item, x.part.unit, x.days) for x in result.late] == [("法治第3条", C, 1)]
    assert [(x.part.item, x.part.unit, x.overdue) for x in result.unsigned] == [("交办3号", C, False)]
    assert percent(result.total.return_rate) == "—"


def test_the_holiday_week_counts_the_moved_saturday() -> None:
    week = parse_period("上周", date(2025, 10, 13))
    assert (week.start, week.end, week.kind) == (date(2025, 10, 6), date(2025, 10, 12), "week")
    result = compute(docket().values(), week, now=NOW, zone=ZONE, calendar=WorkCalendar())
    # P4's window ended on Saturday Oct 11 and it was unsigned that week; P5 signed that Saturday.
    assert (result.total.sign_judged, result.total.signed_on_time) == (2, 1)
    assert [(x.part.item, x.part.unit, x.overdue) for x in result.unsigned] == [("交办1号", A, True)]
    assert result.total.closed == 1  # P9, reviewed on Oct 9


def test_a_calendar_without_moved_days_gives_other_answers() -> None:
    """The same docket on plain weekdays: 调休 is what makes P4 late and P10 late, so the figures differ."""

    class Weekdays(WorkCalendar):
        def _is_workday(self, day: date) -> bool:
            return day.weekday() < 5

    plain = _figures(Period.month(2025, 10), Weekdays())
    assert (plain.total.sign_judged, plain.total.signed_on_time) == (3, 2)  # P4 now on time (Monday)


def test_a_figure_is_judged_at_the_time_not_later() -> None:
    """While October runs (Oct 20 noon), P1 is not yet due-late and P2's deadline is today: not late."""
    result = compute(docket().values(), Period.month(2025, 10), now=at(10, 20, 12), zone=ZONE, calendar=WorkCalendar())
    assert result.as_of == date(2025, 10, 20)
    assert [(x.part.item, x.part.unit) for x in result.late] == [("法治第3条", C)]
    assert result.total.due == 2  # P1 closed early, P10 closed on its day; P2 due today is not yet judged


def test_ranking_is_by_on_time_rate_then_fewest_late() -> None:
    result = _figures(Period.month(2025, 10))
    assert ranking(result.by_unit) == {C: 1, A: 2, B: 3}


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2025年10月", date(2025, 10, 1), date(2025, 10, 31), "month"),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28), "month"),
        ("本月", date(2025, 12, 1), date(2025, 12, 31), "month"),
        ("上月", date(2025, 11, 1), date(2025, 11, 30), "month"),
        ("本周", date(2025, 12, 1), date(2025, 12, 7), "week"),
        ("2025-09-22至2025-10-12", date(2025, 9, 22), date(2025, 10, 12), "range"),
        ("2025年9月22日-2025年10月12日", date(2025, 9, 22), date(2025, 10, 12), "range"),
    ],
)
def test_periods_read_as_the_office_types_them(text: str, start: date, end: date, kind: str) -> None:
    period = parse_period(text, date(2025, 12, 3))
    assert (period.start, period.end, period.kind) == (start, end, kind)


def test_a_period_across_the_year_and_its_label() -> None:
    assert parse_period("上月", date(2026, 1, 5)).label() == "2025年12月"
    assert Period.between(date(2025, 12, 29), date(2026, 1, 4)).label() == "2025年12月29日至2026年1月4日"
    assert Period.week_of(date(2025, 10, 1)).key() == "2025-W40"


@pytest.mark.parametrize("text", ["2025年13月", "下下周", "2025-10-31至2025-10-01", ""])
def test_a_bad_period_is_one_line(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text, date(2025, 12, 3))
    assert "\n" not in str(caught.value)
