"""The outbox: every message sent to many people (broadcasts, reminders) is a row per recipient in
the database, claimed, sent and recorded one by one, within the platform's rate.

The rule for a crash: a delivery is committed as `sending` before the platform call and as `sent`
after it. A process killed between the two leaves it `sending`; once its lease has expired
(DUBAN_OUTBOX_LEASE_SECONDS) any sender claims it again and sends it again. So nothing recorded as
sent is ever sent twice, nothing pending is skipped, and the one message in flight at the kill
reaches its recipient at least once: possibly twice, never not at all. A missed reminder costs a
department more than a repeated one."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, func, select

from core.context import Context
from core.delivery import ChatBusy, RetryLater, TransientError, Undeliverable
from core.messages import Button, Reply
from storage.models import Broadcast, Delivery, utcnow

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def worker_name() -> str:
    """Who claimed a delivery: this host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def enqueue(
    session: Session,
    *,
    text: str,
    recipients: list[tuple[str, str]],
    kind: str = "broadcast",
    audience: str = "",
    buttons: list[list[tuple[str, str]]] | None = None,
    created_by: int | None = None,
) -> Broadcast:
    """One message for many chats: a Broadcast row and a pending Delivery per distinct recipient."""
    broadcast = Broadcast(
        kind=kind,
        audience=audience,
        text=text,
        buttons=[[list(b) for b in row] for row in buttons or []],
        created_by=created_by,
    )
    session.add(broadcast)
    session.flush()
    for platform, chat_id in dict.fromkeys(recipients):
        session.add(Delivery(broadcast_id=broadcast.id or 0, platform=platform, chat_id=chat_id))
    session.flush()
    return broadcast


@dataclass
class Counts:
    """Where a broadcast's deliveries stand."""

    sent: int = 0
    pending: int = 0
    failed: int = 0


def counts(session: Session, broadcast_id: int) -> Counts:
    """Delivered, pending (including in flight) and failed copies of a broadcast."""
    rows = session.exec(
        select(Delivery.status, func.count()).where(Delivery.broadcast_id == broadcast_id).group_by(Delivery.status)
    ).all()
    found = dict(rows)
    return Counts(
        sent=found.get("sent", 0),
        pending=found.get("pending", 0) + found.get("sending", 0),
        failed=found.get("failed", 0),
    )


