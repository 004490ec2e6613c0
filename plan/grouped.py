"""Tasks named inside sentences, grouped by the unit that does them: 省卫健委负责A、B、C等三个项目；省教育厅负责D和E
两个项目；省教育厅、省文旅厅共同负责F项目。 A news report or a notice's summary lists a plan so, with no numbers
and no table. Each clause names its units, a verb, then its matters; where the clause counts them (三个项目) the
matters are cut at 、 and 和 only when the count agrees, else the clause is one task. A clause whose units do not
all read as units is none."""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from plan.roles import split_units
from plan.unit_model import span_kind

_VERB = r"(?:共同|分别|牵头)?负责"
_COUNTED = r"(?P<count>[\d一二两三四五六七八九十]{1,3})(?:个|项|件)"
_MATTER = r"(?:项目|事项|实事|工作|任务)"
_CLAUSE = re.compile(
    rf"^(?:其中[,，]?)?(?P<units>[^,，。;；:：]{{3,60}}?){_VERB}(?P<matters>.+?)(?:等)?(?:{_COUNTED})?{_MATTER}$"
)


@dataclass
class GroupedTask:
    """One matter of a clause and the units the clause names."""

    title: str
    units: list[str]


def _count(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(cn2an.cn2an(text.replace("两", "二"), "smart"))
    except ValueError:
        return None


def _matters(text: str, count: int | None) -> list[str]:
    """The matters of a clause: cut at 、 and 和 where the clause's own count agrees, else one."""
    text = text.strip()
    if count is None or count == 1:
        return [text]
    parts = [p.strip() for p in re.split(r"[、，,]", text) if p.strip()]
    if len(parts) != count:  # 初中教室照明改造和全省中小学生视力监测两个项目: 和 between two matters
        parts = [q.strip() for p in parts for q in p.split("和") if q.strip()]
    return parts if len(parts) == count else [text]


def grouped_tasks(paragraphs: list[str]) -> list[GroupedTask]:
    """Every matter a paragraph's unit-grouped clauses name, in order; none where fewer than two clauses read so."""
    tasks: list[GroupedTask] = []
    for paragraph in paragraphs:
        for sentence in re.split(r"[。]", paragraph):
            clauses = [c.strip() for c in re.split(r"[;；]", sentence) if c.strip()]
            found = [_CLAUSE.match(c) for c in clauses]
            if sum(1 for f in found if f) < 2:
                continue
            for match in found:
                if match is None:
                    continue
                units = split_units(match.group("units"))
                if not units or not all(span_kind(u)[0] in ("unit", "collective") for u in units):
                    continue
                for matter in _matters(match.group("matters"), _count(match.group("count"))):
                    tasks.append(GroupedTask(matter, units))
    return tasks if len(tasks) >= 2 else []
