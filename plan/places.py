"""Where a plan comes from: the issuing body's chain of places (甲市乙区 → 甲市, 乙区) and its level
(区), read from the plan itself (issuer, title, the units it names) and completed from the gazetteer of
China's divisions (plan/gazetteer.py): 甲市乙区 → 某省, 甲市, 乙区.

A unit name that starts with the plan's own places, in order, is the plan's unit (甲市乙区司法局,
乙区司法局, 区司法局); a higher place alone (甲市司法局, 市司法局), another place (丙区司法局) or
another level is another organ."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from plan.gazetteer import TOWNSHIP_ENDINGS, gazetteer

NAMING_FILE = Path(__file__).resolve().parent / "data" / "naming.yaml"

# How the name of a place ends, longest first: 自治区 before 区.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "州", "盟", "区", "县", "旗")
LEVELS = ("省", "市", "州", "盟", "区", "县", "旗")  # what a unit's own name may start with (区司法局)
_SUFFIX = "|".join(SUFFIXES)
_PLACE = re.compile(rf"[\u4e00-\u9fff]{{2,}}?(?:{_SUFFIX})")
# Words that end like a place but are part of an organ's name (区人民政府 is not a place 人民政府区).
# (城区 is no such word: 钢城区, 东城区 and 城区 itself are districts.)
_NOT_PLACES = ("人民政府", "政府", "管委会", "开发区", "新区", "园区", "社区", "街道")
_CALLED_BY_ONE = ("旗", "盟")  # a banner or a league called by its first character (达拉特旗 → 达旗, 锡林郭勒盟 → 锡盟)
SAID_CHARS = 20_000  # how much of a plan's text is read for the place it names (a plan says it early)
_SHAPED_LONGEST = 5  # a place known by its shape alone (a district newer than the gazetteer): 某某新区 at most
_ISSUER_PLACE = re.compile(rf"([\u4e00-\u9fff]{{2,5}}?(?:{_SUFFIX}))(?:人民政府|政府|委员会|委|人大|政协)")
_BRANCH = re.compile(r"^.[\u4e00-\u9fff]+局[\u4e00-\u9fff]*分局$")
_ORGAN = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:局|委|办|厅)$")  # an organ's name after a place (甲工商局)
# A development zone named by its place in short (甲开发区管委会, 乙经济开发区): the zone of that place.
_ZONE = re.compile(r"^[\u4e00-\u9fff]{0,4}?(?:开发区|经开区|高新区|产业园区|工业园区)(?:管委会|管理委员会)?$")
_BRANCH_PLACE = re.compile(r"^[省市州盟][\u4e00-\u9fff]{2,}?局(?P<own>[\u4e00-\u9fff]{2,5})分局$")
# A title that names the plan's level without its place: 全区, 本县, 区政府, 县人民政府, 市委.
_LEVELS = "".join(LEVELS)
_TITLE_LEVEL = re.compile(rf"[全本]([{_LEVELS}])|([{_LEVELS}])(?:人民)?政府|([{_LEVELS}])委(?!员)")


@dataclass(frozen=True)
class Places:
    """The plan's own places, outermost first, and the level its units speak at."""

    chain: tuple[str, ...] = ()
    level: str = ""
    forms: dict[str, int] = field(default_factory=dict)  # full and short form -> index in the chain

    @property
    def own(self) -> str:
        """The plan's own place (乙区), the last of the chain."""
        return self.chain[-1] if self.chain else ""

    def pinyin_prefixes(self) -> list[str]:
        """The chain as people spell it in pinyin: jiashi, yiqu, yi, yq, qu …, longest first."""
        found: set[str] = set()
        for start in range(len(self.chain)):  # ending at the plan's own place: a higher place alone is not it
            part = self.chain[start:]
            if part:
                for joined in ("".join(part), "".join(short_place(p) for p in part)):
                    syllables = lazy_pinyin(joined)
                    found.add("".join(syllables))
                    found.add("".join(s[0] for s in syllables if s))
        if self.level:
            found.add("".join(lazy_pinyin(self.level)))
        return sorted((p for p in found if p), key=len, reverse=True)


def short_place(place: str) -> str:
    """甲市 → 甲: the place without its suffix, where two or more characters remain."""
    for suffix in SUFFIXES:
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return place[: -len(suffix)]
    return place


