"""A part's light is one rule, whoever shows it: the ledger and console (a part as it stands today) and the
leaders' digest (a part at an instant) agree on red, yellow and green, on the State Council's calendar
(2021: National Day Oct 1–7 off, Sunday Sep 26 and Saturday Oct 9 moved working days), and the digest
follows DUBAN_LIGHT_YELLOW_WORKDAYS as the ledger does."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ledger.figures import Part
from ledger.lights import light, part_light
from ledger.standing import Standing
from plan import model
from schedules.digest import digest_text
from schedules.workdays import WorkCalendar
from storage.reports import ReportView
from tests.chat import Chat

ZONE = ZoneInfo("Asia/Shanghai")
UNIT = "区统计局"

# (today, deadline, yellow working days, the light): written down before the code was run on them.
CASES = [
    (date(2021, 11, 23), date(2021, 11, 23), 3, "yellow"),  # due today
    (date(2021, 11, 23), date(2021, 11, 22), 3, "red"),  # due yesterday
    (date(2021, 11, 23), date(2021, 11, 26), 3, "yellow"),  # Tuesday, due Friday: Wed, Thu, Fri
    (date(2021, 11, 23), date(2021, 11, 27), 3, "yellow"),  # due Saturday: still 3 working days away
    (date(2021, 11, 23), date(2021, 11, 29), 3, "green"),  # due Monday: 4 working days away
    (date(2021, 11, 23), date(2021, 11, 29), 5, "yellow"),  # the office's own setting
    (date(2021, 9, 30), date(2021, 10, 8), 3, "yellow"),  # across National Day: Oct 8 is 1 working day on
    (date(2021, 9, 30), date(2021, 10, 11), 3, "yellow"),  # Oct 8, Sat Oct 9 (调休), Mon Oct 11
    (date(2021, 9, 30), date(2021, 10, 12), 3, "green"),  # the 4th working day
    (date(2021, 9, 24), date(2021, 9, 28), 3, "yellow"),  # Fri, due Tue: Sun Sep 26 (调休), Mon, Tue
]


def _part(due: date, **life: object) -> Part:
    return Part(
        source="法治",
        item="法治第3条",
        title="清理规范性文件",
        unit=UNIT,
        assigned=datetime(2021, 9, 1, 9, tzinfo=ZONE),
        deadlines=((datetime(2021, 9, 1, 9, tzinfo=ZONE), due),),
        needs_signoff=False,
        **life,  # type: ignore[arg-type]
    )


def _standing(today: date, due: date) -> Standing:
    task = model.Task(number=3, title="清理规范性文件", responsible=[UNIT])
    return Standing(task, UNIT, "responsible", None, due, None, late=due < today)


@pytest.mark.parametrize(("today", "due", "yellow", "expected"), CASES)
def test_the_ledger_and_the_digest_light_a_part_alike(today: date, due: date, yellow: int, expected: str) -> None:
    calendar = WorkCalendar()
    at = datetime.combine(today, datetime.min.time(), ZONE).replace(hour=10)
    assert light(_standing(today, due), today, yellow, calendar.is_workday) == expected
    assert part_light(_part(due), at, ZONE, yellow, calendar.is_workday) == expected


def test_a_part_done_on_time_and_awaiting_review_is_green_and_one_claimed_late_stays_red() -> None:
    calendar = WorkCalendar()
    now = datetime(2021, 11, 23, 10, tzinfo=ZONE)
    on_time = _part(date(2021, 11, 20), claims=(datetime(2021, 11, 19, 16, tzinfo=ZONE),))
    claimed_late = _part(date(2021, 11, 20), claims=(datetime(2021, 11, 22, 16, tzinfo=ZONE),))
    closed = _part(date(2021, 11, 20), closed=datetime(2021, 11, 22, 16, tzinfo=ZONE))
    assert part_light(on_time, now, ZONE, 3, calendar.is_workday) == "green"
    assert part_light(claimed_late, now, ZONE, 3, calendar.is_workday) == "red"
    assert part_light(closed, now, ZONE, 3, calendar.is_workday) == "green"


def _reported(due: date, at: datetime, review: str | None = None) -> Standing:
    task = model.Task(number=3, title="清理规范性文件", responsible=[UNIT])
    report = ReportView(1, 3, task.title, UNIT, "张三", "done", "已完成", None, None, None, None, at, review=review)
    return Standing(task, UNIT, "responsible", None, due, report, late=False)


def test_the_ledger_lights_a_late_claim_as_the_digest_does() -> None:
    """已完成 sent after the deadline and not yet reviewed: red in the ledger and console as in the leaders'
    digest (it was green in the ledger and red in the digest); sent in time, or closed, green in both."""
    calendar = WorkCalendar()
    today, due = date(2021, 11, 23), date(2021, 11, 20)
    in_time = datetime(2021, 11, 20, 23, 30, tzinfo=ZONE)  # the deadline's evening, office time (15:30 UTC)
    late = datetime(2021, 11, 22, 16, tzinfo=ZONE)
    assert light(_reported(due, in_time), today, 3, calendar.is_workday, ZONE) == "green"
    assert light(_reported(due, late), today, 3, calendar.is_workday, ZONE) == "red"
    assert light(_reported(due, late, review="approved"), today, 3, calendar.is_workday, ZONE) == "green"
    now = datetime.combine(today, datetime.min.time(), ZONE).replace(hour=10)
    assert part_light(_part(due, claims=(late,)), now, ZONE, 3, calendar.is_workday) == "red"


@pytest.mark.parametrize(("yellow", "line"), [(3, "🟡临近0 🟢正常1"), (5, "🟡临近1 🟢正常0")])
def test_the_leaders_digest_turns_yellow_as_the_office_set_it(tmp_path: Path, yellow: int, line: str) -> None:
    ctx = Chat(tmp_path, light_yellow_workdays=yellow).ctx
    now = datetime(2021, 11, 23, 10, tzinfo=ZONE)  # Tuesday; due the next Monday, 4 working days on
    text, _ = digest_text([UNIT], [_part(date(2021, 11, 29))], [], now, ctx, WorkCalendar())
    assert f"· {UNIT}：🔴逾期0 {line}" in text
