"""Leave one round out: the reader trained without a spent round's messages (core/data/understand_messages_rN.tsv,
calibration included) reads that round (tests/data/rounds/messages-rN.tsv) as unseen, by the measure of
bench/understand_round.py. The honest figure of a change to the reader's sources or features, since the
rounds are also training data. Run by hand (≈2 min a round): python bench/understand_loro.py [N …]. Each round is also
read at other act thresholds by the same model, so that what acting less (or more) surely trades, in right answers
for wrong acts, is measured on rounds the model never saw."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.understand_round import measure, plans, views  # noqa: E402
from core import train_reader  # noqa: E402
from core.intent_model import ROUNDS, IntentModel, trying  # noqa: E402
from core.understanding import Understanding  # noqa: E402

ACTS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def main() -> None:
    chosen = [int(a) for a in sys.argv[1:]] or list(range(1, len(ROUNDS) + 1))
    found, known = views(ROOT), plans(ROOT)
    totals = [0, 0, 0, 0]
    curve: dict[float, list[int]] = {}  # act threshold -> right, acted on wrongly, off-topic, over the rounds
    try:
        for n in chosen:
            left = (ROUNDS[n - 1],)
            # the pinyin words too are of the rounds kept only
            kept = tuple(name for name in train_reader.LABELED if name not in left)
            train_reader.write_words(train_reader.cases(kept) + train_reader.phrases(Understanding.load()))
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "loro.npz"
                print(f"== without r{n}: " + train_reader.train(path, left).splitlines()[0])
                model = IntentModel.load(path)
            tsv = ROOT / "tests" / "data" / "rounds" / f"messages-r{n}.tsv"
            with trying(model):
                right, wrong, offtopic, count, said = measure(tsv, Understanding.load(), found, known)
                chosen_act = model.act
                for act in ACTS:  # the same model at other thresholds: what acting less surely would trade
                    model.act = act
                    figures = measure(tsv, Understanding.load(), found, known)[:3]
                    curve[act] = [a + b for a, b in zip(curve.get(act, [0, 0, 0]), figures, strict=True)]
                model.act = chosen_act
            print("\n".join(said))
            totals = [a + b for a, b in zip(totals, (right, wrong, offtopic, count), strict=True)]
    finally:  # the shipped words, of every labeled file
        train_reader.write_words(train_reader.cases() + train_reader.phrases(Understanding.load()))
    right, wrong, offtopic, count = totals
    print(
        f"all left out in turn: {right}/{count} = {100 * right / count:.1f}%, acted on wrongly {wrong}, off-topic {offtopic}"
    )
    print(
        "each round's model at other act thresholds, all rounds: "
        + "; ".join(
            f"{act:.2f}: {r}/{count} = {100 * r / count:.1f}% {w} wrong {o} off-topic"
            for act, (r, w, o) in curve.items()
        )
    )


if __name__ == "__main__":
    main()
