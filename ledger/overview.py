"""The office's overview: every task by section with each owing unit's state, filtered and counted.
What the console's matrix shows; computed here so that the ledger and the console agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from core.store import PlanView
from ledger.periods import local_day
from ledger.standing import Standing, standings
from plan import model
from storage.reports import ReportView

# A cell's facts, in the order the console lists them: the newest report's status (or 未汇报), and beside
# it 逾期 when the deadline has passed unfinished, or 逾期完成 when 已完成 was reported after the deadline.
STATES = ("done", "returned", "in_progress", "not_started", "blocked", "unreported", "late", "done_late")


def state_of(row: Standing, zone: ZoneInfo) -> tuple[str, ...]:
    """One cell's facts, none hiding another: (遇到困难, 逾期) for a unit stuck past its deadline. 已完成
    is 逾期完成 when reported after the deadline's day in the office's time zone (`zone`): at 23:30 on the
    day it is on time, wherever UTC's date has got to."""
    status = row.report.state if row.report else "unreported"
    if row.late:
        return (status, "late")
    if status == "done" and row.report and row.due and local_day(row.report.created_at, zone) > row.due:
        return (status, "done_late")
    return (status,)


def weekly(reports: list[ReportView], zone: ZoneInfo, weeks: int = 26) -> list[tuple[str, int]]:
    """Reports a week (the Monday of the office's week, its count), the last `weeks` weeks with any; a
    report counts on the office's local day it was made, never on UTC's."""
    counts: Counter[str] = Counter()
    for report in reports:
        day = local_day(report.created_at, zone)
        counts[(day - timedelta(days=day.weekday())).isoformat()] += 1
    return sorted(counts.items())[-weeks:]


NEEDS_ACTION = ("blocked", "late")  # what the office acts on first: stuck, then past the deadline


def need(states: tuple[str, ...]) -> int:
    """How urgently a cell asks for the office: 2 stuck, 1 late (not stuck), 0 otherwise."""
    return 2 if "blocked" in states else 1 if "late" in states else 0


@dataclass
class Line:
    """One task's row: its owing units and their states, those needing action first."""

    task: model.Task
    due: date | None
    cells: list[tuple[Standing, tuple[str, ...]]]
    blocked: int = 0
    late: int = 0


@dataclass
class UnitNeed:
    """One unit's cells that ask for the office: 遇到困难, 逾期 and 未汇报 pairs."""

    unit: str
    blocked: int = 0
    late: int = 0
    unreported: int = 0
    owed: int = 0


@dataclass
class Overview:
    """The rows to show, tasks needing action first (stuck units, then late ones, then plan order), with
    counts of every state over the filtered cells: a cell is one task and one unit owing it, and a cell
    both 遇到困难 and 逾期 is counted under each. `units` ranks the units behind."""

    lines: list[Line] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    units: list[UnitNeed] = field(default_factory=list)
    tasks: int = 0
    shown: int = 0
    tasks_blocked: int = 0
    tasks_late: int = 0


@dataclass(frozen=True)
class Filters:
    """What the office narrowed the overview to; empty: everything."""

    section: str = ""
    unit: str = ""
    state: str = ""
    text: str = ""


def overview(
    view: PlanView, reports: list[ReportView], today: date, zone: ZoneInfo, filters: Filters = Filters()
) -> Overview:
    """The overview of the plan as it stands today (the office's day, in its time zone `zone`)."""
    by_task: dict[int, list[tuple[Standing, tuple[str, ...]]]] = {}
    for row in standings(view, reports, today):
        by_task.setdefault(row.task.id or 0, []).append((row, state_of(row, zone)))
    result = Overview(tasks=len(view.tasks))
    units: dict[str, UnitNeed] = {}
    for task in view.tasks:
        if filters.section and (task.section or "") != filters.section:
            continue
        if filters.text and filters.text not in task.title and filters.text not in task.body:
            continue
        cells = by_task.get(task.id or 0, [])
        if filters.unit:
            cells = [c for c in cells if c[0].unit == filters.unit or c[0].via == filters.unit]
            if not cells:
                continue
        if filters.state:
            cells = [c for c in cells if filters.state in c[1]]
            if not cells:
                continue
        cells = sorted(cells, key=lambda c: -need(c[1]))  # stable: plan order within each need
        line = Line(task, cells[0][0].due if cells else view.due(task), cells)
        counts = result.counts
        for row, states in cells:
            for state in states:
                counts[state] += 1
            tally = units.get(row.unit)
            if tally is None:
                tally = units[row.unit] = UnitNeed(row.unit)
            tally.owed += 1
            if len(states) > 1 or states[0] != "done":
                blocked, late = states[0] == "blocked", "late" in states
                tally.blocked += blocked
                tally.late += late
                tally.unreported += states[0] == "unreported"
                line.blocked += blocked
                line.late += late
        result.tasks_blocked += line.blocked > 0
        result.tasks_late += line.late > 0
        result.lines.append(line)
    result.lines.sort(key=lambda line: (-line.blocked, -line.late))  # stable: plan order otherwise
    result.shown = len(result.lines)
    result.units = sorted(
        (u for u in units.values() if u.blocked or u.late),
        key=lambda u: (-u.blocked, -u.late, -u.unreported, u.unit),
    )
    return result


def completion(rows: list[Standing], key: str) -> list[tuple[str, int, int]]:
    """(name, done, owed) by section or by unit, for the console's charts."""
    done: Counter[str] = Counter()
    owed: Counter[str] = Counter()
    for row in rows:
        name = (row.task.section or "—") if key == "section" else row.unit
        owed[name] += 1
        done[name] += row.report is not None and row.report.state == "done"
    return [(name, done[name], owed[name]) for name in owed]
