"""What a plan states about its own lists, read from plan/data/conventions.yaml: the first-listed unit
leads (列第一位者为牵头单位 and its wordings), marked units lead (带*号的为牵头单位), an organ's second name in
brackets (县发改局（粮食局）), and A会同B负责 (A leads, B cooperates). Phrases are data; this module only
composes them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from plan.unit_model import span_kind

CONVENTIONS_FILE = Path(__file__).resolve().parent / "data" / "conventions.yaml"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load(CONVENTIONS_FILE.read_text(encoding="utf-8")) or {}


def _any(words: list[str]) -> str:
    """An alternation of phrases, longest first, each escaped."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def first_leads() -> re.Pattern[str]:
    """A sentence saying the first-listed unit leads: 列第一位者为牵头单位, 牵头单位列第一位."""
    d = _data()["first_leads"]
    placed, position, holder = _any(d["placed"]), _any(d["positions"]), _any(d["holders"])
    copula, lead = _any(d["copulas"]), _any(d["leads"])
    # …or the other way round: 牵头单位列第一位, 牵头单位为排在第一位的单位
    return re.compile(rf"{placed}?{position}{holder}?{copula}{lead}|{lead}{copula}?{placed}{position}")


@lru_cache(maxsize=1)
def marked_leads() -> re.Pattern[str]:
    """A sentence saying marked units lead: 带*号的为牵头单位, 标★的单位为牵头单位."""
    d = _data()["marked_leads"]
    fl = _data()["first_leads"]
    return re.compile(
        rf"{_any(d['verbs'])}?[“\"'‘]?(?P<mark>{_any(d['marks'])})[”\"'’]?号?{_any(fl['holders'])}?"
        rf"{_any(fl['copulas'])}{_any(fl['leads'])}"
    )


def stated_rule(text: str) -> re.Match[str] | None:
    """Where a text states how to read the plan's lists (first listed or marked units lead)."""
    return first_leads().search(text) or marked_leads().search(text)


# A rule's clause inside a list's parenthesis: …、中储粮株洲直属库。排名第一的为牵头单位，下同
_CLAUSE_END = "。;；,，)）"


@lru_cache(maxsize=1)
def _exception_clause() -> re.Pattern[str]:
    """A clause excepting the lists that name their lead, just before a rule: 除标注为“牵头”单位外，."""
    d = _data()["first_leads"]
    return re.compile(rf"{_any(d['except_opens'])}[^。;；,，()（）]{{0,24}}{_any(d['except_closes'])}[,，]?$")


def without_rule(text: str) -> str:
    """A text with each clause that states a rule (and a 下同 after it) left out: what remains is the list. A clause
    excepting marked leads just before the rule (除标注“分别牵头”外，列第一位为牵头单位) goes with it."""
    while found := stated_rule(text):
        start = max((text.rfind(c, 0, found.start()) for c in "。;；,，(（"), default=-1) + 1
        if exception := _exception_clause().search(text[:start]):
            start = exception.start()
        before = re.split(r"[、,，]", text[start : found.start()])[-1]
        if before and span_kind(before)[0] in ("unit", "collective"):
            start = found.start()  # 市发改委、市商务局排名第一的为牵头单位: the rule glued onto the last unit
        end = found.end()
        while end < len(text) and text[end] not in _CLAUSE_END:
            end += 1
        rest = re.match(r"[,，;；]?\s*(?:下同|以下同|后同)", text[end:])
        end += rest.end() if rest else 0
        text = text[:start] + text[end:]
    return text


def only_rule(text: str) -> bool:
    """Whether a text (a parenthesis, a line) is nothing but a stated rule: (排在首位的为牵头单位)."""
    return stated_rule(text) is not None and not re.sub(r"[\s。;；,，:：()（）注备]", "", without_rule(text))


_SECOND = re.compile(r"^(?P<name>.+?)[(（](?P<second>[^()（）]{2,30})[)）]$")


def second_name(name: str) -> tuple[str, str] | None:
    """(the organ, its second name) for 县发改局（粮食局） or 市安委办（工作专班办公室）; None where the bracket holds
    no organ's name: a group (各镇（街道）), a collective (区直各部门（单位）), a qualifier (各区政府（含开发区）) or a
    role (县委办（牵头）)."""
    found = _SECOND.match(name)
    if not found:
        return None
    d = _data()["second_names"]
    bare, second = found.group("name"), found.group("second")
    organ = tuple(d["endings"])
    if not bare.endswith(organ) or not second.endswith(organ):
        return None
    if second.endswith(tuple(d["not_endings"])) or second.startswith(tuple(d["qualifier_starts"])):
        return None
    return bare, second


def field_labels() -> list[str]:
    """Labels of a task's other fields (任务目标, 工作措施 …): data that ends a role's list, never units."""
    return list(_data().get("field_labels") or [])


@lru_cache(maxsize=1)
def progress_line() -> re.Pattern[str]:
    """A line reporting progress (实际完成情况：…): its dates are what was done, not a deadline."""
    return re.compile(rf"^\s*{_any(_data().get('progress_labels') or [])}\s*[:：]")


@lru_cache(maxsize=1)
def heading_lead() -> re.Pattern[str]:
    """A heading naming the lead of the tasks below it: 市发改委牵头的任务, 县财政局负责的重点工作（5项）."""
    d = _data()["heading_leads"]
    return re.compile(rf"^(?P<units>.+?){_any(d['verbs'])}{_any(d['tails'])}$")


@lru_cache(maxsize=1)
def joint() -> re.Pattern[str]:
    """A sentence naming a lead and the units it works with: (由)A会同B(共同)负责."""
    d = _data()["joint"]
    return re.compile(rf"^(?:由)?(?P<lead>.*?){_any(d['with_words'])}(?P<with>.+?){_any(d['then_verbs'])}$")


@lru_cache(maxsize=1)
def role_words() -> dict[str, tuple[str, ...]]:
    """The words that give a label or a header its role (plan/data/conventions.yaml role_words), by role, in the
    order they are tried: not_a_role, cooperating, lead, responsible."""
    return {role: tuple(words) for role, words in _data()["role_words"].items()}


def role_tails() -> tuple[str, ...]:
    """What a role label ends with after its words: 单位, 部门, 科室, 处室."""
    return tuple(_data()["role_tails"])


def role_qualifiers() -> tuple[str, ...]:
    """Words before a label's role words that say nothing of its role: 主要 (主要责任单位), 数据 (数据提供单位)."""
    return tuple(_data()["role_qualifiers"])


def role_of(words: str) -> tuple[str, str] | None:
    """(role, the word that says it) for the words before a label's or a header's tail (数据提供 → not_a_role, 提供;
    配合实施 → cooperating, 配合; 主要责任 → responsible, 责任); None where no word of the table is among them."""
    for role, found in role_words().items():
        word = next((w for w in found if w in words), None)
        if word:
            return role, word
    return None
