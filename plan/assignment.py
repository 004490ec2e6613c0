"""Reading a 交办单 the office typed (交办：内容，牵头单位：…，配合单位：…，时限：…): its text, its units
with roles (resolved against the docket's units, never guessed) and its deadline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plan.deadlines import find_deadlines
from plan.resolver import Resolver
from plan.roles import LABEL, parse_labelled, parse_verb_form
from plan.text import halfwidth

_PREFIX = re.compile(r"^\s*(?:/assign|交办单?)\s*[:：]?\s*")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_PLAIN_UNITS = re.compile(r"(?:承办单位|承办)\s*:")  # a label the plans do not use, the office's own word


@dataclass
class AssignmentText:
    """What a typed 交办单 says."""

    text: str
    units: list[tuple[str, str]] = field(default_factory=list)  # (unit, lead | responsible | cooperating)
    due: date | None = None
    unknown: list[str] = field(default_factory=list)  # names that are no unit of the docket


def read_assignment(typed: str, resolver: Resolver, year: int) -> AssignmentText:
    """The item's text, units by role and deadline, from what the office typed."""
    text = _PLAIN_UNITS.sub("责任单位:", halfwidth(_PREFIX.sub("", typed)))
    label = LABEL.search(text)
    if label is not None:
        body, roles = text[: label.start()], parse_labelled(text[label.start() :])
    else:
        verbs = re.search(r"[,，。]\s*(?:请)?(?P<units>[^,，。]+?(?:牵头|负责|配合)[^,，。]*)$", text)
        roles = parse_verb_form(verbs.group("units")) if verbs else parse_verb_form("")
        body = text[: verbs.start()] if verbs else text
    found = AssignmentText(text=body.strip(" ,，。;；"))
    seen: set[str] = set()
    for role in ("lead", "responsible", "cooperating"):
        for name in getattr(roles, role):
            if find_deadlines(name, year):  # 2026年12月31日前完成 after the units: the deadline, no unit
                continue
            match = resolver.resolve(name)
            if match.unit is None:
                found.unknown.append(name)
            elif match.unit not in seen:
                seen.add(match.unit)
                found.units.append((match.unit, role))
    phrase = " ".join(roles.deadline_text) or text
    iso = _ISO.search(phrase)
    dated = [d.due for d in find_deadlines(phrase, year) if d.due is not None]
    found.due = _date(iso) if iso else dated[0] if dated else None
    return found


def _date(match: re.Match[str]) -> date | None:
    try:
        return date(*(int(x) for x in match.groups()))
    except ValueError:
        return None
