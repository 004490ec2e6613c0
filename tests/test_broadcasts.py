"""Broadcasts through the outbox against the fake Telegram server: 429s and 500s along the way,
a process killed in the middle of sending, the office's chat flow and counts; and two real
processes on one PostgreSQL database sending every reminder once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from pathlib import Path

from sqlmodel import Session, select

from core.settings import Settings
from core.store import open_store
from schedules.outbox import Sender, enqueue
from storage.models import Delivery, Member, Unit
from tests.fakes.telegram_api import TOKEN, FakeTelegram, buttons
from tests.telegram_harness import ADMIN, telegram_duban

FIRST_CHAT = 5000


def bind_many(engine, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    """`count` people bound round-robin to the plan's departments; their chat ids."""
    with Session(engine) as session:
        units = [u for u in session.exec(select(Unit)).all() if u.kind == "department"]
        chats = []
        for i in range(count):
            chat = FIRST_CHAT + i
            session.add(
                Member(platform="telegram", user_id=str(chat), chat_id=str(chat), unit_id=units[i % len(units)].id)
            )
            chats.append(chat)
        session.commit()
    return chats


def copies(fake: FakeTelegram, text: str) -> Counter[int]:
    """Messages with this text that reached each chat (a held one reached it too)."""
    received = ("sendMessage", "sendMessage(held)")
    return Counter(c.params["chat_id"] for c in fake.calls if c.method in received and text in c.params.get("text", ""))


async def test_broadcast_survives_429_and_500_with_one_copy_each(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path, telegram_rate_per_second=0, outbox_backoff_seconds=0.05) as run:
        fake = run.fake
        chats = bind_many(run.ctx.store.engine, 30)
        with run.ctx.store.session() as session:
            broadcast = enqueue(
                session, text="请于本周五前报送法治政府建设年度报告", recipients=[("telegram", str(c)) for c in chats]
            )
        fake.failures["sendMessage"] = [429, 500, 502, 500, 429, 503]
        await Sender(run.ctx).drain(timeout=60)
        assert copies(fake, "年度报告") == Counter({chat: 1 for chat in chats})
        failed = [c.method for c in fake.calls if "!" in c.method]
        assert failed == [
            "sendMessage!429",
            "sendMessage!500",
            "sendMessage!502",
            "sendMessage!500",
            "sendMessage!429",
            "sendMessage!503",
        ]
        with Session(run.ctx.store.engine) as session:
            rows = session.exec(select(Delivery).where(Delivery.broadcast_id == broadcast.id)).all()
            assert {r.status for r in rows} == {"sent"} and len(rows) == 30


async def test_office_broadcast_in_chat_with_preview_and_counts(tmp_path: Path) -> None:
    # No sender runs until the test drains the outbox: /broadcasts is first read with both copies waiting.
    async with telegram_duban(tmp_path, sending=False, telegram_rate_per_second=0) as run:
        fake = run.fake
        bind_many(run.ctx.store.engine, 12)
        refused = await fake.reply_to(42, "/broadcast")
        assert "只有督办办公室的管理员" in refused.params["text"]
        pick = await fake.reply_to(ADMIN, "/broadcast")
        labels = [label for label, _ in buttons(pick)]
        assert labels[:2] == ["全部单位", "有逾期任务的单位"] and "区政府各部门" in labels and "指定单位" in labels
        fake.press(ADMIN, pick, next(d for label, d in buttons(pick) if label == "指定单位"))
        await fake.wait_for(
            lambda calls: [c for c in fake.sent(ADMIN, "sendMessage") if "请输入单位名称" in c.params["text"]]
        )
        unknown = await fake.reply_to(ADMIN, "统计局、教育局")
        assert "没有找到这些单位：教育局" in unknown.params["text"]
        await fake.reply_to(ADMIN, "统计局、审计局")
        preview = await fake.reply_to(ADMIN, "<b>周五</b>前报送 & 核对台账")
        text = preview.params["text"]
        assert "将发送给2个单位" in text and "区统计局、区审计局" in text
        assert "&lt;b&gt;周五&lt;/b&gt;前报送 &amp; 核对台账" in text
        fake.press(ADMIN, preview, next(d for label, d in buttons(preview) if label == "发送"))
        queued = await fake.wait_for(
            lambda calls: [c for c in fake.sent(ADMIN, "editMessageText") if "已提交发送" in c.params["text"]]
        )
        assert "共2个接收人" in queued[0].params["text"]
        status = await fake.reply_to(ADMIN, "/broadcasts")
        assert "统计局、审计局：已送达0，待发送2，失败0" in status.params["text"]
        await Sender(run.ctx).drain(timeout=30)
        got = copies(fake, "核对台账")
        del got[ADMIN]  # the preview the admin saw
        assert sorted(got.values()) == [1, 1]
        status = await fake.reply_to(ADMIN, "/broadcasts")
        assert "已送达2，待发送0，失败0" in status.params["text"]


