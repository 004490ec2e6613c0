"""The office's commands about time: deadlines it sets or corrects, events that start relative
deadlines, holidays for years the State Council calendar lacks; and the buttons under reminders."""

from __future__ import annotations

import re
from datetime import date, datetime

from core.context import Context
from core.messages import Incoming, Reply
from core.texts import say
from handlers import docket
from handlers.common import asker, lang, leave_trace, view_or_reply
from handlers.docket import take_ref
from handlers.report import start as start_report
from plan.schedule import main_due, relative_due
from schedules.reminders import snooze, snooze_digest
from schedules.workdays import CalendarDay, set_days
from storage.models import DeadlineOverride, utcnow

_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def parse_date(text: str) -> date | None:
    """2021-10-31, 2021/10/31 or 2021年10月31日."""
    found = _DATE.search(text)
    if not found:
        return None
    try:
        return date(*(int(x) for x in found.groups()))
    except ValueError:
        return None


def set_override(ctx: Context, number: int, kind: str, value: date | None, by: int | None = None) -> bool:
    """Set (or, with None, clear) the office's deadline or event date of a task; False for no such task."""
    view = ctx.store.view()
    task = view.task(number) if view else None
    if task is None or task.id is None:
        return False
    with ctx.store.session() as session:
        from sqlmodel import select

        existing = session.exec(
            select(DeadlineOverride).where(DeadlineOverride.task_id == task.id, DeadlineOverride.kind == kind)
        ).first()
        if value is None:
            if existing is not None:
                session.delete(existing)
        elif existing is None:
            session.add(DeadlineOverride(task_id=task.id, kind=kind, value=value, set_by=by))
        else:
            existing.value, existing.set_by, existing.set_at = value, by, utcnow()
    ctx.store.refresh()
    return True


async def _override(msg: Incoming, ctx: Context, arg: str, kind: str) -> list[Reply]:
    lg = lang(msg)
    who = asker(msg, ctx)
    if not who.is_admin:
        return [Reply(say(lg, "admin_only"))]
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    number_text, _, rest = arg.strip().partition(" ")
    usage = "deadline_usage" if kind == "due" else "event_usage"
    if not number_text.isdigit():
        return [Reply(say(lg, usage, **view.examples()))]
    number = int(number_text)
    if view.task(number) is None:
        return docket.no_task(msg, ctx, view, number, lg)
    if kind == "due" and rest.strip() in ("清除", "取消", "clear", "reset"):
        set_override(ctx, number, kind, None, who.member.id)
        leave_trace(msg, ctx, "deadline", f"任务{number}：清除")
        return [Reply(say(lg, "deadline_cleared", number=number))]
    value = parse_date(rest)
    if value is None:
        return [Reply(say(lg, "bad_date", text=rest.strip()[:20]) if rest.strip() else say(lg, usage))]
    set_override(ctx, number, kind, value, who.member.id)
    leave_trace(msg, ctx, "deadline" if kind == "due" else "event", f"任务{number}：{value.isoformat()}")
    if kind == "due":
        return [Reply(say(lg, "deadline_set", number=number, date=value.isoformat()))]
    view = ctx.store.view()
    task = view.task(number) if view else None
    relative = [d for d in (task.deadlines if task else []) if d.kind == "relative"]
    due = relative_due(relative[0].text, value) if relative else None
    due = due or (main_due(view.schedule(task)) if view and task else None)
    return [Reply(say(lg, "event_set", number=number, date=value.isoformat(), due=due.isoformat() if due else "—"))]


async def deadline(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/deadline 15 2021-10-31 (admins): set or correct a task's deadline; /deadline 15 清除 undoes it."""
    return await _override(msg, ctx, arg, "due")


async def event(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/event 11 2021-09-01 (admins): the day the event a relative deadline counts from happened."""
    return await _override(msg, ctx, arg, "event")


async def holiday(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/holiday 2027-01-01 休 元旦 (admins): a holiday or moved working day the calendar lacks."""
    lg = lang(msg)
    if not asker(msg, ctx).is_admin:
        return [Reply(say(lg, "admin_only"))]
    parts = arg.split()
    day = parse_date(parts[0]) if parts else None
    word = parts[1].lower() if len(parts) > 1 else ""
    if day is None or word not in ("休", "假", "off", "holiday", "班", "上班", "work", "workday"):
        return [Reply(say(lg, "holiday_usage"))]
    workday = word in ("班", "上班", "work", "workday")
    with ctx.store.session() as session:
        set_days(session, [CalendarDay(day=day, workday=workday, note=" ".join(parts[2:]))])
    kind = say(lg, "holiday_kind_work" if workday else "holiday_kind_off")
    return [Reply(say(lg, "holiday_set", date=day.isoformat(), kind=kind))]


async def report_now(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """The 现在汇报 button under a reminder: a guided report on that task (3@营商: of that source)."""
    return await start_report(msg, ctx, take_ref(msg, ctx, arg))


async def remind_later(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """The 稍后提醒 button under a reminder: again at the next working day's reminder time."""
    lg = lang(msg)
    when = snooze(ctx, int(arg)) if arg.isdigit() else None
    return _later_reply(ctx, lg, when)


async def remind_all_later(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """全部稍后提醒 under a digest: each of its reminders again at the next working day's reminder time."""
    when = snooze_digest(ctx, int(arg)) if arg.isdigit() else None
    return _later_reply(ctx, lang(msg), when)


def _later_reply(ctx: Context, lg: str, when: datetime | None) -> list[Reply]:
    if when is None:
        return [Reply(say(lg, "expired"), notice=say(lg, "expired"))]
    local = when.astimezone(ctx.now().tzinfo).strftime("%m-%d %H:%M")
    text = say(lg, "later_ok", when=local)
    return [Reply(text, notice=text)]
