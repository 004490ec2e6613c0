"""What a message asks: an intent and its slots (task, unit, keyword, time range) with a confidence.

Deterministic and explainable: words are folded to one form (啥 → 什么, 咱们 → 我们, as data in
data/understanding.yaml), each intent is scored by its cue words and by rapidfuzz's similarity to its
example phrases, units come from the plan's resolver (never a guess), and a task number may be
written 第15条, 15条, 第十五条, 二十一, 任务12 or task 7. jieba cuts what is left into words, to find
the keyword someone is looking for."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import cn2an
import jieba
import numpy as np
import yaml
from rapidfuzz import fuzz, process

from core.intent_model import KEYWORD, TASK, UNIT, features, intent_model
from core.noise import noise
from plan.resolver import NOT_IN_PLAN, Resolver
from plan.text import halfwidth, simplified, without_format

jieba.setLogLevel(logging.WARNING)
DATA = Path(__file__).resolve().parent / "data" / "understanding.yaml"
ALTERNATIVE = 0.12  # an intent this likely is offered as a button when the reader is unsure
INTENTS = (
    "my_tasks", "task_detail", "who_leads", "unit_tasks", "search", "due_soon", "overdue", "unfinished", "report", "my_reports",
    "progress", "leading", "overview", "broadcast", "ledger", "help", "bind", "unbind", "whoami",
)  # fmt: skip

_NUMERAL = "0-9零〇一二两三四五六七八九十百千"
_NOT_TASK = "季|次|场|遍|批|届|期|年|月|周|天|名|轮|阶段|部分|个月|个季度|把手|方|人|章|节|页|版|稿|组|档"
_TASK_PATTERNS = [
    # 第三季度, 第二次, 第一批 count something else: no task number
    re.compile(rf"第\s*([{_NUMERAL}]{{1,7}})(?![{_NUMERAL}])(?!\s*(?:{_NOT_TASK}))\s*(?:条|项|号|个任务|个)?"),
    # not a day of a month (12月31号之前) nor a document's number (〔2021〕12号)
    re.compile(r"(?<![\d.])(?<!月)(?<!月\s)(?<![〕\]])(\d{1,4})\s*(?:条|项|号)(?!\d)"),
    # 十八条进度: a numeral with 条 and no 第, unless it counts (两条都没报, 三条任务, 一条也没有)
    re.compile(
        r"(?<![零〇一二两三四五六七八九十百千几哪这那每])((?:[一三四五六七八九十]|二(?=十))[一二三四五六七八九十]{0,3})\s*条(?!任务|也|都|还|了)"
    ),
    # 三十号任务, 四号谁负责: a numeral with 号 names a task where 任务 follows it or it opens the message,
    # unless a time follows (三号之前, 五号下午): then it is a day
    re.compile(
        r"(?:^\s*|(?<![月零〇一二两三四五六七八九十百千几哪这那每第]))((?:[一三四五六七八九十]|二(?=十))[一二三四五六七八九十]{0,3})\s*号"
        r"(?=\s*(?:任务|那|这))|^\s*((?:[一三四五六七八九十]|二(?=十))[一二三四五六七八九十]{0,3})\s*号"
        r"(?!\s*(?:之前|以前|前|之后|以后|后|上午|下午|晚上|早上|中午|前后|左右|开|到|截止|下班|上班|放假|休息))"
    ),
    re.compile(rf"(?:任务|task|item|no\.?|number|#|编号|序号)\s*#?\s*([{_NUMERAL}]{{1,7}})(?![\d])", re.IGNORECASE),
    # 进度 22 (jd 22): a request, then a number set off at the end
    re.compile(r"(?<![\s\S]{7})(?<=[\u4e00-\u9fff]\s)(\d{1,3})\s*[?？]?$"),
    # 15 进度, 7 谁牵头: a number set off at the start, a request after it (not 3 个单位, 2 天)
    re.compile(
        r"^\s*(\d{1,3})\s+(?![\d])(?!(?:个|家|位|名|人|天|日|号|点|年|月|周|次|件|份|分|万|元|岁|%))(?=[\u4e00-\u9fff])"
    ),
    re.compile(r"^\s*([\d]{1,4}|[零〇一二两三四五六七八九十百千]{1,7})\s*$"),
]
# 一共26条, 共清理违规准入措施4项: a number after 共 in its clause counts things; it names no task
_COUNTED = re.compile(r"(?<!公)共(?!同|享|建|治)[^，,。；;！!？?\d\s]{0,12}\s*$")
_ENGLISH_NUMBERS = {
    word: n
    for n, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split(),
        start=1,
    )
}
_ENGLISH_TASK = re.compile(rf"\b(?:task|item|no\.?|number)\s+({'|'.join(_ENGLISH_NUMBERS)})\b")  # task seven
_TRIM = re.compile(r"^[\s,.!?;:~～\-、。，！？；：…·\"'“”‘’()（）]+|[\s,.!?;:~～\-、。，！？；：…·\"'“”‘’()（）]+$")
_ADDRESS = re.compile(r"[\s,，!！~～]*(?:老师|领导|各位|大家|同志|您|你)+[\s,，!！~～。.]*$")
# Where a message holds two requests: a clause break, or a word that announces another request.
_JOINERS = r"顺便问?一?下?|另外|再|然后|对了"  # not 还有: 还有哪些没完成 is one request
_CLAUSES = re.compile(
    rf"[，,；;。!！?？]\s*({_JOINERS})?\s*|\s+({_JOINERS}|还有(?!哪|多少|几|什么|谁))\s*"
)  # 任务有哪些 还有快到期的
_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")  # 第5条完成了 导出台账: two clauses by a space
# A subject marked as a task's (行政复议那条, 示范区创建那个任务, 执法这一项): the words before the mark.
_MARKED = re.compile(r"^(\S.{1,24}?)(?:的)?(?:那|这)(?:一|个)?(?:条|项|个任务|任务|件事|块工作|块)")
_WHICH = re.compile(
    r"(?:是|在|对应|属于)?(?:第几|哪一|哪个|几号)(?:条|项|个任务|号任务|任务)|是几号任务"
)  # 政务服务是第几条
_MENTIONED = re.compile(r"@([^\s@]{2,24})")
_EXPLICIT = (
    "搜索",
    "查找",
    "关于",
    "有关",
    "涉及",
    "相关",
    "方面",
    "search",
    "find",
)  # a search asked for in so many words
_SURE = 0.9  # a message read this surely as one request is not split at a space
_OF_A_TASK = ("task_detail", "who_leads", "progress", "report", "my_reports")  # intents about one task
_PARTICLES = {"吧", "了", "啦", "呢", "哈", "吧了", "哈哈"}
_GENERAL = ("overview", "leading", "progress")  # no task read: a subject said with them may name one task's progress
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ACCOUNT_EDGE = re.compile(r"^(?:了(?![解结])|啦|喽|咯)?[\s,，:：;；、。.!！]*")
_QUESTION = re.compile(
    r"[?？]|吗|呢|谁|什么|啥|咋|哪|几|多少|如何|怎么|是否|是不是|有没有|\b(?:what|which|who|how|when|is|are|do|does)\b"
)


@dataclass(frozen=True)
class Reading:
    """One message as Duban understood it."""

    text: str
    intent: str
    confidence: float
    task: int | None = None
    unit: str | None = None
    keyword: str | None = None
    range: str | None = None
    candidates: tuple[str, ...] = ()  # units that fit equally: asked, never picked
    alternatives: tuple[tuple[str, float], ...] = ()  # the next likeliest intents
    question: bool = False  # worded as a question (吗, 谁, 什么, ?)
    unit_text: str = ""  # what named a unit in the message, found in the plan or not
    subject: str = ""  # what the message is about, as typed, whether or not the plan has the word
    negated: bool = False  # says what is not so (我不是司法局的): never acted on as if it were
    status: str | None = None  # a report's status said with it (第9条弄好了): done, in_progress …
    account: str = ""  # what follows the status, as typed: the report's account
    then: Reading | None = None  # a second request in the same message, answered after this one
    missing: str = ""  # a subject asked about that the plan does not have (乡村振兴的任务谁负责): said so, not acted on

    @property
    def acted_on(self) -> bool:
        """Confident and unambiguous: a handler may act on it."""
        model = intent_model()
        if self.intent == "unknown" or self.confidence < model.act:
            return False
        return not (self.alternatives and self.confidence - self.alternatives[0][1] < model.close)

    def slots(self) -> dict[str, Any]:
        """The slots as `duban ask --json` prints them."""
        return {"task": self.task, "unit": self.unit, "keyword": self.keyword, "range": self.range}

    @property
    def names_unit(self) -> bool:
        """The message names a unit, whether or not the plan has it."""
        return bool(self.unit or self.candidates or self.unit_text)

    def to_json(self) -> dict[str, Any]:
        """As `duban ask --json` prints it."""
        return {
            "text": self.text,
            "intent": self.intent,
            "slots": self.slots(),
            "confidence": round(self.confidence, 3),
            "alternatives": [[name, round(score, 3)] for name, score in self.alternatives],
            "candidates": list(self.candidates),
        }


@dataclass(frozen=True)
class Parsed:
    """A message ready for the model: its noise gone, its slots found, its shape with them replaced."""

    text: str
    help: bool = False
    clean: str = ""
    shape: str = ""
    folded: str = ""
    task: int | None = None
    bare_number: bool = False  # the whole message is a number (19): a roll-call reply as likely as a task
    unit: str | None = None
    candidates: tuple[str, ...] = ()
    unit_text: str = ""
    keyword: str | None = None
    subject: str = ""
    range: str | None = None
    status: str | None = None
    account: str = ""
    question: bool = False
    negated: bool = False
    notice: bool = False  # opens as a notice pasted into a group (通知：…, @所有人): tells people, asks Duban nothing
    told: bool = False  # an account follows the task with no status word (关于第4条的情况汇报：…)


def model_shape(shape: str) -> str:
    """A shape as the model reads it: each slot one character."""
    return shape.replace("{task}", TASK).replace("{unit}", UNIT).replace("{keyword}", KEYWORD)


@dataclass
class _Intent:
    name: str
    cues: list[tuple[str, float]]
    examples: list[str]
    needs: str | None
    suggest: str


@dataclass
class Understanding:
    """The loaded word lists and example phrases, ready to read messages."""

    synonyms: list[tuple[str, str]]
    filler: set[str]
    intents: dict[str, _Intent]
    ranges: list[tuple[str, str]]
    acknowledgements: set[str] = field(default_factory=set)
    help_marks: set[str] = field(default_factory=set)
    social: dict[str, str] = field(default_factory=dict)  # a courtesy message -> thanks | greeting
    organ_end: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # a unit's name ends so (局, 委 …)
    organ_tail: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # …and jieba glued 有/的 … after it
    addressed: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 给, 向 … before a unit's name
    signatures: tuple[re.Pattern[str], ...] = ()  # a unit's name, and a person's, signing a message
    negation: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 不是, 不在, no longer …
    contractions: dict[str, str] = field(default_factory=dict)  # i'm -> i am
    examples: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    _fold: re.Pattern[str] | None = None
    _cue_words: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path = DATA) -> Understanding:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        synonyms = sorted(
            ((variant.lower(), canon) for canon, variants in raw["synonyms"].items() for variant in variants),
            key=lambda pair: -len(pair[0]),
        )
        intents = {
            name: _Intent(
                name,
                sorted(((str(k).lower(), float(v)) for k, v in spec.get("cues", {}).items()), key=lambda c: -len(c[0])),
                [str(e) for e in spec.get("examples", [])],
                spec.get("needs"),
                spec.get("suggest", ""),
            )
            for name, spec in raw["intents"].items()
        }
        ranges = sorted(
            ((word.lower(), key) for key, words in raw["ranges"].items() for word in words), key=lambda p: -len(p[0])
        )
        made = cls(
            synonyms,
            {str(w).lower() for w in raw["filler"]},
            intents,
            ranges,
            {str(w).lower() for w in raw.get("acknowledgements", [])},
            {str(w) for w in raw.get("help_marks", [])},
            {str(w).lower(): kind for kind, words in (raw.get("social") or {}).items() for w in words},
        )
        endings = "|".join(re.escape(str(e)) for e in raw.get("organ_endings", []))
        made.organ_end = re.compile(f"(?:{endings})$")
        made.organ_tail = re.compile(f"({endings})(?:有|的|是|要|都|在|呢|吗)+$")
        before = "|".join(re.escape(str(w)) for w in sorted(raw.get("unit_addressed", []), key=len, reverse=True))
        made.addressed = re.compile(f"^(?:{before})" if before else r"(?!x)x")
        marks = re.escape(noise().signature_marks)
        name = rf"[\u4e00-\u9fffa-z]{{0,12}}?(?:{endings})"
        person = rf"[{marks}]+[\u4e00-\u9fff]{{2,4}}"
        edge = rf"[{marks}:：,，]*"
        made.signatures = tuple(
            re.compile(pattern)
            for pattern in (
                rf"^\s*{name}{person}{edge}",  # 应急局-王伟 收到
                rf"^\s*{name}[\u4e00-\u9fff]{{2,3}}[:：]\s*",  # 司法局张伟：收到
                rf"^\s*{name}{edge}",  # 统计局收到
                rf"{edge}{name}{person}\s*$",  # 收到 统计局-王伟
                rf"{edge}{name}\s*$",  # 收到，统计局
            )
        )
        negations = sorted((str(w).lower() for w in raw.get("negations", [])), key=len, reverse=True)
        # 是不是 asks; it does not deny
        made.negation = re.compile("|".join(rf"(?<!是){re.escape(w)}" for w in negations) or r"(?!x)x")
        made.contractions = {str(k).lower(): str(v) for k, v in (raw.get("contractions") or {}).items()}
        made._status_codes = {str(w).lower(): code for code, words in raw["statuses"].items() for w in words}
        said = "|".join(re.escape(w) for w in sorted(made._status_codes, key=len, reverse=True))
        made._statuses = re.compile(f"(?<![没未不])(?:{said})(?!吗|没|么|了吗|了没|情况|率|得怎么|得如何)")
        # 卡着呢, 还没动呢: a 呢 after a status (or after 着) says how things are; it asks nothing
        made._said_ne = re.compile(f"(?:(?<![没未不])(?:{said})(?:了|着)?|着)\\s*呢(?=[\\s,，。.!！~～]*$)")
        corrections = sorted((str(w).lower() for w in raw.get("corrections", [])), key=len, reverse=True)
        made._correction = re.compile("|".join(map(re.escape, corrections)) or r"(?!x)x")
        minds = sorted((str(w).lower() for w in raw.get("changes_of_mind", [])), key=len, reverse=True)
        made._mind = re.compile("|".join(map(re.escape, minds)) or r"(?!x)x")
        made._retraction = re.compile("|".join(str(w) for w in raw.get("retractions", [])) or r"(?!x)x")
        laws = "|".join(re.escape(str(w)) for w in sorted(raw.get("law_names", []), key=len, reverse=True))
        not_laws = "|".join(re.escape(str(w)) for w in raw.get("not_laws", []))
        if laws:
            made._article = re.compile(
                rf"(?P<law>[\u4e00-\u9fff》]*?(?:{laws}))\s*第\s*[{_NUMERAL}]{{1,7}}\s*(?:条|款|项)"
            )
            made._not_law = re.compile(rf"(?:{not_laws})$" if not_laws else r"(?!x)x")
        made._status_first = re.compile(
            rf"^\s*((?:已经|已)?(?:{said})(?:了)?)\s*[,，:：]?\s*(第\s*\S{{1,7}}?[条项]|\d{{1,4}}\s*[条项]?|[一二三四五六七八九十]{{1,3}}(?=\s*$))"
        )
        made._table = dict(synonyms)
        made._range_words = {word for word, _ in ranges}
        made._fold = re.compile("|".join(re.escape(v) for v, _ in synonyms if len(v) > 1))
        singles = "".join(re.escape(v) for v, _ in synonyms if len(v) == 1)
        made._single = re.compile(f"[{singles}]") if singles else re.compile(r"(?!x)x")
        for intent in intents.values():
            cues: dict[str, float] = {}
            for cue, weight in intent.cues:  # two cues folded to one form (进度, 进展) count once, the heavier
                folded_cue = made._folded(cue)
                cues[folded_cue] = max(weight, cues.get(folded_cue, 0.0))
            intent.cues = sorted(cues.items(), key=lambda c: -len(c[0]))
            made._starts.append(len(made.examples))
            made._order.append(intent.name)
            for example in intent.examples:
                made.examples.append(made._folded(example.lower()))
                made.owners.append(intent.name)
            made._cue_words |= {cue for cue, _ in intent.cues}
            for cue, weight in intent.cues:
                if cue:
                    made._cue_first.setdefault(cue[0], []).append((intent.name, cue, weight))
        english = sorted((c for c in made._cue_words if " " in c and c.isascii()), key=len, reverse=True)
        chinese = sorted((c for c in made._cue_words if len(c) >= 2 and not c.isascii()), key=len, reverse=True)
        patterns = [r"\b" + re.escape(c) + r"\b" for c in english] + [re.escape(c) for c in chinese]
        made._phrases = re.compile("|".join(patterns)) if patterns else None
        return made

    _table: dict[str, str] = field(default_factory=dict)
    _status_codes: dict[str, str] = field(default_factory=dict)
    _statuses: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _status_first: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _said_ne: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _correction: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 不对, 算了, 应该是 …
    _mind: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 算了, 不用了: what was asked is taken back
    _retraction: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 先不导, 不问了, 我自己看
    _article: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))  # 民法典第1165条: a law's article
    _not_law: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _single: re.Pattern[str] = field(default=re.compile(r"(?!x)x"))
    _starts: list[int] = field(default_factory=list)  # where each intent's examples begin in `examples`
    _order: list[str] = field(default_factory=list)  # the intents in that order
    _range_words: set[str] = field(default_factory=set)
    _phrases: re.Pattern[str] | None = None  # cues of several words (发提醒, not finished), longest first
    _words: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    _cue_first: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict)  # 进 -> (progress, 进度, w)

    def _folded(self, text: str) -> str:
        """Variant words in their one form: longer ones wherever they stand, a single character
        (啥, 咋, 咱) only where jieba reads it as a word of its own."""
        assert self._fold is not None
        text = self._fold.sub(lambda m: self._table[m.group(0)], text)
        if not self._single.search(text):
            return text
        return "".join(self._table.get(w, w) if len(w) == 1 else w for w in jieba.lcut(text))

    # --- reading ---------------------------------------------------------------------

    def read(
        self,
        text: str,
        resolver: Resolver | None = None,
        knows: Callable[[str], bool] | None = None,
        own: str | None = None,
        subjects: Callable[[str], int | None] | None = None,
    ) -> Reading:
        """The intent and slots of a message. `resolver` finds the plan's units; `knows` says whether
        a word occurs in the plan's tasks (a keyword worth searching for); `own` is the asker's unit
        (财政局这边有啥活, said by the 财政局, asks for one's own tasks); `subjects` names the one task
        whose title a subject names (行政复议那条 → 22), if any. The slots come from the rules here;
        the intent from the trained model (core/intent_model.py) reading the message's shape."""
        taken_back = self.after_change_of_mind(text)
        if taken_back is not None:  # 导出台账……算了先不导，先看下整体情况: only the last request is asked
            if not taken_back:
                return Reading(text, "unknown", 0.0)  # 帮我导出台账 算了 不用了: nothing is asked any more
            return replace(self.read(taken_back, resolver, knows, own, subjects), text=text)
        corrected = self._corrected(text, resolver, knows, own, subjects)
        if corrected is not None:
            return corrected
        reading = self._read_two(text, resolver, knows)
        if subjects is not None and reading.task is None and reading.then is None:
            reading = self._by_subject(text, reading, resolver, knows, subjects)
            reading = self._missing(reading, knows)
        if own is not None and reading.intent == "unit_tasks" and reading.unit == own:
            return replace(reading, intent="my_tasks")
        return reading

    def after_change_of_mind(self, text: str) -> str | None:
        """What is still asked after a change of mind (给各单位发个通知 算了先不发了 看看哪些单位还没报 → 看看哪些单位
        还没报), the words that take the request back left out; empty when nothing is (第3条谁负责 算了 我自己看吧);
        None when the message takes nothing back. A change of mind that only names another task or unit (查一下
        第5条，算了，看第6条吧) is a correction, read with what came before (`_corrected`)."""
        found = self._mind.search(text.lower())
        if found is None or not _TRIM.sub("", text[: found.start()]):
            return None  # 算了 alone, or first: nothing before it to take back (a dialog's cancel)
        rest = text[found.end() :]
        while True:
            shorter = _TRIM.sub("", self._retraction.sub(" ", _TRIM.sub("", rest)))
            if shorter == rest:
                break
            rest = shorter
        rest = _TRIM.sub("", noise().clean(rest)) if rest else ""
        return "" if not rest or rest in _PARTICLES else rest

    def _corrected(
        self,
        text: str,
        resolver: Resolver | None,
        knows: Callable[[str], bool] | None,
        own: str | None,
        subjects: Callable[[str], int | None] | None,
    ) -> Reading | None:
        """A message that corrects itself, read from its last correction on (查一下第5条，算了，看第6条吧):
        the task or unit named after it replaces the one before; when the correction only names the
        task (不对，我想问的是第11条), the request before it is kept. None when there is no such correction."""
        said = list(self._correction.finditer(text.lower()))
        if not said:
            return None
        found = said[-1]
        before, after = text[: found.start()], text[found.end() :]
        if not _TRIM.sub("", before) or not _TRIM.sub("", after):
            return None
        first = self.read(before, resolver, knows, own, subjects)
        then = self.read(after, resolver, knows, own, subjects)
        if then.task is None and then.unit is None:
            return None  # 第15条刚才报错了 应该是推进中: a status corrected, read whole
        if first.task is None and first.unit is None:
            return None  # nothing named before to correct
        # 第18条已完成 不对不对 是第19条 手滑了, 统计局有哪些任务 不对 是审计局: the request before, of what is named after
        named = _only_a_name(replace(then, text=re.sub(r"^[\s,，]*(?:应该|就)?是", "", after)))
        if not then.acted_on or named:
            if not first.acted_on or (then.task is None) != (first.task is None):
                return None
            if then.task is not None:
                return replace(first, text=text, task=then.task)
            return replace(first, text=text, unit=then.unit, candidates=then.candidates, unit_text=then.unit_text)
        if then.intent == "task_detail" and then.task is not None and first.acted_on and first.intent in _OF_A_TASK:
            return replace(first, text=text, task=then.task)
        return replace(then, text=text)

    def _by_subject(
        self,
        text: str,
        reading: Reading,
        resolver: Resolver | None,
        knows: Callable[[str], bool] | None,
        subjects: Callable[[str], int | None],
    ) -> Reading:
        """A task named by its subject (行政复议那个任务进展如何, 政务诚信建设完成了): read again with the
        task's number in place of the subject, and taken when that reading asks about the task. Marked
        (那条, 那个任务) it is tried always; unmarked, only when the message was not understood otherwise
        and says more than the subject (a subject alone is a search)."""
        raw = noise().clean(simplified(halfwidth(without_format(text))[:300]).strip())
        marked = _MARKED.search(raw)
        searched = reading.acted_on and reading.intent == "search"
        if searched and marked is None and not _WHICH.search(raw):
            return reading  # 负面清单的任务: the plan's word searched for, as asked
        if marked is not None:
            said, start, end = marked.group(1), marked.start(1), marked.end()
        else:
            which = bool(_WHICH.search(raw))
            # what the first reading found; a progress read as the overview (执法人员管理进度咋样了) is asked too
            general = reading.intent in _GENERAL and reading.task is None and not reading.names_unit
            said = "" if reading.acted_on and not which and not general else reading.subject
            asking = _WHICH.search(raw)
            before = (
                _TRIM.sub("", re.sub(r"(?:的)?(?:任务|那个|这个|那条|这条)?$", "", raw[: asking.start()]))
                if asking
                else ""
            )
            if before and _HAN.search(before):  # 政务诚信建设对应第几条: the subject is what comes before the question
                said = before
            start = raw.lower().find(said) if said else -1
            end = start + len(said)
            rest = _TRIM.sub("", raw[:start] + raw[end:]) if start >= 0 else ""
            if (
                start < 0
                or not self._residue(self._folded(rest))
                and not self._status(rest)[0]
                and not _QUESTION.search(rest)
            ):
                return reading
        subject = self._residue(self._folded(said.lower())) or said
        number = subjects(subject)
        if number is None and said and said != subject:  # 负面清单是第几条: 清单 is a cue word, not left out
            subject, number = said, subjects(said)
        if number is None:
            return self._not_a_title(raw, reading, subject, marked is not None, knows)
        if reading.acted_on and reading.intent in _OF_A_TASK:  # 行政复议这项工作谁牵头: the task, no second reading
            return replace(reading, task=number, subject=subject)
        if _WHICH.search(raw):  # 政务服务是第几条: the task that subject names
            return _sure(reading, intent="task_detail", task=number, subject=subject, keyword=None)
        again = self._read_two(f"{raw[:start]}第{number}条{raw[end:]}", resolver, knows)
        # a subject searched for is shown as a task only when marked as one (60学时培训那条原文怎么说的)
        asked = _OF_A_TASK if not searched or marked is not None else tuple(i for i in _OF_A_TASK if i != "task_detail")
        if again.acted_on and again.intent in asked and again.task == number:  # 多元化解那个任务啥进度
            return replace(again, text=text, subject=subject)
        return reading

    def _missing(self, reading: Reading, knows: Callable[[str], bool] | None) -> Reading:
        """A subject the plan does not have, asked about as a task's (乡村振兴的任务谁负责, 河道治理那条进展咋样):
        not acted on, so that neither a leader nor the overview answers it; the answer says the plan has no
        such task. A search asked for in so many words (关于垃圾分类的任务) is still a search."""
        said = reading.keyword or reading.subject
        # below the act threshold, the likeliest reading (老旧小区改造的任务谁牵头 just under it): said missing too
        likeliest = reading.intent if reading.acted_on else next((name for name, _ in reading.alternatives), None)
        if (
            knows is None
            or reading.intent not in ("search", "who_leads", "unknown")
            or likeliest not in ("search", "who_leads")
            or reading.task is not None
            or reading.names_unit
            or len(_HAN.findall(said)) < 2
            or re.search(r"[那这哪]", said)  # 述法那条: the subject not told apart from its mark
            or knows(said)
            or any(cue in self._folded(reading.text.lower()) for cue in _EXPLICIT)
            or not _nominal(said)
        ):
            return reading
        return replace(reading, intent="unknown", confidence=0.0, alternatives=(), keyword=None, missing=said)

    def _not_a_title(
        self, raw: str, reading: Reading, subject: str, marked: bool, knows: Callable[[str], bool] | None
    ) -> Reading:
        """A subject no title names: 招商引资是第几条 is a search for it; a task marked by a subject the plan
        does not have at all (乡村振兴那条进展咋样) is searched for too, so that the answer says the plan has
        no such task instead of answering about another one. Anything else is read as it was."""
        which = bool(_WHICH.search(raw))
        asked = which or marked and knows is not None and not knows(subject)
        if not asked or len(_HAN.findall(subject)) < 3 or reading.task is not None or reading.names_unit:
            return reading
        if not _nominal(subject):
            return reading  # 刚才报的那条, 我换岗了 这块工作: no subject, a way of pointing at something
        return _sure(reading, intent="search", keyword=subject, subject=subject)

    def _read_two(self, text: str, resolver: Resolver | None, knows: Callable[[str], bool] | None) -> Reading:
        whole = self._read_one(text, resolver, knows)
        split = _CLAUSES.search(text)
        unsure = not whole.acted_on or whole.confidence < _SURE
        if split is None and unsure and len(_SPACE.findall(text)) == 1:
            split = _SPACE.search(text)  # only when the whole was not read surely: 统计局 有哪些任务 is one
        if split is None or len(text) > 80:
            return whole
        joined = split.re is _SPACE or bool(split.group(1) or split.group(2))  # 顺便问下, 另外, 再, a space
        rest = text[split.end() :]
        if not joined and not is_question(rest) and _task(noise().clean(simplified(halfwidth(rest))))[0] is None:
            return whole  # 第17条卡住了，人员编制批不下来: what follows asks nothing and names no task
        first = self._read_one(text[: split.start()], resolver, knows)
        if not first.acted_on:
            return whole
        second = self._read_one(rest, resolver, knows)
        if split.re is _SPACE and (
            _only_a_name(first)
            or _only_a_name(second)
            or whole.acted_on
            and min(first.confidence, second.confidence) <= whole.confidence
        ):
            return whole  # 财政局 第4条抓紧报: a name addresses the rest; or each half less sure than the whole
        if (
            first.acted_on
            and second.acted_on
            and (joined or second.task is not None or second.question)
            and (
                joined or first.confidence >= _SURE or not whole.acted_on
            )  # 第4条的涉企收费清理，…已经全部完成: one report
            and (first.intent, first.task) != (second.intent, second.task)
        ):
            return replace(first, text=text, then=second)  # 第6条做完了，顺便问下第9条谁牵头: both, in turn
        return whole

    def _read_one(self, text: str, resolver: Resolver | None, knows: Callable[[str], bool] | None) -> Reading:
        parsed = self.parse(text, resolver, knows)
        if parsed is None:
            return Reading(text, "unknown", 0.0)
        if parsed.help:
            return Reading(text, "help", 0.9)
        return self._reading(parsed, self._score(parsed))

    def parse(
        self, text: str, resolver: Resolver | None = None, knows: Callable[[str], bool] | None = None
    ) -> Parsed | None:
        """The message with its noise gone and its slots found and replaced: what the model reads.
        None for nothing to read (empty, or only an acknowledgement)."""
        original = text
        raw = simplified(halfwidth(without_format(text))[:300]).strip()
        if raw in self.help_marks:
            return Parsed(original, help=True)
        if noise().acknowledges(raw) or self.signed_acknowledgement(raw) or noise().tests(raw):
            return None
        notice = noise().notice(raw)  # before the @mention is cleaned away
        if "@" in raw and not notice:
            if self._to_someone_else(raw, resolver):
                return None  # @小周 你把第3条的台账发我下: said to a colleague, not to Duban
            if resolver is not None:  # @区统计局 第19条还没报: the unit's name kept, others' go
                raw = _MENTIONED.sub(
                    lambda m: f" {m.group(1)} " if resolver.resolve(m.group(1)).unit else m.group(0), raw
                )
        raw = noise().clean(raw)
        raw = self._status_first.sub(r"\2 \1 ", raw)  # 已完成 第12条 as 第12条 已完成
        status, account = self._status(raw)
        clean = re.sub(r"\s+", " ", _TRIM.sub("", raw.lower().replace("’", "'")))
        if self.contractions and "'" in clean:
            clean = re.sub(r"[a-z]+'[a-z]+", lambda m: self.contractions.get(m.group(0), m.group(0)), clean)
        if not clean or clean in self.acknowledgements:
            return None
        asks = bool(_QUESTION.search(self._said_ne.sub("", raw.lower())))  # before its question mark is trimmed
        told = "" if asks else _told(raw)
        task, form = _task(self._articles(clean))
        if task is not None and not asks and status in (None, "done"):
            share, said = _percent(raw)  # 19条 进度60%: how far it is, reported
            if status is None or share == "in_progress":  # 完成了大约40%: not done yet
                status, account = share, account or said
        bare_number = task is not None and bool(_TASK_PATTERNS[-1].match(clean))
        range_key = next((key for word, key in self.ranges if word in form), None)
        unit, candidates, unit_text = self._unit(form, resolver, knows)
        folded_all = self._folded(form)
        searching = any(cue in folded_all for cue, _ in self.intents["search"].cues if cue not in ("搜", "找"))
        if (
            unit_text
            and searching
            and not self._names_organ(unit_text)
            and not ((unit or candidates) and unit_text.isascii())
        ):
            unit, candidates, unit_text = None, [], ""  # 关于信访的任务: a subject, not the 信访局
        if unit_text and told and unit_text in told.lower():
            unit, candidates, unit_text = None, [], ""  # 第19条：联合审计局抽查…: a unit inside the account
        if unit_text:
            form = form.replace(unit_text, " {unit} ", 1)
        folded = self._folded(form)
        keyword = self._keyword(folded, knows)
        explicit = any(cue in folded for cue in _EXPLICIT)
        subject = keyword or ""
        if keyword and knows is not None and not knows(keyword) and not explicit:
            keyword = None  # not a word of the plan: not what someone searches for
        shape = folded
        if keyword:
            shape = shape.replace(keyword, "{keyword}", 1)
        shape = re.sub(r"\s+", "", shape) if re.search(r"[\u4e00-\u9fff]", shape) else shape.strip()
        return Parsed(
            original,
            clean=clean,
            shape=shape,
            folded=folded,
            task=task,
            bare_number=bare_number,
            unit=unit,
            candidates=tuple(candidates),
            unit_text=unit_text,
            keyword=keyword,
            subject=subject,
            range=range_key,
            status=None if asks else status,  # 第5条弄好了吗 asks
            account=_as_typed(original, account if status and not asks else told),
            question=asks,
            negated=bool(self.negation.search(clean)),
            notice=notice,
            told=bool(told) and not status,
        )

    def _reading(self, parsed: Parsed, scores: dict[str, float]) -> Reading:
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best, confidence = ranked[0]
        act = intent_model().act
        near = ranked[1:3] if confidence >= act else ranked[:3]  # below ACT the best guess is only a suggestion
        alternatives = tuple((name, score) for name, score in near if score >= ALTERNATIVE and name != "unknown")
        intent = best if confidence >= act else "unknown"
        return Reading(
            parsed.text,
            intent,
            confidence if best != "unknown" else 0.0,
            task=parsed.task,
            unit=parsed.unit,
            keyword=parsed.keyword if best in ("search", "who_leads") else None,
            range=parsed.range if intent == "due_soon" else None,
            candidates=parsed.candidates,
            alternatives=alternatives,
            question=parsed.question,
            unit_text=parsed.unit_text,
            subject=parsed.subject,
            negated=parsed.negated,
            # kept when a report is likeliest, acted on or asked about (是想问哪一个 keeps the account)
            status=parsed.status if best == "report" else None,
            account=parsed.account if best == "report" else "",  # with no status: a paragraph to keep
        )

    def _status(self, text: str) -> tuple[str | None, str]:
        """A report's status said in the message (弄好了, 卡住了, 还没动), its code, and the account after
        it (after the heading's colon when the status is inside the account: 关于第4条的情况汇报：已完成…)."""
        found = self._statuses.search(text.lower())
        if found is None:
            return None, ""
        colon = re.search(r"[:：]", text)
        after = text[colon.end() :] if colon and colon.start() < found.start() else text[found.end() :]
        account = _ACCOUNT_EDGE.sub("", after).strip()
        if self._statuses.fullmatch(account):  # 第15条完成了✅: the emoji said it again, nothing more
            account = ""
        return self._status_codes[found.group(0)], account

    def _to_someone_else(self, raw: str, resolver: Resolver | None) -> bool:
        """@mentions someone (not a unit of the plan, not Duban) and not Duban: said to that person."""
        names = [name.lower() for name in _MENTIONED.findall(raw)]
        if not names or any(bot in name for name in names for bot in noise().bot_names):
            return False
        return any(resolver is None or not resolver.resolve(name).unit for name in names)

    def _articles(self, clean: str) -> str:
        """The message with a law's articles (民法典第1165条) said without their number: not tasks."""

        def unnumbered(found: re.Match[str]) -> str:
            law = found.group("law")
            return found.group(0) if self._not_law.search(law) or len(law) < 2 else f"{law}条文"

        return self._article.sub(unnumbered, clean)

    def status_in(self, text: str) -> str | None:
        """The report status a text says in everyday words (不对，是推进中; 已经弄好了), if any."""
        return self._status(text)[0]

    def _names_organ(self, text: str) -> bool:
        return bool(self.organ_end.search(text.strip()))

    def _unit(
        self, form: str, resolver: Resolver | None, knows: Callable[[str], bool] | None = None
    ) -> tuple[str | None, list[str], str]:
        """A unit the message names: a name inside it, else what is left once intent words are gone."""
        if resolver is None:
            return None, [], ""
        inside = resolver.find_in(form.replace("{task}", " "))  # a place before the name is weighed there
        if inside is not None and (inside.unit or inside.candidates):
            return inside.unit, list(inside.candidates), inside.matched if inside.matched in form else ""
        for name in self._latin_organs(form):  # tell the Audit Bureau to report task 18: the words before bureau
            match = resolver.resolve(name)
            if match.unit or match.candidates:
                return match.unit, list(match.candidates), name
        rest = self._residue(form)
        rest = self.organ_tail.sub(r"\1", rest)  # 交通运输局有 (jieba's cut): the name ends at its organ word
        if 2 <= len(rest) <= 24 and not rest.isdigit():
            match = resolver.resolve(rest)
            if not (match.unit or match.candidates) and len(bare := self.addressed.sub("", rest)) >= 2 and bare != rest:
                rest, match = bare, resolver.resolve(bare)  # 给统记局发个通知: the 统记局, as `duban resolve` reads it
            if not match.unit and not self._names_organ(rest) and knows is not None and knows(rest):
                return None, [], ""  # 谁负责行政执法: a subject of the plan, not a unit's name
            if match.unit or match.candidates:
                return match.unit, list(match.candidates), rest if rest in form else ""
            short = len(rest) <= 8 or (rest.isascii() and len(rest.split()) <= 3)  # the Education Bureau
            if self._names_organ(rest) and (match.reason in NOT_IN_PLAN or short):
                return None, [], rest if rest in form else ""  # a unit, but not one of this plan's: never guessed
        return None, [], ""

    def _latin_organs(self, form: str) -> list[str]:
        """The names an English message may give a unit by (remind Statistics Bureau to …): up to four words
        ending in an organ's word (bureau, office …), longest first."""
        if not form.isascii():
            return []
        words = re.findall(r"[a-z]+", form)
        found = []
        for end, word in enumerate(words):
            if self.organ_end.fullmatch(word):
                found += [" ".join(words[start : end + 1]) for start in range(max(0, end - 4), end)]
        return [name for name in found if not name.startswith(("the ", "a ", "to ", "and "))]

    def _content(self, text: str) -> list[tuple[str, bool]]:
        """jieba's words of a message without its slots, each marked whether it carries content
        (not filler, not a cue word, not a time range)."""
        found = self._words.get(text)
        if found is None:
            if len(self._words) > 20_000:
                self._words.clear()
            found = self._words[text] = self._cut(text)
        return found

    def _cut(self, text: str) -> list[tuple[str, bool]]:
        text = text.replace("{task}", " ").replace("{unit}", " ")
        out = []
        for word in jieba.lcut(text):
            if not word.strip():
                out.append((" ", False))
                continue
            form = self._folded(word)
            ranged = word in self._range_words or form in self._range_words
            out.append((word, form not in self.filler and form not in self._cue_words and not ranged))
        return out

    def _residue(self, text: str) -> str:
        """The content words of a message, joined. A cue of several words (发提醒, "not finished")
        explains all of them; a keyword is still looked for among them (负面清单 holds the cue 清单)."""
        if self._phrases is not None:
            text = self._phrases.sub(" ", text)
        words = [w for w, keep in self._content(text) if keep]
        joined = "".join(words) if re.search(r"[\u4e00-\u9fff]", text) else " ".join(words)
        return _TRIM.sub("", joined)

    def _keyword(self, folded: str, knows: Callable[[str], bool] | None) -> str | None:
        """What someone is looking for: the longest run of content words, grown by a neighbouring word
        or shrunk by one while the plan does not know it (负面 + 清单 is 负面清单)."""
        words = self._content(folded)
        runs: list[tuple[int, int]] = []
        start = None
        for i, (_, keep) in enumerate(words + [("", False)]):
            if keep and start is None:
                start = i
            elif not keep and start is not None:
                runs.append((start, i))
                start = None
        if not runs:
            return None
        glue = "" if re.search(r"[\u4e00-\u9fff]", folded) else " "
        a, b = max(runs, key=lambda r: len(glue.join(w for w, _ in words[r[0] : r[1]])))
        best = glue.join(w for w, _ in words[a:b]).strip()
        if knows is not None:
            wider = [(a - 1, b + 1), (a - 1, b), (a, b + 1)]
            # shrunk only by a word the plan holds too (负面清单制度 → 负面清单): 垃圾分类 is never 分类,
            # a subject the plan does not have, not a word of another task
            narrower = [
                (x, y) for (x, y), dropped in (((a, b - 1), b - 1), ((a + 1, b), a)) if knows(words[dropped][0])
            ]
            narrower = narrower if not knows(best) else []
            for x, y in wider + narrower:
                piece = glue.join(w for w, _ in words[max(0, x) : min(len(words), y)]).strip()
                if x < y and len(piece) >= 2 and piece.strip() == piece and " " not in piece.strip() and knows(piece):
                    best = piece
                    break
        best = re.sub(r"^[的之]|[的之]$", "", best)
        if len(best) < 2 or best.isdigit() or len(best) > 20:
            return None
        return best

    def features(self, parsed: Parsed) -> dict[str, float]:
        """What the model reads: the shape's n-grams and words, the slots found, and each intent's
        score by the cue rules."""
        flags = [
            name
            for name, present in (
                ("task", parsed.task is not None),
                ("unit", bool(parsed.unit or parsed.candidates or parsed.unit_text)),
                ("keyword", parsed.keyword is not None),
                ("range", parsed.range is not None),
                ("question", parsed.question),
                ("status", parsed.status is not None),
                ("notice", parsed.notice),
                ("told", parsed.told),
                ("long", len(parsed.clean) > 30),
            )
            if present
        ]
        found = features(model_shape(parsed.shape), flags)
        named = parsed.unit or (parsed.candidates[0] if parsed.candidates else None) or (parsed.unit_text or None)
        rules = self._cues(parsed.shape, parsed.folded, parsed.task, named, parsed.keyword, parsed.range)
        found.update({f"r:{name}": score for name, score in rules.items()})
        return found

    def _score(self, parsed: Parsed) -> dict[str, float]:
        """Each intent's probability from the model, with what the slots make impossible taken away:
        an intent that needs a task, a unit or a keyword has none when the message names none."""
        scores = intent_model().probabilities(self.features(parsed))
        slot = {"task": parsed.task, "unit": parsed.unit or parsed.unit_text or None, "keyword": parsed.keyword}
        for name, intent in self.intents.items():
            if intent.needs and slot[intent.needs] is None:
                scores[name] *= 0.3
        only = parsed.shape.strip()
        bare = " ".join(w for w in only.split() if w not in self.filler) if only.isascii() else only
        if (only == "{task}" or bare == "{task}") and not parsed.bare_number:  # 第15条, task 15 please
            scores["task_detail"] = max(scores["task_detail"], 0.95)
        if parsed.bare_number:  # a lone 19 may be a roll-call reply: asked, never opened
            scores = {name: 0.0 for name in scores}
            scores["task_detail"] = 0.4
        if only == "{unit}":
            scores["unit_tasks"] = max(scores["unit_tasks"], 0.9)
        if only == "{keyword}" and parsed.keyword:
            scores["search"] = max(scores["search"], 0.8)
        return scores

    def _cues(
        self,
        shape: str,
        folded: str,
        task: int | None,
        unit: str | None,
        keyword: str | None,
        range_key: str | None,
    ) -> dict[str, float]:
        """Each intent's score by its cue words and its example phrases (rapidfuzz): the rules the
        model reads beside the shape's n-grams."""
        similar: dict[str, float] = dict.fromkeys(self.intents, 0.0)
        best = np.maximum.reduceat(process.cdist([shape], self.examples, scorer=fuzz.ratio)[0], self._starts)
        for name, score in zip(self._order, best, strict=True):
            similar[name] = float(score) / 100
        latin = not re.search(r"[\u4e00-\u9fff]", folded)
        words = set(re.findall(r"[a-z']+", folded)) if latin else set()
        found: dict[str, float] = dict.fromkeys(self.intents, 0.0)
        if latin:
            for name, intent in self.intents.items():
                for phrase, weight in intent.cues:
                    if phrase in words or (" " in phrase and phrase in folded):
                        found[name] += weight
        else:  # only the cues that begin with a character of the message are looked for
            for char in set(folded):
                for name, phrase, weight in self._cue_first.get(char, ()):
                    if phrase in folded:
                        found[name] += weight
        scores: dict[str, float] = {}
        for name, intent in self.intents.items():
            cue = found[name]
            score = 0.55 * similar[name] + 0.45 * min(1.0, cue)
            slot = {"task": task, "unit": unit, "keyword": keyword}
            if intent.needs and slot[intent.needs] is None:
                score *= 0.3
            if task is not None and name not in ("task_detail", "who_leads", "progress", "report", "my_reports"):
                score *= 0.6
            if unit is not None and name in ("my_tasks", "search", "due_soon", "task_detail", "progress"):
                score *= 0.7
            if range_key is not None and name == "due_soon":
                score = min(1.0, score + 0.3)
            elif range_key is not None and name == "my_tasks":
                score *= 0.85
            scores[name] = score
        return scores

    def needs(self, intent: str) -> str | None:
        """The slot an intent cannot do without (task, unit, keyword), if any."""
        found = self.intents.get(intent)
        return found.needs if found else None

    def courtesy(self, text: str) -> str | None:
        """thanks, greeting or ack when a whole message is only courtesy; None when it asks something."""
        clean = _TRIM.sub("", simplified(halfwidth(text)).strip().lower())
        if clean in self.social:
            return self.social[clean]
        bare = _TRIM.sub("", noise().clean(clean))  # 谢谢啦🙏, 早上好呀
        if bare not in self.social:
            bare = _ADDRESS.sub("", clean)  # 谢谢老师, 辛苦各位
        if bare in self.social:
            return self.social[bare]
        acknowledges = clean in self.acknowledgements or noise().acknowledges(clean) or noise().tests(text)
        withdrawn = self.after_change_of_mind(text) == ""  # 帮我导出台账 算了 不用了: nothing asked any more
        return "ack" if acknowledges or withdrawn or self.signed_acknowledgement(clean) else None

    def signed_acknowledgement(self, text: str) -> bool:
        """An acknowledgement signed with a unit's name, and a person's (统计局收到, 应急局-王伟 收到,
        收到，财政局): said in a group by whoever acknowledges, it asks nothing."""
        text = text.strip().lower()
        for pattern in self.signatures:
            found = pattern.search(text)
            if found is None:
                continue
            rest = text[: found.start()] + text[found.end() :]
            if rest.strip() and noise().acknowledges(rest):
                return True
        return False

    def nearest(self, text: str, count: int = 3) -> list[str]:
        """Example phrases of the intents closest to a message, for a reply that did not understand it."""
        reading = self.read(text)
        folded = self._folded(reading.text.lower())
        ranked = process.extract(folded, self.examples, scorer=fuzz.partial_ratio, limit=30)
        names: list[str] = []
        if reading.intent != "unknown":
            names.append(reading.intent)
        for _, _, index in ranked:
            if self.owners[index] not in names:
                names.append(self.owners[index])
        return [self.intents[name].suggest for name in names[:count]]


_HEADING = re.compile(r"^\s*(?:的)?(?:工作)?(?:情况汇报|进展情况|落实情况|完成情况|推进情况|工作进展|进展|情况|汇报)?")


def _as_typed(original: str, account: str) -> str:
    """An account as it was typed (full-width punctuation, Latin case), found again in the message."""
    typed = without_format(original)
    folded = simplified(halfwidth(typed)).lower()
    start = folded.find(account.lower()[:12]) if account and len(folded) == len(typed) else -1
    return typed[start : start + len(account)] if start >= 0 else account


def _told(raw: str) -> str:
    """An account after the task with no status word, as typed (关于第4条的情况汇报：我局已组织…; 第21条
    本月组织演练一次): a report pasted as a paragraph. Empty when little follows the task."""
    found = next((m for m in (p.search(raw) for p in _TASK_PATTERNS[:4]) if m is not None), None)
    if found is None:
        return ""
    after = raw[found.end() :]
    colon = re.search(r"[:：]", after)
    after = after[colon.end() :] if colon is not None and colon.start() <= 12 else _HEADING.sub("", after)
    after = _ACCOUNT_EDGE.sub("", after).strip()
    enough = len(re.findall(r"[\u4e00-\u9fff]", after)) >= 8 or len(after.split()) >= 5
    return after if enough else ""


_PERCENT = re.compile(r"(?<![\d.])(\d{1,3})(?:\.\d+)?\s*%|百分之\s*([零〇一二两三四五六七八九十百]+)")


def _percent(raw: str) -> tuple[str | None, str]:
    """A share said with a task (19条 进度60%, 第4条完成了80%左右): how far it is, a report in
    progress (done at 100%), and the words after the task as its account."""
    found = _PERCENT.search(raw)
    if found is None:
        return None, ""
    share = found.group(1) or ("100" if found.group(2) == "百" else str(cn2an.cn2an(found.group(2), "smart")))
    task = next((m for m in (p.search(raw) for p in _TASK_PATTERNS[:4]) if m is not None), None)
    after = _ACCOUNT_EDGE.sub("", raw[task.end() :] if task and task.end() <= found.start() else raw).strip()
    return ("done" if share == "100" else "in_progress"), after


_NOT_NOMINAL = ("r", "t", "u", "x", "d", "p", "c", "y", "e", "o")  # jieba's tags of pronouns, times, particles …


def _nominal(subject: str) -> bool:
    """A subject a task could have (乡村振兴, 垃圾分类): its words are no pronoun, time word, particle or
    punctuation (刚才报, 我换岗了 point at something rather than name it). jieba's tagger loads on first use."""
    import jieba.posseg

    return all(not pair.flag.startswith(_NOT_NOMINAL) for pair in jieba.posseg.lcut(subject))


def _sure(reading: Reading, **changes: Any) -> Reading:
    """The reading a rule is sure of (政务服务是第几条 names a task; 招商引资是第几条 searches): acted on at
    least at the model's act threshold, whatever the model scored, and with no other reading offered."""
    return replace(reading, confidence=max(reading.confidence, intent_model().act), alternatives=(), **changes)


def _only_a_name(reading: Reading) -> bool:
    """The text is only a unit's name or a task's number (财政局, 第4条): it asks nothing of its own."""
    rest = simplified(halfwidth(reading.text)).lower()
    if reading.unit_text:
        rest = rest.replace(reading.unit_text.lower(), "")
    rest = _task(rest)[1].replace("{task}", "")
    return not re.sub(r"[的\s]", "", _TRIM.sub("", rest))


def _task(clean: str) -> tuple[int | None, str]:
    """The task number a message names, and the message with it replaced by {task}."""
    for pattern in _TASK_PATTERNS:
        found = pattern.search(clean)
        if found is None or pattern is not _TASK_PATTERNS[0] and _COUNTED.search(clean[: found.start()]):
            continue
        try:
            number = int(cn2an.cn2an(next(g for g in found.groups() if g), "smart"))
        except (ValueError, KeyError, TypeError):
            continue
        if 1 <= number <= 9999:
            return number, clean[: found.start()] + " {task} " + clean[found.end() :]
    found = _ENGLISH_TASK.search(clean)
    if found is not None:
        return _ENGLISH_NUMBERS[found.group(1)], clean[: found.start()] + " {task} " + clean[found.end() :]
    return None, clean


@lru_cache(maxsize=1)
def understanding() -> Understanding:
    """The shipped word lists, loaded once."""
    return Understanding.load()


def is_question(text: str) -> bool:
    """Worded as a question (吗, 谁, 什么, ?): during a report, such a message is not an answer."""
    return bool(_QUESTION.search(halfwidth(without_format(text)).lower()))