async def _duban(*args: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )


def _env(fake: FakeTelegram, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    env.update(
        DUBAN_TELEGRAM_TOKEN=TOKEN, DUBAN_TELEGRAM_API_URL=fake.url, DUBAN_TELEGRAM_RATE_PER_SECOND="0", **values
    )
    return env


async def test_killed_mid_broadcast_then_restarted_every_recipient_has_one_copy(tmp_path: Path) -> None:
    """The crash rule with a window of sends in flight: whoever is recorded as sent has one copy,
    nobody is skipped, and only messages in flight at the kill (at most the window) arrive twice."""
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    chats = bind_many(store.engine, 40)
    store.engine.dispose()
    fake = FakeTelegram(hold_after=15)
    await fake.start()
    window = 4
    try:
        env = _env(
            fake, DUBAN_DATA_DIR=str(tmp_path), DUBAN_OUTBOX_LEASE_SECONDS="0.5", DUBAN_OUTBOX_CONCURRENCY=str(window)
        )
        first = await _duban("broadcast", "--to", "all", "--text", "年底前完成台账核对", "--yes", env=env)
        await fake.wait_for(lambda calls: fake.counts["held"] >= 1, timeout=60)  # seen late under load: >= 1
        await asyncio.sleep(0.3)  # the rest of the window reaches the server and is held too
        first.send_signal(signal.SIGKILL)
        await first.wait()
        fake.hold_after = None
        with Session(open_store(Settings(_env_file=None, data_dir=tmp_path)).engine) as session:  # type: ignore[call-arg]
            rows = session.exec(select(Delivery)).all()
        recorded = {d.chat_id for d in rows if d.status == "sent"}
        statuses = Counter(d.status for d in rows)
        assert 0 < len(recorded) <= 15 and statuses["sending"] + statuses["pending"] == 40 - len(recorded)
        await asyncio.sleep(0.6)  # the dead sender's lease runs out
        second = await _duban("send", env=env)
        out, err = await asyncio.wait_for(second.communicate(), 120)
        assert second.returncode == 0, err.decode()
        assert "0 still pending" in out.decode()
        got = copies(fake, "年底前完成台账核对")
        assert set(got) == set(chats)  # nobody skipped
        assert all(got[int(chat)] == 1 for chat in recorded)  # recorded as sent: never sent again
        twice = [chat for chat, n in got.items() if n == 2]
        assert 1 <= len(twice) <= window and max(got.values()) == 2  # in flight at the kill, at most the window
    finally:
        await fake.stop()


async def test_two_processes_on_postgresql_send_every_reminder_once(tmp_path: Path, postgres_server: str) -> None:
    from tests.conftest import _reset_postgres

    _reset_postgres(postgres_server)
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=postgres_server)  # type: ignore[call-arg]
    store = open_store(settings)
    chats = bind_many(store.engine, 36)
    store.engine.dispose()
    fake = FakeTelegram()
    await fake.start()
    try:
        env = _env(fake, DUBAN_DATA_DIR=str(tmp_path), DUBAN_DATABASE_URL=postgres_server)
        env.update(DUBAN_REMIND_WORKDAYS_BEFORE="", DUBAN_REMIND_DAYS_BEFORE="30,7,1")  # a month's notice
        runs = [await _duban("remind", "--once", "--at", "2021-12-01T09:00", env=env) for _ in range(2)]
        results = await asyncio.gather(*(asyncio.wait_for(p.communicate(), 300) for p in runs))
        for process, (_out, err) in zip(runs, results, strict=True):
            assert process.returncode == 0, err.decode()
        sent = [(c.params["chat_id"], c.params["text"]) for c in fake.calls if c.method == "sendMessage"]
        assert sent, "no reminder went out"
        assert len(sent) == len(set(sent))  # nobody got one reminder twice
        assert {chat for chat, _ in sent} == set(chats)  # every bound department heard about its tasks
        per_chat = Counter(chat for chat, _ in sent)
        assert all("还有30天" in text for _, text in sent)
        assert min(per_chat.values()) >= 1
    finally:
        await fake.stop()
