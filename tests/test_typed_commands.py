"""Commands people type instead of pressing a button or filling a form: 签收 typed as the button under a
交办 notice is pressed, an extension asked in English, a unit named in pinyin, initials or with a typo."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from tests.chat import Chat

GANGCHENG = Path(__file__).parent / "data" / "plans" / "gangcheng-2021.txt"  # a second source, 营商


async def _handed_down(tmp_path: Path, *items: str) -> Chat:
    """The office hands each item down (交办：…) and 区司法局 (alice) and 区财政局 (bob) are bound."""
    chat = Chat(tmp_path)
    await chat.text("office", "/help")
    await chat.join("alice", "区司法局")
    await chat.join("bob", "区财政局")
    for item in items:
        asked = await chat.say("office", f"交办：{item}")
        assert "确认交办" in [b.label for row in asked[0].buttons for b in row]
        await chat.press("office", asked, "确认交办")
    return chat


def _signed(chat: Chat) -> set[tuple[int, str]]:
    from storage.models import Signoff, Task, Unit

    with Session(chat.ctx.store.engine) as session:
        rows = session.exec(select(Signoff, Task, Unit).where(Signoff.task_id == Task.id, Signoff.unit_id == Unit.id))
        return {(task.number, unit.name) for signoff, task, unit in rows if signoff.status == "signed"}


async def test_a_lone_item_is_signed_by_typing_and_a_second_time_says_when(tmp_path: Path) -> None:
    chat = await _handed_down(tmp_path, "梳理执法案卷，牵头单位：区司法局，时限：2099-06-30")
    assert "区司法局已签收交办1号" in await chat.text("alice", "我们已经签收了")
    assert _signed(chat) == {(1, "区司法局")}
    assert "区司法局已于" in await chat.text("alice", "签收 交办1号")  # once; a second time says when
    assert "没有待签收" in await chat.text("alice", "签收")


async def test_several_items_are_asked_which_and_one_named_is_signed(tmp_path: Path) -> None:
    chat = await _handed_down(
        tmp_path,
        "梳理执法案卷，牵头单位：区司法局，时限：2099-06-30",
        "编制权责清单，牵头单位：区司法局，配合单位：区财政局，时限：2099-07-31",
    )
    asked = await chat.say("alice", "签收")
    assert "2项交办事项待签收" in asked[0].text
    assert [b.label for row in asked[0].buttons for b in row] == ["交办1号", "交办2号"]
    assert "区司法局已签收交办2号" in "\n".join(r.text for r in await chat.press("alice", asked, "交办2号"))
    assert "区司法局已签收交办1号" in await chat.text("alice", "签收交办1号")
    assert "区财政局 signed for 交办 No. 2" in await chat.text("bob", "sign for 交办2号")
    assert _signed(chat) == {(1, "区司法局"), (2, "区司法局"), (2, "区财政局")}
    assert "没有交给区财政局" in await chat.text("bob", "签收交办1号")  # not the 财政局's: nothing signed
    assert _signed(chat) == {(1, "区司法局"), (2, "区司法局"), (2, "区财政局")}


async def test_asking_about_signing_signs_nothing(tmp_path: Path) -> None:
    chat = await _handed_down(tmp_path, "梳理执法案卷，牵头单位：区司法局，时限：2099-06-30")
    for question in ("签收了吗", "哪些还没签收", "签收情况怎么样"):
        await chat.text("alice", question)
    assert _signed(chat) == set()
    assert "不是交办事项" in await chat.text("alice", "签收法治第3条")  # a plan's task: nothing to sign
    assert "没有找到" in await chat.text("alice", "签收交办9号")
    assert _signed(chat) == set()


def _extensions(chat: Chat) -> list[tuple[str, str]]:
    from storage.models import Extension

    with Session(chat.ctx.store.engine) as session:
        return [(e.new_due.isoformat(), e.reason) for e in session.exec(select(Extension)).all()]


async def test_an_extension_asked_in_english_is_requested_and_answered_in_english(tmp_path: Path) -> None:
    chat = await _handed_down(tmp_path, "编制权责清单，牵头单位：区司法局，配合单位：区财政局，时限：2099-06-30")
    answer = await chat.text(
        "bob", "We would like to request an extension for 交办1号 until 2099-08-15 due to the audit"
    )
    assert "Extension requested: 交办 No. 1 to 2099-08-15, awaiting the office" in answer
    asked = await chat.text("alice", "apply for an extension of 交办1号 to 2099/09/01")
    assert asked.startswith("Please give the reason for extending 交办 No. 1 to 2099-09-01")
    assert "awaiting the office" in await chat.text("alice", "two staff are on leave")
    assert sorted(_extensions(chat)) == [("2099-08-15", "the audit"), ("2099-09-01", "two staff are on leave")]
    assert "request an extension of task 3" in await chat.text("alice", "need an extension of 交办1号 soon")


async def test_a_unit_named_in_pinyin_initials_or_with_a_typo_is_found_in_chat(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("alice", "区司法局")
    await chat.join("bob", "区审计局")
    for asked in ("shenjiju有哪些任务", "czj的任务", "审记局有什么任务"):
        unit = "区财政局" if asked.startswith("czj") else "区审计局"
        assert (await chat.text("alice", asked)).startswith(f"“{unit}”的任务"), asked
    several = await chat.text("alice", "sjj的任务")  # initials two units share: asked, never picked
    assert "可能是以下单位" in several and "区审计局" in several and "区市场监督管理局" in several
    sent = await chat.say("office", "给shenjiju发个通知")
    assert "发给“区审计局”的通知" in sent[0].text
    confirm = await chat.text("office", "请于周五前报送审计整改进展")  # the text is taken, for the 审计局
    assert "发送给1个单位、1个接收人：区审计局" in confirm and "请于周五前报送审计整改进展" in confirm


async def test_a_unit_not_in_the_plan_is_said_to_be_not_in_it(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("alice", "区司法局")
    asked = await chat.text("office", "给气象局发个通知")
    assert "“气象局”不是本计划中的单位" in asked and "这条通知发给谁" in asked
    assert "不是本计划中的单位" in await chat.text("alice", "档案局有什么任务")
    assert "is not a unit of this plan" in await chat.text("alice", "What does the Sports Bureau have to do")


def test_duban_ask_reads_a_task_named_with_its_source_as_that_task(
    seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """营商第2条 while 法治 and 营商 are live: 营商 is the source, not a unit the name looks like."""
    import json

    from bot.cli import main

    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    assert main(["import", str(seed_path)]) == 0 and main(["import", str(GANGCHENG)]) == 0
    capsys.readouterr()
    for typed, number in (("法治第7条", 7), ("营商第2条谁牵头", 2)):
        assert main(["ask", typed, "--as", "区司法局", "--json"]) == 0
        read = json.loads(capsys.readouterr().out)
        assert read["slots"]["task"] == number and read["slots"]["unit"] is None, read
        assert read["intent"] in ("task_detail", "who_leads") and read["reply"].startswith(typed[:2]), read


async def test_pinyin_is_answered_in_chinese_and_english_words_around_a_name_in_english(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("alice", "区司法局")
    assert (await chat.text("alice", "wo de ren wu you na xie")).startswith("“区司法局”的任务")
    assert (await chat.text("alice", "what tasks does 区统计局 have")).startswith("Tasks of “区统计局”")
    assert (await chat.text("alice", "区统计局的任务")).startswith("“区统计局”的任务")
