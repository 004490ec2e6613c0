"""Commands about the docket's sources: list them, name them, close (归档) and reopen them."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from rich.table import Table
from sqlmodel import col, func, select

from bot.commands.common import (
    CommandError,
    cli_actor,
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
from storage.models import Plan, Task, utcnow
from storage.plans import SOURCE_KINDS, all_plans, plan_units


def register(sub: Any) -> dict[str, Any]:
    """Add the docket's commands to the parser; their functions by name."""
    p = sub.add_parser("sources", help="the docket's sources (plans, 交办单) with short names and counts")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("source", help="rename, retitle, re-kind, close (归档) or reopen a source")
    p.add_argument("source", help="its id or short name")
    p.add_argument("--name", help="the short name tasks are called by (营商 → 营商3)")
    p.add_argument("--title")
    p.add_argument("--kind", choices=SOURCE_KINDS)
    p.add_argument("--archive", action="store_true", help="close it: out of reminders, still searchable")
    p.add_argument("--reopen", action="store_true")
    p = sub.add_parser("assign", help="hand down a 交办单: text, units with roles, deadline; its units are told")
    p.add_argument("text", help="what is to be done")
    p.add_argument("--lead", default="", help="lead units, separated by 、 or commas")
    p.add_argument("--responsible", default="", help="responsible units")
    p.add_argument("--cooperating", default="", help="cooperating units")
    p.add_argument("--due", help="the deadline, e.g. 2026-12-31")
    p.add_argument("--person", default="", help="the person responsible (责任人)")
    p.add_argument("--attachment", default="", help="a file that goes with it (its name is shown)")
    p = sub.add_parser("leader", help="record a unit's 分管领导: copied on its long-late items")
    p.add_argument("unit")
    p.add_argument("who", help="platform:user id, e.g. telegram:9001 or wecom:zhangsan")
    p.add_argument("--name", default="")
    return {"sources": cmd_sources, "source": cmd_source, "assign": cmd_assign, "leader": cmd_leader}


def _find(plans: list[Plan], key: str) -> Plan:
    found = next((p for p in plans if str(p.id) == key or p.short_name == key), None)
    if found is None:
        names = "、".join(f"{p.id} {p.short_name}" for p in plans)
        raise CommandError(f"no source {key!r}; the sources are: {names}")
    return found


def cmd_sources(args: argparse.Namespace, settings: Settings) -> None:
    """Every source, live and closed, with how many live tasks it holds."""
    store = open_store(settings, seed=False)
    with store.session() as session:
        rows = []
        for plan in all_plans(session):
            live = select(func.count()).where(Task.plan_id == plan.id, col(Task.archived_at).is_(None))
            count = session.exec(live).one()
            rows.append(
                {
                    "id": plan.id,
                    "short_name": plan.short_name,
                    "kind": plan.kind,
                    "title": plan.title,
                    "tasks": count,
                    "archived": plan.archived_at is not None,
                }
            )
    if args.json:
        print_json(rows)
        return
    table = Table("Id", "Name", "Kind", "Title", "Tasks", "State")
    for row in rows:
        state = "归档" if row["archived"] else "live"
        table.add_row(str(row["id"]), row["short_name"] or "", row["kind"], row["title"], str(row["tasks"]), state)
    out.print(table)


def cmd_source(args: argparse.Namespace, settings: Settings) -> None:
    """Change what the office calls a source, its title or kind, or close / reopen it."""
    store = open_store(settings, seed=False)
    changes: list[str] = []
    with store.session() as session:
        plans = all_plans(session)
        plan = _find(plans, args.source)
        if args.name:
            if args.name.isdigit() or any(p.short_name == args.name and p.id != plan.id for p in plans):
                raise CommandError(f"{args.name!r} cannot name a source: it is a number or another source's name")
            changes.append(f"简称 {plan.short_name} → {args.name}")
            plan.short_name = args.name
        if args.title:
            changes.append(f"标题 → {args.title}")
            plan.title = args.title
        if args.kind:
            changes.append(f"类别 → {args.kind}")
            plan.kind = args.kind
        if args.archive and plan.archived_at is None:
            plan.archived_at = utcnow()
            changes.append("归档")
        if args.reopen and plan.archived_at is not None:
            plan.archived_at = None
            changes.append("恢复")
        label = f"{plan.id} «{plan.title}»"
    if not changes:
        out.print(f"{label}: nothing to change")
        return
    leave_trace(store, "source", f"{label}：{'；'.join(changes)}")
    out.print(f"{label}: {'; '.join(changes)}")


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[、,，;；]", text) if n.strip()]


def cmd_assign(args: argparse.Namespace, settings: Settings) -> None:
    """Hand down a 交办单 from the command line; the units are told through the outbox."""
    from schedules.assignments import hand_down

    ctx = context_for(settings)
    units: list[tuple[str, str]] = []
    known = ctx.store.view().units if ctx.store.view() else []
    for role in ("lead", "responsible", "cooperating"):
        for name in _names(getattr(args, role)):
            units.append((unit_name(ctx.store, name, known), role))
    if not units:
        raise CommandError("name at least one unit: --lead, --responsible or --cooperating")
    due = day_or_today(args.due, settings) if args.due else None
    done = hand_down(
        ctx,
        text=args.text,
        units=units,
        due=due,
        actor=cli_actor(),
        via="cli",
        person=args.person,
        attachment=Path(args.attachment).name if args.attachment else "",
    )
    missing = f"; nobody has joined: {'、'.join(done.unjoined)}" if done.unjoined else ""
    out.print(
        f"assigned {done.item.doc_number} ({done.name}) to {'、'.join(u for u, _ in units)}: {done.told} chats told{missing}"
    )


def cmd_leader(args: argparse.Namespace, settings: Settings) -> None:
    """Record a person as a leader of a unit."""
    from storage import docket, members

    store, ids = store_with_plan(settings)
    with store.session() as session:
        known = [u.name for u in plan_units(session, ids)]
    name = unit_name(store, args.unit, known)
    platform, _, user = args.who.partition(":")
    if not platform or not user:
        raise CommandError(f"{args.who!r} is not platform:user id, e.g. telegram:9001")
    with store.session() as session:
        unit = members.unit_by_name(session, name)
        assert unit is not None
        docket.set_leader(
            session, unit_id=unit.id or 0, platform=platform, user_id=user, name=args.name, by=cli_actor()
        )
    leave_trace(store, "leader", f"{name}：{args.who}")
    out.print(f"{args.who} is a leader of {name}: its long-late items are copied to them")
