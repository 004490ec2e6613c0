"""How faithfully plans are read: the share of tasks whose lead, responsible and cooperating lists are
exactly the hand-checked ones, over the plans in tests/data/plans (each with NAME.expected.json).
Run by hand; prints figures. Target (issue 10): 95% or more.

Names are compared across scripts: a unit labeled as a traditional-character plan prints it (州行政審批服務局) is
the unit the parser reads in simplified characters (州行政审批服务局).

Two sets, reported apart: the plans the parser was tuned on (tests/data/plans), and the fresh ones
(tests/data/plans/fresh), written down and labeled before the parser changes of issue 26 and read as
found, never tuned on. A third set (tests/data/plans/fresh2) holds the conventions plans state in their
own text (first-listed leads, second names in brackets, numbering, A会同B负责, persons in lists), labeled
before the parser changes for them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plan.parser import parse_file  # noqa: E402
from plan.reader import PlanError  # noqa: E402
from plan.text import simplified  # noqa: E402

PLANS = Path(__file__).resolve().parent.parent / "tests" / "data" / "plans"
FRESH = PLANS / "fresh"
FRESH2 = PLANS / "fresh2"
FRESH_LAYOUT = PLANS / "fresh-layout"  # tables and page layouts (merged cells, signs for leads, sub-items, sheets)
FRESH_LAYOUT_2 = PLANS / "fresh-layout-2"  # the same classes, written after those changes and read once
FRESH3 = PLANS / "fresh3"  # tables read by what their columns hold, labeled before the changes for them
FRESH3_2 = PLANS / "fresh3-2"  # the same classes in other shapes, labeled after those changes and read once
FRESH4 = PLANS / "fresh4"  # text shapes: traditional, unnumbered, restarting, headed leads, one line, lost brackets
FRESH4_2 = PLANS / "fresh4-2"  # the same shapes in other documents, labeled after those changes and read once
FRESH5 = PLANS / "fresh5"  # tables in every format, labeled before the changes for them
SUFFIXES = ("txt", "docx", "xlsx", "pdf", "html", "doc", "xls")


def fidelity(path: Path) -> tuple[int, int, list[str]]:
    """(tasks exact, tasks expected, what differed) for one plan; a task is exact when its lead, responsible
    and cooperating lists (and its title and the date it is due by, where the expectation names them) are
    the hand-checked ones."""
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    try:
        plan = parse_file(path)
    except PlanError as exc:
        return 0, len(expected["tasks"]), [f"{path.name}: {exc}"]
    parsed = {t.number: t for t in plan.tasks}
    exact, wrong = 0, []
    if "title" in expected and simplified(plan.title) != simplified(expected["title"]):
        wrong.append(f"{path.name} title: want {expected['title']!r}, got {plan.title!r}")
    if "year" in expected and plan.year != expected["year"]:
        wrong.append(f"{path.name} year: want {expected['year']}, got {plan.year}")
    for want in expected["tasks"]:
        got = parsed.get(want["number"])
        roles = ("lead", "responsible", "cooperating")
        titled = "title" not in want or (got is not None and simplified(got.title) == simplified(want["title"]))
        timed = "due" not in want or (got is not None and due(got) == want["due"])
        if got is not None and titled and timed and all(_same(getattr(got, r), want[r]) for r in roles):
            exact += 1
        else:
            found = {"title": got.title, "due": due(got), **{r: list(getattr(got, r)) for r in roles}} if got else None
            wrong.append(f"{path.name} task {want['number']}: want {want}, got {found}")
    return exact, len(expected["tasks"]), wrong


def _same(got: list[str], want: list[str]) -> bool:
    """The same names in the same order; a name printed in traditional characters and its simplified spelling
    are one name (the parser reads such a plan in simplified characters, as the round scorers' --same-script)."""
    return [simplified(n) for n in got] == [simplified(n) for n in want]


def due(task: object) -> str | None:
    """The date a task is due by (its latest dated deadline), as the expectation's `due` writes it."""
    dates = [d.due for d in getattr(task, "deadlines", []) if d.due is not None]
    return max(dates).isoformat() if dates else None


def score(folder: Path, name: str) -> None:
    total = good = 0
    paths = [p for suffix in SUFFIXES for p in sorted(folder.glob(f"*.{suffix}"))]
    for path in sorted(paths):
        if not path.with_name(path.stem + ".expected.json").exists():
            continue
        exact, count, wrong = fidelity(path)
        good, total = good + exact, total + count
        print(f"{path.name}: {exact}/{count} tasks exact")
        for line in wrong:
            print("  " + line)
    print(f"{name}: {good}/{total} tasks exact = {100 * good / max(total, 1):.1f}% (target >= 95%)")


def main() -> None:
    score(PLANS, "tuned plans")
    score(FRESH, "fresh plans (labeled before the parser changes, never tuned on)")
    score(FRESH2, "fresh2 plans (conventions stated in the text; labeled before the parser changes)")
    score(FRESH_LAYOUT, "fresh layout plans (labeled before the layout changes, never tuned on)")
    score(FRESH_LAYOUT_2, "fresh layout plans, second set (labeled after the layout changes, read once)")
    score(FRESH3, "fresh3 plans (tables by what their columns hold; labeled before the changes for them)")
    score(FRESH3_2, "fresh3-2 plans (the same classes, labeled after the changes, read once)")
    score(FRESH4, "fresh4 plans (text shapes; labeled before the changes for them)")
    score(FRESH4_2, "fresh4-2 plans (the same shapes, labeled after the changes, read once)")
    score(FRESH5, "fresh5 plans (tables in every format; labeled before the changes for them)")


if __name__ == "__main__":
    main()
