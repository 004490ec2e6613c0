"""Train the unit reader: `pip install -e ".[train]"`, then `python -m plan.train_units`.

Spans labeled five ways (plan/unit_model.py KINDS): the units of every tests/data/plans/**/*.expected.json (a name
starting with 各, or holding 有关 / 相关 / 成员单位, is a collective), organ names of plan/data/organs.yaml at each
level and with places of plan/data/divisions.tsv before them, the collectives, persons and role words that
plan/data/unit_shapes.yaml composes, and other text: stretches of the labeled plans' own task lines that hold no
unit. The held-out rounds (tests/data/rounds/) are never read. One span in five (by a hash of its text) is held back
to report accuracy; the shipped model is then fit on all of them and written to data/unit_model.tsv.gz with the hash of
what it was trained from (a test fails when they differ)."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

from plan.unit_model import HERE, KINDS, MODEL, features, sources_hash

PLANS = Path(__file__).resolve().parent.parent / "tests" / "data" / "plans"
C = 4.0
KEEP = 0.02  # rows whose largest weight is smaller than this are dropped from the shipped file
_COLLECTIVE = re.compile(r"^各|有关|相关|成员单位|所有")
_LABEL = re.compile(r"牵头|责任|配合|协办|主办|单位|部门|负责")


def labeled_units() -> tuple[list[str], list[str]]:
    """The units of the labeled plans: (organs and units, collectives)."""
    names: set[str] = set()
    for path in sorted(PLANS.glob("**/*.expected.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            for role in ("lead", "responsible", "cooperating"):
                names.update(task.get(role, []))
    units = sorted(n for n in names if not _COLLECTIVE.search(n))
    return units, sorted(n for n in names if _COLLECTIVE.search(n))


def places(chance: random.Random, count: int = 600) -> list[tuple[str, str]]:
    """(name, short form) of cities and counties from the gazetteer, a sample."""
    rows = []
    for line in (HERE / "divisions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2] in ("city", "county"):
            rows.append(parts[1])
    picked = chance.sample(rows, min(count, len(rows)))
    return [(name, re.sub(r"(市|区|县|旗|自治州|自治县|盟)$", "", name) or name) for name in picked]


def _fill(template: str, chance: random.Random, values: dict[str, list[str]]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: chance.choice(values[m.group(1)]), template)


def spans() -> list[tuple[str, str]]:
    """Every labeled span: (text, kind)."""
    chance = random.Random(26)
    shapes = yaml.safe_load((HERE / "unit_shapes.yaml").read_text(encoding="utf-8"))
    organs = yaml.safe_load((HERE / "organs.yaml").read_text(encoding="utf-8"))["kinds"]
    kinds = [k for key, v in organs.items() for k in [key, *v.get("names", [])]]
    chosen = places(chance)
    values = {
        "level": shapes["levels"],
        "kind": kinds,
        "place": [p for pair in chosen for p in pair],
        "level_word": shapes["level_words"],
        "party_kind": shapes["party_kinds"],
        "zone": shapes["zones"],
        "place_kind": shapes["place_kinds"],
        "modifier": shapes["modifiers"],
        "title": shapes["titles"],
        "surname": list(shapes["surnames"]),
        "given": [a + b for a in shapes["given"] for b in ["", *shapes["given"][:8]]],
    }
    units, collectives = labeled_units()
    out = [(u, "unit") for u in units] * 3 + [(c, "collective") for c in collectives] * 3
    out += [(_fill(t, chance, values), "unit") for t in shapes["unit_templates"] for _ in range(500)]
    out += [(_fill(t, chance, values), "collective") for t in shapes["collective_templates"] for _ in range(60)]
    out += [(w, "collective") for w in shapes["collective_words"]] * 8
    out += [(_fill(t, chance, values), "person") for t in shapes["person_templates"] for _ in range(150)]
    out += [(w, "role") for w in shapes["role_words"]] * 12
    out += [
        (_fill("{level}{kind}", chance, values) + w, "other")
        for w in ("牵头", "主办", "协办", "配合")
        for _ in range(40)
    ]
    out += [(o, "other") for o in other_text(set(units) | set(collectives), chance)]
    return out


def other_text(names: set[str], chance: random.Random, count: int = 6000) -> list[str]:
    """Stretches of the labeled plans' lines (between punctuation) that hold no unit and no role label."""
    found: list[str] = []
    for path in sorted(PLANS.glob("**/*.txt")):
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            for piece in re.split(r"[，,。；;：:、（）()\s]+", line):
                if 2 <= len(piece) <= 24 and not _LABEL.search(piece) and not any(n in piece for n in names):
                    found.append(piece)
    found = sorted(set(found))
    return chance.sample(found, min(count, len(found)))


def _held_out(text: str) -> bool:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % 5 == 0


def fit(rows: list[tuple[str, str]]):  # noqa: ANN201 - scikit-learn's types
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(features(text), 1.0) for text, _ in rows])
    y = [KINDS.index(kind) for _, kind in rows]
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(x, y)
    return vectorizer, model


def main() -> None:
    rows = spans()
    print(f"{len(rows)} spans: {dict(Counter(k for _, k in rows))}")
    train = [r for r in rows if not _held_out(r[0])]
    dev = [r for r in rows if _held_out(r[0])]
    vectorizer, model = fit(train)
    guess = model.predict(vectorizer.transform([dict.fromkeys(features(t), 1.0) for t, _ in dev]))
    right = sum(KINDS[g] == k for g, (_, k) in zip(guess, dev, strict=True))
    print(f"dev: {right}/{len(dev)} = {100 * right / len(dev):.1f}%")
    vectorizer, model = fit(rows)
    weights = model.coef_.T
    keep = np.abs(weights).max(axis=1) >= KEEP
    names = [str(n) for n in vectorizer.get_feature_names_out()]
    lines = [f"#trained_from\t{sources_hash()}", "#bias\t" + " ".join(f"{b:.4g}" for b in model.intercept_)]
    lines += [f"{n}\t" + " ".join(f"{w:.3g}" for w in row) for n, row, k in zip(names, weights, keep, strict=True) if k]
    with MODEL.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {MODEL} ({MODEL.stat().st_size // 1024} KiB, {keep.sum()} features)")


if __name__ == "__main__":
    sys.exit(main())
