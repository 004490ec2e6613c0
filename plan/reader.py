"""Documents to blocks: the paragraphs and tables of a .txt, .docx or .xlsx plan, in order."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan.numbering import marker
from plan.text import UNIT_END, UNIT_START, clean_line

SHEET = "\x00sheet:"  # a row put before each sheet of a workbook of several, naming it

MAX_BYTES = 20 * 1024 * 1024
# Every kind of file a plan may come as.
SUFFIXES = (".txt", ".docx", ".xlsx", ".xlsm", ".pdf", ".html", ".htm", ".mhtml", ".mht", ".doc", ".wps", ".xls", ".et")
WEB_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".shtml", ".xhtml")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of an OLE compound file (.doc, .xls, .wps, .et)


class PlanError(Exception):
    """A plan file that cannot be read; the message is for the person who gave it."""


@dataclass
class Paragraph:
    """A paragraph of text; `gap` says a blank line stood before it (plain text only)."""

    text: str
    gap: bool = True


@dataclass
class Table:
    """A table's rows of cell texts, merged cells repeated or filled down."""

    rows: list[list[str]] = field(default_factory=list)


Block = Paragraph | Table


def read_blocks(path: Path) -> list[Block]:
    """The blocks of a plan file, or PlanError saying plainly why it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PlanError(f"cannot open {path.name}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise PlanError(f"{path.name} is a folder, not a plan file")
    if size == 0:
        raise PlanError(f"{path.name} is empty")
    if size > MAX_BYTES:
        raise PlanError(f"{path.name} is {size / 1048576:.0f} MB; a plan file may be at most {MAX_BYTES // 1048576} MB")
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    if suffix == ".docx":
        blocks = docx_blocks(path)
    elif suffix in (".xlsx", ".xlsm"):
        blocks = xlsx_blocks(path)
    elif suffix == ".pdf" or data.startswith(b"%PDF-"):
        from plan.pdf import pdf_blocks

        blocks = pdf_blocks(path)
    elif suffix in (".doc", ".wps", ".xls", ".et") or data.startswith(_OLE):
        from plan.office import office_blocks

        blocks = office_blocks(path, suffix if suffix in (".doc", ".wps", ".xls", ".et") else _office_kind(data))
    elif suffix in WEB_SUFFIXES or _looks_like_html(data):
        from plan.web import html_blocks

        blocks = html_blocks(data, path.name)
    else:
        blocks = text_blocks(decode(data, path.name))
    if not any(isinstance(b, Paragraph) and b.text or isinstance(b, Table) and b.rows for b in blocks):
        raise PlanError(f"{path.name} has no text")
    return blocks


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"multipart/related" in head


def _office_kind(data: bytes) -> str:
    """An OLE file with another ending: a workbook when it holds one, else a Word document."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            return ".xls" if ole.exists("Workbook") or ole.exists("Book") else ".doc"
    except OSError:
        return ".doc"


