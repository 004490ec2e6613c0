"""Each unit's part of an item as a light, by the office's escalation rules: red when late, yellow when
its deadline is within DUBAN_LIGHT_YELLOW_WORKDAYS working days, green otherwise (or done: awaiting
review or closed). One rule (`colour`) for the ledger and console (a part as it stands today: `light`) and
the leaders' digest (a part at an instant: `part_light`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ledger.figures import Part
from ledger.periods import local_day
from ledger.standing import Standing

OFFICE_ZONE = ZoneInfo("Asia/Shanghai")  # DUBAN_TIMEZONE's default, for callers that pass none
LIGHTS = ("green", "yellow", "red")
SYMBOLS = {"green": "🟢", "yellow": "🟡", "red": "🔴"}
STATE_WORDS = {
    "missing": "未汇报",
    "not_started": "未开始",
    "in_progress": "推进中",
    "blocked": "遇到困难",
    "pending": "待审核",
    "closed": "已办结",
    "returned": "已退回",
}


def weekdays(day: date) -> bool:
    """Monday to Friday: the default when no workday calendar is given."""
    return day.weekday() < 5


def colour(
    due: date | None, today: date, settled: bool, yellow_workdays: int, is_workday: Callable[[date], bool] = weekdays
) -> str:
    """green, yellow or red: red past its deadline, yellow when at most `yellow_workdays` working days come
    after today up to its deadline (a deadline on a rest day counts the working days before it), green when
    further off, with no deadline, or settled (closed, or awaiting review of an 已完成 the part need not be
    chased for)."""
    if settled or due is None:
        return "green"
    if due < today:
        return "red"
    left, day = 0, today
    while day < due and left <= yellow_workdays:
        day += timedelta(days=1)
        left += is_workday(day)
    return "yellow" if left <= yellow_workdays else "green"


def light(
    row: Standing,
    today: date,
    yellow_workdays: int,
    is_workday: Callable[[date], bool] = weekdays,
    zone: ZoneInfo = OFFICE_ZONE,
) -> str:
    """A part's light as it stands today (the ledger, the console), by the digest's rule: closed, or awaiting
    review of an 已完成 made on or before its deadline (the office's day in `zone`), is settled; one claimed late
    stays red until the office closes it."""
    claimed_in_time = (
        row.state == "pending"
        and row.report is not None
        and (row.due is None or local_day(row.report.created_at, zone) <= row.due)
    )
    return colour(row.due, today, row.closed or claimed_in_time, yellow_workdays, is_workday)


def part_light(
    part: Part, now: datetime, zone: ZoneInfo, yellow_workdays: int, is_workday: Callable[[date], bool] = weekdays
) -> str:
    """A part's light at an instant (the digest), with the deadline in force then: closed by then, or awaiting
    review of an 已完成 made on or before its deadline, is settled; one claimed late stays red."""
    due = part.due_at(now)
    pending = part.pending_claim(now)
    settled = part.closed_by(now) or (pending is not None and due is not None and local_day(pending, zone) <= due)
    return colour(due, local_day(now, zone), settled, yellow_workdays, is_workday)