def leading_places(text: str, townships: bool = False) -> list[str]:
    """The places a text starts with, outermost first: 某自治区甲市乙区人民政府 → three. A place is one the
    gazetteer knows (a province's short form, a city's full name); a name shaped like a place is taken only after a known one (a district
    newer than the gazetteer), so 帮我查区统计局 starts with no place. With `townships`, a town, township or
    street counts too (某镇乡村振兴办: the town's office, not the county's)."""
    found: list[str] = []
    rest = text.strip()
    book = gazetteer()
    while True:
        piece = book.prefix(rest, townships)
        if piece is None:
            match = _PLACE.match(rest) if found else None
            if match is None or len(match.group(0)) > _SHAPED_LONGEST:  # 西安市贯彻落实陕西省: no district's name
                return found
            piece = match.group(0)
        town = piece in book.townships  # 东华门街道 is a place, though 街道 alone is an organ's word
        if not town and any(piece.endswith(word) or rest.startswith(word) for word in _NOT_PLACES):
            return found
        found.append(piece)
        rest = rest[len(piece) :]


@lru_cache(maxsize=1)
def _naming() -> dict[str, list[str]]:
    raw = yaml.safe_load(NAMING_FILE.read_text(encoding="utf-8")) or {}
    return {key: [str(w) for w in raw.get(key) or []] for key in ("not_level_words", "before_places")}


def level_word(name: str) -> str:
    """The level word a unit's name starts with (区司法局: 区), never the first character of a word that
    merely begins like one (市场监管局, 市政局: naming.yaml's not_level_words)."""
    if len(name) >= 2 and name[0] in LEVELS and not name.startswith(tuple(_naming()["not_level_words"])):
        return name[0]
    return ""


def named_places(text: str) -> list[str]:
    """The places a plan's issuer or title names: those it starts with, after a Party or agency prefix
    (中共甲市乙区委 → 甲市, 乙区), else the first run of known places inside it (inner_places)."""
    for part in re.split(r"[\s、，,]+", text):  # joint issuers: 中共甲区委 甲区人民政府
        found = leading_places(_after_prefix(part))
        if found:
            return found
    return inner_places(text)


def _issuing_place(issuer: str) -> list[str]:
    """The place of an issuer the gazetteer does not know (a district merged away since: 某某区人民政府办公室),
    by its shape: a place's name before the government's or the Party committee's."""
    found = _ISSUER_PLACE.match(_after_prefix(issuer.strip()))
    if found is None or any(found.group(1).endswith(word) for word in _NOT_PLACES):
        return []
    return [found.group(1)]


def _after_prefix(text: str) -> str:
    """A name without the Party or agency word before its places (中共, 国家税务总局)."""
    for prefix in sorted(_naming()["before_places"], key=len, reverse=True):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def inner_places(text: str) -> list[str]:
    """The first run of known places inside a text (2024年乙区…, 关于印发甲市乙区…): a full name of three or
    more characters, or two places in a row."""
    text = re.sub(r"\s+", "", text)
    book = gazetteer()
    for start in range(1, len(text) - 2):
        if book.prefix(text[start:]) is None:
            continue
        found = leading_places(text[start:])
        if len(found) >= 2 or (found and found[0] in book.by_name and len(found[0]) >= 3):
            return found
    return []


def own_zone(name: str, places: dict[str, int]) -> bool:
    """A development zone the gazetteer lists under one of `places` and names by it (甲经济技术开发区 under 甲市): the plan's
    own zone, whose organs are the plan's (甲经济技术开发区管委会 is its 甲经开区管委会), never another place's."""
    book = gazetteer()
    for place in sorted(places, key=len, reverse=True):
        if name.startswith(place) and _ZONE.search(name[len(place) :]):
            return any(a.name in places for d in book.named(name) for a in book.ancestors(d)[:-1])
    return False


def _place_alone(unit: str) -> list[str]:
    """A unit that is a place's name alone (越秀区; a town, 某某镇, as one of a county's units): that place, else []."""
    book = gazetteer()
    if unit in book.by_name or (unit in book.townships and unit.endswith(TOWNSHIP_ENDINGS)):
        return [unit]
    return []


def _speaks(unit: str) -> str:
    """The level a unit's name speaks at: its level word (区司法局: 区), 区 for an autonomous region's (自治区发展改革委)."""
    return level_word(unit) or ("区" if unit.startswith("自治区") and len(unit) > 4 else "")


def _unit_place(unit: str) -> tuple[str, ...]:
    """The places a unit is named with (鞍山市立山区发改局), or the place it is alone (越秀区); none for a zone's committee
    named like a district (西城区管委会 in a city without that district: a district has a government, not a 管委会)."""
    found = leading_places(unit, townships=True)
    if found:
        rest = unit[sum(map(len, found)) :]
        if rest in _ZONE_COMMITTEES and not found[-1].endswith(_ZONE_ENDINGS):
            return ()
        return tuple(found)
    return tuple(_place_alone(unit))


_ZONE_COMMITTEES = ("管委会", "管理委员会", "党工委", "党工委管委会")
_ZONE_ENDINGS = ("开发区", "经开区", "高新区", "新区", "园区", "示范区", "试验区")


