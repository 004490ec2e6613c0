"""Commands about the docket's sources: list them, name them, close (归档) and reopen them."""

from __future__ import annotations

import argparse
from typing import Any

from rich.table import Table
from sqlmodel import col, func, select

from bot.commands.common import CommandError, leave_trace, out, print_json
from core.settings import Settings
from core.store import open_store
from storage.models import Plan, Task, utcnow
from storage.plans import SOURCE_KINDS, all_plans


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
    return {"sources": cmd_sources, "source": cmd_source}


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
