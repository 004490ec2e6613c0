"""The reader's own test rounds (tests/data/reader_rounds/r*.tsv), each written and labeled before the
change it prompted: intent right, acted on wrongly, off-topic or acknowledgements acted on, per round.
Run by hand: python bench/understand_rounds.py [ROUND.tsv …]. The same measure as
bench/understand_round.py (which the lead runs on the held-out rounds), so figures compare."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    rounds = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "tests" / "data" / "reader_rounds").glob("r*.tsv"))
    for path in rounds:
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "understand_round.py"), str(ROOT), str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"== {path.name}")
        print(done.stdout.rstrip())


if __name__ == "__main__":
    main()
