"""What a revised plan changes, field by field, before the office confirms it: for each task the import
would update, the title, text, lead / responsible / cooperating units and deadlines as they were and as
they would be; and the units the plan never named before (a new unit, or a typo the office should catch)."""

from __future__ import annotations

from dataclasses import dataclass

from core.store import PlanView
from plan import model

FIELDS = {
    "title": "标题",
    "body": "正文",
    "lead": "牵头单位",
    "responsible": "责任单位",
    "cooperating": "配合单位",
    "deadlines": "期限",
}
SHOWN = 120  # characters of a changed text shown on each side


@dataclass(frozen=True)
class Change:
    """One field of one task, before and after."""

    number: int
    field: str
    before: str
    after: str
    added: tuple[str, ...] = ()  # units, for a field of units
    removed: tuple[str, ...] = ()


def _value(task: model.Task, name: str) -> str | list[str]:
    if name == "deadlines":
        return "；".join(d.text for d in task.deadlines)
    value = getattr(task, name)
    return list(value) if isinstance(value, list) else str(value or "")


def _text(value: str | list[str]) -> str:
    text = "、".join(value) if isinstance(value, list) else value
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def changes(view: PlanView, parsed: model.Plan, updated: list[int]) -> list[Change]:
    """Field by field, the tasks the import would update (matched by number to the stored plan)."""
    found = []
    new = {t.number: t for t in parsed.tasks}
    for number in updated:
        old, now = view.task(number), new.get(number)
        if old is None or now is None:
            continue
        for name, label in FIELDS.items():
            before, after = _value(old, name), _value(now, name)
            if before == after:
                continue
            if isinstance(before, list) and isinstance(after, list):
                added = tuple(u for u in after if u not in before)
                removed = tuple(u for u in before if u not in after)
                found.append(Change(number, label, _text(before) or "—", _text(after) or "—", added, removed))
            else:
                found.append(Change(number, label, _text(before) or "—", _text(after) or "—"))
    return found


def new_units(view: PlanView, parsed: model.Plan) -> list[tuple[str, list[int]]]:
    """Units the revised plan names that the stored plan never had, with the tasks naming them."""
    named: dict[str, list[int]] = {}
    for task in parsed.tasks:
        for unit in task.units:
            if unit not in view.unit_ids:
                named.setdefault(unit, []).append(task.number)
    return list(named.items())
