"""APScheduler drives the timing; what is due lives in Duban's own tables, so the jobs here only
wake Duban up to look. Nothing is lost or repeated when the process restarts, and several
processes on one database share the work without doubling it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core.context import Context
from core.lanes import from_any_thread
from handlers.conversation import end_idle
from schedules.bulletins import monthly_draft
from schedules.digest import weekly_digest
from schedules.housekeeping import prune
from schedules.outbox import Sender
from schedules.reminders import dispatch_due, plan_reminders

logger = logging.getLogger(__name__)


async def _plan(ctx: Context) -> None:
    created = await asyncio.to_thread(plan_reminders, ctx)
    if created:
        logger.info("planned %d reminders", created)


async def _end_idle(ctx: Context) -> None:
    await ctx.lanes.in_thread(end_idle, ctx)


async def _housekeeping(ctx: Context) -> None:
    await ctx.lanes.in_thread(prune, ctx)


async def _monthly_bulletin(ctx: Context) -> None:
    made = await asyncio.to_thread(monthly_draft, ctx)
    if made is not None:
        logger.info("drafted the bulletin %s", made.number)


async def _leaders_digest(ctx: Context) -> None:
    queued = await asyncio.to_thread(weekly_digest, ctx)
    if queued:
        logger.info("queued the weekly digest to %d leaders", queued)


async def _dispatch(ctx: Context, sender: Sender) -> None:
    if await asyncio.to_thread(dispatch_due, ctx):
        sender.wake.set()


@contextlib.asynccontextmanager
async def background(ctx: Context) -> AsyncIterator[Sender]:
    """The scheduler's jobs and the outbox sender, running until the block ends."""
    sender = Sender(ctx)
    ctx.wake_sender = from_any_thread(sender.wake.set)  # work in worker threads queues replies too
    stop = asyncio.Event()
    sending = asyncio.create_task(sender.serve(stop))
    scheduler = AsyncIOScheduler(timezone=ctx.settings.timezone)
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    scheduler.add_job(_end_idle, "interval", args=[ctx], minutes=1, id="end-idle-dialogs", **common)
    scheduler.add_job(_plan, "interval", args=[ctx], hours=1, id="plan-reminders", **common)
    scheduler.add_job(_housekeeping, "interval", args=[ctx], hours=1, id="housekeeping", **common)
    scheduler.add_job(_dispatch, "interval", args=[ctx, sender], seconds=30, id="dispatch-reminders", **common)
    scheduler.add_job(_monthly_bulletin, "interval", args=[ctx], minutes=30, id="monthly-bulletin", **common)
    scheduler.add_job(_leaders_digest, "interval", args=[ctx], minutes=15, id="leaders-digest", **common)
    scheduler.start()
    await _plan(ctx)  # at start: plan, then catch up on what fell due while Duban was down
    await _dispatch(ctx, sender)
    try:
        yield sender
    finally:
        scheduler.shutdown(wait=False)
        stop.set()
        sender.wake.set()
        await asyncio.wait_for(sending, 10)