def decode(data: bytes, name: str = "file") -> str:
    """Text of a plain-text plan: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PlanError(f"{name} starts as UTF-16 text but is not valid UTF-16") from None
    if data.startswith(b"PK\x03\x04"):
        raise PlanError(f"{name} looks like a zipped document (.docx/.xlsx); give it that file ending")
    if b"\x00" in data[:4096]:
        raise PlanError(f"{name} is a binary file, not a plan text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t\f")
        if controls > 8:
            raise PlanError(f"{name} is a binary file, not a plan text")
        return text
    raise PlanError(f"{name} is neither UTF-8 nor GBK text")


_CELLS = re.compile(r"\t|\s*[|｜]\s*")


def _cells(raw: str) -> list[str] | None:
    """The cells of a plain-text table row (tabs, as pasted from Excel, or `|`); None for prose."""
    if raw.count("\t") < 2 and len(re.findall(r"[|｜]", raw)) < 2:
        return None
    # A tab first is an empty first cell (a category or a person merged down where the table was copied
    # from), not space to strip: the row's cells keep their columns.
    cells = [clean_line(c) for c in _CELLS.split(raw.strip(" \u3000\xa0\r\n").strip("|｜"))]
    return cells if sum(1 for c in cells if c) >= 2 else None


# A page number that a PDF's text carried into the line (— 3 —, －12－), not part of any word.
_PAGE_MARK = re.compile(r"\s*[—–－]{1,2}\s*\d{1,4}\s*[—–－]{1,2}\s*")
_PAGE_LINE = re.compile(
    r"\s*(?:-\s*\d{1,4}\s*-|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*"
)  # - 2 -, 第2页
_OPENS, _CLOSES = "(（〔[【", ")）〕]】"
_LISTING = re.compile(r"(?:单位|部门)\s*[:：][^()（）]*[、,，][^()（）]*$")  # in a role's list, after a name
_JOINED_LINES = 3  # lines a parenthesis may run over (a unit's name broken at the end of a PDF line)


def _quoted_rows(lines: list[str]) -> list[str]:
    """Rows copied out of Excel, whose cells holding line breaks come quoted over several lines
    (1\t"市科技局 / 西咸新区管委会"\t…): each row whole again, the cell's lines kept apart by line breaks and
    its quotes ("" for one) undone, so that its units stay with their own row."""
    out: list[str] = []
    pending: list[str] = []
    for line in lines:
        if pending:
            pending.append(line)
            joined = "\n".join(pending)
            if _open_quote(joined) is None:
                out.append(_unquoted(joined))
                pending = []
            elif len(pending) > _QUOTED_LINES or "\t" in line:  # a row of its own before the quote closes:
                out.extend(pending[:-1])  # the quote was part of a cell's text, not Excel's
                pending = []
                if "\t" in line and _open_quote(line) is not None:
                    pending = [line]
                else:
                    out.append(line)
            continue
        if "\t" in line and _open_quote(line) is not None:
            pending = [line]
            continue
        out.append(_unquoted(line) if "\t" in line and '"' in line else line)
    return out + pending


_QUOTED_LINES = 12  # lines a quoted cell may run over


def _open_quote(row: str) -> int | None:
    """Where a tab-separated row's last quoted cell opens, while that quote is still open; else None."""
    at = 0
    for cell in row.split("\t"):
        if cell.startswith('"'):
            body = cell[1:].replace('""', "")
            if not body.endswith('"'):
                return at
        at += len(cell) + 1
    return None


def _unquoted(row: str) -> str:
    """A tab-separated row with Excel's quotes taken off its quoted cells."""
    cells = row.split("\t")
    return "\t".join(
        c[1:-1].replace('""', '"') if len(c) >= 2 and c.startswith('"') and c.endswith('"') else c for c in cells
    )


def _next_item(open_line: str, line: str) -> bool:
    """Whether a line is the next numbered item after one whose bracket was never closed (1.…（牵头单位：A /
    2.…): a copy that lost the bracket, not a list going on; the item starts a line of its own."""
    before, after = marker(clean_line(open_line)), marker(clean_line(line))
    return before is not None and after is not None and before[0] == after[0]


def _unbroken(lines: list[str]) -> list[str]:
    """Lines as the document meant them: page numbers left out, and a line whose parenthesis is still open
    at its end joined to the next (…（牵头单位：区发展和改革 / 委员会）)."""
    out: list[str] = []
    carry = 0
    for raw in lines:
        line = _PAGE_MARK.sub("", raw) if _PAGE_MARK.search(raw) else raw
        if raw.strip() and not line.strip() or _PAGE_LINE.fullmatch(raw):
            continue  # a line that was only a page number
        depth = sum(line.count(c) for c in _OPENS) - sum(line.count(c) for c in _CLOSES)
        if carry and out and line.strip() and "\t" not in line and "|" not in line and not _next_item(out[-1], line):
            # Two whole names at the break (…区住建局 / 区自然资源局、各街道）) keep a separator between them.
            apart = UNIT_END.search(out[-1].rstrip()) and UNIT_START.match(line.strip()) and _LISTING.search(out[-1])
            out[-1] = out[-1].rstrip() + ("、" if apart else "") + line.strip()
            carry -= 1
            depth += sum(out[-1].count(c) for c in _OPENS) - sum(out[-1].count(c) for c in _CLOSES) - depth
            carry = carry if depth > 0 else 0
            continue
        out.append(line)
        carry = _JOINED_LINES if depth > 0 and "\t" not in line and "|" not in line else 0
    return out


