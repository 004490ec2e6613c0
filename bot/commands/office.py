"""The office's commands: the ledger, schedules and their corrections, holidays, invite codes."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from bot.commands.common import (
    CommandError,
    context_for,
    day_or_today,
    leave_trace,
    out,
    print_json,
    store_with_plan,
    unit_name,
)
from core.settings import Settings
from core.store import open_store
from storage.plans import plan_units


def cmd_ledger(args: argparse.Namespace, settings: Settings) -> None:
    """Write the progress ledger (台账) workbook and its chart."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from ledger.export import write_ledger

    store, _ = store_with_plan(settings)
    zone = ZoneInfo(settings.timezone)
    from schedules.workdays import WorkCalendar

    with store.session() as session:
        calendar = WorkCalendar.load(session)
    written = write_ledger(
        store,
        Path(args.out),
        today=datetime.now(zone).date(),
        zone=zone,
        yellow_workdays=settings.light_yellow_workdays,
        is_workday=calendar.is_workday,
    )
    out.print(f"ledger: {written.workbook} ({written.rows} rows); chart: {written.chart or 'not drawn'}")


def cmd_schedule(args: argparse.Namespace, settings: Settings) -> None:
    """Every task's deadlines: fixed, relative, recurring, quota, default, with the next due date."""
    ctx = context_for(settings)
    view = ctx.store.view()
    today = day_or_today(args.at, settings)
    tasks = view.tasks
    if args.unit:
        unit = unit_name(ctx.store, args.unit, view.units)
        tasks = [u.task for u in view.unit_tasks(unit)]
    items = [item for task in tasks for item in view.schedule(task)]
    if args.json:
        print_json([item.to_json(today) for item in items])
        return
    table = Table("No.", "Kind", "Phrase", "Due", "Next", "Units")
    for item in items:
        following = item.next(today)
        table.add_row(
            str(item.task),
            item.kind,
            item.text[:24],
            str(item.due or "—"),
            str(following or "—"),
            "、".join(item.units)[:40],
        )
    out.print(table)


def _override(args: argparse.Namespace, settings: Settings, kind: str) -> None:
    from handlers.office import parse_date, set_override

    ctx = context_for(settings)
    value = None if args.date in ("clear", "清除") and kind == "due" else parse_date(args.date)
    if value is None and args.date not in ("clear", "清除"):
        raise CommandError(f"{args.date!r} is not a date like 2021-10-31")
    if not set_override(ctx, args.task, kind, value):
        raise CommandError(f"the plan has no task {args.task}")
    leave_trace(ctx.store, "deadline" if kind == "due" else "event", f"任务{args.task}：{value or '清除'}")
    view = ctx.store.view()
    task = view.task(args.task)
    due = view.due(task)
    out.print(f"task {args.task}: {kind} {'cleared' if value is None else value}; deadline now {due or '—'}")


def cmd_deadline(args: argparse.Namespace, settings: Settings) -> None:
    """Set or correct a task's deadline (`clear` undoes it); a re-imported plan keeps it."""
    _override(args, settings, "due")


def cmd_event(args: argparse.Namespace, settings: Settings) -> None:
    """Record the day the event a relative deadline counts from happened."""
    _override(args, settings, "event")


def cmd_holidays(args: argparse.Namespace, settings: Settings) -> None:
    """Enter holidays and moved working days from a file (YAML or CSV) for years the calendar lacks."""
    from schedules.workdays import CalendarFileError, read_calendar_file, set_days

    store, _ = store_with_plan(settings)
    try:
        days = read_calendar_file(Path(args.file))
    except (OSError, CalendarFileError) as exc:
        raise CommandError(str(exc)) from None
    with store.session() as session:
        count = set_days(session, days)
    out.print(f"{count} days recorded")


def cmd_invite(args: argparse.Namespace, settings: Settings) -> None:
    """A one-time invite code for a unit: whoever sends /start CODE first joins it."""
    from storage import members

    store, plan_id = store_with_plan(settings)
    with store.session() as session:
        known = [u.name for u in plan_units(session, plan_id)]
    name = unit_name(store, args.unit, known)
    with store.session() as session:
        unit = members.unit_by_name(session, name)
        assert unit is not None
        code = members.make_invite(session, unit, None)
    leave_trace(store, "invite", name)
    out.print(f"{name}: /start {code}")
    if settings.telegram_token and args.bot:
        out.print(f"https://t.me/{args.bot}?start={code}")


def cmd_web_login(args: argparse.Namespace, settings: Settings) -> None:
    """A one-time sign-in link to the web console: ten minutes, one use."""
    import getpass

    from core.signin import Holder, make_link
    from storage.keyvalue import SharedValues

    store = open_store(settings, seed=False)
    name = args.user or getpass.getuser()
    link = make_link(SharedValues(store.engine), settings, Holder(who=f"{name} (cli)"))
    out.print(link)
