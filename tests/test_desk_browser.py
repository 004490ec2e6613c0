"""The office's web console in a real headless Chromium (Debian's, driven by Playwright): sign in with a
one-time link, read the overview, open a task, approve a binding, broadcast to one unit and see it reach
the fake Bot API, upload a revised plan and confirm it. Screenshots of each page are kept in the test's
temporary folder (tmp_path/screens)."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from playwright.async_api import Browser, Page, async_playwright
from sqlmodel import select

from bot.background import background
from bot.desk import build_desk
from bot.web import WebRoutes, serve_web
from core.settings import BUNDLED_PLAN
from core.signin import Holder, make_link
from storage import members
from storage.keyvalue import SharedValues
from storage.models import Member, OfficeAction
from tests.ports import free_port
from tests.telegram_harness import Running, telegram_duban

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
STAFF = 101


@dataclass
class Desk:
    run: Running
    url: str
    browser: Browser
    screens: Path
    app: web.Application

    def link(self, who: str = "督查室 王五", member_id: int | None = None) -> str:
        return make_link(SharedValues(self.run.ctx.store.engine), self.run.ctx.settings, Holder(who, member_id))

    async def shot(self, page: Page, name: str) -> None:
        await page.screenshot(path=str(self.screens / f"{name}.png"), full_page=True)


@contextlib.asynccontextmanager
async def desk_running(tmp_path: Path) -> AsyncIterator[Desk]:
    port = free_port()
    async with telegram_duban(tmp_path, web_port=port, web_host="127.0.0.1") as run:
        app = build_desk(run.ctx)
        async with background(run.ctx), serve_web(WebRoutes(app), run.ctx.settings):
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                screens = tmp_path / "screens"
                screens.mkdir()
                try:
                    yield Desk(run, f"http://127.0.0.1:{port}", browser, screens, app)
                finally:
                    await browser.close()


def pending_request(run: Running, unit_name: str) -> int:
    """A staff member who asked to join a unit (as /bind does), waiting for the office."""
    with run.ctx.store.session() as session:
        person = members.member(session, "telegram", str(STAFF), name="张三", chat_id=str(STAFF))
        unit = members.unit_by_name(session, unit_name)
        assert unit is not None
        members.request_binding(session, person, unit)
        session.flush()
        return person.id or 0


async def test_office_works_the_plan_in_a_browser(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        page = await desk.browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
        refused: list[str] = []  # what the Content-Security-Policy blocked: nothing may be
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)

        # Sign in with a one-time link: the overview, every task with its units' states.
        await page.goto(desk.link())
        assert page.url.endswith("/desk/")
        assert "东河区2021年度法治政府建设工作计划" in await page.inner_text("h1")
        task_rows = await page.locator("#overview tbody tr:has(td)").count()
        assert task_rows == 26
        assert await page.locator("#overview .chip.late").count() > 0  # the 2021 deadlines have passed
        await desk.shot(page, "1-overview")

        # Filter to one unit, then open a task.
        await page.select_option("select[name=unit]", "区司法局")
        await page.click("form.filters button")
        assert await page.locator("#overview tbody tr:has(td)").count() < 26
        await page.click("#overview a[href='/desk/task/3']")
        assert (await page.inner_text("h1")).startswith("3")
        assert "汇报记录" in await page.content()
        await desk.shot(page, "2-task")

        # Approve a binding request: the person is told in the chat.
        person_id = pending_request(desk.run, "区司法局")
        await page.goto(desk.url + "/desk/people")
        assert "张三" in await page.inner_text("#requests")
        await desk.shot(page, "3-people")
        await page.click(f"form[action='/desk/people/{person_id}/approve'] button")
        assert "已同意" in await page.inner_text(".flash")
        told = await desk.run.fake.wait_for(lambda calls: [c for c in desk.run.fake.sent(STAFF)])
        assert "区司法局" in told[-1].params["text"]
        with desk.run.ctx.store.session() as session:
            assert session.get(Member, person_id).unit_id is not None  # type: ignore[union-attr]

        # Broadcast to one unit: previewed, confirmed, delivered to the fake Bot API, progress shown.
        await page.goto(desk.url + "/desk/broadcast")
        await page.check("input[value=units]")
        await page.select_option("select[name=unit]", ["区司法局"])
        await page.fill("textarea[name=text]", "请于本周五前报送年度总结。")
        await page.click("form[action='/desk/broadcast/preview'] button")
        assert "1</strong> 位接收人" in await page.inner_html("#preview")
        await desk.shot(page, "4-broadcast-preview")
        await page.click("form[action='/desk/broadcast/send'] button")
        await page.wait_for_selector("#delivery[data-finished=yes]", timeout=15000)
        assert "已送达 1" in await page.inner_text("#delivery .line")
        assert "已送达" in await page.inner_text("#recipients")
        await desk.shot(page, "5-delivery")
        arrived = [c for c in desk.run.fake.sent(STAFF) if c.params["text"] == "请于本周五前报送年度总结。"]
        assert len(arrived) == 1

        # Upload a revised plan: the difference is shown, nothing is stored until confirmed.
        revised = tmp_path / "revised.txt"
        text = BUNDLED_PLAN.read_text(encoding="utf-8")
        revised.write_text(
            text.replace("深入推进行政执法“三项制度”。", "深入推进行政执法“三项制度”并开展评查。", 1), "utf-8"
        )
        assert revised.read_text("utf-8") != text
        await page.goto(desk.url + "/desk/plan")
        await page.set_input_files("input[type=file]", str(revised))
        await page.click("form[action='/desk/plan/preview'] button")
        preview = await page.inner_text("#plan-preview")
        assert "修改：" in preview and "修改：无" not in preview
        await desk.shot(page, "6-plan-preview")
        view = desk.run.ctx.store.view()
        assert view is not None and all("并开展评查" not in t.title + t.body for t in view.tasks)
        await page.click("form[action='/desk/plan/confirm'] button")
        assert "已修订" in await page.inner_text(".flash")
        desk.run.ctx.store.refresh()
        view = desk.run.ctx.store.view()
        assert view is not None and any("并开展评查" in t.title + t.body for t in view.tasks)

        # Every action above is in the trace, by the name the link was made for, from the web.
        await page.goto(desk.url + "/desk/trace")
        trace_text = await page.inner_text("table.trace")
        for action in ("登录督办台", "同意绑定", "群发", "导入计划"):
            assert action in trace_text
        assert "督查室 王五" in trace_text
        await desk.shot(page, "7-trace")

        for path in ("/desk/units", "/desk/charts", "/desk/people"):
            await page.goto(desk.url + path)
        assert refused == []

        # The other pages render at a phone's width.
        phone = await desk.browser.new_page(viewport={"width": 390, "height": 800})
        await phone.goto(desk.link("督查室 手机"))
        for path in ("/desk/", "/desk/units", "/desk/charts"):
            await phone.goto(desk.url + path)
            width = await phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 420, (path, width)  # wide tables scroll inside their own box
            await desk.shot(phone, "8-phone" + path.replace("/", "-"))
        with desk.run.ctx.store.session() as session:
            assert session.exec(select(OfficeAction).where(OfficeAction.via == "web")).all()


async def test_a_report_with_a_script_is_shown_as_text(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        from storage.reports import add_report

        view = desk.run.ctx.store.view()
        assert view is not None
        task = view.task(3)
        assert task is not None
        with desk.run.ctx.store.session() as session:
            add_report(
                session,
                task_id=task.id,
                unit_id=view.unit_ids["区司法局"],
                status="in_progress",
                text="<script>document.title='pwned'</script><b>粗体</b>",
            )
        page = await desk.browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        await page.goto(desk.link())
        await page.goto(desk.url + "/desk/task/3")
        timeline = await page.inner_text("#timeline")
        assert "<script>document.title='pwned'</script><b>粗体</b>" in timeline
        assert await page.title() != "pwned"
        assert await page.locator("#timeline b").count() == 0
        await desk.shot(page, "script-as-text")