_PIPE_CELL = re.compile(r"^(?P<cell>.*?)\s*[|｜]{1,2}\s*$")


_BARE_PIPE = re.compile(r"^\s*[|｜]{1,2}\s*$")


def _pipe_lines(lines: list[str]) -> list[str]:
    """A table copied from a web page one cell a line, each line ending in ` |` (序号 | / 重点工作 | / 1 | …),
    or with the `|` on lines of their own between the cells (| / 序号 / | / 工作任务 / | …): its cells become
    lines of their own, for the one-cell-a-line reader; other lines stay."""
    bare = [bool(_BARE_PIPE.match(line)) for line in lines]
    ended = [bool(_PIPE_CELL.match(line)) and len(re.findall(r"[|｜]", line)) <= 2 for line in lines]
    if sum(bare) >= 6 and sum(ended) - sum(bare) < 6:  # a `|` alone between cells, not an empty cell's ` |`
        return _between_pipes(lines, bare)
    if sum(ended) < 6:
        return lines
    out = []
    for line, is_cell in zip(lines, ended, strict=True):
        if is_cell:
            found = _PIPE_CELL.match(line)
            assert found is not None
            out.append(_CELL_LINE + found.group("cell").strip())
        else:
            out.append(line)
    return out


_CELL_LINE = "\x00cell:"  # a line that was one table cell (it may be empty)


def _between_pipes(lines: list[str], bare: list[bool]) -> list[str]:
    """Lines between two lines of `|` are one cell (a cell's text broken over lines is joined); the `|`
    lines go; lines before the first `|` and after the last stay as they are."""
    out: list[str] = []
    run: list[str] = []
    opened = False
    for line, is_pipe in zip(lines, bare, strict=True):
        if not is_pipe:
            run.append(line)
            continue
        if opened and run:
            out.append(_CELL_LINE + "".join(part.strip() for part in run))
        elif run:
            out.extend(run)
        run, opened = [], True
    out.extend(run)
    return out


_SPACES = re.compile(r"[ \u3000\xa0]+")
_JOINABLE = ("task", "name", "section", "lead", "responsible", "cooperating", "ignore", None)


def _spaced_header(tokens: list[str]) -> list[str] | None:
    """A header whose cells a paste left a space apart: 序号 重点任务 牵头单位 责任单位 完成时限, or with a
    column before the number (责任领导 序号 工作任务 责任单位)."""
    from plan.table import column_kind

    if not 3 <= len(tokens) <= 12 or any(len(t) > _HEAD_CELL for t in tokens):
        return None
    if not any(_HEAD_NUMBER.match(t) for t in tokens[:2]):
        return None
    kinds = [column_kind(t) for t in tokens]
    if "task" in kinds and any(k in ("lead", "responsible", "cooperating") for k in kinds):
        return tokens
    return None


_ROW_NUMBER = re.compile(r"\d{1,3}[.、]?")


