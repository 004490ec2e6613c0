"""The office's side of a unit's 已完成 and 延期申请: a notice to the office with buttons to decide, the
decision recorded, and the unit told, each through the outbox."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from core.context import Context
from core.store import PlanView
from core.texts import say
from schedules.broadcasts import recipients
from schedules.outbox import enqueue
from storage import docket, members, trace
from storage.models import Extension, Report, Unit

PREVIEW = 120  # characters of a report's account in the office's notice


def office_chats(ctx: Context, session: Session) -> list[tuple[str, str]]:
    """The private chats of the office's admins."""
    return [(a.platform, a.chat_id) for a in members.admins(session, ctx.settings.configured_admins()) if a.chat_id]


def _wake(ctx: Context) -> None:
    if ctx.wake_sender is not None:
        ctx.wake_sender()


def tell_office_done(ctx: Context, report_id: int) -> None:
    """A unit reported 已完成: the office is asked to review it (办结 / 退回)."""
    view = ctx.store.view()
    with ctx.store.session() as session:
        report = session.get(Report, report_id)
        if view is None or report is None or report.status != "done":
            return
        task, unit = view.by_id(report.task_id), session.get(Unit, report.unit_id)
        if task is None or unit is None:
            return
        text = say(
            "zh",
            "review_pending_office",
            unit=view.unit_of(unit.name),
            name=view.label(task),
            title=task.title,
            text=(report.text or "—")[:PREVIEW],
        )
        key = f"{report.task_id}:{report.unit_id}"
        buttons = [[(say("zh", "button_approve"), f"rv:ok:{key}"), (say("zh", "button_return"), f"rv:back:{key}")]]
        enqueue(
            session, text=text, recipients=office_chats(ctx, session), kind="notice", audience="review", buttons=buttons
        )
    _wake(ctx)


def waiting_part(view: PlanView, session: Session, task_id: int, unit_id: int) -> tuple[int, docket.PartState] | None:
    """The unit's part of a task awaiting the office's review, with the stored id its 已完成 was filed under,
    for the stored id of any printed name of the organ (农委 or 市农委): a button or the console carries the
    unit's id while the report may be kept under its other name. The part is the organ's newest report's
    (as the ledger reads it); None when that one is not an 已完成 awaiting review."""
    unit = view.unit_id_of(unit_id)
    mine = [
        (stored, part)
        for (task, stored), part in docket.part_states(session, view.plan_ids).items()
        if task == task_id and view.unit_id_of(stored) == unit
    ]
    if not mine:
        return None
    stored, part = max(mine, key=lambda found: found[1].report_id or 0)
    return (stored, part) if part.state == "pending" else None


def decide(ctx: Context, task_id: int, unit_id: int, *, approve: bool, reason: str, actor: str, via: str) -> str | None:
    """Record the office's 办结 or 退回 of a unit's 已完成 and tell the unit; None when nothing awaited
    review, else the unit's name. `unit_id` is the stored id of any printed name of the organ: the decision
    is kept beside the report it decides (under 农委 when the 已完成 was filed there)."""
    view = ctx.store.view()
    task = view.by_id(task_id) if view else None
    if view is None or task is None:
        return None
    with ctx.store.session() as session:
        unit = session.get(Unit, unit_id)
        waiting = waiting_part(view, session, task_id, unit_id)
        if waiting is None:
            return None
        review = docket.decide(
            session,
            task_id=task_id,
            unit_id=waiting[0],
            decision="approved" if approve else "returned",
            reason=reason,
            by=actor,
        )
        if review is None or unit is None:
            return None
        verb = "办结" if approve else "退回"
        detail = f"{view.label(task)}（{view.unit_of(unit.name)}）{verb}" + (f"：{reason}" if reason else "")
        trace.record(session, actor=actor, via=via, action="review", detail=detail)
        if approve:
            text = say("zh", "unit_approved", name=view.label(task), title=task.title)
        else:
            text = say("zh", "unit_returned", name=view.label(task), title=task.title, reason=reason)
        enqueue(
            session,
            text=text,
            recipients=recipients(view, session, [view.unit_of(unit.name)]),
            kind="notice",
            audience=view.unit_of(unit.name),
        )
        name = view.unit_of(unit.name)
    _wake(ctx)
    return name


def tell_office_extension(ctx: Context, extension_id: int) -> None:
    """A unit asked for more time: the office is asked to approve or refuse."""
    view = ctx.store.view()
    with ctx.store.session() as session:
        row = session.get(Extension, extension_id)
        unit = session.get(Unit, row.unit_id) if row else None
        task = view.by_id(row.task_id) if view and row else None
        if row is None or unit is None or task is None or view is None:
            return
        text = say(
            "zh",
            "office_ext",
            unit=view.unit_of(unit.name),
            name=view.label(task),
            title=task.title,
            old=row.old_due.isoformat() if row.old_due else "—",
            date=row.new_due.isoformat(),
            reason=row.reason,
        )
        buttons = [
            [
                (say("zh", "button_ext_approve"), f"ext:ok:{extension_id}"),
                (say("zh", "button_ext_refuse"), f"ext:no:{extension_id}"),
            ]
        ]
        enqueue(
            session,
            text=text,
            recipients=office_chats(ctx, session),
            kind="notice",
            audience="extension",
            buttons=buttons,
        )
    _wake(ctx)


def decide_extension(ctx: Context, extension_id: int, *, approve: bool, actor: str, via: str) -> Extension | None:
    """The office's decision on a request; the unit is told, the trace keeps the deadline's history."""
    view = ctx.store.view()
    with ctx.store.session() as session:
        row = docket.decide_extension(session, extension_id, approve=approve, by=actor)
        if row is None or view is None:
            return None
        unit = session.get(Unit, row.unit_id)
        task = view.by_id(row.task_id)
        if unit is None or task is None:
            return row
        old = row.old_due.isoformat() if row.old_due else "—"
        verdict = "同意" if approve else "不同意"
        trace.record(
            session,
            actor=actor,
            via=via,
            action="extension",
            detail=f"{view.label(task)}（{view.unit_of(unit.name)}）延期 {old} → {row.new_due.isoformat()}：{verdict}",
        )
        key = "ext_approved_unit" if approve else "ext_refused_unit"
        text = say("zh", key, name=view.label(task), date=row.new_due.isoformat(), old=old)
        enqueue(
            session,
            text=text,
            recipients=recipients(view, session, [view.unit_of(unit.name)]),
            kind="notice",
            audience=view.unit_of(unit.name),
        )
    ctx.store.refresh()
    _wake(ctx)
    return row


def current_due(view: PlanView, task_id: int, unit: str) -> date | None:
    """A unit's deadline on a task now: its granted extension, else the task's."""
    task = view.by_id(task_id)
    return view.due(task, unit) if task else None
