"""What a span inside a role list is: an organ or unit, a collective (各街道, 市级有关部门), a person or position
(分管副区长, 张三), a role word or a note on the list (牵头, 协办, 排名第一的为牵头单位), or other text. A logistic
regression over the span's characters (1–3-grams, its first and last characters), trained by plan/train_units.py
from the labeled plans, the organ table and the gazetteer, and shipped as data/unit_model.npz. Reading needs only
numpy: a dictionary from feature to row, a sum of rows, a softmax."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent / "data"
MODEL = HERE / "unit_model.npz"
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
    """The trained weights: one row per feature, one column per kind."""

    rows: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    trained_from: str

    @classmethod
    def load(cls, path: Path = MODEL) -> UnitModel:
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["features"]]
            return cls(
                {name: i for i, name in enumerate(names)},
                data["weights"].astype(np.float32),
                data["bias"].astype(np.float32),
                str(data["trained_from"]),
            )

    def probabilities(self, span: str) -> dict[str, float]:
        rows = [self.rows[f] for f in features(span) if f in self.rows]
        logits = self.bias.copy()
        if rows:
            logits += self.weights[rows].sum(axis=0)
        logits = np.exp(logits - logits.max())
        probs = logits / logits.sum()
        return {kind: float(p) for kind, p in zip(KINDS, probs, strict=True)}

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
