"""Each unit's part of an item as a light, by the office's escalation rules: red when late, yellow when
its deadline is within DUBAN_LIGHT_YELLOW_WORKDAYS working days, green otherwise (or done: awaiting
review or closed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from ledger.standing import Standing

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


def light(row: Standing, today: date, yellow_workdays: int, is_workday: Callable[[date], bool] = weekdays) -> str:
    """green, yellow or red for one part."""
    if row.late:
        return "red"
    if row.due is None or row.state in ("pending", "closed"):
        return "green"
    left, day = 0, today
    while day < row.due and left <= yellow_workdays:
        day += timedelta(days=1)
        left += is_workday(day)
    return "yellow" if left <= yellow_workdays else "green"
