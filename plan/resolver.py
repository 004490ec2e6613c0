"""What people type, mapped to one of the plan's units: aliases, prefixes, typos, pinyin, English,
names inside sentences. Two units that fit give candidates; a unit not in the plan gives none."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, Levenshtein

from plan.directory import Directory
from plan.gazetteer import gazetteer
from plan.places import LEVELS, Places, leading_places, level_word, own_zone, plan_places, short_place
from plan.text import clean_line, simplified

NAMING_FILE = Path(__file__).resolve().parent / "data" / "naming.yaml"
ORGANS_FILE = Path(__file__).resolve().parent / "data" / "organs.yaml"
_LATIN = re.compile(r"^[a-z0-9 '\-&.,]+$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['’](?=[A-Za-z])")  # Xi'an, Xian'an: one word
_ORGAN_ENDS = "局委办厅"  # what ends an organ's name inside a longer text (财政局商务局)
_JOINED = re.compile(r"[和与及、,，/]")  # between two names typed together
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’][sS]\b")  # People's Government: people government
_PUNCT = re.compile(r"[\s\"'“”‘’《》<>「」【】()（）,，.。!！?？:：;；、~～·]+")
_GROUP_BRACKETS = re.compile(r"[（(〔\[][^）)〕\]]{1,8}[）)〕\]]")  # 各县（市、区）: the places a group lists
# 市直各有关单位, 市级其他有关单位: words inside a group's name
_GROUP_FILLERS = re.compile(r"(?<=.)(?:各有关|各相关|其他有关|其他相关|各|有关|相关|其他)")
_JOINT = re.compile(r"^(?P<zone>[\u4e00-\u9fff]{2,}?)党工委(?:和|与|及)?(?:管委会|管理委员会)$")  # 高新区党工委和管委会
_GROUP_INLINE = re.compile(r"[（(〔\[〈<）)〕\]〉>、，,]")  # 各县〔市、区〕政府 written inline: 各县市区政府
_MERGED = re.compile(r"^(?P<a>[\u4e00-\u9fff]{2,5})和(?P<b>[\u4e00-\u9fff]{2,6}?)(?P<end>委员会|局|委|办)$")


def _halves(core: str) -> list[str]:
    """The two organs a merged one joins: 科技和经信局 → 科技局, 经信局."""
    found = _MERGED.match(core)
    if found is None:
        return []
    return [found.group("a") + found.group("end"), found.group("b") + found.group("end")]


_NATIONAL = ("国家", "国务院", "中央", "全国")  # the national level: above every place's own organs
MAX_SCAN = 20  # longest unit name looked for inside a sentence
# A national bureau's branch in a place (国家外汇管理局某省分局): that place's organ of the bureau's kind.
_NATIONAL_BRANCH = re.compile(r"^(?:国家|中国)(?P<organ>[\u4e00-\u9fff]{2,}?局)(?P<place>[\u4e00-\u9fff]{2,}?)分局$")
# A higher place's bureau's branch in a place (甲市生态环境局乙县分局): that place's organ of the bureau's kind.
_PLACE_BRANCH = re.compile(r"^(?P<organ>[\u4e00-\u9fff]{2,}?局)(?P<place>[\u4e00-\u9fff]{2,}?)分局$")
_NATIONAL_ORGAN = re.compile(
    r"^(?:国家|中国)[\u4e00-\u9fff]{1,6}?局(?=[\u4e00-\u9fff]{4})"
)  # 国家统计局 before a place
_PLACE_SHAPED = re.compile(r"[\u4e00-\u9fff]{2,5}(?:区|县|市|旗|州|盟|地区|镇|乡|街道)")
_ORGAN_END = re.compile(r"(局|委|会|府|部|办|院|室|厅|中心|机关)$")
# An organ with its second name in brackets (市商务局（市粮食和物资储备局）): one organ known by either name.
_SECOND_NAME = re.compile(r"^(?P<first>[^（()）]{2,})[（(](?P<second>[^（()）]{2,})[）)]$")
LOOKALIKES_FILE = Path(__file__).resolve().parent / "data" / "lookalikes.tsv"


def second_name(unit: str) -> tuple[str, str] | None:
    """An organ's name and its second name where a plan writes it in brackets (市商务局（市粮食和物资储备局）,
    发改局(服务业发展局)): both organs' names; None for any other name (各县（市）区政府, 区政府（各街道）)."""
    found = _SECOND_NAME.match(unit.strip())
    if found is None:
        return None
    first, second = found.group("first"), found.group("second")
    if not (_ORGAN_END.search(first) and _ORGAN_END.search(second)) or second.startswith(("各", "有关", "相关")):
        return None
    return first, second


@lru_cache(maxsize=1)
def lookalikes() -> frozenset[frozenset[str]]:
    """Pairs of characters mistaken for each other by their shape, in handwriting and with a shape-based input method
    (政 and 攻, 计 and 汁: plan/data/lookalikes.tsv)."""
    pairs: set[frozenset[str]] = set()
    for line in LOOKALIKES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            chars = [c for c in line.split("\t")[0] if not c.isspace()]
            pairs |= {frozenset((a, b)) for a in chars for b in chars if a != b}
    return frozenset(pairs)


def _lookalike_typo(typed: str, name: str) -> bool:
    """`typed` is `name` with one character replaced by one that looks like it (财攻局 for 财政局)."""
    if len(typed) != len(name):
        return False
    wrong = [(a, b) for a, b in zip(typed, name, strict=True) if a != b]
    return len(wrong) == 1 and frozenset(wrong[0]) in lookalikes()


def _national(units: list[str]) -> bool:
    """Units of a national plan: most are ministries (…部) or national administrations (国家…, 中国…局), one at least
    named so (a development zone's 招商工作部 is no ministry)."""
    organs = [u for u in units if not u.startswith(("各", "有关", "相关", "其他"))]
    named = [u for u in organs if u.startswith(_NATIONAL + ("中国", "中华"))]
    shaped = [u for u in organs if u in named or u.endswith(("部", "总局", "总署", "总社"))]
    return bool(named) and len(shaped) * 2 > len(organs)


@dataclass(frozen=True)
class Match:
    """The answer for one query: a unit, or candidates, or nothing, and how it was found."""

    query: str
    unit: str | None
    score: float
    candidates: list[str]
    reason: str
    matched: str = ""  # the part of a sentence that named the unit (find_in)

    def to_json(self) -> dict[str, Any]:
        """As `duban resolve --json` prints it."""
        return {
            "query": self.query,
            "unit": self.unit,
            "score": round(self.score, 1),
            "candidates": self.candidates,
            "reason": self.reason,
        }


