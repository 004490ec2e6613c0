"""Time of one unit resolution: median and p99, with the bundled directory and with a generated
directory of 10,000 units. Run by hand; prints figures. Target (issue 3): median under 1 ms at 10,000 units.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import BUNDLED_PLAN  # noqa: E402
from plan.directory import Directory, UnitEntry, load_directory  # noqa: E402
from plan.parser import parse_file  # noqa: E402
from plan.resolver import Resolver  # noqa: E402

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "resolve_cases.tsv"
CHARS = "东南西北中新城乡农林水电交通安全文化教育卫生科技工业商业金融建设规划环境资源档案机关事务旅游体育"
SUFFIXES = ["局", "委", "办", "中心", "所", "站", "队"]


def labeled_queries() -> list[str]:
    lines = CASES.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def generated(n: int, seed: int = 7) -> tuple[list[str], Directory]:
    """n distinct unit names of two to five characters and a suffix, each with one alias."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < n:
        names.add("区" + "".join(rng.choice(CHARS) for _ in range(rng.randint(2, 5))) + rng.choice(SUFFIXES))
    units = sorted(names)
    directory = Directory(units={u: UnitEntry(name=u, aliases=[u[1:3] + "办" + str(i)]) for i, u in enumerate(units)})
    return units, directory


def measure(resolver: Resolver, queries: list[str], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            resolver.resolve(query)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def main() -> None:
    queries = labeled_queries()
    bundled = Resolver(parse_file(BUNDLED_PLAN).units, load_directory())
    median, p99 = measure(bundled, queries, 5)
    print(f"bundled directory (24 units), {len(queries)} labeled queries: median {median:.3f} ms, p99 {p99:.3f} ms")

    units, directory = generated(10_000)
    start = time.perf_counter()
    big = Resolver(units, directory)
    build = time.perf_counter() - start
    rng = random.Random(1)
    mixed = []
    for unit in rng.sample(units, 300):
        mixed += [unit, unit[1:], unit[:-1] + "局局", f"我是{unit}的", "".join(rng.sample(unit, len(unit)))]
    mixed += queries
    median, p99 = measure(big, mixed, 2)
    print(
        f"generated directory (10,000 units, built in {build:.1f} s), {len(mixed)} queries "
        f"(exact, prefix, typo, sentence, shuffled, labeled): median {median:.3f} ms, p99 {p99:.3f} ms (target median < 1 ms)"
    )


if __name__ == "__main__":
    main()
