"""A task named by its subject (复议应诉那个任务, 执法人员管理那条): which title the words name.

Each title is read as its characters and character pairs, weighted by how rare they are among the
plan's titles (a pair most titles share, 加强 or 行政, says little); a subject names the task whose title
holds most of its weight, when that title holds most of it and no other title comes close. Word order
does not matter (纠纷多元化解 names 完善多元化解纠纷机制), a word of the subject missing from every title
counts against it, and a subject two titles share names neither: then it is a search, not a task."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_HAN = re.compile(r"[\u4e00-\u9fff]+")
ENOUGH = 0.62  # the share of a subject's weight one title must hold
APART = 0.75  # …and the next title at most this share of the best one's
SHORTEST = 3  # characters: 信访 or 执法 alone names no one task


def _grams(text: str) -> set[str]:
    runs = _HAN.findall(text)
    return {c for run in runs for c in run} | {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


@dataclass(frozen=True)
class Titles:
    """The plan's task titles, ready to be named by subject."""

    numbers: tuple[int, ...]
    grams: tuple[frozenset[str], ...]
    weight: dict[str, float]
    missing: float  # the weight of a character or pair no title holds

    @classmethod
    def of(cls, tasks: Iterable[tuple[int, str]]) -> Titles:
        numbers, grams = [], []
        for number, title in tasks:
            numbers.append(number)
            grams.append(frozenset(_grams(title)))
        seen = Counter(g for found in grams for g in found)
        count = max(1, len(grams))
        weight = {g: math.log(1 + count / n) for g, n in seen.items()}
        return cls(tuple(numbers), tuple(grams), weight, math.log(1 + count))

    def named(self, subject: str) -> int | None:
        """The number of the one task whose title the subject names, or None."""
        wanted = _grams(subject)
        if sum(len(run) for run in _HAN.findall(subject)) < SHORTEST or not self.numbers:
            return None
        total = sum(self.weight.get(g, self.missing) for g in wanted)
        shares = sorted(
            (
                (sum(self.weight[g] for g in wanted & found) / total, number)
                for number, found in zip(self.numbers, self.grams, strict=True)
            ),
            reverse=True,
        )
        best, number = shares[0]
        second = shares[1][0] if len(shares) > 1 else 0.0
        if best < ENOUGH or second > APART * best or list(self.numbers).count(number) > 1:
            return None
        return number
