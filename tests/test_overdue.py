"""What is late and what is not done yet, asked in a department's own words: the unit's tasks past their
deadline and not reported 已完成, a report of 已完成 taking a task off, the office's view of who is late,
and 快到期的任务 pointing to the late ones instead of saying nothing is due."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.chat import Chat
from tests.conftest import DATA

ZONE = ZoneInfo("Asia/Shanghai")


def owed(chat: Chat, unit: str) -> set[int]:
    """The tasks a unit owes a report on, from the plan as Duban holds it."""
    from ledger.standing import standings

    view = chat.ctx.store.view()
    assert view is not None
    return {r.task.number for r in standings(view, [], chat.ctx.now().date()) if r.unit == unit}


async def test_late_tasks_in_the_units_words_and_a_done_report_takes_one_off(tmp_path: Path) -> None:
    chat = Chat(tmp_path)  # the bundled plan's deadlines (2021) are long past today
    await chat.join("staff", "司法局")
    tasks = owed(chat, "区司法局")
    for asked in ("逾期任务", "我们有哪些任务超期了", "有没有过期的"):
        late = await chat.text("staff", asked)
        assert f"“区司法局”已过截止日期、尚未报告完成的任务，共{len(tasks)}项" in late, asked
    first = min(tasks)
    await chat.report_done("staff", first)
    late = await chat.text("staff", "逾期任务")
    assert f"共{len(tasks) - 1}项" in late and f"第{first}条 " not in late
    left = await chat.text("staff", "还有哪些没完成")
    assert f"尚未报告完成的任务，共{len(tasks) - 1}项（其中逾期{len(tasks) - 1}项）" in left
    assert "（逾期）" in left and f"第{first}条 " not in left


async def test_before_the_deadlines_nothing_is_late_but_the_open_tasks_are_listed(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    chat.ctx.clock = lambda: datetime(2021, 3, 1, 10, tzinfo=ZONE)
    await chat.join("staff", "司法局")
    tasks = owed(chat, "区司法局")
    late = await chat.text("staff", "逾期的任务")
    assert late == f"“区司法局”没有逾期未完成的任务；尚未报告完成的还有{len(tasks)}项，发送“还有哪些没完成”查看。"
    left = await chat.text("staff", "我们还有什么没干")
    assert f"共{len(tasks)}项（其中逾期0项）" in left and "（逾期）" not in left


async def test_due_soon_with_nothing_due_points_to_what_is_late(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("staff", "司法局")
    answer = await chat.text("staff", "快到期的任务")
    assert f"但有{len(owed(chat, '区司法局'))}项已过截止日期、尚未报告完成" in answer
    assert "逾期任务" in answer  # what to send to see them, and it is understood
    assert "已过截止日期" in await chat.text("staff", "逾期任务")


async def test_the_office_sees_each_late_task_with_its_units_and_others_must_bind(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    office = await chat.text("office", "逾期任务")  # the console's admin, bound to no unit
    assert "有单位逾期未报告完成的任务" in office and "逾期单位：" in office
    assert "区司法局" in office
    stranger = await chat.text("stranger", "逾期任务")
    assert "绑定" in stranger and "逾期单位" not in stranger


async def test_a_plan_without_deadlines_calls_nothing_late(tmp_path: Path) -> None:
    chat = Chat(tmp_path, plan_file=DATA / "plans" / "hanyang-2019.txt")  # no task of it has a deadline
    await chat.join("staff", "行政审批局")
    tasks = owed(chat, "区行政审批局")
    assert tasks
    late = await chat.text("staff", "超期任务")
    assert late == f"“区行政审批局”没有逾期未完成的任务；尚未报告完成的还有{len(tasks)}项，发送“还有哪些没完成”查看。"
    left = await chat.text("staff", "还有哪些任务没完成")
    assert all(f"第{n}条 " in left for n in tasks) and "（逾期）" not in left
    english = await chat.text("staff", "what is not done yet")
    assert f"Tasks of “区行政审批局” not reported done: {len(tasks)} (0 overdue)" in english
