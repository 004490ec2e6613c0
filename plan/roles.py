"""Who does a task: role labels (牵头单位, 责任单位, 配合单位 …) and the unit lists after them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from plan.conventions import (
    field_labels,
    heading_lead,
    joint,
    only_rule,
    role_of,
    role_qualifiers,
    role_tails,
    role_words,
    stated_rule,
    without_rule,
)
from plan.deadlines import find_deadlines
from plan.gazetteer import gazetteer
from plan.persons import person_name, without_person
from plan.unit_model import span_kind

# Role families. A label is its role's words and a tail (单位, 部门, 科室, 处室), its role that of the first word the
# table of role words holds (plan/data/conventions.yaml role_words: 牵头责任单位 leads, 配合实施单位 cooperates,
# 数据提供单位 is no role); a tail one character off (责任单住, 牵头部们) is an OCR or typing slip, read with a warning.
_PREFIXES = {word: role for role, words in role_words().items() for word in words}
_TAILS = role_tails()
_WORDS = "|".join(sorted(_PREFIXES, key=len, reverse=True))
# Words before a label's role words that say nothing of its role (主要责任单位, 数据提供单位, 区级牵头部门).
_QUALIFIER = "|".join(sorted(role_qualifiers(), key=len, reverse=True))
# A label saying its list names the persons in charge too (责任单位及责任人：, 牵头单位/负责人：): they are left out.
_PERSONS_TOO = "(?:及|和|/|、)(?:主要)?(?:责任人|负责人|联系人|责任领导|分管领导)"
# Another label inside a role's list that no role word names (联系单位：, 注册单位：): it ends the list; its own list
# is no unit of the task.
_OTHER_LABEL = re.compile(r"(?:^|(?<=[;,，；\s]))(?P<label>[\u4e00-\u9fff]{2,4}(?:单位|部门|科室|处室))\s*:")
_DEADLINE_LABELS = ("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "时间要求", "进度安排", "时限")
# People, not units: 责任领导, 分管省领导, 牵头负责领导, 责任人 …
_IGNORED = (
    r"(?:分管|牵头|责任|负责|联系|包保|包联|挂点|挂钩|督办|协调)?(?:负责)?[省市区县州旗镇乡]?(?:级)?领导"
    r"|(?:项目|工作|具体|单位)?(?:责任人|联系人|负责人)"
    # a position named as a label (分管副市长：王明, 联系副县长：): a person, never a unit
    r"|(?:分管|主管|联系|包保|包联|挂点|牵头|责任)(?:常务)?副?[省市区县州旗]?(?:长|书记|主任|秘书长|主席)"
)
# A label whose value names roles by verbs: 部门分工：省发展改革委牵头，各地、各部门配合。
_VERB_LABELS = ("部门分工", "责任分工", "任务分工", "职责分工")

LABEL = re.compile(
    "(?P<ignored>" + _IGNORED + ")\\s*:"
    "|(?P<deadline>" + "|".join(_DEADLINE_LABELS) + ")\\s*:"
    "|(?P<verbs>" + "|".join(_VERB_LABELS) + ")\\s*:"
    # another field of the task (任务目标：…, 工作措施：…): it ends the list before it
    "|(?P<field>" + "|".join(sorted(field_labels(), key=len, reverse=True)) + ")\\s*:"
    # 牵头责任单位, 协同责任单位: the role's word, then 责任, then the tail
    "|(?P<prefix>(?:" + _WORDS + "){1,3})(?P<tail>[^\\s:;,。()、]{2})?(?:\\((?:单位|部门)\\))?"
    "(?P<persons>" + _PERSONS_TOO + ")?\\s*:"
    # 数据提供单位, 主要责任单位: a qualifier, the role's words, a tail
    "|(?P<qualifier>(?:" + _QUALIFIER + "){1,2})(?P<words>(?:" + _WORDS + "){1,3})"
    "(?P<own_tail>" + "|".join(_TAILS) + ")(?:\\((?:单位|部门)\\))?(?P<own_persons>" + _PERSONS_TOO + ")?\\s*:"
    # A plan in English (or its translation): Lead unit: …; Responsible units: …; Cooperating: …
    "|(?<![A-Za-z])(?i:(?P<english>lead|leading|responsible|cooperating|co-operating|supporting|assisting)"
    "(?:\\s+(?:units?|departments?|agenc(?:y|ies)|organi[sz]ations?|bodies))?)\\s*:"
)
_ENGLISH_ROLE = {"lead": "lead", "leading": "lead", "responsible": "responsible"}
_SPLIT = re.compile(
    r"[、,;/，；]+|(?<=[局委办部院室会处所站队镇厅心关府门])(?:[和及]|会同|联合)(?=[区市县旗省州盟乡镇各])"
)
_VERB_TAIL = re.compile(
    r"((?:按照?|根据)(?:各自)?职责(?:分工)?(?:分别|共同)?负责|(?:分别|共同|各自|具体|组织)?(?:牵头抓总|牵头负责|牵头实施|负责落实|负责|牵头|抓总|主办|协办|配合|参与|参加|落实|实施)|"
    r"分别|等单位|等部门|等|(?:等)?(?:按照?|根据|依)(?:各自)?职(?:责|能)(?:分工)?)$"
)
_VERBS = "牵头抓总|牵头负责|牵头实施|牵头|抓总|主办|负责落实|负责|配合|参与|参加|协助|协办|协同|落实|实施|按职责分工负责|按职责负责"
# Words that glue onto a list before its verb: A、B分别负责, 各乡镇共同落实, 按照各自职责负责.
_GLUE = r"(?:分别|共同|各自|具体|组织|(?:按照?|根据)(?:各自)?职(?:责|能)(?:分工)?|依职责)+"
_VERB_PART = re.compile(rf"^(?P<units>.+?)(?:{_GLUE})?(?P<verb>{_VERBS})$")
_VERB_ROLE = {
    "牵头抓总": "lead",
    "抓总": "lead",
    "牵头负责": "lead",
    "牵头实施": "lead",
    "牵头": "lead",
    "主办": "lead",
    "配合": "cooperating",
    "参与": "cooperating",
    "参加": "cooperating",
    "协助": "cooperating",
    "协办": "cooperating",
    "协同": "cooperating",
    "落实": "responsible",
}
# The verb ending one comma-separated stretch of a role's list: 县扶贫开发办牵头，县教育局…等有关部门参加，各镇街落实.
# A 负责 of any wording keeps the label's own role.
_SEGMENT_VERB = re.compile("(?P<verb>" + "|".join(_VERB_ROLE) + r"|(?:按照?)?(?:职责)?(?:分工)?(?:分别|共同)?负责)$")
# Where a role's list gives way to a note: 以下均需各县市区落实, 下同, 不再做分工, 具体任务均涉及…
_NOTE_START = re.compile(r"^(?:以下|下同|不再|具体任务|其中|注[:：]?|备注|另)")
# X等有关部门: the named unit, and the others the list stands for
_AND_OTHERS = re.compile(
    r"^(?P<named>.+?(?:局|委|办|部|院|室|会|处|所|站|队|厅|中心|政府))等"
    r"(?P<others>(?:[省市区县州旗](?:政府|直|级))?(?:有关|相关|其他)(?:[省市区县州旗]直)?(?:部门|单位))$"
)
_UNIT_END = re.compile(
    r"(局|委|办|部|院|室|会|处|所|站|队|镇|厅|中心|机关|政府|单位|部门|街道|苏木|乡|分局|支队|大队|公司|集团|银行|法院|检察院|"
    r"社|科|海关|行|联|协|馆|台|校|开发区|园区|新区|示范区|高新区|管理区"
    # and in English: Finance Bureau, Development and Reform Commission, People's Government …
    r"|(?i:\b(?:bureau|commission|office|department|committee|government|administration|agency|cent(?:er|re)|"
    r"authority|council|court|procuratorate|group|company|corporation|bank|association|federation|station|"
    r"brigade|team|institute|university|college|school|hospital|zone|park|customs)s?))$"
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
    """The role a label match stands for, or None for labels whose value is not units (a field, a person, units a
    plan names apart from the roles: 数据提供单位)."""
    if match.group("ignored") or match.group("field"):
        return None
    if match.group("deadline"):
        return "deadline"
    if match.group("verbs"):
        return "verbs"
    if match.group("english"):
        return _ENGLISH_ROLE.get(match.group("english").lower(), "cooperating")
    found = label_reading(match)
    if found is None or found[1] == "not_a_role":
        return None
    prefix, tail = match.group("prefix"), match.group("tail")
    if prefix is not None and tail is not None and tail not in _TAILS:
        fixed = next(good for good in _TAILS if Levenshtein.distance(tail, good) == 1)
        corrections.append(f"{prefix}{tail} read as {prefix}{fixed}")
    return found[1]


def label_reading(match: re.Match[str]) -> tuple[str, str, str] | None:
    """(the label as printed, its role or not_a_role, the word that says so) for a role label (牵头单位 → lead, 牵头;
    数据提供单位 → not_a_role, 提供); None for any other label, and for a tail that is no tail nor one slip off one."""
    if match.group("qualifier") is not None:
        words, label = match.group("qualifier") + match.group("words"), match.group("qualifier")
        label += match.group("words") + match.group("own_tail") + (match.group("own_persons") or "")
    elif match.group("prefix") is not None:
        words, tail = match.group("prefix"), match.group("tail")
        if tail is not None and tail not in _TAILS and not any(Levenshtein.distance(tail, t) == 1 for t in _TAILS):
            return None
        label = words + (tail or "") + (match.group("persons") or "")
    else:
        return None
    found = role_of(words)
    return (label, *found) if found else None


def read_labels(texts: list[str]) -> list[str]:
    """How each role label of a document was read, once each, for `duban parse --explain`: 牵头单位 → lead (牵头);
    数据提供单位 → not a role (提供): 市统计局, 成都调查队 left out."""
    read: dict[str, tuple[str, str, list[str]]] = {}
    for text in texts:
        matches = find_labels(text)
        for i, match in enumerate(matches):
            found = label_reading(match)
            if found is None:
                continue
            label, role, word = found
            entry = read.setdefault(label, (role, word, []))
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            value = text[match.end() : end]
            if role == "not_a_role":
                value = re.split(r"[;；。)）〕】\]]", value)[0]
                entry[2].extend(n for n in split_units(value) if n not in entry[2])
            elif other := _OTHER_LABEL.search(value):  # 联系单位：区委办 inside a role's list
                rest = re.split(r"[;；。)）〕】\]]", value[other.end() :])[0]
                apart = read.setdefault(other["label"], ("not_a_role", "no role word", []))
                apart[2].extend(n for n in split_units(rest) if n not in apart[2])
    said = []
    for label, (role, word, apart) in read.items():
        if role == "not_a_role":
            left = f": {'、'.join(apart[:6])}{' …' if len(apart) > 6 else ''} left out" if apart else ""
            said.append(f"{label} → not a role ({word}){left}")
        else:
            persons = ", the persons in its list left out" if re.search(_PERSONS_TOO + "$", label) else ""
            said.append(f"{label} → {role} ({word}){persons}")
    return said


_OPEN, _CLOSE = "(《“‘[【〔", ")》”’]】〕"
_BARE_GROUP = re.compile(
    r"(?:各(?:有关|相关)?|相关|有关)(?:[区县市旗镇乡州](?:、[区县市旗镇乡州])*)(?:[(〔][区县市旗镇乡州、]+[)〕])?"
)
_LEVEL_START = re.compile(r"(?:县级市|[区县市旗镇乡]|街道|苏木)(?:\(|、|政府|人民政府|管委会|办事处|$)")
# 各市〔州〕、贵安新区数据管理部门: the places of a group share the organ noun that ends the list's next name.
_SHARED_NOUN = re.compile(r"^(?![省市区县旗镇乡各])[\u4e00-\u9fff]{2,20}(?:部门|单位|机构)$")
# What a parenthesis inside a unit's name holds (各街办(新区), 各县(市、区)政府): places and organs.
_NAME_PART = re.compile(r"[区市县旗镇乡街园委局办会处所站队]|中心|公司|开发区|管委会")


def _outside_brackets(value: str, separators: str) -> list[str]:
    """`value` cut at each of `separators` that stands outside parentheses and quotes."""
    parts, current, depth = [], "", 0
    for char in value:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and char in separators:
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return parts


def top_level_parts(value: str) -> list[str]:
    """A list split at separators outside parentheses and quotes: 各县(市、区)政府、区财政局 is two."""
    parts = _outside_brackets(value, "、,;/，；")
    out: list[str] = []
    for part in parts:  # 区司法局和区财政局: a 和 between two whole names
        joined = any(word in part for word in ("和", "及", "会同", "联合"))
        out.extend(_SPLIT.split(part) if joined and "(" not in part else [part])
    merged: list[str] = []
    for part in out:  # 各区、县(市)政府: 各区 is no name of its own but the start of one with its 、
        group = merged and (_BARE_GROUP.fullmatch(merged[-1].strip()) or _open_group(merged[-1].strip(), part.strip()))
        if group and (_LEVEL_START.match(part.strip()) or _SHARED_NOUN.match(part.strip())):
            merged[-1] = f"{merged[-1].strip()}、{part.strip()}"
        else:
            merged.append(part)
    return _shared_ending(merged)


_LEVEL_WORD = re.compile(r"^(?:街道|乡镇|镇街|社区|镇|乡|村)$")


# 13个街道、镇: places counted, then another level's word: the count covers both.
_COUNTED_PLACES = re.compile(r"^[\d一二三四五六七八九十百]+个(?:街道|乡镇|镇街|社区|镇|乡|村)$")


def _open_group(before: str, part: str) -> bool:
    """各试点乡镇、街道 or 13个街道、镇: a collective the reader knows, or places counted, and after it only a level's
    word, are one group."""
    if not _LEVEL_WORD.match(part):
        return False
    if _COUNTED_PLACES.match(before):
        return True
    return before.startswith(("各", "相关", "有关")) and span_kind(before)[0] == "collective"


def _shared_ending(parts: list[str]) -> list[str]:
    """哈尔滨、黑河、绥芬河市政府 and 银川市、石嘴山市、吴忠市人民政府: places named bare before a place's organ share that
    organ's name (哈尔滨市政府 …, 银川市人民政府 …); a place is one of the gazetteer's cities or counties."""
    book = gazetteer()
    out = list(parts)
    for i, part in enumerate(parts):
        name = part.strip()
        place = next((name[:n] for n in range(min(len(name) - 1, book.longest), 1, -1) if name[:n] in book.by_name), "")
        if not place or i == 0:
            continue
        ending = place[-1] if place[-1] in "市县区旗州盟" else ""
        organ = name[len(place) :]
        if glued := _GLUED.match(organ):  # 吴忠市人民政府配合: the role word is the list's, not the shared name's
            organ = glued.group("unit")
        j = i - 1
        while j >= 0 and (bare := _bare_place(parts[j].strip(), ending, book.by_name)):
            out[j] = bare + organ
            j -= 1
    return out


def _bare_place(part: str, ending: str, places: Mapping[str, object]) -> str:
    """A place named bare in a list (黑河 or 石嘴山市) as the place with its level's ending, or "" for anything else."""
    if not part:
        return ""
    if (part + ending) in places and span_kind(part)[0] == "other":
        return part + ending
    return part if ending and part.endswith(ending) and part in places else ""


