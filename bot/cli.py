"""The `duban` command: read, import and query plans, resolve unit names, run the bot."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bot.settings import Settings
from bot.store import Store, open_store
from plan.directory import DirectoryError
from plan.parser import describe_error, parse_file
from plan.reader import PlanError
from storage.plans import current_plan, plan_tasks, plan_units, tasks_for_unit

ROLE_NAMES = {"lead": "lead", "responsible": "responsible", "cooperating": "cooperating"}

out = Console(highlight=False, soft_wrap=True)


class CommandError(Exception):
    """A user mistake on the command line: printed as one line, exit status 1."""


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def cmd_parse(args: argparse.Namespace, settings: Settings) -> None:
    """Read a plan file and show what Duban understood, without storing anything."""
    plan = parse_file(Path(args.file))
    if args.json:
        _print_json(plan.to_json())
        return
    out.print(f"[bold]{plan.title}[/bold]  {plan.year or ''} {plan.doc_number or ''} {plan.issuer or ''}")
    table = Table("No.", "Section", "Title", "Lead", "Responsible", "Cooperating", "Deadlines")
    for task in plan.tasks:
        table.add_row(
            str(task.number),
            (task.section or "")[:12],
            task.title[:30],
            "、".join(task.lead),
            "、".join(task.responsible),
            "、".join(task.cooperating),
            "; ".join(f"{d.text}→{d.due or '?'}" for d in task.deadlines),
        )
    out.print(table)
    out.print(f"{len(plan.sections)} sections, {len(plan.tasks)} tasks, {len(plan.units)} units")
    for warning in plan.warnings:
        out.print(f"[yellow]warning:[/yellow] {warning}")


def cmd_import(args: argparse.Namespace, settings: Settings) -> None:
    """Store a plan (or a revision of a stored one) and say what changed."""
    store = open_store(settings, seed=False)
    with Progress(transient=True, console=Console(stderr=True), disable=not sys.stderr.isatty()) as bar:
        job = bar.add_task("importing", total=None)
        result = store.import_file(
            Path(args.file),
            plan_id=args.plan,
            progress=lambda done, total: bar.update(job, completed=done, total=total),
        )
    if result.unchanged:
        out.print(f"{result.title}: unchanged ({result.task_count} tasks); nothing was written")
        return
    verb = "imported" if result.created else "revised"
    out.print(f"{verb} plan {result.plan_id} «{result.title}»: {result.task_count} tasks")
    for label, numbers in (
        ("new", result.added),
        ("updated", result.updated),
        ("restored", result.restored),
        ("archived", result.archived),
    ):
        if numbers and not (result.created and label == "new"):
            out.print(f"  {label}: {', '.join(map(str, numbers))}")


def _store_with_plan(settings: Settings) -> tuple[Store, int]:
    store = open_store(settings)
    with store.session() as session:
        plan = current_plan(session)
        if plan is None or plan.id is None:
            raise CommandError("no plan is stored; run `duban import FILE` first")
        return store, plan.id


def _role_text(role: str, via: str | None) -> str:
    return f"{role} (via {via})" if via else role


def cmd_tasks(args: argparse.Namespace, settings: Settings) -> None:
    """List the plan's tasks, or one unit's, each marked with the unit's role in it."""
    store, plan_id = _store_with_plan(settings)
    with store.session() as session:
        tasks = plan_tasks(session, plan_id)
        known = [u.name for u in plan_units(session, plan_id)]
    if args.unit:
        unit = _unit_name(store, args.unit, known)
        mine = tasks_for_unit(tasks, unit, store.directory, known)
        if args.json:
            _print_json(
                {
                    "unit": unit,
                    "tasks": [
                        {**_task_json(m.task), "roles": [{"role": r, "via": v} for r, v in m.roles]} for m in mine
                    ],
                }
            )
            return
        table = Table("No.", "Title", "Role", "Deadlines", title=f"{unit}: {len(mine)} tasks")
        for m in mine:
            roles = ", ".join(_role_text(r, v) for r, v in m.roles)
            table.add_row(str(m.task.number), m.task.title[:40], roles, _deadlines(m.task))
        out.print(table)
        return
    if args.json:
        _print_json([_task_json(t) for t in tasks])
        return
    table = Table("No.", "Title", "Lead", "Responsible", "Deadlines")
    for task in tasks:
        table.add_row(
            str(task.number), task.title[:40], "、".join(task.lead), "、".join(task.responsible), _deadlines(task)
        )
    out.print(table)


