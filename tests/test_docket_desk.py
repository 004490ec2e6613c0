"""The docket in the office's console, in a real headless Chromium: the parts of every live source with
their states and lights, a 交办单 made from the form (its unit told on the fake Bot API), a review batch
closing one part and sending another back with a reason, and a misread task corrected."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlmodel import select

from storage.models import OfficeAction, Report, Unit
from tests.telegram_harness import join
from tests.test_desk_browser import STAFF, desk_running
from tests.test_docket import GANGCHENG


async def test_the_office_works_the_docket_in_a_browser(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        ctx = desk.run.ctx
        await asyncio.to_thread(ctx.store.import_file, GANGCHENG)
        await join(desk.run, STAFF, "统计局")
        view = ctx.store.view()
        assert view is not None and view.several
        with ctx.store.session() as session:  # two parts reported 已完成, awaiting review
            units = {u.name: u.id for u in session.exec(select(Unit)).all()}
            for number in (19, 20):
                task = view.task(f"法治{number}")
                assert task is not None
                session.add(Report(task_id=task.id, unit_id=units["区统计局"], status="done", text=f"完成{number}"))
        page = await desk.browser.new_page(viewport={"width": 1280, "height": 900})
        await page.goto(desk.link())
        await page.goto(desk.url + "/desk/docket")
        text = await page.inner_text("main")
        assert "法治第" in text and "营商" in text  # every live source, its items named with it
        await page.click("a[href*='source=%E8%90%A5%E5%95%86']")  # 营商's parts only
        assert "营商第1条" in await page.inner_text("table.docket")
        assert "法治第" not in await page.inner_text("table.docket")
        await page.goto(desk.url + "/desk/docket")
        assert await page.locator("tr.light-red").count() > 0  # the 2021 deadlines have passed
        await desk.shot(page, "docket")

        # A 交办单 from the form: its unit is told at once in the chat.
        await page.fill("#assign textarea[name=text]", "报送年度统计监督工作总结")
        await page.fill("#assign input[name=lead]", "统计局")
        await page.fill("#assign input[name=due]", "2099-12-31")
        await page.click("#assign button")
        assert "已交办督办〔" in await page.inner_text(".flash")
        told = await desk.run.fake.wait_for(
            lambda calls: [c for c in desk.run.fake.sent(STAFF) if "【交办】" in (c.params.get("text") or "")]
        )
        assert "报送年度统计监督工作总结" in told[-1].params["text"]
        await page.goto(desk.url + "/desk/docket?source=交办")
        assert "🟢" in await page.inner_text("table.docket")  # due far ahead: green

        # A review batch: one closed, one sent back with its reason, each unit told.
        await page.goto(desk.url + "/desk/docket?state=pending")
        boxes = page.locator("input[name=part]")
        assert await boxes.count() == 2
        await boxes.nth(0).check()
        await page.click("button[value=approve]")
        assert "已办结1项" in await page.inner_text(".flash")
        await page.locator("input[name=part]").nth(0).check()
        await page.fill("input[name=reason]", "缺少佐证材料")
        await page.click("button[value=return]")
        assert "已退回1项" in await page.inner_text(".flash")
        back = await desk.run.fake.wait_for(
            lambda calls: [c for c in desk.run.fake.sent(STAFF) if "【退回】" in (c.params.get("text") or "")]
        )
        assert "缺少佐证材料" in back[-1].params["text"]
        await page.goto(desk.url + "/desk/docket?source=法治&state=closed")
        assert "已办结" in await page.inner_text("table.docket")
        await desk.shot(page, "review")

        # A misread task corrected: the units and title change and stay in the trace.
        task = view.task("营商1")
        assert task is not None
        await page.goto(desk.url + f"/desk/docket/task/{task.id}")
        await page.fill("#correct input[name=title]", "更正后的标题")
        await page.fill("#correct input[name=lead]", "区统计局")
        await page.click("#correct button")
        assert "已保存更正" in await page.inner_text(".flash")
        corrected = ctx.store.view()
        assert corrected is not None
        fixed = corrected.by_id(task.id or 0)
        assert fixed is not None and fixed.title == "更正后的标题" and fixed.lead == ["区统计局"]
        with ctx.store.session() as session:
            assert any(a.action == "correct" for a in session.exec(select(OfficeAction)).all())
        # A revised document of the same plan updates its own source and keeps the correction.
        revised = tmp_path / "gangcheng-revised.txt"
        revised.write_text(GANGCHENG.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        result = await asyncio.to_thread(ctx.store.import_file, revised)
        assert not result.created and result.short_name == "营商"
        again = ctx.store.view()
        assert again is not None and again.by_id(task.id or 0).title == "更正后的标题"  # type: ignore[union-attr]
