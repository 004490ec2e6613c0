"""A task named by its subject (复议应诉那个任务, 执法人员管理那条): which title the words name.

Each title is read as its characters and character pairs, weighted by how rare they are among the
plan's titles (a pair most titles share, 加强 or 行政, says little); a subject names the task whose title
holds most of its weight, when that title holds most of it and no other title comes close. Word order
does not matter (纠纷多元化解 names 完善多元化解纠纷机制), a word of the subject missing from every title
counts against it, and a subject two titles share names neither: then it is a search, not a task. A subject
no title names may still be held by one task's text, word for word or each of its words apart."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import jieba
import numpy as np

_HAN = re.compile(r"[\u4e00-\u9fff]+")
ENOUGH = 0.62  # the share of a subject's weight one title must hold
APART = 0.75  # …and the next title at most this share of the best one's
SHORTEST = 3  # characters: 信访 or 执法 alone names no one title (two name a task only when one text holds them)


def _grams(text: str) -> set[str]:
    runs = _HAN.findall(text)
    return {c for run in runs for c in run} | {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


NEAR = 24  # characters: a subject's words further apart than this in a task's text are not its subject


def _near(words: set[str], text: str) -> bool:
    """Every word in the text, all within NEAR characters of each other (不少于60学时的业务知识和法律法规培训
    holds 学时培训; words spread over a paragraph, 人大代表…建议…办理, say something else)."""
    spots = [[m.start() for m in re.finditer(re.escape(w), text)] for w in words]
    if not all(spots):
        return False
    for start in (at for found in spots for at in found):
        if all(
            any(start <= at and at + len(w) - start <= NEAR for at in found)
            for w, found in zip(words, spots, strict=True)
        ):
            return True
    return False


@dataclass(frozen=True)
class Titles:
    """The plan's task titles, ready to be named by subject: for each character and pair, the titles that
    hold it (so that a subject costs its own grams, not a pass over every title of a large docket)."""

    numbers: tuple[int, ...]
    holding: dict[str, np.ndarray]  # a gram -> the positions of the titles that hold it
    weight: dict[str, float]
    missing: float  # the weight of a character or pair no title holds
    texts: tuple[str, ...] = ()  # each task's title and body, only its Chinese characters

    @classmethod
    def of(cls, tasks: Iterable[tuple[int, str]], texts: Iterable[str] = ()) -> Titles:
        numbers: list[int] = []
        holding: dict[str, list[int]] = {}
        for position, (number, title) in enumerate(tasks):
            numbers.append(number)
            for gram in _grams(title):
                holding.setdefault(gram, []).append(position)
        count = max(1, len(numbers))
        weight = {g: math.log(1 + count / len(at)) for g, at in holding.items()}
        arrays = {g: np.asarray(at, dtype=np.int32) for g, at in holding.items()}
        bare = tuple("".join(_HAN.findall(text)) for text in texts)
        return cls(tuple(numbers), arrays, weight, math.log(1 + count), bare)

    def named(self, subject: str) -> int | None:
        """The number of the one task whose title the subject names, or else the one task whose text holds
        it word for word, punctuation aside (持证上岗, 双随机一公开 in one task's body), or None."""
        size = sum(len(run) for run in _HAN.findall(subject))
        if size < SHORTEST - 1 or not self.numbers:
            return None
        by_title = self._by_title(subject) if size >= SHORTEST else None  # 述法: a word of one task's text only
        if by_title is not None or len(self.texts) != len(self.numbers):
            return by_title
        said = "".join(_HAN.findall(subject))
        holding = [n for n, text in zip(self.numbers, self.texts, strict=True) if said in text]
        if not holding:  # 60学时培训: its words close together in one task's text (60学时的…培训), in no other's
            words = {w for run in _HAN.findall(subject) for w in jieba.lcut(run) if len(w) >= 2}
            if len(words) >= 2:
                holding = [n for n, text in zip(self.numbers, self.texts, strict=True) if _near(words, text)]
        return holding[0] if len(holding) == 1 else None

    def _by_title(self, subject: str) -> int | None:
        wanted = _grams(subject)
        total = sum(self.weight.get(g, self.missing) for g in wanted)
        held = np.zeros(len(self.numbers), dtype=np.float64)
        for gram in wanted:
            if gram in self.holding:
                held[self.holding[gram]] += self.weight[gram]
        order = np.argsort(-held)[:2]
        best = held[order[0]] / total
        second = held[order[1]] / total if len(order) > 1 else 0.0
        number = self.numbers[int(order[0])]
        if best < ENOUGH or second > APART * best or self.numbers.count(number) > 1:
            return None
        return number
