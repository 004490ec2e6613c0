"""A responsibility matrix (责任矩阵): a task table whose header names the units, one column each, and whose
cells mark each unit's part in the task (牵头, ★ or ● for the lead; 配合, √ or ○ for a cooperating unit; 负责
for one that carries it out). Read as the task table it stands for, with one column per role, so that the
rest of the table reader applies; the marks are words in plan/data/columns.yaml (matrix_marks)."""

from __future__ import annotations

import re
from functools import cache

from plan.columns import COLUMNS_FILE, cell_kind
from plan.reader import SHEET, Table
from plan.text import UNIT_END
from plan.unit_model import span_kind

_ROLES = ("lead", "responsible", "cooperating")
_HEADS = {"lead": "牵头单位", "responsible": "责任单位", "cooperating": "配合单位"}
MIN_UNITS = 3  # unit columns a header must name to be a matrix


@cache
def _marks() -> dict[str, re.Pattern[str]]:
    import yaml

    words = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))["matrix_marks"]
    return {role: re.compile(f"^(?:{pattern})$") for role, pattern in words.items()}


def _mark(cell: str) -> str | None:
    """The role a matrix cell's mark gives its unit, or None for an empty or unmarked cell."""
    cell = re.sub(r"\s+", "", cell)
    return next((role for role in _ROLES if cell and _marks()[role].match(cell)), None)


def _unit_columns(row: list[str]) -> list[int]:
    """The header cells that name a unit or a collective (区发改局, 各街道), not a column's kind (责任单位)."""
    from plan.table import column_kind

    def unit(cell: str) -> bool:
        if not cell or len(cell) > 20 or column_kind(cell) is not None:
            return False
        kind, sure = span_kind(cell)
        return (
            bool(UNIT_END.search(cell)) and cell_kind(cell) == "units" or kind in ("unit", "collective") and sure >= 0.5
        )

    return [i for i, c in enumerate(row) if unit(c.strip())]


def matrix_table(table: Table) -> Table | None:
    """The task table a responsibility matrix stands for, or None when the table is no matrix: a header row
    (among the first six) naming three units or more, one a column, over cells that hold marks only."""
    for at, head in enumerate(table.rows[:6]):
        if head and head[0].startswith(SHEET):
            continue
        units = _unit_columns(head)
        if len(units) < MIN_UNITS:
            continue
        body = [r for r in table.rows[at + 1 :] if any(c.strip() for c in r)]
        cells = [r[i] for r in body for i in units if i < len(r) and r[i].strip()]
        if not cells or any(_mark(c) is None for c in cells):
            continue
        rows: list[list[str]] = list(table.rows[:at])
        rows.append([c for i, c in enumerate(head) if i not in units] + [_HEADS[r] for r in _ROLES])
        for row in table.rows[at + 1 :]:
            named: dict[str, list[str]] = {role: [] for role in _ROLES}
            for i in units:
                role = _mark(row[i]) if i < len(row) else None
                if role:
                    named[role].append(head[i].strip())
            rows.append([c for i, c in enumerate(row) if i not in units] + ["、".join(named[r]) for r in _ROLES])
        return Table(rows)
    return None