@dataclass
class Naming:
    """Naming conventions of Chinese government (plan/data/naming.yaml)."""

    synonyms: list[list[str]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    distinct_words: list[str] = field(default_factory=list)
    generic_endings: list[str] = field(default_factory=list)
    organ_endings: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    english_noise: list[str] = field(default_factory=list)
    sentence_start: list[str] = field(default_factory=list)
    sentence_end: list[str] = field(default_factory=list)
    before_places: dict[str, str] = field(default_factory=dict)
    before_level: list[str] = field(default_factory=list)
    committee_words: dict[str, str] = field(default_factory=dict)
    endings_alike: dict[str, str] = field(default_factory=dict)
    national_endings_alike: dict[str, str] = field(default_factory=dict)
    national_places: list[str] = field(default_factory=list)
    abbreviated_endings: dict[str, str] = field(default_factory=dict)
    english_words: list[str] = field(default_factory=list)
    role_words: list[str] = field(default_factory=list)
    english_abbreviations: dict[str, str] = field(default_factory=dict)
    english_whose: list[str] = field(default_factory=list)
    pinyin_endings: list[str] = field(default_factory=list)
    not_in_places: str = ""
    party_commission_office: dict[str, str] = field(default_factory=dict)
    bound_short_names: list[str] = field(default_factory=list)
    zone_words: list[str] = field(default_factory=list)


@lru_cache
def load_naming(path: Path = NAMING_FILE) -> Naming:
    """The shipped naming conventions."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Naming(**{k: v for k, v in raw.items() if k in Naming.__dataclass_fields__})


@dataclass(frozen=True)
class Kinds:
    """The kinds of organs (plan/data/organs.yaml): each kind's names, its English ones, the English of the national
    organ of that kind, and which kinds are a Party committee's organs."""

    names: dict[str, list[str]]
    english: dict[str, list[str]]
    ministry: dict[str, list[str]]
    party: frozenset[str]
    vertical: frozenset[str] = frozenset()
    merged_from: dict[str, list[str]] = field(default_factory=dict)  # 税务局: 国税局, 地税局

    @property
    def groups(self) -> list[list[str]]:
        """Each kind's names, the compared form first (as naming.yaml's synonyms)."""
        return [[key, *names] for key, names in self.names.items()]


@lru_cache
def load_kinds(path: Path = ORGANS_FILE) -> Kinds:
    """The shipped table of kinds of organs."""
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("kinds") or {}
    entries = {str(k): v or {} for k, v in raw.items()}

    def strings(key: str) -> dict[str, list[str]]:
        return {k: [str(e) for e in v.get(key) or []] for k, v in entries.items()}

    return Kinds(
        names=strings("names"),
        english={k: e for k, e in strings("english").items() if e},
        ministry={k: e for k, e in strings("ministry").items() if e},
        party=frozenset(k for k, v in entries.items() if v.get("party")),
        vertical=frozenset(k for k, v in entries.items() if v.get("vertical")),
        merged_from={k: e for k, e in strings("merged_from").items() if e},
    )


def load_organs(path: Path = ORGANS_FILE) -> dict[str, list[str]]:
    """English names of the kinds of organs, by the form names are compared in (plan/data/organs.yaml)."""
    return load_kinds(path).english


def _joined(name: str, longer: str) -> bool:
    """`longer` is `name` with one joining word put in (文化和广电旅游体育局 for 文化广电旅游体育局)."""
    return any(longer[:i] + longer[i + 1 :] == name for i, char in enumerate(longer) if char in "和与及")


def _subsequence(short: str, long: str) -> bool:
    """Every character of `short` in `long`, in order."""
    rest = iter(long)
    return all(char in rest for char in short)


def _index(table: dict[str, set[str]], key: str, unit: str) -> None:
    if key:
        table.setdefault(key, set()).add(unit)


class Resolver:
    """Resolves typed names against a fixed set of units; build once, resolve many."""

    def __init__(
        self, units: list[str], directory: Directory, naming: Naming | None = None, places: Places | None = None
    ) -> None:
        self.naming = naming or load_naming()
        self.units = list(dict.fromkeys(units))
        self._directory = directory
        self._groups: dict[str, bool] = {}  # unit -> whether it is a collective (asked when a part of a name fits it)
        n = self.naming
        self.places = places if places is not None else plan_places(None, None, self.units)
        self._places = sorted(self.places.forms, key=len, reverse=True)
        self._pinyin_prefixes = [*self.places.pinyin_prefixes(), ""]
        self.kinds = load_kinds()
        groups = [*n.synonyms, *self.kinds.groups]
        forms = {form: group[0] for group in groups for form in group}
        self._synonym_re = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True)))) if forms else None
        self._synonyms = forms
        self._start = re.compile(
            "^(?:" + "|".join(map(re.escape, sorted(n.sentence_start, key=len, reverse=True))) + ")+"
        )
        self._end = re.compile("(?:" + "|".join(map(re.escape, sorted(n.sentence_end, key=len, reverse=True))) + ")+$")

        # A national plan (its units the ministries and 国家… administrations; no place, no level): 国家 and the
        # like are its own place, a ministry's 部 reads as its kind's 局 (人社部 → 人社局 → 人力资源社会保障部).
        self.national = _national(self.units) and not self.places.chain and not self.places.level
        # A province's 财政厅 is read as 财政局 in a plan that names such organs (a province's), never in a
        # district's (区商务厅 is no district's organ).
        self._alike = {
            ending: alike
            for ending, alike in n.endings_alike.items()
            if self.places.level == "省" or any(u.endswith(ending) for u in self.units)
        }
        if self.national:
            self._alike.update(n.national_endings_alike)
        self._all_alike = {**n.endings_alike, **n.national_endings_alike}
        # Every name of every kind by its first character, for a name shaped like a kind's (人力社保局, 住房和城建局).
        self._kind_forms: dict[str, list[tuple[str, str]]] = {}
        for group in self.kinds.groups:
            for form in group:
                self._kind_forms.setdefault(form[:1], []).append((form, group[0]))
        self._national_words = sorted({*_NATIONAL, *n.national_places}, key=len, reverse=True)
        self._before = sorted(n.before_places.items(), key=lambda kv: len(kv[0]), reverse=True)
        self._endings = sorted(n.abbreviated_endings.items(), key=lambda kv: len(kv[0]), reverse=True)
        # Units named with a place (黄埔区政府, 某镇人民政府 among a city's or a county's units), by what follows
        # the place: a name of that place is read whole where what follows is one of these (某镇政府), else it
        # is that place's organ, not the plan's (某镇乡村振兴办 where the plan has the county's 乡村振兴办).
        self._unit_places: dict[str, set[str]] = {}
        for unit in self.units:
            found = leading_places(unit, townships=True)
            if found:
                rest = unit[sum(map(len, found)) :]
                self._unit_places.setdefault(found[0], set()).add(self._synonymous(rest))
        organs = dict(self.kinds.english)
        if self.national:  # Ministry of Finance: the national organ of the kind, on a national plan only
            for key, names in self.kinds.ministry.items():
                organs[key] = [*organs.get(key, []), *names]
        self._known_kinds = {self._synonymous(d) for d in [*n.departments, *self.kinds.names]}
        self._english_vocabulary = {w for names in organs.values() for e in names for w in _words(e)}
        self._english_vocabulary |= {
            w for t in [*n.sentence_start, *n.sentence_end, *n.english_words] for w in _words(t)
        }
        # Words a typed English name may have more than a unit's: a sentence's, and those saying whose organ it is.
        self._whose_words = {w for t in [*n.sentence_start, *n.sentence_end, *n.english_words] for w in _words(t)}
        self._whose_words |= set(n.english_whose)
        # The plan's own places as people spell them in English (xiangshan, huaibei): not an organ's words.
        self._english_places = {
            "".join(lazy_pinyin(form)): index
            for index, place in enumerate(self.places.chain)
            for form in (place, short_place(place))
        }

        self._firsts: set[str] | None = None
        self.exact: dict[str, str] = {u: u for u in self.units}
        self.alias: dict[str, set[str]] = {}
        self.core: dict[str, set[str]] = {}
        self.normal: dict[str, set[str]] = {}
        self.pinyin: dict[str, set[str]] = {}
        self.initials: dict[str, set[str]] = {}
        self.english: dict[str, set[str]] = {}
        for unit in self.units:
            names = [unit]
            entry = directory.units.get(unit)
            collective = directory.collectives.get(unit)  # aliases go to the collective's own name only
            aliases = (entry.aliases if entry else []) + (collective.aliases if collective else [])
            for alias in aliases:
                _index(self.alias, clean_line(alias), unit)
                names.append(alias)
            for english in entry.english if entry else []:
                _index(self.english, self._english_key(english), unit)
                self._english_vocabulary.update(_words(english))
            names += self._branch(unit)
            names += list(second_name(unit) or ())
            for name in names:
                for english in self._organ_english(name, organs):
                    _index(self.english, self._english_key(english), unit)
                core = self.strip_place(name)
                _index(self.core, core, unit)
                _index(self.normal, self.normal_form(name), unit)
                for form in {_PUNCT.sub("", clean_line(name)), core, self.normal_form(name)}:
                    syllables = lazy_pinyin(form)
                    _index(self.pinyin, "".join(syllables), unit)
                    _index(self.initials, "".join(s[0] for s in syllables if s), unit)
                # The kind's short names in pinyin (weijianju for a plan's 卫健委): a name people say aloud; with the
                # ending the unit's level gives it (zhujianting for a province's 住房城乡建设厅).
                normal = self.normal_form(name)
                ending = next(
                    (e for e, alike in self._alike.items() if core.endswith(e) and normal.endswith(alike)), ""
                )
                for form in [normal, *self.kinds.names.get(normal, [])]:
                    if len(form) <= 4:
                        _index(self.pinyin, "".join(lazy_pinyin(form)), unit)
                        if ending and form.endswith(self._alike[ending]):
                            spoken = form[: -len(self._alike[ending])] + ending
                            _index(self.pinyin, "".join(lazy_pinyin(spoken)), unit)
        # A zone's Party working committee and its administrative committee as one unit (高新区党工委和管委会, one organ with
        # two names) answers to either (高新区管委会, 高新区党工委), where no other unit has it.
        for unit in self.units:
            joint = _JOINT.match(_PUNCT.sub("", unit))
            for name in [joint.group("zone") + "管委会", joint.group("zone") + "党工委"] if joint else []:
                if self.strip_place(name) not in self.core and self.normal_form(name) not in self.normal:
                    _index(self.core, self.strip_place(name), unit)
                    _index(self.normal, self.normal_form(name), unit)
        # A unit that is a place's name alone (镇宁自治县 among a city's units: that county's government) answers to the
        # place's other names (镇宁布依族苗族自治县, 镇宁县), where no other unit has them.
        for unit in self.units:
            for name in gazetteer().names_of(unit)[1:]:
                if name not in self.exact and name not in self.alias:
                    _index(self.alias, name, unit)
        # A group answers to its name without the places it lists in brackets and its fillers (各县(市、区)人民政府: 各县人民政府;
        # 市直各有关单位: 市直单位), where no other unit has that name.
        # It answers too to its name with the places in brackets written inline (各县市区政府 for 各县〔市、区〕政府, 各市州人民政府
        # for 各市（州）人民政府) and without its fillers (市级有关单位 for 市级其他有关单位).
        for unit in self.units:
            if directory.kind(unit) == "collective":
                inline = _GROUP_INLINE.sub("", unit)
                for name in (_GROUP_BRACKETS.sub("", unit), inline):
                    for form in (name, _GROUP_FILLERS.sub("", name)):
                        plain = self.strip_place(form)
                        if len(plain) >= 3 and plain not in self.core and self.normal_form(plain) not in self.normal:
                            _index(self.core, plain, unit)
                            _index(self.normal, self.normal_form(plain), unit)
        # A merged bureau answers to each of its halves (科技和经信局: 科技局, 经信局; 文化和旅游局: 旅游局),
        # where no other unit of the plan has that name.
        for unit in self.units:
            for half in self._parts(self.strip_place(unit)) + self._kind_halves(unit):
                if half not in self.core and self.normal_form(half) not in self.normal:
                    _index(self.core, half, unit)
                    _index(self.normal, self.normal_form(half), unit)
        # A Party committee's organ answers to its own kind's name where no unit has it (区委组织部: 组织部).
        for normal, owners in list(self.normal.items()):
            bare = normal.removeprefix("委")
            if bare != normal and len(bare) >= 2 and bare not in self.normal:
                self.normal[bare] = set(owners)
        # An organ of a national system named by the place it serves (合肥海关 on a province's plan) answers to its kind
        # where no unit has that kind's name: the plan holds one customs office.
        vertical: dict[str, set[str]] = {}
        for unit in self.units:
            kind = self._vertical_kind(unit)
            if kind and kind not in self.normal:
                _index(vertical, kind, unit)
        for kind, owners in vertical.items():
            self.normal[kind] = owners
        self.absent = {self.normal_form(d) for d in [*n.departments, *self.kinds.names]} - set(self.normal)
        # Every name and core in one string, for fast "is this text part of a unit's name" look-ups;
        # only the units' own names count here (an alias's words are too loose for that).
        own: dict[str, set[str]] = {}
        for unit in self.units:
            _index(own, self._bare(unit), unit)  # 省财政厅主办's 主办 is no part of its name to match on
            _index(own, self.strip_place(self._bare(unit)), unit)
        self._own = sorted(own.items())
        self._blob = "\n".join(name for name, _ in self._own)
        self._starts = []
        pos = 0
        for name, _ in self._own:
            self._starts.append(pos)
            pos += len(name) + 1
        self._cores = sorted(self.core.items())
        self._core_names = [core for core, _ in self._cores]
        # Every core with one character deleted (and whole): two strings one edit apart share an entry.
        self._deletions: dict[str, set[int]] = {}
        for index, core in enumerate(self._core_names):
            for variant in _deletions(core):
                self._deletions.setdefault(variant, set()).add(index)
        self._english_keys = list(self.english)
        self._ending_pinyin = {"", *("".join(lazy_pinyin(e)) for e in [*n.organ_endings, *n.pinyin_endings])}
        self._pinyin_keys = sorted(self.pinyin)
        self._by_first: dict[str, list[int]] = {}  # cores by their first character, for abbreviations
        for index, core in enumerate(self._core_names):
            if core:
                self._by_first.setdefault(core[0], []).append(index)

    @classmethod
    def for_units(cls, units: list[str], directory: Directory, places: Places | None = None) -> Resolver:
        """A resolver for these units (memoised: the same plan and directory give the same one)."""
        return _cached(tuple(units), id(directory), directory, places)

    # --- forms of a name -------------------------------------------------------------

    def strip_place(self, name: str) -> str:
        """A name without the plan's own places and level before it (甲市乙区司法局 → 司法局); a name
        that may begin with another place or level is left as it is (市场监管局 is no 市 organ)."""
        core, scope = self._scoped(name)
        return _PUNCT.sub("", clean_line(name)) if scope in ("other-level", "other-place") else core

    def _scoped(self, name: str) -> tuple[str, str]:
        """The name without the plan's own places and level, and whose organ it names: `own` (the
        plan's place, or none given), `higher` (a higher place of the chain alone: 甲市司法局),
        `other-level` (市司法局 in a district's plan) or `other-place` (丙区司法局, 某镇乡村振兴办). A formal
        name is read as its short form: 中国共产党甲市乙区委员会组织部 as 区委组织部, 共青团甲市委员会 as 团市委."""
        name, marker = self._formal(_PUNCT.sub("", clean_line(name)))
        branch = _NATIONAL_BRANCH.match(name)
        if branch and branch.group("place") in self.places.forms:  # 国家外汇管理局甲省分局: the province's 外汇管理局
            own = self.places.forms[branch.group("place")] == len(self.places.chain) - 1
            name = (self.places.level if own else branch.group("place")) + branch.group("organ")
        name = self._own_branch(name)
        core, scope = self._places_of(name)
        for word, short in self.naming.committee_words.items():
            if core.startswith(word):
                core = short + core[len(word) :]
        for word, short in self.naming.party_commission_office.items():  # 委金融委员会办公室: 委金融办
            if core.startswith("委") and core.endswith(word) and len(core) > len(word) + 2:
                if self._synonymous(core) == core:  # none of a kind's names (机构编制委员会办公室 is the 编办)
                    core = core[: -len(word)] + short
        return marker + core, scope

    def _bare(self, unit: str) -> str:
        """A unit's name without a role word the parser left glued on (省财政厅主办, 市商务局牵头: naming.yaml role_words).
        Such a unit is no organ's name as it stands: matched whole only, never on the role's characters nor by its
        organ's kind (the parser is to split it; 财政厅 is not 省财政厅主办 by that plan's labels either)."""
        for word in self.naming.role_words:
            if unit.endswith(word) and _ORGAN_END.search(unit[: -len(word)]) and len(unit) - len(word) >= 3:
                return unit[: -len(word)]
        return unit

    def _own_branch(self, name: str) -> str:
        """A higher place's bureau's branch in the plan's own place (甲市生态环境局乙县分局, 市公安局乙县分局) named as the plan's
        organ of that kind (县生态环境局); any other name as it is."""
        if not self.places.chain:
            return name
        rest = name
        for place in self._places:  # the higher places before it, longest first
            if rest.startswith(place) and self.places.forms[place] < len(self.places.chain) - 1:
                rest = rest[len(place) :]
                break
        rest = rest[1:] if level_word(rest) and level_word(rest) != self.places.level else rest
        branch = _PLACE_BRANCH.match(rest)
        if branch is None:  # 自然资源和规划局某区分局 without the city's name before it: the same branch
            return name
        own = self.places.forms.get(branch.group("place"))
        return self.places.level + branch.group("organ") if own == len(self.places.chain) - 1 else name

    def _formal(self, name: str) -> tuple[str, str]:
        """A name without the Party or agency word before its places (中共, 国家税务总局), and what that word
        is in the short name (共青团 → 团); 团市委 read as 市团委 (the level first)."""
        for prefix, short in self._before:
            rest = name[len(prefix) :]
            if name.startswith(prefix) and len(rest) >= 2 and self._starts_with_place(rest):
                return rest, short
        if len(name) > 2 and name[0] in self.naming.before_level and name[1] in LEVELS:
            return name[1] + name[0] + name[2:], ""
        return name, ""

    def _starts_with_place(self, text: str) -> bool:
        if text[:1] in LEVELS or any(text.startswith(p) for p in self._places):
            return True
        return bool(leading_places(text, True) or self._short_place(text))

    def _places_of(self, name: str) -> tuple[str, str]:
        said = self._start.sub("", name)  # 我在甲市民政局: the plan's own place after a sentence's first words
        if said != name and any(said.startswith(p) for p in self._places):
            name = said
        national = next((w for w in self._national_words if name.startswith(w) and len(name) > len(w) + 1), None)
        if national and self.national:  # 国家发展和改革委员会 on the national plan: its own organ
            return name[len(national) :], "own"
        if national in _NATIONAL and self.places.level:  # 国家发展改革委 in a province's or a district's plan
            return name[len(national) :], "other-level"
        last = -1
        changed = True
        while changed:
            changed = False
            for place in self._places:  # longest first, again after each: 驻马店市 before 驻马店
                if name.startswith(place) and len(name) > len(place) + 1:
                    whole = gazetteer().prefix(name)
                    if whole and len(whole) > len(place) and whole not in self.places.forms:
                        if not own_zone(whole, self.places.forms):  # 甲经济技术开发区 under 甲市: the plan's own zone
                            break  # 岳阳县 is not 岳阳 (岳阳市) and a 县: another place, begun as the plan's is called
                    name, changed, last = name[len(place) :], True, self.places.forms[place]
                    break
        scope = "higher" if last >= 0 and last != len(self.places.chain) - 1 else "own"
        level = self.places.level
        if level and name.startswith(level) and len(name) > 2 and level_word(name):
            return name[len(level) :], scope
        if last < 0 and level_word(name) and name[:1] != level and len(name) > 2:
            return name[1:], "other-level"  # decided by the caller: only if what follows is a unit
        stripped = self._start.sub("", name) if last < 0 else name  # 我在区委宣传部: 我在区 is no place
        foreign = leading_places(stripped, townships=True) or self._short_place(stripped)
        rest = stripped[sum(map(len, foreign)) :]
        if foreign and self._synonymous(rest) in self._unit_places.get(foreign[0], ()):
            return name, scope  # a place the plan's own units are named with (某镇人民政府): read whole
        if foreign and (last < 0 or scope == "higher" or foreign[0] in gazetteer().townships):
            # 丙区司法局, 甲市丙区司法局: a place not of the plan's chain; 乙区某镇司法所: a town of the plan's place
            if rest[:1] == level and len(rest) > 2:
                rest = rest[1:]
            return rest, "other-place"
        return name, scope

    def normal_form(self, name: str) -> str:
        """A name with every conventional long or short form replaced by one form (发改委 for 发展和改革委员会), and the
        plan's own places inside it in short (国家开发银行云南省分行 as …云南分行 on 云南省's plan)."""
        return self._kind_form(self._inner_places(self._synonymous(self.strip_place(name))))

    def _inner_places(self, core: str) -> str:
        for place in self.places.chain:
            short = short_place(place)
            if short != place and place in core[1:]:
                core = core[:1] + core[1:].replace(place, short)
        return core

    def organ_key(self, name: str) -> str | None:
        """What one organ of the plan is known by: its kind at the plan's own place and level (农委 and 市农委 on a city's
        plan: 农业农村局); a name of another place or level as written; None for a group (各区政府, 市级有关部门)."""
        if Directory().kind(name) == "collective":
            return None
        name = (second_name(name) or (name,))[0]  # 市商务局（市粮食和物资储备局） is the 市商务局
        core, scope = self._scoped(name)
        if scope != "own":
            return "as-written:" + _PUNCT.sub("", clean_line(name))
        return "own:" + self._kind_form(self._synonymous(core))

    def ending(self, name: str) -> str:
        """What a name's organ ends in, as an abbreviation keeps it (发展和改革委员会 and 发改委: 委; a province's 厅 as 局): two
        names of one kind a plan prints with other endings (市建委, 市建设局) are two organs of that kind, never folded."""
        core = self.strip_place((second_name(name) or (name,))[0])
        split = _organ_split(core, self._endings)
        return self._alike.get(split[1], split[1]) if split else core[-1:]

    def specificity(self, name: str) -> tuple[bool, int]:
        """How fully a name writes its organ: with its second name in brackets (市商务局（市粮食和物资储备局）), then by how
        much of place and level it writes before the organ (海南省卫健委 over 省卫健委 over 卫健委). Of one organ's printed names
        the most specific is its unit's name; the others stay its aliases."""
        both = second_name(name)
        first = both[0] if both else name
        return both is not None, len(_PUNCT.sub("", clean_line(first))) - len(self.strip_place(first))

    def _listed_form(self, name: str) -> str:
        """normal_form without reading a name by its shape: a kind only where one of its names is written."""
        return self._kind_form(self._synonymous(self.strip_place(name)), shape=False)

    def _kind_form(self, core: str, alike: dict[str, str] | None = None, shape: bool = True) -> str:
        """A name's compared form read as its kind where it is one: at the plan's level (住房城乡建设厅 → 住建局 on a
        province's plan), a Party organ without its committee's 委 (委组织部 → 组织部), and a name shaped like one
        kind's (人力社保局 → 人社局)."""
        if core.endswith("分局") and core not in self._known_kinds:  # 资规分局: a higher bureau's branch, of its kind
            whole = self._synonymous(core[:-2] + "局")
            if whole in self._known_kinds:
                core = whole
        if core not in self._known_kinds:
            for ending, other in (self._alike if alike is None else alike).items():
                if core.endswith(ending) and len(core) > len(ending) + 1:
                    core = self._synonymous(core[: -len(ending)] + other)
                    break
        if core.startswith("委") and core[1:] in self.kinds.party:
            core = core[1:]
        if shape and core not in self._known_kinds:
            core = self._shaped_kind(core) or core
        return core

    def _short_place(self, name: str) -> list[str]:
        """A city's or a province's short name (甲 for 甲市) right before a kind of organ (甲财政局, 甲调查队), not one of
        the plan's own places: that place, else []."""
        book = gazetteer()
        for size in (3, 2):
            piece, rest = name[:size], name[size:]
            if piece in book.by_short and piece not in self.places.forms and len(rest) >= 2:
                kind = self._kind_form(self._synonymous(rest), self._all_alike, shape=False)
                if kind in self._known_kinds or rest in self.core:
                    return [piece]
        return []

    def _vertical_kind(self, unit: str) -> str | None:
        """The kind of a vertical organ named by a place before it (合肥海关 → 海关; 国家统计局甲调查队 → 调查队), else None."""
        name = _PUNCT.sub("", clean_line(unit))
        if level_word(name) and _NATIONAL_ORGAN.match(name[1:]):
            name = name[1:]  # 市国家统计局甲调查队: the level before a national organ's name says nothing more
        name = _NATIONAL_ORGAN.sub("", name)
        for kind in self.kinds.vertical:
            for form in sorted([kind, *self.kinds.names.get(kind, [])], key=len, reverse=True):
                place = name.removesuffix(form)
                if place != name and len(place) >= 2 and (gazetteer().is_place(place) or place in self.places.forms):
                    return kind
                if place != name and place in gazetteer().shorts:  # 某某海关 named by its district in short
                    return kind
        return None

    def _shaped_kind(self, core: str) -> str | None:
        """The one kind whose name `core` abbreviates in order (人力社保局 of 人力资源和社会保障局) or spells with a
        joining 和 more (文化和广电旅游体育局 of 文化广电旅游体育局): the same first and last character; None when none
        or several kinds fit."""
        if len(core) < 3:
            return None
        fits = set()
        for form, kind in self._kind_forms.get(core[0], ()):
            if form == core:
                return kind  # a kind's own name, left by replacing a shorter form inside it (政府办公室)
            if form[-1] != core[-1]:
                continue
            if len(core) < len(form) and _subsequence(core, form):
                fits.add(kind)
            elif len(core) == len(form) + 1 and _subsequence(form, core) and _joined(form, core):
                fits.add(kind)
        return fits.pop() if len(fits) == 1 else None

    def _synonymous(self, core: str) -> str:
        if self._synonym_re is None:
            return core
        return self._synonym_re.sub(lambda m: self._synonyms[m.group(0)], core)

    def _parts(self, core: str) -> list[str]:
        """The organs a merged one joins: 科技和经信局 → 科技局, 经信局; 农业农村水利局 → 农业农村局, 水利局
        (without 和, only where both halves are kinds of organs known by name)."""
        halves = _halves(core)
        if halves or len(core) < 5 or core[-1] not in "局委办":
            return halves
        stem, end = core[:-1], core[-1]
        for cut in range(2, len(stem) - 1):
            first, second = stem[:cut] + end, stem[cut:] + end
            if self._synonymous(first) in self._known_kinds and self._synonymous(second) in self._known_kinds:
                return [first, second]
        return []

    def _kind_halves(self, unit: str) -> list[str]:
        """The organs a unit's kind joins where one of its full names joins two kinds with 和 (区科经局, a 科学技术和经济信息化局:
        科技局 and 经信局); none where a half is no kind (发展和改革委员会 joins no 改革委员会)."""
        halves: list[str] = []
        own = self.normal_form(unit)
        for name in self.kinds.names.get(own, []):
            kinds = [self._kind_form(self._synonymous(p), shape=False) for p in _halves(name)]
            # 农业农村和水利局, a wider organ some places have, is no name of a plain 农业农村局: its 水利局 is another organ
            if kinds and own not in kinds and all(kind in self._known_kinds for kind in kinds):
                halves += [p for p in _halves(name) if p not in halves]
        return halves

    def _branch(self, unit: str) -> list[str]:
        """A higher organ's branch in the plan's own place (市生态环境局某区分局, 市公安局分局) is the plan's organ of
        that kind: it answers to 生态环境局 and 生态环境分局."""
        name = _PUNCT.sub("", clean_line(unit))
        changed = True
        while changed:
            changed = False
            for place in self._places:
                if name.startswith(place) and len(name) > len(place) + 2:
                    name, changed = name[len(place) :], True
                    break
        if not name.endswith("分局") or not level_word(name):
            return []
        found = re.match(r"^.(?P<organ>[\u4e00-\u9fff]{2,}?局)(?P<own>[\u4e00-\u9fff]*)分局$", name)
        if found is None or (found.group("own") and found.group("own") not in self.places.forms):
            return []
        organ = found.group("organ")
        return [self.places.level + organ, self.places.level + organ[:-1] + "分局"]

    def _organ_english(self, name: str, organs: dict[str, list[str]]) -> list[str]:
        """English names of the kind of organ a unit's name is (市财政局, 省财政厅: Finance Bureau); a Party
        committee's organ by its own kind (区委组织部: Organization Department), a merged bureau by each half."""
        normal = self.normal_form(name)
        for key in (normal, normal.removeprefix("委")):
            if key in organs:
                return organs[key]
        return [e for half in self._parts(self.strip_place(name)) for e in organs.get(self.normal_form(half), [])]

    def _english_key(self, text: str) -> str:
        noise = set(self.naming.english_noise) | set(self._english_places)
        return " ".join(sorted(w for w in _words(text) if w not in noise))

    def _english_within(self, typed: str, key: str) -> bool:
        """Every word of a typed English name is in a unit's English key (or a slip of one), or one that only says
        whose organ it is (naming.yaml english_whose)."""
        words = key.split()
        return all(
            w in words or w in self._whose_words or fuzz.ratio(w, near) >= 85
            for w in typed.split()
            for near in [max(words, key=lambda k: fuzz.ratio(w, k), default="")]
        )

    def _foreign_english(self, key: str) -> bool:
        """An English name with a word that is no organ's (nor a slip of one's): another place's name (Duji
        District Finance Bureau on another district's plan), never read as the plan's unit."""
        for word in key.split():
            if word not in self._english_vocabulary and len(word) > 2:
                near = process.extractOne(word, self._english_vocabulary, scorer=fuzz.ratio, score_cutoff=85)
                if near is None:
                    return True
        return False

    # --- resolving -------------------------------------------------------------------

    def resolve(self, text: str) -> Match:
        """The unit that `text` names, candidates when several fit, or nothing; a name typed in traditional
        characters (財政局) is read in simplified ones when it names nothing as typed."""
        found = self._resolve(text)
        if found.unit is None and not found.candidates and found.reason not in NOT_IN_PLAN:
            plain = simplified(text)
            if plain != text:
                again = self._resolve(plain)
                return replace(again, query=text)
        return found

    def _resolve(self, text: str) -> Match:
        query = text
        if not _CJK.search(text):
            text = _latin(text)
        cleaned = _PUNCT.sub(" ", clean_line(text)).strip()
        if not cleaned:
            return Match(query, None, 0, [], "none")
        compact = cleaned.replace(" ", "") if _CJK.search(cleaned) else cleaned
        if compact != cleaned and (several := self._several(cleaned.split(), query)) is not None:
            return several  # 财政局、商务局
        if len(compact) <= (40 if _CJK.search(compact) else 80):  # an English name runs longer
            found = self._resolve_name(compact if _CJK.search(compact) else cleaned.lower(), query)
            if found.unit or found.candidates or found.reason in NOT_IN_PLAN:
                return _final(found)
        found = self._scan(compact, query)
        if found:
            return found
        stripped = self._end.sub("", self._start.sub("", compact.lower() if not _CJK.search(compact) else compact))
        if stripped and stripped != compact and len(stripped) <= (40 if _CJK.search(stripped) else 80):
            inner = self._resolve_name(stripped, query)
            if inner.unit or inner.candidates:
                return Match(
                    query, inner.unit, inner.score, inner.candidates, "sentence" if inner.unit else inner.reason
                )
        return Match(query, None, 0, [], "none")

    def _one(self, query: str, units: set[str], score: float, reason: str) -> Match:
        if len(units) == 1:
            return Match(query, next(iter(units)), score, [], reason)
        return Match(query, None, score, sorted(units, key=self.units.index), "ambiguous")

    def _resolve_name(self, q: str, query: str) -> Match:
        """Resolve a text that is only a name (no sentence around it)."""
        if q in self.exact:
            return Match(query, q, 100, [], "exact")
        if q in self.alias:
            return self._one(query, self.alias[q], 100, "alias")
        if q in self.naming.bound_short_names:  # 府办 alone: a part of 区政府办公室, said only after its level (区府办)
            return Match(query, None, 0, [], "none")
        if not _CJK.search(q):
            return self._resolve_latin(q, query)
        core, scope = self._scoped(q)
        if scope != "own":
            normal = self.normal_form(core)
            known = core in self.core or normal in self.normal or normal in self.absent
            # A kind at any level (广东省人社厅 on a city's plan) or an organ's name after a higher place of the
            # plan's own chain (甲市某某局): never a look-alike of the plan's unit.
            known = known or self._kind_form(self._synonymous(core), self._all_alike) in self._known_kinds
            known = known or (scope == "higher" and bool(_ORGAN_END.search(core)))
            if known:  # 甲市司法局, 市司法局, 丙区司法局: the same kind of organ, another one
                return Match(query, None, 0, [], scope)
            if scope in ("other-level", "other-place"):
                core = _PUNCT.sub("", clean_line(q))  # not a place after all (市场监管局, 我是…的): read as it is
        if core in self.core:
            return self._one(query, self.core[core], 100, "prefix")
        group = self._group_named(q)
        if group:
            return self._one(query, group, 95, "alias")
        normal = self.normal_form(q)
        if normal in self.normal and self._level_misnamed(q, core, self.normal[normal]):
            return Match(
                query, None, 0, [], "none-known"
            )  # 海南省教育局: a province names its department 厅, no 局 of that kind
        if normal in self.normal:
            # The plan's own name ending in what was typed (人口计生委 for 计生委) over another unit of its kind in the
            # table (卫生局, where the plan holds both organs): the plan's words say which organ it is.
            written = self._ending_with(core)
            if len(written) == 1 and not written & self.normal[normal]:
                return self._one(query, written, 95, "prefix")
            # Two organs of one kind (市建委, 市建设局): the one whose ending the typed name has (市城乡建设委员会), else asked.
            # The kind's own name (住建局) names neither of the two.
            ends = {u for u in self.normal[normal] if self.ending(u) == self.ending(q) and core != normal}
            return self._one(query, ends if len(ends) == 1 else self.normal[normal], 100, "alias")
        listed = self._listed_form(q)  # a kind read from its shape alone says nothing of what the plan lacks
        if listed in self.absent or (listed.startswith("委") and listed[1:] in self.absent):
            formed = {u for kind in self.kinds.merged_from.get(listed, []) for u in self.normal.get(kind, set())}
            if formed and scope == "own":  # 税务局 on a plan of before the merger: its 国税局 or its 地税局, asked
                return Match(query, None, 0, sorted(formed, key=self.units.index), "ambiguous")
            return Match(query, None, 0, [], "none-known")  # 区统计局, 省委组织部 where the plan has neither
        if self._another_levels_kind(core):  # 农业农村部 on a city's plan: the ministry, not its 农业农村局
            return Match(query, None, 0, [], "other-level")
        governments = self._governments_organ(core)
        if governments is not None:
            return self._one(query, governments, 95, "alias")
        generic = self._generic(core, query)
        if generic is not None:
            return generic
        syllables = "".join(lazy_pinyin(core))
        if syllables in self.pinyin and len(core) >= 2:
            return self._one(query, self.pinyin[syllables], 95, "pinyin")
        several = self._several(_JOINED.split(q), query)
        if several is not None:
            return several
        short = self._abbreviation(core)
        if short:
            return self._one(query, short, 85, "abbreviation")
        partial = self._containing(core) if len(core) >= 2 else set()
        partial = self._no_group_for_a_part(core, partial)
        if partial:
            score = 100 * len(core) / max(len(self.strip_place(u)) for u in partial)
            if len(partial) == 1 and self._names_a_parent(core, next(iter(partial))):
                # 区人大常委会 is not its 法工委: a whole organ's name inside a longer one is another unit.
                return Match(query, None, 0, [], "none")
            return self._one(query, partial, score, "fuzzy")
        return self._fuzzy(core, query)

    def _group_named(self, typed: str) -> set[str]:
        """The plan's groups a typed group's name is, read as the plan's group names are read: without its fillers and
        the places it lists in brackets (市级有关单位 for 市级其他有关单位); none for a name that is no group."""
        if self._directory.kind(typed) != "collective":
            return set()
        plain = self.strip_place(_GROUP_FILLERS.sub("", _GROUP_BRACKETS.sub("", typed)))
        owners = self.core.get(plain, set())
        return {u for u in owners if self._directory.kind(u) == "collective"}

    def _several(self, parts: list[str], query: str) -> Match | None:
        """Two or more names typed together (市财政局和市商务局, 财政局、商务局): asked between their units, never one of them
        guessed; None where the parts are not each a name of a unit."""
        parts = [p for p in parts if p]
        if len(parts) < 2 or any(len(p) < 2 for p in parts):
            return None
        units: set[str] = set()
        for part in parts:
            found = self._resolve_name(part, part)
            if found.unit is None:
                return None
            units.add(found.unit)
        return self._one(query, units, 90, "several")

    def _another_levels_kind(self, core: str) -> bool:
        """A kind of organ named with the ending of another level than the plan's (a ministry's 部, a province's 厅 on a
        city's plan) and no unit's name as typed: that level's organ, never a slip of the plan's."""
        ending = next((e for e in self._all_alike if core.endswith(e) and e not in self._alike), None)
        if ending is None or core in self.core or len(core) <= len(ending) + 1:
            return False
        read = self._kind_form(self._synonymous(core[: -len(ending)] + self._all_alike[ending]), shape=False)
        return read in self.normal and core not in self._known_kinds  # 招商部 on a plan with no 招商局: its 招商工作部

    def _level_misnamed(self, typed: str, core: str, units: set[str]) -> bool:
        """A name saying the plan's own place or level with the ending another level gives the kind (海南省教育局, 省住建局 on
        a province's plan whose units are its 教育厅, 住建厅: naming.yaml endings_alike): no organ that place has."""
        written = _PUNCT.sub("", clean_line(typed))
        if written == core:
            return False  # 教育局 alone: the kind, whatever its level calls it
        for ending, alike in self.naming.endings_alike.items():
            if core.endswith(alike) and all(self.strip_place(self._bare(u)).endswith(ending) for u in units):
                return True
        return False

    def _governments_organ(self, core: str) -> set[str] | None:
        """An organ named as the government's (省政府金融工作办公室, 县人民政府金融办): the plan's unit of that kind, where
        what follows 政府 is a kind of organ the plan holds; else None."""
        said = self._synonymous(core)
        rest = said.removeprefix("政府")
        if rest == said or len(rest) < 3:
            return None
        kind = self._kind_form(rest, shape=False)
        return set(self.normal[kind]) if kind in self._known_kinds and kind in self.normal else None

    def _no_group_for_a_part(self, typed: str, units: set[str]) -> set[str]:
        """The units a part of a name or a slip may stand for, where it fits one group alone: none (市政府 is not
        各县（市）区政府, 乡镇办 not 相关乡镇办: a group never stands in for one organ), unless what was typed is itself a group."""
        if len(units) != 1 or self._directory.kind(typed) == "collective":
            return units  # several are asked, groups among them (区政府: its office, or a group of its departments?)
        for unit in units - self._groups.keys():
            self._groups[unit] = self._directory.kind(unit) == "collective"
        return {u for u in units if not self._groups[u]}

    def _abbreviation(self, core: str) -> set[str]:
        """Units whose name the typed one abbreviates (科信局 for 科技和信息化局) or spells out (经济贸易委员会
        for 经贸委): the same first character and ending, the shorter's characters in the longer, in order."""
        units: set[str] = set()
        for index in self._by_first.get(core[:1], []):
            name = self._core_names[index]
            if name != core and (_abbreviates(core, name, self._endings) or _abbreviates(name, core, self._endings)):
                units |= self._cores[index][1]
        return units

    def _generic(self, core: str, query: str) -> Match | None:
        """统计部门, 财政口, 审计系统: the one unit of that field, by its field's organ names."""
        ending = next((e for e in self.naming.generic_endings if core.endswith(e) and len(core) - len(e) >= 2), None)
        if ending is None:
            return None
        stem = core[: -len(ending)]
        units: set[str] = set()
        for organ in self.naming.organ_endings:
            name = stem + organ
            units |= self.core.get(name, set()) | self.normal.get(self.normal_form(name), set())
        return self._one(query, units, 90, "generic") if units else None

    @staticmethod
    def _names_a_parent(part: str, unit: str) -> bool:
        """`part` reads as a complete organ's name and the unit is something inside it."""
        rest = unit.split(part, 1)[1] if part in unit else ""
        return bool(rest) and len(rest) >= 2 and bool(_ORGAN_END.search(part)) and bool(_ORGAN_END.search(rest))

    def _distinct_kinds(self, one: str, other: str) -> bool:
        """Two compared forms that are each a kind of organ of the table, and not the same one."""
        kinds = self.kinds.names
        return one != other and one.removeprefix("委") in kinds and other.removeprefix("委") in kinds

    def _ending_with(self, part: str) -> set[str]:
        """Units one of whose own names, without place and level, ends with `part` (three characters or more)."""
        if len(part) < 3:
            return set()
        return {
            u for u in self._containing(part) if any(self.strip_place(n).endswith(part) for n in (u, self._bare(u)))
        }

    def _containing(self, part: str) -> set[str]:
        """Units one of whose names contains `part`."""
        units: set[str] = set()
        start = self._blob.find(part)
        while start >= 0:
            index = bisect.bisect_right(self._starts, start) - 1
            units |= self._own[index][1]
            start = self._blob.find(part, self._starts[index] + len(self._own[index][0]) + 1)
        return units

    def _fuzzy(self, core: str, query: str) -> Match:
        """One character wrong, missing or extra; a wrong one only in names of four or more."""
        if len(core) < 3:
            return Match(query, None, 0, [], "none")
        near = {i for variant in _deletions(core) for i in self._deletions.get(variant, ())}
        units: set[str] = set()
        marks = {w for w in self.naming.distinct_words if w in core}
        kind = self._listed_form(core)
        for index in near:
            name = self._core_names[index]
            if Levenshtein.distance(core, name) > 1:
                continue
            if marks != {w for w in self.naming.distinct_words if w in name}:
                continue  # 政协 for 政府: another organ, not a typo
            if leading_places(core, townships=True) != leading_places(name, townships=True):
                continue  # 黄浦区政府 for 黄埔区政府: another place, not a typo
            if self._distinct_kinds(kind, self._listed_form(name)):
                continue  # 省地税局 for 省国税局: two organs one character apart, never a typo
            if Indel.distance(core, name) <= 1 or min(len(core), len(name)) >= 4 or _lookalike_typo(core, name):
                units |= self._cores[index][1]
        units = self._no_group_for_a_part(core, units)
        if not units:
            return Match(query, None, 0, [], "none")
        best = max(fuzz.ratio(core, self.strip_place(u)) for u in units)
        return self._one(query, units, best, "fuzzy")

    def _resolve_latin(self, q: str, query: str) -> Match:
        """English department names, pinyin spelled out or as initials."""
        key = self._english_key(q)
        named = [self._english_places[w] for w in _words(q) if w in self._english_places]
        if named and max(named) != len(self.places.chain) - 1:
            return Match(query, None, 0, [], "higher")  # Huaibei Finance Bureau: the city's, not its district's
        if key in self.english:
            return self._one(query, self.english[key], 100, "english")
        # A word no organ's English name has (another place's: Duji District Finance Bureau) is no English
        # name of the plan's units; it may still be pinyin spelled with spaces (cai zheng ju).
        english = not (" " in q.strip() and self._foreign_english(key))
        if english and " " in q.strip() and self._english_keys:
            near = process.extract(key, self._english_keys, scorer=fuzz.token_set_ratio, score_cutoff=90, limit=None)
            # A name with a word more than the unit's English (Party Committee Publicity Department beside Party
            # Committee): another organ, unless the word only says whose (party, committee, municipal).
            fits = [(k, score) for k, score, _ in near if self._english_within(key, k)]
            if fits:
                top = max(score for _, score in fits)
                owners = {u for k, score in fits if score == top for u in self.english[k]}
                return self._one(query, owners, top, "english")
        words = key.split()
        if english and len(words) == 1 and len(words[0]) >= 5:
            owners = {u for k, us in self.english.items() if words[0] in k.split() for u in us}
            if owners:
                return self._one(query, owners, 80, "english")
        letters = re.sub(r"[^a-z]", "", q.lower())
        first: Match | None = None  # an ambiguous reading is kept while a longer name may still be unique
        for prefix in self._pinyin_prefixes:  # the plan's own places, as pinyin or initials
            rest = letters.removeprefix(prefix) if letters.startswith(prefix) else ""
            if len(rest) < 2:
                continue
            found = None
            if rest in self.pinyin:
                found = self._one(query, self.pinyin[rest], 95, "pinyin")
            elif rest in self.initials:
                found = self._one(query, self.initials[rest], 90, "initials")
            if found is not None and found.unit:
                return found
            first = first or found
        if first is not None:
            return first
        if len(letters) >= 4:
            first = bisect.bisect_left(self._pinyin_keys, letters)
            last = bisect.bisect_left(self._pinyin_keys, letters + "{")  # "{" sorts after every letter
            # "tongji": the start of exactly one unit's pinyin, all but its organ's ending (ju, wei): never a name
            # with more after it (caizhengting of 省财政厅主办 is no unit's name)
            starting = {
                u
                for key in self._pinyin_keys[first:last]
                if key[len(letters) :] in self._ending_pinyin
                for u in self.pinyin[key]
            }
            if len(starting) == 1:
                return self._one(query, starting, 90, "pinyin")
        if len(letters) >= 6:
            best = process.extract(letters, list(self.pinyin), scorer=fuzz.ratio, score_cutoff=90, limit=2)
            if best and (len(best) == 1 or best[0][1] > best[1][1]):
                return self._one(query, self.pinyin[best[0][0]], best[0][1], "pinyin")
        return Match(query, None, 0, [], "none")

    def find_in(self, text: str) -> Match | None:
        """A unit's name (or a known short form) inside a sentence, by exact lookups only: never a
        guess. The longest name wins; two of one length are candidates."""
        return self._scan(text, text)

    def _scan(self, text: str, query: str) -> Match | None:
        """A unit's name inside a sentence: the longest name found wins; two of one length are candidates."""
        text = text[:12_000]  # a long message is scanned whole; past this it is not a name
        best_len, units, matched = 0, set(), ""
        if self._firsts is None:  # the first characters of every name and short form, to skip the rest fast
            self._firsts = {k[0] for table in (self.exact, self.alias, self.core, self.normal) for k in table if k}
        for i in range(len(text)):
            if text[i] not in self._firsts:
                continue
            for j in range(min(len(text), i + MAX_SCAN), i + best_len, -1):
                piece = text[i:j]
                found = self._lookup(piece)
                if found:
                    if j - i > best_len:
                        best_len, units, matched = j - i, set(found), piece
                    else:
                        units |= found
                    break
        if not units or best_len < 2:
            return None
        whole = self._start.sub("", text[: text.find(matched)])
        named = leading_places(whole, townships=True)
        if any(
            place not in self.places.forms for place in named
        ):  # 我是丙市自然资源和规划局的: 丙市's, whatever follows
            return Match(query, None, 0, [], "other-place", matched=whole + matched)
        before = whole[-6:]
        if len(whole) > 6 and sum(map(len, leading_places(whole + matched, townships=True))) >= len(whole):
            before = whole  # 海西蒙古族藏族自治州各区县政府: a long place's name, read whole
        if before:  # 我是丙区司法局的, 甲市司法局有什么任务, 国家发展改革委: what stands before the name decides
            core, scope = self._scoped(before + matched)
            if scope in ("higher", "other-place", "other-level"):
                return Match(query, None, 0, [], scope, matched=before + matched)
            if self._level_misnamed(before + matched, core, units):  # 我是省住建局的 on a province's plan
                return Match(query, None, 0, [], "none", matched=before + matched)
            shaped = self._place_shaped(before) or bool(level_word(matched) and self._place_shaped(before + matched[0]))
            # 博州民政局 on a 州's plan: one character and the level, a place called short (博尔塔拉州)
            shaped = shaped or bool(
                len(before) == 1
                and level_word(matched)
                and _CJK.match(before)
                and before not in self.naming.not_in_places
            )
            # 巢湖财政局: a place of any level named without its ending, not one of the plan's own
            shaped = shaped or (before in gazetteer().shorts and before not in self.places.forms)
            # 某某海关 with a name before it that is none of the plan's units': another place's office of a national system
            shaped = shaped or (
                self._kind_form(self._synonymous(matched), shape=False) in self.kinds.vertical
                and not any(before.endswith(w) for w in self._national_words)  # 中国人民银行…: the system's own name
            )
            if (
                shaped
            ):  # 某区城管局 of a district the gazetteer no longer has (merged away), 某某州财政局 on a 州's plan
                return Match(query, None, 0, [], "other-place", matched=before + matched)
        return replace(self._one(query, units, 100, "sentence"), matched=matched)

    def _place_shaped(self, text: str) -> bool:
        """Text that is a place's name by its shape (two to five characters and a place's ending, none of them
        a sentence's word): a place newer or older than the gazetteer, never one of the plan's own."""
        shaped = _PLACE_SHAPED.fullmatch(text)
        if shaped is None or any(c in self.naming.not_in_places for c in text):
            return False
        if any(text.endswith(form) for form in self.places.forms):
            return False  # 中共某某区 on that 区's plan: its own place after a Party word
        if text in self.naming.zone_words and not self.places.level and not self.places.chain:
            return False  # 开发区改革办 on a zone's own plan (its units speak no level): the zone is the plan's own
        return text not in self.places.forms and text not in self._unit_places

    def _lookup(self, piece: str) -> set[str] | None:
        if piece in self.exact:
            return {self.exact[piece]}
        if piece in self.naming.bound_short_names:
            return None
        return self.alias.get(piece) or self.core.get(piece) or (self.normal.get(piece) if len(piece) >= 3 else None)


