"""Who does a task: role labels (牵头单位, 责任单位, 配合单位 …) and the unit lists after them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

# Role families. The label is a prefix and a two-character tail (单位 or 部门); a tail one
# character off (责任单住, 牵头部们) is an OCR or typing slip, read with a warning.
_PREFIXES = {
    "牵头": "lead",
    "主办": "lead",
    "主责": "lead",
    "责任": "responsible",
    "落实": "responsible",
    "承办": "responsible",
    "实施": "responsible",
    "主体": "responsible",
    "配合": "cooperating",
    "协办": "cooperating",
    "协助": "cooperating",
    "参与": "cooperating",
    "协同": "cooperating",
    "协作": "cooperating",
}
_TAILS = ("单位", "部门")
_DEADLINE_LABELS = ("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "时间要求", "进度安排", "时限")
_IGNORED_LABELS = ("责任领导", "牵头领导", "分管领导", "责任人", "联系人")

LABEL = re.compile(
    "(?P<ignored>" + "|".join(_IGNORED_LABELS) + ")\\s*:"
    "|(?P<deadline>" + "|".join(_DEADLINE_LABELS) + ")\\s*:"
    "|(?P<prefix>" + "|".join(_PREFIXES) + ")(?P<tail>[^\\s:;,。()、]{2})?\\s*:"
)
_SPLIT = re.compile(r"[、,;/，；]+|(?<=[局委办部院室会处所站队镇厅心关府])和(?=[区市县旗])")
_VERB_TAIL = re.compile(
    r"((?:按照?|根据)(?:各自)?职责(?:分工)?(?:分别|共同)?负责|分别负责|共同负责|负责|牵头|配合|参与|落实|等单位|等部门|等)$"
)
_VERB_PART = re.compile(r"^(?P<units>.+?)(?P<verb>牵头|负责|配合|参与|协助|协办|落实|按职责分工负责|按职责负责)$")
_VERB_ROLE = {
    "牵头": "lead",
    "配合": "cooperating",
    "参与": "cooperating",
    "协助": "cooperating",
    "协办": "cooperating",
}
_UNIT_END = re.compile(
    r"(局|委|办|部|院|室|会|处|所|站|队|镇|厅|中心|机关|政府|单位|部门|街道|苏木|乡|分局|支队|大队|公司|集团|银行|法院|检察院)$"
)


@dataclass
class Roles:
    """Units by role, deadline phrases given as a label, and what was corrected."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    deadline_text: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lead or self.responsible or self.cooperating)

    def add(self, role: str, names: list[str]) -> None:
        """Append names to a role, each once."""
        bucket: list[str] = getattr(self, role)
        bucket.extend(n for n in names if n not in bucket)

    def merge(self, other: Roles) -> None:
        """Take another annotation's units and phrases into this one."""
        for role in ("lead", "responsible", "cooperating"):
            self.add(role, getattr(other, role))
        self.deadline_text.extend(other.deadline_text)
        self.corrections.extend(other.corrections)


def _label_role(match: re.Match[str], corrections: list[str]) -> str | None:
    """The role a label match stands for, or None for labels whose value is not units."""
    if match.group("ignored"):
        return None
    if match.group("deadline"):
        return "deadline"
    prefix, tail = match.group("prefix"), match.group("tail")
    if tail is None or tail in _TAILS:
        return _PREFIXES[prefix]
    if any(Levenshtein.distance(tail, good) == 1 for good in _TAILS):
        fixed = next(good for good in _TAILS if Levenshtein.distance(tail, good) == 1)
        corrections.append(f"{prefix}{tail} read as {prefix}{fixed}")
        return _PREFIXES[prefix]
    return None


_OPEN, _CLOSE = "(《“‘[【", ")》”’]】"
_BARE_GROUP = re.compile(r"各(?:[区县市旗镇乡](?:、[区县市旗镇乡])*)")
_LEVEL_START = re.compile(r"(?:[区县市旗镇乡]|街道|苏木)(?:\(|、|政府|人民政府|管委会|办事处|$)")
# What a parenthesis inside a unit's name holds (各街办(新区), 各县(市、区)政府): places and organs.
_NAME_PART = re.compile(r"[区市县旗镇乡街园委局办会处所站队]|中心|公司|开发区|管委会")


