"""A month's bulletin (督办通报) over 5,000 items and 300 units: computing every figure, drawing the chart
and writing the .docx, timed. Run by hand; prints figures. Target (issue 30): under 3 s.

The docket is generated: 10 sources, items with 1–5 units each (about 15,000 parts), signed for,
reported, sent back, extended and closed at random instants around October 2025 (the National Day
holiday and its 调休 weekends inside): most parts are claimed before their deadline, about one in
seven after it or never, so the bulletin lists a few thousand late and waiting parts."""

from __future__ import annotations

import random
import sys
import tempfile
import time as clock
import tracemalloc
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledger.bulletin import Masthead, write_bulletin  # noqa: E402
from ledger.figures import Part, compute  # noqa: E402
from ledger.periods import Period  # noqa: E402
from schedules.workdays import WorkCalendar  # noqa: E402

ITEMS, UNITS, SOURCES = 5_000, 300, 10
ZONE = ZoneInfo("Asia/Shanghai")


def generated_parts(seed: int = 30) -> list[Part]:
    """Parts of ITEMS items over UNITS units, lives drawn at random around October 2025."""
    rng = random.Random(seed)
    start = datetime(2025, 8, 1, 9, tzinfo=ZONE)
    units = [f"第{n}局" for n in range(1, UNITS + 1)]
    parts = []
    for number in range(1, ITEMS + 1):
        source = f"来源{number % SOURCES + 1}"
        assigned = start + timedelta(hours=rng.randrange(0, 24 * 90))
        due = (assigned + timedelta(days=rng.randrange(5, 60))).date()
        for unit in rng.sample(units, rng.randint(1, 5)):
            deadlines = [(assigned, due)]
            extensions = ()
            if rng.random() < 0.1:
                moved = assigned + timedelta(days=rng.randrange(1, 30))
                deadlines.append((moved, due + timedelta(days=30)))
                extensions = (moved,)
            # Most units report every few weeks and claim 已完成 before the deadline; some are late.
            reports = tuple(sorted(assigned + timedelta(days=rng.randrange(1, 40)) for _ in range(rng.randint(0, 4))))
            returns = tuple(r + timedelta(days=1) for r in reports[:-1] if rng.random() < 0.1)
            finish = datetime.combine(due, time(17), ZONE) - timedelta(days=rng.randrange(-6, 20))
            claims = (finish,) if rng.random() < 0.85 else ()
            closed = finish + timedelta(days=rng.randrange(0, 4)) if claims and rng.random() < 0.9 else None
            signed = assigned + timedelta(hours=rng.randrange(1, 96)) if rng.random() < 0.9 else None
            parts.append(
                Part(
                    source=source,
                    item=f"{source}第{number}条",
                    title=f"事项{number}",
                    unit=unit,
                    assigned=assigned,
                    deadlines=tuple(deadlines),
                    signed=signed,
                    needs_signoff=source == "来源1",
                    reports=reports,
                    claims=claims,
                    returns=returns,
                    extensions=extensions,
                    closed=closed,
                )
            )
    return parts


def main() -> None:
    parts = generated_parts()
    period = Period.month(2025, 10)
    masthead = Masthead(
        "督办通报", "2025年第10期", "区政府督查室", date(2025, 11, 3), "关于2025年10月督办工作情况的通报"
    )
    now = datetime(2025, 11, 3, 9, tzinfo=ZONE)
    with tempfile.TemporaryDirectory() as folder:
        timings = []
        for attempt in range(3):
            calendar = WorkCalendar()  # a fresh calendar each time: nothing remembered between runs
            if attempt == 2:
                tracemalloc.start()
            began, cpu = clock.perf_counter(), clock.process_time()
            result = compute(parts, period, now=now, zone=ZONE, calendar=calendar)
            figured = clock.perf_counter()
            out = write_bulletin(result, masthead, Path(folder) / f"b{attempt}.docx")
            written = clock.perf_counter()
            timings.append((figured - began, written - figured, written - began, clock.process_time() - cpu))
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        size = out.stat().st_size / 1024
    best = min(timings, key=lambda t: t[2])
    print(f"bulletin: {ITEMS} items, {UNITS} units, {len(parts)} parts, {len(result.by_source)} sources")
    print(f"  late {result.total.late}, unsigned {result.total.unsigned}, unreported {result.total.unreported}")
    print(
        f"  figures {best[0] * 1000:.0f} ms, chart + .docx {best[1] * 1000:.0f} ms, total {best[2]:.2f} s (best of 3)"
    )
    print(f"  all runs: {', '.join(f'{t[2]:.2f} s' for t in timings)}; peak memory (traced run) {peak:.0f} MiB")
    print(f"  CPU time of the best run {best[3]:.2f} s (wall time above includes waiting for a shared CPU)")
    print(f"  .docx {size:.0f} KiB; target < 3 s: {'met' if best[2] < 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
