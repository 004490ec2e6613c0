"""Outline numbers at the start of a paragraph: 第一章, 一、, （一）, 1., （1）, ①, and their rank."""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十百零〇两"
# (rank, pattern) — a smaller rank is an outer level. 第X条 sits where 1. does.
MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^§0 ")),  # a Word heading of level 1..3 without a typed number (see reader)
    (1, re.compile(r"^§1 ")),
    (2, re.compile(r"^§2 ")),
    (0, re.compile(rf"^第[{_CN}\d]+(?:章|部分|篇)\s*")),
    (1, re.compile(rf"^[{_CN}]+\s*[、.,﹒]\s*")),
    (2, re.compile(rf"^\(\s*[{_CN}]+\s*\)\s*[、.]?")),
    (3, re.compile(rf"^第[{_CN}\d]+条\s*")),
    (3, re.compile(r"^\d{1,4}\s*(?:[、.﹒](?!\d)|\s)\s*")),
    (
        3,
        re.compile(r"^\d{1,3}\s*。\s*"),
    ),  # 1。 (a full stop after the number, as some plans in traditional characters print it)
    (3, re.compile(r"^[【\[]\s*\d{1,3}\s*[】\]]\s*")),  # 【1】, [1]
    # 1.1 and 1.1.1 under 1 (not a quantity: 1.5万亩, 2.3亿元)
    (4, re.compile(r"^\d{1,2}\.\d{1,2}(?![\d.万亿千百元个%倍亩吨米公斤平立度])\s*")),
    (5, re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d万亿千百元个%倍亩吨米公斤平立度])\s*")),
    (4, re.compile(rf"^[{_CN}]{{1,3}}是(?=[\u4e00-\u9fff])")),  # 一是…二是…
    (4, re.compile(r"^\(\s*\d{1,3}\s*\)\s*[、.]?|^\d{1,3}\)\s*")),
    (5, re.compile(r"^[\u2460-\u2473\u2776-\u277f]\s*")),
]


def marker(text: str) -> tuple[int, str, str] | None:
    """(rank, label, rest) when a paragraph starts with an outline number."""
    for rank, pattern in MARKERS:
        match = pattern.match(text)
        if match and len(text) > match.end():
            return rank, match.group(0).strip(), text[match.end() :]
    return None


_SECTION_MARK = re.compile(rf"^(?:第?[{_CN}]+(?:章|部分|篇)?\s*[、.,﹒]?|[(（]\s*[{_CN}]+\s*[)）])$")


def section_mark(cell: str) -> bool:
    """Whether a table's 序号 cell holds a section's number (一, 二、, （三）, 第一部分) rather than a task's."""
    return bool(_SECTION_MARK.match(cell.strip()))