def split_units(value: str) -> list[str]:
    """Unit names of one role's value, separators and trailing verbs removed; a list is split only
    between whole names, never inside a parenthesis (各县(市、区)政府(管委会) is one)."""
    names: list[str] = []
    for part in top_level_parts(value):
        name = part.strip(" .。:")
        while (shorter := _VERB_TAIL.sub("", name).strip(" .。:")) != name and shorter:
            name = shorter  # 基层处等按职责分工落实: 落实, then 等按职责分工
        name = re.sub(r"^(?:由|请)(?=.{3})", "", name)  # 由区发改局牵头
        name = re.sub(r"^等(?=.*(?:有关|相关|其他)(?:部门|单位)$)", "", name)  # 区农业农村局、等区政府有关部门
        others = _AND_OTHERS.match(name)
        if others:  # 区司法局等有关部门: the bureau, and the others the list stands for
            names.extend(n for n in (others.group("named"), others.group("others")) if n not in names)
            continue
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
        if (_PERSON_PART.search(name) or _is_person(name)) and not _UNIT_END.search(name):
            continue  # a person or a position in the list (分管副区长, 张三同志): no unit
        if name and name not in names:
            names.append(name)
    return names


_NOT_A_LIST = re.compile(r"[。:;!?\d]|[的是要将把对在]")


