"""Commands about the plan itself: read it, store it, list its tasks and units, resolve names."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bot.commands.common import leave_trace, out, print_json, store_with_plan, unit_name
from bot.plan_reading import Limits, read_plan
from core.settings import Settings
from core.store import open_store
from storage.plans import plan_units


def cmd_parse(args: argparse.Namespace, settings: Settings) -> None:
    """Read a plan file and show what Duban understood, without storing anything."""
    plan = read_plan(Path(args.file), Limits.of(settings))
    if args.json:
        print_json(plan.to_json())
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
    if getattr(args, "explain", False):
        for line in plan.explained:
            out.print(f"[cyan]why:[/cyan] {line}", markup=True, highlight=False)


def cmd_import(args: argparse.Namespace, settings: Settings) -> None:
    """Store a plan (or a revision of a stored one) and say what changed."""
    store = open_store(settings, seed=False)
    with Progress(transient=True, console=Console(stderr=True), disable=not sys.stderr.isatty()) as bar:
        job = bar.add_task("importing", total=None)
        parsed = read_plan(Path(args.file), Limits.of(settings))
        result = store.import_file(
            Path(args.file),
            plan_id=args.plan,
            parsed=parsed,
            force=getattr(args, "force", False),
            kind=getattr(args, "kind", None),
            short_name=getattr(args, "name", None),
            progress=lambda done, total: bar.update(job, completed=done, total=total),
        )
    if result.unchanged:
        out.print(f"{result.title}: unchanged ({result.task_count} tasks); nothing was written")
        return
    verb = "imported" if result.created else "revised"
    leave_trace(store, "import", f"{Path(args.file).name} → «{result.title}»：{result.task_count} 项")
    named = f" (its tasks are {result.short_name}1, {result.short_name}2 …)" if result.short_name else ""
    out.print(f"{verb} plan {result.plan_id} «{result.title}»: {result.task_count} tasks{named}")
    for label, numbers in (
        ("new", result.added),
        ("updated", result.updated),
        ("restored", result.restored),
        ("archived", result.archived),
    ):
        if numbers and not (result.created and label == "new"):
            out.print(f"  {label}: {', '.join(map(str, numbers))}")


def _role_text(role: str, via: str | None) -> str:
    return f"{role} (via {via})" if via else role


def cmd_tasks(args: argparse.Namespace, settings: Settings) -> None:
    """List the plan's tasks, or one unit's, each marked with the unit's role in it."""
    store, plan_id = store_with_plan(settings)
    with store.session() as session:
        known = [u.name for u in plan_units(session, plan_id)]
    view = store.view()
    tasks = view.tasks if view else []
    if args.unit:
        unit = unit_name(store, args.unit, known)
        mine = view.unit_tasks(unit) if view else []
        if args.json:
            print_json(
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
            table.add_row(m.task.ref, m.task.title[:40], roles, _deadlines(m.task))
        out.print(table)
        return
    if args.json:
        print_json([_task_json(t) for t in tasks])
        return
    table = Table("No.", "Title", "Lead", "Responsible", "Deadlines")
    for task in tasks:
        table.add_row(task.ref, task.title[:40], "、".join(task.lead), "、".join(task.responsible), _deadlines(task))
    out.print(table)


def _deadlines(task: Any) -> str:
    return "; ".join(f"{d.text} {d.due or ''}".strip() for d in task.deadlines)


def _task_json(task: Any) -> dict[str, Any]:
    data = asdict(task)
    for deadline in data["deadlines"]:
        deadline["due"] = deadline["due"].isoformat() if deadline["due"] else None
    return data


def cmd_units(args: argparse.Namespace, settings: Settings) -> None:
    """List the plan's units with their kind and how many tasks name them."""
    store, plan_id = store_with_plan(settings)
    with store.session() as session:
        units = plan_units(session, plan_id)
    view = store.view()
    tasks = view.tasks if view else []
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
        print_json(rows)
        return
    table = Table("Unit", "Kind", "Lead", "Responsible", "Cooperating")
    for row in rows:
        table.add_row(row["name"], row["kind"], str(row["lead"]), str(row["responsible"]), str(row["cooperating"]))
    out.print(table)


def cmd_resolve(args: argparse.Namespace, settings: Settings) -> None:
    """Map typed unit names to the plan's units; `-` reads one query a line from standard input."""
    from plan.resolver import Resolver

    store, plan_id = store_with_plan(settings)
    with store.session() as session:
        known = [u.name for u in plan_units(session, plan_id)]
    view = store.view()
    resolver = view.resolver if view is not None else Resolver.for_units(known, store.directory)
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


def cmd_ask(args: argparse.Namespace, settings: Settings) -> None:
    """How Duban reads a message and what it answers, for a person bound to a unit; `-` reads one
    message a line from standard input. Each message is answered in a rehearsal (Store.rehearsal): the
    asker and what the answer would store, open or queue are undone after it and said instead, so
    nothing reaches the database or a chat."""
    import asyncio

    from core.context import Context
    from core.lanes import Lanes
    from core.messages import Incoming
    from handlers.router import dispatch, read_as_routed
    from storage import members

    store, plan_id = store_with_plan(settings)
    user = "duban-ask"
    with store.session() as session:
        known = [u.name for u in plan_units(session, plan_id)]
    as_unit = unit_name(store, args.as_unit, known) if args.as_unit else None
    queries = (line.rstrip("\n") for line in sys.stdin) if args.text == "-" else iter([args.text])

    lanes = Lanes()  # one for every message, its worker threads with it

    def answer(text: str) -> tuple[Any, list[str], list[str]]:
        with store.rehearsal() as (dry, done):
            with dry.session() as session:
                person = members.member(session, "ask", user, name="duban ask", chat_id=user)
                unit = members.unit_by_name(session, as_unit) if as_unit else None
                if unit is not None:
                    members.bind_now(person, unit)
            done.written.clear()  # the asker itself is no act of the message's
            msg = Incoming(platform="ask", chat_id=user, user_id=user, user_name="duban ask", text=text)
            ctx = Context(store=dry, settings=settings, lanes=lanes)
            reading = read_as_routed(msg, ctx)
            done.written.clear()
            replies = asyncio.run(dispatch(msg, ctx))
            return reading, [r.text for r in replies if r.text], would_do(dry, done.written)

    for text in queries:
        if args.text == "-" and not text.strip():
            continue
        reading, replies, would = answer(text)
        first = replies[0].split("\n", 1)[0] if replies else ""
        if args.json:
            data = {**reading.to_json(), "reply": first, "would": would}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            slots = ", ".join(f"{k}={v}" for k, v in reading.slots().items() if v is not None)
            out.print(f"{text} → {reading.intent} ({reading.confidence:.2f}{'; ' + slots if slots else ''})")
            out.print(f"  {first}")
            for act in would:
                out.print(f"  would {act} (not done: duban ask only shows)")


def would_do(store: Any, written: list[tuple[str, object]]) -> list[str]:
    """What a rehearsed message wrote, as the acts it would have been: a report saved, a request stored,
    a conversation left open, messages queued. Bookkeeping (numbers offered, remembered sources) is left out."""
    from storage.models import Broadcast, Delivery, Dialog, Extension, KeyValue, Member, Offer, Report, Signoff

    view = store.view()

    def task(task_id: int) -> str:
        found = view.by_id(task_id) if view is not None else None
        return view.label(found) if view is not None and found is not None else f"task {task_id}"

    acts: list[str] = []
    chats = sum(1 for how, obj in written if how == "new" and isinstance(obj, Delivery))
    for how, obj in written:
        if isinstance(obj, Offer | KeyValue | Delivery) or (isinstance(obj, Member) and obj.platform == "ask"):
            continue
        if isinstance(obj, Report):
            acts.append(f"save a report on {task(obj.task_id)}: {obj.status}")
        elif isinstance(obj, Extension):
            acts.append(f"store an extension request: {task(obj.task_id)} to {obj.new_due}")
        elif isinstance(obj, Signoff):
            acts.append(f"record 签收 of {task(obj.task_id)}")
        elif isinstance(obj, Broadcast):
            line = obj.text.strip().split("\n", 1)[0]
            acts.append(f"queue “{line}” to {chats} chat{'s' if chats != 1 else ''}")
        elif isinstance(obj, Dialog):
            act = f"keep a conversation open ({obj.state})"
            if act not in acts:
                acts.append(act)
        else:
            acts.append(f"{'write' if how == 'new' else 'change'} a {type(obj).__name__} row")
    return acts
