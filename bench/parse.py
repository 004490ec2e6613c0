"""Parse time of the bundled plan (warm) and of a generated 5,000-task plan. Run by hand; prints figures.

Targets (issue 2): under 20 ms warm for the bundled plan, under 3 s for 5,000 tasks.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import BUNDLED_PLAN  # noqa: E402
from plan.parser import parse_file  # noqa: E402

UNITS = ["区发改委", "区商务局", "区司法局", "区财政局", "区统计局", "区审计局", "区卫健委", "区应急管理局", "区信访局"]


def generated_plan(tasks: int) -> str:
    """A plan of the bundled plan's shape with `tasks` tasks in 50 sections."""
    lines = [f"某区2021年度大型工作计划（{tasks}项）", "", "为做好工作，制定本计划。", ""]
    per_section = max(1, tasks // 50)
    numerals = "一二三四五六七八九"
    for n in range(1, tasks + 1):
        if (n - 1) % per_section == 0:
            s = (n - 1) // per_section + 1
            tens, ones = divmod(s, 10)
            label = (
                (numerals[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (numerals[ones - 1] if ones else "")
            )
            lines += [f"{label}、第{s}部分工作", ""]
        lead = "、".join(UNITS[(n + k) % len(UNITS)] for k in range(1 + n % 3))
        lines += [
            f"{n}.推进第{n}项重点工作。严格落实有关规定，2021年{1 + n % 12}月底前完成，培训不少于{n % 90}学时，"
            f"覆盖率达到{n % 100}%。(牵头单位:{lead};责任单位:区政府各部门)",
            "",
        ]
    lines.append("各部门要加强组织领导，确保如期完成2021年各项工作任务。")
    return "\n".join(lines)


def timed(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_file(path)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parse_file(BUNDLED_PLAN)  # warm: imports, compiled patterns
    seed = timed(BUNDLED_PLAN, 50)
    print(f"bundled plan (26 tasks): median {statistics.median(seed):.1f} ms, max {max(seed):.1f} ms (target < 20 ms)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(generated_plan(5000), encoding="utf-8")
        plan = parse_file(path)
        assert len(plan.tasks) == 5000, len(plan.tasks)
        big = timed(path, 3)
        size = path.stat().st_size / 1024
        print(
            f"generated plan (5,000 tasks, {size:.0f} KiB): median {statistics.median(big) / 1000:.2f} s (target < 3 s)"
        )


if __name__ == "__main__":
    main()
