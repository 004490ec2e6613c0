"""The docket as the figures read it: one `Part` per task and owing unit (collectives expanded, as the
ledger counts them), with the instants of its life read from storage: when it was given, its reports
and claims of 已完成, and its closing."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from core.store import PlanView
from ledger.figures import Part
from ledger.standing import owing_units
from storage.models import Plan, Report, Task


def docket_parts(session: Session, view: PlanView, zone: ZoneInfo) -> list[Part]:
    """Every part of the docket in memory, its life read from the database."""
    plan = session.get(Plan, view.plan_id)
    task_ids = {t.number: t_id for t_id, t in _stored(session, view)}
    reports: dict[tuple[int, int], list[tuple[datetime, str]]] = defaultdict(list)
    for task_id, unit_id, status, at in session.exec(
        select(Report.task_id, Report.unit_id, Report.status, Report.created_at)
        .where(col(Report.task_id).in_(list(task_ids.values())))
        .order_by(col(Report.created_at), col(Report.id))
    ).all():
        reports[(task_id, unit_id)].append((at, status))
    given = _given(plan, zone)
    parts = []
    for task in view.tasks:
        due = view.due(task)
        task_id = task_ids.get(task.number)
        for unit, _, _ in owing_units(task, view):
            life = reports.get((task_id or 0, view.unit_ids.get(unit, 0)), [])
            claims = tuple(at for at, status in life if status == "done")
            newest = life[-1] if life else None
            closed = newest[0] if newest is not None and newest[1] == "done" else None  # 已完成 is final here
            parts.append(
                Part(
                    source=view.title,
                    item=f"第{task.number}条",
                    title=task.title,
                    unit=unit,
                    assigned=given,
                    deadlines=((given, due),),
                    needs_signoff=False,
                    reports=tuple(at for at, _ in life),
                    claims=claims,
                    closed=closed,
                )
            )
    return parts


def _given(plan: Plan | None, zone: ZoneInfo) -> datetime:
    """When a plan's tasks were given: the day it was issued (a plan imported after the fact still speaks
    from its own date), else when it was imported."""
    imported = plan.imported_at if plan is not None else datetime.now(UTC)
    if plan is not None and plan.issued is not None:
        return min(imported, datetime.combine(plan.issued, time(0), zone))
    return imported


def _stored(session: Session, view: PlanView) -> list[tuple[int, Task]]:
    """(id, task) of the plan's live tasks."""
    rows = session.exec(select(Task).where(Task.plan_id == view.plan_id, col(Task.archived_at).is_(None))).all()
    return [(t.id or 0, t) for t in rows]
