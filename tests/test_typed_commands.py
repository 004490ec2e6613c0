"""Commands people type instead of pressing a button or filling a form: 签收 typed as the button under a
交办 notice is pressed, an extension asked in English, a unit named in pinyin, initials or with a typo."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from tests.chat import Chat


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