def _spaced_rows(lines: list[str]) -> list[str]:
    """A table pasted with spaces between its cells (one space or a run of them) under a header found by
    what its cells say: each row that opens with its number has its words put under the columns their
    contents fit (unit names under a role column, a date under 完成时限, text under the task), and is
    passed on as a tab-separated row; a line without a number goes on with the row before it while that
    row names no unit yet (its text wrapped), or when it is one word."""
    out: list[str] = []
    head: list[str] | None = None
    row: list[str] = []

    def flush() -> None:
        if head and row:
            out.append("\t".join(spread(row, head)))
        row.clear()

    for line in lines:
        tokens = [t for t in _SPACES.split(clean_spaces(line)) if t] if not line.startswith(_CELL_LINE) else []
        found = _spaced_header(tokens) if len(tokens) >= 3 and "\t" not in line and "|" not in line else None
        if found:
            flush()
            head = found
            out.append("\t".join(head))
            continue
        if head and tokens and "\t" not in line and "|" not in line:
            at = next((k for k, h in enumerate(head) if _HEAD_NUMBER.match(h)), 0)
            opens = [0] + ([at] if at and len(tokens) > at and not _ROW_NUMBER.fullmatch(tokens[0]) else [])
            start = next((k for k in opens if _ROW_NUMBER.fullmatch(tokens[k])), None)
            if start is not None:  # a row opens at its number (after the person's cell, where that comes first)
                flush()
                row.extend([*tokens[:start], tokens[start].rstrip(".、"), *tokens[start + 1 :]])
                continue
            if row and (len(tokens) == 1 or not any(_UNITS.match(t) for t in row[1:])) and not marker(tokens[0]):
                row.extend(tokens)
                continue
        flush()
        head = None
        out.append(line)
    flush()
    return out


_FIELD_GAP = re.compile(r"[ \u3000\xa0]{2,}")
_FIELD_NUMBER = re.compile(r"^(?:\d{1,3}[.、]?|[(（]\d{1,3}[)）])$")


def _spaced_fields(lines: list[str]) -> list[str]:
    """Rows pasted from a newspaper or a web page with no header, their fields a run of spaces apart
    (`1  加快…建设  市发改委  2024年底`): each line that opens with its number and holds three fields or more
    becomes a tab-separated row, whose columns the table reader names by what they hold (a unit list, a
    deadline, the longest text). Two such rows at least; one alone stays a line of text."""
    fields: list[list[str] | None] = []
    for line in lines:
        if "\t" in line or "|" in line or "｜" in line or line.startswith(_CELL_LINE):
            fields.append(None)
            continue
        parts = [p for p in _FIELD_GAP.split(line.strip()) if p]
        fields.append(parts if len(parts) >= 3 and _FIELD_NUMBER.match(parts[0]) else None)
    if sum(1 for f in fields if f) == 1:  # one row: its fields put in the words of a numbered task
        return [_one_spaced_row(f) if f else line for f, line in zip(fields, lines, strict=True)]
    if sum(1 for f in fields if f) < 2:
        return lines
    return ["\t".join([f[0].strip("()（）.、"), *f[1:]]) if f else line for f, line in zip(fields, lines, strict=True)]


_DEADLINE_FIELD = re.compile(r"^.{0,12}(?:年|月|底|前|季度|全年|长期|持续|常态)")


def _one_spaced_row(fields: list[str]) -> str:
    """`1  做好信访工作  区信访局  全年` as `1.做好信访工作(责任单位:区信访局;完成时限:全年)`: the field of unit
    names alone is the list, a short one of time the deadline, the rest the task's text; unchanged when no
    single field names units."""
    from plan.roles import bare_units

    cells = [clean_line(f) for f in fields[1:]]
    units = [c for c in cells if bare_units(c)]
    if len(units) != 1:
        return "  ".join(fields)
    dates = [c for c in cells if c not in units and len(c) <= 16 and _DEADLINE_FIELD.match(c)]
    text = "".join(c for c in cells if c not in units and c not in dates[:1]).rstrip("。")
    deadline = f";完成时限:{dates[0]}" if dates else ""
    return f"{fields[0].strip('()（）.、')}.{text}。(责任单位:{units[0]}{deadline})"


def clean_spaces(line: str) -> str:
    return line.replace("\u3000", " ").strip()


