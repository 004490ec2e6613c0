"""Dialogs that listen at every step (issue 27): at each step of a guided report and of a broadcast, a
question is not taken as the answer, 算了 / 不报了 / 先别发 ends it, a correction changes that step's
value, the confirm screen changes one field, and a step that cannot go on offers a way out."""

from __future__ import annotations

from pathlib import Path

from core.messages import Reply
from tests.chat import Chat


def labels(replies: list[Reply]) -> list[str]:
    return [b.label for r in replies for row in r.buttons for b in row]


def text(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


async def reporter(tmp_path: Path) -> Chat:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    return chat


async def test_a_change_of_mind_ends_a_report_at_every_step(tmp_path: Path) -> None:
    chat = await reporter(tmp_path)
    steps = [[], ["19"], ["19", "推进中"], ["19", "推进中", "跳过"], ["19", "推进中", "跳过", "跳过"]]
    for before in steps:
        await chat.say("li", "汇报进展")
        for answer in before:
            await chat.say("li", answer)
        for word in ("算了，回头再说",) if len(before) % 2 else ("不报了",):
            assert "已取消本次汇报" in await chat.text("li", word), before
    assert (await chat.text("li", "我的任务")).startswith("“区统计局”的任务")


async def test_a_question_at_a_step_is_answered_and_the_step_asked_again(tmp_path: Path) -> None:
    chat = await reporter(tmp_path)
    await chat.say("li", "汇报进展")
    at_task = await chat.text("li", "第3条谁牵头")
    assert "牵头" in at_task and "请选择要汇报的任务" not in at_task.split("\n")[0]
    await chat.say("li", "19")
    at_status = await chat.text("li", "我们还有哪些没完成")
    assert "目前进展如何" in at_status
    await chat.say("li", "推进中")
    at_text = await chat.text("li", "这个最晚什么时候交？")
    assert "说明进展" in at_text and "请确认要保存的汇报" not in at_text


async def test_a_correction_changes_the_steps_value(tmp_path: Path) -> None:
    chat = await reporter(tmp_path)
    await chat.say("li", "汇报第19条")
    assert "说明进展" in await chat.text("li", "不对，应该是已完成")  # a status said inside a correction
    confirm = await chat.text("li", "已全部完成抽查")
    assert "状态：已完成" in confirm or "佐证" in confirm
    moved = await chat.text("li", "搞错了 应该是第3条")
    assert "第3条" in moved and "目前进展如何" in moved


async def test_the_confirm_screen_changes_one_field(tmp_path: Path) -> None:
    chat = await reporter(tmp_path)
    await chat.say("li", "汇报第19条")
    await chat.say("li", "推进中")
    await chat.say("li", "完成了一半的抽查")
    confirm = await chat.say("li", "跳过")
    assert "状态：推进中" in text(confirm) and {"改状态", "改说明", "确认提交", "取消"} <= set(labels(confirm))
    again = await chat.press("li", confirm, "改状态")
    assert "目前进展如何" in text(again)
    confirm = await chat.press("li", again, "已完成")
    assert "状态：已完成" in text(confirm) and "说明：完成了一半的抽查" in text(confirm)  # nothing else asked again
    confirm = await chat.say("li", "说明改成：抽查全部完成")
    assert "说明：抽查全部完成" in text(confirm) and "状态：已完成" in text(confirm)
    confirm = await chat.say("li", "不对 状态是遇到困难")
    assert "状态：遇到困难" in text(confirm)
    asked = await chat.press("li", confirm, "改说明")
    assert "说明进展" in text(asked)
    confirm = await chat.say("li", "抽查完成八成，余下企业联系不上")
    assert "说明：抽查完成八成" in text(confirm) and "状态：遇到困难" in text(confirm)
    unclear = await chat.say("li", "嗯嗯这样吧")
    assert "改状态" in text(unclear) and "确认提交" in labels(unclear)  # says what it takes, buttons kept
    saved = await chat.say("li", "确认")
    assert "已保存" in text(saved) and "遇到困难" in text(saved)


async def test_a_broadcast_listens_at_every_step(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    await chat.join("wang", "财政局")
    for steps in ([], ["指定单位"], ["统计局"], ["统计局", "请周五前报送进展"]):
        await chat.say("office", "发通知")
        for answer in steps:
            if answer == "指定单位":
                await chat.say("office", callback="bc:a:pick")
            else:
                await chat.say("office", answer)
        assert "没有发送" in await chat.text("office", "先别发了，等领导定"), steps
    await chat.say("office", "发通知")
    unclear = await chat.say("office", "发给谁合适呢")  # not understood: the choices again, with 取消
    assert "这条通知发给谁" in text(unclear) and "取消" in labels(unclear)
    await chat.say("office", callback="bc:a:pick")
    unknown = await chat.say("office", "统计局、教育局")  # a unit the plan has not: a way out
    assert "教育局" in text(unknown) and "取消" in labels(unknown)
    await chat.say("office", "统计局、财政局")
    preview = await chat.say("office", "请周五前报送第19条进展")
    assert "2个单位" in text(preview) and {"发送", "改内容", "改对象", "取消"} <= set(labels(preview))
    preview = await chat.say("office", "改成：请周四前报送第19条进展")
    assert "请周四前报送第19条进展" in text(preview)
    asked = await chat.press("office", preview, "改对象")
    assert "这条通知发给谁" in text(asked)
    preview = await chat.say("office", "统计局")
    assert "1个单位" in text(preview) and "请周四前报送第19条进展" in text(preview)  # the text kept
    asked = await chat.press("office", preview, "改内容")
    preview = await chat.say("office", "请周三前报送")
    assert "请周三前报送" in text(preview) and "1个单位" in text(preview)
    assert "发送" in text(await chat.say("office", "这样行吗"))  # no send without a yes
    sent = await chat.press("office", preview, "发送")
    assert "已提交发送，共1个接收人" in text(sent)


async def test_a_correction_at_the_account_step_changes_the_status_never_the_account(tmp_path: Path) -> None:
    chat = await reporter(tmp_path)  # QA finding 6: 推进中, then 不对，应该是已完成 where the account is asked
    await chat.say("li", "汇报进展")
    await chat.say("li", "19")
    await chat.say("li", "推进中")
    corrected = await chat.text("li", "不对，应该是已完成")
    assert "已完成" in corrected and "说明进展" in corrected  # said changed, the account asked again
    confirm = ""
    for answer in ("跳过", "跳过", "跳过"):
        confirm = await chat.text("li", answer)
        if "请确认要保存的汇报" in confirm:
            break
    assert "状态：已完成" in confirm and "不对" not in confirm
    for said in ("sorry, i mean blocked", "不对 是推进中"):  # at the account step asked again from the confirm screen
        await chat.say("li", "改说明")
        again = await chat.text("li", said)
        assert "不对" not in again and "sorry" not in again


async def test_never_mind_at_the_account_step_cancels(tmp_path: Path) -> None:
    chat = await reporter(tmp_path)
    for word in ("never mind", "Never mind.", "forget it", "不用了"):
        await chat.say("li", "汇报进展")
        await chat.say("li", "19")
        await chat.say("li", "推进中")
        cancelled = await chat.text("li", word)
        assert "已取消本次汇报" in cancelled or "Report cancelled; nothing was saved" in cancelled, word
