"""The console at a city's scale, in a real Chromium: a 400-task plan over 200 units comes gzipped, a page
of 50 tasks at a time, the task where a unit is stuck first and the units behind ranked above it, titles
readable at 1366 px and on a phone, the completion chart starting from the units furthest behind. A
revised plan is shown field by field before it is stored, a unit it newly names flagged."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from sqlmodel import select

from bench.web import plan_text, unit_names
from core.settings import BUNDLED_PLAN
from storage.models import Plan, utcnow
from storage.reports import add_report
from tests.test_desk_browser import desk_running


async def test_a_city_plan_is_light_and_puts_what_needs_action_first(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        city = tmp_path / "city.txt"
        city.write_text(plan_text(unit_names(), tasks=400), encoding="utf-8")
        with desk.run.ctx.store.session() as session:  # the bundled plan closed (归档): the city's alone
            for plan in session.exec(select(Plan)).all():
                plan.archived_at = utcnow()
        desk.run.ctx.store.import_file(city)
        desk.run.ctx.store.refresh()
        view = desk.run.ctx.store.view()
        assert view is not None and len(view.tasks) == 400 and len(view.units) > 150
        stuck_task = view.task(377)
        assert stuck_task is not None
        stuck_unit = stuck_task.lead[0]
        with desk.run.ctx.store.session() as session:
            add_report(
                session, task_id=stuck_task.id, unit_id=view.unit_ids[stuck_unit], status="blocked", text="缺资金"
            )

        page = await desk.browser.new_page(viewport={"width": 1366, "height": 768})
        await page.goto(desk.link())
        response = await page.goto(desk.url + "/desk/")
        assert response is not None and response.headers.get("content-encoding") == "gzip"
        assert len(await page.content()) < 300_000
        rows = page.locator("#overview tbody tr")
        assert await rows.count() == 50
        assert (await rows.first.locator("td").first.inner_text()).strip(" .") == "377"  # the stuck one first
        assert stuck_unit in await page.inner_text("#behind tbody tr:first-child")
        assert "共 400 项任务" in await page.inner_text("#task-counts")
        assert "按“单位·任务”计" in await page.inner_text("#counts-what")
        width = await page.evaluate("document.querySelector('#overview td.title').getBoundingClientRect().width")
        assert width >= 200, width  # a title reads as words, not three characters
        await desk.shot(page, "city-overview")

        nav = await page.inner_text("#pages")
        assert "第 1–50 项，共 400 项" in nav
        await page.click("#pages a[rel=next]")
        assert "page=2" in page.url
        assert "第 51–100 项" in await page.inner_text("#pages")
        numbers = [
            int(n.strip(" .")) for n in await page.locator("#overview tbody tr td:first-child").all_inner_texts()
        ]
        assert len(numbers) == 50 and 377 not in numbers

        await page.goto(desk.url + "/desk/charts")
        heading = await page.inner_text("h2:nth-of-type(2)")
        assert "完成率最低" in heading and "共" in heading
        first = await page.locator("#by-unit text").nth(1).text_content() or ""
        assert first.startswith("0/")  # the chart starts from the units behind

        phone = await desk.browser.new_page(viewport={"width": 390, "height": 800})
        await phone.goto(desk.link("督查室 手机"))
        await phone.goto(desk.url + "/desk/")
        assert await phone.evaluate("document.documentElement.scrollWidth") <= 420
        title = await phone.evaluate("document.querySelector('#overview td.title').getBoundingClientRect().width")
        assert title >= 110, title
        await desk.shot(phone, "city-phone")


async def test_a_revised_plan_is_shown_field_by_field(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        text = BUNDLED_PLAN.read_text(encoding="utf-8")
        old = "(牵头单位:区政务服务局、区司法局;责任单位:区政府各部门)"
        assert text.count(old) == 1
        revised = tmp_path / "revised.txt"
        revised.write_text(text.replace(old, "(牵头单位:区政务服务局、区数据资源局;责任单位:区政府各部门)"), "utf-8")
        page = await desk.browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
        await page.goto(desk.link())
        await page.goto(desk.url + "/desk/plan")
        await page.set_input_files("input[type=file]", str(revised))
        await page.click("form[action='/desk/plan/preview'] button")
        row = await page.inner_text("#changes tbody tr:first-child")
        assert re.search(r"2\s+牵头单位\s+区政务服务局、区司法局\s+区政务服务局、区数据资源局", row), row
        assert "增加 区数据资源局" in row and "去掉 区司法局" in row
        flagged = await page.inner_text("#new-units")
        assert "计划中原来没有的单位（1 个）" in flagged and "区数据资源局" in flagged and "见任务 2" in flagged
        await desk.shot(page, "plan-diff")
