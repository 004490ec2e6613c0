"""The brief's classes of unseen messages, with messages written for these tests (none is in the labeled
data or a round): a task named by its subject, status in other words and dialect, numbers set off
without 第 or 条, homophones and shorthand; and the dialogs around them: the account kept under
是想问哪一个, a saved report changed as a new version, a status said as a correction mid-report."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.messages import Incoming
from core.store import PlanView
from core.subjects import Titles
from core.understanding import Reading, understanding
from handlers import router
from tests.chat import Chat


@pytest.fixture
def view(bundled_view: PlanView) -> PlanView:
    return bundled_view


def read(view: PlanView, text: str) -> Reading:
    return understanding().read(text, view.resolver, view.knows, None, view.subject_task)


def test_a_subject_names_one_title_whatever_the_word_order() -> None:
    titles = Titles.of(
        [
            (1, "完善多元化解纠纷机制"),
            (2, "加强行政复议和应诉工作"),
            (3, "规范行政执法人员管理"),
            (4, "强化行政执法监督"),
        ]
    )
    assert titles.named("纠纷多元化解") == 1
    assert titles.named("复议应诉") == 2
    assert titles.named("执法人员管理") == 3
    assert titles.named("行政执法") is None  # two titles share it: a search, not a task
    assert titles.named("执法") is None  # too short to name one
    assert titles.named("食堂菜单调整") is None


@pytest.mark.parametrize(
    ("text", "intent", "task"),
    [
        ("复议和应诉那一条现在推进到哪了", "progress", 22),
        ("突发事件处置能力那个任务谁牵头", "who_leads", 21),
        ("涉企收费那条完成了吗", "progress", 4),
        ("政务诚信建设那项已经办妥了", "report", 8),
    ],
)
def test_a_task_named_by_its_subject_is_answered_for_that_task(
    view: PlanView, text: str, intent: str, task: int
) -> None:
    got = read(view, text)
    assert (got.intent, got.task) == (intent, task) and got.acted_on, text


def test_a_subject_alone_is_still_a_search(view: PlanView) -> None:
    got = read(view, "市场准入负面清单")
    assert got.task is None and got.intent in ("search", "unknown")
    assert read(view, "规范性文件那条谁牵头").task is None  # two titles have it: never one picked
    assert read(view, "突发事件处置那个任务谁牵头").task is None  # 20 and 21 both handle emergencies


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("第12条整好了", "done"),
        ("第6条已经办妥了", "done"),
        ("第21条齐活了", "done"),
        ("第3条还在整 材料没收齐", "in_progress"),
        ("第9条卡着 等上级批复", "blocked"),
        ("第14条还没着手", "not_started"),
    ],
)
def test_status_in_other_words_and_dialect_is_a_report(view: PlanView, text: str, status: str) -> None:
    got = read(view, text)
    assert (got.intent, got.status) == ("report", status), text


def test_dialect_negation_and_question_words_are_read_as_the_common_ones(view: PlanView) -> None:
    got = read(view, "第20条谁还冇报")
    assert (got.intent, got.task, got.status) == ("progress", 20, None)  # 冇报 is not 报了
    assert read(view, "我们有么斯任务").intent == "my_tasks"


@pytest.mark.parametrize(
    ("text", "task"),
    [("18 jd", 18), ("jd 18", 18), ("9 谁牵头", 9), ("进度 25？", 25)],
)
def test_a_number_set_off_by_a_space_is_a_task(view: PlanView, text: str, task: int) -> None:
    assert read(view, text).task == task


def test_a_count_set_off_by_a_space_is_not_a_task(view: PlanView) -> None:
    assert read(view, "3 个单位还没报").task is None
    assert read(view, "5 天后开会").task is None


def test_homophones_and_shorthand_of_status_are_read(view: PlanView) -> None:
    got = read(view, "第13条 完城了")
    assert (got.intent, got.status) == ("report", "done")
    got = read(view, "task 11 wip")
    assert (got.intent, got.status) == ("report", "in_progress")


async def test_the_account_survives_the_which_question(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    text = "19条这边的情况：会同审计局抽查了企业统计台账28家，发现问题4个"
    msg = Incoming(platform="console", chat_id="li", user_id="li", user_name="li", text=text)
    unsure = Reading(text, "unknown", 0.0, task=19, alternatives=(("report", 0.6), ("progress", 0.3)), account=text[8:])
    asked = await router.act(msg, chat.ctx, unsure)
    assert "是想问哪一个" in asked[0].text
    pressed = await chat.press("li", asked, "汇报")
    assert "已记下您的说明：会同审计局抽查了企业统计台账28家" in pressed[0].text


async def test_a_saved_report_is_changed_as_a_new_version(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    await chat.report_done("li", 19)
    shown = await chat.say("li", "第19条刚才报错了，应该是推进中")
    assert "上次汇报" in shown[0].text and "状态：推进中" in shown[0].text
    assert "说明：按计划完成" in shown[0].text  # the old account kept
    assert "已保存" in (await chat.press("li", shown, "确认"))[0].text
    replies = await chat.say("li", "修改一下第19条的汇报")
    assert "状态：推进中" in replies[0].text and {"改状态", "改说明", "确认提交"} <= {
        b.label for r in replies for row in r.buttons for b in row
    }
    again = await chat.press("li", replies, "改状态")
    confirm = await chat.press("li", again, "遇到困难")
    assert "状态：遇到困难" in confirm[0].text and "说明：按计划完成" in confirm[0].text
    assert "已保存" in (await chat.press("li", confirm, "确认"))[0].text
    history = await chat.text("li", "第19条我们之前报过什么")
    assert history.count("按计划完成") >= 3  # every version is still on record


async def test_a_report_never_saved_is_started_when_asked_to_change(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    assert "目前进展如何" in await chat.text("li", "修改一下第19条的汇报")


@pytest.mark.parametrize(
    ("text", "first", "then"),
    [
        ("我们的任务有哪些 还有要到期的", "my_tasks", "due_soon"),
        ("第7条完成了 把台账导出来", "report", "ledger"),
    ],
)
def test_two_requests_set_off_by_a_space_are_both_read(view: PlanView, text: str, first: str, then: str) -> None:
    got = read(view, text)
    assert got.intent == first and got.then is not None and got.then.intent == then, text


def test_one_request_with_a_space_stays_one(view: PlanView) -> None:
    assert read(view, "统计局 有哪些任务").then is None
    got = read(view, "我们的任务 还有哪些逾期了")  # 还有哪些: which still are, not a second request
    assert got.then is None


async def test_asking_whether_a_saved_report_can_be_changed_opens_it(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    await chat.report_done("li", 19)
    shown = await chat.text("li", "之前报的第19条还能改吗")
    assert "上次汇报" in shown and "说明：按计划完成" in shown