def bare_units(line: str) -> list[str]:
    """The units of a line that is only a list of unit names (县发改局、县财政局), with no label and no verb;
    nothing for any other line (a heading, a sentence, a signature's office with its date below)."""
    if len(line) > 80 or _NOT_A_LIST.search(re.sub(r"\([^()]*\)", "", line)) or stated_rule(line):
        return []
    names = split_units(line)
    organs = [n for n in names if _UNIT_END.search(re.sub(r"\([^()]*\)$", "", n))]
    # Counties, districts and cities named whole among organs (市发展改革委，川汇区、商水县、项城市、沈丘县人民政府) are
    # units too; a list of places alone (a column of 建设地点) is none.
    if not organs or not all(2 < len(n) <= 25 and (n in organs or _whole_place(n)) for n in names):
        return []
    return names


def field_line(text: str) -> bool:
    """Whether a line starts with another field of its task (任务目标：…): the task's text, never free text."""
    found = LABEL.match(text)
    return bool(found and found.group("field"))


_COUNT_NOTE = re.compile(r"[(（]\s*(?:共|计)?\s*[\d一二三四五六七八九十]+\s*(?:项|条|个|件)\s*[)）]$")


def heading_units(head: str) -> list[str]:
    """The units a section heading names as the lead of its tasks (一、市发改委牵头的任务, （一）县财政局,
    二、区住建局（5项）); nothing for a heading of a matter (一、优化营商环境)."""
    text = _COUNT_NOTE.sub("", head.strip(" 。:：")).strip()
    found = heading_lead().match(text)
    if found:
        names = split_units(found.group("units"))
        return names if names and all(_reads_as_unit(n) for n in names) else []
    return bare_units(text)


