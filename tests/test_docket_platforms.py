"""The review loop end to end on the real platforms' fakes: Telegram (inline buttons over the Bot API)
and WeCom (template cards, signed and encrypted callbacks): 已完成 → 待审核 → 退回 with a reason → the
unit told → 已完成 again → 办结; the ledger's state and light follow."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ledger.lights import light
from ledger.standing import standings
from storage.reports import reports_of_plan
from tests.fakes.telegram_api import buttons
from tests.telegram_harness import ADMIN, join, telegram_duban
from tests.test_reports import click, next_reply, seen
from tests.test_wecom import OFFICE, STAFF, context, wecom_duban
from tests.test_wecom import join as wecom_join
from tests.test_wecom_cards import card, count_cards

UNIT_STAFF = 202


def part(ctx, number: int, unit: str):  # type: ignore[no-untyped-def]
    view = ctx.store.view()
    with ctx.store.session() as session:
        rows = standings(view, reports_of_plan(session, view.plan_ids), ctx.now().date())
    return next(r for r in rows if r.task.number == number and r.unit == unit)


async def test_review_loop_on_telegram(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        fake.message(ADMIN, "/help")  # the office has a chat Duban can write to
        await fake.wait_for(lambda calls: fake.sent(ADMIN))
        await join(run, UNIT_STAFF, "统计局")
        confirm = await fake.reply_to(UNIT_STAFF, "19 已完成 健全了统计监督制度")
        await click(run, UNIT_STAFF, confirm, "确认提交")
        notice = await fake.wait_for(
            lambda calls: [c for c in fake.sent(ADMIN) if "【待审核】" in (c.params.get("text") or "")]
        )
        assert "区统计局报告第19条" in notice[-1].params["text"]
        assert [label for label, _ in buttons(notice[-1])] == ["办结", "退回"]
        assert part(run.ctx, 19, "区统计局").state == "pending"
        asked = await click(run, ADMIN, notice[-1], "退回")
        assert "请输入退回区统计局" in asked.params["text"]
        before = seen(run, ADMIN)
        fake.message(ADMIN, "请附上制度文件")
        assert "已退回" in (await next_reply(run, ADMIN, before)).params["text"]
        told = await fake.wait_for(
            lambda calls: [c for c in fake.sent(UNIT_STAFF) if "【退回】" in (c.params.get("text") or "")]
        )
        assert "请附上制度文件" in told[-1].params["text"]
        row = part(run.ctx, 19, "区统计局")
        assert row.state == "returned" and light(row, run.ctx.now().date(), 3) == "red"  # 2021's deadline passed
        confirm = await fake.reply_to(UNIT_STAFF, "19 已完成 已附制度文件")
        await click(run, UNIT_STAFF, confirm, "确认提交")
        notices = await fake.wait_for(
            lambda calls: [c for c in fake.sent(ADMIN) if "【待审核】" in (c.params.get("text") or "")][1:]
        )
        await click(run, ADMIN, notices[-1], "办结")
        closed = await fake.wait_for(
            lambda calls: [c for c in fake.sent(UNIT_STAFF) if "【办结】" in (c.params.get("text") or "")]
        )
        assert "第19条" in closed[-1].params["text"]
        row = part(run.ctx, 19, "区统计局")
        assert row.state == "closed" and not row.late and light(row, run.ctx.now().date(), 3) == "green"


async def test_review_loop_on_wecom_cards(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        await run.say(OFFICE, "/help")
        await wecom_join(run, STAFF, "统计局")
        ctx = context(run)
        await run.say(STAFF, "19 已完成 健全了统计监督制度")
        confirm = await card(run, STAFF, count_cards(run, STAFF))
        await run.post_xml(run.fake.click(STAFF, confirm, "确认提交"))
        for _ in range(200):
            if count_cards(run, OFFICE):
                break
            await asyncio.sleep(0.05)
        review = await card(run, OFFICE, count_cards(run, OFFICE))
        assert "【待审核】" in review["main_title"]["title"] + review.get("sub_title_text", "")
        assert [b["text"] for b in review["button_list"]] == ["办结", "退回"]
        before = len(run.fake.texts(OFFICE))
        await run.post_xml(run.fake.click(OFFICE, review, "退回"))
        assert "请输入退回区统计局" in await run.answer(OFFICE, before)
        assert "已退回" in await run.say(OFFICE, "请附上制度文件")
        for _ in range(200):
            if any("【退回】" in t for t in run.fake.texts(STAFF)):
                break
            await asyncio.sleep(0.05)
        assert any("【退回】" in t and "请附上制度文件" in t for t in run.fake.texts(STAFF))
        assert part(ctx, 19, "区统计局").state == "returned"
        shown = count_cards(run, OFFICE)
        await run.say(STAFF, "19 已完成 已附制度文件")
        confirm = await card(run, STAFF, count_cards(run, STAFF))
        await run.post_xml(run.fake.click(STAFF, confirm, "确认提交"))
        again = await card(run, OFFICE, shown + 1)  # the second 待审核
        assert "已附制度文件" in again["main_title"]["title"] + again.get("sub_title_text", "")
        await run.post_xml(run.fake.click(OFFICE, again, "办结"))
        for _ in range(200):
            if part(ctx, 19, "区统计局").state == "closed":
                break
            await asyncio.sleep(0.05)
        assert part(ctx, 19, "区统计局").state == "closed"
