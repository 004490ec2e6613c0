"""Task tables (任务分工表) in .docx or .xlsx: a header row names the columns, in any order and wording."""

from __future__ import annotations

import re

from plan.deadlines import deadline_from_label, find_deadlines
from plan.model import Task
from plan.numbering import marker
from plan.reader import SHEET
from plan.roles import LABEL, Roles, bare_units, extract_roles, marked_list, parse_labelled
from plan.targets import find_targets
from plan.text import chinese_punct

# Checked in this order: the first kind whose pattern a header cell fits is the column's kind.
_COLUMN_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "ignore",
        re.compile(
            r"领导|责任人|联系人|负责人|备注|说明|完成情况|进展|序列|(?i:leader|person|contact|notes?|remarks?|progress|status)"
        ),
    ),
    ("cooperating", re.compile(r"配合|协办|协助|参与|协同|(?i:cooperat|co-operat|support|assist)")),
    ("lead", re.compile(r"牵头|主办|主责|(?i:\blead)")),
    (
        "responsible",
        re.compile(
            r"责任(单位|部门|主体)|落实(单位|部门)|承办|实施(单位|部门)|负责|单位|部门|科室|处室|主体|(?i:responsib|units?\b|department)"
        ),
    ),
    ("deadline", re.compile(r"时限|时间|节点|期限|进度|(?i:deadline|due|time ?limit|timeline|by when|completion)")),
    ("number", re.compile(r"^(序号|编号|序|No\.?|#|S/N)$", re.I)),
    ("section", re.compile(r"^(类别|类型|分类|领域|板块|方面|部分|项目|工作类别|任务类别|(?i:category|area))$")),
    ("task", re.compile(r"任务|内容|措施|举措|事项|工作|目标|要求|(?i:tasks?\b|measures?|work|targets?|actions?)")),
]
# A header naming units and the persons in them (责任单位及责任人) is a unit column all the same.
_UNIT_WORD = re.compile(r"单位|部门|科室|处室|主体|(?i:units?\b|department)")
_ROLE_KINDS = ("lead", "responsible", "cooperating")


def column_kind(cell: str) -> str | None:
    """The kind of column a header cell names (lead, responsible, task, deadline …), or None."""
    return _kind(cell)


def _kind(cell: str) -> str | None:
    cell = cell.replace("\n", "")
    # 责任处（科）室, 责任部门（单位）; 责任单位（牵头单位列第一位） is a 责任单位 column with a note on its order
    main = re.sub(r"[(（][^()（）]*[)）]", "", cell)
    cell = main if len(main) >= 2 else cell
    latin = bool(re.fullmatch(r"[A-Za-z ./#&-]+", cell))
    if not cell or len(cell) > (30 if latin else 16):
        return None
    kinds = [kind for kind, pattern in _COLUMN_KINDS if pattern.search(cell)]
    if kinds[:1] == ["ignore"] and len(kinds) > 1 and _UNIT_WORD.search(cell):
        kinds = kinds[1:]
    return kinds[0] if kinds else None


def _header(row: list[str]) -> dict[int, str] | None:
    """Column kinds if this row is a task table's header."""
    kinds = {i: k for i, cell in enumerate(row) if (k := _kind(cell))}
    leads = [i for i, k in kinds.items() if k == "lead"]
    if len(leads) > 1 and any("牵头" in row[i] for i in leads):
        # 牵头部门 | 主责单位 | 协办单位: beside a 牵头 column, 主责 (主办) names the units that carry it out
        for i in leads:
            if "牵头" not in row[i]:
                kinds[i] = "responsible"
    values = set(kinds.values())
    if "task" in values and values & set(_ROLE_KINDS):
        return kinds
    return None


def _repeats(rows: list[list[str]], i: int, main: int) -> bool:
    """A column whose value carries over to rows of other tasks: a grouping (merged 类别), not a name."""
    return any(
        _cell(a, i) and _cell(a, i) == _cell(b, i) and _cell(a, main) != _cell(b, main)
        for a, b in zip(rows, rows[1:], strict=False)
        if len([c for c in b if c]) > 1
    )