def find_labels(text: str) -> list[re.Match[str]]:
    """Every role or deadline label in a text."""
    return list(LABEL.finditer(text))


def _role_value(value: str) -> str:
    """A role's list up to where the plan moves on to a note: the first full stop, or 以下…/下同/不再…."""
    value = value.split("。")[0]
    kept = []
    for segment in re.split(r"(?<=[,，;；])", value):
        if _NOTE_START.match(segment.strip()):
            break
        kept.append(segment)
    return "".join(kept).strip(" ;,，；")


_AFTER_TIME = re.compile(r"^(?:前|之前|以前)?(?:完成|启动|见效|到位|实现|落实|持续推进|推进|取得成效|取得实效)?$")


def deadline_part(segment: str) -> bool:
    """Whether a stretch of a role's list is its deadline, not a unit (…湘西经开区管委会，6月底完成 / 年内持续推进)."""
    text = segment.strip(" 。")
    found = find_deadlines(text, 2000)  # any year: only the phrase's shape matters here
    rest = text
    for deadline in found:
        rest = rest.replace(deadline.text, "", 1)
    return bool(found) and bool(_AFTER_TIME.match(rest.strip()))


def _add_by_verbs(roles: Roles, value: str, label_role: str) -> None:
    """Each stretch of a list in the role its own verb says (牵头 leads, 参加 cooperates, 落实 carries it
    out), else the label's role: 责任单位：县扶贫开发办牵头，县教育局等有关部门参加，各镇街落实."""
    for segment in _outside_brackets(value, ",，;；"):
        if not segment.strip():
            continue
        if deadline_part(segment):  # 责任单位：…，6月底完成: the list's deadline
            roles.deadline_text.append(segment.strip(" 。"))
            continue
        if each := _each_glued(segment):  # 省财政厅主办、省发改委协办: each name its own role
            for role, names in each:
                roles.add(role or label_role, names)
            continue
        found = _SEGMENT_VERB.search(segment.strip(" 。"))
        role = _VERB_ROLE.get(found.group("verb"), label_role) if found else label_role
        roles.add(role, split_units(segment))


