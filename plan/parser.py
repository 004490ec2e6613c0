"""A plan document to a `Plan`: front matter, sections, tasks with their units, deadlines and targets."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import cn2an

from plan.conventions import first_leads, marked_leads, only_rule, progress_line, second_name
from plan.deadlines import deadline_from_label, find_deadlines, plan_default
from plan.flat import unflattened
from plan.grouped import grouped_tasks
from plan.marks import signed_leads
from plan.matrix import matrix_table
from plan.model import Plan, Task
from plan.numbering import marker
from plan.outline import SUB_ITEM_RANK, Node, build_outline
from plan.places import leading_places
from plan.reader import SHEET, Block, Paragraph, PlanError, Table, chinese_numeral, read_blocks
from plan.roles import Roles, bare_units, extract_roles, heading_units, read_labels
from plan.table import continued, describe_header, inferred_header, table_tasks, without_repeated_heads
from plan.targets import find_targets
from plan.text import TITLE_END, chinese_punct, simplified

TITLE_MAX = 40
_QUOTED_TITLE = re.compile(r"关于印发《(?P<title>[^》]+)》")
_NOTICE_TITLE = re.compile(r"关于印发(?P<title>[^《》]{6,60}?)(?:的通知)?$")
# A line above a title that reads as its first half (鞍山市立山区2023年政府工作报告重点工作 / 任务分解…)…
_TITLE_START = re.compile(r"(?:\d{4}年|年度|重点工作|政府工作报告|》|[区县市]$|工作$)")
# …and lines that are never part of a title: notices, dates, document numbers, addressees.
_NOT_TITLE = re.compile(r"通知|〔|\[|号$|\d{4}年\d{1,2}月\d{1,2}日|[:：]$|^各|办公室$|人民政府$")
_DOC_NUMBER_AFTER = re.compile(r"\s*\([^()]*[〔\[]\d{4}[〕\]]\s*\d+\s*号\)$")
_DOC_NUMBER = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,12})\s*[(〔\[【]\s*(?P<year>\d{4})\s*[)〕\]】]\s*(?P<no>\d+)\s*号")
_ISSUER = re.compile(
    r"(?:发布机构|发文机关|发文单位)\s*:?\s*(?P<org>[\u4e00-\u9fff]{3,30}?)"
    r"(?:\s|文号|发文字号|成文日期|发布日期|生成日期|主题分类|组配分类|索引号|信息来源|$)"
)
_ISSUER_TITLE = re.compile(
    r"^(?P<org>[\u4e00-\u9fff]{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|办公厅|国务院))关于"
)
_ISSUER_NOTICE = re.compile(r"^(?P<org>[\u4e00-\u9fff]{3,30}?)关于印发")
_CITING = re.compile(r"根据|按照|依据|贯彻|落实|转发|参照|对照")
# A news page's sentence saying who issued the plan (近日，某省人民政府办公厅印发…的通知): that office, where it names a place.
_ISSUER_SAID = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,20}?(?:人民政府办公厅|人民政府办公室|人民政府))(?:近日)?印发")
_ISSUED = re.compile(
    r"(?:成文日期|印发日期|发布日期|发文日期)\s*[:|]?\s*(?P<y>\d{4})(?:年|[-/.])(?P<m>\d{1,2})(?:月|[-/.])(?P<d>\d{1,2})"
)
_DATE_LINE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_YEAR = re.compile(r"(20\d{2}|19\d{2})年")
# A plan over several years (2023—2025年, 2024-2026年度): its deadlines without a year fall in the year it is dated.
_YEAR_SPAN = re.compile(r"(?P<first>(?:20|19)\d{2})\s*(?:年)?\s*[—–\-~～至到]{1,2}\s*(?P<last>(?:20|19)\d{2})\s*年")
# The years a title carries on a line of its own below it: （2024—2026年）.
_SPAN_LINE = re.compile(
    r"^[（(]\s*(?:20|19)\d{2}\s*(?:年)?\s*(?:[—–\-~～至到]{1,2}\s*(?:20|19)\d{2}\s*)?年(?:度)?\s*[）)]$"
)
# A plan written in English (an English edition, a foreign-invested zone's plan): Work Plan … for 2023.
_LATIN_TITLE = re.compile(
    r"(?i)^(?!.*[\u4e00-\u9fff]).*\b(?:plan|programme|program|key tasks|work points|measures|action)\b"
)
# A line of a web page's chrome, not of the document: menus, bread crumbs, page tools.
_CHROME_LINE = re.compile(r"[>»|｜]|首页|位置|导航|登录|切换|字体|打印|分享|浏览|扫一扫|版权|网站|返回")
_PLAN_WORD = re.compile(r"\d{4}|年度|工作|任务|重点|计划|安排|清单|实事|项目|目标|举措|措施|(?i:plan|tasks?)")
_LATIN_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")


def parse_file(path: Path) -> Plan:
    """Read a plan file; PlanError when it cannot be read or holds no tasks."""
    plan = parse_blocks(read_blocks(path), fallback_title=path.stem)
    if not plan.tasks:
        raise PlanError(f"{path.name}: no numbered tasks found; is this a work plan?")
    return plan


def parse_text(text: str, fallback_title: str = "") -> Plan:
    """Read a plan given as text (tests, pasted plans)."""
    from plan.reader import text_blocks

    return parse_blocks(text_blocks(text), fallback_title)


TRADITIONAL_SHARE = 0.02  # of a document's Chinese characters OpenCC changes: written in traditional characters


def simplified_blocks(blocks: list[Block]) -> tuple[list[Block], bool]:
    """A document in traditional characters (牽頭單位：州行政審批服務局) read as simplified, so that its labels
    and units are the plan's conventions; whether it was converted."""
    text = "".join(b.text if isinstance(b, Paragraph) else "".join("".join(r) for r in b.rows) for b in blocks)
    chinese = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    converted = simplified(text)
    changed = sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    if not chinese or changed / chinese < TRADITIONAL_SHARE:
        return blocks, False
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Paragraph(simplified(block.text), block.gap))
        else:
            out.append(Table([[simplified(cell) for cell in row] for row in block.rows]))
    return out, True


