"""What every `duban` command shares: the console, one-line errors, the store with its plan."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from core.settings import Settings
from core.store import Store, open_store
from storage.plans import live_plans

out = Console(highlight=False, soft_wrap=True)


class CommandError(Exception):
    """A user mistake on the command line: printed as one line, exit status 1."""


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def store_with_plan(settings: Settings) -> tuple[Store, list[int]]:
    """The store and the ids of the docket's live sources; CommandError when there is none."""
    store = open_store(settings)
    with store.session() as session:
        plans = live_plans(session)
        if not plans:
            raise CommandError("no plan is stored; run `duban import FILE` first")
        return store, [p.id or 0 for p in plans]


def unit_name(store: Store, text: str, known: list[str]) -> str:
    """The plan unit a typed name stands for; CommandError when it is not in the plan."""
    from plan.resolver import Resolver

    view = store.view()
    match = view.office_unit(text) if view is not None else Resolver.for_units(known, store.directory).resolve(text)
    if match.unit is None:
        hint = f"; did you mean {' or '.join(match.candidates)}?" if match.candidates else ""
        raise CommandError(f"{text!r} is not a unit of the plan{hint}")
    return match.unit


def context_for(settings: Settings) -> Any:
    from core.context import Context

    store, _ = store_with_plan(settings)
    return Context(store=store, settings=settings)


def day_or_today(text: str | None, settings: Settings) -> Any:
    """A date given on the command line, or today in the plan's time zone."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    if not text:
        return datetime.now(ZoneInfo(settings.timezone)).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date like 2021-10-31") from None


def cli_actor() -> str:
    """Who runs the command, as the trace names them: the account's name."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def leave_trace(store: Store, action: str, detail: str) -> None:
    """Record an office action taken on the command line (留痕), under the account that ran it."""
    from storage import trace

    who = cli_actor()
    with store.session() as session:
        trace.record(session, actor=who, via="cli", action=action, detail=detail)
