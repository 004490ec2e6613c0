"""PDF plans with a text layer, read with pdfplumber: ruled tables as rows (its table finder), the text
around them as paragraphs (lines that run to the right margin joined to the next), page headers,
footers and page numbers (— 3 —, 第3页, 3/12) left out. A scanned PDF has no text layer: one line says so."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from plan.numbering import marker
from plan.reader import Block, Paragraph, PlanError, Table
from plan.roles import LABEL
from plan.text import UNIT_END, UNIT_START, clean_line

# A line that is only a page number, as printed in Chinese documents and office software.
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－―~～·•]*\s*\d{1,4}\s*[-—–－―~～·•]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
# What a browser prints in a page's margins unless told not to: the date and time with the page's title
# (12/3/26, 2:01 PM  某区…_某区人民政府), the address with the page number (https://… 1/3).
BROWSER_MARGIN = re.compile(
    r"^\s*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*,?\s*(?:(?:上午|下午)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?\b"
    r"|(?:https?|file)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?\s*$)"
)
_EDGE_LINES = 2
_CELL_PADDING = 3.0  # points between a ruled cell's border and its text  # lines at the top and the bottom of a page that may be its header or footer


def pdf_blocks(path: Path) -> list[Block]:
    """The paragraphs and tables of a PDF, in reading order; PlanError for a PDF without text."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        document = pdfplumber.open(str(path))
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise PlanError(f"{path.name} is not a readable PDF: {type(exc).__name__}") from None
    except Exception as exc:  # pdfminer raises its own exceptions for broken files
        raise PlanError(f"{path.name} is not a readable PDF: {type(exc).__name__}") from None
    with document:
        pages = [_page_items(page) for page in document.pages]
    if not any(items for items in pages):
        raise PlanError(
            f"{path.name}: the PDF has no text layer (a scan?); give the document as text, Word or PDF with text"
        )
    _drop_running_heads(pages)
    blocks: list[Block] = []
    ended: dict[str, Any] | None = None  # the last line of the page before, where the page ended in text
    for items in pages:
        lines: list[dict[str, Any]] = []
        opening = True  # nothing of this page read yet
        texts = [i for i in items if isinstance(i, dict)]
        right = max((i["x1"] for i in texts), default=0.0)
        left = min((i["x0"] for i in texts), default=0.0)
        for item in items:
            if isinstance(item, Table):
                paragraphs = _paragraphs(lines, right)  # the page's right edge, not the widest line above a table
                _add_paragraphs(blocks, paragraphs, ended if opening else None, lines[:1], left)
                opening = opening and not paragraphs
                lines = []
                if not (opening and blocks and isinstance(blocks[-1], Table) and _continues(blocks[-1], item)):
                    blocks.append(item)
                opening = False
            elif not PAGE_NUMBER.match(item["text"]) and not BROWSER_MARGIN.match(item["text"]):
                lines.append(item)
        _add_paragraphs(blocks, _paragraphs(lines, right), ended if opening else None, lines[:1], left)
        ended = {**lines[-1], "right": right} if lines else None
    return blocks


_ENDS = ("。", "；", ";", "：", ":", "！", "？", "!", "?")


def _add_paragraphs(
    blocks: list[Block], paragraphs: list[str], ended: dict[str, Any] | None, first: list[dict[str, Any]], left: float
) -> None:
    """A page's paragraphs after the blocks before; the first goes on with the paragraph the page before
    ended in, when that one's last line ran to the margin or left a parenthesis open and this page's first
    line is neither indented nor numbered (a task's sentence, or its list of units, cut by the page break)."""
    if paragraphs and ended is not None and first and blocks and isinstance(blocks[-1], Paragraph):
        before = blocks[-1].text
        size = (ended["bottom"] - ended["top"]) or 10.0
        full = ended["x1"] >= ended["right"] - 2.2 * size and not before.endswith(_ENDS)
        open_ = sum(before.count(c) for c in "(（") > sum(before.count(c) for c in ")）")
        flush = first[0]["x0"] <= left + 0.8 * size
        if (full or open_) and flush and marker(paragraphs[0]) is None and not LABEL.match(paragraphs[0]):
            blocks[-1] = Paragraph(before + paragraphs[0])
            paragraphs = paragraphs[1:]
    blocks.extend(Paragraph(text) for text in paragraphs)


def _continues(before: Table, table: Table) -> bool:
    """Join a table that opens a page to the one that closed the page before, when it has the same
    columns: a header repeated on each page is dropped, and a first row without a number finishes
    the row the page break cut."""
    if not before.rows or not table.rows or len(before.rows[-1]) != len(table.rows[0]):
        return False
    rows = table.rows[1:] if table.rows[0] == before.rows[0] else table.rows
    if rows and not rows[0][0] and before.rows[-1][0] and len({c for c in rows[0] if c}) > 0:
        last = before.rows[-1]
        before.rows[-1] = [a + b if a != b else a for a, b in zip(last, rows[0], strict=True)]
        rows = rows[1:]
    before.rows.extend(rows)
    return True


