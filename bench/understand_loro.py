"""Leave one round out: the reader trained without a spent round's messages (core/data/understand_messages_rN.tsv,
calibration included) reads that round (tests/data/rounds/messages-rN.tsv) as unseen, by the measure of
bench/understand_round.py. The honest figure of a change to the reader's sources or features, since the
rounds are also training data. Run by hand (≈2 min a round): python bench/understand_loro.py [N …]."""

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


def main() -> None:
    chosen = [int(a) for a in sys.argv[1:]] or list(range(1, len(ROUNDS) + 1))
    found, known = views(ROOT), plans(ROOT)
    totals = [0, 0, 0, 0]
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
            with trying(model):
                right, wrong, offtopic, count, said = measure(
                    ROOT / "tests" / "data" / "rounds" / f"messages-r{n}.tsv", Understanding.load(), found, known
                )
            print("\n".join(said))
            totals = [a + b for a, b in zip(totals, (right, wrong, offtopic, count), strict=True)]
    finally:  # the shipped words, of every labeled file
        train_reader.write_words(train_reader.cases() + train_reader.phrases(Understanding.load()))
    right, wrong, offtopic, count = totals
    print(
        f"all left out in turn: {right}/{count} = {100 * right / count:.1f}%, acted on wrongly {wrong}, off-topic {offtopic}"
    )


if __name__ == "__main__":
    main()