def one_organ_each(units: list[str], places: Places | None = None) -> dict[str, str]:
    """Each of a plan's units and the unit it is one organ with: of those sharing kind, level and place (农委 and 市农委
    on a city's plan, 工信部 and 工业和信息化部 on a national one, 县发改局 and 县发展和改革局) the most specific written name
    (specificity), the first written of equals; every other unit, a group and a name of another place or level itself.
    For the parser, to fold one organ's names into one unit; `places` the plan's (plan_places), else read from the units.
    The unit is named as the plan names the organ most fully: 市住建局 where it also writes 住建局, whoever wrote which first."""
    resolver = Resolver(units, Directory(), places=places)
    names: dict[str, list[str]] = {}
    folded: dict[str, str] = {}
    for unit in resolver.units:
        key = resolver.organ_key(unit)
        if key is None:
            folded[unit] = unit
        else:  # 市建委 and 市建设局 in one plan of 2009: one kind by the table, two organs by their endings
            names.setdefault(key + "|" + resolver.ending(unit), []).append(unit)
    for written in names.values():
        best = max(written, key=resolver.specificity)  # max keeps the first of equals: the first written
        folded.update(dict.fromkeys(written, best))
    return folded


def _organ_split(name: str, endings: list[tuple[str, str]]) -> tuple[str, str] | None:
    """A name's stem and its ending as an abbreviation keeps it (经济贸易委员会 → 经济贸易, 委)."""
    for ending, short in endings:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)], short
    return None