def _page_items(page: Any) -> list[dict[str, Any] | Table]:
    """A page's text lines and tables, top to bottom."""
    found = _tables(page)
    boxes = [table.bbox for table in found]

    def outside(obj: dict[str, Any]) -> bool:
        return obj.get("object_type") != "char" or not any(_centre_in(obj, box) for box in boxes)

    text = page.filter(outside) if boxes else page
    items: list[tuple[float, dict[str, Any] | Table]] = [
        (line["top"], line) for line in text.extract_text_lines(return_chars=False) if line["text"].strip()
    ]
    for table in found:
        rows = _table_rows(page, table)
        if rows:
            items.append((table.bbox[1], Table(rows)))
    if not found:  # a table without ruled lines (a web page's, borders only under its header): by word positions
        aligned = _aligned_table(text)
        if aligned is not None:
            top, bottom, table = aligned
            items = [(t, i) for t, i in items if not top - 1 <= t <= bottom + 1]
            items.append((top, table))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


_MIN_ROWS = 3  # lines of cells a page needs for its words to be read as a table
_ROW_NUMBER = re.compile(r"^\d{1,3}[.、]?$")


def _segments(
    page: Any,
) -> list[tuple[float, float, list[dict[str, Any]], list[dict[str, Any]]]]:
    """A page's lines (top, height, runs of words, characters): words half a character's width or more apart
    are separate runs."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, return_chars=True)
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        size = max(w["bottom"] - w["top"] for w in line) or 10.0
        runs: list[dict[str, Any]] = []
        for word in line:
            if runs and word["x0"] - runs[-1]["x1"] < 0.45 * size:
                runs[-1] = {
                    **runs[-1],
                    "x1": word["x1"],
                    "text": runs[-1]["text"] + " " + word["text"],
                }
            else:
                runs.append(dict(word))
        chars = sorted((c for w in line for c in w["chars"]), key=lambda c: c["x0"])
        out.append((line[0]["top"], size, runs, chars))
    return out


def _tables(page: Any) -> list[Any]:
    """A page's ruled tables. A row that a page break cut has no border at the cut (a browser draws none):
    where the columns' rules run on past the table found, a rule is supplied at their ends."""
    found = page.find_tables()
    verticals = [  # the rules of a table's columns, running on from it
        e
        for e in page.edges
        if e["orientation"] == "v"
        and any(
            t.bbox[0] - 2 <= e["x0"] <= t.bbox[2] + 2 and e["top"] <= t.bbox[3] + 3 and e["bottom"] >= t.bbox[1] - 3
            for t in found
        )
    ]
    if not found or not verticals:
        return found
    top, bottom = min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)
    lines = [
        y
        for y, beyond in (
            (top, top < min(t.bbox[1] for t in found) - 3),
            (bottom, bottom > max(t.bbox[3] for t in found) + 3),
        )
        if beyond
    ]
    if not lines:
        return found
    return page.find_tables(table_settings={"explicit_horizontal_lines": lines})