def _columns(kinds: dict[int, str], rows: list[list[str]]) -> dict[int, str]:
    """Settle several task-like columns: the wordiest holds the task's text; an earlier one is the task's
    name (工作任务 | 具体措施) when each task has its own, or the section when it groups several tasks."""
    tasks = [i for i, k in kinds.items() if k == "task"]
    if len(tasks) > 1:
        body = [r for r in rows[:200] if r]

        def length(i: int) -> float:
            cells = [r[i] for r in body if i < len(r) and r[i]]
            return sum(map(len, cells)) / max(1, len(cells))

        main = max(tasks, key=length)
        named = False
        for i in tasks:
            if i == main:
                continue
            if i < main and not named and not _repeats(body, i, main):
                kinds[i], named = "name", True
            else:
                kinds[i] = "section" if i < main and "section" not in kinds.values() else "ignore"
    return kinds


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _cell_units(cell: str) -> str:
    """A cell's lines as one list: a line is a name, except one that opens with a bracket, which is the
    second name of the line above (市商务局 / （市粮食和物资储备局）)."""
    return re.sub(r"\n+(?=[(（])", "", cell).replace("\n", "、")


def _strip_marker(text: str) -> str:
    found = marker(text)
    return found[2] if found else text


def describe_header(row: list[str]) -> str | None:
    """What each column of a task table's header row holds, for `duban parse --explain`; None for no header."""
    kinds = _header(row)
    if kinds is None:
        return None
    return " | ".join(f"{row[i]}={kinds.get(i, 'ignored')}" for i in range(len(row)) if row[i])


def table_tasks(rows: list[list[str]], year: int | None, warnings: list[str]) -> list[Task]:
    """Tasks of a table; none when no row looks like a task table's header."""
    tasks: list[Task] = []
    kinds: dict[int, str] | None = None
    section: str | None = None
    sheet: str | None = None
    index = 0
    while index < len(rows):
        row = rows[index]
        index += 1
        if not row:  # a new table of another shape: forget the previous header
            kinds = None
            continue
        header = _header(row)
        if header:
            # A two-row header: 责任单位 above 牵头 / 配合.
            # Not the first task row under it (1 | 公开重点任务进展。| …): a header's second row has no 序号.
            if index < len(rows) and (below := {i: k for i, c in enumerate(rows[index]) if (k := _kind(c))}):
                numbered = any(re.fullmatch(r"\d{1,4}(?:\.0)?[.、．]?", c.strip()) for c in rows[index])
                if len(below) >= 2 and not numbered and not any(len(c) > 16 for c in rows[index]):
                    header.update({i: k for i, k in below.items() if k != "ignore" or i not in header})
                    index += 1
            kinds = _columns(header, rows[index:])
            continue
        if row[0].startswith(SHEET):  # a workbook's next sheet: its name is the section until one is given
            sheet, section = row[0].removeprefix(SHEET), None
            continue
        if kinds is None:
            filled = [c for c in row if c]
            found = marker(filled[0]) if len(set(filled)) == 1 else None
            if found and found[0] <= 2:  # 一、营商环境 above the header: the first section
                section = chinese_punct(_strip_marker(filled[0]))
            continue
        filled = [c for c in row if c]
        task_col = next((i for i, k in kinds.items() if k == "task"), None)
        if task_col is None:  # a header without a task column: no row under it is a task
            continue
        text = _cell(row, task_col)
        if len(set(filled)) == 1:
            found = marker(filled[0])
            if len(filled) >= 2 or not text or (found and found[0] <= 2):
                section = chinese_punct(_strip_marker(filled[0]))  # a heading row across the table
                continue
        if not text:
            continue
        for i, kind in kinds.items():
            if kind == "section" and _cell(row, i):
                section = chinese_punct(_strip_marker(_cell(row, i)))
        task = _row_task(row, kinds, text, year)
        task.section = section or sheet
        if tasks and tasks[-1].body + tasks[-1].title == task.body + task.title:
            for role in _ROLE_KINDS:  # one task spread over rows, a unit a row
                getattr(tasks[-1], role).extend(n for n in getattr(task, role) if n not in getattr(tasks[-1], role))
            continue
        tasks.append(task)
    for task in tasks:
        if task.number == 0:
            warnings.append(f"table row '{task.title[:20]}': no 序号; tasks numbered in order")
            break
    return tasks


