"""Handing down a 交办单 and telling its units at once, with 签收 buttons, through the outbox; and
moving an item a unit declined to another unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from core.context import Context
from core.texts import say
from ledger.periods import local_day
from schedules.broadcasts import recipients
from schedules.outbox import enqueue
from storage import docket, trace
from storage.assignments import Assigned, assign
from storage.models import Task, TaskUnit, Unit

ROLE_WORDS = {"lead": "牵头", "responsible": "负责", "cooperating": "配合"}


@dataclass(frozen=True)
class HandedDown:
    """What a 交办单 became: the item, who was told, which units nobody has joined yet."""

    item: Assigned
    name: str  # 交办12号
    told: int
    unjoined: list[str]


def notice_for(ctx: Context, task_id: int, unit: str, role: str) -> tuple[str, list[list[tuple[str, str]]]]:
    """The message a unit gets for an item handed to it, and its 签收 / 不是我单位的 buttons."""
    view = ctx.store.view()
    task = view.by_id(task_id) if view else None
    if view is None or task is None:
        return "", []
    due = view.due(task, unit)
    text = say(
        "zh",
        "assign_notice",
        doc=task.label or task.ref,
        name=view.label(task),
        title=task.title,
        body=f"\n{task.body}" if task.body else "",
        unit=unit,
        role=ROLE_WORDS.get(role, role),
        due=due.isoformat() if due else "—",
    )
    unit_id = view.unit_ids.get(unit, 0)
    buttons = [
        [
            (say("zh", "button_sign"), f"sign:{task_id}:{unit_id}"),
            (say("zh", "button_decline"), f"decl:{task_id}:{unit_id}"),
        ]
    ]
    return text, buttons


def tell_units(
    ctx: Context, task_id: int, units: list[tuple[str, str]], created_by: int | None = None
) -> tuple[int, list[str]]:
    """Queue each unit's notice of an item; (chats told, units with nobody to tell)."""
    ctx.store.refresh()
    view = ctx.store.view()
    told, unjoined = 0, []
    if view is None:
        return 0, [u for u, _ in units]
    with ctx.store.session() as session:
        for unit, role in units:
            chats = recipients(view, session, [unit])
            if not chats:
                unjoined.append(unit)
                continue
            text, buttons = notice_for(ctx, task_id, unit, role)
            enqueue(
                session,
                text=text,
                recipients=chats,
                kind="notice",
                audience=unit,
                buttons=buttons,
                created_by=created_by,
            )
            told += len(chats)
    if ctx.wake_sender is not None:
        ctx.wake_sender()
    return told, unjoined


def hand_down(
    ctx: Context,
    *,
    text: str,
    units: list[tuple[str, str]],
    due: date | None,
    actor: str,
    via: str,
    person: str = "",
    attachment: str = "",
    created_by: int | None = None,
) -> HandedDown:
    """Store a 交办单, leave its trace, and tell its units at once."""
    view = ctx.store.view()
    directory = view.directory if view else ctx.store.directory
    with ctx.store.session() as session:
        item = assign(
            session,
            text=text,
            units=units,
            due=due,
            directory=directory,
            number_format=ctx.settings.assign_number_format,
            today=ctx.now().date(),
            person=person,
            attachment=attachment,
        )
        trace.record(
            session,
            actor=actor,
            via=via,
            action="assign",
            detail=f"{item.doc_number}：{text[:60]} → {'、'.join(u for u, _ in units)}",
        )
    told, unjoined = tell_units(ctx, item.task_id, units, created_by)
    view = ctx.store.view()
    task = view.by_id(item.task_id) if view else None
    name = view.label(task) if view and task else str(item.number)
    return HandedDown(item=item, name=name, told=told, unjoined=unjoined)


def reassign(ctx: Context, task_id: int, old: str, new: str, *, actor: str, via: str) -> bool:
    """Move a unit's part of an item to another unit (after a decline): the new one is told. The part may
    be kept under any printed name of the old unit's organ (an item handed down to 农委 is 市农委's)."""
    view = ctx.store.view()
    with ctx.store.session() as session:
        old_unit = session.exec(select(Unit).where(Unit.name == old)).first()
        new_unit = session.exec(select(Unit).where(Unit.name == new)).first()
        if old_unit is None or new_unit is None:
            return False
        ids = (view.organ_ids.get(view.unit_of(old)) if view else None) or [old_unit.id or 0]
        links = session.exec(select(TaskUnit).where(TaskUnit.task_id == task_id, col(TaskUnit.unit_id).in_(ids))).all()
        if not links:
            return False
        roles = [link.role for link in links]
        for link in links:
            session.delete(link)
        session.flush()
        for role in roles:
            session.add(TaskUnit(task_id=task_id, unit_id=new_unit.id or 0, role=role, position=99))
        docket.sign(session, task_id=task_id, unit_id=old_unit.id or 0, member_id=None, status="reassigned", reason=new)
        row = session.get(Task, task_id)
        if row is not None:
            from storage.models import Plan, utcnow

            plan = session.get(Plan, row.plan_id)
            if plan is not None:
                plan.imported_at = utcnow()  # the docket in memory is rebuilt
        trace.record(session, actor=actor, via=via, action="reassign", detail=f"任务{task_id}：{old} → {new}")
    tell_units(ctx, task_id, [(new, roles[0])])
    return True


def unsigned(ctx: Context) -> list[tuple[int, str, str]]:
    """Items handed down and not signed for: (task id, unit, since when) for each owing unit."""
    view = ctx.store.view()
    if view is None:
        return []
    with ctx.store.session() as session:
        signed = view.by_unit_ids(docket.signoffs(session), docket.newer_signoff)  # 农委's 签收 is 市农委's
        assigned = session.exec(
            select(Task.id, Task.updated_at).where(
                col(Task.id).in_([t.id for t in view.tasks if _handed(view, t.source_id)])
            )
        ).all()
    out: list[tuple[int, str, str]] = []
    zone = ZoneInfo(ctx.settings.timezone)  # the office's day it was handed down, not the server's
    for task_id, since in assigned:
        task = view.by_id(task_id or 0)
        if task is None:
            continue
        for unit in dict.fromkeys(task.lead + task.responsible + task.cooperating):
            if (task_id, view.unit_ids.get(unit, 0)) not in signed:
                out.append((task_id or 0, unit, local_day(since, zone).isoformat()))
    return out


def _handed(view: object, source_id: int | None) -> bool:
    source = view.source(source_id) if source_id is not None else None  # type: ignore[attr-defined]
    return source is not None and source.kind == "交办"