def _aligned_table(page: Any) -> tuple[float, float, Table] | None:
    """A table drawn without ruled lines, found by its words: three or more lines of three or more runs of
    words far apart, whose left edges line up in columns. Each line opening with a number starts a row; a
    line between rows goes on with the cells above it (text wrapped inside a cell). None where none is."""
    lines = _segments(page)
    tabular = [i for i, line in enumerate(lines) if len(line[2]) >= 3]
    if len(tabular) < _MIN_ROWS:
        return None
    first, last = tabular[0], tabular[-1]
    size = sorted(line[1] for line in lines[first : last + 1])[(last - first) // 2]
    starts: list[list[float]] = []
    for x in sorted(r["x0"] for line in lines[first : last + 1] if len(line[2]) >= 3 for r in line[2]):
        if starts and x - starts[-1][-1] <= 0.6 * size:
            starts[-1].append(x)
        else:
            starts.append([x])
    columns = [min(group) for group in starts if len(group) >= 2]
    if len(columns) < 3:
        return None

    def within(
        runs: list[dict[str, Any]],
    ) -> bool:  # no run reaches over a column's left edge: cells, not prose
        return all(not any(r["x0"] + 0.3 * size < c < r["x1"] - 0.3 * size for c in columns) for r in runs)

    while last + 1 < len(lines) and lines[last + 1][0] - lines[last][0] < 2.2 * size and within(lines[last + 1][2]):
        last += 1  # the last row's cells wrapped onto lines of fewer runs
    span = lines[first : last + 1]

    def cells_of(chars: list[dict[str, Any]]) -> list[str]:
        cells = [""] * len(columns)
        previous: dict[str, Any] | None = None
        for char in chars:
            at = max(0, sum(1 for c in columns if c <= char["x0"] + 0.3 * size) - 1)
            spaced = previous is not None and char["x0"] - previous["x1"] > 0.2 * size and cells[at]
            cells[at] += (" " if spaced else "") + char["text"]
            previous = char
        return [clean_line(c) for c in cells]

    rows: list[list[str]] = []
    for _, _, _, chars in span:
        cells = cells_of(chars)
        if not rows or _ROW_NUMBER.match(cells[0]):
            rows.append(cells)
        else:  # wrapped text of the row above (the header's too), cell by cell
            rows[-1] = [a + b for a, b in zip(rows[-1], cells, strict=True)]
    if len(rows) < 2 or not any(_ROW_NUMBER.match(r[0]) for r in rows[1:]):
        return None
    return span[0][0], span[-1][0], Table(rows)


def _table_rows(page: Any, table: Any) -> list[list[str]]:
    """A ruled table's rows; a merged cell's text stands in every grid place it covers, as in Word."""
    cells = [c for row in table.rows for c in row.cells if c is not None]
    texts = {box: _cell_text(page, box) for box in cells}
    columns = [c for c in table.columns]
    rows: list[list[str]] = []
    for row in table.rows:
        out = []
        for j, box in enumerate(row.cells):
            if box is None:  # covered by a merged cell: the one holding this grid place's centre
                col = columns[j].bbox if j < len(columns) else None
                x = (col[0] + col[2]) / 2 if col else 0.0
                y = (row.bbox[1] + row.bbox[3]) / 2
                box = next((b for b in cells if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
            out.append(texts.get(box, "") if box is not None else "")
        if any(out):
            rows.append(out)
    return rows


def _cell_text(page: Any, box: tuple[float, float, float, float]) -> str:
    """A cell's text: lines wrapped at the cell's edge joined, separate lines (one unit a line) kept apart."""
    lines = page.filter(lambda obj: _centre_in(obj, box)).extract_text_lines(return_chars=False)
    return "\n".join(_paragraphs(lines, right=box[2] - _CELL_PADDING, cell=True))


def _centre_in(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    """Whether a character's centre lies in the box (a glyph's box may reach over a cell's border)."""
    if obj.get("object_type") != "char":
        return False
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _drop_running_heads(pages: list[list[Any]]) -> None:
    """Remove the lines that open or close most pages with the same words (a running head, the
    document number, a page number in words): compared with their digits blanked."""
    if len(pages) < 2:
        return
    seen: Counter[tuple[str, int]] = Counter()
    for items in pages:
        lines = [i for i in items if isinstance(i, dict)]
        seen.update({_head_key(i) for i in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    repeated = {key for key, count in seen.items() if count >= max(2, (len(pages) + 1) // 2)}
    for items in pages:
        lines = [i for i in items if isinstance(i, dict)]
        edges = {id(i) for i in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}
        items[:] = [
            i
            for i in items
            if not (isinstance(i, dict) and id(i) in edges and _head_key(i) in repeated and not _body_line(i["text"]))
        ]


def _head_key(line: dict[str, Any]) -> tuple[str, int]:
    """A line's words (digits blanked) and its height on the page: a running head stands where it stood."""
    return _shape(line["text"]), round(line["top"] / 6)


def _body_line(text: str) -> bool:
    """A line of the plan's own that may repeat at a page's edge: a numbered item or a role's list
    (牵头领导：省政府分管领导同志 opens many tasks), never a running head."""
    line = clean_line(text)
    return marker(line) is not None or LABEL.match(line) is not None


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _paragraphs(lines: list[dict[str, Any]], right: float | None = None, cell: bool = False) -> list[str]:
    """Lines to paragraphs: a line that reaches the right edge of the text goes on in the next line,
    unless that one is indented or opens with a number (1. / （二） / 三、)."""
    if not lines:
        return []
    size = sorted(line["bottom"] - line["top"] for line in lines)[len(lines) // 2] or 10.0
    right = right or max(line["x1"] for line in lines)
    left = min(line["x0"] for line in lines)
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for line in lines:
        text = clean_line(line["text"])
        if not text:
            continue
        # A line that fills its width goes on in the next one: in a cell, centred text fills it without
        # reaching the right edge, and its next line is centred too (区发改经信 / 局).
        # Two characters short still fills it: a break may not open a line with 、 or ， and takes the
        # character before along (…城建 / 局、区商务局).
        slack = (2.2 if cell or (out and not out[-1].endswith(_ENDS)) else 1.2) * size
        unclosed = bool(out) and sum(out[-1].count(c) for c in "(（") > sum(out[-1].count(c) for c in ")）")
        full = previous is not None and (
            previous["x1"] >= right - slack
            or (cell and previous["x1"] - previous["x0"] >= right - left - slack)
            or (unclosed and not cell)  # a role's list runs on to its closing parenthesis
        )
        joins = (
            previous is not None
            and out
            and full
            and (cell or line["x0"] <= left + 0.8 * size)
            and line["top"] - previous["bottom"] < 1.2 * size
            and marker(text) is None
            and not (cell and UNIT_END.search(out[-1]) and UNIT_START.match(text))  # a unit a line
        )
        if joins:
            out[-1] += text
        else:
            out.append(text)
        previous = line
    return out