def top_level_parts(value: str) -> list[str]:
    """A list split at separators outside parentheses and quotes: 各县(市、区)政府、区财政局 is two."""
    parts, current, depth = [], "", 0
    for char in value:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and _SPLIT.fullmatch(char):
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    out: list[str] = []
    for part in parts:  # 区司法局和区财政局: a 和 between two whole names
        out.extend(_SPLIT.split(part) if "和" in part and "(" not in part else [part])
    merged: list[str] = []
    for part in out:  # 各区、县(市)政府: 各区 is no name of its own but the start of one with its 、
        if merged and _BARE_GROUP.fullmatch(merged[-1].strip()) and _LEVEL_START.match(part.strip()):
            merged[-1] = f"{merged[-1].strip()}、{part.strip()}"
        else:
            merged.append(part)
    return merged


def split_units(value: str) -> list[str]:
    """Unit names of one role's value, separators and trailing verbs removed; a list is split only
    between whole names, never inside a parenthesis (各县(市、区)政府(管委会) is one)."""
    names: list[str] = []
    for part in top_level_parts(value):
        name = _VERB_TAIL.sub("", part.strip(" .。:")).strip(" .。:")
        # A trailing parenthesis that is not part of the name (a person, a note, a role) is dropped.
        note = re.search(r"\(([^()]*)\)?$", name)
        if note and not (_UNIT_END.search(note.group(1)) or _NAME_PART.search(note.group(1))):
            name = name[: note.start()]
        name = name.strip(" .。:")
        if name.endswith(")") and name.count("(") < name.count(")"):
            name = name[:-1]  # the closing parenthesis of the annotation, not of the name
        if name.startswith("(") and name.count("(") > name.count(")"):
            name = name[1:]
        if not name:
            continue
        if name and name not in names:
            names.append(name)
    return names


def find_labels(text: str) -> list[re.Match[str]]:
    """Every role or deadline label in a text."""
    return list(LABEL.finditer(text))


def parse_labelled(text: str) -> Roles:
    """Read `牵头单位:A、B;责任单位:C;完成时限:…` (any order, any subset)."""
    roles = Roles()
    matches = find_labels(text)
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip(" ;,。")
        role = _label_role(match, roles.corrections)
        if role == "deadline":
            if value:
                roles.deadline_text.append(value)
        elif role:
            # 区司法局（牵头）、区财政局: the marked unit leads, the others keep the label's role.
            marked = re.findall(r"([^、,;，；()]+?)\((?:牵头|主责|牵头单位)\)", value)
            roles.add("lead", [m.strip() for m in marked])
            roles.add(role, [n for n in split_units(value) if n not in marked])
    return roles


def parse_verb_form(text: str) -> Roles:
    """Read `区发改委牵头,区直各部门配合` (roles named by verbs); empty when it does not fit."""
    roles = Roles()
    for part in re.split(r"[,;，；]", text):
        part = part.strip(" 。")
        if not part:
            continue
        match = _VERB_PART.match(part)
        if not match:
            return Roles()
        names = split_units(match.group("units"))
        if not names or not all(_UNIT_END.search(n) for n in names):
            return Roles()
        roles.add(_VERB_ROLE.get(match.group("verb"), "responsible"), names)
    return roles


def _balanced_groups(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of top-level parenthesised groups, end exclusive."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:  # an unclosed "(" that opens a role list still counts, to the end
        spans.append((start, len(text)))
    return spans


_BRACKETED = re.compile(r"[【\[〔]\s*((?:" + "|".join(_PREFIXES) + r"|完成时限|时间节点)[^】\]〕]*)[】\]〕]")


def extract_roles(text: str) -> tuple[str, Roles]:
    """Split a paragraph into its text and its role annotation, wherever the plan put it."""
    text = _BRACKETED.sub(r"(\1)", text)  # 【牵头单位：…】 and [责任单位：…] read as parentheses
    roles = Roles()
    kept: list[str] = []
    pos = 0
    for start, end in _balanced_groups(text):
        inner = text[start + 1 : end - 1 if text[end - 1] == ")" else end]
        found = parse_labelled(inner) if LABEL.match(inner.strip()) else Roles()
        if not found and not found.deadline_text and text[end:].strip(" 。;") == "":
            found = parse_verb_form(inner)
        if found or found.deadline_text:
            kept.append(text[pos:start])
            pos = end
            roles.merge(found)
    kept.append(text[pos:])
    rest = "".join(kept)
    # Labels outside parentheses: everything from the first one on is the annotation.
    outside = [
        m
        for m in find_labels(rest)
        if _label_role(m, []) is not None and (m.start() == 0 or rest[m.start() - 1] in "。;)")
    ]
    if outside:
        first = outside[0].start()
        roles.merge(parse_labelled(rest[first:]))
        rest = rest[:first]
    return rest.strip(), roles
