"""One organ, one unit (issue 26): the names one plan prints for one organ (农委 and 市农委, 市商务局 and 商务局, a name
with its second name in brackets) are one unit of the docket: who binds to either sees the tasks of both, the
ledger counts it once, and a group (市级有关部门) stays a group that owes nothing."""

from __future__ import annotations

from pathlib import Path

from core.settings import Settings
from core.store import open_store
from ledger.standing import owing_units
from plan.directory import Directory
from plan.places import plan_places
from plan.resolver import Resolver, one_organ_each
from tests.chat import Chat
from tests.desk_session import console_of

DATA = Path(__file__).parent / "data"
ZHENJIANG = DATA / "plans" / "fresh" / "zhenjiang-price.txt"  # 市农委 in task 2, 农委 in task 4; 物价局 and 市物价局


def _view(tmp_path: Path, plan: Path):  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, data_dir=tmp_path, plan_file=plan)  # type: ignore[call-arg]
    view = open_store(settings).view()
    assert view is not None
    return view


def test_two_written_forms_of_one_organ_are_one_unit_with_the_tasks_of_both(tmp_path: Path) -> None:
    view = _view(tmp_path, ZHENJIANG)
    assert "市农委" in view.units and "农委" not in view.units
    assert "市商务局" in view.units and "商务局" not in view.units
    # the fuller name is the unit's, though written second
    assert "市物价局" in view.units and "物价局" not in view.units
    assert [u.task.number for u in view.unit_tasks("市农委")] == [2, 4]
    assert [u.task.number for u in view.unit_tasks("农委")] == [2, 4]  # a printed name reads as its unit
    assert view.resolver.resolve("农委").unit == "市农委"
    assert view.resolver.resolve("物价局").unit == "市物价局"


def test_the_ledger_counts_one_organ_once_on_a_task_that_names_it_twice(tmp_path: Path) -> None:
    view = _view(tmp_path, ZHENJIANG)
    task = view.task(6)  # 市商务局、物价局，镇江工商局: 物价局 and 市物价局 are one, 市商务局 and 商务局 are one
    assert task is not None
    owing = [unit for unit, _, _ in owing_units(task, view)]
    assert len(owing) == len(set(owing))
    assert all(unit in view.unit_ids for unit in owing)


async def test_whoever_binds_to_the_short_form_sees_the_tasks_of_the_full_one(tmp_path: Path) -> None:
    chat = Chat(tmp_path, plan_file=ZHENJIANG)
    await chat.join("staff", "农委")
    mine = await chat.text("staff", "我的任务")
    assert "第2条" in mine and "第4条" in mine


def test_a_name_with_its_second_name_in_brackets_is_the_bare_name_and_answers_to_both() -> None:
    units = ["市商务局（市粮食和物资储备局）", "市财政局", "市商务局", "市级有关部门"]
    places = plan_places("株洲市人民政府", None, units)
    folded = one_organ_each(units, places)
    assert folded["市商务局"] == "市商务局（市粮食和物资储备局）"
    assert folded["市级有关部门"] == "市级有关部门"  # a group is never folded into an organ
    resolver = Resolver(["市商务局（市粮食和物资储备局）", "市财政局"], Directory(), places=places)
    for typed in ("商务局", "株洲市商务局", "粮食和物资储备局", "粮食局"):
        assert resolver.resolve(typed).unit == "市商务局（市粮食和物资储备局）", typed
    assert resolver.resolve("湘潭市商务局").unit is None


def test_one_organs_unit_is_named_by_its_most_specific_printed_name_whichever_came_first() -> None:
    """A plan writing 住建局 before 市住建局 (or 市商务局 before the same with its second name) names the unit as fully as
    it writes it anywhere, so what the office and its staff see is the organ's full name; the other names still answer."""
    units = [
        "住建局",
        "市财政局",
        "市住建局",
        "市商务局",
        "市商务局（市粮食和物资储备局）",
        "卫健委",
        "市卫健委",
        "湘潭市住建局",
    ]
    places = plan_places("株洲市人民政府", None, units)
    folded = one_organ_each(units, places)
    assert folded["住建局"] == folded["市住建局"] == "市住建局"
    assert folded["市商务局"] == "市商务局（市粮食和物资储备局）"
    assert folded["卫健委"] == "市卫健委"
    assert folded["湘潭市住建局"] == "湘潭市住建局"  # another place's organ is never folded in
    assert one_organ_each(["市农委", "农委"], places)["农委"] == "市农委"
    assert one_organ_each(["县发改局", "县发展和改革局"])["县发展和改革局"] == "县发改局"  # equals: the first written


async def test_staff_bound_under_a_folded_name_keep_their_tasks_when_the_fuller_name_names_the_unit(
    tmp_path: Path,
) -> None:
    """Who joined as 物价局 sees the tasks of 物价局 and of 市物价局: one organ, one unit, whatever name it is shown by."""
    chat = Chat(tmp_path, plan_file=ZHENJIANG)
    await chat.join("staff", "物价局")
    view = chat.ctx.store.view()
    assert view is not None
    numbers = sorted(u.task.number for u in view.unit_tasks("市物价局"))
    assert len(numbers) >= 2
    mine = await chat.text("staff", "我的任务")
    assert all(f"第{n}条" in mine for n in numbers)


def test_groups_of_a_plan_are_collectives_that_owe_no_report() -> None:
    directory = Directory()
    for group in ("市级有关部门", "各有关单位", "市级各有关部门", "镇（街道）", "乡镇", "镇街"):
        assert directory.kind(group) == "collective", group


async def test_the_console_shows_one_organ_once_with_the_other_names_the_plan_prints(tmp_path: Path) -> None:
    import re

    chat = Chat(tmp_path, plan_file=ZHENJIANG)
    async with console_of(chat.ctx) as client:
        page = await (await client.get("/desk/units")).text()
        rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)
        row = next(r for r in rows if ">市农委<" in r)
        assert ">农委<" in row  # the other name the plan prints, shown with the unit
        assert sum('">市物价局</a>' in r for r in rows) == 1 and not any('">物价局</a>' in r for r in rows)


async def test_the_units_page_lists_people_bound_under_any_printed_name_of_the_organ(tmp_path: Path) -> None:
    """A person bound to 物价局's stored row (before the fuller 市物价局 named the unit, or since) is one of 市物价局's
    people on its console page."""
    from sqlmodel import select

    from storage.models import Member, Unit

    chat = Chat(tmp_path, plan_file=ZHENJIANG)
    await chat.join("staff", "市财政局")
    store = chat.ctx.store
    with store.session() as session:
        stored = session.exec(select(Unit).where(Unit.name == "物价局")).one()
        member = session.exec(select(Member).where(Member.name != "")).all()[-1]
        member.unit_id, member.name = stored.id, "王价格"
        session.add(member)
    store.refresh()
    view = store.view()
    assert view is not None and "市物价局" in view.unit_ids
    async with console_of(chat.ctx) as client:
        page = await (await client.get(f"/desk/unit/{view.unit_ids['市物价局']}")).text()
        assert "王价格" in page
