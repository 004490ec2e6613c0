"""Task tables (任务分工表) in .docx or .xlsx: a header row names the columns, in any order and wording."""

from __future__ import annotations

import re
import unicodedata

from plan.columns import (
    FILLED,
    Column,
    cell_kind,
    cell_units,
    fits,
    header_patterns,
    number_of,
    persons_too,
    profiles,
    spread,
    unit_words,
)
from plan.conventions import role_of, role_tails
from plan.deadlines import deadline_from_label, find_deadlines
from plan.model import Task
from plan.numbering import marker, section_mark
from plan.persons import person_name, without_person
from plan.reader import SHEET
from plan.roles import LABEL, Roles, extract_roles, marked_list, parse_labelled, parse_verb_form, top_level_parts
from plan.targets import find_targets
from plan.text import chinese_punct

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
    if (said := header_role(cell)) is not None:
        return said[0]
    kinds = [kind for kind, pattern in header_patterns() if pattern.search(cell)]
    if kinds[:1] == ["ignore"] and len(kinds) > 1 and unit_words().search(cell):
        kinds = kinds[1:]
    return kinds[0] if kinds else None


def header_role(cell: str) -> tuple[str, str] | None:
    """(the role, the word that says it) of a header ending like a role label (配合实施单位 cooperating, 配合;
    主要责任单位 responsible, 责任), ("ignore", word) for units a plan names apart from the roles (数据提供单位,
    督办单位), by the table role labels are read by; None for a header that does not end so, whose words the table
    has none of (数据来源单位), and for persons' columns (责任领导, 单位负责人)."""
    tail = next((t for t in role_tails() if cell.endswith(t)), None)
    if tail is None or any(pattern.search(cell) for kind, pattern in header_patterns() if kind == "ignore"):
        return None
    found = role_of(cell[: -len(tail)])
    if found is None:
        return None
    return ("ignore" if found[0] == "not_a_role" else found[0]), found[1]


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


_cell_units = cell_units


def _strip_marker(text: str) -> str:
    found = marker(text)
    return found[2] if found else text


def describe_header(row: list[str], body: list[list[str]] | None = None) -> str | None:
    """What each column of a task table's header row holds, for `duban parse --explain` (with the body
    below it, also the columns named by their cells, and why); None for no header."""
    kinds = _header(row)
    if kinds is None:
        return None
    said = dict(kinds)
    columns = profiles(body or [])
    if body:
        kinds = by_cells(_columns(kinds, body), body)

    def one(i: int) -> str:
        kind = kinds.get(i, "ignored")
        if role := header_role(re.sub(r"[(（][^()（）]*[)）]", "", row[i].replace("\n", ""))):
            because = "no role: a list the plan names apart" if role[0] == "ignore" else "by its role word"
            return f"{row[i]}={kind} ({because}, {role[1]})"
        if i in said or i >= len(columns):
            return f"{row[i] or '(empty)'}={kind}"
        return f"{row[i] or '(empty)'}={kind} (by its cells: {columns[i].describe()})"

    return " | ".join(one(i) for i in range(len(row)) if row[i] or i in kinds)


