"""Each task's schedule: fixed dates, dates relative to an event the office records, recurring
duties and quotas as checkpoints, the office's corrections, and the plan's own default."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from plan import model
from plan.deadlines import number as numeral

KINDS = ("fixed", "relative", "recurring", "quota", "default")
_PERIOD_MONTHS = (("半年", 6), ("季", 3), ("月", 1), ("年", 12))


@dataclass(frozen=True)
class Due:
    """One deadline of one task: what the plan (or the office) said, and the dates it falls on."""

    task: int
    units: list[str]
    kind: str  # fixed | relative | recurring | quota | default
    text: str
    due: date | None
    checkpoints: list[date] = field(default_factory=list)

    def next(self, today: date) -> date | None:
        """The first checkpoint on or after today."""
        return next((d for d in self.checkpoints if d >= today), None)

    def to_json(self, today: date) -> dict[str, Any]:
        """As `duban schedule --json` prints it."""
        following = self.next(today)
        return {
            "task": self.task,
            "units": self.units,
            "due": self.due.isoformat() if self.due else None,
            "kind": self.kind,
            "text": self.text,
            "next": following.isoformat() if following else None,
            "checkpoints": [d.isoformat() for d in self.checkpoints],
        }


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_checkpoints(text: str, year: int) -> list[date]:
    """Period ends within the plan year for a recurring duty (月通报: every month end)."""
    if "定期" in text and not re.search("[月季年周]", text.replace("定期", "")):
        return []  # "regularly", with no period said: nothing to count
    for word, months in _PERIOD_MONTHS:
        if word in text:
            return [_month_end(year, m) for m in range(months, 13, months)]
    return []


def quota_checkpoints(text: str, year: int) -> list[date]:
    """N checkpoints spread over the year for 全年不少于N次 (2: end of June and of December)."""
    found = re.search(r"(\d+|[一二两三四五六七八九十]+)\s*(?:次|期|场|轮)", text)
    times = max(1, min(12, numeral(found.group(1)))) if found else 1
    return [_month_end(year, max(1, round(12 * k / times))) for k in range(1, times + 1)]


def relative_due(text: str, event: date) -> date | None:
    """The date a relative deadline falls on, once its event happened (公布之日起30日内, 届满前6个月)."""
    after = re.search(r"之日起\s*(\d+|[一二两三四五六七八九十]+)\s*(个)?(工作日|日|天|月)", text)
    if after:
        amount, unit = numeral(after.group(1)), after.group(3)
        return _add_months(event, amount) if unit == "月" else event + timedelta(days=amount)
    before = re.search(r"前\s*(\d+|[一二两三四五六七八九十]+)\s*(个)?(月|日|天|工作日)", text)
    if before:
        amount, unit = numeral(before.group(1)), before.group(3)
        return _add_months(event, -amount) if unit == "月" else event - timedelta(days=amount)
    return None


def task_schedule(
    task: model.Task,
    *,
    year: int | None,
    default: model.Deadline | None,
    overrides: dict[str, date] | None = None,
) -> list[Due]:
    """Every deadline of a task, the office's corrections applied, the plan's default added where
    the task has no date of its own."""
    overrides = overrides or {}
    units = task.lead + task.responsible
    plan_year = year or (default.due.year if default and default.due else date.today().year)
    items: list[Due] = []
    for deadline in task.deadlines:
        if deadline.kind == "fixed" and deadline.due and "due" not in overrides:
            items.append(Due(task.number, units, "fixed", deadline.text, deadline.due, [deadline.due]))
        elif deadline.kind == "relative":
            event = overrides.get("event")
            due = relative_due(deadline.text, event) if event else None
            items.append(Due(task.number, units, "relative", deadline.text, due, [due] if due else []))
        elif deadline.kind == "quota":
            points = quota_checkpoints(deadline.text, plan_year)
            items.append(Due(task.number, units, "quota", deadline.text, points[-1], points))
        elif deadline.kind in ("recurring", "other"):
            items.append(
                Due(task.number, units, "recurring", deadline.text, None, period_checkpoints(deadline.text, plan_year))
            )
    if "due" in overrides:
        due = overrides["due"]
        items.insert(0, Due(task.number, units, "fixed", "办公室设定", due, [due]))
    dated = any(i.kind in ("fixed", "relative") and i.due for i in items)
    if not dated and default is not None and default.due is not None:
        items.append(Due(task.number, units, "default", default.text, default.due, [default.due]))
    return items


def main_due(items: list[Due]) -> date | None:
    """The date a task is late after: its earliest fixed, relative or default date."""
    dates = [i.due for i in items if i.kind in ("fixed", "relative", "default") and i.due]
    return min(dates) if dates else None