def _abbreviates(short: str, long: str, endings: list[tuple[str, str]]) -> bool:
    """`short` is an abbreviation of `long`: 经贸委 of 经济贸易委员会, 科信局 of 科技和信息化局, 交委 of 交通委员会."""
    a, b = _organ_split(short, endings), _organ_split(long, endings)
    if a is None or b is None or a[1] != b[1]:
        return False
    stem, full = a[0], b[0]
    if len(full) < len(stem) or (len(full) == len(stem) and (full != stem or short == long)):
        return False  # the same stem is an abbreviation only of the ending (新材料园 of 新材料产业园)
    if stem[:1] != full[:1] or (len(stem) < 2 and len(full) != 2):
        return False
    inner = _organ_split(full, endings)
    if inner is not None and inner[1] == b[1]:
        return False  # 市场监督管理局局: a typo of a whole organ's name, not its full form (组织干部科 is one: 干部 no organ)
    if any(char in _ORGAN_ENDS for char in full[2:-1]):
        return False  # 财政局商务局: two organs' names, not one's full form
    rest = iter(full)
    return all(char in rest for char in stem)


def _latin(text: str) -> str:
    """Latin text as names are compared: without the tone marks of pinyin (fā gǎi wěi → fa gai wei; ü as pypinyin writes
    it, v), a possessive's 's (People's Government) and the apostrophe inside a place's name (Xian'an)."""
    text = text.replace("ü", "v").replace("Ü", "V")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _APOSTROPHE.sub("", _POSSESSIVE.sub("", text))


