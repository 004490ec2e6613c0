"""Where each task stands for each unit that owes a report: the rows of the ledger (台账) and of
the office's overview. A unit owes a report on a task it leads or is responsible for, directly or
through a collective unit; it is late when the task's deadline has passed and it has not reported
the task 已完成."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.store import PlanView
from plan import model
from storage.reports import ReportView, latest


@dataclass(frozen=True)
class Standing:
    """One task and one unit that owes a report on it."""

    task: model.Task
    unit: str
    role: str  # lead | responsible
    via: str | None  # the collective that brought the task to the unit
    due: date | None
    report: ReportView | None  # the newest one
    late: bool

    @property
    def state(self) -> str:
        """Where the part stands after the office's review: missing, not_started, in_progress, blocked,
        pending (已完成, 待审核), closed (办结) or returned (退回)."""
        return part_state(self.report)

    @property
    def closed(self) -> bool:
        """The office approved the unit's 已完成 (办结)."""
        return self.state == "closed"


def owing_units(task: model.Task, view: PlanView) -> list[tuple[str, str, str | None]]:
    """(unit, role, via) for every unit that owes a report on a task, collectives expanded."""
    owing: dict[str, tuple[str, str, str | None]] = {}
    for role in ("lead", "responsible"):
        for name in getattr(task, role):
            if view.kind(name) == "collective":
                for member in view.members(name, task.source_id):
                    owing.setdefault(member, (member, role, name))
            else:
                owing[name] = (name, role, None) if name not in owing or owing[name][2] else owing[name]
    return list(owing.values())


def standings(
    view: PlanView, reports: list[ReportView], today: date, tasks: list[model.Task] | None = None
) -> list[Standing]:
    """A row per task (of the plan, or of `tasks`) and owing unit, in task order, with the newest report
    and lateness."""
    newest = latest(view.with_units(reports))  # a report filed under 农委 is 市农委's
    rows = []
    for task in view.tasks if tasks is None else tasks:
        for unit, role, via in owing_units(task, view):
            report = newest.get((task.id or 0, unit))
            due = view.due(task, unit)  # an extension granted to the unit moves its own deadline
            late = due is not None and due < today and part_state(report) not in ("pending", "closed")
            rows.append(Standing(task, unit, role, via, due, report, late))
    return rows


def part_state(report: ReportView | None) -> str:
    """A part's state from its newest report and the office's decision on it."""
    if report is None:
        return "missing"
    if report.status != "done":
        return report.status
    return {"approved": "closed", "returned": "returned"}.get(report.review or "", "pending")