def spread(tokens: list[str], head: list[str]) -> list[str]:
    """Words of a row put under the header's columns in order: several words may share a column (the task's
    text broken by spaces, two units of one role), a column may get none; the best fit overall wins."""
    from plan.table import column_kind

    kinds = [column_kind(h) for h in head]
    n = len(head)
    # best[(column of the last word)] = (score, columns of the words so far)
    # The first word under the first column, or a later one when the row leaves the first out (a person's
    # cell merged down in the document the table was copied from: the number first).
    first = [k for k in range(n) if k == 0 or (kinds[k] == "number" and _ROW_NUMBER.fullmatch(tokens[0]))]
    best: dict[int, tuple[float, list[int]]] = {k: (_fit(tokens[0], kinds[k]), [k]) for k in first}
    for token in tokens[1:]:
        step: dict[int, tuple[float, list[int]]] = {}
        for col, (score, path) in best.items():
            for k in range(col, n):
                if k == col and kinds[k] not in _JOINABLE:
                    continue
                if k == col and kinds[k] == "number":
                    continue
                # A join costs a little, more in the lead column: a list spanning two role columns gives the
                # lead one unit and the next column the rest (区市场监管局 区税务局 区人社局 → 1 + 2).
                value = score + _fit(token, kinds[k]) - ((0.3 if kinds[k] == "lead" else 0.1) if k == col else 0.0)
                if k not in step or value > step[k][0]:
                    step[k] = (value, [*path, k])
        best = step
    _, path = max(best.values(), key=lambda item: item[0])
    cells: list[list[str]] = [[] for _ in range(n)]
    for token, col in zip(tokens, path, strict=True):
        cells[col].append(token)
    joined = []
    for kind, words in zip(kinds, cells, strict=True):
        joined.append(("、" if kind in ("lead", "responsible", "cooperating") else "").join(words))
    return joined


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of plain text, one a line, remembering where blank lines stood; runs of rows whose
    cells are separated by tabs or `|` are a table, read like a Word or Excel one."""
    blocks: list[Block] = []
    gap = True
    for raw in _spaced_fields(_spaced_rows(_pipe_lines(_unbroken(_quoted_rows(text.splitlines()))))):
        if raw.startswith(_CELL_LINE):
            blocks.append(Paragraph(raw, False))
            gap = False
            continue
        cells = _cells(raw)
        if cells is not None:
            if not (blocks and isinstance(blocks[-1], Table)):
                blocks.append(Table())
            table = blocks[-1]
            assert isinstance(table, Table)
            if not set("".join(cells)) <= set("-:= "):  # a Markdown rule under the header is no row
                table.rows.append(cells)
            gap = False
            continue
        line = clean_line(raw)
        if not line:
            gap = True
            continue
        blocks.append(Paragraph(line, gap))
        gap = False
    return _cell_per_line(blocks)


_HEAD_NUMBER = re.compile(r"^(?:序号|编号|序|No\.?)$", re.I)
_HEAD_CELL = 12  # characters a header cell has at most


def _cell_per_line(blocks: list[Block]) -> list[Block]:
    """A table copied from a web page, one cell a line (序号 / 主要工作任务 / 责任单位 / 1 / … ): the
    header's cells say how many columns there are; a row starts at its number (the one after the row
    before), and a row with fewer cells than the header has them placed by what they hold."""
    texts = [_cell_of(b) if isinstance(b, Paragraph) else None for b in blocks]
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        head = _head_cells(texts, i)
        width = len(head)
        rows: list[list[str]] = []
        numbered = 0
        j = after = i + width
        while head and j < len(texts) and texts[j] is not None:
            first = (texts[j] or "").strip()
            if not first.isdigit():
                if not first:  # an empty cell between rows (the row's end, a cell left blank)
                    j += 1
                    continue
                if _heading_cell(first):  # 一、深入推进政策公开: a section's heading across the table
                    rows.append([first] + [""] * (width - 1))
                    j += 1
                    continue
                break
            number = int(first)
            if numbered and number != numbered + 1:
                break
            end = j + 1
            while end < len(texts) and texts[end] is not None and end - j < width * _SUB_ROWS:
                cell = (texts[end] or "").strip()
                if cell.isdigit() and int(cell) == number + 1 and end - j >= 2 and _row_start(texts, end):
                    break
                if _heading_cell(cell) and end - j >= 2 and not (texts[end - 1] or "").strip():
                    break  # a section's heading after the row's last (empty) cell
                if not _is_cell(blocks[end]) and end - j >= width:
                    break
                end += 1
            cells = [t or "" for t in texts[j:end]]
            while len(cells) > 1 and not cells[-1]:  # the mark that ended the row (` |` alone, `||`)
                cells.pop()
            rows.append(placed(cells, head))
            numbered = number
            j = after = end
        while rows and not rows[-1][0].isdigit():
            rows.pop()  # headings after the last numbered row are not the table's
            j = after
        if rows:
            out.append(Table([head, *rows]))
            i = j
        else:
            block = blocks[i]
            if isinstance(block, Paragraph) and _is_cell(block):
                block = Paragraph(clean_line(_cell_of(block)), block.gap) if _cell_of(block) else None
            if block is not None:
                out.append(block)
            i += 1
    return out


def _heading_cell(cell: str) -> bool:
    """A cell that is a section's heading (一、…, （二）…), as a row of its own across a table."""
    found = marker(cell)
    return found is not None and found[0] <= 2


