"""A message typed in pinyin (wo men you na xie ren wu, di18tiao jinzhan): written back in characters
before it is read. The words are the labeled messages' own (data/pinyin.tsv, their sound without tones
and how often each was said, written by core/train_reader.py; a character's other readings count once), so a message is heard as the words staff
use; a syllable no word covers is the character said most often with that sound. Only a message whose
Latin words are all made of pinyin syllables is taken so (task 7, help, jd 80% are not)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pypinyin.pinyin_dict import pinyin_dict

WORDS = Path(__file__).resolve().parent / "data" / "pinyin.tsv"
_LONGEST = 6  # letters of the longest syllable (zhuang, shuang)
_PIECES = re.compile(r"[a-z]+|\d+|\s+|.", re.IGNORECASE)
_LATIN = re.compile(r"^[a-z0-9\s,.!?;:~，。！？、%]+$", re.IGNORECASE)


_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuuuuuunnnm")


def toneless(reading: str) -> str:
    plain = reading.translate(_TONES)
    if plain.isascii():
        return plain
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every syllable a character may be read as, without tones."""
    return frozenset(toneless(r) for readings in pinyin_dict.values() for r in readings.split(","))


def sound(word: str) -> str:
    """A word's usual reading, without tones and spaces (任务 → renwu); empty for one not all characters."""
    out = []
    for char in word:
        readings = pinyin_dict.get(ord(char))
        if readings is None:
            return ""
        out.append(toneless(readings.split(",")[0]))
    return "".join(out)


def vocabulary(cut: Iterable[list[str]]) -> list[tuple[str, str, int]]:
    """The words of these messages (each cut into words) with their sound and count, for data/pinyin.tsv."""
    counts: Counter[str] = Counter()
    for words in cut:
        counts.update(w for w in words if re.fullmatch(r"[\u4e00-\u9fff]{1,6}", w))
    found = [(heard, w, n if i == 0 else 1) for w, n in counts.items() for i, heard in enumerate(sounds(w))]
    return sorted(found, key=lambda row: (row[0], -row[2], row[1]))


def sounds(word: str) -> list[str]:
    """A word's usual reading, then a single character's other readings (谁: shei, then shui)."""
    usual = sound(word)
    if len(word) == 1 and usual:
        others = {toneless(r) for r in pinyin_dict[ord(word)].split(",")} - {usual}
        return [usual, *sorted(others)]
    return [usual] if usual else []


@dataclass
class Pinyin:
    """The words staff use, by their sound."""

    words: dict[str, tuple[str, int]]  # sound -> the word said most often so, and how often

    @classmethod
    def load(cls, path: Path = WORDS) -> Pinyin:
        words: dict[str, tuple[str, int]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                heard, word, count = line.split("\t")
                if heard not in words or int(count) > words[heard][1]:
                    words[heard] = (word, int(count))
        return cls(words)

    def typed_in_pinyin(self, text: str) -> bool:
        """Latin only, and every Latin word made of pinyin syllables, two syllables at least."""
        if not _LATIN.match(text):
            return False
        letters = re.findall(r"[a-z]+", text.lower())
        return bool(letters) and all(_split(w) for w in letters) and sum(len(_split(w) or ()) for w in letters) >= 2

    def syllables_of(self, word: str) -> tuple[str, ...] | None:
        """A Latin word as pinyin syllables (renwu → ren wu), or None when it is not made of them."""
        return _split(word)

    def written(self, text: str) -> str:
        """The message in characters: each run of Latin letters (spaces between syllables dropped) cut
        into the likeliest words, digits and punctuation kept."""
        out, run = [], []
        for piece in _PIECES.findall(text.lower()):
            if piece.isalpha():
                run.append(piece)
            elif piece.isspace() and run:
                continue
            else:
                if run:
                    out.append(self._words("".join(run)))
                    run = []
                out.append(piece)
        if run:
            out.append(self._words("".join(run)))
        return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff\d])|(?<=\d)\s+(?=[\u4e00-\u9fff])", "", "".join(out))

    def _words(self, letters: str) -> str:
        """Letters cut into words by their sound: the cut that covers them with the fewest, most said words."""
        best: list[tuple[float, str] | None] = [None] * (len(letters) + 1)
        best[0] = (0.0, "")
        for end in range(1, len(letters) + 1):
            for start in range(max(0, end - 6 * _LONGEST), end):
                before = best[start]
                if before is None:
                    continue
                heard = letters[start:end]
                found = self.words.get(heard)
                if found is None:
                    continue
                cost = before[0] + 1.0 - min(0.5, found[1] / 1000)  # fewer words first, the commoner next
                if best[end] is None or cost < best[end][0]:  # type: ignore[index]
                    best[end] = (cost, before[1] + found[0])
        done = best[len(letters)]
        return done[1] if done is not None else letters


def _split(word: str) -> tuple[str, ...] | None:
    """A Latin word as pinyin syllables (renwu → ren wu), or None when it is not made of them."""
    known = syllables()
    ways: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    ways[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST), end):
            if ways[start] is not None and word[start:end] in known:
                ways[end] = (*ways[start], word[start:end])  # type: ignore[misc]
                break
    return ways[len(word)]


@lru_cache(maxsize=1)
def pinyin() -> Pinyin:
    """The shipped words, loaded the first time a message is typed in pinyin."""
    return Pinyin.load()