class RateLimiter:
    """A token bucket: at most `rate` sends a second on average, `burst` at once; None: no limit."""

    def __init__(self, rate: float | None, burst: int = 1, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self.tokens = float(self.burst)
        self.clock = clock
        self.stamp = clock()
        self.paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Stop sending for a while (the platform said so)."""
        self.paused_until = max(self.paused_until, self.clock() + seconds)

    async def acquire(self) -> None:
        """Wait for the right to send one message."""
        while True:
            now = self.clock()
            if now < self.paused_until:
                await asyncio.sleep(self.paused_until - now)
                continue
            if self.rate is None:
                return
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return
            await asyncio.sleep((1 - self.tokens) / self.rate)


class Sender:
    """Claims pending deliveries and sends them, one process or several on one database."""

    def __init__(self, ctx: Context, *, worker: str | None = None) -> None:
        self.ctx = ctx
        self.worker = worker or worker_name()
        settings = ctx.settings
        self.limiters: dict[str, RateLimiter] = {}
        self.rates = {"telegram": settings.telegram_rate_per_second, "wecom": settings.wecom_rate_per_second}
        self.lease = timedelta(seconds=settings.outbox_lease_seconds)
        self.backoff = settings.outbox_backoff_seconds
        self.wake = asyncio.Event()

    def limiter(self, platform: str) -> RateLimiter:
        if platform not in self.limiters:
            rate = self.rates.get(platform)
            self.limiters[platform] = RateLimiter(rate if rate and rate > 0 else None)  # evenly paced, no bursts
        return self.limiters[platform]

    def _claim(self, limit: int) -> list[tuple[Delivery, Broadcast]]:
        """Take up to `limit` deliveries that are due, or whose sender died, for this worker."""
        now = utcnow()
        stale = now - self.lease
        claimable = or_(
            and_(col(Delivery.status) == "pending", col(Delivery.next_attempt_at) <= now),
            and_(col(Delivery.status) == "sending", col(Delivery.claimed_at) < stale),
        )
        claimed: list[tuple[Delivery, Broadcast]] = []
        with self.ctx.store.session() as session:
            candidates = session.exec(
                select(Delivery.id).where(claimable).order_by(col(Delivery.id)).limit(limit * 2)
            ).all()
            for delivery_id in candidates:
                # Compare-and-set: of two senders racing for a row, exactly one sees rowcount 1.
                result = session.execute(
                    update(Delivery)
                    .where(col(Delivery.id) == delivery_id, claimable)
                    .values(status="sending", claimed_by=self.worker, claimed_at=now, attempts=Delivery.attempts + 1)
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    session.commit()
                    delivery = session.get(Delivery, delivery_id)
                    assert delivery is not None
                    session.refresh(delivery)
                    broadcast = session.get(Broadcast, delivery.broadcast_id)
                    assert broadcast is not None
                    claimed.append((delivery, broadcast))
                    if len(claimed) >= limit:
                        break
        return claimed

    def _finish(self, delivery: Delivery, **values: object) -> None:
        with self.ctx.store.session() as session:
            session.execute(
                update(Delivery)
                .where(col(Delivery.id) == delivery.id, col(Delivery.claimed_by) == self.worker)
                .values(**values)
            )

    async def _send_one(self, delivery: Delivery, broadcast: Broadcast) -> str:
        limiter = self.limiter(delivery.platform)
        await limiter.acquire()
        buttons = tuple(tuple(Button(label, data) for label, data in row) for row in broadcast.buttons)
        reply = Reply(broadcast.text, buttons=buttons, chat_id=delivery.chat_id, platform=delivery.platform)
        try:
            if not await self.ctx.delivery.send(delivery.platform, delivery.chat_id, reply):
                # That platform is not (yet) running in this process: wait for it without spending a try.
                self._finish(
                    delivery,
                    status="pending",
                    next_attempt_at=utcnow() + timedelta(seconds=5),
                    attempts=delivery.attempts - 1,
                )
                return "retry"
        except RetryLater as exc:
            if not isinstance(exc, ChatBusy):
                limiter.pause(exc.seconds)  # the platform's own flood control: everyone waits
            self._finish(
                delivery,
                status="pending",
                next_attempt_at=utcnow() + timedelta(seconds=exc.seconds),
                attempts=delivery.attempts - 1,
            )
            return "retry"
        except TransientError as exc:
            if delivery.attempts >= MAX_ATTEMPTS:
                self._finish(delivery, status="failed", error=str(exc)[:500])
                return "failed"
            delay = self.backoff * 2 ** (delivery.attempts - 1)
            self._finish(
                delivery, status="pending", next_attempt_at=utcnow() + timedelta(seconds=delay), error=str(exc)[:500]
            )
            return "retry"
        except Undeliverable as exc:
            self._finish(delivery, status="failed", error=str(exc)[:500])
            return "failed"
        self._finish(delivery, status="sent", sent_at=utcnow(), error=None)
        return "sent"

    async def run_once(self, batch: int = 200) -> int:
        """Send what is due now; how many deliveries were settled as sent."""
        sent = 0
        while True:
            claimed = self._claim(batch)
            if not claimed:
                return sent
            for delivery, broadcast in claimed:
                if await self._send_one(delivery, broadcast) == "sent":
                    sent += 1

    def pending(self) -> int:
        """Deliveries not yet settled."""
        with self.ctx.store.session() as session:
            return session.exec(select(func.count()).where(col(Delivery.status).in_(("pending", "sending")))).one()

    def next_due(self) -> datetime | None:
        """When the earliest waiting delivery may be tried."""
        with self.ctx.store.session() as session:
            return session.exec(
                select(func.min(Delivery.next_attempt_at)).where(col(Delivery.status) == "pending")
            ).one()

    async def drain(self, timeout: float | None = None) -> int:
        """Send until nothing is pending (retries waited for); how many were sent."""
        deadline = None if timeout is None else time.monotonic() + timeout
        sent = 0
        while self.pending():
            sent += await self.run_once()
            if deadline is not None and time.monotonic() > deadline:
                break
            upcoming = self.next_due()
            if upcoming is not None:
                await asyncio.sleep(max(0.0, min(1.0, (upcoming - utcnow()).total_seconds())))
            elif self.pending():
                await asyncio.sleep(0.2)  # in flight elsewhere, or waiting for a lease to expire
        return sent

    async def serve(self, stop: asyncio.Event) -> None:
        """Keep sending until `stop` is set; woken early by `wake` when something is enqueued."""
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:
                logger.exception("outbox sender failed; trying again shortly")
            self.wake.clear()
            try:
                await asyncio.wait_for(self.wake.wait(), 1.0)
            except TimeoutError:
                pass