def table_tasks(rows: list[list[str]], year: int | None, warnings: list[str]) -> list[Task]:
    """Tasks of a table; none when no row looks like a task table's header."""
    tasks: list[Task] = []
    kinds: dict[int, str] | None = None
    section: str | None = None
    sheet: str | None = None
    head_row: list[str] = []  # the header row read last
    above: list[str] = []  # the task row above, for a cell that says 同上
    persons: set[int] = set()  # role columns whose header says they name persons too (单位及责任人)
    last: tuple[int, int | None] = (0, None)  # the 序号 and the task cell's own number of the row before
    restarts = False  # the table's 序号 start again (1, 2, 1, 2 under each lead): a repeated one is another task
    index = 0
    while index < len(rows):
        row = rows[index]
        index += 1
        if not row:  # a new table of another shape: forget the previous header
            kinds = None
            continue
        if kinds is not None and row == head_row:
            continue  # the header again (a page break, a sheet's print titles): a repeat is the header
        header = None if kinds is not None and (_numbered_row(row, kinds) or _body_row(row)) else _header(row)
        head_row = row if header else head_row
        if header:
            # A two-row header: 责任单位 above 牵头 / 配合.
            # Not the first task row under it (1 | 公开重点任务进展。| …): a header's second row has no 序号.
            below_row = rows[index] if index < len(rows) else []
            merged = len({c.strip() for c in below_row if c.strip()}) == 1  # a title or section merged across
            if not merged and (below := {i: k for i, c in enumerate(below_row) if (k := _kind(c))}):
                numbered = any(re.fullmatch(r"\d{1,4}(?:\.0)?[.、．]?", c.strip()) for c in rows[index])
                if len(below) >= 2 and not numbered and not any(len(c) > 16 for c in rows[index]):
                    header.update({i: k for i, k in below.items() if k != "ignore" or i not in header})
                    index += 1
            kinds = by_cells(_columns(header, rows[index:]), rows[index:])
            persons = {i for i, k in kinds.items() if k in _ROLE_KINDS and persons_too(_cell(row, i))}
            restarts, last, above = _restarts(rows[index:], kinds), (0, None), []
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
        if not text and tasks and (more := _units_only(row, kinds)):
            for role in _ROLE_KINDS:  # a unit a row under the task above (its cells merged or left empty)
                getattr(tasks[-1], role).extend(n for n in getattr(more, role) if n not in getattr(tasks[-1], role))
            continue
        if len(set(filled)) == 1:
            found = marker(filled[0])
            if len(filled) >= 2 or not text or (found and found[0] <= 2):
                section = chinese_punct(_strip_marker(filled[0]))  # a heading row across the table
                continue
        if not text:
            continue
        if _section_row(row, kinds):  # 一 | 增强扩大内需主动力 | (no units): a section's heading in the task column
            section = chinese_punct(_strip_marker(text))
            continue
        for i, kind in kinds.items():
            if kind == "section" and _cell(row, i):
                section = chinese_punct(_strip_marker(_cell(row, i)))
        row = _dittos_filled(row, above, kinds)
        above = row
        task = _row_task(row, kinds, text, year, persons)
        task.section = section or sheet
        printed, own = task.number, _own_number(text)
        if tasks and tasks[-1].body + tasks[-1].title == task.body + task.title:
            _join(tasks[-1], task, text=False)  # one task spread over rows, a unit a row
            continue
        if tasks and printed and printed == last[0] and not restarts and task.section == tasks[-1].section:
            if own is None or own == last[1]:
                _join(tasks[-1], task, text=True)  # a sub-row under the task's merged 序号 (one item, several rows)
                continue
            tasks[-1].number = last[1] or tasks[-1].number  # 序号 merged over a group whose rows number themselves
            task.number = own
        last = (printed, own)
        tasks.append(task)
    for task in tasks:
        if task.number == 0:
            warnings.append(f"table row '{task.title[:20]}': no 序号; tasks numbered in order")
            break
    return tasks


_DITTO = re.compile(r"^(?:同上|同前|〃|″|\"|”|(?i:ditto|same as above))[。.]?$")


def continued(before: list[list[str]], rows: list[list[str]]) -> list[list[str]] | None:
    """A table with no header whose 序号 run on from the table before it (a Word table broken off at a page,
    its columns split differently): its rows under that table's header, the columns it leaves empty dropped so
    that its width is the header's; None for any other table."""
    at = next((k for k, row in enumerate(before[:6]) if _header(row)), None)
    if at is None or any(_header(row) for row in rows[:6]):
        return None
    head = before[at]
    kinds = by_cells(_columns(_header(head) or {}, before[at + 1 :]), before[at + 1 :])
    number = next((i for i, k in kinds.items() if k == "number"), None)
    last = next((n for row in reversed(before) if (n := number_of(_cell(row, number or 0))) is not None), None)
    filled = [k for k in range(max(map(len, rows), default=0)) if any(_cell(row, k) for row in rows)]
    if number is None or last is None or len(filled) != len(head) or not rows:
        return None
    narrowed = [[_cell(row, k) for k in filled] for row in rows]
    first = next((n for row in narrowed if (n := number_of(_cell(row, number))) is not None), None)
    if first != last + 1:
        return None
    return [head, *narrowed]


