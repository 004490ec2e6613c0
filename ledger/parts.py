"""The docket as the figures read it: one `Part` per live task and owing unit (collectives expanded, as
the ledger counts them), with the instants of its life read from storage: when it was given (the
source's date; a 交办单 when it was stored), its 签收, reports and claims of 已完成, the office's
退回 and 办结, and the extensions it granted (each moving the unit's deadline from its decision on)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from core.store import PlanView
from ledger.figures import Part
from ledger.standing import owing_units
from plan import model
from storage.models import Extension, Plan, Report, Review, Signoff, Task

SIGNED_FOR_KINDS = ("交办",)  # sources whose items each unit signs for (签收); plan tasks are not signed for


def docket_parts(session: Session, view: PlanView, zone: ZoneInfo) -> list[Part]:
    """Every part of the live docket, its life read from the database: what was kept under another printed
    name of an organ (a report, 签收, review or extension under 农委) is its unit's (市农委's)."""
    plans = {p.id: p for p in session.exec(select(Plan).where(col(Plan.id).in_(view.plan_ids))).all()}
    task_ids = [t.id for t in view.tasks if t.id is not None]
    stored = dict(session.exec(select(Task.id, Task.updated_at).where(col(Task.id).in_(task_ids))).all())
    reports: dict[tuple[int, int], list[tuple[datetime, str]]] = defaultdict(list)
    for task_id, unit_id, status, at in session.exec(
        select(Report.task_id, Report.unit_id, Report.status, Report.created_at)
        .where(col(Report.task_id).in_(task_ids))
        .order_by(col(Report.created_at), col(Report.id))
    ).all():
        reports[(task_id, view.unit_id_of(unit_id))].append((at, status))
    reviews: dict[tuple[int, int], list[tuple[datetime, str]]] = defaultdict(list)
    for task_id, unit_id, decision, at in session.exec(
        select(Review.task_id, Review.unit_id, Review.decision, Review.at)
        .where(col(Review.task_id).in_(task_ids))
        .order_by(col(Review.at), col(Review.id))
    ).all():
        reviews[(task_id, view.unit_id_of(unit_id))].append((at, decision))
    signoffs: dict[tuple[int, int], list[tuple[datetime, str]]] = defaultdict(list)
    for task_id, unit_id, status, at in session.exec(
        select(Signoff.task_id, Signoff.unit_id, Signoff.status, Signoff.at)
        .where(col(Signoff.task_id).in_(task_ids))
        .order_by(col(Signoff.at), col(Signoff.id))
    ).all():
        signoffs[(task_id, view.unit_id_of(unit_id))].append((at, status))
    granted: dict[tuple[int, int], list[tuple[datetime, date]]] = defaultdict(list)
    for task_id, unit_id, new_due, at in session.exec(
        select(Extension.task_id, Extension.unit_id, Extension.new_due, Extension.decided_at)
        .where(col(Extension.task_id).in_(task_ids), Extension.status == "approved")
        .order_by(col(Extension.decided_at), col(Extension.id))
    ).all():
        if at is not None:
            granted[(task_id, view.unit_id_of(unit_id))].append((at, new_due))
    parts = []
    for task in view.tasks:
        source = view.source(task.source_id) if task.source_id is not None else None
        kind = source.kind if source is not None else ""
        plan = plans.get(task.source_id if task.source_id is not None else view.plan_id)
        given = stored.get(task.id) if kind in SIGNED_FOR_KINDS else None
        given = given or _given(plan, zone)
        due = view.due(task)
        for unit, _, _ in owing_units(task, view):
            key = (task.id or 0, view.unit_ids.get(unit, 0))
            signs = signoffs.get(key, [])
            if signs and signs[-1][1] == "reassigned":
                continue  # the office took it off this unit
            life = reports.get(key, [])
            decided = reviews.get(key, [])
            approved = [at for at, decision in decided if decision == "approved"]
            extensions = granted.get(key, [])
            parts.append(
                Part(
                    source=task.source or (source.short if source else view.title),
                    item=_item(task, kind),
                    title=task.title,
                    unit=unit,
                    assigned=given,
                    deadlines=((given, due), *extensions),
                    signed=next((at for at, status in signs if status == "signed"), None),
                    needs_signoff=kind in SIGNED_FOR_KINDS,
                    reports=tuple(at for at, _ in life),
                    claims=tuple(at for at, status in life if status == "done"),
                    returns=tuple(at for at, decision in decided if decision == "returned"),
                    extensions=tuple(at for at, _ in extensions),
                    closed=approved[-1] if approved else None,
                )
            )
    return parts


def _item(task: model.Task, kind: str) -> str:
    """An item as the bulletin names it beside its source: 第15条, 二-3, or a 交办单's document number."""
    if kind in SIGNED_FOR_KINDS and task.label:
        return task.label
    return f"第{task.printed}条" if task.printed.isdigit() else task.printed


def _given(plan: Plan | None, zone: ZoneInfo) -> datetime:
    """When a plan's tasks were given: the day it was issued (a plan imported after the fact still speaks
    from its own date), else when it was imported."""
    imported = plan.imported_at if plan is not None else datetime.now(UTC)
    if plan is not None and plan.issued is not None:
        return min(imported, datetime.combine(plan.issued, time(0), zone))
    return imported
