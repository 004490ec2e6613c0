"""Commands that send: reminders due now, broadcasts, whatever waits in the outbox."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.commands.common import CommandError, context_for, leave_trace, out
from core.settings import Settings


async def _deliver(ctx: Any, work: Any, broadcast_id: int | None = None) -> Any:
    """Run `work(sender)` with the configured platforms registered for sending. SIGTERM or SIGINT stop
    it gracefully: what is in flight finishes, what is claimed and not started is given back. What is
    left for `duban run` is counted for one broadcast when one is named, else for the whole outbox."""
    import asyncio
    import signal

    from schedules.outbox import Sender

    sender = Sender(ctx)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, sender.halt)
    if ctx.settings.wecom_corp_id and ctx.settings.wecom_secret:
        from bot.adapters.wecom import build_wecom

        build_wecom(ctx)  # registered for sending: a WeCom member's copy goes out from here too
    try:
        if ctx.settings.telegram_token:
            from bot.adapters.telegram import sending_only

            async with sending_only(ctx):
                return await work(sender)
        return await work(sender)
    finally:
        waiting = sender.unserved(broadcast_id)
        if waiting:  # a console chat, or a platform not configured here: never tried, never lost
            counts = ", ".join(f"{n} to {platform}" for platform, n in sorted(waiting.items()))
            out.print(f"waiting for `duban run` to serve them: {counts}")


def cmd_remind(args: argparse.Namespace, settings: Settings) -> None:
    """Plan reminders and send what is due (once, or every 30 seconds until interrupted)."""
    import asyncio
    from datetime import datetime

    from schedules.reminders import dispatch_due, plan_reminders

    ctx = context_for(settings)
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

    from schedules.broadcasts import audience_units, recipients, unreached
    from schedules.outbox import counts, enqueue

    ctx = context_for(settings)
    view = ctx.store.view()
    choice = args.to if args.to in ("all", "late") else "units"
    names = [] if choice != "units" else [n for n in re.split(r"[、,，;；]+", args.to) if n]
    with ctx.store.session() as session:
        units, unknown = audience_units(view, session, choice, names, ctx.now().date())
        if unknown:
            raise CommandError(f"not units of the plan: {'、'.join(unknown)}")
        people = recipients(view, session, units)
        missed = unreached(view, session, units)
    if not people:
        raise CommandError(f"nobody in these units is bound to Duban yet: {'、'.join(missed)} (duban invite UNIT)")
    many = (
        f"{len(units)} unit{'s' if len(units) != 1 else ''}, {len(people)} recipient{'s' if len(people) != 1 else ''}"
    )
    out.print(f"to {many}: {'、'.join(units[:12])}{'…' if len(units) > 12 else ''}")
    if missed:
        shown = "、".join(missed[:12]) + ("…" if len(missed) > 12 else "")
        out.print(f"nobody bound in {shown}: they will not get it (duban invite UNIT)")
    if not args.yes and not (sys.stdin.isatty() and input("send? [y/N] ").strip().lower() in ("y", "yes", "是")):
        raise CommandError("not sent: confirm at a terminal, or add --yes")
    with ctx.store.session() as session:
        broadcast = enqueue(session, text=args.text, recipients=people, audience=args.to)
        broadcast_id = broadcast.id
    leave_trace(ctx.store, "broadcast", f"群发{broadcast_id} → {args.to}（{len(people)} 人）")

    async def work(sender: Any) -> None:
        await sender.drain(timeout=3600, report=lambda line: out.print(line))

    asyncio.run(_deliver(ctx, work, broadcast_id))
    with ctx.store.session() as session:
        found = counts(session, broadcast_id or 0)
    out.print(f"broadcast {broadcast_id}: {found.sent} delivered, {found.pending} pending, {found.failed} failed")


def cmd_send(args: argparse.Namespace, settings: Settings) -> None:
    """Send whatever waits in the outbox (after a crash, say), then report what is left."""
    import asyncio

    ctx = context_for(settings)

    async def work(sender: Any) -> int:
        return await sender.drain(timeout=args.timeout, report=lambda line: out.print(line))

    sent = asyncio.run(_deliver(ctx, work))
    from schedules.outbox import Sender

    out.print(f"sent {sent}; {Sender(ctx).pending()} still pending")
