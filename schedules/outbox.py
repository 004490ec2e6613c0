"""The outbox: every message sent to many people (broadcasts, reminders, answers a platform refused
for the moment) is a row per recipient in the database, claimed, sent and recorded, within the
platform's rate and each chat's own limit, several sends in flight at once.

Claims: a sender claims a batch under a claim token of its own, no more than it can send within the
lease (DUBAN_OUTBOX_LEASE_SECONDS), renews the lease while it works, and sends a row only after a
compare-and-set that proves the row is still its own (which renews the lease again). So no sender
takes a row another live sender is working on, however slow the platform.

The rule for a crash: a delivery is committed as `sending` before the platform call and as `sent`
after it, and a sending slot is freed only once its result is written. A process killed in between
leaves its rows `sending`; once their lease has expired any sender claims them again and sends them
again. So what is recorded as sent is never sent again, nothing pending is skipped, and of the
messages in flight at the kill (at most DUBAN_OUTBOX_CONCURRENCY) each arrives at least once, and
at most those may arrive twice. A missed reminder costs a department more than a repeated one."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, exists, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from core.context import Context
from core.delivery import ChatBusy, RetryLater, TransientError, Undeliverable
from core.messages import Button, Reply
from storage.models import Broadcast, Delivery, utcnow

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
CHAT_GAP = timedelta(seconds=1)  # Telegram's one message a second to a chat: the shortest limit any platform sets
MIN_LEASE = 0.5  # seconds: a shorter lease would let a sender's next claim take its own rows in flight


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
    parts_sent: int = 0,
    not_before: datetime | None = None,
    file: Path | None = None,
) -> Broadcast:
    """One message for many chats: a Broadcast row and a pending Delivery per distinct recipient."""
    broadcast = Broadcast(
        kind=kind,
        audience=audience,
        text=text,
        buttons=[[list(b) for b in row] for row in buttons or []],
        created_by=created_by,
        file=str(file) if file is not None else None,
    )
    session.add(broadcast)
    session.flush()
    for platform, chat_id in dict.fromkeys(recipients):
        session.add(
            Delivery(
                broadcast_id=broadcast.id or 0,
                platform=platform,
                chat_id=chat_id,
                parts_sent=parts_sent,
                next_attempt_at=not_before or utcnow(),
            )
        )
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


class ChatPacer:
    """Each chat's own limit, as its platform's adapter states it (Messenger.chat_limits): a chat at
    its limit waits; the others go on.

    The platform counts a message when it arrives, somewhere between the send and its answer. So a
    message is counted from its answer, and a chat gets no second message while one is on its way:
    the gap the platform sees is then never shorter than the limit, however long the sends queue here."""

    def __init__(
        self, limits: Callable[[str, str], list[tuple[int, float]]], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits
        self.clock = clock
        self.recent: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self.blocked: dict[tuple[str, str], float] = {}
        self.on_the_way: Counter[tuple[str, str]] = Counter()

    def wait(self, platform: str, chat_id: str) -> float:
        """Seconds before this chat may get one more message (0: now)."""
        key = (platform, chat_id)
        limits = self.limits(platform, chat_id)
        if self.on_the_way[key] and limits:
            return min(span for _, span in limits)  # asked again then; the answer will have been counted
        now = self.clock()
        longest = max(0.0, self.blocked.get(key, 0.0) - now)
        sent = self.recent[key]
        horizon = max((span for _, span in limits), default=0.0)
        while sent and now - sent[0] > horizon:
            sent.popleft()
        for count, span in limits:
            inside = [t for t in sent if now - t < span]
            if len(inside) >= count:
                longest = max(longest, span - (now - inside[-count]))
        return longest

    def start(self, platform: str, chat_id: str) -> None:
        """A message to this chat is on its way: the chat waits until it is answered."""
        self.on_the_way[(platform, chat_id)] += 1

    def answered(self, platform: str, chat_id: str, *, sent: bool) -> None:
        """The message on its way was answered; it counts from now if it was sent at all."""
        key = (platform, chat_id)
        self.on_the_way[key] -= 1
        if self.on_the_way[key] <= 0:
            del self.on_the_way[key]
        if sent:
            self.take(platform, chat_id)

    def take(self, platform: str, chat_id: str) -> None:
        """Count one message to this chat, now."""
        self.recent[(platform, chat_id)].append(self.clock())

    def block(self, platform: str, chat_id: str, seconds: float) -> None:
        """The platform said this chat has had enough for a while."""
        self.blocked[(platform, chat_id)] = self.clock() + seconds


@dataclass
class Claimed:
    """A delivery this sender holds, with its message."""

    id: int
    platform: str
    chat_id: str
    attempts: int
    text: str
    buttons: list[list[list[str]]]
    parts_sent: int = 0  # pieces that arrived at an earlier try
    file: str | None = None


class Sender:
    """Claims pending deliveries and sends them, several at once, one process or several on one database."""

    def __init__(self, ctx: Context, *, worker: str | None = None) -> None:
        self.ctx = ctx
        self.worker = worker or worker_name()
        settings = ctx.settings
        self.limiters: dict[str, RateLimiter] = {}
        self.rates = {"telegram": settings.telegram_rate_per_second, "wecom": settings.wecom_rate_per_second}
        self.lease = timedelta(seconds=max(MIN_LEASE, settings.outbox_lease_seconds))
        self.backoff = settings.outbox_backoff_seconds
        self.concurrency = max(1, settings.outbox_concurrency)
        self.pacer = ChatPacer(ctx.delivery.chat_limits)
        self.wake = asyncio.Event()
        self.stopping = False

    def limiter(self, platform: str) -> RateLimiter:
        if platform not in self.limiters:
            rate = self.rates.get(platform)
            self.limiters[platform] = RateLimiter(rate if rate and rate > 0 else None)  # evenly paced, no bursts
        return self.limiters[platform]

    def batch_size(self, batch: int) -> int:
        """No more than can be sent within half the lease at the fastest configured rate."""
        rates = [r for r in self.rates.values() if r and r > 0]
        if not rates:
            return batch
        return max(1, min(batch, int(max(rates) * self.lease.total_seconds() / 2)))

    def _served(self) -> Any:
        """Rows of the platforms this process can send to: another's (a console chat, when a command runs
        without it) wait for the process that serves it, neither tried nor spun on here."""
        return col(Delivery.platform).in_(sorted(self.ctx.delivery.messengers))

    def _claimable(self, now: datetime) -> Any:
        return and_(
            self._served(),
            or_(
                and_(col(Delivery.status) == "pending", col(Delivery.next_attempt_at) <= now),
                and_(col(Delivery.status) == "sending", col(Delivery.claimed_at) < now - self.lease),
            ),
        )

    def _chat_taken(self, now: datetime) -> Any:
        """Another copy to the same chat is on its way from some sender, or was answered within the last
        CHAT_GAP: that chat's own limit is then another sender's to keep, whichever process it is."""
        other = aliased(Delivery)
        return exists().where(
            col(other.platform) == col(Delivery.platform),
            col(other.chat_id) == col(Delivery.chat_id),
            col(other.id) != col(Delivery.id),
            or_(
                and_(col(other.status) == "sending", col(other.claimed_at) >= now - self.lease),
                col(other.sent_at) > now - CHAT_GAP,
            ),
        )

    def _claim(self, limit: int, token: str) -> list[Claimed]:
        """Take up to `limit` deliveries that are due, or whose sender's lease ran out, in one statement;
        not a chat another sender is writing to."""
        now = utcnow()
        claimable = self._claimable(now)
        with self.ctx.store.session() as session:
            candidates = (
                select(Delivery.id)
                .where(claimable, ~self._chat_taken(now))
                .order_by(col(Delivery.id))
                .limit(limit)
                .with_for_update(skip_locked=True)  # PostgreSQL: two senders skip each other's rows
            )
            ids = [
                row[0]
                for row in session.execute(
                    update(Delivery)
                    .where(col(Delivery.id).in_(candidates.scalar_subquery()), claimable)
                    .values(status="sending", claimed_by=token, claimed_at=now, attempts=Delivery.attempts + 1)
                    .returning(Delivery.id)
                ).all()
            ]
            if not ids:
                return []
            rows = session.exec(
                select(Delivery, Broadcast)
                .join(Broadcast, col(Broadcast.id) == col(Delivery.broadcast_id))
                .where(col(Delivery.id).in_(ids))
                .order_by(col(Delivery.id))
            ).all()
            return [
                Claimed(d.id or 0, d.platform, d.chat_id, d.attempts, b.text, b.buttons, d.parts_sent, b.file)
                for d, b in rows
            ]

    def _own(self, delivery_id: int, token: str) -> bool:
        """Compare-and-set before the send's turn: the row is still this claim's; its lease starts anew."""
        with self.ctx.store.session() as session:
            result = session.execute(
                update(Delivery)
                .where(
                    col(Delivery.id) == delivery_id,
                    col(Delivery.claimed_by) == token,
                    col(Delivery.status) == "sending",
                )
                .values(claimed_at=utcnow())
            )
            return result.rowcount == 1  # type: ignore[attr-defined]

    def _renew(self, tokens: list[str]) -> None:
        with self.ctx.store.session() as session:
            session.execute(
                update(Delivery)
                .where(col(Delivery.claimed_by).in_(tokens), col(Delivery.status) == "sending")
                .values(claimed_at=utcnow())
            )

    def _finish(self, delivery_id: int, token: str, **values: object) -> None:
        with self.ctx.store.session() as session:
            session.execute(
                update(Delivery)
                .where(col(Delivery.id) == delivery_id, col(Delivery.claimed_by) == token)
                .values(**values)
            )

    async def _release(
        self,
        item: Claimed,
        token: str,
        seconds: float,
        *,
        spent: bool = False,
        error: str | None = None,
        parts_sent: int = 0,
    ) -> None:
        """Give a claimed row back, to be tried after `seconds`, without counting a try unless `spent`;
        the pieces that arrived are remembered, and the next try sends the rest."""
        values: dict[str, Any] = {"error": error[:500]} if error else {}
        if parts_sent > item.parts_sent:
            values["parts_sent"] = parts_sent
        await asyncio.to_thread(
            self._finish,
            item.id,
            token,
            status="pending",
            claimed_by=None,
            next_attempt_at=utcnow() + timedelta(seconds=seconds),
            attempts=item.attempts if spent else item.attempts - 1,
            **values,
        )

    async def _keep_leases(self, tokens: set[str]) -> None:
        """Renew the leases of this sender's claims while their rows are being worked on."""
        period = max(0.05, self.lease.total_seconds() / 3)
        while True:
            await asyncio.sleep(period)
            if tokens:
                await asyncio.to_thread(self._renew, sorted(tokens))

    async def _send_one(self, item: Claimed, token: str) -> str:
        """One row: the chat's own limit, the platform's rate, proof of ownership, the send, the result."""
        if self.stopping:
            await self._release(item, token, 0)
            return "released"
        wait = self.pacer.wait(item.platform, item.chat_id)
        if wait > 0:  # this chat is at its own limit: it waits, the others do not
            await self._release(item, token, wait)
            return "deferred"
        self.pacer.start(item.platform, item.chat_id)
        tried = False
        try:
            if not await asyncio.to_thread(self._own, item.id, token):
                return "lost"  # another sender holds it now: never send what is not ours
            # The proof of ownership comes before the turn, not between the turn and the send: the sends
            # then leave as evenly as the bucket spaces them, and bunch less at the platform's limit.
            # The lease it renewed is kept alive by _keep_leases however long the turn takes.
            limiter = self.limiter(item.platform)
            await limiter.acquire()
            if self.stopping:
                await self._release(item, token, 0)
                return "released"
            tried = True
            return await self._deliver(item, token, limiter)
        finally:
            self.pacer.answered(item.platform, item.chat_id, sent=tried)

    async def _deliver(self, item: Claimed, token: str, limiter: RateLimiter) -> str:
        """The send itself and what its answer means for the row."""
        buttons = tuple(tuple(Button(label, data) for label, data in row) for row in item.buttons)
        reply = Reply(
            item.text,
            buttons=buttons,
            chat_id=item.chat_id,
            platform=item.platform,
            sent_parts=item.parts_sent,
            file=Path(item.file) if item.file else None,
        )
        try:
            if not await self.ctx.delivery.send(item.platform, item.chat_id, reply):
                # That platform is not (yet) running in this process: wait for it without spending a try.
                await self._release(item, token, 5)
                return "retry"
        except RetryLater as exc:
            if isinstance(exc, ChatBusy):
                self.pacer.block(item.platform, item.chat_id, exc.seconds)
            else:
                limiter.pause(exc.seconds)  # the platform's own flood control: everyone waits
            await self._release(item, token, exc.seconds, parts_sent=exc.parts_sent)
            return "retry"
        except TransientError as exc:
            if item.attempts >= MAX_ATTEMPTS:
                await asyncio.to_thread(self._finish, item.id, token, status="failed", error=str(exc)[:500])
                return "failed"
            wait = self.backoff * 2 ** (item.attempts - 1)
            await self._release(item, token, wait, spent=True, error=str(exc), parts_sent=exc.parts_sent)
            return "retry"
        except Undeliverable as exc:
            await asyncio.to_thread(self._finish, item.id, token, status="failed", error=str(exc)[:500])
            return "failed"
        await asyncio.to_thread(self._finish, item.id, token, status="sent", sent_at=utcnow(), error=None)
        return "sent"

    async def run_once(self, batch: int = 200) -> int:
        """Send what is due now, `concurrency` at a time; how many deliveries were settled as sent.
        The next batch is claimed while the last rows of this one are in flight, so no gap opens."""
        queue: asyncio.Queue[tuple[Claimed, str] | None] = asyncio.Queue()
        low = asyncio.Event()
        low.set()
        tokens: set[str] = set()
        left: Counter[str] = Counter()  # rows not yet settled, per claim token

        async def work() -> int:
            sent = 0
            while (got := await queue.get()) is not None:
                if queue.qsize() < self.concurrency:
                    low.set()
                item, token = got
                sent += await self._send_one(item, token) == "sent"
                left[token] -= 1
                if left[token] <= 0:
                    tokens.discard(token)
            return sent

        workers = [asyncio.create_task(work()) for _ in range(self.concurrency)]
        keeper = asyncio.create_task(self._keep_leases(tokens))
        try:
            while not self.stopping:
                await low.wait()
                low.clear()
                token = f"{self.worker}:{uuid.uuid4().hex[:12]}"
                claimed = await asyncio.to_thread(self._claim, self.batch_size(batch), token)
                if not claimed:
                    break
                tokens.add(token)
                left[token] = len(claimed)
                for item in claimed:
                    queue.put_nowait((item, token))
                if queue.qsize() < self.concurrency:
                    low.set()
        finally:
            for _ in workers:
                queue.put_nowait(None)
            results = await asyncio.gather(*workers, return_exceptions=True)
            keeper.cancel()
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return sum(r for r in results if isinstance(r, int))

    def halt(self) -> None:
        """Stop soon and cleanly: in-flight sends finish, claimed rows not yet started are given back."""
        self.stopping = True
        self.wake.set()

    def pending(self) -> int:
        """Deliveries not yet settled, to the platforms this process sends to."""
        with self.ctx.store.session() as session:
            unsettled = col(Delivery.status).in_(("pending", "sending"))
            return session.exec(select(func.count()).where(unsettled, self._served())).one()

    def unserved(self, broadcast_id: int | None = None) -> dict[str, int]:
        """Deliveries waiting for a platform this process does not send to, per platform (one broadcast's)."""
        query = select(Delivery.platform, func.count()).where(
            col(Delivery.status).in_(("pending", "sending")), ~self._served()
        )
        if broadcast_id is not None:
            query = query.where(Delivery.broadcast_id == broadcast_id)
        with self.ctx.store.session() as session:
            rows = session.exec(query.group_by(col(Delivery.platform))).all()
        return dict(rows)  # type: ignore[arg-type]

    def held_elsewhere(self) -> tuple[int, datetime | None, list[str]]:
        """Deliveries another sender has claimed: how many, when the first lease runs out, and by whom."""
        with self.ctx.store.session() as session:
            rows = session.exec(
                select(Delivery.claimed_by, Delivery.claimed_at).where(col(Delivery.status) == "sending")
            ).all()
        if not rows:
            return 0, None, []
        ends = [at + self.lease for _, at in rows if at is not None]
        who = sorted({(by or "?").rsplit(":", 1)[0] for by, _ in rows})
        return len(rows), min(ends) if ends else None, who

    def next_due(self) -> datetime | None:
        """When the earliest waiting delivery may be tried."""
        with self.ctx.store.session() as session:
            return session.exec(
                select(func.min(Delivery.next_attempt_at)).where(col(Delivery.status) == "pending", self._served())
            ).one()

    async def drain(self, timeout: float | None = None, report: Callable[[str], None] | None = None) -> int:
        """Send until nothing is pending (retries waited for); how many were sent. `report` hears, now and
        then, what the sender is waiting for (another sender's lease, a platform's retry time)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        sent = 0
        said = 0.0
        while not self.stopping and await asyncio.to_thread(self.pending):
            got = await self.run_once()
            sent += got
            if self.stopping or (deadline is not None and time.monotonic() > deadline):
                break
            upcoming = await asyncio.to_thread(self.next_due)
            if report is not None and time.monotonic() - said > 5:
                said = time.monotonic()
                report(self.waiting_for(upcoming))
            if upcoming is not None:
                # Due but nothing sent: a chat's copy waits out its limit or another sender's copy; no busy loop.
                floor = 0.0 if got else 0.05
                await asyncio.sleep(max(floor, min(1.0, (upcoming - utcnow()).total_seconds())))
            elif await asyncio.to_thread(self.pending):
                await asyncio.sleep(0.2)  # in flight elsewhere, or waiting for a lease to expire
        return sent

    def waiting_for(self, upcoming: datetime | None) -> str:
        """One line: what is left, and why it is not sent yet."""
        held, until, who = self.held_elsewhere()
        parts = []
        if held:
            left = max(0, int(((until or utcnow()) - utcnow()).total_seconds()))
            parts.append(
                f"{held} claimed by {', '.join(who)}: sent by it, or again here when its lease ends in {left} s"
            )
        if upcoming is not None:
            left = max(0, int((upcoming - utcnow()).total_seconds()))
            parts.append(f"the next retry is due in {left} s (a platform asked to wait, or an error is backed off)")
        return "waiting: " + ("; ".join(parts) if parts else "nothing")

    async def serve(self, stop: asyncio.Event) -> None:
        """Keep sending until `stop` is set; woken early by `wake` when something is enqueued. On stop,
        what is in flight finishes and what is claimed but not started is given back at once."""
        waiter = asyncio.create_task(stop.wait())
        try:
            while not stop.is_set():
                self.wake.clear()  # before looking: a wake-up while the batch is sent is not lost
                work = asyncio.create_task(self.run_once())
                done, _ = await asyncio.wait({work, waiter}, return_when=asyncio.FIRST_COMPLETED)
                if waiter in done:
                    self.stopping = True
                    await work  # in-flight sends finish; the rest of the batch is released
                    break
                try:
                    work.result()
                except Exception:
                    logger.exception("outbox sender failed; trying again shortly")
                wake = asyncio.create_task(self.wake.wait())
                await asyncio.wait({wake, waiter}, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
                wake.cancel()
        finally:
            waiter.cancel()
            self.stopping = True


def hand_over(ctx: Context, platform: str, chat_id: str) -> list[Reply]:
    """The copies waiting for one chat, oldest first, taken to be shown now by the caller (the local
    console, when its user comes to the keyboard): each marked sent as it is taken, never twice."""
    taken: list[Reply] = []
    with ctx.store.session() as session:
        rows = session.exec(
            select(Delivery.id, Broadcast.text, Broadcast.buttons, Broadcast.file)
            .join(Broadcast, col(Broadcast.id) == col(Delivery.broadcast_id))
            .where(
                col(Delivery.platform) == platform, col(Delivery.chat_id) == chat_id, col(Delivery.status) == "pending"
            )
            .order_by(col(Delivery.id))
        ).all()
        for delivery_id, text, buttons, file in rows:
            won = session.execute(
                update(Delivery)
                .where(col(Delivery.id) == delivery_id, col(Delivery.status) == "pending")
                .values(status="sent", sent_at=utcnow(), error=None)
            )
            if won.rowcount:  # type: ignore[attr-defined]
                rows_of = tuple(tuple(Button(label, data) for label, data in row) for row in buttons)
                taken.append(
                    Reply(text, buttons=rows_of, chat_id=chat_id, platform=platform, file=Path(file) if file else None)
                )
    return taken


def queue_elsewhere(ctx: Context, platform: str, chat_id: str, replies: list[Reply]) -> list[Reply]:
    """Replies to other chats (an admin told of a request, a person told of an approval) go through the
    outbox, the one path with retries, pacing and a failure per recipient; the replies to this chat are
    returned to be sent now. A file goes with the replies sent now: the outbox carries text and buttons."""
    here: list[Reply] = []
    elsewhere: list[tuple[tuple[str, str], Reply]] = []
    for reply in replies:
        target = (reply.platform or platform, reply.chat_id or chat_id)
        if target == (platform, chat_id) or reply.file is not None:
            here.append(reply)
        else:
            elsewhere.append((target, reply))
    _queue(ctx, elsewhere)
    return here


def queue_replies(ctx: Context, replies: list[Reply]) -> None:
    """Replies addressed to their own chats (platform and chat id set), sent through the outbox."""
    _queue(ctx, [((r.platform or "", r.chat_id or ""), r) for r in replies if r.platform and r.chat_id])


def keep_for(ctx: Context, platform: str, replies: list[Reply], seconds: float) -> None:
    """Replies to chats of a platform whose people come and go (the local console's users), kept pending in
    the outbox: handed over when one is there (hand_over), and not tried by the sender for `seconds`."""
    not_before = utcnow() + timedelta(seconds=seconds)
    _queue(ctx, [((platform, r.chat_id or ""), r) for r in replies], not_before=not_before)


def _queue(ctx: Context, targeted: list[tuple[tuple[str, str], Reply]], *, not_before: datetime | None = None) -> None:
    targeted = [(target, r) for target, r in targeted if r.text or not r.notice]  # a pop-up has no chat to go to
    if not targeted:
        return
    with ctx.store.session() as session:
        for target, reply in targeted:
            buttons = [[(b.label, b.data) for b in row] for row in reply.buttons]
            enqueue(
                session,
                text=reply.text,
                recipients=[target],
                kind="reply",
                buttons=buttons,
                not_before=not_before,
                file=reply.file,
            )
    if ctx.wake_sender is not None:
        ctx.wake_sender()
