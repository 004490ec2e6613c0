"""Everyday noise in a typed message, taken away before it is read: a greeting or filler before the
request, a particle after it, emoji, an @mention, a status said before the task number, Latin shorthand
(rw, jd, ddl) and input-method homophones (会报 for 汇报). The words are data (data/noise.yaml); the
same lists add noise to the labeled messages when the reader is trained, so it learns to ignore it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin.pinyin_dict import pinyin_dict

from core.pinyin import pinyin

DATA = Path(__file__).resolve().parent / "data" / "noise.yaml"

# Emoji and pictographs, their variation selectors and joiners, skin tones, and the 🙏-style symbols.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d\u20e3\U000e0020-\U000e007f]+"
)
MENTION = re.compile(r"@\S+\s*")
_EDGE = r"[\s,.!?;:~～\-、。，！？；：…·]*"
_PUNCT = re.compile(r"[\s,.!?;:~～\-、。，！？；：…·\"'“”‘’()（）]+")


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


@dataclass
class Noise:
    """The loaded lists, ready to clean messages."""

    lead: re.Pattern[str]
    tail: re.Pattern[str]
    shorthand: dict[str, str]
    acknowledgements: list[str]
    homophones: dict[tuple[str, ...], str] = field(default_factory=dict)  # syllables -> the word
    sounds: dict[str, set[str]] = field(default_factory=dict)  # a character -> its toneless readings
    not_homophones: set[str] = field(default_factory=set)
    lead_words: list[str] = field(default_factory=list)
    tail_words: list[str] = field(default_factory=list)
    bot_names: tuple[str, ...] = ()  # 督办助手: an @mention of Duban itself
    signature_marks: str = ""  # what sets a person's name off after a unit's (应急局-王伟)
    _shorthand: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _ack: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _ack_first: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _promise: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _notice: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    dialect: dict[str, str] = field(default_factory=dict)
    _dialect: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    numerals: dict[str, str] = field(default_factory=dict)  # 廿 -> 二十
    _numerals: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    status_emoji: dict[str, str] = field(default_factory=dict)  # ✅ -> 已完成
    _status_emoji: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _ack_before: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 好的收到 , before a request
    _test: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 测试, test 123, ?

    @classmethod
    def load(cls, path: Path = DATA) -> Noise:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        lead = sorted((str(w) for w in raw["lead"]), key=len, reverse=True)
        tail = sorted((str(w) for w in raw["tail"]), key=len, reverse=True)
        acks = sorted((str(w).lower() for w in raw["acknowledgements"]), key=len, reverse=True)
        made = cls(
            re.compile(rf"^(?:{_EDGE}(?:{'|'.join(map(re.escape, lead))})(?![a-z]){_EDGE})+", re.IGNORECASE),
            re.compile(rf"(?:{_EDGE}(?:{'|'.join(map(re.escape, tail))}){_EDGE})+$", re.IGNORECASE),
            {str(k).lower(): str(v) for k, v in raw["shorthand"].items()},
            acks,
            lead_words=lead,
            tail_words=tail,
        )
        made._shorthand = re.compile(rf"(?<![a-z])(?:{'|'.join(map(re.escape, made.shorthand))})(?![a-z])")
        made._ack = re.compile(rf"^(?:{'|'.join(re.escape(w) for w in acks)})+$")
        made._ack_first = re.compile(rf"^(?:(?:{'|'.join(re.escape(w) for w in acks)}){_EDGE})+")
        made._ack_before = re.compile(
            rf"^\s*(?:(?:{'|'.join(re.escape(w) for w in acks)})[\s,.!;~～、。，！；…]*)*"
            rf"(?:{'|'.join(re.escape(w) for w in acks)})[\s,.!;~～、。，！；…]+(?=\S)"
        )
        made.numerals = {str(k): str(v) for k, v in (raw.get("numerals") or {}).items()}
        if made.numerals:
            made._numerals = re.compile("|".join(map(re.escape, made.numerals)))
        made.status_emoji = {str(k): str(v) for k, v in (raw.get("status_emoji") or {}).items()}
        if made.status_emoji:
            made._status_emoji = re.compile("|".join(map(re.escape, sorted(made.status_emoji, key=len, reverse=True))))
        promise = sorted((str(w) for w in raw.get("promise", [])), key=len, reverse=True)
        made._promise = re.compile(rf"^(?:(?:{'|'.join(map(re.escape, promise))}){_EDGE})+$" if promise else r"(?!x)x")
        made.signature_marks = "".join(str(m) for m in raw.get("signature_marks", []))
        openings = sorted((str(w) for w in raw.get("notice_openings", [])), key=len, reverse=True)
        everyone = sorted((str(w).lower() for w in raw.get("everyone", [])), key=len, reverse=True)
        made._notice = re.compile(
            "|".join(
                [rf"^\s*(?:{'|'.join(map(re.escape, openings))})"] * bool(openings)
                + [rf"(?:{'|'.join(map(re.escape, everyone))})"] * bool(everyone)
            )
            or r"(?!x)x",
            re.IGNORECASE,
        )
        tests = sorted((str(w).lower() for w in raw.get("tests", [])), key=len, reverse=True)
        made._test = re.compile(
            rf"^(?:(?:{'|'.join(map(re.escape, tests))})[\s\d.!！~～。,，]*)+$|^[?？\s]+$" if tests else r"^[?？\s]+$"
        )
        made.bot_names = tuple(str(w).lower() for w in raw.get("bot_names", []))
        made.dialect = {str(k): str(v) for k, v in (raw.get("dialect") or {}).items()}
        if made.dialect:
            forms = sorted(made.dialect, key=len, reverse=True)
            made._dialect = re.compile(
                "|".join(rf"(?<![怎什那这多要]){re.escape(w)}" if w.startswith("么") else re.escape(w) for w in forms)
            )
        made.not_homophones = {str(w) for w in raw.get("homophone_words", [])}
        syllables: set[str] = set()
        for word in raw["homophones"]:
            sound = tuple(_toneless(pinyin_dict[ord(char)].split(",")[0]) for char in str(word))
            made.homophones[sound] = str(word)
            syllables |= set(sound)
        for code, readings in pinyin_dict.items():  # every character that can sound like one of them
            heard = {_toneless(r) for r in readings.split(",")} & syllables
            if heard:
                made.sounds[chr(code)] = heard
        return made

    def clean(self, text: str) -> str:
        """The request without the noise around it (lower-case Latin, as the reader reads it)."""
        if pinyin().typed_in_pinyin(text):  # wo men you na xie ren wu
            text = pinyin().written(text)
        text = self._status_emoji.sub(lambda m: self.status_emoji[m.group(0)], text)
        text = self._numerals.sub(lambda m: self.numerals[m.group(0)], text)
        text = EMOJI.sub(" ", MENTION.sub(" ", text)).strip()
        text = self._ack_before.sub("", text)  # 好的收到 第16条谁牵头: the request is what is read
        text = self._shorthand.sub(lambda m: self.shorthand[m.group(0)], text.lower())
        bare = self.lead.sub("", text)
        bare = self.tail.sub("", bare) if bare else bare
        text = bare.strip() or text.strip()
        text = self._dialect.sub(lambda m: self.dialect[m.group(0)], text)
        return self._heard(text)

    def _heard(self, text: str) -> str:
        """Homophones typed by an input method (会报, 认务) as the office word they sound like: two
        characters that read as the word, one of them its own, and not a word of their own."""
        for i in range(len(text) - 1):
            pair = text[i : i + 2]
            if pair in self.not_homophones:
                continue
            first, second = self.sounds.get(pair[0]), self.sounds.get(pair[1])
            if not first or not second:
                continue
            for a in first:
                for b in second:
                    word = self.homophones.get((a, b))
                    if word and word != pair and (word[0] == pair[0] or word[1] == pair[1]):
                        text = text[:i] + word + text[i + 2 :]
                        break
                else:
                    continue
                break
        return text

    def acknowledges(self, text: str) -> bool:
        """Made only of acknowledgements (收到收到, 好嘞收到, 知道了🙏, shoudao xiexie in pinyin) or only of
        emoji (👍)."""
        return any(self._acknowledges(said) for said in _as_written(text))

    def _acknowledges(self, text: str) -> bool:
        had = text.strip()
        text = EMOJI.sub("", MENTION.sub("", text)).lower()
        text = _PUNCT.sub("", self.tail.sub("", self.lead.sub("", text)) or text)  # 收到老师, 好的谢谢
        if not text:
            return bool(had) and bool(EMOJI.search(had))
        if self._ack.match(text):
            return True
        first = self._ack_first.match(text)  # 收到，我们尽快报: an acknowledgement and a promise
        return first is not None and bool(self._promise.match(text[first.end() :]))

    def tests(self, text: str) -> bool:
        """Only a test that the bot is there (测试, test 123, 试一下🙏, ?, ceshi ceshi in pinyin): nothing to answer."""
        said = [EMOJI.sub("", MENTION.sub("", t)).strip().lower() for t in _as_written(text)]
        return any(t and self._test.match(t) for t in said)

    def notice(self, text: str) -> bool:
        """Opens as a notice pasted into a group does (通知：…, 【…】, 各单位, @所有人)."""
        return bool(self._notice.search(text))

    def shorthand_in(self, text: str) -> bool:
        return bool(self._shorthand.search(text))


def _as_written(text: str) -> tuple[str, ...]:
    """The text, and, when it is typed in pinyin (shoudao, ceshi ceshi), the characters it says."""
    if pinyin().typed_in_pinyin(text):
        return text, pinyin().written(text)
    return (text,)


@lru_cache(maxsize=1)
def noise() -> Noise:
    """The shipped lists, loaded once."""
    return Noise.load()
