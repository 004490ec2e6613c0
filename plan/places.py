"""Where a plan comes from: the issuing body's chain of places (甲市乙区 → 甲市, 乙区) and its level
(区), read from the plan itself (issuer, title, the units it names) and completed from the gazetteer of
China's divisions (plan/gazetteer.py): 包头市东河区 → 内蒙古自治区, 包头市, 东河区.

A unit name that starts with the plan's own places, in order, is the plan's unit (甲市乙区司法局,
乙区司法局, 区司法局); a higher place alone (甲市司法局, 市司法局), another place (丙区司法局) or
another level is another organ."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin

from plan.gazetteer import gazetteer

# How the name of a place ends, longest first: 自治区 before 区.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "州", "盟", "区", "县", "旗")
LEVELS = ("省", "市", "州", "盟", "区", "县", "旗")  # what a unit's own name may start with (区司法局)
_SUFFIX = "|".join(SUFFIXES)
_PLACE = re.compile(rf"[\u4e00-\u9fff]{{2,}}?(?:{_SUFFIX})")
# Words that end like a place but are part of an organ's name (区人民政府 is not a place 人民政府区).
# (城区 is no such word: 钢城区, 东城区 and 城区 itself are districts.)
_NOT_PLACES = ("人民政府", "政府", "管委会", "开发区", "新区", "园区", "社区", "街道")


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
                for joined in ("".join(part), "".join(_short(p) for p in part)):
                    syllables = lazy_pinyin(joined)
                    found.add("".join(syllables))
                    found.add("".join(s[0] for s in syllables if s))
        if self.level:
            found.add("".join(lazy_pinyin(self.level)))
        return sorted((p for p in found if p), key=len, reverse=True)


def _short(place: str) -> str:
    """甲市 → 甲: the place without its suffix, where two or more characters remain."""
    for suffix in SUFFIXES:
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return place[: -len(suffix)]
    return place


def leading_places(text: str) -> list[str]:
    """The places a text starts with, outermost first: 内蒙古自治区甲市乙区人民政府 → three. A place is one the
    gazetteer knows (内蒙古, 包头市); a name shaped like a place is taken only after a known one (a district
    newer than the gazetteer), so 帮我查区统计局 starts with no place."""
    found: list[str] = []
    rest = text.strip()
    book = gazetteer()
    while True:
        piece = book.prefix(rest)
        if piece is None:
            match = _PLACE.match(rest) if found else None
            if match is None:
                return found
            piece = match.group(0)
        if any(piece.endswith(word) or rest.startswith(word) for word in _NOT_PLACES):
            return found
        found.append(piece)
        rest = rest[len(piece) :]


def _level(place: str) -> str:
    """The level a place's units speak at: 包头市 → 市, 东河区 → 区, 内蒙古自治区 → 区."""
    ending = next((s for s in SUFFIXES if place.endswith(s)), "")
    return ending[-1] if ending else ""


def plan_places(issuer: str | None, title: str | None, units: list[str]) -> Places:
    """The place chain of a plan: from its issuer, else its title, else the places its units start with."""
    chain: list[str] = []
    for text in (issuer or "", title or ""):
        chain = leading_places(text)
        if chain:
            break
    starts = Counter(u[0] for u in units if len(u) > 2 and u[0] in LEVELS)
    spoken = starts.most_common(1)[0][0] if starts else ""  # 市X局: the level the plan's own units speak at
    if not chain:
        counted = Counter(tuple(leading_places(u)) for u in units)
        counted.pop((), None)
        named = [c for c in counted if c and _level(c[-1]) == spoken]
        if named:  # the units name the plan's own place (鞍山市立山区发改局)
            chain = list(max(named, key=lambda c: counted[c]))
        elif counted and spoken:
            # Places below the plan's level (three districts among a city's cooperating units): the plan's
            # place is the one they all lie in, when the gazetteer knows it.
            chain = gazetteer().common_parent([c[-1] for c in counted])
            if chain and _level(chain[-1]) != spoken:
                chain = []
        elif counted:
            chain = list(counted.most_common(1)[0][0])
    chain = gazetteer().complete(chain)
    level = ""
    if chain:
        level = next((s for s in SUFFIXES if chain[-1].endswith(s)), "")
        level = level[-1] if level else ""  # 自治区 speaks as 区, 自治县 as 县
    else:
        level = spoken
    forms: dict[str, int] = {}
    for index, place in enumerate(chain):
        forms[place] = index
        short = _short(place)
        if short != place:
            forms.setdefault(short, index)
    return Places(tuple(chain), level, forms)