def _words(text: str) -> list[str]:
    """An English text's words, abbreviations written out (Dept → department: naming.yaml english_abbreviations)."""
    spelled = load_naming().english_abbreviations
    text = re.sub(r"(?<=[a-z])['’](?=[a-z])", "", text.lower().replace("'s", "").replace("’s", ""))  # Xi'an, Xian'an
    return [spelled.get(w, w) for w in re.findall(r"[a-z0-9]+", text)]


def _deletions(text: str) -> set[str]:
    """The text and every string one character shorter than it."""
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


# Reasons a name is not the plan's unit although it names one of its kind: the answer says which.
NOT_IN_PLAN = ("none-known", "higher", "other-level", "other-place")


def _final(match: Match) -> Match:
    if match.reason == "none-known":
        return Match(match.query, None, 0, [], "none")
    return match


_RESOLVERS: dict[tuple[tuple[str, ...], int, tuple[str, ...] | None], Resolver] = {}


def _cached(units: tuple[str, ...], directory_id: int, directory: Directory, places: Places | None) -> Resolver:
    key = (units, directory_id, places.chain if places else None)
    if key not in _RESOLVERS:
        if len(_RESOLVERS) >= 8:
            _RESOLVERS.pop(next(iter(_RESOLVERS)))
        _RESOLVERS[key] = Resolver(list(units), directory, places=places)
    return _RESOLVERS[key]
