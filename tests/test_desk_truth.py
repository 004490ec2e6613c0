"""The console says what is so, in a real Chromium: a unit stuck past its deadline shows 遇到困难 and 逾期
both (and counts under each); 已完成 reported after the deadline says 逾期完成; a chaser to 14 units of
which one has anyone bound says 待发 for that one and 无人接收 for the 13, and 已送达 only once the copy
reached the chat, on the task's page and in the trace."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from storage import members
from storage.reports import add_report
from tests.test_desk_browser import STAFF, desk_running


async def test_late_never_hides_stuck_or_done(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        view = desk.run.ctx.store.view()
        assert view is not None
        task = view.task(2)
        assert task is not None and view.due(task) is not None  # 2021-12-31: long past
        with desk.run.ctx.store.session() as session:
            add_report(session, task_id=task.id, unit_id=view.unit_ids["区司法局"], status="blocked", text="经费未到位")
            add_report(session, task_id=task.id, unit_id=view.unit_ids["区政务服务局"], status="done", text="已办结")
        page = await desk.browser.new_page(viewport={"width": 1366, "height": 900})
        await page.goto(desk.link())

        stuck = page.locator("#overview a.chip.s-blocked", has_text="区司法局")
        assert await stuck.count() == 1
        assert "逾期" in await stuck.inner_text() and "遇到困难" in (await stuck.get_attribute("title") or "")
        row = page.locator("#overview tr", has=page.locator("a[href='/desk/task/2']"))
        assert "逾期完成 1" in await row.inner_text()  # 14 units: the 13 late named first, the one done counted

        await page.goto(desk.url + "/desk/?state=blocked")
        assert await page.locator("#overview a.chip.s-blocked").count() == 1
        counts = await page.inner_text(".counts")
        assert re.search(r"遇到困难 1\b", counts) and not re.search(r"遇到困难 0\b", counts)
        await page.goto(desk.url + "/desk/?state=late")
        counted = re.search(r"逾期 (\d+)", await page.inner_text(".counts"))
        assert counted and int(counted.group(1)) > 300  # every unfinished pair of the 2021 plan
        assert await page.locator("#overview a.chip.late").count() > 250  # up to 12 named a row
        assert await page.locator("#overview a.chip.s-blocked.late").count() == 1

        await page.goto(desk.url + "/desk/task/2")
        row = page.locator("tr", has=page.locator("a", has_text="区司法局"))
        assert await row.locator(".states .chip").all_inner_texts() == ["遇到困难", "逾期"]
        row = page.locator("tr", has=page.locator("a", has_text="区政务服务局"))
        assert await row.locator(".states .chip").all_inner_texts() == ["已完成", "逾期完成"]
        await desk.shot(page, "truth-task")

        await page.goto(desk.url + f"/desk/unit/{view.unit_ids['区司法局']}")
        row = page.locator("tr", has=page.locator("a[href='/desk/task/2']"))
        assert await row.locator(".states .chip").all_inner_texts() == ["遇到困难", "逾期"]


async def test_a_chase_says_who_received_it_and_who_could_not(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        with desk.run.ctx.store.session() as session:
            person = members.member(session, "telegram", str(STAFF), name="张三", chat_id=str(STAFF))
            unit = members.unit_by_name(session, "区司法局")
            assert unit is not None
            person.unit_id = unit.id
        page = await desk.browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
        await page.goto(desk.link())
        await page.goto(desk.url + "/desk/task/2")
        await page.click("form[action='/desk/task/2/chase'] button")
        flash = await page.inner_text(".flash")
        assert "待发）：区司法局（1 个单位）" in flash
        assert "无人接收" in flash and "（13 个单位）" in flash
        assert "已发" not in flash

        await desk.run.fake.wait_for(lambda calls: desk.run.fake.sent(STAFF))  # the one bound person got it
        for _ in range(50):  # the sender records the delivery a moment after the Bot API answered
            await page.goto(desk.url + "/desk/task/2")
            states = await page.locator("#reminders td.delivery").all_inner_texts()
            if any(s.startswith("已送达") for s in states):
                break
            await asyncio.sleep(0.1)
        rows = await page.locator("#reminders tr:has(td)").all_inner_texts()
        assert len(rows) == 14
        assert [r for r in rows if "区司法局" in r and "已送达" in r]
        assert sum("无人接收" in r for r in rows) == 13
        assert not any("已发" in r for r in rows)
        await desk.shot(page, "truth-chase")

        await page.goto(desk.url + "/desk/trace")
        trace = await page.inner_text("table.trace")
        assert "无人接收（尚无人绑定，未发出）" in trace and "区司法局（1 个单位）" in trace
