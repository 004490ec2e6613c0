"""Leads marked by a sign on the unit's name (市发改委*, ★区住建局), as task tables mark them where bold
does not survive (a sheet's values, a pasted table), read by the plan's own note (带*的为牵头单位)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from plan.model import Plan, Task

SIGNS_FILE = Path(__file__).resolve().parent / "data" / "signs.yaml"
_ROLES = ("lead", "responsible", "cooperating")


@cache
def lead_signs() -> tuple[str, ...]:
    """The signs plans put on a lead unit's name (plan/data/signs.yaml)."""
    raw = yaml.safe_load(SIGNS_FILE.read_text(encoding="utf-8")) or {}
    return tuple(str(sign) for sign in raw.get("lead_signs", []))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    signs = "".join(re.escape(s) for s in lead_signs())

    def sign(group: str) -> str:
        return rf"[“”\"'‘’「」（(]?\s*(?P<{group}>[{signs}])\s*[“”\"'‘’「」）)]?"

    # 带*的为牵头单位, 标★的单位为牵头单位, ★为牵头单位, 注有“※”号者是牵头部门
    note = re.compile(
        rf"(?:带|标|标有|标注|注有|加|加注|有|打){sign('a')}\s*(?:号|符号|标记|标识|标注)?\s*(?:的|者)?\s*(?:单位|部门)?"
        rf"\s*(?:为|是|系|表示|代表|即为)\s*牵头|^\s*(?:注\s*[:：]\s*)?{sign('b')}\s*(?:为|是|表示|代表)\s*牵头"
        rf"|牵头(?:单位|部门)[^。；;，,:：、\d]{{0,6}}?(?:用|以|加|标|注|带){sign('c')}"  # 牵头单位后标注“★”
    )
    named = re.compile(rf"^\s*[{signs}]+\s*|\s*[{signs}]+\s*$")
    return note, named, re.compile(rf"[{signs}]")


MARKED_LISTS = 3  # lists with one marked unit each, at least, for a sign no note explains to read as the lead's


def _one_a_list(plan: Plan, marked: list[tuple[Task, str, str]]) -> str | None:
    """The sign where no note says what it means, when it marks exactly one unit in each of three lists or more,
    and in most of the plan's lists (★区发改委、统计局 on every row of a sheet): a mark each task has once is the
    mark of its lead, as plans use it; None for a sign on some names here and there, or on several of one list."""
    tasks = {id(t): t for t, _, _ in marked}
    signs = {n[0] if n[0] in lead_signs() else n[-1] for _, _, n in marked}
    with_units = [t for t in plan.tasks if t.units]
    once = all(sum(1 for t, _, _ in marked if id(t) == key) == 1 for key in tasks)
    if len(signs) != 1 or not once or len(tasks) < MARKED_LISTS or len(tasks) * 2 < len(with_units):
        return None
    return signs.pop()


def signed_leads(plan: Plan, text: list[str]) -> None:
    """Units whose names carry the sign the plan's note gives its leads are lead units, named without
    the sign; a sign on names with no note to say what it means is only taken off, with a warning."""
    note, named, any_sign = _patterns()
    marked = [
        (task, role, name)
        for task in plan.tasks
        for role in _ROLES
        for name in getattr(task, role)
        if named.search(name) and named.sub("", name)
    ]
    if not marked:
        return
    stated = next((m for line in text if len(line) <= 200 and (m := note.search(line))), None)
    sign = next(s for s in stated.group("a", "b", "c") if s) if stated else None
    unsaid = _one_a_list(plan, marked) if stated is None else None
    sign = sign or unsaid
    moved = 0
    for task in {id(t): t for t, _, _ in marked}.values():
        leads = [named.sub("", n) for n in task.lead]
        rest: dict[str, list[str]] = {"responsible": [], "cooperating": []}
        for role in ("responsible", "cooperating"):
            for name in getattr(task, role):
                bare = named.sub("", name)
                if sign is not None and bare != name and sign in any_sign.findall(name):
                    leads.append(bare)
                    moved += 1
                else:
                    rest[role].append(bare)
        task.lead = list(dict.fromkeys(leads))
        task.responsible = [n for n in dict.fromkeys(rest["responsible"]) if n not in task.lead]
        task.cooperating = [n for n in dict.fromkeys(rest["cooperating"]) if n not in task.lead]
    if unsaid is not None:
        plan.warnings.append(
            f"units marked {unsaid}, one in each list of {len({id(t) for t, _, _ in marked})} tasks, and no note "
            f"saying what the mark means: the marked units read as lead ({moved}), named without the sign"
        )
        plan.explained.append(
            f"leads: one unit of each list marked {unsaid}, as plans mark their leads; no note says so"
        )
    elif stated is not None:
        plan.warnings.append(
            f"the plan marks its leads with {sign} ({stated.group(0).strip()}): {moved} units read as lead, "
            "named without the sign"
        )
        plan.explained.append(f"leads: units marked {sign} are lead units, as the plan's note says")
    else:
        signs = "".join(dict.fromkeys(s for _, _, n in marked for s in any_sign.findall(n)))
        plan.warnings.append(
            f"units marked {signs} and no note saying what the mark means: the mark was taken off, roles kept"
        )
