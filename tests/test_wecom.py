"""Duban in WeCom: callbacks encrypted exactly as WeCom sends them (wechatpy's crypto), a fake WeCom
API on 127.0.0.1, and the same handlers as Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
from sqlmodel import Session, select

import bot.run
from core.settings import Settings
from schedules.outbox import Sender, enqueue
from schedules.reminders import tick
from storage.models import Member, Report
from tests.fakes.wecom_api import (
    AES_KEY,
    AGENT_ID,
    CORP_ID,
    SECRET,
    TOKEN,
    FakeWeCom,
    encrypted,
    text_xml,
    verification,
)
from tests.ports import free_port

OFFICE, STAFF = "office", "zhangsan"


@dataclass
class WeComRun:
    fake: FakeWeCom
    url: str
    settings: Settings
    msg_id: int = 1000

    async def post(self, user: str, text: str, *, query: dict[str, str] | None = None, body: str | None = None) -> int:
        """A text message from a user through the callback; the HTTP status WeCom would see."""
        self.msg_id += 1
        q, b = encrypted(text_xml(user, text, self.msg_id))
        async with aiohttp.ClientSession() as http, http.post(self.url, params=query or q, data=body or b) as response:
            return response.status

    async def post_xml(self, xml: str) -> int:
        """Any callback (an event, a picture), encrypted and signed as WeCom does it."""
        q, b = encrypted(xml)
        async with aiohttp.ClientSession() as http, http.post(self.url, params=q, data=b) as response:
            return response.status

    async def answer(self, user: str, before: int, timeout: float = 10) -> str:
        """Duban's texts to a user after the first `before` of them, once they arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if len(self.fake.texts(user)) > before:
                await asyncio.sleep(0.1)
                return "\n".join(self.fake.texts(user)[before:])
        raise AssertionError(f"no answer; sent: {self.fake.sent[-3:]}")

    async def say(self, user: str, text: str, timeout: float = 10) -> str:
        """Send a message and wait for Duban's next text to that user."""
        before = len(self.fake.texts(user))
        assert await self.post(user, text) == 200
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if len(self.fake.texts(user)) > before:
                await asyncio.sleep(0.1)  # the rest of a multi-part answer
                return "\n".join(self.fake.texts(user)[before:])
        raise AssertionError(f"no answer to {text!r}; sent: {self.fake.sent[-3:]}")


@contextlib.asynccontextmanager
async def wecom_duban(tmp_path: Path, **overrides: object) -> AsyncIterator[WeComRun]:
    """Duban serving WeCom against the fake. Choices go as numbered text here (a WeCom without template
    cards: a private deployment, an old client), which these tests read as text; `wecom_cards=True`
    gives the cards that tests/test_wecom_cards.py presses."""
    overrides.setdefault("wecom_cards", False)
    fake = FakeWeCom()
    await fake.start()
    port = free_port()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path,
        wecom_corp_id=CORP_ID,
        wecom_agent_id=AGENT_ID,
        wecom_secret=SECRET,
        wecom_token=TOKEN,
        wecom_aes_key=AES_KEY,
        wecom_api_url=fake.url,
        wecom_admins=[OFFICE],
        web_port=port,
        wecom_rate_per_second=0,
        **overrides,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(bot.run.serve(settings, stop))
    url = f"http://127.0.0.1:{port}/wecom/callback"
    for _ in range(100):
        await asyncio.sleep(0.05)
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            break
    try:
        yield WeComRun(fake, url, settings)
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
        await fake.stop()


async def join(run: WeComRun, user: str, unit: str) -> None:
    made = await run.say(OFFICE, f"/invite {unit}")
    code = made.split("/start ")[1].split()[0]
    assert "已绑定到" in await run.say(user, f"/start {code}")


def context(run: WeComRun):  # type: ignore[no-untyped-def]
    """A second Duban context on the same database, registered to send to WeCom."""
    from bot.adapters.wecom import build_wecom
    from core.context import Context
    from core.store import open_store

    ctx = Context(store=open_store(run.settings), settings=run.settings)
    build_wecom(ctx)
    return ctx