def without_repeated_heads(rows: list[list[str]]) -> list[list[str]]:
    """A table's rows with its header's repeats left out: a row of three short cells or more, no number among
    them, that stands again further down (a header printed on each page, a sheet's print titles) is the header,
    whatever its words; only its first stays."""
    seen: set[tuple[str, ...]] = set()
    out: list[list[str]] = []
    for row in rows:
        key = tuple(c.strip() for c in row)
        filled = [c for c in key if c]
        heading = len(set(filled)) >= 3 and all(len(c) <= 40 and number_of(c) is None for c in filled)
        if heading and key in seen:
            continue
        if heading:
            seen.add(key)
        out.append(row)
    return out


def _dittos_filled(row: list[str], above: list[str], kinds: dict[int, str]) -> list[str]:
    """A role or deadline cell that says 同上 (〃) holds what the same cell of the task row above holds."""
    if not above or not any(_DITTO.match(c.strip()) for c in row):
        return row
    return [
        _cell(above, i) if _DITTO.match(c.strip()) and kinds.get(i) in (*_ROLE_KINDS, "deadline") else c
        for i, c in enumerate(row)
    ]


def _restarts(rows: list[list[str]], kinds: dict[int, str]) -> bool:
    """Whether the 序号 of a table's body (up to the next table) fall back (1, 2, 1 …) other than where a section
    begins (一、… 1, 2, 二、… 1, 2: within each section a repeated 序号 is still a sub-row of its task)."""
    last, group = 0, ""
    for row in rows:
        if not row:
            break
        filled = {c.strip() for c in row if c.strip()}
        if len(filled) == 1 or _section_row(row, kinds):
            last = 0  # a section's heading: its numbers may start again
            continue
        named = "".join(_cell(row, i) for i, k in kinds.items() if k == "section")
        if named and named != group:
            last, group = 0, named  # a section column (类别) that changes: so may its numbers
        for i, k in kinds.items():
            if k == "number" and (n := number_of(_cell(row, i))) is not None:
                if n < last:
                    return True
                last = n
    return False


_OWN_NUMBER = re.compile(r"[(（\[【]?\s*(\d{1,4})\s*[)）\]】]?\s*[、.﹒。]?")


def _own_number(text: str) -> int | None:
    """The whole number a task cell prints before its text (1.地区生产总值…, （1）…, ①…), or None; not a
    sub-number (1.1) nor 第一条."""
    found = marker(text.strip())
    if not found or found[0] < 3:
        return None
    if digits := _OWN_NUMBER.fullmatch(found[1]):
        return int(digits[1])
    circled = unicodedata.numeric(found[1], 0) if len(found[1]) == 1 else 0
    return int(circled) if circled else None


def _join(task: Task, row: Task, text: bool) -> None:
    """A row read as part of the task above: its units added (and with `text`, its text to the task's body)."""
    for role in _ROLE_KINDS:
        getattr(task, role).extend(n for n in getattr(row, role) if n not in getattr(task, role))
    if text:
        task.body = "；".join(p for p in (task.body, row.title + ("。" + row.body if row.body else "")) if p)
        task.deadlines.extend(d for d in row.deadlines if all(d.text != e.text for e in task.deadlines))
        task.targets.extend(t for t in row.targets if t not in task.targets)


def _body_row(row: list[str]) -> bool:
    """A row under a header whose cells read as the body (a list of organs, a long text that no header word
    names): a task's row, not a new header, though its words (工作, 单位) are those a header uses."""
    return any(c.strip() and _kind(c) is None and cell_kind(c) in ("units", "text") and len(c) > 4 for c in row)


def _numbered_row(row: list[str], kinds: dict[int, str]) -> bool:
    """A row with a number under the table's 序号 column: a task's row, whatever words its cells hold (a 任务目标
    of 1个工作日 and a unit cell 配合：… read like a header's words), not a new table's header."""
    return any(k == "number" and number_of(_cell(row, i)) is not None for i, k in kinds.items())


def _section_row(row: list[str], kinds: dict[int, str]) -> bool:
    """A row numbered as a section (一, （二）) in the 序号 column that names no unit: a heading, not a task."""
    marks = [_cell(row, i) for i, k in kinds.items() if k == "number" and _cell(row, i)]
    units = any(_cell(row, i) for i, k in kinds.items() if k in _ROLE_KINDS)
    return bool(marks) and all(section_mark(m) for m in marks) and not units


