"""Reminders with a clock the tests move: the policy, holidays and 调休, quiet hours, escalation,
restarts before, during and after a due reminder, and catching up after downtime."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from core.context import Context
from core.settings import Settings
from core.store import open_store
from handlers.office import set_override
from schedules.outbox import Sender
from schedules.reminders import plan_reminders, snooze, tick
from storage.models import Delivery, Member, Reminder, Report, Unit
from storage.reports import add_report
from tests.clock import Clock, Transcript, at

STATS, JUSTICE, ADMIN = "stats-1", "justice-1", "admin-1"


# The policy the tests here run under, as an office wanting a month's notice sets it: 30, 7 and 1 calendar days
# before, the first chaser 3 working days late. The defaults (issue #24's) are in test_reminder_workdays.py.
MONTHS_NOTICE: dict[str, object] = {
    "remind_workdays_before": [],
    "remind_days_before": [30, 7, 1],
    "chase_after_workdays": 3,
}


def make(
    tmp_path: Path, clock: Clock, policy: dict[str, object] | None = None, **settings: object
) -> tuple[Context, Transcript]:
    """Duban as a fresh process would start it on the same database: new store, new context; under
    MONTHS_NOTICE unless another `policy` is given ({}: the defaults)."""
    chosen = MONTHS_NOTICE if policy is None else policy
    config = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path,
        outbox_lease_seconds=0.0,
        telegram_rate_per_second=0,
        **{**chosen, **settings},
    )
    ctx = Context(store=open_store(config), settings=config, clock=clock)
    transcript = Transcript()
    ctx.delivery.register("telegram", transcript)
    return ctx, transcript


def people(ctx: Context) -> None:
    with Session(ctx.store.engine) as session:
        unit = {u.name: u.id for u in session.exec(select(Unit)).all()}
        session.add(Member(platform="telegram", user_id="s", chat_id=STATS, unit_id=unit["区统计局"]))
        session.add(Member(platform="telegram", user_id="j", chat_id=JUSTICE, unit_id=unit["区司法局"]))
        session.add(Member(platform="telegram", user_id="a", chat_id=ADMIN, is_admin=True))
        session.commit()


async def day(ctx: Context, transcript: Transcript, when: str) -> list[tuple[str, str]]:
    """Run one round at a local time; what was sent, (chat, text)."""
    ctx.clock.set(when)  # type: ignore[attr-defined]
    before = len(transcript.sent)
    await tick(ctx)
    await Sender(ctx).drain(timeout=10)  # a chat's second message waits out its per-chat second
    return [(chat, reply.text) for chat, reply in transcript.sent[before:]]


@pytest.fixture
def clock() -> Clock:
    return Clock(at("2021-11-20 09:00"))


async def test_policy_days_before_on_the_day_then_chasers_and_escalation(tmp_path: Path, clock: Clock) -> None:
    ctx, transcript = make(tmp_path, clock)
    people(ctx)
    assert await day(ctx, transcript, "2021-11-20 09:00") == []
    first = await day(ctx, transcript, "2021-12-01 09:00")  # 30 days before 2021-12-31
    mine = [text for chat, text in first if chat == STATS]
    assert len(mine) == 1  # one digest, not a message per task
    [digest] = mine
    assert digest.startswith("【督办提醒】区统计局有26项任务需要关注：")
    assert "· 第10条 强化行政规范性文件监督管理：2021-12-31到期（还有30天）；职责：责任（通过“区政府各部门”）" in digest
    assert "（补发）· 第18条 形成监督合力：月通报，本期截止2021-11-30" in digest  # late, marked on its own line
    reply = next(r for c, r in transcript.sent if c == STATS and "第10条" in r.text)
    labels = [b.label for row in reply.buttons for b in row]
    assert labels[0] == "汇报第18条" and labels[-1] == "全部稍后提醒" and len(labels) == 9
    assert [b.data for row in reply.buttons for b in row][0] == "rpt:18"
    assert await day(ctx, transcript, "2021-12-01 10:00") == []  # never twice
    week = await day(ctx, transcript, "2021-12-24 09:00")
    assert any("第10条" in t and "还有7天" in t for c, t in week if c == STATS)
    on_day = await day(ctx, transcript, "2021-12-31 09:00")
    assert any("今天（2021-12-31）到期" in t for c, t in on_day if c == STATS)
    # 2022-01-01..03 are New Year holidays: 2 working days late is 01-05 (escalation), 3 is 01-06 (chaser).
    assert await day(ctx, transcript, "2022-01-04 09:00") == []
    escalated = await day(ctx, transcript, "2022-01-05 09:00")
    assert any(
        c == JUSTICE and "· 第2条 落实清单管理制度（2021-12-31到期）：" in t and "区统计局" in t for c, t in escalated
    )  # 司法局 leads 2, 统计局 is responsible
    assert any(c == ADMIN and "【逾期提醒】" in t for c, t in escalated)
    chased = await day(ctx, transcript, "2022-01-06 09:00")
    assert any(c == STATS and t.startswith("【督办催办】区统计局有") and "· 第10条" in t for c, t in chased)
    assert len([c for c, _ in escalated if c == ADMIN]) == 1  # the office too gets one message, not hundreds


async def test_a_reminder_on_a_holiday_goes_out_the_working_day_before(tmp_path: Path, clock: Clock) -> None:
    clock.set("2021-09-01 09:00")
    ctx, transcript = make(tmp_path, clock, remind_days_before=[7])
    people(ctx)
    assert set_override(ctx, 15, "due", date(2021, 10, 8))  # 7 days before is 10-01, National Day
    assert [t for c, t in await day(ctx, transcript, "2021-09-29 09:00") if "第15条" in t] == []
    sent = [t for c, t in await day(ctx, transcript, "2021-09-30 09:00") if c == STATS and "第15条" in t]
    assert len(sent) == 1 and "2021-10-08" in sent[0]
    assert [t for c, t in await day(ctx, transcript, "2021-10-01 09:00") if "第15条" in t] == []


async def test_a_moved_working_saturday_is_a_working_day(tmp_path: Path, clock: Clock) -> None:
    clock.set("2021-09-01 09:00")
    ctx, transcript = make(tmp_path, clock, remind_days_before=[7])
    people(ctx)
    assert set_override(ctx, 16, "due", date(2021, 9, 25))  # 7 days before: Saturday 09-18, worked (调休)
    assert [t for c, t in await day(ctx, transcript, "2021-09-17 09:00") if "第16条" in t] == []
    assert sorted(c for c, t in await day(ctx, transcript, "2021-09-18 09:00") if "第16条" in t) == [JUSTICE, STATS]


async def test_quiet_hours_hold_reminders_until_morning(tmp_path: Path, clock: Clock) -> None:
    ctx, transcript = make(tmp_path, clock, remind_at="21:30")
    people(ctx)
    assert await day(ctx, transcript, "2021-12-01 21:30") == []  # quiet from 21:00
    assert await day(ctx, transcript, "2021-12-02 07:59") == []
    morning = await day(ctx, transcript, "2021-12-02 08:00")
    assert any("第10条" in t for c, t in morning)


async def test_restart_before_during_and_after_a_due_reminder(tmp_path: Path, clock: Clock) -> None:
    ctx, transcript = make(tmp_path, clock)
    people(ctx)
    await day(ctx, transcript, "2021-12-20 09:00")  # planned before the due time
    ctx, transcript = make(tmp_path, clock)  # restart before it is due
    sent = await day(ctx, transcript, "2021-12-24 09:00")
    assert len([t for c, t in sent if c == STATS and "第10条" in t]) == 1
    ctx, transcript = make(tmp_path, clock)  # restart after it was sent
    assert await day(ctx, transcript, "2021-12-24 09:05") == []
    # During: queued but the process died before the sender ran; then died again mid-send.
    clock.set("2021-12-30 09:00")
    await tick(ctx)
    with Session(ctx.store.engine) as session:
        waiting = session.exec(select(Delivery).where(Delivery.status == "pending")).all()
        assert waiting
        waiting[0].status, waiting[0].claimed_by, waiting[0].claimed_at = (
            "sending",
            "dead-process",
            at("2021-12-30 09:00"),
        )
        session.commit()
    ctx, transcript = make(tmp_path, clock)  # restart during
    await Sender(ctx).drain(timeout=10)  # a chat's next copy waits out its one-a-second limit
    texts = [r.text for c, r in transcript.sent if c == STATS and "第10条" in r.text]
    assert len(texts) == 1 and "还有1天" in texts[0]
    with Session(ctx.store.engine) as session:
        assert {d.status for d in session.exec(select(Delivery)).all()} == {"sent"}


async def test_downtime_catch_up_sends_once_marked_late(tmp_path: Path, clock: Clock) -> None:
    ctx, transcript = make(tmp_path, clock)
    people(ctx)
    await day(ctx, transcript, "2021-12-20 09:00")
    # Down from 12-20 to 12-31 noon: the 7-days, 1-day and on-the-day reminders all fell due meanwhile.
    ctx, transcript = make(tmp_path, clock)
    back = await day(ctx, transcript, "2021-12-31 12:00")
    task10 = [t for c, t in back if c == STATS and "第10条" in t]
    assert len(task10) == 1
    assert task10[0].startswith("（补发）") and "今天（2021-12-31）到期" in task10[0]
    with Session(ctx.store.engine) as session:
        stats = session.exec(select(Unit).where(Unit.name == "区统计局")).one()
        rows = session.exec(
            select(Reminder).where(Reminder.unit_id == stats.id, Reminder.due == date(2021, 12, 31))
        ).all()
        by_kind = {r.kind: r.status for r in rows if r.task_id == 10}
    assert by_kind["before:7"] == "skipped" and by_kind["before:1"] == "skipped" and by_kind["day"] == "sent"
    assert await day(ctx, transcript, "2021-12-31 12:05") == []


async def test_reminders_stop_once_the_unit_reported_done(tmp_path: Path, clock: Clock) -> None:
    ctx, transcript = make(tmp_path, clock)
    people(ctx)
    await day(ctx, transcript, "2021-12-01 09:00")
    with Session(ctx.store.engine) as session:
        stats = session.exec(select(Unit).where(Unit.name == "区统计局")).one()
        add_report(session, task_id=10, unit_id=stats.id, status="done", text="已完成")
        session.commit()
    week = await day(ctx, transcript, "2021-12-24 09:00")
    assert not [t for c, t in week if c == STATS and "第10条" in t]
    assert [t for c, t in week if c == STATS and "第12条" in t]  # other tasks go on
    with Session(ctx.store.engine) as session:
        assert session.exec(select(Report)).all()


async def test_remind_me_later_comes_back_the_next_working_day(tmp_path: Path, clock: Clock) -> None:
    ctx, transcript = make(tmp_path, clock)
    people(ctx)
    await day(ctx, transcript, "2021-12-24 09:00")  # a Friday
    with Session(ctx.store.engine) as session:
        stats = session.exec(select(Unit).where(Unit.name == "区统计局")).one()
        reminder = session.exec(
            select(Reminder).where(Reminder.task_id == 10, Reminder.kind == "before:7", Reminder.unit_id == stats.id)
        ).one()
    when = snooze(ctx, reminder.id)
    assert when is not None and when.date() == date(2021, 12, 27)  # Monday
    assert not [t for c, t in await day(ctx, transcript, "2021-12-26 09:00") if "第10条" in t]
    again = await day(ctx, transcript, "2021-12-27 09:00")
    assert len([t for c, t in again if c == STATS and "第10条" in t]) == 1


async def test_a_year_the_calendar_lacks_is_told_to_the_office_once(tmp_path: Path, clock: Clock) -> None:
    clock.set("2099-01-02 09:00")
    ctx, transcript = make(tmp_path, clock)
    people(ctx)
    assert set_override(ctx, 10, "due", date(2099, 1, 31))
    plan_reminders(ctx)
    plan_reminders(ctx)
    await Sender(ctx).run_once()
    told = transcript.to(ADMIN)
    assert len(told) == 1 and "2099年的法定节假日安排尚未收录" in told[0]


async def test_reminder_buttons_in_telegram_and_office_commands(tmp_path: Path) -> None:
    from tests.fakes.telegram_api import buttons
    from tests.telegram_harness import ADMIN as TG_ADMIN
    from tests.telegram_harness import join, telegram_duban

    async with telegram_duban(tmp_path, telegram_rate_per_second=0, **MONTHS_NOTICE) as run:
        fake = run.fake
        await join(run, 42, "统计局")
        assert "只有督办办公室的管理员" in (await fake.reply_to(42, "/deadline 10 2021-12-20")).params["text"]
        moved = await fake.reply_to(TG_ADMIN, "/deadline 10 2021-12-20")
        assert "已将第10条的完成时限设为2021-12-20" in moved.params["text"]
        assert "2021-12-20" in (await fake.reply_to(42, "第10条")).params["text"]
        event = await fake.reply_to(TG_ADMIN, "/event 11 2021年9月1日")
        assert "由此计算的时限：2021-10-01" in event.params["text"]
        assert "不是日期" in (await fake.reply_to(TG_ADMIN, "/deadline 10 明天")).params["text"]
        assert (
            "已记录：2099-01-01 休息" in (await fake.reply_to(TG_ADMIN, "/holiday 2099-01-01 休 元旦")).params["text"]
        )
        run.ctx.clock = lambda: at("2021-12-13 09:00")  # 7 days before the moved deadline
        await tick(run.ctx)
        await Sender(run.ctx).drain(timeout=30)
        reminder = next(c for c in fake.sent(42) if "第10条" in c.params["text"] and "督办提醒" in c.params["text"])
        assert "第10条 强化行政规范性文件监督管理：2021-12-20到期（还有7天）" in reminder.params["text"]
        assert [label for label, _ in buttons(reminder)] == ["汇报第11条", "汇报第10条", "全部稍后提醒"]
        fake.press(42, reminder, buttons(reminder)[2][1])
        answered = await fake.wait_for(
            lambda calls: [c for c in calls if c.method == "answerCallbackQuery" and c.params.get("text")]
        )
        assert "12-14 09:00再提醒您" in answered[-1].params["text"]
        before = len(fake.sent(42))
        fake.press(42, reminder, buttons(reminder)[1][1])
        status = await fake.wait_for(lambda calls: fake.sent(42)[before:])
        assert status[0].params["text"].startswith("第10条 强化行政规范性文件监督管理\n目前进展如何？")


async def test_a_reminder_for_a_unit_nobody_joined_waits_for_the_first_who_does(tmp_path: Path, clock: Clock) -> None:
    ctx, transcript = make(tmp_path, clock)
    assert await day(ctx, transcript, "2021-12-01 09:00") == []  # due, but 区统计局 has nobody bound
    with Session(ctx.store.engine) as session:
        kept = session.exec(select(Reminder).where(Reminder.status == "unheard")).all()
        assert kept and not session.exec(select(Reminder).where(Reminder.status == "sent")).all()  # no 已发
        assert session.exec(select(Delivery)).all() == []
        stats = session.exec(select(Unit).where(Unit.name == "区统计局")).one()
        session.add(Member(platform="telegram", user_id="s", chat_id=STATS, unit_id=stats.id))
        session.commit()
    joined = await day(ctx, transcript, "2021-12-01 09:30")
    assert any(chat == STATS and "第10条" in text for chat, text in joined)
    assert await day(ctx, transcript, "2021-12-01 10:00") == []  # once


async def test_a_deadline_on_a_saturday_is_not_called_today_on_the_friday(tmp_path: Path, clock: Clock) -> None:
    clock.set("2021-11-20 09:00")
    ctx, transcript = make(tmp_path, clock, remind_days_before=[7])
    people(ctx)
    assert set_override(ctx, 15, "due", date(2021, 12, 4))  # a Saturday
    friday = [t for c, t in await day(ctx, transcript, "2021-12-03 09:00") if c == STATS and "第15条" in t]
    assert friday and all("今天" not in t and "2021-12-04（还有1天）" in t for t in friday), friday


async def test_a_reminder_waiting_for_a_unit_reaches_the_first_who_joins_by_invite(
    tmp_path: Path, clock: Clock
) -> None:
    """Nobody of 区统计局 is bound when its reminder falls due; a newcomer joins with the office's invite code
    in the chat (as anyone would), and the next round delivers the reminder to them, once."""
    from core.messages import Incoming
    from handlers.router import dispatch

    ctx, transcript = make(tmp_path, clock)
    with Session(ctx.store.engine) as session:
        session.add(Member(platform="telegram", user_id="a", chat_id=ADMIN, is_admin=True))
        session.commit()
    assert await day(ctx, transcript, "2021-12-01 09:00") == []  # due, and nobody to tell

    def said(chat: str, user: str, text: str) -> Incoming:
        return Incoming(platform="telegram", chat_id=chat, user_id=user, user_name=user, text=text)

    clock.set("2021-12-01 09:10")
    invite = "\n".join(r.text for r in await dispatch(said(ADMIN, "a", "/invite 统计局"), ctx))
    code = invite.split("/start ")[1].split()[0]
    joined = "\n".join(r.text for r in await dispatch(said("new-1", "n", f"/start {code}"), ctx))
    assert "已绑定到" in joined and "区统计局" in joined
    delivered = await day(ctx, transcript, "2021-12-01 09:30")
    assert any(chat == "new-1" and "第10条" in text and "督办提醒" in text for chat, text in delivered), delivered
    assert await day(ctx, transcript, "2021-12-01 10:00") == []  # once
