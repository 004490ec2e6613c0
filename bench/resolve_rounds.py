"""All spent plan rounds' names scored at once, misses by class: python bench/resolve_rounds.py [REPO] [--rounds 1,2,…].

Each round's resolve.tsv (file, query, expected unit or `-`) is scored as bench/resolve_round.py --same-script
--same-width scores it (a unit in traditional characters or full-width forms is the same unit as its simplified,
half-width form), every plan imported into a fresh store and each query resolved by the store's resolver. A miss is
one of three classes:

- parser: the plan's units hold no unit of the label's name (the parser named it otherwise; not the resolver's);
- refused: a unit was expected and none was given (candidates included);
- FALSE: a unit was given where the expected one is another or none: a user told the wrong department.

Right is counted over all names and again without the parser class, so the resolver's own share is seen apart.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROUNDS = range(1, 11)


@dataclass
class Score:
    """One round's names: how many, right, and the misses by class."""

    total: int = 0
    right: int = 0
    misses: dict[str, list[str]] = field(default_factory=lambda: {"parser": [], "refused": [], "FALSE": []})

    def line(self, name: str) -> str:
        own = self.total - len(self.misses["parser"])
        return (
            f"{name:>10}: {self.right}/{self.total} = {100 * self.right / max(self.total, 1):.1f}% right, "
            f"FALSE {len(self.misses['FALSE'])}, refused {len(self.misses['refused'])}, "
            f"parser {len(self.misses['parser'])} (resolver's own: {self.right}/{own} = {100 * self.right / max(own, 1):.1f}%)"
        )


def _same(a: str, b: str, t2s) -> bool:  # type: ignore[no-untyped-def]
    def norm(text: str) -> str:
        return t2s(unicodedata.normalize("NFKC", text))

    return norm(a) == norm(b)


def score_round(folder: Path, t2s) -> Score:  # type: ignore[no-untyped-def]
    """One round's resolve.tsv scored, each miss kept with its class."""
    from core.settings import Settings
    from core.store import open_store

    views: dict[str, object] = {}
    score = Score()
    for line in (folder / "resolve.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, query, expected = line.split("\t")[:3]
        score.total += 1
        if name not in views:
            try:
                settings = Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), plan_file=folder / name)  # type: ignore[call-arg]
                views[name] = open_store(settings).view()
            except Exception as exc:  # noqa: BLE001
                print(f"{folder.name}/{name}: plan not read ({type(exc).__name__}: {str(exc)[:100]})")
                views[name] = None
        view = views[name]
        match = view.resolver.resolve(query) if view is not None else None  # type: ignore[attr-defined]
        got = match.unit if match is not None else None
        if got is not None and expected != "-" and _same(got, expected, t2s):
            got = expected
        if (got is None) if expected == "-" else (got == expected):
            score.right += 1
            continue
        units = view.resolver.units if view is not None else []  # type: ignore[attr-defined]
        detail = f"{folder.name}\t{name}\t{query}\twant {expected}\tgot {got}"
        if match is not None and match.candidates:
            detail += f" (asked: {'/'.join(match.candidates)})"
        if got is not None:
            score.misses["FALSE"].append(detail)
        elif not any(_same(u, expected, t2s) for u in units):
            score.misses["parser"].append(detail)
        else:
            score.misses["refused"].append(detail + f"\t[{match.reason if match else 'no plan'}]")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", nargs="?", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--rounds", default=",".join(map(str, ROUNDS)), help="which plans-rN, as 1,2,3")
    parser.add_argument("--quiet", action="store_true", help="figures only, no misses listed")
    args = parser.parse_args()
    repo = Path(args.repo).resolve()
    sys.path.insert(0, str(repo))
    import opencc

    t2s = opencc.OpenCC("t2s").convert
    scores: dict[str, Score] = {}
    for n in args.rounds.split(","):
        folder = repo / "tests" / "data" / "rounds" / f"plans-r{n.strip()}"
        scores[folder.name] = score_round(folder, t2s)
    if not args.quiet:
        for kind in ("FALSE", "refused", "parser"):
            print(f"--- {kind}")
            for score in scores.values():
                for miss in score.misses[kind]:
                    print("  " + miss)
    every = Score()
    for name, score in scores.items():
        print(score.line(name))
        every.total += score.total
        every.right += score.right
        for kind, misses in score.misses.items():
            every.misses[kind] += misses
    print(every.line("ALL"))


if __name__ == "__main__":
    main()