def _units_only(row: list[str], kinds: dict[int, str]) -> Roles | None:
    """The units of a row that holds nothing but units under the role columns (and perhaps a deadline):
    the units of the task above, slipped onto a row of their own; None for any other row."""
    roles = Roles()
    for i, cell in enumerate(row):
        cell = cell.strip()
        if not cell:
            continue
        kind = kinds.get(i)
        if kind in _ROLE_KINDS and cell_kind(cell_units(cell)) == "units":
            roles.merge(marked_list(chinese_punct(cell_units(cell)), kind))
        elif kind not in ("deadline", "ignore"):
            return None
    return roles or None


def _row_task(row: list[str], kinds: dict[int, str], text: str, year: int | None, persons: set[int]) -> Task:
    roles = Roles()
    deadline_cells: list[str] = []
    number = 0
    for i, kind in kinds.items():
        cell = _cell_units(_cell(row, i))
        if not cell:
            continue
        if kind in _ROLE_KINDS and i in persons:  # 牵头单位及主要负责人: the persons beside the units left out
            cell = "、".join(n for n in top_level_parts(cell) if not person_name(n.strip(), sure=True))
        if kind in _ROLE_KINDS:
            if LABEL.search(cell):
                roles.merge(parse_labelled(cell))
            elif (verbs := parse_verb_form(cell)).lead or verbs.cooperating:
                roles.merge(verbs)  # 办公室牵头，各科室配合: the cell names each unit's role by its verb
            else:
                roles.merge(marked_list(cell, kind))  # 县交通局（牵头）、县财政局
        elif kind == "deadline":
            deadline_cells.append(cell)
        elif kind == "number" and (found := number_of(cell)) is not None:
            number = found
    raw = text.replace("\n", "")
    text = _strip_marker(raw)
    text, inline = extract_roles(text)
    roles.merge(inline)
    title, _, body = text.partition("。")
    printed = next((_cell(row, i) for i, k in kinds.items() if k == "name" and _cell(row, i)), "")
    name = _strip_marker(printed)
    if not number:  # no 序号 column: the number the task's name or text prints (14.改扩建泉山学校)
        number = _own_number(printed) or _own_number(raw) or 0
    if name:  # 工作任务 | 具体措施: the task's own name, its measures as the text
        title, body = name.replace("\n", "").rstrip("。"), text
    stated = [d for cell in deadline_cells + roles.deadline_text for d in deadline_from_label(cell, year)]
    # The deadline column wins: words in the task's text (年内兑现事项不少于30项) add no second deadline.
    deadlines = list({d.text: d for d in stated}.values()) if stated else find_deadlines(text, year)
    return Task(
        number=number,
        title=chinese_punct(title),
        body=chinese_punct(body),
        lead=_units(roles.lead),
        responsible=_units(roles.responsible),
        cooperating=_units(roles.cooperating),
        deadlines=deadlines,
        targets=find_targets(text),
    )


def _units(names: list[str]) -> list[str]:
    """A role cell's names without the persons glued onto them (市民政局伍泽国) or standing among them (张华)."""
    return [without_person(chinese_punct(n)) for n in names if not person_name(chinese_punct(n))]


_NAMES = {"number": "序号", "date": "完成时限", "units": "责任单位"}


