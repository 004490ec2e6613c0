"""The leaders' weekly digest, through the outbox to the Telegram and WeCom fakes: their units' lights,
what turned red, what awaits a decision, with the chart as an image; on the first working day of the
week (after the National Day holiday of 2021: Friday Oct 8), once per week per leader across a restart."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from core.context import Context
from core.store import open_store
from schedules.digest import weekly_digest
from schedules.outbox import Sender
from storage.models import Extension, Member, Report, Unit, UnitRole
from tests.telegram_harness import telegram_duban
from tests.test_wecom import context, wecom_duban

ZONE = ZoneInfo("Asia/Shanghai")
LEADER = 7001


def _at(month: int, day: int, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(2021, month, day, hour, minute, tzinfo=ZONE)


def _lead(engine, platform: str, user_id: str, units: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A leader (分管领导) of units, with a chat Duban can write to; a pending extension and a claim to review."""
    with Session(engine) as session:
        session.add(Member(platform=platform, user_id=user_id, chat_id=user_id, name="王副区长"))
        ids = {u.name: u.id for u in session.exec(select(Unit)).all()}
        for unit in units:
            session.add(UnitRole(unit_id=ids[unit], platform=platform, user_id=user_id, role="leader"))
        session.add(Extension(task_id=15, unit_id=ids[units[0]], new_due=date(2022, 1, 31), reason="等待上级文件"))
        session.add(Report(task_id=19, unit_id=ids[units[-1]], status="done", created_at=_at(11, 30)))
        session.commit()


async def test_on_telegram_once_a_week_across_a_restart(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path, sending=False) as run:
        _lead(run.ctx.store.engine, "telegram", str(LEADER), ["区司法局", "区统计局"])
        assert weekly_digest(run.ctx, _at(10, 4)) == 0  # the week of National Day: no working day until Friday
        assert weekly_digest(run.ctx, _at(10, 8, 8)) == 0  # Friday, before DUBAN_REMIND_AT
        assert weekly_digest(run.ctx, _at(10, 8)) == 1
        assert weekly_digest(run.ctx, _at(10, 8, 15)) == 0
        await Sender(run.ctx).drain(timeout=30)
        texts = [
            c.params["text"] for c in run.fake.calls if c.method == "sendMessage" and c.params.get("chat_id") == LEADER
        ]
        photos = [c for c in run.fake.calls if c.method == "sendPhoto" and c.params.get("chat_id") == LEADER]
        assert len(texts) == 1 and len(photos) == 1
        digest = texts[0]
        assert digest.startswith("【每周督办摘要】2021年10月4日至10月10日（截至2021-10-08）")
        assert "· 区司法局：🔴逾期" in digest and "· 区统计局：🔴逾期" in digest
        assert "延期申请：法治第15条（区司法局，申请延至2022-01-31）" in digest
        assert "待审核：法治第19条（区统计局，2021-11-30报已完成）" not in digest  # not yet made on Oct 8
        # A restart: another process on the same database, later that week, sends nothing more.
        again = Context(store=open_store(run.ctx.settings), settings=run.ctx.settings)
        assert weekly_digest(again, _at(10, 9, 10)) == 0
        # The next week it goes out again, with the claim awaiting review and what turned red.
        assert weekly_digest(again, _at(12, 6)) == 1
        await Sender(run.ctx).drain(timeout=30)  # the process that has the Telegram connection sends it
        texts = [
            c.params["text"] for c in run.fake.calls if c.method == "sendMessage" and c.params.get("chat_id") == LEADER
        ]
        assert len(texts) == 2 and "待审核：法治第19条（区统计局，2021-11-30报已完成）" in texts[1]


async def test_on_wecom_with_the_chart_as_an_image(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        ctx = context(run)
        _lead(ctx.store.engine, "wecom", "wangfqz", ["区司法局"])
        assert weekly_digest(ctx, _at(12, 6)) == 1
        await Sender(ctx).drain(timeout=30)
        assert weekly_digest(context(run), _at(12, 7)) == 0  # a restart: nothing twice
        await Sender(ctx).drain(timeout=5)
        mine = [m for m in run.fake.sent if m.get("touser") == "wangfqz"]
        assert [m["msgtype"] for m in mine] == ["text", "image"]
        assert run.fake.texts("wangfqz")[0].startswith("【每周督办摘要】2021年12月6日至12月12日（截至2021-12-06）")