def _deadlines(task: Any) -> str:
    return "; ".join(f"{d.text} {d.due or ''}".strip() for d in task.deadlines)


def _task_json(task: Any) -> dict[str, Any]:
    data = asdict(task)
    for deadline in data["deadlines"]:
        deadline["due"] = deadline["due"].isoformat() if deadline["due"] else None
    return data


def _unit_name(store: Store, text: str, known: list[str]) -> str:
    """The plan unit a typed name stands for; CommandError when it is not in the plan."""
    from plan.resolver import Resolver

    match = Resolver.for_units(known, store.directory).resolve(text)
    if match.unit is None:
        hint = f"; did you mean {' or '.join(match.candidates)}?" if match.candidates else ""
        raise CommandError(f"{text!r} is not a unit of the plan{hint}")
    return match.unit


def cmd_units(args: argparse.Namespace, settings: Settings) -> None:
    """List the plan's units with their kind and how many tasks name them."""
    store, plan_id = _store_with_plan(settings)
    with store.session() as session:
        tasks = plan_tasks(session, plan_id)
        units = plan_units(session, plan_id)
    rows = []
    for unit in units:
        named = [t for t in tasks if unit.name in t.units]
        rows.append(
            {
                "name": unit.name,
                "kind": unit.kind,
                "lead": sum(unit.name in t.lead for t in named),
                "responsible": sum(unit.name in t.responsible for t in named),
                "cooperating": sum(unit.name in t.cooperating for t in named),
            }
        )
    if args.json:
        _print_json(rows)
        return
    table = Table("Unit", "Kind", "Lead", "Responsible", "Cooperating")
    for row in rows:
        table.add_row(row["name"], row["kind"], str(row["lead"]), str(row["responsible"]), str(row["cooperating"]))
    out.print(table)


