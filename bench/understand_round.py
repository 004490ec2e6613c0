"""Measure a held-out round of labeled messages against a checkout's reader, as found: intent right,
messages acted on wrongly, off-topic or acknowledgements acted on. python bench/understand_round.py [REPO] TSV."""

from __future__ import annotations

import inspect
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

NO_ACTION = {"ack", "unknown"}
OWN_TASKS = {"my_tasks", "unit_tasks"}


def plans(repo: Path) -> dict[str, Path | None]:
    """A round's first column is the asker's unit on the bundled plan, or a plan's name (bundled, hanyang)."""
    return {"bundled": None, "hanyang": repo / "tests" / "data" / "plans" / "hanyang-2019.txt"}


def views(repo: Path) -> dict[str, Any]:
    """Each plan stored afresh, as the bot reads it."""
    from core.settings import Settings
    from core.store import open_store

    found = {}
    for plan_name, plan_file in plans(repo).items():
        extra = {"plan_file": plan_file} if plan_file else {}
        found[plan_name] = open_store(Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), **extra)).view()  # type: ignore[call-arg]
    return found


def measure(
    tsv: Path, reader: Any, found: dict[str, Any], known: dict[str, Path | None]
) -> tuple[int, int, int, int, list[str]]:
    """Right, acted on wrongly, off-topic acted on, messages, and the lines saying each miss."""
    takes_own = "own" in inspect.signature(reader.read).parameters
    # tasks named by their subject (行政复议那条), where the reader takes the plan's titles
    names_tasks = "subjects" in inspect.signature(reader.read).parameters
    lines = tsv.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    right = wrong_acts = offtopic_acts = 0
    confusion: Counter = Counter()
    said = []
    for row in rows:
        as_, text, intent, task, unit, keyword = (row + ["-"] * 6)[:6]
        labels = intent.split("+")
        courtesy = reader.courtesy(text) if hasattr(reader, "courtesy") else None
        # the asker's unit, where the reader takes it (财政局这边有啥活, said by the 财政局, is one's own tasks)
        view = found.get(as_, found["bundled"])
        own = view.resolver.resolve(as_).unit if as_ not in ("-", "office", "", *known) else None
        if names_tasks:
            r = reader.read(text, view.resolver, view.knows, own, view.subject_task)
        elif takes_own:
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
            said.append(f"OFFTOPIC ACTED\t{text}\t{pred}")
        elif (
            acted
            and not same_answer
            and (pred not in labels or (task != "-" and r.task is not None and str(r.task) != task))
        ):
            wrong_acts += 1
            said.append(f"WRONG ACT\t{text}\twant {intent} {task}\tgot {pred} {r.task}")
    n = len(rows)
    said.append(
        f"{n} messages: intent right {right}/{n} = {100 * right / n:.1f}%; acted on wrongly {wrong_acts}; off-topic/ack acted on {offtopic_acts}"
    )
    said += [f"  {want} -> {got}: {c}" for (want, got), c in confusion.most_common(15)]
    return right, wrong_acts, offtopic_acts, n, said


def main() -> None:
    args = sys.argv[1:]
    repo = Path(args[0]).resolve() if len(args) > 1 else Path(__file__).resolve().parent.parent
    tsv = Path(args[-1]) if args else repo / "tests" / "data" / "rounds" / "messages-r1.tsv"
    sys.path.insert(0, str(repo))
    from core.understanding import understanding

    print("\n".join(measure(tsv, understanding(), views(repo), plans(repo))[-1]))


if __name__ == "__main__":
    main()
