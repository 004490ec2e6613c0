"""Housekeeping: what only grows is pruned. Expired shared values (WeCom message ids seen, tokens), choices
offered past their time (storage/dialogs.py), delivery history past its retention (DUBAN_DELIVERY_KEEP_DAYS; what is still to be
sent is never touched), and generated ledger files past DUBAN_LEDGER_KEEP_HOURS. `duban run` does it
hourly; each run is one short transaction per table."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func
from sqlmodel import col, select

from core.context import Context
from storage import dialogs
from storage.models import Broadcast, Delivery, KeyValue, utcnow

logger = logging.getLogger(__name__)
LEDGER_FOLDER = "ledgers"  # where /ledger writes its workbooks and charts (handlers/progress.py)


@dataclass(frozen=True)
class Pruned:
    """How much went, per kind."""

    values: int = 0
    deliveries: int = 0
    broadcasts: int = 0
    files: int = 0


def prune(ctx: Context, now: datetime | None = None) -> Pruned:
    """Remove what has outlived its use; how much of each."""
    now = now or utcnow()
    settings = ctx.settings
    cutoff = now - timedelta(days=settings.delivery_keep_days)
    with ctx.store.session() as session:
        values = session.execute(
            delete(KeyValue).where(col(KeyValue.expires_at).is_not(None), col(KeyValue.expires_at) <= now)
        ).rowcount  # type: ignore[attr-defined]
        values += dialogs.prune_offers(session, now)
    with ctx.store.session() as session:
        settled_at = func.coalesce(Delivery.sent_at, Delivery.claimed_at, Delivery.next_attempt_at)
        deliveries = session.execute(
            delete(Delivery).where(col(Delivery.status).in_(("sent", "failed")), settled_at < cutoff)
        ).rowcount  # type: ignore[attr-defined]
        left = select(Delivery.broadcast_id).where(col(Delivery.broadcast_id) == col(Broadcast.id)).exists()
        broadcasts = session.execute(delete(Broadcast).where(col(Broadcast.created_at) < cutoff, ~left)).rowcount  # type: ignore[attr-defined]
    files = _old_files(Path(settings.data_dir) / LEDGER_FOLDER, settings.ledger_keep_hours * 3600)
    pruned = Pruned(values, deliveries, broadcasts, files)
    if any((values, deliveries, broadcasts, files)):
        logger.info("housekeeping: %s", pruned)
    return pruned


def _old_files(folder: Path, keep_seconds: float) -> int:
    """Delete the files in a folder older than `keep_seconds`; how many."""
    if not folder.is_dir():
        return 0
    gone = 0
    oldest = time.time() - keep_seconds
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < oldest:
                path.unlink()
                gone += 1
        except OSError as exc:  # another process removed it first, or it is not ours to remove
            logger.info("housekeeping left %s: %s", path.name, exc)
    return gone
