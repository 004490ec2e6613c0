"""Documents to blocks: the paragraphs and tables of a .txt, .docx or .xlsx plan, in order."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from plan.numbering import marker
from plan.text import clean_line

SHEET = "\x00sheet:"  # a row put before each sheet of a workbook of several, naming it

MAX_BYTES = 20 * 1024 * 1024


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
        blocks = _docx_blocks(path)
    elif suffix in (".xlsx", ".xlsm"):
        blocks = _xlsx_blocks(path)
    elif suffix in (".doc", ".xls", ".pdf", ".wps"):
        raise PlanError(f"{path.name}: {suffix} files are not read; save it as .docx, .xlsx or .txt")
    else:
        blocks = text_blocks(decode(data, path.name))
    if not any(isinstance(b, Paragraph) and b.text or isinstance(b, Table) and b.rows for b in blocks):
        raise PlanError(f"{path.name} has no text")
    return blocks


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
    cells = [clean_line(c) for c in _CELLS.split(raw.strip().strip("|｜"))]
    return cells if sum(1 for c in cells if c) >= 2 else None


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of plain text, one a line, remembering where blank lines stood; runs of rows whose
    cells are separated by tabs or `|` are a table, read like a Word or Excel one."""
    blocks: list[Block] = []
    gap = True
    for raw in text.splitlines():
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
_HEAD_TASK = re.compile(r"任务|工作|内容|事项|措施|项目|指标")
_HEAD_ROLE = re.compile(r"单位|部门|牵头|责任|科室|处室")
_HEAD_CELL = 12  # characters a header cell has at most


def _cell_per_line(blocks: list[Block]) -> list[Block]:
    """A table copied from a web page, one cell a line (序号 / 主要工作任务 / 责任单位 / 1 / … ): the
    header's cells say how many lines make a row, and rows run while each starts with its number."""
    texts = [b.text if isinstance(b, Paragraph) else None for b in blocks]
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        head = _head_cells(texts, i)
        width = len(head)
        rows: list[list[str]] = []
        j = i + width
        while head and j + width <= len(texts):
            row = texts[j : j + width]
            if any(cell is None for cell in row) or not (row[0] or "").strip().isdigit():
                break
            rows.append([cell or "" for cell in row])
            j += width
        if rows:
            out.append(Table([head, *rows]))
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


def _head_cells(texts: list[str | None], start: int) -> list[str]:
    """The header of a one-cell-a-line table starting at `start` (序号 first, a task and a role cell
    among the short lines that follow), or nothing."""
    first = texts[start]
    if first is None or not _HEAD_NUMBER.match(first.replace(" ", "")):
        return []
    head: list[str] = []
    for text in texts[start:]:
        cell = text.replace(" ", "") if text is not None else None  # 主 要 工 作 任 务
        if cell is None or len(cell) > _HEAD_CELL or (head and cell.isdigit()):
            break
        head.append(cell)
    fits = len(head) >= 3 and any(_HEAD_TASK.search(c) for c in head) and any(_HEAD_ROLE.search(c) for c in head)
    return head if fits else []


def _docx_blocks(path: Path) -> list[Block]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanError(f"{path.name} is not a Word document (.docx): {exc}") from None
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    numbering = _DocxNumbering(document)
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            text = clean_line(numbering.label(item) + item.text)
            level = _heading_level(item)
            if text and level is not None and not _numbered(text) and not _DOCUMENT_TITLE.search(text):
                text = f"§{level} {text}"  # a styled heading with no number is still a section heading
            if text:
                blocks.append(Paragraph(text))
        elif isinstance(item, DocxTable):
            rows = [[clean_line(cell.text) for cell in row.cells] for row in item.rows]
            blocks.append(Table([r for r in rows if any(r)]))
    return blocks


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


def _xlsx_blocks(path: Path) -> list[Block]:
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
