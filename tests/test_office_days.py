"""The console counts a report on the office's own day (DUBAN_TIMEZONE), never on UTC's: 已完成 reported at
23:30 on the deadline's day is on time and at 00:30 the day after is 逾期完成; the weekly chart puts a report
made at 23:30 on a Sunday in that week and one made at 00:30 on a Monday in the next. East of UTC (Shanghai)
and west of it (New York), where UTC's date is the day before, or after, the office's."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestServer

from bot.desk import build_desk
from storage.reports import add_report
from tests.chat import Chat
from tests.test_desk_guard import signed_in

MADE = {  # unit -> (status, the office's local time of the report)
    "区司法局": ("done", "2021-12-31 23:30"),  # the deadline's day, late in the evening: on time
    "区政务服务局": ("done", "2022-01-01 00:30"),  # just after midnight: a day late
    "区财政局": ("in_progress", "2022-01-02 23:30"),  # Sunday night: the week of Monday 2021-12-27
    "区审计局": ("in_progress", "2022-01-03 00:30"),  # Monday, first thing: the week of 2022-01-03
}


def _states(page: str, unit: str) -> list[str]:
    row = re.search(rf">{unit}</a></td>.*?<td class=\"states\">(.*?)</td>", page, re.DOTALL)
    assert row, unit
    return re.findall(r'<span class="chip [^"]+">([^<]+)</span>', row.group(1))


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York"])
async def test_a_report_counts_on_the_offices_own_day(tmp_path: Path, zone: str) -> None:
    chat = Chat(tmp_path, timezone=zone)
    view = chat.ctx.store.view()
    assert view is not None
    task = view.task(2)
    assert task is not None and str(view.due(task)) == "2021-12-31"
    with chat.ctx.store.session() as session:
        for unit, (status, local) in MADE.items():
            made = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone))
            add_report(session, task_id=task.id, unit_id=view.unit_ids[unit], status=status, text="按计划推进",
                       created_at=made)  # fmt: skip
        session.commit()
    server = TestServer(build_desk(chat.ctx))
    await server.start_server()
    try:
        client = await signed_in(server, chat)
        page = await (await client.get("/desk/task/2")).text()
        assert _states(page, "区司法局") == ["已完成"]  # 23:30 on the day it was due
        assert _states(page, "区政务服务局") == ["已完成", "逾期完成"]  # 00:30 the day after
        charts = await (await client.get("/desk/charts")).text()
        weeks = dict(re.findall(r"<title>(\d{4}-\d\d-\d\d)：(\d+)</title>", charts))
        assert weeks == {"2021-12-27": "3", "2022-01-03": "1"}, weeks
        await client.close()
    finally:
        await server.close()


async def test_an_item_handed_down_is_dated_by_the_offices_day(tmp_path: Path) -> None:
    """/unsigned says the day the office handed an item down on its own calendar (DUBAN_TIMEZONE), not on the
    server's (UTC here): handed down at 00:30 in Shanghai is that day, though UTC is still on the day before."""
    from sqlmodel import select

    from storage.models import Task

    chat = Chat(tmp_path)
    await chat.text("office", "/help")
    await chat.join("bob", "区财政局")
    asked = await chat.say("office", "交办：全区涉企规范性文件专项清理，牵头单位：区财政局，时限：2026-12-31")
    await chat.press("office", asked, "确认交办")
    with chat.ctx.store.session() as session:
        [task] = [t for t in session.exec(select(Task)).all() if "专项清理" in t.title]
        task.updated_at = datetime.fromisoformat("2026-12-03 00:30").replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    unsigned = await chat.text("office", "/unsigned")
    assert "区财政局：交办于2026-12-03" in unsigned, unsigned
