"""One organ, one unit wherever a user looks (issue 26, after reports and 签收): a database holds a member
bound to 农委, a report of 已完成 on task 4 filed under 农委 and a leader named for 农委, where the docket's
unit is 市农委. Reopened (SQLite and PostgreSQL), the office closes and sends back that 已完成 as 市农委's, in
the chat and in the console; the ledger's history, the console's unit and task pages, the bulletin's figures
and a long-late part's copy to the leader all count it for 市农委."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import col, select

from core.signin import Holder, make_link
from ledger.export import write_ledger
from ledger.issue import figures_for
from ledger.periods import Period
from ledger.standing import standings
from schedules.assignments import hand_down
from schedules.bulletins import unit_line
from schedules.digest import weekly_digest
from schedules.reminders import dispatch_due, plan_reminders
from schedules.workdays import WorkCalendar
from storage import docket, members
from storage.keyvalue import SharedValues
from storage.models import Broadcast, DeadlineOverride, Delivery, Member, Report, Review
from storage.reports import reports_of_plan
from tests.chat import Chat
from tests.desk_session import console_of

DATA = Path(__file__).parent / "data"
ZHENJIANG = DATA / "plans" / "fresh" / "zhenjiang-price.txt"  # 市农委 in task 2, 农委 in task 4
ZONE = ZoneInfo("Asia/Shanghai")


def _open(tmp_path: Path, database_url: str) -> Chat:
    return Chat(tmp_path, plan_file=ZHENJIANG, database_url=database_url)


def _kept_under_the_other_name(tmp_path: Path, database_url: str, *, at: datetime | None = None) -> None:
    """Written as the code before the fold wrote it: a member bound to 农委's own row, its 已完成 under it."""
    chat = _open(tmp_path, database_url)
    view = chat.ctx.store.view()
    assert view is not None
    task = view.task(4)
    assert task is not None and task.id is not None
    with chat.ctx.store.session() as session:
        other = members.unit_by_name(session, "农委")
        assert other is not None and other.id is not None and other.id != view.unit_ids["市农委"]
        person = members.member(session, "console", "nongwei", name="nongwei", chat_id="nongwei")
        members.bind_now(person, other)
        report = Report(task_id=task.id, unit_id=other.id, member_id=person.id, status="done", text="已统计完毕")
        if at is not None:
            report.created_at = at
        session.add(report)
    chat.ctx.store.engine.dispose()


def _sent_to(chat: Chat, chat_id: str) -> list[str]:
    """What the outbox holds for one chat."""
    with chat.ctx.store.session() as session:
        return list(
            session.exec(
                select(Broadcast.text)
                .join(Delivery, col(Delivery.broadcast_id) == col(Broadcast.id))
                .where(Delivery.chat_id == chat_id)
            ).all()
        )


def _state(chat: Chat, number: int) -> str:
    view = chat.ctx.store.view()
    assert view is not None
    with chat.ctx.store.session() as session:
        found = reports_of_plan(session, view.plan_ids)
    task = view.task(number)
    assert task is not None
    [row] = [r for r in standings(view, found, chat.ctx.now().date(), [task]) if r.unit == "市农委"]
    return row.state


async def test_the_office_closes_in_the_chat_what_was_reported_under_another_name(
    tmp_path: Path, database_url: str
) -> None:
    _kept_under_the_other_name(tmp_path, database_url)
    chat = _open(tmp_path, database_url)  # reopened on the same database
    waiting = await chat.say("office", "/review")
    assert "市农委" in waiting[0].text
    closed = await chat.press("office", waiting, "办结 第4条")
    assert closed[0].text == "已办结：第4条（市农委）。"
    assert _state(chat, 4) == "closed"
    assert await chat.text("office", "/review") == "没有待审核的事项。"


async def test_the_office_sends_back_in_the_chat_what_was_reported_under_another_name(
    tmp_path: Path, database_url: str
) -> None:
    _kept_under_the_other_name(tmp_path, database_url)
    chat = _open(tmp_path, database_url)
    waiting = await chat.say("office", "/review")
    asked = await chat.press("office", waiting, "退回")
    assert "市农委" in asked[0].text and "（农委）" not in asked[0].text
    returned = await chat.text("office", "缺少分析报告")
    assert returned == "已退回：第4条（市农委），原因：缺少分析报告。"
    assert _state(chat, 4) == "returned"


async def test_the_console_closes_what_was_reported_under_another_name(tmp_path: Path, database_url: str) -> None:
    _kept_under_the_other_name(tmp_path, database_url)
    chat = _open(tmp_path, database_url)
    async with console_of(chat.ctx) as client:
        page = await (await client.get("/desk/docket?state=pending")).text()
        keys = re.findall(r'name="part" value="([^"]+)"', page)
        assert len(keys) == 1  # the organ's one part awaiting review
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf
        done = await client.post(
            "/desk/docket/review", data={"csrf": csrf.group(1), "part": keys[0], "decision": "approve"}
        )
        assert "已办结1项。" in await done.text()
    assert _state(_open(tmp_path, database_url), 4) == "closed"


