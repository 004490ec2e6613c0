"""One organ, one unit for what is already stored (issue 26): a database kept before the fold holds a member bound
to 农委 and a report filed under 农委, where the docket's unit is 市农委. The ledger counts 市农委 once and
reported, chasing passes it by, the progress of the task names it once, the member sees the report as their
unit's; and all of it after a restart."""

from __future__ import annotations

from pathlib import Path

from core.store import PlanView
from ledger.standing import standings
from schedules.reminders import chase_now
from storage import docket, members
from storage.reports import add_report, reports_of_plan
from tests.chat import Chat

DATA = Path(__file__).parent / "data"
ZHENJIANG = DATA / "plans" / "fresh" / "zhenjiang-price.txt"  # 市农委 in task 2, 农委 in task 4


def _filed_under_the_other_name(chat: Chat) -> None:
    """Written as the code before the fold wrote it: the member bound to 农委's own row, its report under it."""
    view = chat.ctx.store.view()
    assert view is not None
    task = view.task(4)
    assert task is not None and task.id is not None
    with chat.ctx.store.session() as session:
        other = members.unit_by_name(session, "农委")
        assert other is not None and other.id != view.unit_ids["市农委"]
        person = members.member(session, "console", "nongwei", name="nongwei", chat_id="nongwei")
        members.bind_now(person, other)
        add_report(session, task_id=task.id, unit_id=other.id, member_id=person.id, status="done", text="已统计完毕")


def _view(chat: Chat) -> PlanView:
    view = chat.ctx.store.view()
    assert view is not None
    return view


def _ledger_rows(chat: Chat, number: int) -> list[tuple[str, str]]:
    view = _view(chat)
    with chat.ctx.store.session() as session:
        found = reports_of_plan(session, view.plan_ids)
    task = view.task(number)
    assert task is not None
    return [(row.unit, row.state) for row in standings(view, found, chat.ctx.now().date(), [task])]


async def _counts_once_as_reported(chat: Chat) -> None:
    rows = _ledger_rows(chat, 4)
    assert [state for unit, state in rows if unit in ("市农委", "农委")] == ["pending"]  # once, reported 已完成
    chased = chase_now(chat.ctx, 4)
    assert chased and "市农委" not in chased and "农委" not in chased
    progress = await chat.text("office", "/progress 4")
    assert "已统计完毕" in progress and "市农委" in progress
    assert "农委" not in progress.replace("市农委", "")  # never the organ twice, nor under its other name
    mine = await chat.text("nongwei", "我的汇报")
    assert "已统计完毕" in mine


async def test_a_report_filed_under_another_printed_name_counts_for_the_unit(tmp_path: Path) -> None:
    chat = Chat(tmp_path, plan_file=ZHENJIANG)
    _filed_under_the_other_name(chat)
    await _counts_once_as_reported(chat)


async def test_after_a_restart_the_organ_still_counts_once(tmp_path: Path) -> None:
    _filed_under_the_other_name(Chat(tmp_path, plan_file=ZHENJIANG))
    await _counts_once_as_reported(Chat(tmp_path, plan_file=ZHENJIANG))  # the store reopened on the same data


async def test_a_sign_for_under_another_printed_name_is_the_units(tmp_path: Path) -> None:
    chat = Chat(tmp_path, plan_file=ZHENJIANG)
    view = _view(chat)
    task = view.task(4)
    assert task is not None and task.id is not None
    with chat.ctx.store.session() as session:
        other = members.unit_by_name(session, "农委")
        assert other is not None and other.id is not None
        docket.sign(session, task_id=task.id, unit_id=other.id, member_id=None)  # 签收 kept under 农委
    again = await chat.text("office", callback=f"sign:{task.id}:{view.unit_ids['市农委']}")
    assert "市农委已于" in again and "签收" in again
