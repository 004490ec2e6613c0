"""A page flattened into one line (copied from a web page without its line breaks): cut back into
paragraphs before each outline number, where the numbers run in order (1. 2. 3., 一、二、, （一）（二）)."""

from __future__ import annotations

import re

from plan.reader import Paragraph
from plan.text import TITLE_END

FLAT_LENGTH = 150  # characters a paragraph holds at least before it is read as a flattened page…
FLAT_SHARE = 0.5  # …and the share of the document's text it holds: the page, not one paragraph of it
_CN = "一二三四五六七八九十"
# Each family: a number anywhere in the line, and how its value is read. A digit inside a quantity (6.2%,
# 2.3亿元) or a document number (〔2017〕200号) is no number of the outline.
_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("digits", re.compile(r"(?<![\d.〔\[(（第/\-—~:：])(?P<n>\d{1,2})\s*[.、﹒](?![\d%])")),
    ("chinese", re.compile(rf"(?<![第{_CN}])(?P<n>[{_CN}]{{1,3}})、")),
    ("bracketed", re.compile(rf"[(（](?P<n>[{_CN}]{{1,3}})[)）]")),
]
_CUT_BEFORE = "。;；:：!！?？ )）】]"  # what a lone number stands after to start an item of its own
_BODY_START = re.compile(r"(?:为|根据|按照|经|现将|现就|近日|结合)")


def _value(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN.index(text[1]) + 1
    if len(text) == 2 and text.endswith("十"):
        return (_CN.index(text[0]) + 1) * 10
    if len(text) == 3 and text[1] == "十":
        return (_CN.index(text[0]) + 1) * 10 + _CN.index(text[2]) + 1
    return _CN.index(text) + 1 if len(text) == 1 else 0


def _chains(text: str, pattern: re.Pattern[str]) -> list[list[int]]:
    """Runs of this family's numbers counting 1, 2, 3 … in order (each run a list of positions)."""
    found = [(m.start(), _value(m.group("n"))) for m in pattern.finditer(text)]
    chains: list[list[int]] = []
    at = 0
    while True:
        start = next((i for i in range(at, len(found)) if found[i][1] == 1), None)
        if start is None:
            return chains
        chain, want, last = [found[start][0]], 2, start
        for i in range(start + 1, len(found)):
            if found[i][1] == want:
                chain.append(found[i][0])
                want, last = want + 1, i
            elif found[i][1] == 1:
                break  # a new run starts here (numbering restarting in each group)
        chains.append(chain)
        at = last + 1


def cut_points(text: str) -> list[int]:
    """Where a flattened page's items start: the numbers of each family that run in order, two or more;
    a lone number only where it stands after a sentence's end (…负担。1.严格执行)."""
    points: set[int] = set()
    for _, pattern in _FAMILIES:
        for chain in _chains(text, pattern):
            if len(chain) >= 2 or (chain[0] > 0 and text[chain[0] - 1] in _CUT_BEFORE):
                points.update(chain)
    return sorted(p for p in points if p > 0)


def _title_cut(text: str) -> list[str]:
    """The title standing before the first sentence (…责任分工方案为全面贯彻…): cut off as a line of its own."""
    title_end = re.compile(TITLE_END.pattern.removesuffix("$") + r"(?=" + _BODY_START.pattern + ")")
    found = title_end.search(text[:80])
    if found and 6 <= found.end() <= 60:
        return [text[: found.end()], text[found.end() :]]
    return [text]


def unflattened(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], int]:
    """Paragraphs with each flattened page cut into its items; how many paragraphs were cut. A paragraph is a
    flattened page when it is long and holds most of the document's text (a paragraph of a plan that lists
    1.… 2.… inline is left whole)."""
    out: list[Paragraph] = []
    cut = 0
    total = sum(len(p.text) for p in paragraphs)
    for para in paragraphs:
        flat = len(para.text) >= FLAT_LENGTH and len(para.text) >= FLAT_SHARE * total
        points = cut_points(para.text) if flat else []
        if len(points) < 2:
            out.append(para)
            continue
        cut += 1
        bounds = [0, *points, len(para.text)]
        pieces = [para.text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
        pieces = [*_title_cut(pieces[0]), *pieces[1:]] if pieces[0] else pieces[1:]
        out.extend(Paragraph(piece, para.gap and i == 0) for i, piece in enumerate(pieces) if piece)
    return out, cut