async def test_the_console_pages_show_the_units_people_and_reports_under_its_other_name(
    tmp_path: Path, database_url: str
) -> None:
    _kept_under_the_other_name(tmp_path, database_url)
    chat = _open(tmp_path, database_url)
    view = chat.ctx.store.view()
    assert view is not None
    async with console_of(chat.ctx) as client:
        unit = await (await client.get(f"/desk/unit/{view.unit_ids['市农委']}")).text()
        assert "nongwei" in unit and "尚无人员绑定" not in unit
        task = await (await client.get("/desk/task/4")).text()
        timeline = task.split('id="timeline"', 1)[1].split("</ol>", 1)[0]
        assert "市农委" in timeline and "已统计完毕" in timeline
        assert "农委" not in timeline.replace("市农委", "")
        people = await (await client.get("/desk/people")).text()
        bound = people.split("nongwei</td>", 1)[1].split("</tr>", 1)[0]
        assert "<td>市农委</td>" in bound


async def test_the_ledgers_history_names_the_unit(tmp_path: Path, database_url: str) -> None:
    _kept_under_the_other_name(tmp_path, database_url)
    chat = _open(tmp_path, database_url)
    written = write_ledger(chat.ctx.store, tmp_path / "ledger.xlsx", today=chat.ctx.now().date())
    book = load_workbook(written.workbook)
    history = [row for row in book["汇报记录"].iter_rows(min_row=2, values_only=True) if row[1] == 4]
    assert [(row[3], row[6]) for row in history] == [("市农委", "已统计完毕")]
    ledger = [row for row in book["台账"].iter_rows(min_row=2, values_only=True) if row[0] == 4]
    assert [row[8] for row in ledger if row[5] == "市农委"] == ["待审核"]  # its 已完成 awaits review


async def test_the_bulletin_counts_what_was_kept_under_another_name(tmp_path: Path, database_url: str) -> None:
    now = datetime.now(UTC)
    _kept_under_the_other_name(tmp_path, database_url, at=now + timedelta(days=1))
    chat = _open(tmp_path, database_url)
    view = chat.ctx.store.view()
    task = view.task(4) if view else None
    assert view is not None and task is not None
    with chat.ctx.store.session() as session:  # the office closed it on the next day, kept under 农委 too
        other = members.unit_by_name(session, "农委")
        assert other is not None
        report = session.exec(select(Report).where(Report.unit_id == other.id)).one()
        session.add(
            Review(
                task_id=task.id, unit_id=other.id, report_id=report.id, decision="approved", at=now + timedelta(days=2)
            )
        )
    today = now.astimezone(ZONE).date()
    period = Period.between(today, today + timedelta(days=30))
    result = figures_for(
        chat.ctx.store, chat.ctx.settings, period, now=now + timedelta(days=40), calendar=WorkCalendar()
    )
    mine = result.by_unit["市农委"]  # task 4 closed; task 2 (市农委's under its own name) never reported
    assert [w.part.item for w in result.unreported if w.part.unit == "市农委"] == ["第2条"]
    assert (mine.closed, mine.unreported) == (1, 1)
    assert "未汇报1项次" in unit_line("市农委", mine)  # as the unit is told when the bulletin is issued
    assert "农委" not in result.by_unit


async def test_a_leader_named_for_the_other_name_hears_of_the_units_long_late_part(
    tmp_path: Path, database_url: str
) -> None:
    chat = _open(tmp_path, database_url)
    view = chat.ctx.store.view()
    task = view.task(4) if view else None
    assert view is not None and task is not None and task.id is not None
    with chat.ctx.store.session() as session:
        other = members.unit_by_name(session, "农委")
        assert other is not None and other.id is not None
        person = members.member(session, "console", "nongwei", name="nongwei", chat_id="nongwei")
        members.bind_now(person, other)
        session.add(Member(platform="console", user_id="boss", chat_id="boss-1", name="王副市长"))
        docket.set_leader(session, unit_id=other.id, platform="console", user_id="boss")  # named for 农委
        session.add(DeadlineOverride(task_id=task.id, kind="due", value=date(2026, 9, 30)))
    chat = _open(tmp_path, database_url)
    for day in range(1, 40):
        now = datetime(2026, 9, 30, 9, tzinfo=ZONE) + timedelta(days=day)
        plan_reminders(chat.ctx, now)
        dispatch_due(chat.ctx, now)
    sent = _sent_to(chat, "boss-1")
    assert any(text.startswith("【督办抄送】市农委承办的第4条") for text in sent), sent