_MARKED_LEAD = re.compile(r"([^、,;，；()]+?)\((?:牵头|主责|牵头单位)\)")
_MARKED_COOP = re.compile(r"([^、,;，；()]+?)\((?:配合|协办|参与|协助|配合单位)\)")


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
            value = _role_value(value)
            if other := _OTHER_LABEL.search(value):  # …；联系单位：区委办: a label no role word names ends the list
                value = value[: other.start()].strip(" ;,，；")
            # 区司法局（牵头）、区财政局: the marked unit leads, the others keep the label's role.
            roles.add("lead", [m.strip() for m in _MARKED_LEAD.findall(value)])
            roles.add("cooperating", [m.strip() for m in _MARKED_COOP.findall(value)])  # 区财政局（配合）
            value = _MARKED_COOP.sub("", value)
            # 部门分工：A牵头，B配合 names every role by its verb; a bare name there is responsible.
            _add_by_verbs(roles, _MARKED_LEAD.sub("", value), "responsible" if role == "verbs" else role)
            if role != "verbs":
                sure = bool(match.group("persons") or match.group("own_persons"))
                _without_persons(roles, sure)
    return roles


def _without_persons(roles: Roles, sure: bool) -> None:
    """The persons in a label's lists left out, as a table's unit cell leaves them out (plan/persons.py): a name glued
    after a unit's (市民政局伍泽国, 市民政局 伍泽国), or standing alone where the label says its list names persons too
    (责任单位及责任人：市公安局、张华)."""
    for role in ("lead", "responsible", "cooperating"):
        kept: list[str] = []
        for name in getattr(roles, role):
            spaced = re.fullmatch(r"(?P<unit>\S+)\s+(?P<person>\S{2,3})", name)
            if spaced and _UNIT_END.search(spaced["unit"]) and person_name(spaced["person"], sure=True):
                name = spaced["unit"]
            if person_name(name, sure=sure):
                continue
            name = without_person(name)
            if name not in kept:
                kept.append(name)
        setattr(roles, role, kept)


def marked_list(value: str, role: str) -> Roles:
    """A role column's cell whose units carry their own role (区司法局（牵头）、区财政局): the marked ones
    lead (or cooperate), the others keep the column's role."""
    roles = Roles()
    roles.add("lead", [m.strip() for m in _MARKED_LEAD.findall(value)])
    roles.add("cooperating", [m.strip() for m in _MARKED_COOP.findall(value)])
    # 办公室牵头，各科室配合 in a 责任部门 column: each stretch in the role its own verb says, else the column's
    _add_by_verbs(roles, _MARKED_COOP.sub("", _MARKED_LEAD.sub("", value)), role)
    return roles


