"""What a span inside a role list is: an organ or unit, a collective (各街道, 市级有关部门), a person or position
(分管副区长, 张三), a role word or a note on the list (牵头, 协办, 排名第一的为牵头单位), or other text. A logistic
regression over the span's characters (1–3-grams, its first and last characters), trained by plan/train_units.py
from the labeled plans, the organ table and the gazetteer, and shipped as plain data, data/unit_model.tsv.gz (a
feature and its five weights a line). Reading needs no numpy (a plan is read in a worker under a memory limit, and
numpy alone would take 120 MB of its address space): a dictionary from feature to weights, a sum, a softmax."""

from __future__ import annotations

import gzip
import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent / "data"
MODEL = HERE / "unit_model.tsv.gz"
KINDS = ("unit", "collective", "person", "role", "other")
# The shapes the model was trained from: a change needs `python -m plan.train_units`. It also reads the labeled plans'
# units and organs.yaml's names, which another engineer may extend at any time: the model reads organs by their
# shape, so a name added there is read without retraining, and is not part of the hash.
SOURCES = ("unit_shapes.yaml",)


def sources_hash(folder: Path = HERE) -> str:
    """The hash of the data files the shipped model was trained from, and of the code that makes its features."""
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update((folder / name).read_bytes())
    for code in ("unit_model.py", "train_units.py"):
        digest.update((folder.parent / code).read_bytes())
    return digest.hexdigest()


def features(span: str) -> list[str]:
    """Character 1–3-grams of the span with its edges marked, its last one to four and first one or two
    characters, and its length in a few steps."""
    text = f"^{span}$"
    found = [f"c:{text[i : i + n]}" for n in (1, 2, 3) for i in range(len(text) - n + 1) if text[i : i + n] not in "^$"]
    found += [f"e:{span[-n:]}" for n in (1, 2, 3, 4) if len(span) >= n]
    found += [f"b:{span[:n]}" for n in (1, 2) if len(span) >= n]
    found.append(f"n:{min(len(span), 12) // 3}")
    return list(dict.fromkeys(found))


@dataclass
class UnitModel:
    """The trained weights: five per feature, one for each kind, and the kinds' biases."""

    rows: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    trained_from: str

    @classmethod
    def load(cls, path: Path = MODEL) -> UnitModel:
        rows: dict[str, tuple[float, ...]] = {}
        head: dict[str, str] = {}
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                name, _, values = line.rstrip("\n").partition("\t")
                if name.startswith("#"):
                    head[name[1:]] = values
                else:
                    rows[name] = tuple(float(v) for v in values.split(" "))
        return cls(rows, tuple(float(v) for v in head["bias"].split(" ")), head["trained_from"])

    def probabilities(self, span: str) -> dict[str, float]:
        logits = list(self.bias)
        for feature in features(span):
            for i, weight in enumerate(self.rows.get(feature, ())):
                logits[i] += weight
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {kind: e / total for kind, e in zip(KINDS, exps, strict=True)}

    def kind(self, span: str) -> tuple[str, float]:
        """The kind the span most likely is, and how likely."""
        probs = self.probabilities(span)
        best = max(probs, key=probs.__getitem__)
        return best, probs[best]


@lru_cache(maxsize=1)
def unit_model() -> UnitModel:
    """The shipped model, loaded once."""
    return UnitModel.load()


@lru_cache(maxsize=4096)
def span_kind(span: str) -> tuple[str, float]:
    """What a span of a role list reads as (unit, collective, person, role, other), and how sure the reader is."""
    return unit_model().kind(span.strip())
