"""APScheduler drives the timing; what is due lives in Duban's own tables, so the jobs here only
wake Duban up to look. Nothing is lost or repeated when the process restarts."""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.context import Context
from handlers.report import end_idle

logger = logging.getLogger(__name__)


def start_scheduler(ctx: Context) -> AsyncIOScheduler:
    """Start the periodic jobs on the running event loop."""
    scheduler = AsyncIOScheduler(timezone=ctx.settings.timezone)
    scheduler.add_job(
        end_idle, "interval", args=[ctx], minutes=1, id="end-idle-dialogs", coalesce=True, max_instances=1
    )
    scheduler.start()
    return scheduler