def inferred_header(rows: list[list[str]]) -> tuple[list[str], int | None, list[str]] | None:
    """A header for a table whose header row names no task and unit column (or that has none), from what
    its columns hold: numbers running on are 序号 (wherever they start; other columns of numbers, weights
    and scores, are not), lists of organs a role (one such column: 责任单位; two: 牵头单位 and 责任单位;
    three: and 配合单位), dates 完成时限, persons and progress nothing, the wordiest of the rest the task.
    The header row, if there is one, is the first row whose cells do not look like the body below them: its
    words name a column where they say something (牵头单位, 完成时限), else the column is named by its cells.
    Returns (header, the index of the header row it replaces or None, why each column is what it is), or
    None unless it finds a task and a unit column."""
    filled = [i for i, r in enumerate(rows) if spread(r)]
    if len(filled) < 2:
        return None
    at = None
    columns = profiles(rows)
    for i in filled[:2]:
        if len([k for k in filled if k > i]) < 2:
            break
        body = profiles(rows[i + 1 :])
        strict = [k for k, col in enumerate(body) if col.kind in ("number", "units", "date")]
        if strict and any(k < len(rows[i]) and not fits(rows[i][k], body[k]) for k in strict):
            at, columns = i, body
            break
    words = rows[at] if at is not None else []
    kinds: list[str | None] = []
    why: list[str] = []
    for k, col in enumerate(columns):
        said = _kind(words[k]) if k < len(words) and words[k].strip() else None
        if said in _ROLE_KINDS and col.kind != "units":
            said = None
        kind = said or {"number": "number", "units": "units", "date": "deadline", "text": "text"}.get(col.kind)
        kinds.append(kind)
        head = f"«{words[k]}»: " if k < len(words) and words[k].strip() else ""
        why.append(f"{head}{'its header says ' + said if said else col.describe()}")
    numbers = [k for k, kind in enumerate(kinds) if kind == "number"]
    if len(numbers) > 1:  # 序号 beside weights or scores: the one whose numbers run on
        keep = next((k for k in numbers if columns[k].running), numbers[0])
        for k in numbers:
            if k != keep:
                kinds[k] = None
                why[k] += " (not running on: no 序号)"
    texts = [k for k, kind in enumerate(kinds) if kind in ("text", "task")]
    units = [k for k, kind in enumerate(kinds) if kind in ("units", *_ROLE_KINDS)]
    if not texts or not units:
        return None
    task = next((k for k in texts if kinds[k] == "task"), None)
    if task is None:
        task = max(texts, key=lambda k: columns[k].length if isinstance(columns[k], Column) else 0.0)
    names = {"number": "序号", "deadline": "完成时限"}
    header = [names.get(kind or "", "") for kind in kinds]
    header[task] = "工作任务"
    bare = [k for k in units if kinds[k] == "units"]
    roles = ["责任单位"] if len(bare) == 1 else ["牵头单位", "责任单位", "配合单位"]
    for k, name in zip(bare, roles, strict=False):
        header[k] = name
    for k in units:
        if kinds[k] in _ROLE_KINDS:
            header[k] = words[k]
    for k in range(len(header)):
        if at is not None and k < len(words) and not header[k] and _kind(words[k]) in ("section", "name"):
            header[k] = words[k]
    return header, at, [f"{h or 'ignored'} ← {w}" for h, w in zip(header, why, strict=False)]


def _merged_task(kinds: dict[int, str], body: list[list[str]], columns: list[Column]) -> None:
    """A task column whose cells stand merged over several rows, each with a text of its own in a column no
    header word names (工作任务 over 细化分工): that column holds the tasks, the merged one their sections."""
    task = next((i for i, k in kinds.items() if k == "task"), None)
    texts = [k for k, col in enumerate(columns) if kinds.get(k, "ignore") == "ignore" and col.kind == "text"]
    if task is None or not texts or task >= len(columns):
        return
    other = max(texts, key=lambda k: columns[k].length)
    if columns[other].length > columns[task].length and _repeats(body, task, other) and not _repeats(body, other, task):
        kinds[other] = "task"
        kinds[task] = "section" if "section" not in kinds.values() else "ignore"


def by_cells(kinds: dict[int, str], rows: list[list[str]]) -> dict[int, str]:
    """A header's columns that its words leave unnamed, named by their cells: a column of organ lists is
    责任单位 (数据来源, or a header cell left empty), numbers running on 序号, dates 完成时限 (each where the
    header has none of that kind)."""
    body: list[list[str]] = []
    for row in rows[:200]:
        if not row:
            break
        body.append(row)
    columns = profiles(body)
    _merged_task(kinds, body, columns)
    if "number" not in kinds.values():  # 序号 under a header cell merged over it and the task (具体要求 | 具体要求)
        for k, col in enumerate(columns):
            if kinds.get(k) in ("task", "name", "section", "ignore") and col.kind == "number" and col.running:
                kinds[k] = "number"
                break
    for k, col in enumerate(columns):
        if k in kinds:
            continue
        if col.kind == "units" and col.share >= FILLED:
            kinds[k] = "responsible"
        elif col.kind == "number" and col.running and "number" not in kinds.values():
            kinds[k] = "number"
        elif col.kind == "date" and "deadline" not in kinds.values():
            kinds[k] = "deadline"
    return kinds