def cmd_resolve(args: argparse.Namespace, settings: Settings) -> None:
    """Map typed unit names to the plan's units; `-` reads one query a line from standard input."""
    from plan.resolver import Resolver

    store, plan_id = _store_with_plan(settings)
    with store.session() as session:
        known = [u.name for u in plan_units(session, plan_id)]
    resolver = Resolver.for_units(known, store.directory)
    queries = (line.rstrip("\n") for line in sys.stdin) if args.text == "-" else iter([args.text])
    for query in queries:
        if args.text == "-" and not query.strip():
            continue
        match = resolver.resolve(query)
        if args.json:
            sys.stdout.write(json.dumps(match.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif match.unit:
            out.print(f"{query} → {match.unit}  ({match.reason}, {match.score:.0f})")
        elif match.candidates:
            out.print(f"{query} → one of: {'、'.join(match.candidates)}")
        else:
            out.print(f"{query} → not a unit of the plan")


def cmd_ledger(args: argparse.Namespace, settings: Settings) -> None:
    """Write the progress ledger (台账) workbook and its chart."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from ledger.export import write_ledger

    store, _ = _store_with_plan(settings)
    written = write_ledger(store, Path(args.out), today=datetime.now(ZoneInfo(settings.timezone)).date())
    out.print(f"ledger: {written.workbook} ({written.rows} rows); chart: {written.chart}")


def _context(settings: Settings) -> Any:
    from bot.core.context import Context

    store, _ = _store_with_plan(settings)
    return Context(store=store, settings=settings)


def _day(text: str | None, settings: Settings) -> Any:
    """A date given on the command line, or today in the plan's time zone."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    if not text:
        return datetime.now(ZoneInfo(settings.timezone)).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date like 2021-10-31") from None


def cmd_schedule(args: argparse.Namespace, settings: Settings) -> None:
    """Every task's deadlines: fixed, relative, recurring, quota, default, with the next due date."""
    ctx = _context(settings)
    view = ctx.store.view()
    today = _day(args.at, settings)
    tasks = view.tasks
    if args.unit:
        unit = _unit_name(ctx.store, args.unit, view.units)
        tasks = [u.task for u in view.unit_tasks(unit)]
    items = [item for task in tasks for item in view.schedule(task)]
    if args.json:
        _print_json([item.to_json(today) for item in items])
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

    ctx = _context(settings)
    value = None if args.date in ("clear", "清除") and kind == "due" else parse_date(args.date)
    if value is None and args.date not in ("clear", "清除"):
        raise CommandError(f"{args.date!r} is not a date like 2021-10-31")
    if not set_override(ctx, args.task, kind, value):
        raise CommandError(f"the plan has no task {args.task}")
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

    store, _ = _store_with_plan(settings)
    try:
        days = read_calendar_file(Path(args.file))
    except (OSError, CalendarFileError) as exc:
        raise CommandError(str(exc)) from None
    with store.session() as session:
        count = set_days(session, days)
    out.print(f"{count} days recorded")


async def _deliver(ctx: Any, work: Any) -> Any:
    """Run `work(sender)` with the configured platforms registered for sending."""
    from schedules.outbox import Sender

    sender = Sender(ctx)
    if ctx.settings.telegram_token:
        from bot.adapters.telegram import sending_only

        async with sending_only(ctx):
            return await work(sender)
    return await work(sender)


def cmd_remind(args: argparse.Namespace, settings: Settings) -> None:
    """Plan reminders and send what is due (once, or every 30 seconds until interrupted)."""
    import asyncio
    from datetime import datetime

    from schedules.reminders import dispatch_due, plan_reminders

    ctx = _context(settings)
    at = datetime.fromisoformat(args.at) if args.at else None
    if at is not None and at.tzinfo is None:
        from zoneinfo import ZoneInfo

        at = at.replace(tzinfo=ZoneInfo(settings.timezone))

    async def work(sender: Any) -> None:
        while True:
            planned = plan_reminders(ctx, at)
            queued = dispatch_due(ctx, at)
            sent = await sender.drain(timeout=600)
            out.print(f"planned {planned}, queued {queued}, sent {sent}")
            if args.once:
                return
            await asyncio.sleep(30)

    asyncio.run(_deliver(ctx, work))


def cmd_broadcast(args: argparse.Namespace, settings: Settings) -> None:
    """Send a message to all units, the late ones, or named units and collectives, through the outbox."""
    import asyncio
    import re

    from schedules.broadcasts import audience_units, recipients
    from schedules.outbox import counts, enqueue

    ctx = _context(settings)
    view = ctx.store.view()
    choice = args.to if args.to in ("all", "late") else "units"
    names = [] if choice != "units" else [n for n in re.split(r"[、,，;；]+", args.to) if n]
    with ctx.store.session() as session:
        units, unknown = audience_units(view, session, choice, names, ctx.now().date())
        if unknown:
            raise CommandError(f"not units of the plan: {'、'.join(unknown)}")
        people = recipients(view, session, units)
    if not people:
        raise CommandError("nobody in these units is bound to Duban yet")
    out.print(
        f"to {len(units)} units, {len(people)} recipients: {'、'.join(units[:12])}{'…' if len(units) > 12 else ''}"
    )
    if not args.yes and input("send? [y/N] ").strip().lower() not in ("y", "yes", "是"):
        raise CommandError("not sent")
    with ctx.store.session() as session:
        broadcast = enqueue(session, text=args.text, recipients=people, audience=args.to)
        broadcast_id = broadcast.id

    async def work(sender: Any) -> None:
        await sender.drain(timeout=3600)

    asyncio.run(_deliver(ctx, work))
    with ctx.store.session() as session:
        found = counts(session, broadcast_id or 0)
    out.print(f"broadcast {broadcast_id}: {found.sent} delivered, {found.pending} pending, {found.failed} failed")


def cmd_invite(args: argparse.Namespace, settings: Settings) -> None:
    """A one-time invite code for a unit: whoever sends /start CODE first joins it."""
    from storage import members

    store, plan_id = _store_with_plan(settings)
    with store.session() as session:
        known = [u.name for u in plan_units(session, plan_id)]
    unit_name = _unit_name(store, args.unit, known)
    with store.session() as session:
        unit = members.unit_by_name(session, unit_name)
        assert unit is not None
        code = members.make_invite(session, unit, None)
    out.print(f"{unit_name}: /start {code}")
    if settings.telegram_token and args.bot:
        out.print(f"https://t.me/{args.bot}?start={code}")


def cmd_send(args: argparse.Namespace, settings: Settings) -> None:
    """Send whatever waits in the outbox (after a crash, say), then report what is left."""
    import asyncio

    ctx = _context(settings)

    async def work(sender: Any) -> int:
        return await sender.drain(timeout=args.timeout)

    sent = asyncio.run(_deliver(ctx, work))
    from schedules.outbox import Sender

    out.print(f"sent {sent}; {Sender(ctx).pending()} still pending")


def cmd_run(args: argparse.Namespace, settings: Settings) -> None:
    """Start Duban: Telegram when a token is set, else a chat console on this terminal."""
    from bot.run import run

    run(settings)


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], None]] = {
    "parse": cmd_parse,
    "import": cmd_import,
    "tasks": cmd_tasks,
    "units": cmd_units,
    "resolve": cmd_resolve,
    "ledger": cmd_ledger,
    "schedule": cmd_schedule,
    "deadline": cmd_deadline,
    "event": cmd_event,
    "holidays": cmd_holidays,
    "remind": cmd_remind,
    "broadcast": cmd_broadcast,
    "send": cmd_send,
    "invite": cmd_invite,
    "run": cmd_run,
}


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar."""
    parser = argparse.ArgumentParser(prog="duban", description="督办 Duban: work-plan tasks in the work chat")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="read a plan file without storing it")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("import", help="store a plan file, or a revision of the stored plan")
    p.add_argument("file")
    p.add_argument("--plan", type=int, help="revise this stored plan (default: the one of the same title)")
    p = sub.add_parser("tasks", help="list tasks, all or one unit's")
    p.add_argument("--unit")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("units", help="list the plan's units")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("resolve", help="map a typed unit name to the plan's unit ('-': one a line from stdin)")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("ledger", help="write the progress ledger (台账) as .xlsx, with a chart beside it")
    p.add_argument("--out", required=True, help="the workbook to write, e.g. 台账.xlsx")
    p = sub.add_parser("schedule", help="every task's deadlines and the next due date")
    p.add_argument("--unit")
    p.add_argument("--json", action="store_true")
    p.add_argument("--at", help="the day to count 'next' from (default today)")
    p = sub.add_parser("deadline", help="set or correct a task's deadline ('clear' undoes it)")
    p.add_argument("task", type=int)
    p.add_argument("date")
    p = sub.add_parser("event", help="record the day a relative deadline's event happened")
    p.add_argument("task", type=int)
    p.add_argument("date")
    p = sub.add_parser("holidays", help="enter holidays and moved working days from a YAML or CSV file")
    p.add_argument("file")
    p = sub.add_parser("remind", help="plan reminders and send those due")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    p.add_argument("--at", help="act as if it were this local time (ISO), for catch-up and tests")
    p = sub.add_parser("broadcast", help="send a message to units through the outbox")
    p.add_argument("--to", required=True, help="all, late, or unit / collective names separated by 、 or commas")
    p.add_argument("--text", required=True)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = sub.add_parser("invite", help="a one-time invite code for a unit (/start CODE)")
    p.add_argument("unit")
    p.add_argument("--bot", help="the Telegram bot's username, for a deep link")
    p = sub.add_parser("send", help="send what waits in the outbox")
    p.add_argument("--timeout", type=float, default=3600.0, help="give up after this many seconds")
    sub.add_parser("run", help="start the bot (a chat console when no platform token is set)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `duban` command; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
        COMMANDS[args.command](args, settings)
    except (CommandError, PlanError, DirectoryError, LookupError) as exc:
        sys.stderr.write(f"duban: error: {describe_error(exc) if isinstance(exc, PlanError) else exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: one line, never a traceback, for the office's sake
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        sys.stderr.write(f"duban: error: {type(exc).__name__}: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
