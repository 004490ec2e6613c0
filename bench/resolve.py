"""The unit resolver measured by hand, two ways.

`python bench/resolve.py`: time of one resolution, median and p99, with the bundled directory and with a
generated directory of 10,000 units. Target (issue 3): median under 1 ms at 10,000 units.

`python bench/resolve.py --cross [PLAN ...]`: every unit of each placed plan typed with its own place into every plan
of another place (the 56 plans of the labeled sets without arguments): any unit given is a false match. Main eea4ca9:
70 false matches of 34,377 typed (fewer plans placed); the resolver brief's branch: 0 of 36,792.

`python bench/resolve.py --score [FILE.tsv ...]`: the labeled sets scored as the office scores them, each plan
imported into a fresh store and every query resolved by the store's resolver: right, and false matches (a unit
given where the expected one is another or none). Without files: resolve_cases.tsv (the bundled plan),
resolve_cases_more.tsv (tuned on), resolve_fresh.tsv (labeled before the changes of issue 26, never tuned on) and
resolve_kinds.tsv (labeled before the organ-kinds table; 189/206 right and 1 false match before it, as found) and
resolve_kinds_second.tsv (labeled after it, before the resolver ran on it: 103/109 and 1 false as first read; then
vertical organs, a national bureau's branch and short city names were added: 108/109), and the resolver brief's
own sets: resolve_own.tsv (27 plans no set covered, labeled before its changes: 243/271 and 6 false matches before,
270/271 after them, jiaowei asked between 交委 and 教委) and resolve_own_second.tsv (labeled after the first changes,
read once: 65/72 and 1 false as found), and resolve_names.tsv (issue 26's name classes on five real plans from public
pages, two printed in traditional characters, zhenjiang-price's one organ written two ways and the bundled plan, labeled
before that work: 125/134 and 3 false matches as found on main 651e447; 134/134 and 0 after it).
"""

from __future__ import annotations

import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import BUNDLED_PLAN, Settings  # noqa: E402
from core.store import open_store  # noqa: E402
from plan.directory import Directory, UnitEntry, load_directory  # noqa: E402
from plan.parser import parse_file  # noqa: E402
from plan.resolver import Resolver  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CASES = DATA / "resolve_cases.tsv"
NAMES = ("cases_more", "fresh", "kinds", "kinds_second", "own", "own_second", "names")
SETS = [CASES, *(DATA / f"resolve_{name}.tsv" for name in NAMES)]
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


def labeled_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """(plan, query, kind, expected) of a labeled set; a set without a plan column is the bundled plan's."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        rows.append(tuple(cells[:4]) if len(cells) >= 4 else ("bundled", *cells[:3]))  # type: ignore[arg-type]
    return rows  # type: ignore[return-value]


def plan_resolver(plan: str) -> Resolver | None:
    """The resolver of a store that imported this plan, as `duban run` builds it."""
    path = BUNDLED_PLAN if plan == "bundled" else DATA / "plans" / plan
    settings = Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), plan_file=path)  # type: ignore[call-arg]
    view = open_store(settings).view()
    return view.resolver if view is not None else None


def score(path: Path) -> tuple[int, int, int, int]:
    """Prints every miss; returns right, total, false matches, traps."""
    resolvers: dict[str, Resolver | None] = {}
    right = total = false = traps = 0
    for plan, query, kind, expected in labeled_rows(path):
        if plan not in resolvers:
            resolvers[plan] = plan_resolver(plan)
        resolver = resolvers[plan]
        match = resolver.resolve(query) if resolver is not None else None
        got = match.unit if match is not None else None
        total += 1
        traps += expected == "-"
        if "|" in expected:  # candidates: asked, never one of them guessed
            ok = got is None and match is not None and sorted(match.candidates) == sorted(expected.split("|"))
        else:
            ok = got == (None if expected == "-" else expected)
        right += ok
        false += got is not None and not ok
        if not ok:
            print(f"  {plan}\t{query}\t{kind}\twant {expected}\tgot {got or '-'}")
    return right, total, false, traps


def cross(plans: list[str]) -> tuple[int, int]:
    """Every unit of each placed plan typed with its own place (丙市自然资源和规划局, 我是丙市…的) into every plan of
    another place: each is another organ, so any unit given is a false match. Prints them; returns false, typed."""
    resolvers = {p: r for p in plans if (r := plan_resolver(p)) is not None and r.places.chain}
    false = total = 0
    for a, b in itertools.permutations(resolvers, 2):
        ours, theirs = resolvers[a], resolvers[b]
        place = theirs.places.chain[-1]
        if place in ours.places.chain:
            continue
        for unit in theirs.units:
            if unit.startswith(("各", "有关", "相关")):
                continue
            core = theirs.strip_place(unit)
            for typed in (place + core, place + unit, f"我是{place}{core}的"):
                total += 1
                got = ours.resolve(typed).unit
                if got:
                    false += 1
                    print(f"  {a}\t{typed}\tgot {got}")
    return false, total


def main() -> None:
    if sys.argv[1:2] == ["--cross"]:
        plans = sys.argv[2:] or sorted({plan for path in SETS for plan, *_ in labeled_rows(path)})
        false, total = cross(plans)
        print(f"another place's units typed into {len(plans)} plans: {false} false matches of {total}")
        return
    if sys.argv[1:2] == ["--score"]:
        for path in [Path(a) for a in sys.argv[2:]] or SETS:
            right, total, false, traps = score(path)
            print(
                f"{path.name}: {right}/{total} right = {100 * right / max(total, 1):.1f}%; false matches {false}; traps {traps}"
            )
        return
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