_SUB_ROWS = 8  # rows a numbered row may run over, its sub-rows without a 序号 of their own
_FIGURE = re.compile(r"^[\d.,%％\-—~～/]*$")


def _row_start(texts: list[str | None], at: int) -> bool:
    """Whether the number at `at` opens a row: a 序号 is followed by a cell of words (a name, a task), not by
    another figure (7 | 7 | 100% are a sub-row's target, done and progress)."""
    following = next(((t or "").strip() for t in texts[at + 1 : at + 3] if t is not None and (t or "").strip()), "")
    return not _FIGURE.match(following)


def _head_cells(texts: list[str | None], start: int) -> list[str]:
    """The header of a one-cell-a-line table starting at `start` (序号 first, a task and a role cell
    among the short lines that follow), or nothing."""
    first = texts[start]
    if first is None or not (_HEAD_NUMBER.match(first.replace(" ", "")) or not first.strip()):
        return []
    head: list[str] = [""] if not first.strip() else []  # a 序号 whose header cell was left empty
    for text in texts[start + len(head) :]:
        cell = text.replace(" ", "") if text is not None else None  # 主 要 工 作 任 务
        if cell is None or not cell or len(cell) > _HEAD_CELL or (head and cell.isdigit()):
            break
        head.append(cell)
    from plan.table import column_kind

    kinds = [column_kind(c) for c in head]  # the header words every table is read by (plan/data/columns.yaml)
    fits = len(head) >= 3 and "task" in kinds and any(k in ("lead", "responsible", "cooperating") for k in kinds)
    return head if fits else []


def _is_cell(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.text.startswith(_CELL_LINE)


def _cell_of(block: Paragraph) -> str:
    return clean_line(block.text.removeprefix(_CELL_LINE))


_UNITS = re.compile(
    r"^(?:[^、，,；;\s]{1,24}(?:局|委|办|部|院|室|会|处|所|站|队|镇|厅|中心|机关|政府|街道|乡|区|县|市|公司|集团)[、，,；;\s]*)+$"
)
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、，,][\u4e00-\u9fff]{2,4})*$")
_WHEN = re.compile(r"(?:\d{4}年|\d{1,2}月|底前|年底|年内|全年|长期|持续|季度|上半年|下半年|每月|每季|前完成)")


def _fit(cell: str, kind: str | None) -> float:
    """How well a cell's content fits a column of this kind (unit names in a role column, a number under
    序号, a date under 完成时限, a name of a person under 责任领导, long text under the task)."""
    if not cell:
        return 0.0
    from plan.columns import cell_kind

    kind_of = cell_kind(cell)  # what the cell holds, by the classifier every table's columns are read by
    units = kind_of == "units" or bool(_UNITS.match(cell)) or _read_as_units(cell)
    person = (kind_of == "person" or bool(_PERSON.match(cell))) and not units
    long_text = len(cell) >= 8 or cell.endswith(("。", "."))
    if kind == "number":
        return 3.0 if cell.isdigit() else -5.0
    if kind in ("lead", "responsible", "cooperating"):
        return 3.0 if units else (-2.0 if person or long_text else -0.5)
    if kind == "deadline":
        return 2.0 if (_WHEN.search(cell) or kind_of == "date") and len(cell) <= 30 else -1.0
    if kind in ("task", "name", "section"):
        return 2.0 if long_text else (-1.0 if units or person else 0.0)
    if kind == "ignore":
        return 1.5 if person else (-1.5 if units else (-0.5 if long_text else 0.2))
    return -1.0 if units or person else 0.0


