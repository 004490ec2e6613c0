"""Time to understand one message (intent and slots, units through the resolver): median and p99 over
the labeled set (core/data/understand_cases.tsv), on the bundled plan and a second district's. Run by
hand; prints figures. Target (issue 14): p99 under 1 ms.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import Settings  # noqa: E402
from core.store import open_store  # noqa: E402
from core.understanding import understanding  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLANS = {"bundled": None, "hanyang": ROOT / "tests" / "data" / "plans" / "hanyang-2019.txt"}
PASSES = 5


def main() -> None:
    views = {}
    for name, plan in PLANS.items():
        extra = {"plan_file": plan} if plan else {}
        store = open_store(Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), **extra))  # type: ignore[call-arg]
        views[name] = store.view()
    cases = [
        line.rstrip("\n").split("\t")
        for line in (ROOT / "core" / "data" / "understand_cases.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    reader = understanding()
    start = time.perf_counter()
    for plan, text, *_ in cases:  # warm: jieba's dictionary, the resolvers' indexes
        view = views.get(plan, views["bundled"])  # the labeled set names the bundled plan by its place
        reader.read(text, view.resolver, view.knows)
    print(f"first pass (jieba's dictionary loaded on the way): {time.perf_counter() - start:.2f} s")
    times = []
    for _ in range(PASSES):
        for plan, text, *_ in cases:
            view = views.get(plan, views["bundled"])
            reader._words.clear()  # each message as if never seen: no cached word cuts
            began = time.perf_counter()
            reader.read(text, view.resolver, view.knows)
            times.append(time.perf_counter() - began)
    times.sort()
    print(
        f"{len(cases)} messages x {PASSES}: median {times[len(times) // 2] * 1000:.3f} ms, "
        f"p99 {times[int(len(times) * 0.99)] * 1000:.3f} ms, max {times[-1] * 1000:.3f} ms (target p99 < 1 ms)"
    )


if __name__ == "__main__":
    main()
