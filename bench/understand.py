"""Time to understand one message (intent and slots, units through the resolver): median and p99 over
the labeled set (core/data/understand_cases.tsv), on the bundled plan and a second district's. Run by
hand; prints figures. Target (issue 27): p99 under 2 ms of CPU with the model loaded. CPU time (the
thread's own) is what a message costs; wall time on a shared machine also counts other processes' turns,
so both are printed. Start-up (the model, the noise lists with pypinyin's table, jieba) is timed apart.
"""

from __future__ import annotations

import gc
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
    began = time.perf_counter()
    from core.intent_model import intent_model
    from core.noise import noise

    intent_model()
    model_s = time.perf_counter() - began
    noise()
    noise_s = time.perf_counter() - began - model_s
    reader = understanding()
    print(f"start-up: model {model_s * 1000:.0f} ms, noise lists {noise_s * 1000:.0f} ms")
    start = time.perf_counter()
    for plan, text, *_ in cases:  # warm: jieba's dictionary, the resolvers' indexes
        view = views.get(plan, views["bundled"])  # the labeled set names the bundled plan by its place
        reader.read(text, view.resolver, view.knows, None, view.subject_task)
    print(f"first pass (jieba's dictionary loaded on the way): {time.perf_counter() - start:.2f} s")
    gc.collect()
    gc.freeze()  # as `duban run` does after start-up
    times, cpu = [], []
    for _ in range(PASSES):
        for plan, text, *_ in cases:
            view = views.get(plan, views["bundled"])
            reader._words.clear()  # each message as if never seen: no cached word cuts
            began, began_cpu = time.perf_counter(), time.thread_time()
            reader.read(text, view.resolver, view.knows, None, view.subject_task)
            cpu.append(time.thread_time() - began_cpu)
            times.append(time.perf_counter() - began)
    for name, found in (("CPU", cpu), ("wall", times)):
        found.sort()
        print(
            f"{len(cases)} messages x {PASSES}, {name}: median {found[len(found) // 2] * 1000:.3f} ms, "
            f"p99 {found[int(len(found) * 0.99)] * 1000:.3f} ms, max {found[-1] * 1000:.3f} ms (target p99 < 2 ms)"
        )


if __name__ == "__main__":
    main()
