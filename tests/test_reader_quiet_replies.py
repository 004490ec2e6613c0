"""Classes the reader acted on wrongly in the spent rounds messages-r6 and r7, with messages written for
these tests (none is in the labeled data or a round): an acknowledgement that promises to act as told
(已阅，按要求办理), an acknowledgement or a test of the bot typed in pinyin, and a correction said with 哦不."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chat import Chat


@pytest.mark.parametrize(
    "text", ["收到，按要求执行", "已收悉 遵照执行。", "好的，按照要求办理🙏", "已阅 我们按通知要求办理"]
)
async def test_an_acknowledgement_that_promises_to_act_as_told_gets_no_reply(tmp_path: Path, text: str) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    assert await chat.say("li", text) == [], text


@pytest.mark.parametrize("text", ["haode shoudao", "shou dao", "ceshi yixia", "mingbai le"])
async def test_an_acknowledgement_or_a_test_typed_in_pinyin_gets_no_reply(tmp_path: Path, text: str) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    assert await chat.say("li", text) == [], text


async def test_pinyin_that_asks_something_is_still_answered(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    # pinyin is Chinese typed in Latin letters: answered in Chinese (4d63dda's rule of the reply's language)
    assert (await chat.text("li", "wo de ren wu")).startswith("“区统计局”的任务")


async def test_a_correction_said_with_oh_no_answers_what_is_named_after_it(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    assert (await chat.text("office", "第9条谁牵头 哦不 是第10条")).startswith("第10条由")
    assert (await chat.text("office", "看下财政局的任务，哦不是，审计局")).startswith("“区审计局”的任务")


async def test_a_day_of_a_month_is_no_task_number(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    answer = await chat.text("li", "11月15号之前要完成的有哪些")
    assert "到期" in answer and "第15条" not in answer


@pytest.mark.parametrize(
    ("text", "opens"), [("四号谁负责", "第4条的责任单位"), ("帮我看看三十号任务", "本计划没有第30条")]
)
async def test_a_numeral_with_hao_names_a_task(tmp_path: Path, text: str, opens: str) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    assert (await chat.text("li", text)).startswith(opens)


async def test_a_numeral_with_hao_before_a_time_is_a_day_not_a_task(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    assert "第5条" not in await chat.text("li", "五号下午开会")


async def test_the_third_round_of_a_drill_is_no_task_three(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    assert "第21条" in await chat.text("li", "21条应急演练第三场办完了")
