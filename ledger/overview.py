"""The office's overview: every task by section with each owing unit's state, filtered and counted.
What the console's matrix shows; computed here so that the ledger and the console agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from core.store import PlanView
from ledger.standing import Standing, standings
from plan import model
from storage.reports import ReportView

# A cell's facts, in the order the console lists them: the newest report's status (or 未汇报), and beside
# it 逾期 when the deadline has passed unfinished, or 逾期完成 when 已完成 was reported after the deadline.
STATES = ("done", "in_progress", "not_started", "blocked", "unreported", "late", "done_late")


def state_of(row: Standing) -> tuple[str, ...]:
    """One cell's facts, none hiding another: (遇到困难, 逾期) for a unit stuck past its deadline."""
    status = row.report.status if row.report else "unreported"
    if row.late:
        return (status, "late")
    if status == "done" and row.report and row.due and row.report.created_at.date() > row.due:
        return (status, "done_late")
    return (status,)


@dataclass
class Line:
    """One task's row: its owing units and their states."""

    task: model.Task
    due: date | None
    cells: list[tuple[Standing, tuple[str, ...]]]


@dataclass
class Overview:
    """The rows to show (grouped by section), with counts of every state over the filtered cells: a cell
    is one task and one unit owing it, and a cell both 遇到困难 and 逾期 is counted under each."""

    sections: list[tuple[str, list[Line]]]
    counts: Counter[str] = field(default_factory=Counter)
    tasks: int = 0
    shown: int = 0


@dataclass(frozen=True)
class Filters:
    """What the office narrowed the overview to; empty: everything."""

    section: str = ""
    unit: str = ""
    state: str = ""
    text: str = ""


def overview(view: PlanView, reports: list[ReportView], today: date, filters: Filters = Filters()) -> Overview:
    """The overview of the plan as it stands today."""
    by_task: dict[int, list[tuple[Standing, tuple[str, ...]]]] = {}
    for row in standings(view, reports, today):
        by_task.setdefault(row.task.number, []).append((row, state_of(row)))
    result = Overview(sections=[], tasks=len(view.tasks))
    groups: dict[str, list[Line]] = {}
    for task in view.tasks:
        section = task.section or ""
        if filters.section and section != filters.section:
            continue
        if filters.text and filters.text not in task.title and filters.text not in task.body:
            continue
        cells = by_task.get(task.number, [])
        if filters.unit:
            cells = [c for c in cells if c[0].unit == filters.unit or c[0].via == filters.unit]
            if not cells:
                continue
        if filters.state:
            cells = [c for c in cells if filters.state in c[1]]
            if not cells:
                continue
        result.counts.update(state for _, states in cells for state in states)
        groups.setdefault(section, []).append(Line(task, view.due(task), cells))
        result.shown += 1
    result.sections = list(groups.items())
    return result


def completion(rows: list[Standing], key: str) -> list[tuple[str, int, int]]:
    """(name, done, owed) by section or by unit, for the console's charts."""
    done: Counter[str] = Counter()
    owed: Counter[str] = Counter()
    for row in rows:
        name = (row.task.section or "—") if key == "section" else row.unit
        owed[name] += 1
        done[name] += row.report is not None and row.report.status == "done"
    return [(name, done[name], owed[name]) for name in owed]
