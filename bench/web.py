"""The console's overview for a 1,000-task plan with 200 units and 5,000 reports: time to answer
GET /desk/ (server side, measured inside the server around the handler, and the whole request over
loopback). Target: under 300 ms on the server. Run by hand; prints figures."""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import web  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from bot.desk import build_desk  # noqa: E402
from core.context import Context  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.signin import Holder, make_link  # noqa: E402
from core.store import open_store  # noqa: E402
from storage.keyvalue import SharedValues  # noqa: E402
from storage.reports import add_report  # noqa: E402

TASKS, UNITS, REPORTS, RUNS = 1000, 200, 5000, int(__import__("os").environ.get("RUNS", 30))
PARTS = "发展改革教育科技民政财政人社资源生态住建交通水务农业商务文旅卫健应急审计统计信访"


def unit_names() -> list[str]:
    pairs = [PARTS[i : i + 2] for i in range(0, len(PARTS), 2)]
    names = [f"区{a}{b}局" for a in pairs for b in pairs if a != b]
    return names[:UNITS]


def plan_text(units: list[str]) -> str:
    rng = random.Random(7)
    lines = [f"某区2026年度重点工作任务分解方案（{TASKS}项）", ""]
    for n in range(1, TASKS + 1):
        if (n - 1) % 50 == 0:
            lines += [f"{'一二三四五六七八九十'[(n - 1) // 50 % 10]}、第{(n - 1) // 50 + 1}部分", ""]
        lead = "、".join(rng.sample(units, 1 + n % 3))
        duty = "区政府各部门" if n % 25 == 0 else "、".join(rng.sample(units, 2 + n % 4))
        lines += [f"{n}.推进第{n}项重点工作，2026年{1 + n % 12}月底前完成。(牵头单位:{lead};责任单位:{duty})", ""]
    return "\n".join(lines)


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        units = unit_names()
        plan.write_text(plan_text(units), encoding="utf-8")
        settings = Settings(_env_file=None, data_dir=Path(folder), plan_file=plan)  # type: ignore[call-arg]
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
        client = TestClient(TestServer(app))
        await client.start_server()
        link = make_link(SharedValues(ctx.store.engine), settings, Holder("bench")).split("8080", 1)[1]
        await client.get(link)
        inside.clear()
        whole: list[float] = []
        size = 0
        for _ in range(RUNS):
            start = time.perf_counter()
            response = await client.get("/desk/")
            body = await response.read()
            whole.append((time.perf_counter() - start) * 1000)
            size = len(body)
            assert response.status == 200
        cells = body.count(b'class="chip s-') - 12  # the counts and the legend are chips too
        await client.close()
    units_seen = len(view.units)
    print(
        f"overview: {TASKS} tasks, {units_seen} units, {REPORTS} reports, {cells} cells, {size / 1024:.0f} KiB of HTML"
    )
    print(
        f"server (handler): median {statistics.median(inside):.0f} ms, "
        f"p95 {sorted(inside)[int(0.95 * len(inside)) - 1]:.0f} ms, max {max(inside):.0f} ms"
    )
    print(f"whole request over loopback: median {statistics.median(whole):.0f} ms")
    verdict = "met" if statistics.median(inside) < 300 else "NOT met"
    print(f"target: under 300 ms on the server: {verdict}")


if __name__ == "__main__":
    asyncio.run(main())