# A person or a position, not a unit: 分管副省长负责, 常务副市长负责, 张三同志负责 (skipped inside a role list).
_PERSON_PART = re.compile(
    r"^(?:分管|主管|联系)?(?:常务)?副?(?:省|市|区|县|州|旗)?(?:长|主席|书记|秘书长|副秘书长|主任|领导)$|同志$|(?:省|市|区|县)领导$"
    r"|(?:分管|主管|联系|负责)(?:副?[省市区县州旗]长|领导)(?:同志)?$|领导(?:同志)?$|常委$|[省市区县州旗]长$|书记$"
    r"|(?:[省市区县州旗]长|书记|主任|主席|常委)[\u4e00-\u9fff]{2,3}$"  # a position and the person's name
)


_GLUED = re.compile(r"^(?P<unit>.+?)(?P<verb>主办|协办|牵头|配合|参与|协助)$")


def _each_glued(value: str) -> list[tuple[str | None, list[str]]] | None:
    """A list whose names carry role words glued on, two or more of them (省财政厅主办、省发改委协办): each name with
    the role its word says, or None where it has none; None where fewer than two names carry one."""
    out: list[tuple[str | None, list[str]]] = []
    glued = 0
    for part in top_level_parts(value):
        part = part.strip(" 。")
        found = _GLUED.match(part)
        if found and _reads_as_unit(found.group("unit")):
            out.append((_VERB_ROLE[found.group("verb")], split_units(found.group("unit"))))
            glued += 1
        elif part:
            out.append((None, split_units(part)))
    return out if glued >= 2 else None


def _reads_as_unit(name: str) -> bool:
    """A name that ends as organs do, or that the unit reader reads as a unit or a collective."""
    return bool(_UNIT_END.search(re.sub(r"\([^()]*\)$", "", name))) or span_kind(name)[0] in ("unit", "collective")


def _reads_as_other(name: str) -> bool:
    """A name the unit reader is sure is no unit (试行, 含县城), whatever its last character."""
    kind, sure = span_kind(name)
    return kind == "other" and sure >= 0.75


def _is_person(name: str) -> bool:
    """A person or a position (分管副省长, 李明同志), as the unit reader reads it."""
    kind, sure = span_kind(name)
    return kind == "person" and sure >= 0.8


def _all_units(names: list[str]) -> bool:
    """Whether every name of a list is a unit: ends as organs do, names a county, district or city whole (川汇区、
    商水县、项城市: the place's government, as the plan prints it), or, after a collective in the same list, reads as
    one with 各 before it (区相关部门、街道、板块: the streets and the zones, each 各 of them)."""
    for i, name in enumerate(names):
        if _UNIT_END.search(re.sub(r"\([^()]*\)$", "", name)) or _whole_place(name):
            continue
        grouped = any(span_kind(n)[0] == "collective" for n in names[:i])
        if not (grouped and len(name) <= 6 and span_kind("各" + name)[0] == "collective"):
            return False
    return True


def _whole_place(name: str) -> bool:
    """A county, district, banner or city named whole, with its level's ending (川汇区, 项城市, 镇宁自治县)."""
    return name[-1:] in "区县市旗" and len(name) >= 3 and gazetteer().is_place(name)


def parse_verb_form(text: str) -> Roles:
    """Read `区发改委牵头,区直各部门配合` (roles named by verbs); empty when it does not fit. A person or
    a position first (分管副省长负责，省发展改革委牵头) is skipped, not a reason to drop the list."""
    roles = Roles()
    note = re.search(r"。(?=\s*" + _NOTE_START.pattern.lstrip("^") + ")", text)
    if note:  # 市民政局牵头，各区、市政府负责落实。以下各项工作均需…: the list ends where the note begins
        text = text[: note.start()]
    pending = ""  # a stretch of names with no verb of its own: 区财政局、区水务局等部门，区国投公司配合
    parts = [p.strip(" 。") for p in _outside_brackets(text, ",;，；")]
    for i, part in enumerate(parts):
        if not part:
            continue
        if deadline_part(part) and not pending:  # (国务院各部门分别负责，年内持续推进): the deadline, not a unit
            roles.deadline_text.append(part)
            continue
        if pending:
            part, pending = f"{pending}、{part}", ""
        if i + 1 < len(parts) and parts[i + 1] and not _VERB_PART.match(part) and not joint().match(part):
            names = split_units(part)
            if names and all(_reads_as_unit(n) or _whole_place(n) for n in names):
                pending = part
                continue
        together = joint().match(part)
        if together:  # 区应急局会同区委宣传部负责: the first leads, the others work with it
            lead, others = split_units(together.group("lead")), split_units(together.group("with"))
            lead = lead or roles.lead  # 由A牵头，会同B负责: the lead named just before
            if lead and others and all(_UNIT_END.search(re.sub(r"\([^()]*\)$", "", n)) for n in lead + others):
                roles.add("lead", lead)
                roles.add("cooperating", others)
                continue
        if each := _each_glued(part):  # 省财政厅主办、省发改委协办
            if any(role is None for role, _ in each):
                return Roles()
            for role, names in each:
                roles.add(str(role), names)
            continue
        match = _VERB_PART.match(part)
        if not match:
            return Roles()
        who = match.group("units").strip()
        if (_PERSON_PART.search(who) or _is_person(who)) and not _UNIT_END.search(who):
            continue
        names = split_units(match.group("units"))
        if not names or not _all_units(names):
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


