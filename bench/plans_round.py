"""Measure a labeled plan round against a checkout's parser: python bench/plans_round.py [REPO] [DIR]; held-out rounds only, measured as found.
--same-script: a unit in traditional characters and its simplified form count as the same name (OpenCC t2s on both
sides; rounds label units as printed, a parser may give them simplified). --same-width: full- and half-width forms
(（市） and (市)) count as the same name (NFKC on both sides); added after plans-r9 was first read, reported apart.
--printed: a labeled task is matched by the number printed on it (71, 七十一, （三）) where the labels number tasks in order
(1, 2, 3) but the plan prints others; added after plans-r11..r13 were first read, reported apart."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

args = [a for a in sys.argv[1:] if a not in ("--same-script", "--same-width", "--printed")]
BY_PRINTED = "--printed" in sys.argv[1:]
SAME_SCRIPT = "--same-script" in sys.argv[1:]
SAME_WIDTH = "--same-width" in sys.argv[1:]
repo = Path(args[0]).resolve() if len(args) > 1 else Path(__file__).resolve().parent.parent
folder = Path(args[-1]) if args else repo / "tests" / "data" / "rounds" / "plans-r1"
sys.path.insert(0, str(repo))
from plan.parser import parse_file  # noqa: E402

ROLES = ("lead", "responsible", "cooperating")
if SAME_SCRIPT:
    import opencc

    _t2s = opencc.OpenCC("t2s")

    def by_script(name: str) -> str:
        return _t2s.convert(name)
else:

    def by_script(name: str) -> str:
        return name


def script(names: list[str]) -> list[str]:
    return [unicodedata.normalize("NFKC", by_script(n)) if SAME_WIDTH else by_script(n) for n in names]


def printed_number(printed: str) -> int | None:
    """The number a label's `printed` holds (71, 71., 七十一, （三）), or None."""
    core = printed.strip().strip("()（）、.．。第条 ")
    # ⑴, ① and full-width digits are digits to isdigit() but not to int(): NFKC gives (1), 1
    core = unicodedata.normalize("NFKC", core).strip("()、.。第条 ")
    if core.isdigit():
        return int(core)
    try:
        import cn2an

        return int(cn2an.cn2an(core, "normal")) if core else None
    except (ValueError, KeyError):
        return None


good = total = refused_with_tasks = due_ok = due_n = 0
for exp in sorted(folder.glob("*.expected.json")):
    stem = exp.name[: -len(".expected.json")]
    docs = [p for p in folder.glob(stem + ".*") if not p.name.endswith(".expected.json")]
    if not docs:
        continue
    doc = docs[0]
    want = json.loads(exp.read_text(encoding="utf-8"))
    try:
        plan = parse_file(doc)
    except Exception as exc:  # noqa: BLE001
        print(f"{doc.name}: REFUSED {type(exc).__name__}: {str(exc)[:150]}")
        total += len(want["tasks"])
        refused_with_tasks += bool(want["tasks"])
        continue
    tasks = list(plan.tasks)
    by_number = {getattr(t, "number", None): t for t in tasks}
    exact = 0
    keys = [w["number"] for w in want["tasks"]]
    if BY_PRINTED:
        shown = [printed_number(str(w.get("printed") or "")) for w in want["tasks"]]
        if None not in shown and len(set(shown)) == len(shown):
            keys = shown
    for i, w in enumerate(want["tasks"]):
        got = by_number.get(keys[i])
        if got is None and i < len(tasks):
            got = None
        if got is not None and all(script(list(getattr(got, r))) == script(w[r]) for r in ROLES):
            exact += 1
        else:
            found = {r: list(getattr(got, r)) for r in ROLES} if got is not None else None
            print(f"  {doc.name} task {w['number']}: want {[w[r] for r in ROLES]}, got {found}")
        if "due" in w:
            due_n += 1
            d = next((x.due for x in got.deadlines if x.due), None) if got is not None else None
            due_ok += str(d) == str(w["due"]) if w["due"] else d is None
    print(f"{doc.name}: {exact}/{len(want['tasks'])} exact (parsed {len(tasks)} tasks)")
    good += exact
    total += len(want["tasks"])
print(
    f"ALL: {good}/{total} tasks exact = {100 * good / max(total, 1):.1f}%; files refused that hold tasks: {refused_with_tasks}; due right {due_ok}/{due_n}"
)