_SKIPPED = 0.25  # what leaving a cell of a long row under no column costs


def _read_as_units(cell: str) -> bool:
    """A list whose names the unit reader reads as units or collectives (各区直部门、各镇(办)、经开区), though
    their endings are not all an organ's."""
    from plan.unit_model import span_kind

    parts = [p for p in re.split(r"[、，,；;\s]+", cell) if p]
    if len(parts) < 2 or any(len(p) > 25 for p in parts):
        return False
    return sum(span_kind(p)[0] in ("unit", "collective") for p in parts) >= 0.6 * len(parts)


def placed(cells: list[str], head: list[str]) -> list[str]:
    """A row's cells put under the header's columns in order, skipping the columns a row leaves out,
    so that each cell stands under the column whose kind its content fits best."""
    from plan.table import column_kind

    kinds = [column_kind(h) for h in head]
    n, m = len(head), len(cells)
    more = m > n  # sub-rows run on after the row: a cell may stand under no column (its sub-row's)
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for ci in range(m):
        step: dict[int, tuple[float, list[int]]] = {}
        for col, (score, path) in best.items():
            last = n if more else n - (m - ci - 1)
            options = [(k, score + _fit(cells[ci], kinds[k])) for k in range(col, last)]
            if more:
                options.append((-1, score - _SKIPPED))
            for k, value in options:
                key = col if k < 0 else k + 1
                if key not in step or value > step[key][0]:
                    step[key] = (value, [*path, k])
        best = step
    _, path = max(best.values(), key=lambda item: item[0])
    row = [""] * n
    for cell, col in zip(cells, path, strict=True):
        if col >= 0:
            row[col] = cell
    return row


def docx_blocks(path: Path) -> list[Block]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanError(f"{path.name} is not a Word document (.docx): {exc}") from None
    from docx.table import Table as DocxTable
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

    numbering = _DocxNumbering(document)
    blocks: list[Block] = []

    def read(items: Iterable[object]) -> None:
        for item in items:
            if isinstance(item, DocxParagraph):
                text = clean_line(numbering.label(item) + item.text)
                level = _heading_level(item)
                if text and level is not None and not _numbered(text) and not _DOCUMENT_TITLE.search(text):
                    text = f"§{level} {text}"  # a styled heading with no number is still a section heading
                if text:
                    blocks.append(Paragraph(text))
            elif isinstance(item, DocxTable) and any(cell.tables for row in item.rows for cell in row.cells):
                for tc in (tc for tr in item._tbl.tr_lst for tc in tr.tc_lst):  # a frame: each cell's content once
                    read(inner(tc, _Cell(tc, item)))
            elif isinstance(item, DocxTable):
                rows = [[clean_line(cell.text) for cell in row.cells] for row in item.rows]
                blocks.append(Table([r for r in rows if any(r)]))

    def inner(element: Any, parent: Any) -> Iterator[object]:
        """The paragraphs and tables of a body or a cell in order, also those inside content controls (w:sdt),
        which python-docx's own iteration passes over."""
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                yield DocxParagraph(child, parent)
            elif tag == "tbl":
                yield DocxTable(child, parent)
            elif tag == "sdt":
                content = child.find(f"{{{_W}}}sdtContent")
                if content is not None:
                    yield from inner(content, parent)

    read(inner(document.element.body, document._body))
    return blocks


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


_DOCUMENT_TITLE = re.compile(r"(计划|方案|要点|清单|分工表?|通知)$")


def _heading_level(paragraph: object) -> int | None:
    """0, 1 or 2 for Word's Heading 1..3 (标题 1..3) styles; None for other paragraphs."""
    name = getattr(getattr(paragraph, "style", None), "name", "") or ""
    found = re.match(r"^(?:Heading|标题)\s*([123])$", name.strip())
    return int(found.group(1)) - 1 if found else None


