"""The console's overview for a 1,000-task plan with 200 units and 5,000 reports: what GET /desk/ costs
on the server (measured inside it, around the handler), the bytes it sends (gzip), and the time to the
load event in a headless Chromium (Debian's, through Playwright) at 1366 px, with the width the task
titles get. Targets: under 300 KB transferred, under 1 s to the load event, server p95 under 200 ms.
Run by hand (`.venv/bin/python bench/web.py`; RUNS, BROWSER_RUNS, PORT); prints figures."""

from __future__ import annotations

import asyncio
import gzip
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from bot.desk import build_desk  # noqa: E402
from bot.web import WebRoutes, serve_web  # noqa: E402
from core.context import Context  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.signin import Holder, make_link  # noqa: E402
from core.store import open_store  # noqa: E402
from storage.keyvalue import SharedValues  # noqa: E402
from storage.reports import add_report  # noqa: E402

TASKS, UNITS, REPORTS, RUNS = 1000, 200, 5000, int(os.environ.get("RUNS", 30))
BROWSER_RUNS = int(os.environ.get("BROWSER_RUNS", 10))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PARTS = "发展改革教育科技民政财政人社资源生态住建交通水务农业商务文旅卫健应急审计统计信访"


def unit_names() -> list[str]:
    pairs = [PARTS[i : i + 2] for i in range(0, len(PARTS), 2)]
    names = [f"区{a}{b}局" for a in pairs for b in pairs if a != b]
    return names[:UNITS]


def plan_text(units: list[str], tasks: int = TASKS) -> str:
    """A city's plan: `tasks` numbered tasks in sections of 50, one to three lead and two to five
    responsible units each, every 25th reaching all departments through 区政府各部门."""
    rng = random.Random(7)
    lines = [f"某区2026年度重点工作任务分解方案（{tasks}项）", ""]
    for n in range(1, tasks + 1):
        if (n - 1) % 50 == 0:
            lines += [f"{'一二三四五六七八九十'[(n - 1) // 50 % 10]}、第{(n - 1) // 50 + 1}部分", ""]
        lead = "、".join(rng.sample(units, 1 + n % 3))
        duty = "区政府各部门" if n % 25 == 0 else "、".join(rng.sample(units, 2 + n % 4))
        lines += [f"{n}.推进第{n}项重点工作，2026年{1 + n % 12}月底前完成。(牵头单位:{lead};责任单位:{duty})", ""]
    return "\n".join(lines)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(0.95 * len(values)) - 1)]


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        units = unit_names()
        plan.write_text(plan_text(units), encoding="utf-8")
        port = int(os.environ.get("PORT", 18765))
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, data_dir=Path(folder), plan_file=plan, web_host="127.0.0.1", web_port=port
        )
        ctx = Context(store=open_store(settings), settings=settings)
        view = ctx.store.view()
        assert view is not None and len(view.tasks) == TASKS, "the generated plan did not read as 1,000 tasks"
        rng = random.Random(3)
        with ctx.store.session() as session:
            for _ in range(REPORTS):
                task = rng.choice(view.tasks)
                owner = rng.choice(task.lead + [u for u in task.responsible if u in view.unit_ids] or task.lead)
                status = rng.choice(["in_progress", "done", "blocked", "not_started"])
                add_report(session, task_id=task.id, unit_id=view.unit_ids[owner], status=status, text="按计划推进")

        inside: list[float] = []

        @web.middleware
        async def clock(request: web.Request, handler):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            response = await handler(request)
            if request.path == "/desk/":
                inside.append((time.perf_counter() - start) * 1000)
            return response

        app = build_desk(ctx)
        app.middlewares.insert(0, clock)
        async with serve_web(WebRoutes(app), settings):
            base = f"http://127.0.0.1:{port}"

            def link() -> str:
                return make_link(SharedValues(ctx.store.engine), settings, Holder("bench")).replace(
                    settings.desk_url(), base
                )

            async with aiohttp.ClientSession(auto_decompress=False, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
                await http.get(link())
                inside.clear()
                whole: list[float] = []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    async with http.get(base + "/desk/", headers={"Accept-Encoding": "gzip"}) as response:
                        raw = await response.read()
                        assert response.status == 200
                    whole.append((time.perf_counter() - start) * 1000)
                html = gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw
                server = list(inside)
                inside.clear()
                for n in range(5):  # a report just came in: the overview is computed afresh
                    task = view.tasks[n * 7]
                    with ctx.store.session() as session:
                        add_report(
                            session, task_id=task.id, unit_id=view.unit_ids[task.lead[0]], status="blocked", text="新"
                        )
                    async with http.get(base + "/desk/") as response:
                        assert response.status == 200
                fresh = list(inside)

            loads: list[float] = []
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                page = await browser.new_page(viewport={"width": 1366, "height": 768})
                await page.goto(link())
                for _ in range(BROWSER_RUNS):
                    await page.goto(base + "/desk/", wait_until="load")
                    loads.append(
                        await page.evaluate(
                            "() => { const n = performance.getEntriesByType('navigation')[0];"
                            " return n.loadEventEnd - n.startTime; }"
                        )
                    )
                title = await page.evaluate(
                    "() => document.querySelector('#overview td.title').getBoundingClientRect().width"
                )
                await browser.close()

    cells = html.count(b'class="chip s-') - 14  # the counts and the legend are chips too
    print(f"overview: {TASKS} tasks, {len(view.units)} units, {REPORTS} reports; first page: {cells} unit chips")
    print(
        f"page size: {len(html) / 1024:.0f} KiB of HTML, {len(raw) / 1024:.0f} KiB transferred "
        f"({response.headers.get('Content-Encoding', 'uncompressed')})"
    )
    print(
        f"server (handler): median {statistics.median(server):.0f} ms, p95 {p95(server):.0f} ms, "
        f"max {max(server):.0f} ms; whole request over loopback: median {statistics.median(whole):.0f} ms"
    )
    print(f"after a new report (computed afresh): median {statistics.median(fresh):.0f} ms, max {max(fresh):.0f} ms")
    print(
        f"headless Chromium at 1366 px, to the load event: median {statistics.median(loads):.0f} ms, "
        f"p95 {p95(loads):.0f} ms; title column {title:.0f} px wide"
    )
    met = len(raw) < 300 * 1024 and statistics.median(loads) < 1000 and p95(server) < 200
    print(
        f"targets (under 300 KB transferred, under 1 s to load, server p95 under 200 ms): {'met' if met else 'NOT met'}"
    )


if __name__ == "__main__":
    asyncio.run(main())