_INLINE_NEXT = re.compile(r"\s*(?:\(\s*\d{1,2}\s*\)|[\u2460-\u2473])")  # the next numbered sub-item


def _organs(inner: str, ruled: bool = False) -> Roles:
    """(工信部、公安部、应急管理部): a parenthesis at a task's end naming only organs, with no label or
    verb, lists the units responsible for it (as State Council plans write them). Where the parenthesis
    also stated how to read it (…。排名第一的为牵头单位), it is a list for sure: most names being organs will do
    (中储粮株洲直属库 is a depot)."""
    roles = Roles()
    kept = []  # the parenthesis's names less its persons and notes: (分管副市长、市发改委、市财政局) names two units
    for part in top_level_parts(inner):
        found = _GLUED.match(part.strip(" 。"))
        if found and _reads_as_unit(found.group("unit")):  # 省财政厅主办, 省商务厅协办: a role word glued on
            roles.add(_VERB_ROLE[found.group("verb")], split_units(found.group("unit")))
            continue
        kind, sure = span_kind(part.strip(" 。"))
        if kind in ("person", "role") and sure >= 0.8 and not _UNIT_END.search(part):
            continue
        kept.extend(split_units(part))
    names = list(dict.fromkeys(kept))
    organs = [n for n in names if _reads_as_unit(n) and not _reads_as_other(n) and len(n) <= 30]
    if not names and roles:
        return roles
    if not names or len(organs) < (len(names) / 2 if ruled else len(names)) or any(len(n) > 30 for n in names):
        return Roles()
    roles.add("responsible", names)
    return roles


_BRACKETED = re.compile(r"[【\[〔]\s*((?:" + "|".join(_PREFIXES) + r"|完成时限|时间节点)[^】\]〕]*)[】\]〕]")


# 〔省发展改革委牵头，省直有关单位按职责分工负责〕: a list that names its units' roles by verbs, in square brackets.
_VERB_BRACKETS = re.compile(r"[【\[〔](?P<inner>[^【】\[\]〔〕]{2,300})[】\]〕]")


def _verbs_in_brackets(found: re.Match[str]) -> str:
    """A bracket holding a list named by verbs reads as that list in parentheses; any other bracket (〔2022〕,
    各县〔市、区〕政府) stays as it is."""
    inner = found.group("inner")
    return f"({inner})" if parse_verb_form(inner) else found.group(0)


_LABEL_IN_BRACKETS = re.compile(r"[【\[〔]\s*(?P<label>[^【】\[\]〔〕:：]{2,8}?)\s*[】\]〕]\s*:?")


def _bracketed_label(found: re.Match[str]) -> str:
    """【牵头单位】区发改局: a label in brackets with its value after them reads as 牵头单位：区发改局."""
    label = found.group("label")
    return f"{label}:" if (m := LABEL.fullmatch(f"{label}:")) and _label_role(m, []) is not None else found.group(0)


def role_sentence_ends(text: str) -> list[int]:
    """Where each sentence that ends in a role list of its own ends (推进项目建设（区发改局牵头）。| 加强统计…):
    just after the sentence's stop that follows such a parenthesis, or just after the parenthesis where it follows
    the stop and the next sentence runs on (…左右。（市公安局牵头）| 万元…)."""
    ends = []
    labelled = [m.span() for m in _BRACKETED.finditer(text)]  # [牵头单位：县发改局（粮食局）；…]: one list, not two
    for start, end in _balanced_groups(text):
        if any(a < start < b for a, b in labelled):
            continue
        if end < len(text) - 1 and text[end] in "。;；" and extract_roles(text[start:end])[1]:
            ends.append(end + 1)
        elif 0 < start and text[start - 1] in "。;；" and end < len(text) and extract_roles(text[start:end])[1]:
            # 常住人口控制在1150万人左右。（市公安局牵头）万元…: the list after the stop, then the next sentence
            ends.append(end)
    return ends


