"""Whether what was read looks like a plan at all: a README or a letter imported by mistake must be
refused (or previewed), never become a source everyone is answered from."""

from __future__ import annotations

import re

from plan.model import Plan
from plan.reader import PlanError


class NotAPlan(PlanError):
    """A readable document that does not look like a plan."""


# Role words read as a unit name (a table header, a sentence about roles), never a unit.
_ROLE_WORDS = {"牵头单位", "责任单位", "配合单位", "协办单位", "主办单位", "单位", "部门", "各单位"}
# What a unit name of a government document never holds: markup, code, ellipses, runs of Latin letters.
_NOT_A_NAME = re.compile(r"[`|#*<>{}\[\]=_/\\…]|[A-Za-z]{3,}")
_MARKUP = re.compile(r"`|\*\*|^#+ |\|\s*-{3}|https?://", re.MULTILINE)
BAD_UNIT_SHARE = 0.2  # more of the units than this not looking like units: not a plan
MARKUP_SHARE = 0.3  # more of the tasks than this carrying markup: not a plan


def doubts(plan: Plan) -> list[str]:
    """Why the document does not look like a plan (empty when it does), one line each."""
    found: list[str] = []
    units = plan.units
    bad = [u for u in units if u in _ROLE_WORDS or _NOT_A_NAME.search(u)]
    if units and len(bad) / len(units) > BAD_UNIT_SHARE:
        found.append(f"{len(bad)} of its {len(units)} units do not read as units: {'、'.join(bad[:4])}")
    if plan.tasks and not any(t.units for t in plan.tasks):
        found.append("no task names a unit")
    marked = [t for t in plan.tasks if _MARKUP.search(f"{t.title}\n{t.body}")]
    if plan.tasks and len(marked) / len(plan.tasks) > MARKUP_SHARE:
        found.append(f"{len(marked)} of its {len(plan.tasks)} tasks carry markup or code, as a README does")
    return found


def check(plan: Plan, name: str) -> None:
    """Refuse a document that does not look like a plan, saying why in one line."""
    found = doubts(plan)
    if found:
        raise NotAPlan(f"{name} does not look like a plan ({'; '.join(found)}); nothing was stored")
