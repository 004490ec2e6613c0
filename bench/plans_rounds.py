"""Score every spent plan round at once and sort the misses by class: python bench/plans_rounds.py [REPO] [--list].

The dev set of the parser is all spent rounds together (tests/data/rounds/plans-r*), scored as
bench/plans_round.py scores one (a task is exact when its lead, responsible and cooperating units are the labels',
matched by number; --same-script and --same-width always on). What one round's figure hides is which KIND of
misreading costs most across documents, so each miss is given a class from what was read against what was labeled:

- refused: the file was refused (no task read at all);
- restarted: the labels number afresh in each group (1, 2, 1, 2): matched by number the task is another one;
- not read: no task of that number was read;
- no units: the task was read without any unit;
- shifted: the units read are the labels of a neighbouring task, or this task's labels were read on a neighbour;
- roles: the right units under the wrong roles;
- glued: a unit read with more text on it (市民政局伍泽国 for 市民政局);
- fragments: a labeled unit read in pieces (市政 / 府办 / 公厅);
- missing: some labeled units read, others not (no wrong one);
- extra: every labeled unit read, and others besides;
- other: anything else (wrong names).

Prints per round the exact share, what the files numbered afresh in each group score matched by order (the
scorer's match by number cannot credit them), then the misses by class with how many files and rounds each spans;
--list prints every miss too.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import opencc

args = [a for a in sys.argv[1:] if not a.startswith("--")]
LIST = "--list" in sys.argv[1:]
repo = Path(args[0]).resolve() if args else Path(__file__).resolve().parent.parent
rounds_dir = repo / "tests" / "data" / "rounds"
sys.path.insert(0, str(repo))
from plan.parser import parse_file  # noqa: E402

ROLES = ("lead", "responsible", "cooperating")
# The spent rounds, named one by one: a round written later is held out until it has been read once, as found,
# and must never be scored here by a glob that happens to find it.
SPENT = [f"plans-r{n}" for n in range(1, 11)]
_t2s = opencc.OpenCC("t2s")


def norm(name: str) -> str:
    """One form of a name: simplified characters, half-width forms (the scorer's --same-script --same-width)."""
    return unicodedata.normalize("NFKC", _t2s.convert(name))


def units(task: dict[str, list[str]]) -> dict[str, list[str]]:
    return {r: [norm(n) for n in task.get(r) or []] for r in ROLES}


def every(roles: dict[str, list[str]]) -> set[str]:
    return {n for r in ROLES for n in roles[r]}


def classify(
    want: dict[str, list[str]],
    got: dict[str, list[str]] | None,
    near_wanted: list[dict[str, list[str]]],
    near_read: list[dict[str, list[str]]],
) -> str:
    """The class of one miss: what was read against what was labeled, and the neighbouring tasks of both."""
    if got is None:
        return "not read"
    w, g = every(want), every(got)
    if not g:
        return "no units"
    if w == g:
        return "roles"
    extra, lost = g - w, w - g
    if any(a != b and b in a for a in extra for b in lost):
        return "glued"
    if any(a in b and a != b for a in extra for b in lost):
        return "fragments"
    if any(g == every(n) for n in near_wanted) or any(w == every(n) for n in near_read):
        return "shifted"
    if not extra:
        return "missing"
    if not lost:
        return "extra"
    return "other"


def main() -> None:
    misses: list[tuple[str, str, int, str, str]] = []
    totals: dict[str, list[int]] = {}
    refused_files = 0
    by_order = [0, 0]  # files numbered afresh in each group, matched by order: exact, labeled
    rounds = [rounds_dir / name for name in SPENT]
    for folder in rounds:
        good = total = 0
        for exp in sorted(folder.glob("*.expected.json")):
            stem = exp.name[: -len(".expected.json")]
            docs = [p for p in folder.glob(stem + ".*") if not p.name.endswith(".expected.json")]
            if not docs:
                continue
            want = json.loads(exp.read_text(encoding="utf-8"))["tasks"]
            total += len(want)
            try:
                tasks = list(parse_file(docs[0]).tasks)
            except Exception as exc:  # noqa: BLE001
                refused_files += bool(want)
                for w in want:
                    misses.append((folder.name, docs[0].name, w["number"], "refused", str(exc)[:80]))
                continue
            by_number = {t.number: t for t in tasks}
            read = {n: units({r: getattr(t, r) for r in ROLES}) for n, t in by_number.items()}
            restarted = len({w["number"] for w in want}) < len(want)
            if restarted:  # how the file reads matched by order (the labels list its tasks from the first on)
                in_order = [units({r: getattr(t, r) for r in ROLES}) for t in tasks]
                by_order[0] += sum(units(w) == g for w, g in zip(want, in_order, strict=False))
                by_order[1] += len(want)
            for w in want:
                wanted = units(w)
                got = read.get(w["number"])
                if got == wanted:
                    good += 1
                    continue
                seen_before = [x["number"] for x in want[: want.index(w)]]
                near_read = [read[n] for n in (w["number"] - 1, w["number"] + 1) if n in read]
                near_wanted = [units(x) for x in want if abs(x["number"] - w["number"]) == 1]
                kind = (
                    "restarted"
                    if restarted and w["number"] in seen_before
                    else classify(wanted, got, near_wanted, near_read)
                )
                misses.append((folder.name, docs[0].name, w["number"], kind, f"want {wanted} got {got}"))
        totals[folder.name] = [good, total]
    for name, (good, total) in totals.items():
        print(f"{name}: {good}/{total} = {100 * good / max(total, 1):.1f}%")
    good = sum(g for g, _ in totals.values())
    total = sum(t for _, t in totals.values())
    print(f"ALL: {good}/{total} = {100 * good / max(total, 1):.1f}%; files refused that hold tasks: {refused_files}")
    print(
        f"files numbered afresh in each group (matched by number above), matched by order: "
        f"{by_order[0]}/{by_order[1]} exact"
    )
    by_class: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rnd, doc, _, kind, _ in misses:
        by_class[kind].append((rnd, doc))
    print("misses by class (tasks, files, rounds):")
    for kind, where in sorted(by_class.items(), key=lambda kv: -len({d for _, d in kv[1]})):
        files = Counter(d for _, d in where)
        rnds = {r for r, _ in where}
        listed = ", ".join(f"{d} {n}" for d, n in files.most_common())
        print(f"  {kind}: {len(where)} tasks, {len(files)} files, {len(rnds)} rounds — {listed}")
    if LIST:
        for rnd, doc, number, kind, what in misses:
            print(f"  [{kind}] {rnd}/{doc} task {number}: {what}")


if __name__ == "__main__":
    main()
