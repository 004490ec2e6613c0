"""Each task's schedule from the bundled plan, the office's corrections, and working days."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.context import Context
from core.settings import Settings
from core.store import open_store
from handlers.office import set_override
from plan.schedule import quota_checkpoints, relative_due
from schedules.workdays import CalendarFileError, WorkCalendar, read_calendar_file

END = "2021-12-31"
DEFAULT = ("default", "确保如期完成2021年法治政府建设各项工作任务", END, END)
MONTH_ENDS = [
    f"2021-{m:02d}-{d}" for m, d in zip(range(1, 13), [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], strict=True)
]
# task: [(kind, text, due, next on 2021-09-01)]
EXPECTED: dict[int, list[tuple[str, str, str | None, str | None]]] = {
    **{n: [DEFAULT] for n in (1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26)},
    9: [("relative", "有效期届满前6个月", None, None), DEFAULT],
    10: [("fixed", "2021年底前", END, END)],
    11: [("relative", "公布之日起30日内", None, None), DEFAULT],
    17: [("fixed", "年内", END, END)],
    18: [("recurring", "月通报", None, "2021-09-30"), DEFAULT],
    24: [("fixed", "年内", END, END)],
    25: [("quota", "全年不少于2次", END, END), ("fixed", "年内", END, END)],  # 定期 names no deadline
}


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    return Context(store=open_store(settings), settings=settings)


def test_every_task_of_the_bundled_plan(ctx: Context) -> None:
    view = ctx.store.view()
    assert view is not None
    today = date(2021, 9, 1)
    got = {
        t.number: [(i.kind, i.text, i.to_json(today)["due"], i.to_json(today)["next"]) for i in view.schedule(t)]
        for t in view.tasks
    }
    assert got == EXPECTED
    monthly = next(i for i in view.schedule(view.task(18)) if i.kind == "recurring")
    assert [d.isoformat() for d in monthly.checkpoints] == MONTH_ENDS
    quota = next(i for i in view.schedule(view.task(25)) if i.kind == "quota")
    assert [d.isoformat() for d in quota.checkpoints] == ["2021-06-30", END]
    assert view.schedule(view.task(15))[0].units == ["区司法局", "区政府各行政执法部门"]


def test_schedule_command_json(
    ctx: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main

    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path))
    assert main(["schedule", "--json", "--at", "2021-09-01", "--unit", "区委宣传部"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["task"] for r in rows} == {25, 26}
    assert {"task": 25, "kind": "quota", "due": END, "next": END, "text": "全年不少于2次"}.items() <= rows[0].items()


def test_office_corrections_survive_a_reimport(ctx: Context, seed_path: Path) -> None:
    assert set_override(ctx, 15, "due", date(2021, 10, 31))
    assert set_override(ctx, 11, "event", date(2021, 9, 1))
    view = ctx.store.view()
    assert view.due(view.task(15)) == date(2021, 10, 31)
    relative = view.schedule(view.task(11))[0]
    assert (relative.kind, relative.due) == ("relative", date(2021, 10, 1))  # 30 days after the event
    assert [i.kind for i in view.schedule(view.task(11))] == ["relative"]  # no default once dated
    revised = seed_path.read_text(encoding="utf-8").replace(
        "重大执法决定法制审核比率达100%", "重大执法决定法制审核比率达100%，按季度通报"
    )
    path = Path(ctx.settings.data_dir) / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    result = ctx.store.import_file(path)
    assert result.updated == [15]
    view = ctx.store.view()
    assert view.due(view.task(15)) == date(2021, 10, 31)  # the correction is attached to the task
    assert set_override(ctx, 15, "due", None)
    view = ctx.store.view()
    assert view.due(view.task(15)) == date(2021, 12, 31)


def test_relative_and_quota_arithmetic() -> None:
    assert relative_due("公布之日起30日内", date(2021, 9, 1)) == date(2021, 10, 1)
    assert relative_due("有效期届满前6个月", date(2026, 5, 31)) == date(2025, 11, 30)
    assert relative_due("印发之日起3个月内", date(2021, 11, 30)) == date(2022, 2, 28)
    assert [d.month for d in quota_checkpoints("全年不少于4次", 2021)] == [3, 6, 9, 12]


def test_holidays_and_moved_workdays_of_a_real_year() -> None:
    calendar = WorkCalendar()
    # National Day 2021: 10-01 to 10-07 off; Saturday 09-18 and Saturday 10-09 were moved working days.
    assert not calendar.is_workday(date(2021, 10, 4))
    assert calendar.on_or_before(date(2021, 10, 5)) == date(2021, 9, 30)
    assert calendar.is_workday(date(2021, 9, 18)) and date(2021, 9, 18).weekday() == 5
    assert calendar.is_workday(date(2021, 10, 9))
    assert calendar.add_workdays(date(2021, 9, 30), 1) == date(2021, 10, 8)
    assert calendar.guessed_years == set()


def test_years_the_calendar_lacks_fall_back_to_weekdays_and_office_entries(tmp_path: Path) -> None:
    calendar = WorkCalendar()
    assert not calendar.known(2099)
    assert calendar.is_workday(date(2099, 1, 1))  # a Thursday: a weekday guess
    assert calendar.guessed_years == {2099}
    path = tmp_path / "2099.csv"
    path.write_text("# office calendar\n2099-01-01,休,元旦\n2099-01-03,班,调休\n", encoding="utf-8")
    days = read_calendar_file(path)
    office = WorkCalendar({d.day: d.workday for d in days})
    assert office.known(2099)
    assert not office.is_workday(date(2099, 1, 1)) and office.is_workday(date(2099, 1, 3))  # a Saturday worked
    bad = tmp_path / "bad.yaml"
    bad.write_text("2099-02-30: 休\n", encoding="utf-8")
    with pytest.raises(CalendarFileError, match="line 1"):
        read_calendar_file(bad)