async def test_a_leader_named_for_the_other_name_has_the_units_weekly_digest(tmp_path: Path, database_url: str) -> None:
    _kept_under_the_other_name(tmp_path, database_url)
    chat = _open(tmp_path, database_url)
    with chat.ctx.store.session() as session:
        other = members.unit_by_name(session, "农委")
        assert other is not None and other.id is not None
        session.add(Member(platform="console", user_id="boss", chat_id="boss-1", name="王副市长"))
        docket.set_leader(session, unit_id=other.id, platform="console", user_id="boss")  # named for 农委
    chat = _open(tmp_path, database_url)
    today = datetime.now(ZONE).date()
    monday = today + timedelta(days=7 - today.weekday())
    calendar = WorkCalendar()
    first = monday if calendar.is_workday(monday) else calendar.add_workdays(monday, 1)  # next week's first
    assert weekly_digest(chat.ctx, datetime.combine(first, time(10), ZONE)) == 1
    [digest] = _sent_to(chat, "boss-1")
    assert "· 市农委：🔴逾期0 🟡临近0 🟢正常2" in digest  # tasks 2 and 4
    assert "第4条（市农委，" in digest and "报已完成" in digest
    assert "农委" not in digest.replace("市农委", "")


async def test_the_office_reassigns_an_item_handed_down_under_another_name(tmp_path: Path, database_url: str) -> None:
    chat = _open(tmp_path, database_url)
    await chat.text("office", "/help")  # the office has a chat Duban can write to
    done = hand_down(chat.ctx, text="报送粮食储备情况", units=[("农委", "lead")], due=None, actor="t", via="cli")
    chat = _open(tmp_path, database_url)  # reopened: the item's part is kept under 农委, the docket's unit 市农委
    view = chat.ctx.store.view()
    assert view is not None
    name = view.label(view.by_id(done.item.task_id))  # type: ignore[arg-type]
    assert view.task(name).lead == ["市农委"]  # type: ignore[union-attr]
    moved = await chat.text("office", f"/reassign {name} 市农委 市统计局")
    assert "改交市统计局" in moved
    view = chat.ctx.store.view()
    assert view is not None and view.task(name).lead == ["市统计局"]  # type: ignore[union-attr]


async def test_a_department_mapped_to_the_other_name_shows_the_unit_in_the_console(
    tmp_path: Path, database_url: str
) -> None:
    import aiohttp

    from storage import address_book
    from tests.test_wecom import context, wecom_duban

    async with wecom_duban(tmp_path, plan_file=ZHENJIANG, database_url=database_url) as run:
        run.fake.department_names.update({7: "农业科"})
        ctx = context(run)
        with ctx.store.session() as session:  # mapped before the fold, to 农委's own row
            address_book.set_mapping(session, "wecom", "7", "农业科", members.unit_by_name(session, "农委"), "t")
        link = make_link(SharedValues(ctx.store.engine), run.settings, Holder("督查室"))
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            assert (await http.get(link)).status == 200
            listing = await (await http.get(run.url.split("/wecom/")[0] + "/desk/address-book")).text()
    row = listing.split("农业科", 1)[1].split("</tr>", 1)[0]
    assert "<option selected>市农委</option>" in row  # not shown as unmapped (（不对应）)


async def test_wecom_departments_shows_a_department_mapped_to_the_other_name_as_mapped(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse
    import asyncio

    from bot.commands.wecom import cmd_departments
    from storage import address_book
    from tests.test_wecom import context, wecom_duban

    async with wecom_duban(tmp_path, plan_file=ZHENJIANG, database_url=database_url) as run:
        run.fake.department_names.update({7: "农业科"})
        with context(run).store.session() as session:  # mapped before the fold, to 农委's own row
            address_book.set_mapping(session, "wecom", "7", "农业科", members.unit_by_name(session, "农委"), "t")
        capsys.readouterr()
        await asyncio.to_thread(cmd_departments, argparse.Namespace(), run.settings)
    row = next(line for line in capsys.readouterr().out.splitlines() if "农业科" in line)
    assert "市农委" in row  # the unit it is mapped to, not an empty cell as if unmapped


def test_duban_leader_given_another_printed_name_names_the_unit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main
    from storage import aliases

    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(ZHENJIANG)]) == 0
    chat = Chat(tmp_path, plan_file=ZHENJIANG, data_dir=tmp_path / "data")
    with chat.ctx.store.session() as session:  # taught on the console for the printed 农委, before the fold
        aliases.teach(session, "农委", "农业委员会办公室", "t")
    chat.ctx.store.engine.dispose()
    for typed in ("农委", "农业委员会办公室"):
        capsys.readouterr()
        assert main(["leader", typed, "telegram:9001", "--name", "王副市长"]) == 0
        assert "is a leader of 市农委" in capsys.readouterr().out
    chat = Chat(tmp_path, plan_file=ZHENJIANG, data_dir=tmp_path / "data")
    with chat.ctx.store.session() as session:
        unit = members.unit_by_name(session, "市农委")
        assert unit is not None and [r.name for r in docket.leaders(session, unit.id or 0)] == ["王副市长"]