@lru_cache(maxsize=16)  # as said_place: the same text on every rebuild of a docket's view
def _parent_said(text: str, level: str) -> tuple[str, ...]:
    """The place of the units' level that every place below it the text names by full name lies in (a city's plan listing
    端州区、鼎湖区、四会市 in its tasks: that city), two such places at least; else ()."""
    book = gazetteer()
    text = re.sub(r"\s+", "", text)[:SAID_CHARS]
    found: set[str] = set()
    for start in range(len(text) - 2):
        for size in range(min(book.longest, len(text) - start), 2, -1):
            piece = text[start : start + size]
            if piece in book.by_name and _level(piece) and _level(piece) != level:
                found.add(piece)
                break
    if len(found) < 2:
        return ()
    chain = book.common_parent(sorted(found))
    return tuple(chain) if chain and _level(chain[-1]) == level else ()


def _told_apart(chain: list[str], said: str) -> list[str]:
    """A chain of one place that several places share (通州区: 北京市's and 南通市's) with the higher place the plan says
    elsewhere (北京城市副中心（通州区）): that place's chain; the chain as it is where nothing or both are said."""
    if len(chain) != 1:
        return chain
    book = gazetteer()
    options = [book.ancestors(d) for d in book.named(chain[0])]
    if len(options) < 2:
        return chain
    said = re.sub(r"\s+", "", said)
    fits = [o for o in options if any(a.name in said or (a.short != a.name and a.short in said) for a in o[:-1])]
    return [a.name for a in fits[0]] if len(fits) == 1 else chain


def _level(place: str) -> str:
    """The level a place's units speak at: 甲市 → 市, 乙区 → 区, 某自治区 → 区."""
    ending = next((s for s in SUFFIXES if place.endswith(s)), "")
    return ending[-1] if ending else ""


def _branch_place(units: list[str], level: str) -> list[str]:
    """The plan's place named by a higher bureau's branch among its units (市生态环境局乙分局 on a district's plan:
    乙区), where the gazetteer has exactly one place of the plan's level by that name."""
    found: set[str] = set()
    for unit in units:
        branch = _BRANCH_PLACE.match(unit)
        if branch is None:
            continue
        own = branch.group("own")
        names = [own] if _level(own) == level else [own + suffix for suffix in SUFFIXES if suffix[-1] == level]
        found |= {name for name in names if len(gazetteer().named(name)) == 1}
    return [found.pop()] if len(found) == 1 else []


def _short_named_place(units: list[str], level: str) -> list[str]:
    """The plan's place named in short before an organ or a development zone among its units (甲工商局, 甲开发区管委会 on a
    city's plan whose other units say 市X局: 甲市; 乙经济开发区 on a county's plan: 乙县), where exactly one place of the
    plan's level has that short name."""
    book = gazetteer()
    found: set[str] = set()
    for unit in units:
        for size in range(min(4, len(unit) - 2), 1, -1):
            short = unit[:size]
            zone = bool(_ZONE.search(unit[size:]))
            named = book.by_short.get(short, []) or (_counties_by_short().get(short, []) if zone else [])
            places = [d for d in named if _level(d.name) == level]
            if places and (_ORGAN.search(unit[size:]) or zone):
                found |= {d.name for d in places}
                break
    if len(found) != 1:
        return []
    place = next(iter(found))
    return (
        [place]
        if len(book.by_short.get(short_place(place), []) or _counties_by_short().get(short_place(place), [])) == 1
        else []
    )


@lru_cache(maxsize=1)
def _counties_by_short() -> dict[str, list[object]]:
    """Counties and districts by their name without its ending (乙县 → 乙): a county's zone is named so (乙经济开发区)."""
    shorts: dict[str, list[object]] = {}
    for names in gazetteer().by_name.values():
        for division in names:
            if division.level == "county" and division.short != division.name:
                shorts.setdefault(division.short, []).append(division)
    return shorts


@lru_cache(maxsize=16)  # a plan's view is rebuilt on every change of its docket, its text the same
def said_place(text: str, level: str, least: int = 2) -> tuple[str, ...]:
    """The place a plan's text names most at the level its units speak at (数智某省建设, the province; 我县 … 某县, the
    county): a full name, or a province's or city's short one, said `least` times at least and twice as often as any
    other place of that level; else []."""
    if not level:
        return ()
    book = gazetteer()
    counted: Counter[str] = Counter()
    text = re.sub(r"\s+", "", text)[:SAID_CHARS]
    for start in range(len(text) - 1):
        for size in range(min(book.longest, len(text) - start), 1, -1):
            piece = text[start : start + size]
            names = [d.name for d in book.by_name.get(piece, []) or book.by_short.get(piece, [])]
            names = [n for n in names if _level(n) == level]
            if names:
                counted[names[0] if len(names) == 1 else ""] += 1  # 城区, 鼓楼区: several places, none said
                break
    counted.pop("", None)  # a short name two places share says neither
    ranked = counted.most_common(2)
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return ()
    return (ranked[0][0],)


