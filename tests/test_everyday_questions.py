"""Ordinary questions in staff's own words, answered for what they ask: a named time range is that
range (下周 is next week, not today onwards), 完成率 is answered to anyone for their own unit,
我不是司法局的 is never taken as a claim to be in it, and moving to another unit is a binding."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.chat import Chat
from tests.conftest import DATA

ZONE = ZoneInfo("Asia/Shanghai")
PLAN = """某区2026年重点工作任务分工方案

1. 完成法律顾问续聘工作。牵头单位：区司法局；完成时限：2026年12月2日。
2. 开展行政执法案卷评查。牵头单位：区司法局；完成时限：2026年12月9日。
3. 整理年度普法台账。牵头单位：区司法局；完成时限：2026年12月22日。
4. 编制下年度立法计划建议。牵头单位：区司法局；完成时限：2027年1月15日。
5. 开展统计执法检查。牵头单位：区统计局；完成时限：2026年12月10日。
"""


def _listed(answer: str) -> set[int]:
    return {int(line.split("条")[0].removeprefix("第")) for line in answer.splitlines() if line.startswith("第")}


async def test_a_named_range_is_that_range_and_the_answer_names_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    chat = Chat(tmp_path, plan_file=plan)
    chat.ctx.clock = lambda: datetime(2026, 12, 2, 9, tzinfo=ZONE)  # a Wednesday
    await chat.join("staff", "司法局")
    for asked, header, numbers in (
        ("这周要交什么", "“区司法局”本周到期的任务，共1条", {1}),
        ("下周到期的有哪些", "“区司法局”下周到期的任务，共1条", {2}),  # not this week's as well
        ("本月到期的任务", "“区司法局”本月到期的任务，共3条", {1, 2, 3}),
        ("下个月要交哪些任务", "“区司法局”下个月到期的任务，共1条", {4}),
        ("快到期的任务", "“区司法局”30天内到期的任务，共3条", {1, 2, 3}),
    ):
        answer = await chat.text("staff", asked)
        assert answer.startswith(header), (asked, answer)
        assert _listed(answer) == numbers, asked
    chat.ctx.clock = lambda: datetime(2026, 12, 27, 9, tzinfo=ZONE)  # a Sunday: the week ends today
    assert (
        await chat.text("staff", "本周到期的任务")
        == "本周没有到期的任务，但有3项已过截止日期、尚未报告完成。发送“逾期任务”查看。"
    )
    english = await chat.text("staff", "what is due this week")
    assert english.startswith("Nothing is due this week") and "0 days" not in english


async def test_anyone_asking_for_the_completion_rate_gets_their_units_standing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    chat = Chat(tmp_path, plan_file=plan)
    chat.ctx.clock = lambda: datetime(2026, 12, 12, 9, tzinfo=ZONE)  # tasks 1 and 2 are past their deadline
    await chat.join("staff", "司法局")
    await chat.report_done("staff", 1)
    for asked in ("完成率多少", "我们单位完成了多少", "整体进度"):
        answer = await chat.text("staff", asked)
        assert answer.startswith("“区司法局”共4项任务，完成率25%：已完成1项，未汇报3项；已逾期1项。"), (asked, answer)
    assert "绑定" in await chat.text("stranger", "完成率多少")  # unbound: told how to bind, not refused
    office = await chat.text("office", "完成率多少")
    assert office.startswith("进展总览")  # the office still sees every unit


async def test_saying_one_is_not_in_a_unit_is_never_a_claim_to_be_in_it(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("staff", "司法局")
    other = await chat.text("staff", "我不是财政局的")
    assert "您现在绑定的是“区司法局”" in other and "吗" not in other  # no 您是指“区财政局”吗
    assert "“区司法局”的成员" in await chat.text("staff", "我是不是司法局的")  # a question, answered
    left = await chat.text("staff", "我不是司法局的")
    assert left.startswith("已解除与“区司法局”的绑定") and "我是××的" in left
    assert "还没有绑定单位" in await chat.text("staff", "我是谁")
    await chat.join("staff", "司法局")
    assert "已解除与“区司法局”的绑定" in await chat.text("staff", "我已经不在司法局了")


async def test_moving_to_another_unit_asks_to_bind_there(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("staff", "司法局")
    replies = await chat.say("staff", "我调到统计局了")
    assert replies[0].text == "您是指“区统计局”吗？"
    asked = await chat.press("staff", replies, "是")
    assert asked[0].text == "已提交绑定“区统计局”的申请，管理员确认后生效。"  # the office approves it


async def test_updating_progress_in_ones_own_words_starts_a_report(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("staff", "司法局")
    for said in ("我想更新一下进度", "更新进展"):
        assert "请选择要汇报的任务" in await chat.text("staff", said), said
        await chat.text("staff", "取消")
    assert (await chat.text("staff", "第5条有新进展要报")).startswith("第5条 ")
    await chat.text("staff", "取消")
    assert "还没有汇报" in await chat.text("staff", "第5条更新了吗")  # a question about it, not a report


async def test_a_report_in_one_sentence_is_taken_and_a_question_about_it_is_not(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("staff", "司法局")
    for asked in ("第5条完成了吗", "第5条完成了没有", "第5条完成情况"):  # questions about the task
        answer = await chat.text("staff", asked)
        assert "请确认要保存的汇报" not in answer and "第5条" in answer, asked
    replies = await chat.say("staff", "第5条已经完成了，我们清理了32件规范性文件")
    assert "状态：已完成" in replies[0].text and "说明：我们清理了32件规范性文件" in replies[0].text
    saved = await chat.press("staff", replies, "确认")
    assert "已保存。第5条" in saved[0].text
    doing = await chat.text("staff", "第七条正在推进，已梳理文件120件")
    assert "第7条" in doing and "状态：推进中" in doing and "说明：已梳理文件120件" in doing


async def test_the_office_asks_who_has_not_reported_on_a_task_or_how_a_unit_stands(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("staff", "司法局")
    await chat.report_done("staff", 5)
    missing = await chat.text("office", "第5条谁还没报")
    line = next(row for row in missing.splitlines() if row.startswith("尚未汇报的单位"))
    assert "区统计局" in line and "区司法局" not in line  # 司法局 has reported
    assert (await chat.text("office", "统计局报了没有")).startswith("“区统计局”共")
    assert "只能查看本单位的进展" in await chat.text("staff", "统计局报了没有")  # not another unit's
    assert (await chat.text("staff", "司法局报了没有")).startswith("“区司法局”共")


async def test_a_notice_to_a_unit_named_in_the_request_asks_only_for_its_text(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("stats", "统计局")
    await chat.join("staff", "司法局")
    assert await chat.text("office", "给统计局发个通知") == "发给“区统计局”的通知，请输入内容："
    preview = await chat.say("office", "请于本周五前报送第5条进展")
    assert preview[0].text.startswith("将发送给1个单位、1个接收人：区统计局")  # not 司法局's staff
    queued = await chat.press("office", preview, "发送")
    assert queued[0].text.startswith("已提交发送，共1个接收人")


async def test_help_and_hints_give_examples_from_the_plan_in_use(tmp_path: Path) -> None:
    chat = Chat(tmp_path, plan_file=DATA / "plans" / "lishan-2023.txt")  # six tasks, no 司法局 or 统计局
    view = chat.ctx.store.view()
    assert view is not None
    eg = view.examples()
    assert eg["eg_unit"] == "发改局" and view.task(int(eg["eg_task"])) is not None and view.knows(eg["eg_keyword"])
    shown = [
        await chat.text("office", "/help"),
        await chat.text("stranger", "我的任务"),  # unbound: how to bind
        await chat.text("stranger", "今天天气怎么样"),  # not understood: what to try
        await chat.text("stranger", "/bind"),
    ]
    for text in shown:
        assert not any(word in text for word in ("司法局", "统计局", "行政复议", "第15条")), text
    assert "/bind 发改局" in shown[0] and "/bind 发改局" in shown[1] and "/bind 发改局" in shown[3]
    assert f"第{eg['eg_task']}条" in shown[0]


async def test_the_office_asking_which_units_have_not_reported_sees_the_units_first(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("staff", "司法局")
    await chat.report_done("staff", 5)
    first_page = await chat.text("office", "哪些单位还没汇报")
    lines = first_page.splitlines()
    assert lines[0].startswith("进展总览") and lines[1] == "【按单位】"
    assert any(line.startswith("区司法局") and "已汇报1/" in line for line in lines)  # its one report counted


async def test_the_next_page_of_a_named_range_is_of_that_range(tmp_path: Path) -> None:
    chat = Chat(tmp_path)  # the bundled plan: 24 of 司法局's tasks fall due on 2021-12-31
    chat.ctx.clock = lambda: datetime(2021, 12, 1, 9, tzinfo=ZONE)
    await chat.join("staff", "司法局")
    first = await chat.say("staff", "本月到期的任务")
    assert first[0].text.startswith("“区司法局”本月到期的任务，共24条")
    second = await chat.press("staff", first, "下一页")
    assert second[0].text.startswith("“区司法局”本月到期的任务，共24条") and "第2/" in second[0].text
