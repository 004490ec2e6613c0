"""Which intent a message's shape asks for: a logistic regression over character n-grams and jieba
words of the message with its slots replaced (第15条 → one mark, a unit's name → another), trained by
core/train_reader.py on the labeled messages (data/understand_*.tsv, with everyday noise added) and
shipped as data/reader_model.npz. Reading needs only numpy: a dictionary from feature to row, a sum
of rows, a softmax."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import numpy as np

jieba.setLogLevel(logging.WARNING)
HERE = Path(__file__).resolve().parent / "data"
MODEL = HERE / "reader_model.npz"
# The spent held-out rounds (tests/data/rounds/messages-r*.tsv) as training data, one file each, so that
# bench/understand_loro.py can leave one out and read it as unseen.
ROUNDS = tuple(f"understand_messages_r{n}.tsv" for n in range(1, 8))
# What the model was trained from: a change to any of them needs `python -m core.train_reader`.
LABELED = (
    "understand_cases.tsv",
    "understand_more.tsv",
    "understand_wider.tsv",
    "understand_fresh.tsv",
    "understand_classes.tsv",
    "understand_helper.tsv",
    "understand_evening.tsv",
    *ROUNDS,
)
# Messages written by someone who never saw the code: the thresholds are chosen on them, read by a model
# trained without them, as unseen messages will be read; the shipped model is then trained on them too.
CALIBRATION = ("understand_helper.tsv", *ROUNDS)
SOURCES = (*LABELED, "understanding.yaml", "noise.yaml")
TASK, UNIT, KEYWORD = "\ue001", "\ue002", "\ue003"  # the slots in a shape, one character each
_LATIN = re.compile(r"[a-z']+|[\ue001-\ue003]")


def sources_hash(folder: Path = HERE) -> str:
    """The hash of the files the shipped model was trained from, and of the code that reads them."""
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update((folder / name).read_bytes())
    for code in (
        "intent_model.py",
        "understanding.py",
        "noise.py",
        "train_reader.py",
        "pinyin.py",
    ):  # the code that makes the features
        digest.update((folder.parent / code).read_bytes())
    return digest.hexdigest()


def features(shape: str, flags: Iterable[str]) -> dict[str, float]:
    """Character 1–3-grams of the shape (Chinese) or words and word pairs (Latin), jieba's words,
    and the slots found, each present once."""
    found = [f"f:{flag}" for flag in flags]
    if not re.search(r"[\u4e00-\u9fff]", shape):
        words = _LATIN.findall(shape)
        found += [f"w:{w}" for w in words]
        found += [f"b:{a} {b}" for a, b in zip(["^", *words], [*words, "$"], strict=True)]
        return dict.fromkeys(found, 1.0)
    text = f"^{shape}$"
    found += [
        f"c:{text[i : i + n]}" for n in (1, 2, 3) for i in range(len(text) - n + 1) if text[i : i + n] not in "^$"
    ]
    found += [f"w:{w}" for w in jieba.lcut(shape) if w.strip()]
    return dict.fromkeys(found, 1.0)


@dataclass
class IntentModel:
    """The trained weights: one row per feature, one column per intent."""

    intents: tuple[str, ...]
    rows: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    act: float  # the probability below which nothing is acted on, chosen on the dev split
    close: float  # two intents closer than this: ask which
    trained_from: str

    @classmethod
    def load(cls, path: Path = MODEL) -> IntentModel:
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["features"]]
            return cls(
                tuple(str(i) for i in data["intents"]),
                {name: i for i, name in enumerate(names)},
                data["weights"].astype(np.float32),
                data["bias"].astype(np.float32),
                float(data["act"]),
                float(data["close"]),
                str(data["trained_from"]),
            )

    def probabilities(self, found: dict[str, float]) -> dict[str, float]:
        known = [(self.rows[f], value) for f, value in found.items() if f in self.rows]
        logits = self.bias.copy()
        if known:
            rows, values = zip(*known, strict=True)
            logits += np.asarray(values, dtype=np.float32) @ self.weights[list(rows)]
        logits = np.exp(logits - logits.max())
        probs = logits / logits.sum()
        return {name: float(p) for name, p in zip(self.intents, probs, strict=True)}


_TRIED: list[IntentModel] = []  # a model being calibrated by core/train_reader.py, read instead


@lru_cache(maxsize=1)
def _shipped() -> IntentModel:
    return IntentModel.load()


def intent_model() -> IntentModel:
    """The shipped model, loaded once (or the one being calibrated, while it is)."""
    return _TRIED[-1] if _TRIED else _shipped()


@contextmanager
def trying(model: IntentModel) -> Iterator[IntentModel]:
    """Read with this model instead of the shipped one while inside."""
    _TRIED.append(model)
    try:
        yield model
    finally:
        _TRIED.pop()