def plan_places(issuer: str | None, title: str | None, units: list[str], text: str = "") -> Places:
    """The place chain of a plan: from its issuer, else its title, else the places its units name (its own, the places
    below it they all lie in, the streets of one county), else the place its text names most at its units' level, else
    the one its text's places below that level all lie in; a place several share (鼓楼区) told apart by a higher place
    the plan says. Its level from that chain, else from its units (市X局, 自治区X厅), else from its title (全区, 区政府)."""
    # A higher bureau's branch (市公安局某区分局) does not speak at the plan's level.
    counted_levels = Counter(level for u in units if len(u) > 2 and (level := _speaks(u)) and not _BRANCH.match(u))
    spoken = counted_levels.most_common(1)[0][0] if counted_levels else ""  # 市X局: the level its units speak at
    chain: list[str] = named_places(issuer or "") or _issuing_place(issuer or "")
    if not chain and title:
        chain = named_places(title)
        if chain and spoken and _level(chain[-1]) != spoken and not leading_places(_after_prefix(title)):
            # A title naming, inside it, a place of another level than the units' (a city's plan for one of its
            # districts): the plan's own place is the one of its units' level in that chain, if any.
            at = [i for i, place in enumerate(chain) if _level(place) == spoken]
            chain = chain[: at[-1] + 1] if at else []
    if not chain and title and not spoken:  # a town's own plan (某镇2024年度重点工作): its units speak no level
        town = leading_places(_after_prefix(title), townships=True)
        chain = town if town and town[-1] in gazetteer().townships else []
    if not chain:
        # A unit that is a place's name alone (越秀区, a county's town) names that place.
        counted = Counter(_unit_place(u) for u in units)
        counted.pop((), None)
        named = [c for c in counted if c and _level(c[-1]) == spoken]
        if named:  # the units name the plan's own place (鞍山市立山区发改局)
            chain = list(max(named, key=lambda c: counted[c]))
        elif counted and spoken:
            # Places below the plan's level (three districts among a city's cooperating units): the plan's
            # place is the one they all lie in, when the gazetteer knows it.
            chain = gazetteer().common_parent([c[-1] for c in counted])
            towns = [c for c in counted if c[-1] in gazetteer().townships]
            if chain and _level(chain[-1]) != spoken:
                # Streets and towns as the plan's own units (五星街道, 荷花池街道), more of them than units speaking a level
                # (市国有公司): the county they lie in, whose plan gives them tasks.
                if not (len(towns) == len(counted) >= 2 and sum(counted.values()) > counted_levels[spoken]):
                    chain = []
        elif counted:
            # Places of one level and no level spoken (three cities' governments): the place they lie in, else the first.
            parent = gazetteer().common_parent([c[-1] for c in counted]) if len(counted) >= 2 else []
            chain = parent or list(counted.most_common(1)[0][0])
    if not chain and spoken:
        chain = _branch_place(units, spoken) or _short_named_place(units, spoken)
    if not chain and spoken:
        # A place of the units' level in the title, though in short (数智某省建设), or said again and again in the text.
        chain = list(said_place(title or "", spoken, least=1) or said_place(text, spoken))
    if not chain and spoken:
        chain = list(_parent_said(text, spoken))
    if not spoken and not chain:
        said = _TITLE_LEVEL.search(title or "")  # 2023年区政府重点民生实事, 全县乡村振兴工作
        spoken = next((g for g in said.groups() if g), "") if said else ""
    chain = gazetteer().complete(_told_apart(chain, "\n".join([issuer or "", title or "", text, *units])))
    level = ""
    if chain:
        level = next((s for s in SUFFIXES if chain[-1].endswith(s)), "")
        level = level[-1] if level else ""  # 自治区 speaks as 区, 自治县 as 县
    else:
        level = spoken
    forms: dict[str, int] = {}
    for index, place in enumerate(chain):
        forms[place] = index
        short = short_place(place)
        if short != place:
            forms.setdefault(short, index)
        for division in gazetteer().named(place):  # 宁夏 for 宁夏回族自治区 (short_place leaves 宁夏回族)
            if division.short != place:
                forms.setdefault(division.short, index)
        if place.endswith("地区") and index == len(chain) - 1:  # a 地区's units speak as 地区 (地区财政局)
            forms.setdefault("地区", index)
        if place in gazetteer().common:  # 昌吉州 for 昌吉回族自治州
            forms.setdefault(gazetteer().common[place], index)
        if place.endswith("自治区"):  # 自治区发展改革委: the region's own organ, its level said so
            forms.setdefault("自治区", index)
        if place.endswith(_CALLED_BY_ONE) and len(short) >= 2 and short != place:  # 达旗, 锡盟: the first character
            forms.setdefault(short[0] + place[-1], index)
    return Places(tuple(chain), level, forms)
