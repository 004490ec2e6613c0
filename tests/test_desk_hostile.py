"""Every route of the console, walked with hostile values from a signed-in Chromium context: ids past
the database's range, negative, fractional and full-width numbers, HTML, paths, 2,500-character and
1 MB fields, control characters, wrong methods, a missing or foreign CSRF token. No answer is a 500;
every refusal is a page in the console's language; the plan, its reports, units and people are all
still there afterwards."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.async_api import APIResponse
from sqlmodel import func, select

from storage.models import Member, Report, Task, Unit, UnitAlias
from storage.reports import add_report
from tests.test_desk_browser import desk_running, pending_request

HOSTILE = [
    "99999999999999999999999",
    "2147483648",
    "-1",
    "0",
    "1.5",
    "１２",  # full-width digits: str.isdigit() says yes
    "<script>alert(1)</script>",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "x" * 2500,
]
# A query string is kept under the request line's 8 KB that aiohttp (and nginx) refuse past, on their own.
FIELDS = ["unit", "alias", "text", "choice", "names", "date", "upload", "department", "name", "id", "page"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def counted(desk_run: object) -> dict[str, int]:
    ctx = desk_run.ctx  # type: ignore[attr-defined]
    with ctx.store.session() as session:
        return {
            table.__name__: session.exec(select(func.count()).select_from(table)).one()
            for table in (Task, Report, Unit, Member)
        }


async def answered(response: APIResponse, what: str) -> None:
    assert response.status < 500, (what, response.status, (await response.text())[:300])
    if response.status >= 400 and not what.startswith("HEAD"):
        body = await response.text()
        assert CJK.search(body), (what, response.status, body[:200])  # a page in the console's language
        assert "Traceback" not in body


async def test_every_route_survives_hostile_values(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        view = desk.run.ctx.store.view()
        assert view is not None
        with desk.run.ctx.store.session() as session:
            add_report(
                session, task_id=view.tasks[2].id, unit_id=view.unit_ids["区司法局"], status="blocked", text="卡住"
            )
        pending_request(desk.run, "区司法局")
        before = counted(desk.run)

        page = await desk.browser.new_page()
        await page.goto(desk.link())
        html = await page.content()
        csrf = re.search(r'name="csrf" value="([^"]+)"', html)
        assert csrf
        token = csrf.group(1)
        api = page.request

        routes = sorted(
            {
                (resource.canonical, route.method)
                for resource in desk.app.router.resources()
                for route in resource
                if resource.canonical.startswith("/desk")
            }
        )
        assert len(routes) > 25
        walked = 0
        for canonical, method in routes:
            if canonical in ("/desk/logout", "/desk/static"):
                continue
            names = re.findall(r"\{(\w+)[^}]*\}", canonical)
            values = HOSTILE if names else [""]
            for value in values:
                path = re.sub(r"\{[^}]+\}", lambda _: value, canonical)  # noqa: B023
                url = desk.url + path
                for verb in {method, "GET", "POST", "PUT", "DELETE"}:
                    if verb in ("GET", "HEAD"):
                        response = await api.fetch(url, method=verb, params={f: value[:200] for f in FIELDS})
                        await answered(response, f"{verb} {path}")
                    else:
                        form = {f: value for f in FIELDS}
                        for with_token in ("", "someone-else's", token):
                            response = await api.fetch(url, method=verb, form={**form, "csrf": with_token})
                            await answered(response, f"{verb} {path} csrf={with_token[:5]}")
                            if verb == "POST" and with_token != token:
                                assert response.status in (401 if path == "/desk" else 403, 403, 404, 405), (
                                    path
                                )  # no cookie: path /desk/
                    walked += 1

        # A 1 MB field and a body that is not a form at all.
        big = await api.post(desk.url + "/desk/broadcast/preview", form={"csrf": token, "text": "长" * 1048576})
        await answered(big, "1 MB text")
        junk = await api.post(
            desk.url + "/desk/units/alias",
            data=b"--x\r\nContent-Disposition: form-data; name=\xff\r\n\r\n",
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )
        await answered(junk, "broken multipart")

        # Bad ids and unknown pages, as a person sees them in the browser.
        for path in ("/desk/broadcast/99999999999999999999999", "/desk/evidence/99999999999999999999999", "/desk/nope"):
            response = await page.goto(desk.url + path)
            assert response is not None and response.status == 404
            assert "没有" in await page.inner_text("body")
        assert walked > 100

        desk.run.ctx.store.refresh()
        after = counted(desk.run)
        assert after == before, (before, after)  # nothing lost, nothing made up
        with desk.run.ctx.store.session() as session:
            taught = session.exec(select(UnitAlias)).all()
        assert all(len(a.alias) <= 40 for a in taught)
        still = await page.goto(desk.url + "/desk/task/3")
        assert still is not None and still.status == 200 and "卡住" in await page.inner_text("#timeline")