def starts_with_label(text: str) -> bool:
    """Whether a line starts with a role, deadline or field label, bare (牵头单位：) or in brackets (【牵头单位】)."""
    if LABEL.match(text):
        return True
    found = _LABEL_IN_BRACKETS.match(text)
    return found is not None and _bracketed_label(found) != found.group(0)


def extract_roles(text: str) -> tuple[str, Roles]:
    """Split a paragraph into its text and its role annotation, wherever the plan put it."""
    text = _LABEL_IN_BRACKETS.sub(_bracketed_label, text)  # 【牵头单位】区发改局【责任单位】…
    text = _BRACKETED.sub(r"(\1)", text)  # 【牵头单位：…】 and [责任单位：…] read as parentheses
    text = _VERB_BRACKETS.sub(_verbs_in_brackets, text)  # 〔省发展改革委牵头，…按职责分工负责〕 too
    roles = Roles()
    kept: list[str] = []
    pos = 0
    for start, end in _balanced_groups(text):
        inner = text[start + 1 : end - 1 if text[end - 1] == ")" else end]
        if only_rule(inner):  # (排在首位的为牵头单位): how to read the lists, neither text nor units
            kept.append(text[pos:start])
            pos = end
            continue
        ruled = bool(stated_rule(inner))
        if ruled:  # (A、B、C。排名第一的为牵头单位，下同): the list without the rule
            inner = without_rule(inner).strip(" 。;,，；")
        first = LABEL.search(inner)
        # (预期性指标，牵头单位：…): a short note may stand before the first label.
        labelled = first is not None and (
            first.start() == 0 or (first.start() <= 12 and inner[first.start() - 1] in ",，;；")
        )
        found = parse_labelled(inner[first.start() :]) if labelled and first else Roles()
        at_end = text[end:].strip(" 。;") == "" or _INLINE_NEXT.match(text[end:])
        if not found and not found.deadline_text and at_end:
            found = parse_verb_form(inner) or _organs(inner, ruled)
        if found or found.deadline_text:
            kept.append(text[pos:start])
            pos = end
            roles.merge(found)
    kept.append(text[pos:])
    rest = "".join(kept)
    # Labels outside parentheses: everything from the first one on is the annotation.
    # A line that opens with a label is a line of fields (牵头领导：张三　责任单位：市公安局　项目责任人：李四　配合单位：…,
    # the spaces between them lost): each label on it starts a field, wherever it stands.
    fields = LABEL.match(rest) is not None
    outside = [
        m
        for m in find_labels(rest)
        if _label_role(m, []) is not None and (fields or m.start() == 0 or rest[m.start() - 1] in "。;)")
    ]
    if outside:
        first = outside[0].start()
        roles.merge(parse_labelled(rest[first:]))
        rest = rest[:first]
    if not roles:  # 做好预警发布工作。区应急局会同区委宣传部负责。: a sentence of units and verbs only
        sentences = rest.split("。")
        for i, sentence in enumerate(sentences[1:], start=1):
            found = parse_verb_form(sentence.strip(" ;；")) if sentence.strip() else Roles()
            if found:
                roles.merge(found)
                sentences[i] = ""
        rest = "。".join(s for s in sentences if s) + ("。" if rest.endswith("。") and roles else "")
    if not roles:  # 由张三副市长负责，市发改委牵头，相关部门配合，尽快完成…: a sentence opening with who does it
        sentences = rest.split("。")
        for i, sentence in enumerate(sentences):
            after, found = _leading_clause(sentence)
            if found:
                roles.merge(found)
                sentences[i] = after
        rest = "。".join(sentences)
    return rest.strip(), roles


_CLAUSE_MAX = 6  # comma-separated stretches a sentence's opening list of who does what may run to


def _leading_clause(sentence: str) -> tuple[str, Roles]:
    """A sentence whose opening stretches name who does it by verbs, a lead or a responsible unit among them, and
    then what is to be done (由分管副市长负责，市发改委牵头，相关部门配合，尽快完成…): the roles, and the sentence from its
    action on; nothing where it does not open so (a person's stretch alone names no unit)."""
    parts = _outside_brackets(sentence, ",，")
    for k in range(min(len(parts) - 1, _CLAUSE_MAX), 0, -1):
        found = parse_verb_form("，".join(parts[:k]))
        if found.lead or found.responsible:
            return "，".join(parts[k:]), found
    return sentence, Roles()
