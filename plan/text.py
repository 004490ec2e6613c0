"""Text clean-up for plan documents: one width for punctuation, no stray spaces inside words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc

# Full-width ASCII (！ to ～) and the ideographic space fold to their half-width forms, so
# the parser reads one alphabet whatever the source used; other CJK punctuation stays.
_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: None, 0xFEFF: None})

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"、。，；：！？（）《》“”‘’【】〔〕…—·"
_WORD = r"A-Za-z0-9"

UNIT_END = re.compile(r"(局|委|办|部|院|室|会|处|所|站|队|镇|厅|中心|机关|政府)$")
UNIT_START = re.compile(r"(区|市|县|旗|各)(?!域|场|级|内|外|直属)")

# How a plan's title ends (工作要点, 实施方案, 任务分解表, 实施意见 …).
TITLE_END = re.compile(
    r"(工作计划|实施方案|工作方案|工作要点|任务分工|责任分工|任务清单|行动方案|行动计划|工作安排|分工方案|分工表|"
    r"责任分解表|责任分解|任务分解表|任务分解|分解表|分解方案|分解|任务表|方案|要点|计划|清单|实施意见|意见|"
    r"工作事项|若干措施|实施细则)$"
)

# A run of white space is kept only between two Latin words or numbers ("Justice Bureau").
_SPACE = re.compile(r"[ \t]+")


def without_format(text: str) -> str:
    """Text without Unicode format characters (Cf: zero-width spaces and joiners, direction marks, BOM)."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def matchable(text: str) -> str:
    """A copy for matching that keeps every character's position: format characters become spaces and
    full-width ASCII half-width, so a span found in it cuts the original text exactly."""
    return "".join(" " if unicodedata.category(char) == "Cf" else char for char in text).translate(_HALF)


def visible(text: str) -> bool:
    """Whether text shows anything: not only white space and format characters."""
    return bool(without_format(text).strip())


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC t2s): 牽頭單位 reads as 牵头单位."""
    return _t2s().convert(text) if text else text


@lru_cache(maxsize=1)
def _radicals() -> dict[int, str]:
    """Radical code points a font draws as an ideograph (plan/data/radicals.tsv), and the CJK compatibility
    ideographs, each to the ideograph it stands for."""
    table: dict[int, str] = {}
    path = Path(__file__).with_name("data") / "radicals.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _, ideograph = line.split("\t")
            table[int(code, 16)] = ideograph
    for code in range(0xF900, 0xFB00):  # 豈 … : one ideograph under a second code point (NFKC folds it)
        folded = unicodedata.normalize("NFKC", chr(code))
        if folded != chr(code) and len(folded) == 1:
            table[code] = folded
    return table


_RADICAL = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def ideographs(text: str) -> str:
    """Text with radicals read as the ideographs they were drawn for: a PDF printed by a browser often
    carries ⼈⺠政府 (Kangxi and CJK radicals sharing the ideographs' glyphs) for 人民政府."""
    return text.translate(_radicals()) if _RADICAL.search(text) else text


def halfwidth(text: str) -> str:
    """Fold full-width ASCII letters, digits and punctuation to half-width."""
    return text.translate(_HALF)


def _keep_space(before: str, after: str) -> bool:
    return bool(re.fullmatch(f"[{_WORD}.%]", before[-1:] or "")) and bool(re.fullmatch(f"[{_WORD}]", after[:1] or ""))


# An organ's name: Chinese characters ending like one (安监所, 交警六中队); and the tails that end a name
# a stray space may have cut off (区政府 办公室, 县委 办公室): never a name of their own.
_ORGAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,10}(?:局|委|办|院|室|处|所|站|队|厅|中心)")
_NAME_TAILS = ("办公室", "办事处", "委员会", "管委会", "工作委员会", "领导小组", "分局", "支队", "大队", "中队")


def _two_organs(before: str, after: str) -> bool:
    """Whether a space stands between two whole organs' names (安监站 安监所), not inside one name."""
    last = re.search(r"[\u4e00-\u9fff]+$", before)
    first = re.match(r"[\u4e00-\u9fff]+", after)
    if not last or not first:
        return False
    return (
        bool(_ORGAN_WORD.fullmatch(last.group(0)))
        and bool(_ORGAN_WORD.fullmatch(first.group(0)))
        and not first.group(0).startswith(_NAME_TAILS)
    )


def squeeze_spaces(text: str) -> str:
    """Remove spaces inside Chinese text (`规范 性文件`, `牵 头单位`), keep them between Latin words."""
    out: list[str] = []
    pos = 0
    for match in _SPACE.finditer(text):
        out.append(text[pos : match.start()])
        before, after = text[: match.start()], text[match.end() :]
        if _keep_space(before, after):
            out.append(" ")
        elif UNIT_END.search(before) and (UNIT_START.match(after) or _two_organs(before, after)):
            out.append("、")  # "区司法局 区财政局", "安监站 安监所": two units a space apart
        pos = match.end()
    out.append(text[pos:])
    return "".join(out).strip()


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A mirror's reading aid after a character (經(jīng)開區(qū), 發(fā)展): tone-marked pinyin in brackets, never part of the text.
_PINYIN_GLOSS = re.compile(rf"(?<=[{_CJK}])\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")


def without_glosses(text: str) -> str:
    """Text without pinyin glosses a web mirror put after characters: 湘西經(jīng)開區(qū)管委會 reads 湘西經開區管委會."""
    return _PINYIN_GLOSS.sub("", text) if "(" in text else text


def clean_line(text: str) -> str:
    """One line as the parser reads it: half-width punctuation, no stray spaces, no pinyin glosses."""
    return squeeze_spaces(without_glosses(halfwidth(ideographs(text))).replace("\r", ""))


_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT_IN_CJK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}%)])([,;:?!])|([,;:?!])(?=[{_CJK}{_CJK_PUNCT}(])")
_PAREN_CJK = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")


def chinese_punct(text: str) -> str:
    """Give Chinese text its full-width punctuation back, leaving numbers and URLs alone."""
    text = _PUNCT_IN_CJK.sub(lambda m: _FULL[m.group(1) or m.group(2)], text)
    previous = None
    while previous != text:  # nested parentheses: innermost first
        previous = text
        text = _PAREN_CJK.sub(r"（\1）", text)
    return text