def _numbered(text: str) -> bool:
    return marker(text) is not None


class _DocxNumbering:
    """Word's automatic list numbers (1. / （一） …), which are not in a paragraph's text."""

    _FORMATS = {
        "decimal",
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "decimalEnclosedCircle",
    }

    def __init__(self, document: object) -> None:
        self._levels: dict[tuple[str, str], tuple[str, str]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part  # type: ignore[attr-defined]
        except (NotImplementedError, KeyError, AttributeError):
            return
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = part.element
        abstract: dict[str, dict[str, tuple[str, str]]] = {}
        for node in root.iter(f"{ns}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{ns}lvl"):
                fmt = lvl.find(f"{ns}numFmt")
                text = lvl.find(f"{ns}lvlText")
                levels[lvl.get(f"{ns}ilvl")] = (
                    fmt.get(f"{ns}val") if fmt is not None else "decimal",
                    text.get(f"{ns}val") if text is not None else "%1.",
                )
            abstract[node.get(f"{ns}abstractNumId")] = levels
        for num in root.iter(f"{ns}num"):
            ref = num.find(f"{ns}abstractNumId")
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(f"{ns}val"), {}).items():
                    self._levels[(num.get(f"{ns}numId"), ilvl)] = spec

    @staticmethod
    def _style_numbering(style: object) -> object | None:
        """The paragraph properties of the style (or a base style) that numbers the paragraph."""
        while style is not None:
            ppr = style.element.pPr  # type: ignore[attr-defined]
            if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
                return ppr
            style = style.base_style  # type: ignore[attr-defined]
        return None

    def label(self, paragraph: object) -> str:
        """The number Word would show before this paragraph, or ''."""
        ppr = paragraph._p.pPr  # type: ignore[attr-defined]
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            ppr = self._style_numbering(paragraph.style)  # type: ignore[attr-defined]
            if ppr is None:
                return ""
        num_id = str(ppr.numPr.numId.val)
        ilvl = str(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else "0"
        fmt, pattern = self._levels.get((num_id, ilvl), ("", ""))
        if fmt not in self._FORMATS:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        level = int(ilvl)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        value = counters[level]
        shown = chinese_numeral(value) if fmt.startswith(("chinese", "ideograph")) else str(value)
        if fmt == "decimalEnclosedCircle":
            shown = chr(0x2460 + value - 1) if value <= 20 else str(value)
        return pattern.replace(f"%{level + 1}", shown)


def chinese_numeral(value: int) -> str:
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def xlsx_blocks(path: Path) -> list[Block]:
    try:
        import openpyxl

        book = openpyxl.load_workbook(str(path), read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanError(f"{path.name} is not an Excel workbook (.xlsx): {exc}") from None
    except Exception as exc:  # openpyxl raises its own InvalidFileException and others
        raise PlanError(f"{path.name} is not an Excel workbook (.xlsx): {type(exc).__name__}") from None
    blocks: list[Block] = []
    several = len(book.worksheets) > 1
    for sheet in book.worksheets:
        merged = {}
        for rng in sheet.merged_cells.ranges:
            value = sheet.cell(rng.min_row, rng.min_col).value
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    merged[(row, col)] = value
        rows: list[list[str]] = []
        for r, row in enumerate(sheet.iter_rows(), start=1):
            cells = []
            for c, cell in enumerate(row, start=1):
                value = merged.get((r, c), cell.value)
                cells.append(clean_line(_cell_text(value)))
            if any(cells):
                rows.append(cells)
        if rows and several:  # one sheet per section: the name stands for the section the sheet is
            named = not re.fullmatch(r"(?i)(sheet|工作表|表)\s*\d*", sheet.title.strip())
            rows.insert(0, [SHEET + (sheet.title.strip() if named else "")] + [""] * (len(rows[0]) - 1))
        if rows:
            blocks.append(Table(rows))
    return blocks


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y年%m月%d日")  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