def _unflattened_blocks(blocks: list[Block]) -> tuple[list[Block], int]:
    """Each paragraph that holds a whole page (copied without line breaks) cut into its items."""
    paragraphs, cut = unflattened([b for b in blocks if isinstance(b, Paragraph)])
    if not cut:
        return blocks, 0
    return [*paragraphs, *(b for b in blocks if isinstance(b, Table))], cut


_RULE_GROUP = re.compile(r"[(（]([^()（）]*)[)）]")


def _without_rule_lines(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """A line or a parenthesis that only states how to read the lists ((首位单位为牵头单位) under a title, 注：第一个
    单位为牵头单位) is neither a task, a unit nor part of a title: left out here, applied after reading."""
    out: list[Block] = []
    rules: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = _RULE_GROUP.sub(lambda m: "" if only_rule(m.group(1)) else m.group(0), block.text)
            if text != block.text:
                rules.append(block.text)
            if only_rule(text) or not text.strip():
                rules.append(block.text)
                continue
            block = Paragraph(text, block.gap)
        out.append(block)
    return out, rules


def parse_blocks(blocks: list[Block], fallback_title: str = "") -> Plan:
    """The plan that a document's paragraphs and tables describe."""
    blocks, flattened = _unflattened_blocks(blocks)
    original_blocks = blocks
    blocks, converted = simplified_blocks(blocks)
    blocks, rule_lines = _without_rule_lines(blocks)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    all_text = [p.text for p in paragraphs] + [
        " ".join(r) for b in blocks if isinstance(b, Table) for r in b.rows if not r[0].startswith(SHEET)
    ]
    plan = Plan()
    if converted:
        plan.warnings.append("written in traditional characters: read as simplified (OpenCC)")
    if flattened:
        plan.warnings.append("a page without line breaks: cut into items before each number that runs in order")
        plan.explained.append(
            f"shape: {flattened} paragraph(s) of a whole page on one line, cut before each outline number "
            "that runs 1, 2, 3 … (or 一、二、, （一）（二）)"
        )
    root, front = build_outline(paragraphs)
    table_lines = [  # a title row above a table's header, merged across it
        next(c for c in r if c)
        for b in blocks
        if isinstance(b, Table)
        for r in b.rows[:3]
        if len({c for c in r if c}) == 1 and not r[0].startswith(SHEET)
    ]
    _front_matter(plan, front + table_lines, all_text, fallback_title)
    outline_tasks = _outline_tasks(root, plan)
    tables = [b for b in blocks if isinstance(b, Table)]
    for number, table in enumerate(tables, start=1):
        table.rows = without_repeated_heads(table.rows)  # a header printed on each page is the header once
        if found := matrix_table(table):  # a responsibility matrix, a unit a column: read as the table it stands for
            tables[number - 1] = found
            plan.explained.append(f"table {number}: a responsibility matrix, a unit a column, its marks read as roles")
    for number, table in enumerate(tables, start=1):
        if number > 1 and (rows := continued(tables[number - 2].rows, table.rows)):
            table.rows = rows  # the table before it, broken off (its numbers run on): read under that one's header
            plan.explained.append(f"table {number}: no header row, its numbers run on from table {number - 1}'s")
            continue
        if not any(describe_header(row) for row in table.rows[:6]) and (found := inferred_header(table.rows)):
            head, at, why = found
            if at is None:
                table.rows.insert(0, head)  # no header row: its columns named by what they hold
            else:
                table.rows[at] = head  # a header whose words name no task and unit column
            plan.explained.append(
                f"table {number}: {'no header row' if at is None else 'header row ' + str(at + 1) + ' names no task and unit column'}; "
                "columns read by what they hold: " + "; ".join(why)
            )
    tabled = table_tasks(_joined_tables(tables), plan.year, plan.warnings)
    with_units = sum(bool(t.units) for t in tabled), sum(bool(t.units) for t in outline_tasks)
    plan.explained.insert(0, f"seen: {len(paragraphs)} paragraphs, {len(tables)} tables")
    for number, table in enumerate(tables, start=1):
        header = next(
            (h for k, row in enumerate(table.rows[:6]) if (h := describe_header(row, table.rows[k + 1 :]))), None
        )
        plan.explained.append(
            f"table {number}: header {header}"
            if header
            else f"table {number} ({len(table.rows)} rows): no row names a task column and a unit column"
        )
    if with_units[0] > with_units[1]:
        plan.tasks = tabled
        plan.sections = list(dict.fromkeys(t.section for t in tabled if t.section))
        plan.explained.append(
            f"shape: a task table ({with_units[0]} rows name units; the numbered text {with_units[1]}): "
            "each row with text under the task column is a task, its units from the role columns"
        )
    else:
        plan.tasks = outline_tasks
        if outline_tasks:
            plan.explained.append(
                f"shape: numbered text ({with_units[1]} numbered items name units; table rows {with_units[0]}): "
                "each item at the task level is a task, its units from its role list"
            )
    if not plan.tasks and (grouped := grouped_tasks([chinese_punct(p.text) for p in paragraphs])):
        plan.tasks = [
            Task(
                number=i,
                title=g.title,
                responsible=g.units,
                deadlines=find_deadlines(g.title, plan.year),
                targets=find_targets(g.title),
            )
            for i, g in enumerate(grouped, start=1)
        ]
        plan.warnings.append("no numbered tasks: the matters each sentence's clause gives its units were read as tasks")
        plan.explained.append(
            "shape: tasks named inside sentences, grouped by unit (X负责A、B等两个项目；Y负责C项目): each matter is a "
            "task of the clause's units, cut at 、 and 和 only where the clause's count agrees"
        )
    if not plan.tasks:
        plan.tasks = _unnumbered_tasks(paragraphs, plan)
        if plan.tasks:
            plan.explained.append("shape: no numbered tasks: each paragraph that names units is a task")
    _renumber(plan)
    plan.default_deadline = plan_default("".join(root.lines + all_text[-12:]))
    signed_leads(plan, rule_lines + all_text)  # 市发改委* / ★区住建局, by the plan's note
    _stated_conventions(plan, rule_lines + all_text, [p.text for p in paragraphs])
    if converted:
        _keep_originals(plan, original_blocks, blocks)
    for task in plan.tasks:
        roles = "; ".join(
            f"{word} {'、'.join(getattr(task, role))}"
            for role, word in (("lead", "lead"), ("responsible", "responsible"), ("cooperating", "cooperating"))
            if getattr(task, role)
        )
        plan.explained.append(f"task {task.number} «{task.title[:20]}»: {roles or 'no unit found'}")
    if labels := read_labels(all_text):
        plan.explained.append(
            "role labels read by their words (plan/data/conventions.yaml role_words): " + "; ".join(labels)
        )
    for task in plan.tasks:
        if not task.units:
            plan.warnings.append(f"task {task.number}: no lead or responsible unit found")
    if plan.tasks and all(t.units for t in plan.tasks) and not any(t.lead for t in plan.tasks):
        plan.warnings.append("no task names a lead unit: escalations and the lead's view have no one to go to")
    return plan


# 市发展和改革委员会（以下简称“市发改委”）: the name a plan gives itself for a unit.
_CALLED = re.compile(
    r"(?P<full>[\u4e00-\u9fa5]{3,40})[（(]以下简称[“\"「]?(?P<short>[\u4e00-\u9fa5]{2,15})[”\"」]?[）)]"
)
_BEFORE_NAME = re.compile(r"^(?:由|请|会同|联合|组织|督促|指导|协调|支持)+")


def _block_texts(blocks: list[Block]) -> list[str]:
    return [b.text if isinstance(b, Paragraph) else "".join(c for row in b.rows for c in row) for b in blocks]


def _keep_originals(plan: Plan, original: list[Block], simplified_: list[Block]) -> None:
    """A traditional-character plan is read in simplified characters (OpenCC); each task keeps its
    title and text as the document wrote them, for display: the characters the document itself used
    for each simplified one (its most frequent, where one stands for several)."""
    seen: dict[str, Counter[str]] = {}
    for before, after in zip(_block_texts(original), _block_texts(simplified_), strict=True):
        if len(before) != len(after):
            continue  # a phrase conversion changed the length: no character-by-character pairing
        for a, b in zip(before, after, strict=True):
            if a != b:
                seen.setdefault(b, Counter())[a] += 1
    back = {b: counts.most_common(1)[0][0] for b, counts in seen.items()}
    for task in plan.tasks:
        text = task.title + ("。" + task.body if task.body else "")
        task.original = "".join(back.get(char, char) for char in text)


def _stated_names(plan: Plan, text: list[str]) -> None:
    """以下简称: a short name the plan introduces for a unit is that unit, in its lists and when typed."""
    for line in text:
        for found in _CALLED.finditer(line):
            full = _BEFORE_NAME.sub("", found.group("full"))
            short = found.group("short")
            if len(full) > len(short) and short not in plan.aliases:
                plan.aliases[short] = full
    if not plan.aliases:
        return
    changed = 0
    for task in plan.tasks:
        for role in ("lead", "responsible", "cooperating"):
            names = getattr(task, role)
            renamed = list(dict.fromkeys(plan.aliases.get(n, n) for n in names))
            changed += renamed != names
            setattr(task, role, renamed)
    named = "、".join(f"{s} = {f}" for s, f in plan.aliases.items())
    plan.warnings.append(
        f"the plan's own short names (以下简称) read as one unit each: {named}; {changed} lists changed"
    )


def _one_organ(plan: Plan) -> None:
    """An organ with its second name in brackets (县发改局（粮食局）, 市安委办（工作专班办公室）) is one unit named by its
    bare name, also where the plan names it bare elsewhere; the second name is kept as another name of it, so
    that 粮食局 typed finds it. A bracket holding no organ's name (各镇（街道）, 区直各部门（单位）, 县委办（牵头）)
    stays part of the name (plan/data/conventions.yaml, second_names)."""
    names = {n for t in plan.tasks for r in ("lead", "responsible", "cooperating") for n in getattr(t, r)}
    folded: dict[str, str] = {}
    for name in names:
        found = second_name(name)
        if found:
            folded[name] = found[0]
            for second in re.split(r"[、,，]", found[1]):  # 区政府办公室（区外事办、区金融办）: two second names
                if second.strip():
                    plan.aliases.setdefault(second.strip(), found[0])
    if not folded:
        return
    for task in plan.tasks:
        for role in ("lead", "responsible", "cooperating"):
            setattr(task, role, list(dict.fromkeys(folded.get(n, n) for n in getattr(task, role))))
    plan.warnings.append(
        "one organ under two names read as one unit: " + "、".join(f"{a} = {b}" for a, b in folded.items())
    )


def _first_task_under(plan: Plan, rule_line: str, paragraphs: list[str]) -> int:
    """The first task a rule stated in a paragraph governs. A rule written inside one task's role list
    (责任单位：A、B（列第一位为牵头单位，下同）) says 下同, the same below: that task and those after it, never the
    tasks above it. A rule in the preamble, or in a line no task's text stands above, governs them all."""
    if not re.search(r"(?:下|以下|后)同", rule_line):
        return 0  # no "the same below": the rule is the plan's, for every task
    kept = _RULE_GROUP.sub(lambda m: "" if only_rule(m.group(1)) else m.group(0), rule_line)  # as read
    at = next((i for i, p in enumerate(paragraphs) if p in (rule_line, kept)), None)
    if at is None:
        return 0
    heads = [
        next((i for i, p in enumerate(paragraphs) if task.title and task.title[:12] in chinese_punct(p)), None)
        for task in plan.tasks
    ]
    if any(h is None for h in heads) or heads != sorted(heads):
        return 0  # tasks not read from the paragraphs in order (a table): the rule governs the whole plan
    owner = [k for k, h in enumerate(heads) if h is not None and h <= at]
    return owner[-1] if owner else 0


def _stated_conventions(plan: Plan, text: list[str], paragraphs: list[str] | None = None) -> None:
    """Apply what the document states about its own lists, and say which rule was applied."""
    _stated_names(plan, text)
    _one_organ(plan)
    _marked_leads(plan, text)
    stated = next((m for line in text if len(line) <= 200 and (m := first_leads().search(line))), None)
    if stated is None:
        return
    changed = 0
    after = _first_task_under(plan, stated.string, paragraphs or [])
    for task in plan.tasks[after:]:
        if not task.lead and task.responsible:  # one list: its first unit leads, the others carry it out
            task.lead, task.responsible = task.responsible[:1], task.responsible[1:]
            changed += 1
    if changed:
        plan.warnings.append(
            f"the plan says the first unit listed leads ({stated.group(0)}): applied to {changed} tasks"
        )
        plan.explained.append(
            f"rule stated in the text «{stated.group(0)}»: in each of {changed} tasks with one unit list, "
            "the first unit is the lead, the others responsible"
        )


def _marked_leads(plan: Plan, text: list[str]) -> None:
    """带*号的为牵头单位: a unit carrying the mark (市发改委*, *市发改委) leads, its name without the mark."""
    stated = next((m for line in text if len(line) <= 200 and (m := marked_leads().search(line))), None)
    if stated is None:
        return
    mark = stated.group("mark")
    changed = 0
    for task in plan.tasks:
        marked = [n for r in ("responsible", "cooperating") for n in getattr(task, r) if mark in n]
        for role in ("lead", "responsible", "cooperating"):
            setattr(task, role, [n for n in getattr(task, role) if n not in marked or role == "lead"])
        task.lead = list(dict.fromkeys([n.replace(mark, "").strip() for n in task.lead + marked]))
        changed += bool(marked)
    if changed:  # none left where the signs were read already (plan/marks.py)
        plan.explained.append(f"rule stated in the text «{stated.group(0)}»: {changed} tasks name their lead by {mark}")


def _unnumbered_tasks(paragraphs: list[Paragraph], plan: Plan) -> list[Task]:
    """A plan without numbers: every paragraph that names units is a task, numbered in order."""
    tasks: list[Task] = []
    section = None
    pending = ""  # the paragraph before: the task's text where its units stand on the lines below it
    for paragraph in paragraphs:
        text, roles = extract_roles(paragraph.text)
        if not roles and (names := bare_units(paragraph.text)):
            text, roles = "", Roles(responsible=names)  # a line of unit names alone
        if not roles:
            if len(paragraph.text) <= 30 and not paragraph.text.endswith(("。", "：", ":")):
                section = paragraph.text  # a short line without a full stop reads as a heading
                pending = ""
            else:
                pending = paragraph.text
            continue
        if not text.strip(" 。;,") and tasks and not pending:  # another role line of the same task
            for role in ("lead", "responsible", "cooperating"):
                getattr(tasks[-1], role).extend(chinese_punct(n) for n in getattr(roles, role))
            continue
        if not text.strip(" 。;,") and pending:
            text = pending
        pending = ""
        title, _, body = text.partition("。")
        tasks.append(
            Task(
                number=len(tasks) + 1,
                title=chinese_punct(title),
                body=chinese_punct(body),
                section=chinese_punct(section) if section else None,
                lead=[chinese_punct(n) for n in roles.lead],
                responsible=[chinese_punct(n) for n in roles.responsible],
                cooperating=[chinese_punct(n) for n in roles.cooperating],
                deadlines=find_deadlines(text, plan.year)
                + [d for phrase in roles.deadline_text for d in deadline_from_label(phrase, plan.year)],
                targets=find_targets(text),
            )
        )
    if tasks:
        plan.warnings.append("no numbered tasks: each paragraph that names units was read as a task")
        plan.sections = list(dict.fromkeys(t.section for t in tasks if t.section))
    return tasks


def _joined_tables(tables: list[Table]) -> list[list[str]]:
    """Rows of all tables in order: a table continuing the one before it (a page break in Word,
    one table per section) is read under that table's header when it has the same columns."""
    rows: list[list[str]] = []
    width = None
    for table in tables:
        if not table.rows:
            continue
        this = max(len(r) for r in table.rows)
        if width is not None and this != width:
            rows.append([])  # a different table: its own header must come first
        rows.extend(table.rows)
        width = this
    return rows


def _front_matter(plan: Plan, front: list[str], all_text: list[str], fallback: str) -> None:
    front = [_DOC_NUMBER_AFTER.sub("", line) for line in front]  # …的实施意见(池政〔2017〕101号)
    titles = [
        line
        for line in front
        if TITLE_END.search(line) and len(line) <= 60 and "关于印发" not in line and not line.startswith(("根据", "为"))
    ]
    titles = [t.removeprefix("下载:").removesuffix(".docx") for t in titles if not t.startswith(("下载", "附件"))]
    quoted = next((m.group("title") for line in front if (m := _QUOTED_TITLE.search(line))), None)
    noticed = next((m.group("title") for line in front if (m := _NOTICE_TITLE.search(line))), None)
    notice = next((line for line in front if line.endswith("通知") and "关于" in line and len(line) <= 60), None)
    # A heading standing alone on a line (a table's caption, a report's name) where no line ends like a title.
    headings = [
        line
        for line in front
        if 6 <= len(line) <= 60
        and (re.search(r"[\u4e00-\u9fff]", line) or _LATIN_TITLE.search(line))
        and not re.search(r"[。；;，,：:]$", line)
        and not _NOT_TITLE.search(line)
        and not _CHROME_LINE.search(line)
        and not line.startswith(("根据", "为", "附件", "下载", "当前位置", "索引号", "发布"))
    ]
    # The one that names a plan's matter (2024年全县重点工作) over a site's menu line that came first.
    heading = next((line for line in headings if _PLAN_WORD.search(line)), headings[0] if headings else None)
    title = titles[-1] if titles else quoted or noticed or notice or heading or fallback
    if title == fallback and fallback:
        plan.warnings.append(f"no title found in the document: named after the file ({fallback})")
    if titles:  # a title broken over two lines: its first half stands just above it
        at = front.index(titles[-1])
        above = front[at - 1].strip() if at > 0 else ""
        # Not the list of attachments above a table's caption (附件：1. 2019年…分解表 / 2. …), nor the title again.
        whole = above.startswith(("附件", "附表")) or marker(above) is not None or title in above
        if (
            above
            and len(above) + len(title) <= 80
            and _TITLE_START.search(above)
            and not _NOT_TITLE.search(above)
            and not whole
        ):
            title = above + title
    if title in front and (at := front.index(title)) + 1 < len(front) and _SPAN_LINE.match(front[at + 1].strip()):
        title += front[at + 1].strip()  # 广元市…三年行动方案 / （2024—2026年）
    plan.title = chinese_punct(title)
    head = front + all_text[:5]
    number = next((m for line in head if (m := _DOC_NUMBER.search(line))), None)
    if number:
        org = number.group("org").split("文号")[-1][-8:]
        plan.doc_number = f"{org}〔{number.group('year')}〕{number.group('no')}号"
    signed = _signature(front) or _signature(all_text[-6:])  # 某某区人民政府办公室 / 2023年3月1日
    found = [
        *(m.group("org") for line in head if (m := _ISSUER.search(line))),
        *(m.group("org") for line in head if (m := _ISSUER_NOTICE.search(line))),
        *(m.group("org") for line in head if (m := _ISSUER_TITLE.search(line))),
        *([signed[0]] if signed else []),
        *(line for line in head if _SIGNER.match(line) and leading_places(line)),  # 鞍山市立山区人民政府文件
        *(a for a, b in zip(front, front[1:], strict=False) if _SIGNER.match(a) and _CN_DATE_LINE.match(b)),
        # Last: the notice's signature past a numbered paragraph (一、各责任单位要… / 某区人民政府办公室 / 2023年1月3日), for the
        # places it names only; its date is not the plan's (an attachment's table may be dated otherwise).
        *(late[0] for late in [_signature(all_text)] if late and leading_places(late[0])),
        *(
            m.group("org")
            for line in head
            if (m := _ISSUER_SAID.search(line))
            and leading_places(m.group("org"))
            and not _CITING.search(line[: m.start()])  # 根据某省人民政府办公厅印发的…: a higher office cited
        ),
    ]
    # The issuer that names its place (蔡甸区人民政府办公室) over one that does not (区人民政府办公室).
    plan.issuer = next((org for org in found if leading_places(org)), found[0] if found else None)
    issued = next((m for line in head if (m := _ISSUED.search(line))), None)
    issued = issued or (signed[1] if signed else None)
    issued = issued or next((m for line in reversed(all_text[-6:]) if (m := _DATE_LINE.match(line))), None)
    if issued:
        try:
            plan.issued = date(int(issued.group("y")), int(issued.group("m")), int(issued.group("d")))
        except ValueError:
            plan.warnings.append(f"issue date {issued.group(0)} is not a real date")
    year = _YEAR.search(plan.title) or (_LATIN_YEAR.search(plan.title) if _LATIN_TITLE.search(plan.title) else None)
    own = number is not None and any(
        number.group(0) in line and len(line) <= len(number.group(0)) + 12 for line in head
    )  # the plan's own number stands on a line of its own (or beside 文号); a cited one stands in a sentence
    span = _YEAR_SPAN.search(plan.title)
    if span:
        first, last = int(span.group("first")), int(span.group("last"))
        dated = plan.issued.year if plan.issued else int(number.group("year")) if number and own else None
        plan.year = dated if dated is not None and first <= dated <= last else first
        plan.explained.append(
            f"year: {plan.year}, the plan's own date within its span {span.group(0)} (deadlines without a year)"
        )
    elif year:
        plan.year = int(year.group(1))
    elif number and own:
        plan.year = int(number.group("year"))
    elif plan.issued:
        plan.year = plan.issued.year  # the plan's own date, not a document it cites
    elif number:
        plan.year = int(number.group("year"))
    else:
        years = Counter(m.group(1) for line in all_text for m in _YEAR.finditer(line))
        plan.year = int(years.most_common(1)[0][0]) if years else None


_SIGNER = re.compile(r"^[\u4e00-\u9fff]{2,30}(人民政府|办公室|办公厅|委员会|局|办)(文件)?$")
_CN_DATE_LINE = re.compile(
    r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$"
)


def _signature(lines: list[str]) -> tuple[str, re.Match[str]] | None:
    """The signing office and date of a notice: an office's name on a line, the date on the next."""
    for line, following in zip(lines, lines[1:], strict=False):
        date_line = _DATE_LINE.match(following)
        if date_line and _SIGNER.match(line):
            return line, date_line
    return None


def _task_rank(root: Node) -> int | None:
    """The outline level that carries tasks: the one most often naming units, else the 1. level."""
    nodes = root.walk()[1:]
    if not nodes:
        return None
    with_roles = Counter(_units_rank(n) for n in nodes if n.roles)
    if with_roles:
        return max(with_roles, key=lambda rank: (with_roles[rank], rank))
    ranks = Counter(n.rank for n in nodes)
    if 3 in ranks:
        return 3
    return max(r for r, count in ranks.items() if count >= 2) if any(c >= 2 for c in ranks.values()) else None


_ROLES = ("lead", "responsible", "cooperating")


def _units_rank(node: Node) -> int:
    """The level a node's units are for: a heading's own role list over numbered items (一、提升政务服务效能
    （牵头单位：县政务服务中心） / 1.… / 2.…) is theirs, not the heading's; sub-items (（1）, ①) are a task's own."""
    items = [c.rank for c in node.children if c.rank < SUB_ITEM_RANK]
    return min(items) if node.own_roles and items else node.rank


def _is_task(node: Node, rank: int) -> bool:
    if node.rank == rank:
        return True
    if node.rank > rank:
        return False
    below = [n for n in node.walk()[1:] if n.rank == rank]
    if not below:
        # An item above the task level with none below it is a task where it names units, in a role list or as
        # its heading's lead with a text of its own: （一）省监察厅牵头的工作 / 加强行政监察工作… beside （三） holding 1. 2.
        return bool(node.roles) or bool(_own_lead(node))
    return _two_depths(node, below)


def _two_depths(node: Node, below: list[Node]) -> bool:
    """An item whose own text names its units in a role list, above items naming theirs in the same role: tasks
    at two depths (一、…（责任单位：市扶贫办、市移民局） above 1.…（责任单位：市扶贫办）). Items naming none, or only
    units of another role (its lead, their responsible units), take its units and add theirs: it is their heading."""
    return node.own_roles and any(getattr(node.roles, r) and getattr(n.roles, r) for n in below for r in _ROLES)


def _outline_tasks(root: Node, plan: Plan) -> list[Task]:
    rank = _task_rank(root)
    if rank is None:
        return []
    nodes = [n for n in root.walk()[1:] if _is_task(n, rank)]
    any_roles = any(n.roles for n in nodes)
    section_rank = _section_rank(nodes)
    tasks: list[Task] = []
    tops: list[Node | None] = []
    for node in nodes:
        outer = [a for a in node.ancestors() if a.rank == section_rank]
        top = outer[0] if outer else None
        if any_roles and not node.roles and not _inherited(node) and not _heading_lead(node) and not _own_lead(node):
            siblings = [n for n in nodes if top is not None and top in n.ancestors()]
            if not any(n.roles for n in siblings):
                plan.explained.append(
                    f"skipped «{node.label}{node.head[:20]}»: numbered, but neither it nor its section names a unit"
                )
                continue  # a numbered paragraph of 总体要求 or 保障措施, not an assigned task
        tasks.append(_task(node, plan, top, whole=node.rank == rank or not _two_depths(node, node.walk()[1:])))
        tops.append(top)
    chosen = {id(n) for n in nodes}
    above = {id(a) for n in nodes for a in n.ancestors()}
    below = {id(d) for n in nodes for d in n.walk()[1:]}
    for node in root.walk()[1:]:
        if id(node) not in chosen | above | below:
            plan.explained.append(
                f"skipped «{node.label}{node.head[:20]}»: numbered, but no task of the plan is at its level or below it"
            )
    plan.sections = list(dict.fromkeys(t.section for t in tasks if t.section))
    _restarted_labels(tasks, tops, plan)
    return tasks


def _restarted_labels(tasks: list[Task], tops: list[Node | None], plan: Plan) -> None:
    """Numbers starting again in each section (一、1. 2. 二、1. 2.): every task is read and numbered in order
    over the plan, its printed label kept; the explanation says so, with the section each label is under."""
    numbers = [t.number for t in tasks]
    if not any(b <= a for a, b in zip(numbers, numbers[1:], strict=False) if a and b):
        return
    where = [
        f"{i}={chinese_punct(top.label) if top else ''}{t.label}"
        for i, (t, top) in enumerate(zip(tasks, tops, strict=True), 1)
    ]
    plan.explained.append(
        f"numbering restarts in each section: the {len(tasks)} tasks are numbered 1–{len(tasks)} in order over "
        f"the plan, each keeping its printed label ({', '.join(where[:12])}{' …' if len(where) > 12 else ''})"
    )


def _section_rank(nodes: list[Node]) -> int | None:
    """The outer level whose headings group the tasks (the shallowest with two or more)."""
    groups: dict[int, set[int]] = {}
    for node in nodes:
        for outer in node.ancestors():
            groups.setdefault(outer.rank, set()).add(id(outer))
    for rank in sorted(groups):
        if len(groups[rank]) >= 2:
            return rank
    return max(groups) if groups else None


def _inherited(node: Node) -> Roles:
    """Roles an outer heading gives the tasks below it."""
    roles = Roles()
    for outer in node.ancestors():
        roles.merge(outer.roles)
    return roles


def _heading_lead(node: Node) -> list[str]:
    """The lead a section heading above a task names (一、市发改委牵头的任务 / （一）县财政局), nearest first."""
    for outer in reversed(node.ancestors()):
        if names := heading_units(outer.head):
            return names
    return []


def _own_lead(node: Node) -> list[str]:
    """The lead an item's heading names above a text of its own ((一)省监察厅牵头的工作 / 加强行政监察工作…)."""
    return heading_units(node.head) if node.lines[1:] else []


def _heading(node: Node) -> str:
    return chinese_punct(node.head.split("。")[0].rstrip(":"))


def _task(node: Node, plan: Plan, section: Node | None, whole: bool = True) -> Task:
    """A task from a numbered item; `whole` takes in the items below it, which a task whose sub-items are tasks
    of their own (two depths) leaves to them."""
    roles = Roles()
    roles.merge(node.roles)
    below = node.walk()[1:] if whole else []
    for child in below:
        roles.merge(child.roles)
    outer = _inherited(node)
    for role in ("lead", "responsible", "cooperating"):
        if not getattr(roles, role):
            roles.add(role, getattr(outer, role))
    # 一、市发改委牵头的任务 / （一）省监察厅牵头的工作: the heading's unit leads the tasks below it, and the task
    # itself, that name no lead of their own; their own responsible and cooperating units add to it
    if not roles.lead and (led := _heading_lead(node) or _own_lead(node)):
        roles.add("lead", led)
        plan.explained.append(f"task {node.label}: lead {'、'.join(led)} from its section heading")
    number = _int_label(node.label)
    label = "".join(a.label for a in node.ancestors() if a.rank > (section.rank if section else -1)) + node.label
    first, *more = node.lines or [""]
    title, sep, rest = first.partition("。")
    if not sep and (more or below) and len(first) <= TITLE_MAX * 2:
        title, rest = first, ""
    body_parts = [rest, *more] + [c.label + "".join(c.lines) for c in below]
    body = "".join(part for part in body_parts if part)
    text = first + "".join(more) + "".join("".join(c.lines) for c in below)
    # A progress report's lines (实际完成情况：已于5月30日通车) say when things were done, not when they are due.
    planned = first + "".join(
        line for line in [*more, *(x for c in below for x in c.lines)] if not progress_line().match(line)
    )
    deadlines = find_deadlines(planned, plan.year)
    for phrase in roles.deadline_text:
        for deadline in deadline_from_label(phrase, plan.year):
            if all(d.text != deadline.text for d in deadlines):
                deadlines.append(deadline)
    task = Task(
        number=number or 0,
        title=chinese_punct(title.strip().rstrip(":;；,，、")),
        body=chinese_punct(body.strip()),
        section=_heading(section) if section else None,
        label=chinese_punct(label),
        lead=[chinese_punct(n) for n in roles.lead],
        responsible=[chinese_punct(n) for n in roles.responsible],
        cooperating=[chinese_punct(n) for n in roles.cooperating],
        deadlines=deadlines,
        targets=find_targets(text),
    )
    where = f"task {number or node.label}"
    for fix in roles.corrections:
        plan.warnings.append(f"{where}: {fix}")
    if len(task.title) > TITLE_MAX:
        plan.warnings.append(f"{where}: no 。 after the title; the title may run into the body")
    return task


def _int_label(label: str) -> int | None:
    """1. → 1, (3) → 3, （二十四） → 24; None for 第一章 and the like (a chapter is no task number)."""
    if label.startswith("第") or re.match(r"\d+\.\d", label):
        return None  # 1.1 numbers a task under its heading 1: the plan's tasks are numbered in order
    digits = re.sub(r"\D", "", label)
    if digits:
        return int(digits)
    numeral = re.sub(r"[^一二三四五六七八九十百零〇两]", "", label.removesuffix("是"))
    if not numeral:
        return None
    try:
        return int(cn2an.cn2an(numeral, "smart"))
    except ValueError:
        return None


def _renumber(plan: Plan) -> None:
    """Keep the plan's own numbers when they run 1, 2, 3 … without repeats; else number in order."""
    numbers = [t.number for t in plan.tasks]
    unique = len(set(numbers)) == len(numbers) and all(numbers) and numbers == sorted(numbers)
    if not unique:
        restarts = any(b <= a for a, b in zip(numbers, numbers[1:], strict=False) if a and b)
        for i, task in enumerate(plan.tasks, start=1):
            if restarts and task.number and not task.label and task.section in plan.sections:
                # 1–4 under each section (or sheet): shown as the document numbers it, 二-3
                task.label = f"{chinese_numeral(plan.sections.index(task.section) + 1)}-{task.number}"
            task.number = i
        return
    expected = numbers[0] if numbers else 1
    if expected != 1:
        plan.warnings.append(f"task numbers start at {expected}: the rest of the table may be in another part")
    for n in numbers:
        if n != expected:
            plan.warnings.append(f"task numbers jump from {expected - 1} to {n}")
        expected = n + 1


def describe_error(exc: Exception) -> str:
    """A one-line message for any failure while reading a plan."""
    if isinstance(exc, PlanError):
        return str(exc)
    return f"could not read the plan: {type(exc).__name__}: {exc}"
