"""Measure a held-out round of labeled messages against a checkout's reader, as found: intent right,
messages acted on wrongly, off-topic or acknowledgements acted on. python bench/understand_round.py [REPO] TSV."""

from __future__ import annotations

import inspect
import sys
import tempfile
from collections import Counter
from pathlib import Path

args = sys.argv[1:]
repo = Path(args[0]).resolve() if len(args) > 1 else Path(__file__).resolve().parent.parent
tsv = Path(args[-1]) if args else repo / "tests" / "data" / "rounds" / "messages-r1.tsv"
sys.path.insert(0, str(repo))
from core.settings import Settings  # noqa: E402
from core.store import open_store  # noqa: E402
from core.understanding import understanding  # noqa: E402

# A round's first column is the asker's unit on the bundled plan, or a plan's name (bundled, hanyang).
PLANS = {"bundled": None, "hanyang": repo / "tests" / "data" / "plans" / "hanyang-2019.txt"}
views = {}
for plan_name, plan_file in PLANS.items():
    extra = {"plan_file": plan_file} if plan_file else {}
    views[plan_name] = open_store(Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), **extra)).view()  # type: ignore[call-arg]
reader = understanding()
NO_ACTION = {"ack", "unknown"}
OWN_TASKS = {"my_tasks", "unit_tasks"}
TAKES_OWN = "own" in inspect.signature(reader.read).parameters
# tasks named by their subject (行政复议那条), where the reader takes the plan's titles
NAMES_TASKS = "subjects" in inspect.signature(reader.read).parameters
lines = tsv.read_text(encoding="utf-8").splitlines()
rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
right = wrong_acts = offtopic_acts = 0
confusion: Counter = Counter()
for row in rows:
    as_, text, intent, task, unit, keyword = (row + ["-"] * 6)[:6]
    labels = intent.split("+")
    courtesy = reader.courtesy(text) if hasattr(reader, "courtesy") else None
    # the asker's unit, where the reader takes it (财政局这边有啥活, said by the 财政局, is one's own tasks)
    view = views.get(as_, views["bundled"])
    own = view.resolver.resolve(as_).unit if as_ not in ("-", "office", "", *PLANS) else None
    if NAMES_TASKS:
        r = reader.read(text, view.resolver, view.knows, own, view.subject_task)
    elif TAKES_OWN:
        r = reader.read(text, view.resolver, view.knows, own)
    else:
        r = reader.read(text, view.resolver, view.knows)
    acted = bool(r.acted_on) and not courtesy
    pred = "ack" if courtesy else (r.intent if acted else "unknown")
    ok = pred == labels[0] or (pred in NO_ACTION and labels[0] in NO_ACTION)
    # one's own unit asked for by name: its tasks are one's own tasks, the same answer either way
    same_answer = own is not None and {pred, labels[0]} <= OWN_TASKS and r.unit in (own, None)
    ok = ok or same_answer
    right += ok
    if not ok:
        confusion[(labels[0], pred)] += 1
    if acted and labels[0] in NO_ACTION:
        offtopic_acts += 1
        print(f"OFFTOPIC ACTED\t{text}\t{pred}")
    elif (
        acted
        and not same_answer
        and (pred not in labels or (task != "-" and r.task is not None and str(r.task) != task))
    ):
        wrong_acts += 1
        print(f"WRONG ACT\t{text}\twant {intent} {task}\tgot {pred} {r.task}")
n = len(rows)
print(
    f"{n} messages: intent right {right}/{n} = {100 * right / n:.1f}%; acted on wrongly {wrong_acts}; off-topic/ack acted on {offtopic_acts}"
)
for (want, got), c in confusion.most_common(15):
    print(f"  {want} -> {got}: {c}")
