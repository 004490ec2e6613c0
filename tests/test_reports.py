"""Progress reports by conversation through the real python-telegram-bot and the fake Bot API
server, and what the office sees of them: timelines, the lead unit's view, the ledger."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
from sqlmodel import Session, select

from handlers.conversation import end_idle
from storage.models import Dialog, Report
from tests.fakes.telegram_api import FakeTelegram, buttons
from tests.telegram_harness import ADMIN, join, telegram_duban

STAFF, COLLEAGUE = 42, 43


def press(run, user: int, call, label: str) -> None:  # type: ignore[no-untyped-def]
    data = next(d for text, d in buttons(call) if text.startswith(label))
    run.fake.press(user, call, data)


async def next_reply(run, user: int, count_before: int):  # type: ignore[no-untyped-def]
    fake = run.fake
    got = await fake.wait_for(
        lambda calls: (
            len(
                [c for c in calls if c.method in ("sendMessage", "editMessageText") and c.params.get("chat_id") == user]
            )
            > count_before
            and [c for c in calls if c.method in ("sendMessage", "editMessageText") and c.params.get("chat_id") == user]
        )
    )
    return got[-1]


def seen(run, user: int) -> int:  # type: ignore[no-untyped-def]
    return len(
        [
            c
            for c in run.fake.calls
            if c.method in ("sendMessage", "editMessageText") and c.params.get("chat_id") == user
        ]
    )


async def click(run, user: int, call, label: str):  # type: ignore[no-untyped-def]
    before = seen(run, user)
    press(run, user, call, label)
    return await next_reply(run, user, before)


def saved(run) -> list[Report]:  # type: ignore[no-untyped-def]
    with Session(run.ctx.store.engine) as session:
        return list(session.exec(select(Report).order_by(Report.id)).all())


async def test_a_whole_guided_report_with_figure_and_evidence(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "司法局")
        pick = await fake.reply_to(STAFF, "汇报进展")
        assert pick.params["text"].startswith("请选择要汇报的任务")
        assert ("第2条 落实清单管理制度", "rp:t:2") in buttons(pick)
        status = await fake.reply_to(STAFF, "17")  # a typed number works as well as a button
        assert status.params["text"].startswith("第17条 规范行政执法人员管理")
        assert [b[0] for b in buttons(status)] == ["未开始", "推进中", "已完成", "遇到困难", "取消"]
        ask_text = await click(run, STAFF, status, "推进中")
        assert "说明进展" in ask_text.params["text"]
        ask_figure = await fake.reply_to(STAFF, "组织了两期执法人员培训")
        assert "不少于60学时" in ask_figure.params["text"]
        assert "请填一个数字" in (await fake.reply_to(STAFF, "很多")).params["text"]
        ask_evidence = await fake.reply_to(STAFF, "已完成36学时")
        assert "照片或文件" in ask_evidence.params["text"]
        # A document as evidence.
        before = seen(run, STAFF)
        fake.message(STAFF, "")
        fake.updates[-1]["message"].pop("text")
        fake.updates[-1]["message"]["document"] = {
            "file_id": "DOC-1",
            "file_unique_id": "d1",
            "file_name": "培训签到表.pdf",
            "file_size": 52_000,
        }
        confirm = await next_reply(run, STAFF, before)
        text = confirm.params["text"]
        assert "任务：第17条 规范行政执法人员管理" in text and "状态：推进中" in text
        assert "完成数：36" in text and "佐证：培训签到表.pdf（51 KB）" in text
        assert saved(run) == []  # nothing saved before confirmation
        done = await click(run, STAFF, confirm, "确认提交")
        assert "已保存" in done.params["text"] and "推进中" in done.params["text"]
        [report] = saved(run)
        assert (report.status, report.text, report.figure, report.figure_unit) == (
            "in_progress",
            "组织了两期执法人员培训",
            36.0,
            "学时",
        )
        assert (report.evidence_file_id, report.evidence_name, report.evidence_size) == (
            "DOC-1",
            "培训签到表.pdf",
            52_000,
        )
        timeline = (await fake.reply_to(STAFF, "/progress 17")).params["text"]
        assert (
            "第17条 【推进中】" in timeline
            and "组织了两期执法人员培训（36学时）" in timeline
            and "📎培训签到表.pdf" in timeline
        )


async def test_one_line_report_and_a_correction_is_a_new_version(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "司法局")
        confirm = await fake.reply_to(STAFF, "15 已完成 编制了音像记录事项清单")
        assert "第15条" in confirm.params["text"] and "已完成" in confirm.params["text"]
        assert [b[0] for b in buttons(confirm)] == [
            "确认提交",
            "改状态",
            "改说明",
            "取消",
        ]  # one field may be changed (issue 27)
        await click(run, STAFF, confirm, "确认提交")
        again = await fake.reply_to(STAFF, "汇报 第15条 推进中 清单需要补充两项")
        await click(run, STAFF, again, "确认提交")
        reports = saved(run)
        assert [(r.status, r.text) for r in reports] == [
            ("done", "编制了音像记录事项清单"),
            ("in_progress", "清单需要补充两项"),
        ]
        mine = (await fake.reply_to(STAFF, "我的汇报")).params["text"]
        assert "第15条 【推进中】" in mine and "编制了音像记录事项清单" not in mine  # the newest per task
        timeline = (await fake.reply_to(STAFF, "第15条进展")).params["text"]
        assert timeline.index("编制了音像记录事项清单") < timeline.index("清单需要补充两项")  # history kept
        other = await fake.reply_to(STAFF, "99 已完成 没有这一条")
        assert "第99条不是“区司法局”的任务" in other.params["text"]


async def test_cancel_at_any_step_saves_nothing(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "统计局")
        pick = await fake.reply_to(STAFF, "/report")
        status = await click(run, STAFF, pick, "第19条")
        cancelled = await click(run, STAFF, status, "取消")
        assert "已取消本次汇报" in cancelled.params["text"]
        await fake.reply_to(STAFF, "/report 19")
        assert "已取消" in (await fake.reply_to(STAFF, "取消")).params["text"]
        # After cancelling, ordinary questions are answered again.
        assert "第19条 加强行政监督" in (await fake.reply_to(STAFF, "第19条")).params["text"]
        assert saved(run) == []


async def test_restart_in_the_middle_continues_where_the_user_was(tmp_path: Path) -> None:
    fake = FakeTelegram()
    await fake.start()
    try:
        async with telegram_duban(tmp_path, fake=fake) as run:
            await join(run, STAFF, "审计局")
            pick = await fake.reply_to(STAFF, "汇报进展")
            status = await click(run, STAFF, pick, "第19条")
            ask_text = await click(run, STAFF, status, "遇到困难")
            assert "说明进展" in ask_text.params["text"]
        # Duban is stopped and started again on the same database.
        async with telegram_duban(tmp_path, fake=fake) as run:
            ask_evidence = await fake.reply_to(STAFF, "审计人员不足，需要协调")
            assert "照片或文件" in ask_evidence.params["text"]
            confirm = await click(run, STAFF, ask_evidence, "跳过")
            assert "状态：遇到困难" in confirm.params["text"] and "审计人员不足" in confirm.params["text"]
            await click(run, STAFF, confirm, "确认提交")
            [report] = saved(run)
            assert (report.status, report.text) == ("blocked", "审计人员不足，需要协调")
    finally:
        await fake.stop()


async def test_two_people_of_one_unit_reporting_at_once_are_both_saved(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "财政局")
        await join(run, COLLEAGUE, "财政局")
        a = await fake.reply_to(STAFF, "/report 4")
        b = await fake.reply_to(COLLEAGUE, "/report 4")
        a = await click(run, STAFF, a, "推进中")
        b = await click(run, COLLEAGUE, b, "已完成")
        await fake.reply_to(STAFF, "梳理了收费目录")
        await fake.reply_to(COLLEAGUE, "完成了清理整顿")
        a = await fake.reply_to(STAFF, "跳过")
        b = await fake.reply_to(COLLEAGUE, "跳过")
        await click(run, COLLEAGUE, b, "确认提交")
        await click(run, STAFF, a, "确认提交")
        reports = saved(run)
        assert sorted((r.status, r.text) for r in reports) == [
            ("done", "完成了清理整顿"),
            ("in_progress", "梳理了收费目录"),
        ]
        assert len({r.member_id for r in reports}) == 2


async def test_html_emoji_and_10000_characters_are_kept_whole_and_shown_escaped(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "信访局")
        body = "<b>已办结</b> & 👍 " + "汇" * 10_000
        before = len(fake.sent(STAFF))
        fake.message(STAFF, "23 推进中 " + body)
        confirm = (await fake.wait_for(lambda calls: [c for c in fake.sent(STAFF)[before:] if buttons(c)]))[0]
        shown = "".join(c.params["text"] for c in fake.sent(STAFF)[before:])
        assert "&lt;b&gt;已办结&lt;/b&gt; &amp; 👍 " + "汇" * 10_000 in shown  # whole, escaped
        await click(run, STAFF, confirm, "确认提交")
        [report] = saved(run)
        assert report.text == body  # kept whole
        page = await fake.reply_to(STAFF, "/progress 23")
        parts = [page.params["text"]]
        while any(label.startswith("下一页") for label, _ in buttons(page)):
            page = await click(run, STAFF, page, "下一页")
            parts.append(page.params["text"])
        assert len(parts) >= 4 and all(len(p) <= 4096 for p in parts)
        shown = "".join(p.split("\n", 1)[1].rsplit("\n", 1)[0] for p in parts)  # without headers and page marks
        assert "&lt;b&gt;已办结&lt;/b&gt; &amp; 👍 " + "汇" * 10_000 in shown  # shown whole, over pages
        assert "<b>" not in shown


async def test_lead_unit_sees_responsible_units_and_admin_overview(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "司法局")  # leads 22
        await join(run, COLLEAGUE, "统计局")  # responsible for 22 through 区政府各部门
        confirm = await fake.reply_to(COLLEAGUE, "22 已完成 公开了复议决定书")
        await click(run, COLLEAGUE, confirm, "确认提交")
        view = (await fake.reply_to(STAFF, "牵头任务进展")).params["text"]
        assert "“区司法局”牵头的任务进展" in view
        assert "【第2条 落实清单管理制度】" in view
        timeline = (await fake.reply_to(STAFF, "/progress 22")).params["text"]
        assert "区统计局" in timeline and "公开了复议决定书" in timeline  # the lead sees the responsible unit's report
        own = (await fake.reply_to(COLLEAGUE, "/progress 22")).params["text"]
        assert "公开了复议决定书" in own
        own_unit = (await fake.reply_to(STAFF, "/overview")).params["text"]
        assert "进展总览" not in own_unit and own_unit.startswith("“区司法局”共")  # not the office's view
        overview = (await fake.reply_to(ADMIN, "/overview")).params["text"]
        assert "进展总览" in overview and "已汇报1" in overview
        # The plan's year is long past: every owing unit that has not reported 已完成 is late.
        assert "逾期" in overview


async def test_ledger_file_and_chart_through_chat(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "统计局")
        confirm = await fake.reply_to(STAFF, "19 已完成 健全了统计监督制度")
        await click(run, STAFF, confirm, "确认提交")
        confirm = await fake.reply_to(STAFF, '1 推进中 =HYPERLINK("http://x") 清理中')
        await click(run, STAFF, confirm, "确认提交")
        before = len(fake.sent(ADMIN, "sendDocument"))
        fake.message(ADMIN, "/ledger")
        # The first ledger starts the worker process it is built in (`duban run` readies it at start).
        documents = await fake.wait_for(lambda calls: fake.sent(ADMIN, "sendDocument")[before:], timeout=60)
        photos = await fake.wait_for(lambda calls: fake.sent(ADMIN, "sendPhoto"))
        assert documents[0].params["document"]["filename"].endswith(".xlsx")
        assert photos[0].params["photo"]["filename"].endswith(".png")
        folder = Path(run.ctx.settings.data_dir) / "ledgers"
        workbook = next(folder.glob("*.xlsx"))
        chart = workbook.with_suffix(".png")
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        book = openpyxl.load_workbook(workbook)
        sheet = book["台账"]
        header = [c.value for c in sheet[1]]
        assert header[:8] == ["序号", "任务", "所属部分", "牵头单位", "责任单位", "单位", "角色", "完成时限"]
        rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
        row19 = next(r for r in rows if r[0] == 19 and r[5] == "区统计局")
        assert row19[6] == "牵头" and row19[8] == "待审核" and row19[9] == "健全了统计监督制度" and row19[12] == "否"
        row1 = next(r for r in rows if r[0] == 1 and r[5] == "区统计局")
        assert row1[6] == "责任（区政府各部门）" and row1[8] == "推进中" and row1[12] == "是"
        assert row1[9].startswith("=HYPERLINK")  # kept as text, not a formula
        assert sheet.cell(rows.index(row1) + 2, 10).data_type == "s"
        unreported = next(r for r in rows if r[0] == 19 and r[5] == "区审计局")
        assert unreported[8] == "未汇报" and unreported[12] == "是"
        # Rows: every task with every unit that owes a report, collectives expanded.
        assert len([r for r in rows if r[0] == 13]) == 2 + 9  # 区委编办, 区司法局 and the enforcement departments
        history = [[c.value for c in r] for r in book["汇报记录"].iter_rows(min_row=2)]
        assert [(h[1], h[3], h[5]) for h in history] == [(19, "区统计局", "已完成"), (1, "区统计局", "推进中")]


async def test_idle_report_ends_politely(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path, dialog_timeout_minutes=30) as run:
        fake = run.fake
        await join(run, STAFF, "统计局")
        await fake.reply_to(STAFF, "/report 19")
        real = run.ctx.clock
        run.ctx.clock = lambda: real() + timedelta(minutes=29)
        assert end_idle(run.ctx) == 0
        run.ctx.clock = lambda: real() + timedelta(minutes=31)
        assert end_idle(run.ctx) == 1
        ended = await fake.wait_for(lambda calls: [c for c in fake.sent(STAFF) if "已结束" in c.params["text"]])
        assert "30分钟未操作" in ended[0].params["text"]
        with Session(run.ctx.store.engine) as session:
            assert session.exec(select(Dialog)).all() == []
        assert "第19条 加强行政监督" in (await fake.reply_to(STAFF, "第19条")).params["text"]
