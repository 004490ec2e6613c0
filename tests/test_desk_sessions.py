"""Signing out of the console ends the session on the server, in a real Chromium: it lands on a
signed-out page, Back shows no data (pages with data are never cached), and the old cookie, replayed
from another browser, opens nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.test_desk_browser import desk_running

TITLE = "东河区2021年度法治政府建设工作计划"


async def test_signing_out_ends_the_session_everywhere(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        context = await desk.browser.new_context()
        page = await context.new_page()
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
        first = await page.goto(desk.link())
        assert first is not None and TITLE in await page.inner_text("h1")
        overview = await page.goto(desk.url + "/desk/task/3")
        assert overview is not None and overview.headers.get("cache-control") == "no-store"
        kept = await context.cookies()
        assert [c["name"] for c in kept] == ["duban_desk"]
        assert len(kept[0]["value"]) < 120  # an id, not the session itself

        await page.click("header form button")  # 退出
        assert page.url.endswith("/desk/signed-out")
        body = await page.inner_text("body")
        assert "您已退出督办台" in body and "无效" not in body and TITLE not in body
        await desk.shot(page, "signed-out")

        await page.go_back()
        body = await page.inner_text("body")
        assert TITLE not in body and "区司法局" not in body and "请先登录" in body

        other = await desk.browser.new_context()
        await other.add_cookies(kept)  # the cookie as it was before signing out
        stolen = await other.new_page()
        response = await stolen.goto(desk.url + "/desk/")
        assert response is not None and response.status == 401
        assert TITLE not in await stolen.inner_text("body")
        await other.close()

        # Signing in again works, with a fresh session.
        await page.goto(desk.link())
        assert TITLE in await page.inner_text("h1")
        assert (await context.cookies())[0]["value"] != kept[0]["value"]
        await context.close()


async def test_an_admin_ends_another_session_at_once(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        mine, theirs = await desk.browser.new_context(), await desk.browser.new_context()
        office, laptop = await mine.new_page(), await theirs.new_page()
        await office.goto(desk.link("督查室 王五"))
        await laptop.goto(desk.link("督查室 丢了的笔记本"))
        assert TITLE in await laptop.inner_text("h1")

        await office.goto(desk.url + "/desk/people")
        listed = await office.inner_text("#sessions")
        assert "督查室 王五（本浏览器）" in listed.replace(" （", "（") and "督查室 丢了的笔记本" in listed
        row = office.locator("#sessions tr", has_text="丢了的笔记本")
        await row.locator("button").click()
        assert "已结束 督查室 丢了的笔记本 的登录会话" in await office.inner_text(".flash")
        assert "丢了的笔记本" not in await office.inner_text("#sessions")

        response = await laptop.goto(desk.url + "/desk/")
        assert response is not None and response.status == 401 and TITLE not in await laptop.inner_text("body")
        await office.goto(desk.url + "/desk/trace")
        assert "结束 督查室 丢了的笔记本 的登录会话" in await office.inner_text("table.trace")
        await desk.shot(office, "sessions-ended")
        await mine.close()
        await theirs.close()
