"""How role lists read on their own: the share of real task lines and role cells (tests/data/units/fresh-lines.jsonl,
taken from plans the team had not used and labeled before the unit reader changed) whose lead, responsible and
cooperating lists are exactly the hand-labeled ones. A line is read as a one-task plan by the parser; a cell as a
role column's value. Run by hand; prints the figure and what differed."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plan.parser import parse_text  # noqa: E402
from plan.roles import marked_list  # noqa: E402
from plan.text import halfwidth  # noqa: E402

LINES = Path(__file__).resolve().parent.parent / "tests" / "data" / "units" / "fresh-lines.jsonl"
ROLES = ("lead", "responsible", "cooperating")


def read(item: dict[str, object]) -> dict[str, list[str]]:
    """The roles the parser reads in one labeled item."""
    text = str(item["text"])
    if str(item["kind"]).startswith("cell:"):
        roles = marked_list(halfwidth(text), str(item["kind"]).split(":")[1])
        return {r: list(getattr(roles, r)) for r in ROLES}
    numbered = text if re.match(r"^\s*(?:\d+[.、．]|[一二三四五六七八九十]+、)", text) else f"1. {text}"
    plan = parse_text(f"工作方案\n{numbered}\n")
    if not plan.tasks:
        return {r: [] for r in ROLES}
    task = plan.tasks[0]
    return {r: list(getattr(task, r)) for r in ROLES}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else LINES  # fresh-lines-2.jsonl: written after the change, read once
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    exact = 0
    for item in items:
        got = read(item)
        want = {r: [halfwidth(n) for n in item[r]] for r in ROLES}
        if got == want:
            exact += 1
        else:
            print(f"- {item['text']}\n  want {want}\n  got  {got}")
    print(f"role lines ({path.name}): {exact}/{len(items)} exact = {100 * exact / len(items):.1f}%")


if __name__ == "__main__":
    main()
