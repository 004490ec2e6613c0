"""Measure a labeled resolver round: python bench/resolve_round.py [REPO] [DIR] (DIR/resolve.tsv: file, query, expected).
--same-script: a unit in traditional characters and its simplified form count as the same unit (OpenCC t2s).
--same-width: full- and half-width forms count as the same unit (NFKC); added after plans-r9 was first read."""

from __future__ import annotations

import sys
import tempfile
import unicodedata
from pathlib import Path

args = [a for a in sys.argv[1:] if a not in ("--same-script", "--same-width")]
SAME_SCRIPT = "--same-script" in sys.argv[1:]
SAME_WIDTH = "--same-width" in sys.argv[1:]
repo = Path(args[0]).resolve() if len(args) > 1 else Path(__file__).resolve().parent.parent
folder = Path(args[-1]) if args else repo / "tests" / "data" / "rounds" / "plans-r1"
sys.path.insert(0, str(repo))
from core.settings import Settings  # noqa: E402
from core.store import open_store  # noqa: E402

views: dict[str, object] = {}
right = false_match = total = traps = 0
for line in (folder / "resolve.tsv").read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    name, query, expected = line.split("\t")[:3]
    total += 1
    traps += expected == "-"
    if name not in views:
        try:
            store = open_store(Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), plan_file=folder / name))  # type: ignore[call-arg]
            views[name] = store.view()
        except Exception as exc:  # noqa: BLE001
            print(f"{name}: plan not read ({type(exc).__name__}: {str(exc)[:100]})")
            views[name] = None
    view = views[name]
    got = None
    if view is not None:
        match = view.resolver.resolve(query)
        got = match.unit
    if SAME_SCRIPT and got is not None:
        import opencc

        t2s = opencc.OpenCC("t2s").convert
        got = expected if t2s(got) == t2s(expected) else got
    if SAME_WIDTH and got is not None:
        got = expected if unicodedata.normalize("NFKC", got) == unicodedata.normalize("NFKC", expected) else got
    ok = (got is None) if expected == "-" else (got == expected)
    right += ok
    if got is not None and got != expected:
        false_match += 1
    if not ok:
        print(f"  {name}\t{query}\twant {expected}\tgot {got}")
print(f"ALL: {right}/{total} right = {100 * right / max(total, 1):.1f}%; false matches {false_match}; traps {traps}")