async def test_url_verification(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run, aiohttp.ClientSession() as http:
        async with http.get(run.url, params=verification("echo-4711")) as response:
            assert response.status == 200 and await response.text() == "echo-4711"
        bad = {**verification("echo-4711"), "msg_signature": "0" * 40}
        async with http.get(run.url, params=bad) as response:
            assert response.status == 403


async def test_a_whole_guided_report_with_numbered_choices(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await join(run, STAFF, "统计局")
        pick = await run.say(STAFF, "汇报进展")
        assert "可回复：第19条 加强行政监督 / " in pick  # a task is chosen by its own number here
        status = await run.say(STAFF, "19")
        assert "第19条 加强行政监督" in status and "2. 推进中" in status
        ask = await run.say(STAFF, "2")
        assert "说明进展" in ask
        evidence = await run.say(STAFF, "健全了统计监督制度 <b>&</b>")
        assert "照片或文件" in evidence and "1. 跳过" in evidence
        confirm = await run.say(STAFF, "1")
        assert "状态：推进中" in confirm and "健全了统计监督制度 ＜b＞&＜/b＞" in confirm and "1. 确认提交" in confirm
        assert "已保存" in await run.say(STAFF, "1")
        with Session(context(run).store.engine) as session:
            [report] = session.exec(select(Report)).all()
            assert (report.status, report.text, report.platform) == (
                "in_progress",
                "健全了统计监督制度 <b>&</b>",
                "wecom",
            )
        assert "第19条 【推进中】" in await run.say(STAFF, "我的汇报")
        assert "“区统计局”的任务" in await run.say(STAFF, "我的任务")
        assert "台账已生成" in await run.say(OFFICE, "/ledger", timeout=60)  # the first starts its worker process

        def to_office() -> list[str]:
            return [m["msgtype"] for m in run.fake.sent if m.get("touser") == OFFICE]

        for _ in range(100):  # the chart is sent after its upload: wait for the send, not the upload
            await asyncio.sleep(0.1)
            if len(run.fake.uploads) == 2 and to_office()[-1] == "image":
                break
        assert [name.rsplit(".", 1)[1] for name in run.fake.uploads] == ["xlsx", "png"]
        assert to_office()[-4:] == ["text", "file", "text", "image"]  # each file after its caption


async def test_a_reminder_is_pushed_and_a_broadcast_reaches_everyone(tmp_path: Path) -> None:
    from tests.test_reminders import MONTHS_NOTICE  # reminders 30 days before, as the office set them

    async with wecom_duban(tmp_path, **MONTHS_NOTICE) as run:
        await join(run, STAFF, "统计局")
        ctx = context(run)
        await tick(ctx, datetime(2021, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
        await Sender(ctx).drain(timeout=30)
        reminder = "\n".join(t for t in run.fake.texts(STAFF) if "已绑定" not in t)  # one digest, in 2,048-byte pieces
        assert reminder.startswith("【督办提醒】区统计局有25项任务需要关注：") and reminder.count("督办提醒") == 1
        assert "第19条 加强行政监督：2021-12-31到期（还有30天）" in reminder and "1. 汇报第1条" in reminder
        assert "9. 全部稍后提醒" in reminder
        status = await run.say(STAFF, "1")  # 汇报第1条, by its number
        assert "第1条" in status and "目前进展如何？" in status
        await run.say(STAFF, "取消")
        with Session(ctx.store.engine) as session:
            for user in ("li", "wang"):
                session.add(Member(platform="wecom", user_id=user, chat_id=user))
            session.commit()
            enqueue(session, text="周五前报送年度报告", recipients=[("wecom", u) for u in (STAFF, "li", "wang")])
            session.commit()
        await Sender(ctx).drain(timeout=30)
        for user in (STAFF, "li", "wang"):
            assert run.fake.texts(user).count("周五前报送年度报告") == 1


async def test_an_expired_token_is_fetched_again(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await run.say(STAFF, "/help")
        assert run.fake.token_requests == 1  # one token for every message since
        run.fake.expire()  # before its nominal 7,200 s
        answer = await run.say(STAFF, "第15条")
        assert answer.startswith("第15条 深入推进行政执法“三项制度”")
        assert run.fake.expired_answers == 1 and run.fake.token_requests == 2
        await run.say(STAFF, "第16条")
        assert run.fake.token_requests == 2


async def test_bad_signature_and_stale_timestamp_are_refused_without_effect(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        query, body = encrypted(text_xml(STAFF, "我的任务", 1))
        assert await run.post(STAFF, "", query={**query, "msg_signature": "f" * 40}, body=body) == 403
        old_query, old_body = encrypted(text_xml(STAFF, "我的任务", 2), timestamp=int(time.time()) - 3600)
        assert await run.post(STAFF, "", query=old_query, body=old_body) == 403
        assert await run.post(STAFF, "", query=query, body="<xml>garbage</xml>") == 403
        await asyncio.sleep(0.3)
        assert run.fake.sent == []
        with Session(context(run).store.engine) as session:
            assert session.exec(select(Member).where(Member.user_id == STAFF)).first() is None


async def test_a_message_delivered_twice_is_handled_once(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        query, body = encrypted(text_xml(STAFF, "第9条", 777))
        async with aiohttp.ClientSession() as http:
            for _ in range(3):  # WeCom retries when an answer is slow
                async with http.post(run.url, params=query, data=body) as response:
                    assert response.status == 200
        answers = lambda: [t for t in run.fake.texts(STAFF) if t.startswith("第9条")]  # noqa: E731
        for _ in range(150):  # the first answer, however slow the machine
            if answers():
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)  # and time for a second one, were the retries handled again
        assert len(answers()) == 1


async def test_the_callback_answers_within_five_seconds_when_the_work_is_slow(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import bot.adapters.wecom as adapter

    real = adapter.dispatch

    async def slow(msg, ctx):  # type: ignore[no-untyped-def]
        await asyncio.sleep(6)  # longer than WeCom waits
        return await real(msg, ctx)

    monkeypatch.setattr(adapter, "dispatch", slow)
    async with wecom_duban(tmp_path) as run:
        start = time.monotonic()
        assert await run.post(STAFF, "第12条") == 200
        assert time.monotonic() - start < 1.0
        assert run.fake.texts(STAFF) == []
        for _ in range(100):
            await asyncio.sleep(0.1)
            if run.fake.texts(STAFF):
                break
        assert run.fake.texts(STAFF)[0].startswith("第12条 提高科学民主依法决策水平")


async def test_telegram_and_wecom_in_one_process(tmp_path: Path) -> None:
    """A Telegram user's binding request approved by an admin on WeCom, in one duban run."""
    from tests.fakes.telegram_api import TOKEN as TELEGRAM_TOKEN
    from tests.fakes.telegram_api import FakeTelegram, buttons

    telegram = FakeTelegram()
    await telegram.start()
    try:
        async with wecom_duban(tmp_path, telegram_token=TELEGRAM_TOKEN, telegram_api_url=telegram.url) as run:
            await telegram.wait_for(lambda calls: any(c.method == "getUpdates" for c in calls))
            await run.say(OFFICE, "/whoami")  # the office is known on WeCom
            confirm = await telegram.reply_to(42, "我是审计局的")
            telegram.press(42, confirm, buttons(confirm)[0][1])
            for _ in range(100):
                await asyncio.sleep(0.05)
                if any("申请绑定到“区审计局”" in t for t in run.fake.texts(OFFICE)):
                    break
            request = next(t for t in run.fake.texts(OFFICE) if "申请绑定到“区审计局”" in t)
            assert "(telegram:42)" in request.replace("（", "(").replace("）", ")") and "1. 通过" in request
            await run.post(OFFICE, "1")
            approved = await telegram.wait_for(
                lambda calls: [c for c in telegram.sent(42) if "管理员已确认" in c.params["text"]]
            )
            assert "区审计局" in approved[0].params["text"]
    finally:
        await telegram.stop()


async def test_the_address_book_department_is_offered_and_still_approved(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        run.fake.departments["lisi"] = "东河区统计局"
        await run.say(OFFICE, "/whoami")
        first = await run.say("lisi", "我的任务")
        assert "还没有绑定单位" in first
        assert "通讯录显示您在“东河区统计局”。要申请绑定到“区统计局”吗？" in first and "1. 是" in first
        asked = await run.say("lisi", "1")
        assert "管理员确认后生效" in asked
        assert any("申请绑定到“区统计局”" in t for t in run.fake.texts(OFFICE))
        assert "通讯录显示" not in await run.say("lisi", "第1条")  # offered once
