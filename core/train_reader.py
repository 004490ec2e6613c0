"""Train the reader's intent model: `pip install -e ".[train]"`, then `python -m core.train_reader`.

The labeled messages (data/understand_*.tsv) are read by the same rules that find the slots at run
time; the model learns the intent from the shape that is left. Each is also read with everyday noise
added (data/noise.yaml's fillers before, inside and after the request, emoji, a missing or doubled
character, spaces and punctuation), so that the model learns the request rather than how the team
wrote it. One message in five (by a hash of its text, so the split never moves) is held back as the
dev split, with its noisy copies: a model fit on the other four picks the confidence below which
nothing is acted on, and how close two intents may be before Duban asks which. The shipped model is then fit on all of them and written to
data/reader_model.npz with the hash of what it was trained from (a test fails when they differ)."""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import jieba
import numpy as np
import yaml

from core.intent_model import HERE, LABELED, MODEL, sources_hash
from core.noise import DATA as NOISE
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
C = 4.0
WRONG_COST = (
    10  # a wrong action costs as much as this many questions asked when calibrating: nothing may be acted on wrongly
)
FLOOR = (
    0.7  # never act on less: the dev split is written by the same team as the training set, unseen messages differ more
)
NOISY = 3  # noisy copies of each labeled message
EMOJI = "🙏👍👌😂🤔✅💪🙂😊❓"


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
    for name in LABELED:
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                row = line.split("\t")
                if "+" in row[2] and not row[2].startswith("ack+"):
                    continue  # two requests: read as two clauses at run time, no one intent to learn from
                rows.append([row[0], row[1], first_intent(row[2]), *row[3:]])
    return rows


def first_intent(label: str) -> str:
    """The intent a message is trained as: the request after an acknowledgement (ack+report: 收到，第3条
    已完成), and an acknowledgement alone as asking nothing."""
    labels = label.split("+")
    if labels[0] == "ack" and len(labels) > 1:
        return labels[1]
    return "unknown" if labels[0] == "ack" else labels[0]


_SLOT = re.compile(r"[\d第条项局委办区市县一二三四五六七八九十]")


def _inside_slot(pieces: list[str], spot: int) -> bool:
    """Between two words of a slot (第 | 15 | 条, 区 | 审计局): nothing is put there."""
    if not 0 < spot < len(pieces):
        return False
    return bool(
        re.search(r"[\d第区市县一二两三四五六七八九十]$", pieces[spot - 1]) or re.match(r"[\d条项局委办]", pieces[spot])
    )


def noisy(text: str, count: int = NOISY) -> list[str]:
    """The message as it might be typed another day: a filler before, inside or after the request, an
    emoji, a character missed or doubled, spaces and punctuation changed. Seeded by the text, so the
    copies never move; the slots (第15条, a unit's name) are never touched, only the words around them."""
    words = yaml.safe_load(NOISE.read_text(encoding="utf-8"))
    lead, tail, inside = words["lead"], words["tail"], words["inside"]
    chance = random.Random(hashlib.sha1(text.encode()).hexdigest())
    chinese = bool(re.search(r"[\u4e00-\u9fff]", text))
    out = []
    for _ in range(count):
        pieces = jieba.lcut(text) if chinese else text.split(" ")
        for change in chance.sample(range(6), 2):
            spot = chance.randrange(len(pieces) + 1)
            if change == 0:
                pieces.insert(0, str(chance.choice(lead)) + chance.choice(["", " ", "，", ","]))
            elif change == 1 and chinese and not _inside_slot(pieces, spot):
                pieces.insert(spot, str(chance.choice(inside)) + chance.choice(["", " "]))
            elif change == 2:
                pieces.append(chance.choice(["", " ", "~"]) + str(chance.choice(tail)))
            elif change == 3 and not _inside_slot(pieces, spot):
                pieces.insert(spot, chance.choice(EMOJI))
            elif change == 4 and chinese:  # a character typed twice, where it is no slot
                at = chance.randrange(len(pieces))
                if len(pieces[at]) >= 2 and not _SLOT.search(pieces[at]):
                    cut = chance.randrange(len(pieces[at]))
                    pieces[at] = pieces[at][: cut + 1] + pieces[at][cut:]
            elif change == 5:
                pieces = [re.sub(r"[，,。？?！!]", chance.choice(["", " ", "，"]), p) for p in pieces]
        joined = ("" if chinese else " ").join(pieces).strip()
        if joined and joined != text and joined not in out:
            out.append(joined)
    return out


NOTICES = 160  # notices put together from noise.yaml's parts, to learn that a notice asks nothing


def notices(count: int = NOTICES) -> list[list[str]]:
    """Notices as the office pastes them into a group (@所有人 请各单位于本周五前报送第6条的落实情况),
    labeled as asking Duban nothing; put together from data/noise.yaml's parts, seeded so they never move."""
    parts = yaml.safe_load(NOISE.read_text(encoding="utf-8"))["notices"]
    chance = random.Random("notices")
    rows: list[list[str]] = []
    while len(rows) < count:
        text = "".join(
            str(chance.choice(parts[part])) for part in ("opening", "who", "when", "act", "what", "close")
        ).replace("{n}", str(chance.randint(1, 26)))
        if text not in {row[1] for row in rows}:
            rows.append(["bundled", text, "unknown"])
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
    labeled = [(row, is_dev(row[1])) for row in cases() + notices()]
    labeled += [([row[0], copy, *row[2:]], dev) for row, dev in list(labeled) for copy in noisy(row[1])]
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
    """The confidence and margin at which the dev split, read by a model that never saw it, is read
    best when a wrong action costs WRONG_COST questions (an off-topic message acted on is wrong; a
    question is not): acting is worse than asking."""
    train = [r for r in rows if not r[2]]
    dev = [r for r in rows if r[2]]
    vectorizer, model = _fit(train)
    probs = model.predict_proba(vectorizer.transform([r[0] for r in dev]))
    classes = list(model.classes_)
    order = np.argsort(-probs, axis=1)
    best = [(classes[o[0]], p[o[0]], p[o[0]] - p[o[1]]) for o, p in zip(order, probs, strict=True)]

    def cost(act: float, close: float) -> float:
        acts = [b[0] != "unknown" and b[1] >= act and b[2] >= close for b in best]
        wrong = sum(1 for a, b, r in zip(acts, best, dev, strict=True) if a and b[0] != r[1])
        missed = sum(1 for a, b, r in zip(acts, best, dev, strict=True) if (b[0] if a else "unknown") != r[1])
        return missed - wrong + WRONG_COST * wrong

    grid = [(float(a), c) for a in np.arange(FLOOR, 0.96, 0.01) for c in (0.05, 0.1, 0.2, 0.3)]
    chosen = min(grid, key=lambda pair: (cost(*pair), pair))
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
