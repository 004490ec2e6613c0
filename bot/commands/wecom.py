"""The office's WeCom commands: which address-book department is which plan unit, the sync, unit groups."""

from __future__ import annotations

import argparse
from typing import Any

from rich.table import Table

from bot.commands.common import CommandError, context_for, leave_trace, out, unit_name
from core.settings import Settings


def _wecom(settings: Settings) -> tuple[Any, Any]:
    if not settings.wecom_corp_id:
        raise CommandError("WeCom is not configured: set DUBAN_WECOM_CORP_ID, _AGENT_ID, _SECRET, _TOKEN, _AES_KEY")
    from bot.adapters.wecom import build_wecom

    ctx = context_for(settings)
    return ctx, build_wecom(ctx)


def cmd_departments(args: argparse.Namespace, settings: Settings) -> None:
    """Every WeCom department the app sees, the unit it is mapped to, and what its name resolves to."""
    from storage import address_book

    ctx, callback = _wecom(settings)
    view = ctx.store.view()
    with ctx.store.session() as session:
        mapped = {row.department_id: row for row in address_book.mappings(session, "wecom")}
        names = {u: i for u, i in (view.unit_ids.items() if view else [])}
    table = Table("id", "department", "mapped to", "its name reads as")
    for department in callback.contacts.departments():
        key = str(department["id"])
        row = mapped.get(key)
        # mapped to another printed name of an organ (农委, before the fold): its unit (市农委)
        unit = next((n for n, i in names.items() if i == view.unit_id_of(row.unit_id or 0)), "") if row and view else ""
        found = view.resolver.resolve(department["name"]) if view else None
        reading = found.unit if found and found.unit else f"— ({found.reason if found else 'no plan'})"
        table.add_row(key, department["name"], unit, reading)
    out.print(table)


def cmd_map(args: argparse.Namespace, settings: Settings) -> None:
    """Map a WeCom department to a plan unit (or `clear` the mapping); the unit is resolved, never guessed."""
    from storage import address_book, members

    ctx, callback = _wecom(settings)
    view = ctx.store.view()
    found = {str(d["id"]): d["name"] for d in callback.contacts.departments()}
    if args.department not in found:
        raise CommandError(f"WeCom has no department {args.department} visible to the app")
    unit = None
    name = ""
    if args.unit not in ("clear", "清除"):
        name = unit_name(ctx.store, args.unit, view.units if view else [])
    with ctx.store.session() as session:
        if name:
            unit = members.unit_by_name(session, name)
        address_book.set_mapping(session, "wecom", args.department, found[args.department], unit, "cli")
    leave_trace(ctx.store, "department", f"{found[args.department]}（{args.department}） → {name or '清除'}")
    out.print(f"{found[args.department]} ({args.department}) → {name or 'no unit'}")


def cmd_sync(args: argparse.Namespace, settings: Settings) -> None:
    """Bring bindings in line with the address book now (`duban run` does it daily)."""
    _, callback = _wecom(settings)
    moved, left = callback.contacts.sync()
    out.print(f"{moved} members bound to their department's unit; {left} who left the address book unbound")


def cmd_group(args: argparse.Namespace, settings: Settings) -> None:
    """An app group chat for a unit; its reminders and broadcasts reach the group too."""
    from bot.adapters.wecom import create_group
    from storage import members

    ctx, callback = _wecom(settings)
    view = ctx.store.view()
    name = unit_name(ctx.store, args.unit, view.units if view else [])
    users = [u.strip() for u in args.members.replace("，", ",").split(",") if u.strip()]
    if len(set([args.owner, *users])) < 2:  # WeCom's rule for appchat/create
        raise CommandError("an app group needs at least two members: the owner and one more in --members")
    with ctx.store.session() as session:
        unit = members.unit_by_name(session, name)
    assert unit is not None
    try:
        chat = create_group(ctx, callback.messenger.client, unit, args.owner, users)
    except ValueError as exc:  # WeCom's refusal in one line, never a traceback
        raise CommandError(str(exc)) from exc
    leave_trace(ctx.store, "group", f"{name}：{chat}")
    out.print(f"{name}: group {chat} created with {len(set([args.owner, *users]))} members")
