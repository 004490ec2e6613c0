"""The bulletin's figures read from the docket in storage: reports, the office's 退回 and 办结, an
extension it granted, a unit's 已完成 awaiting review; worked out here for task 15 of the bundled plan
(due 2021-12-31; 区司法局 leads it, 区商务局 is responsible through 区政府各行政执法部门)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from core.settings import Settings
from core.store import open_store
from ledger.figures import compute
from ledger.parts import docket_parts
from ledger.periods import Period
from schedules.workdays import WorkCalendar
from storage.models import Extension, Report, Review

ZONE = ZoneInfo("Asia/Shanghai")


def _at(month: int, day: int, year: int = 2021) -> datetime:
    return datetime(year, month, day, 10, tzinfo=ZONE)


def test_reviews_and_extensions_in_storage_make_the_figures(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    store = open_store(settings)
    view = store.view()
    assert view is not None
    task = view.task(15)
    assert task is not None and view.due(task) == date(2021, 12, 31)
    justice, commerce = view.unit_ids["区司法局"], view.unit_ids["区商务局"]
    with store.session() as session:
        # 区司法局: 已完成 on Dec 20, sent back Dec 21, 已完成 again Dec 28, closed Jan 4: on time, 1 of 2 sent back.
        for day, status in ((_at(12, 20), "done"), (_at(12, 28), "done")):
            session.add(Report(task_id=task.id, unit_id=justice, status=status, created_at=day))
        session.add(Review(task_id=task.id, unit_id=justice, decision="returned", reason="缺佐证", at=_at(12, 21)))
        session.add(Review(task_id=task.id, unit_id=justice, decision="approved", at=_at(1, 4, 2022)))
        # 区商务局: granted Jan 31 on Dec 15, reports on Dec 10: neither late nor due in December.
        session.add(Report(task_id=task.id, unit_id=commerce, status="in_progress", created_at=_at(12, 10)))
        session.add(
            Extension(
                task_id=task.id, unit_id=commerce, old_due=date(2021, 12, 31), new_due=date(2022, 1, 31),
                reason="等待上级文件", status="approved", decided_at=_at(12, 15),
            )
        )  # fmt: skip
    now = _at(2, 10, 2022)
    with store.session() as session:
        parts = [p for p in docket_parts(session, view, ZONE) if p.item == "第15条"]
    assert {p.source for p in parts} == {"法治"} and len(parts) > 2

    def figures(period: Period):  # type: ignore[no-untyped-def]
        return compute(parts, period, now=now, zone=ZONE, calendar=WorkCalendar())

    december = figures(Period.month(2021, 12))
    justice_dec = december.by_source_unit["法治"]["区司法局"]
    # At the end of December 区司法局's claim of Dec 28 awaits review: due, not late, not yet closed on time.
    assert (justice_dec.due, justice_dec.on_time, justice_dec.late, justice_dec.returns, justice_dec.reviews) == (
        1,
        0,
        0,
        1,
        1,
    )
    commerce_dec = december.by_unit["区商务局"]
    assert (commerce_dec.extended, commerce_dec.due, commerce_dec.late, commerce_dec.unreported) == (1, 0, 0, 0)
    others = len(parts) - 2  # every other owing unit: due Dec 31, never reported, late and unreported
    assert (december.total.due, december.total.late_open, december.total.unreported) == (1 + others, others, others)
    january = figures(Period.month(2022, 1))
    justice_jan = january.by_source_unit["法治"]["区司法局"]
    assert (justice_jan.closed, justice_jan.reviews, justice_jan.late) == (1, 1, 0)  # closed on Jan 4, claimed on time
    late_15 = [(x.part.unit, x.days) for x in january.late if x.part.unit == "区商务局"]
    assert late_15 == [("区商务局", 1)]  # its granted Jan 31 passed: 1 day late on Feb 1