def _row_task(row: list[str], kinds: dict[int, str], text: str, year: int | None) -> Task:
    roles = Roles()
    deadline_cells: list[str] = []
    number = 0
    for i, kind in kinds.items():
        cell = _cell_units(_cell(row, i))
        if not cell:
            continue
        if kind in _ROLE_KINDS:
            if LABEL.search(cell):
                roles.merge(parse_labelled(cell))
            else:
                roles.merge(marked_list(cell, kind))  # 县交通局（牵头）、县财政局
        elif kind == "deadline":
            deadline_cells.append(cell)
        elif kind == "number" and re.fullmatch(r"\d+", cell.strip(".、．")):
            number = int(cell.strip(".、．"))
    text = _strip_marker(text.replace("\n", ""))
    text, inline = extract_roles(text)
    roles.merge(inline)
    title, _, body = text.partition("。")
    name = next((_strip_marker(_cell(row, i)) for i, k in kinds.items() if k == "name" and _cell(row, i)), "")
    if name:  # 工作任务 | 具体措施: the task's own name, its measures as the text
        title, body = name.replace("\n", "").rstrip("。"), text
    stated = [d for cell in deadline_cells + roles.deadline_text for d in deadline_from_label(cell, year)]
    # The deadline column wins: words in the task's text (年内兑现事项不少于30项) add no second deadline.
    deadlines = list({d.text: d for d in stated}.values()) if stated else find_deadlines(text, year)
    return Task(
        number=number,
        title=chinese_punct(title),
        body=chinese_punct(body),
        lead=[chinese_punct(n) for n in roles.lead],
        responsible=[chinese_punct(n) for n in roles.responsible],
        cooperating=[chinese_punct(n) for n in roles.cooperating],
        deadlines=deadlines,
        targets=find_targets(text),
    )


_NUMBER_CELL = re.compile(r"^\d{1,3}[.、]?$")
_DATE_CELL = re.compile(
    r"\d{4}年|\d{1,2}月|季度|底前|年底|年内|全年|长期|持续|每月|每季|常态"
    r"|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}|\bQ[1-4]\b|end of|year-end|ongoing)"
)
_FILLED = 0.6  # of a column's cells that must hold what its kind says


def inferred_header(rows: list[list[str]]) -> list[str] | None:
    """A header for a table that has none, from what its columns hold: a column of small numbers is 序号,
    one of unit names a role (one such column: 责任单位; two: 牵头单位 and 责任单位; three: and 配合单位),
    one of dates 完成时限, the wordiest of the rest the task. None unless it finds a task and a unit column."""
    body = [r for r in rows if sum(1 for c in r if c.strip()) >= 3]
    if len(body) < 2:
        return None
    width = max(len(r) for r in body)
    kinds: list[str | None] = []
    for i in range(width):
        cells = [r[i].strip() for r in body if i < len(r) and r[i].strip()]
        if len(cells) < _FILLED * len(body):
            kinds.append(None)
        elif all(_NUMBER_CELL.match(c) for c in cells):
            kinds.append("number")
        elif sum(1 for c in cells if bare_units(_cell_units(c))) >= _FILLED * len(cells):
            kinds.append("units")
        elif sum(1 for c in cells if len(c) <= 20 and _DATE_CELL.search(c)) >= _FILLED * len(cells):
            kinds.append("deadline")
        else:
            kinds.append("text")
    texts = [i for i, k in enumerate(kinds) if k == "text"]
    units = [i for i, k in enumerate(kinds) if k == "units"]
    if not texts or not units:
        return None

    def length(i: int) -> float:
        cells = [r[i] for r in body if i < len(r) and r[i].strip()]
        return sum(map(len, cells)) / max(1, len(cells))

    task = max(texts, key=length)
    roles = ["责任单位"] if len(units) == 1 else ["牵头单位", "责任单位", "配合单位"]
    names = {"number": "序号", "deadline": "完成时限"}
    header = [names.get(k or "", "") for k in kinds]
    header[task] = "工作任务"
    for i, name in zip(units, roles, strict=False):
        header[i] = name
    return header
