"""Time and peak memory to schedule 100,000 reminders (plan them into the reminders table).
Run by hand; prints figures."""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, func, select  # noqa: E402

from bench.parse import generated_plan  # noqa: E402
from core.context import Context  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.store import open_store  # noqa: E402
from schedules.reminders import plan_reminders  # noqa: E402
from storage.models import Reminder  # noqa: E402

TASKS = 2900  # x ~5 owing units x ~7 reminders each: about 100,000 rows


def _planned(trace: bool) -> tuple[float, int, int, float, float]:
    """Plan on a fresh database: seconds, reminders created, stored, peak MiB (traced runs), replan seconds."""
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        plan.write_text(generated_plan(TASKS), encoding="utf-8")
        settings = Settings(_env_file=None, data_dir=Path(folder), plan_file=plan, plan_horizon_days=400)  # type: ignore[call-arg]
        ctx = Context(store=open_store(settings), settings=settings)
        now = datetime(2021, 1, 4, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        ctx.store.view()
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        created = plan_reminders(ctx, now)
        elapsed = time.perf_counter() - start
        peak = 0.0
        if trace:
            peak = tracemalloc.get_traced_memory()[1] / 1048576
            tracemalloc.stop()
        with Session(ctx.store.engine) as session:
            stored = session.exec(select(func.count()).select_from(Reminder)).one()
        start = time.perf_counter()
        plan_reminders(ctx, now)
        replan = time.perf_counter() - start
        ctx.store.engine.dispose()
        return elapsed, created, stored, peak, replan


def main() -> None:
    elapsed, created, stored, _, replan = _planned(trace=False)
    _, _, _, peak, _ = _planned(trace=True)  # tracemalloc slows Python down: memory is measured apart
    print(
        f"planned {created:,} reminders ({stored:,} stored) for {TASKS:,} tasks in {elapsed:.1f} s "
        f"(target < 5 s); peak Python memory {peak:.0f} MiB (target < 300 MB, measured in a second run)"
    )
    print(f"planning again (nothing new) took {replan:.1f} s")


if __name__ == "__main__":
    main()
