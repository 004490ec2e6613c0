"""The reader's classes of the brief of 2026-12-04 (evening): a change of mind inside a message answers only
what is asked last; test messages get silence; a subject the plan does not have is said to be missing,
never answered with another task; a task's progress by its subject is that task's; which units have
reported is the reporting status; unbinding said with the unit leaves it; English notices name their
unit; "<subject>是第几条" finds the task by its subject. The messages were written for these tests, not
taken from any round."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.store import PlanView
from core.understanding import Reading, understanding
from tests.chat import Chat


@pytest.fixture(scope="module")
def view(bundled_view: PlanView) -> PlanView:
    return bundled_view


def _read(view: PlanView, text: str) -> Reading:
    return understanding().read(text, view.resolver, view.knows, None, view.subject_task)


@pytest.mark.parametrize(
    ("text", "intent", "task"),
    [
        ("把台账导出来 算了先不导了，看看快到期的", "due_soon", None),
        ("第8条谁牵头，算了不问了，看下我们的任务", "my_tasks", None),
        ("帮我催一下统计局 算了先不催 看看逾期任务", "overdue", None),
        ("第3条汇报一下 算了还是先看看第3条的要求", "task_detail", 3),
        ("看下第10条，算了，看第11条吧", "task_detail", 11),  # only another task: a correction
    ],
)
def test_after_a_change_of_mind_only_the_last_request_is_read(
    view: PlanView, text: str, intent: str, task: int | None
) -> None:
    got = _read(view, text)
    assert (got.intent, got.task, got.acted_on) == (intent, task, True), text


async def test_a_request_taken_back_and_a_test_message_get_silence(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    for text in (
        "导出台账吧 算了 不用了",
        "第5条谁负责 算了 我自己查",
        "测试",
        "测试一下🙏",
        "test",
        "testing 1 2 3",
        "?",
        "？？",
    ):
        assert await chat.say("li", text) == [], text
    assert (await chat.text("li", "第19条谁牵头 算了 看看我们的任务")).startswith("“区统计局”的任务")


async def test_a_subject_the_plan_does_not_have_is_said_to_be_missing(tmp_path: Path, view: PlanView) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    for text, subject in (
        ("老旧小区改造的任务谁牵头", "老旧小区改造"),
        ("河道治理那条进展咋样了", "河道治理"),
        ("食品安全那个任务啥时候截止", "食品安全"),
    ):
        told = await chat.text("li", text)
        assert told == f"没有找到包含“{subject}”的任务。", text  # never another task sharing a word
        assert not _read(view, text).acted_on, text  # said missing, not acted on as a search or a lead
    searched = await chat.text("li", "搜索老旧小区改造")  # a search asked for in so many words is one
    assert searched == "没有找到包含“老旧小区改造”的任务。"
    pointed = _read_bundled("刚才报的那条记上了没")  # pointing at something is no subject
    assert pointed.intent != "search"


def _read_bundled(text: str) -> Reading:
    return understanding().read(text)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("行政复议和应诉推进到哪了", 22),
        ("重大行政决策制度进度怎么样了", 11),
        ("执法责任制落实得咋样了", 16),
    ],
)
def test_a_subjects_progress_is_that_tasks_not_the_overview(view: PlanView, text: str, task: int) -> None:
    got = _read(view, text)
    assert (got.intent, got.task, got.acted_on) == ("progress", task, True), text


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("政务诚信建设在第几条", 8),
        ("复议应诉属于哪一条", 22),
        ("持证上岗是第几项", 17),
        ("负面清单制度是第几个任务", 1),
    ],
)
def test_which_number_a_subject_has_is_found_by_the_plans_own_words(view: PlanView, text: str, task: int) -> None:
    got = _read(view, text)
    assert (got.intent, got.task, got.acted_on) == ("task_detail", task, True), text


async def test_which_units_have_reported_is_the_reporting_status(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    everyone = await chat.text("office", "还有哪些单位没报进度")
    assert everyone.startswith("进展总览") and "未汇报" in everyone
    one = await chat.text("office", "审计局交了没")
    assert one.startswith("“区审计局”共") and "未汇报" in one
    task = await chat.text("office", "第19条哪些单位还没报")
    assert task.startswith("第19条")


async def test_unbinding_said_with_the_unit_leaves_it(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    for text in ("解除绑定统计局", "取消我跟统计局的绑定", "我从统计局调走了"):
        await chat.join("li", "统计局")
        told = await chat.text("li", text)
        assert told.startswith("已解除与“区统计局”的绑定"), text


@pytest.mark.parametrize(
    ("text", "task", "unit"),
    [
        ("tell the Civil Affairs Bureau to report task 3 by Monday", 3, "区民政局"),
        ("remind the Finance Bureau about task 6", 6, "区财政局"),
        ("notify Statistics Bureau about task 19", 19, "区统计局"),
    ],
)
def test_an_english_notice_about_a_task_names_its_unit(view: PlanView, text: str, task: int, unit: str) -> None:
    got = _read(view, text)
    assert (got.intent, got.task, got.unit, got.acted_on) == ("broadcast", task, unit, True), text
