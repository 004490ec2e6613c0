"""Train the reader's intent model: `pip install -e ".[train]"`, then `python -m core.train_reader`.

The labeled messages (data/understand_cases.tsv, data/understand_more.tsv) are read by the same rules
that find the slots at run time; the model learns the intent from the shape that is left. One message
in five (by a hash of its text, so the split never moves) is held back as the dev split: a model fit on
the other four picks the confidence below which nothing is acted on, and how close two intents may be
before Duban asks which. The shipped model is then fit on all of them and written to
data/reader_model.npz with the hash of what it was trained from (a test fails when they differ)."""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.intent_model import HERE, MODEL, sources_hash
from core.settings import Settings
from core.store import PlanView, open_store
from core.understanding import Understanding

if TYPE_CHECKING:  # scikit-learn is the [train] extra: the tests read the cases without it
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

PLANS = {
    "bundled": None,
    "hanyang": Path(__file__).resolve().parent.parent / "tests" / "data" / "plans" / "hanyang-2019.txt",
}
C = 8.0
MOST_WRONG = 0.02  # of what the dev split acts on, at most this share may be acted on wrongly
FLOOR = 0.5  # never act on less: the dev split is small, and the example phrases resemble some of it


# The example phrases of understanding.yaml are labeled messages too, their slots filled in turn.
FILL = {
    "{task}": ("第7条", "12条", "第二十条"),
    "{unit}": ("统计局", "区司法局", "卫健委"),
    "{keyword}": ("行政复议", "信访", "执法"),
}


def phrases(reader: Understanding) -> list[list[str]]:
    """The intents' example phrases as labeled messages (plan, text, intent), each slot filled three ways."""
    rows = []
    for name, intent in reader.intents.items():
        for example in intent.examples:
            for i in range(3):
                text = example
                for slot, fills in FILL.items():
                    text = text.replace(slot, fills[i])
                rows.append(["bundled", text, name])
                if text == example:
                    break
    return rows


def cases() -> list[list[str]]:
    """Every labeled message: plan, text, intent, task, unit, keyword."""
    rows = []
    for name in ("understand_cases.tsv", "understand_more.tsv"):
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def is_dev(text: str) -> bool:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % 5 == 0


def _views() -> dict[str, PlanView]:
    views = {}
    for name, plan in PLANS.items():
        extra = {"plan_file": plan} if plan else {}
        store = open_store(Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), **extra))  # type: ignore[call-arg]
        view = store.view()
        assert view is not None
        views[name] = view
    return views


def examples(reader: Understanding) -> list[tuple[dict[str, float], str, bool, str]]:
    """Features, intent, whether in the dev split, and the text, of each message the model reads."""
    views = _views()
    out = []
    labeled = [(row, is_dev(row[1])) for row in cases()]
    labeled += [(row, False) for row in phrases(reader)]  # never in the dev split: they are the cues' own words
    for (plan, text, intent, *_), dev in labeled:
        view = views[plan]
        parsed = reader.parse(text, view.resolver, view.knows)
        if parsed is None or parsed.help:
            continue
        out.append((reader.features(parsed), intent, dev, text))
    return out


def _fit(rows: list[tuple[dict[str, float], str, bool, str]]) -> tuple[DictVectorizer, LogisticRegression]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([r[0] for r in rows])
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(x, [r[1] for r in rows])
    return vectorizer, model


def calibrate(rows: list[tuple[dict[str, float], str, bool, str]]) -> tuple[float, float, str]:
    """The lowest confidence and margin at which the dev split is acted on with at most MOST_WRONG
    wrong (an off-topic message acted on counts as wrong), read by a model that never saw it."""
    train = [r for r in rows if not r[2]]
    dev = [r for r in rows if r[2]]
    vectorizer, model = _fit(train)
    probs = model.predict_proba(vectorizer.transform([r[0] for r in dev]))
    classes = list(model.classes_)
    order = np.argsort(-probs, axis=1)
    best = [(classes[o[0]], p[o[0]], p[o[0]] - p[o[1]]) for o, p in zip(order, probs, strict=True)]
    chosen = (0.9, 0.3)
    for act in np.arange(FLOOR, 0.9, 0.01):
        for close in (0.05, 0.1, 0.15, 0.2):
            acted = [
                (b, r) for b, r in zip(best, dev, strict=True) if b[0] != "unknown" and b[1] >= act and b[2] >= close
            ]
            wrong = sum(1 for b, r in acted if b[0] != r[1])
            if acted and wrong <= MOST_WRONG * len(acted):
                chosen = (float(act), float(close))
                break
        else:
            continue
        break
    act, close = chosen
    right = sum(
        1
        for b, r in zip(best, dev, strict=True)
        if (b[0] if b[0] != "unknown" and b[1] >= act and b[2] >= close else "unknown") == r[1]
    )
    acted = [(b, r) for b, r in zip(best, dev, strict=True) if b[0] != "unknown" and b[1] >= act and b[2] >= close]
    wrong = [(r[3], r[1], b[0]) for b, r in acted if b[0] != r[1]]
    report = (
        f"dev split: {len(dev)} messages (train {len(train)}); act at p >= {act:.2f}, margin >= {close:.2f}: "
        f"intent right {right}/{len(dev)} = {100 * right / len(dev):.1f}%, acted on {len(acted)}, wrongly {len(wrong)} {wrong}"
    )
    return act, close, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args()
    reader = Understanding.load()
    rows = examples(reader)
    act, close, report = calibrate(rows)
    print(report)
    vectorizer, model = _fit(rows)
    print(f"trained on {len(rows)} messages: {Counter(r[1] for r in rows).most_common()}")
    names = np.array(vectorizer.get_feature_names_out(), dtype=str)
    np.savez_compressed(
        args.out,
        features=names,
        weights=model.coef_.T.astype(np.float32),
        bias=model.intercept_.astype(np.float32),
        intents=np.array(model.classes_, dtype=str),
        act=np.float32(act),
        close=np.float32(close),
        trained_from=np.array(sources_hash()),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {len(names)} features)")


if __name__ == "__main__":
    sys.exit(main())
