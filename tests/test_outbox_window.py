"""The outbox over a real network's latency (issues 11 and 17): each chat's own limit held while
others are paced, replies that survive flood control, claims no second sender can steal however
slow the API, and a SIGTERM that stops cleanly with nothing doubled or lost."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

from sqlmodel import Session, select

from core.settings import Settings
from core.store import open_store
from schedules.outbox import ChatPacer, Sender, enqueue
from storage.models import Delivery
from tests.fakes.telegram_api import FakeTelegram, buttons
from tests.telegram_harness import join, telegram_duban
from tests.test_broadcasts import _duban, _env, bind_many, copies


def test_the_pacer_copies_telegram_and_wecom_chat_limits() -> None:
    from types import SimpleNamespace

    from bot.adapters import telegram
    from bot.adapters.wecom import WeComMessenger

    now = [0.0]
    member = SimpleNamespace(per_minute=30)  # WeComMessenger's own limit, as DUBAN_WECOM_MEMBER_PER_MINUTE sets it
    limits = {"telegram": telegram.chat_limits, "wecom": lambda chat: WeComMessenger.chat_limits(member, chat)}
    pacer = ChatPacer(lambda platform, chat: limits[platform](chat), clock=lambda: now[0])
    pacer.take("telegram", "42")
    assert pacer.wait("telegram", "42") == 1.0 and pacer.wait("telegram", "43") == 0
    for i in range(20):
        now[0] = i * 1.0
        assert pacer.wait("telegram", "-100") == 0
        pacer.take("telegram", "-100")
    now[0] = 20.0
    assert 39.0 < pacer.wait("telegram", "-100") <= 40.0  # a group: 20 a minute
    for _ in range(30):
        pacer.take("wecom", "zhangsan")
    assert pacer.wait("wecom", "zhangsan") == 60.0
    # A message counts from its answer, and none follows while it is on its way: a send that queued
    # 0.5 s behind a broadcast before it reached Telegram leaves the next one a full second after it.
    now[0] = 100.0
    pacer.start("telegram", "7")
    now[0] = 100.5
    assert pacer.wait("telegram", "7") > 0  # still on its way
    pacer.answered("telegram", "7", sent=True)
    now[0] = 101.0
    assert pacer.wait("telegram", "7") == 0.5
    pacer.start("telegram", "8")
    pacer.answered("telegram", "8", sent=False)  # never reached the platform: nothing to count
    assert pacer.wait("telegram", "8") == 0


async def test_one_busy_chat_keeps_its_limit_and_holds_nobody_back(tmp_path: Path) -> None:
    fake = FakeTelegram(chat_interval=0.9)  # the real Bot API's flood control for one chat
    await fake.start()
    try:
        async with telegram_duban(tmp_path, fake, telegram_rate_per_second=250) as run:
            busy = "900000"
            with Session(run.ctx.store.engine) as session:
                for i in range(5):
                    enqueue(session, text=f"通知{i}", recipients=[("telegram", busy)])
                others = [("telegram", str(910000 + i)) for i in range(500)]
                enqueue(session, text="全体通知", recipients=others)
                session.commit()
            # Two senders share the rows, the harness's (as `duban run` has) and this one, as two processes
            # on one database would: neither may write to the busy chat while the other's copy is on its way.
            await Sender(run.ctx).drain(timeout=60)
            assert fake.counts["flood"] == 0  # never past a chat's limit
            to_busy = fake.sent_at[int(busy)]
            assert len(to_busy) == 5 and all(b - a >= 0.9 for a, b in zip(to_busy, to_busy[1:], strict=False))
            last_other = max(fake.sent_at[int(chat)][-1] for _, chat in others)
            assert last_other < to_busy[-1]  # the 500 others were not kept waiting behind the busy chat
            assert len(copies(fake, "全体通知")) == 500
    finally:
        await fake.stop()


async def test_a_429_on_a_page_turn_still_brings_the_page(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, 42, "统计局")
        first = await fake.reply_to(42, "我的任务")
        [(_, forward)] = [b for b in buttons(first) if b[0] == "▶"] or [buttons(first)[-1]]
        fake.failures["editMessageText"] = [429]  # flood control on the page turn
        fake.press(42, first, forward)
        edits = await fake.wait_for(lambda calls: [c for c in calls if c.method == "editMessageText"], timeout=15)
        assert "第2/" in edits[-1].params["text"]
        assert any(c.method == "editMessageText!429" for c in fake.calls)


async def test_two_senders_slow_api_short_lease_one_copy_each(tmp_path: Path, postgres_server: str) -> None:
    """A batch takes longer than the lease: the sender renews it and proves ownership before each send."""
    from tests.conftest import _reset_postgres

    _reset_postgres(postgres_server)
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=postgres_server)  # type: ignore[call-arg]
    store = open_store(settings)
    chats = bind_many(store.engine, 34)
    with Session(store.engine) as session:
        enqueue(session, text="请于周五前报送材料", recipients=[("telegram", str(c)) for c in chats])
        session.commit()
    store.engine.dispose()
    fake = FakeTelegram(latency=0.3)
    await fake.start()
    try:
        env = _env(
            fake,
            DUBAN_DATA_DIR=str(tmp_path),
            DUBAN_DATABASE_URL=postgres_server,
            DUBAN_OUTBOX_LEASE_SECONDS="1",
            DUBAN_OUTBOX_CONCURRENCY="2",
        )
        runs = [await _duban("send", env=env) for _ in range(2)]
        results = await asyncio.gather(*(asyncio.wait_for(p.communicate(), 120) for p in runs))
        for process, (_out, err) in zip(runs, results, strict=True):
            assert process.returncode == 0, err.decode()
        got = copies(fake, "请于周五前报送材料")
        assert set(got) == set(chats) and set(got.values()) == {1}
    finally:
        await fake.stop()


async def test_sigterm_mid_broadcast_then_restart_nothing_doubled_or_lost(tmp_path: Path) -> None:
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    chats = bind_many(store.engine, 30)
    store.engine.dispose()
    fake = FakeTelegram(latency=0.2)
    await fake.start()
    try:
        env = _env(fake, DUBAN_DATA_DIR=str(tmp_path), DUBAN_OUTBOX_CONCURRENCY="3")
        first = await _duban("broadcast", "--to", "all", "--text", "周一例会改到下午", "--yes", env=env)
        await fake.wait_for(lambda calls: len(copies(fake, "周一例会改到下午")) >= 6, timeout=60)
        first.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(first.communicate(), 20)
        assert first.returncode == 0, err.decode()  # a clean stop, not a kill
        with Session(open_store(Settings(_env_file=None, data_dir=tmp_path)).engine) as session:  # type: ignore[call-arg]
            statuses = Counter(d.status for d in session.exec(select(Delivery)).all())
        assert statuses["sending"] == 0 and statuses["sent"] < 30  # nothing left claimed: no lease to wait out
        second = await _duban("send", env=env)
        out, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 0 and "0 still pending" in out.decode(), err.decode()
        got = copies(fake, "周一例会改到下午")
        assert set(got) == set(chats) and set(got.values()) == {1}
    finally:
        await fake.stop()


def test_duban_send_says_what_it_waits_for(tmp_path: Path) -> None:
    """After a crash, rows another sender claimed wait out its lease: the sender says so, and for how long."""
    from core.context import Context
    from storage.models import utcnow

    settings = Settings(_env_file=None, data_dir=tmp_path, outbox_lease_seconds=60)  # type: ignore[call-arg]
    ctx = Context(store=open_store(settings), settings=settings)
    with Session(ctx.store.engine) as session:
        enqueue(session, text="通知", recipients=[("telegram", "7001"), ("telegram", "7002")])
        session.commit()
        for delivery in session.exec(select(Delivery)).all():
            delivery.status, delivery.claimed_by, delivery.claimed_at = "sending", "host-a:4242:abc", utcnow()
            session.add(delivery)
        session.commit()
    line = Sender(ctx).waiting_for(None)
    assert line.startswith("waiting: 2 claimed by host-a:4242") and "lease ends in 5" in line
