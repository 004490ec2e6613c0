"""Quantities a task must reach: 不少于60学时, 出庭应诉率达到100%, 全年不少于2次."""

from __future__ import annotations

import re
from dataclasses import replace

from plan.model import Target

_CLAUSE_END = "。;,，；、:"


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a target, for people reading it out of the body."""
    left = max((text.rfind(p, 0, start) for p in _CLAUSE_END), default=-1) + 1
    rights = [i for p in _CLAUSE_END if (i := text.find(p, end)) >= 0]
    return text[left : min(rights) if rights else len(text)].strip()


_AT_LEAST = re.compile(
    r"(?:不少于|不低于|至少|不得少于|达到|超过)(?P<value>\d+(?:\.\d+)?)(?P<unit>学时|课时|小时|次|期|场|轮|个|项|家|件|人次|人|篇|天|日|%)"
)
_RATE = re.compile(
    r"(?P<metric>[\u4e00-\u9fff]{0,12}?(?:率|比率|比例|覆盖面|占比))(?:要|应|须|必须)?(?:达到|达|保持|不低于|超过|提高到|提升至|提升到)(?P<value>\d+(?:\.\d+)?)%(?P<more>以上)?"
)
_COUNT = re.compile(r"(?P<verb>推出|建成|打造|培育|举办|开展|创建|培训)(?P<value>\d+)(?P<unit>个|项|场|期|次|家|人次)")


def find_targets(text: str) -> list[Target]:
    """Every quantitative target in a task's text, in order, each once."""
    found: list[tuple[int, Target]] = []
    taken: list[range] = []

    def add(start: int, end: int, target: Target) -> None:
        if any(start in r or end - 1 in r for r in taken):
            return
        taken.append(range(start, end))
        found.append((start, replace(target, context=_clause(text, start, end))))

    for m in _RATE.finditer(text):
        add(m.start(), m.end(), Target(text=m.group(0), value=float(m.group("value")), unit="%"))
    for m in _AT_LEAST.finditer(text):
        add(m.start(), m.end(), Target(text=m.group(0), value=float(m.group("value")), unit=m.group("unit")))
    for m in _COUNT.finditer(text):
        add(m.start(), m.end(), Target(text=m.group(0), value=float(m.group("value")), unit=m.group("unit")))
    return [t for _, t in sorted(found, key=lambda pair: pair[0])]
