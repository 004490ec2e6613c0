"""Old Office and WPS files: .xls / .et workbooks read natively with xlrd, .doc / .wps documents converted by
LibreOffice (`soffice --headless --convert-to docx`) when it is installed, else read natively from the
Word binary's piece table (olefile); either way a file that cannot be read gets one line saying why."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from plan.reader import SHEET, Block, Paragraph, PlanError, Table
from plan.text import clean_line

SOFFICE_SECONDS = 120  # a conversion that takes longer is given up
WORD_SUFFIXES = (".doc", ".wps")
SHEET_SUFFIXES = (".xls", ".et")


def soffice() -> str | None:
    """The LibreOffice command, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_blocks(path: Path, suffix: str) -> list[Block]:
    """A .doc, .wps, .xls or .et file's blocks; `suffix` is the kind the file is (its ending, or its content's)."""
    if suffix in SHEET_SUFFIXES:
        try:
            return xls_blocks(path)
        except PlanError:
            if soffice() is None:
                raise
            from plan.reader import xlsx_blocks

            with tempfile.TemporaryDirectory(prefix="duban-convert-") as folder:
                return xlsx_blocks(convert(path, suffix, "xlsx", Path(folder)))
    if soffice() is not None:
        from plan.reader import docx_blocks

        try:
            with tempfile.TemporaryDirectory(prefix="duban-convert-") as folder:
                return docx_blocks(convert(path, suffix, "docx", Path(folder)))
        except PlanError:
            pass  # LibreOffice could not run here (a memory limit, a broken profile): read the file natively
    return doc_blocks(path)


def convert(path: Path, suffix: str, to: str, folder: Path) -> Path:
    """The file converted by LibreOffice into `folder` as `to` (docx, xlsx); PlanError when it cannot be."""
    command = soffice()
    if command is None:
        raise PlanError(f"{path.name}: {suffix} files need LibreOffice (soffice) to be read; save it as .docx or .xlsx")
    # LibreOffice picks its import filter by a file's ending: a WPS file is given the ending of its kind.
    source = folder / ("source" + {".wps": ".doc", ".et": ".xls"}.get(suffix, suffix))
    shutil.copyfile(path, source)
    profile = folder / "profile"  # a profile of its own: no clash with another LibreOffice running
    try:
        subprocess.run(
            [
                command,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(folder),
                str(source),
            ],
            capture_output=True,
            timeout=SOFFICE_SECONDS,
            check=False,
            env={**os.environ, "HOME": str(folder)},
        )
    except subprocess.TimeoutExpired:
        raise PlanError(f"{path.name}: LibreOffice took over {SOFFICE_SECONDS} s to convert it") from None
    except OSError as exc:
        raise PlanError(f"{path.name}: LibreOffice could not be started: {exc}") from None
    out = source.with_suffix("." + to)
    if not out.exists() or out.stat().st_size == 0:
        raise PlanError(f"{path.name}: LibreOffice could not convert it; is it a {suffix} file?")
    return out


def xls_blocks(path: Path) -> list[Block]:
    """An Excel 97–2003 workbook (or a WPS .et saved in its format): each sheet a table, merged cells filled."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=False)
    except (xlrd.XLRDError, AssertionError, struct.error, ValueError, IndexError, KeyError, OSError) as exc:
        raise PlanError(f"{path.name} is not an Excel 97–2003 workbook (.xls): {exc}") from None
    except NotImplementedError:  # formatting_info is not kept for some files: read them without
        book = xlrd.open_workbook(str(path))
    blocks: list[Block] = []
    sheets = book.sheets()
    for sheet in sheets:
        merged: dict[tuple[int, int], object] = {}
        for r0, r1, c0, c1 in getattr(sheet, "merged_cells", []):
            value = _xls_value(book, sheet.cell(r0, c0))
            for r in range(r0, r1):
                for c in range(c0, c1):
                    merged[(r, c)] = value
        rows: list[list[str]] = []
        for r in range(sheet.nrows):
            cells = [
                clean_line(str(merged.get((r, c), _xls_value(book, sheet.cell(r, c))))) for c in range(sheet.ncols)
            ]
            if any(cells):
                rows.append(cells)
        if rows and len(sheets) > 1:
            named = not re.fullmatch(r"(?i)(sheet|工作表|表)\s*\d*", sheet.name.strip())
            rows.insert(0, [SHEET + (sheet.name.strip() if named else "")] + [""] * (len(rows[0]) - 1))
        if rows:
            blocks.append(Table(rows))
    return blocks


def _xls_value(book: object, cell: object) -> str:
    import xlrd

    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, book.datemode)  # type: ignore[attr-defined]
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(value)
        return moment.strftime("%Y年%m月%d日")
    if kind == xlrd.XL_CELL_NUMBER and float(value).is_integer():
        return str(int(value))
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(value)


def doc_text(path: Path) -> str:
    """The main text of a Word 97–2003 (or WPS) document, from its piece table: paragraphs end in \\r,
    table cells in \\x07 (a row's end is one more \\x07)."""
    import olefile

    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError) as exc:
        raise PlanError(f"{path.name} is not a Word 97–2003 or WPS document: {exc}") from None
    with ole:
        if not ole.exists("WordDocument"):
            raise PlanError(f"{path.name} is not a Word 97–2003 or WPS document (no WordDocument stream)")
        word = ole.openstream("WordDocument").read()
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise PlanError(f"{path.name} is encrypted; save it without a password")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise PlanError(f"{path.name}: the document's {table_name} stream is missing")
        table = ole.openstream(table_name).read()
    csw = struct.unpack_from("<H", word, 32)[0]
    lw_at = 32 + 2 + csw * 2
    cslw = struct.unpack_from("<H", word, lw_at)[0]
    ccp_text = struct.unpack_from("<i", word, lw_at + 2 + 3 * 4)[0]
    pairs_at = lw_at + 2 + cslw * 4 + 2
    fc_clx, lcb_clx = struct.unpack_from("<II", word, pairs_at + 33 * 8)
    clx = table[fc_clx : fc_clx + lcb_clx]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
    if at >= len(clx) or clx[at] != 0x02:
        raise PlanError(f"{path.name}: the document's text table cannot be read")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5 : at + 5 + size]
    count = (size - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    text: list[str] = []
    for i in range(count):
        fc = struct.unpack_from("<I", plc, (count + 1) * 4 + i * 8 + 2)[0]
        length = cps[i + 1] - cps[i]
        if fc & 0x40000000:
            start = (fc & ~0x40000000) // 2
            text.append(word[start : start + length].decode("cp1252", errors="replace"))
        else:
            text.append(word[fc : fc + 2 * length].decode("utf-16-le", errors="replace"))
    return "".join(text)[:ccp_text]


_FIELD = re.compile(r"\x13[^\x13\x14\x15]*\x14?|\x15")  # a field's code (HYPERLINK …) is not its text


def doc_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables of a Word 97–2003 document read without LibreOffice: a table's width is that
    of its first row (up to the first empty mark, the row's end), and each later row has as many cells."""
    raw = _FIELD.sub("", doc_text(path)).replace("\x0b", "\n").replace("\x0c", "\r")
    raw = re.sub(r"[\x00-\x06\x08\x0e-\x12\x16-\x1f]", "", raw)
    blocks: list[Block] = []
    for run in re.split(r"((?:[^\r\x07]*\x07)+(?:\x07)?)", raw):
        if "\x07" not in run:
            blocks.extend(Paragraph(line) for piece in run.split("\r") if (line := clean_line(piece)))
            continue
        blocks.extend(_doc_table(run))
    return blocks


def _doc_table(run: str) -> list[Block]:
    """A table's cells, each ended by \x07, a row ended by one more: an empty mark ends a row when the row
    is full (the first row's width) or holds one cell (a heading merged across); else it is an empty cell."""
    tokens = run.split("\x07")
    if tokens and tokens[-1] == "":
        tokens.pop()
    width = tokens.index("") if "" in tokens else len(tokens)
    rows: list[list[str]] = [[]]
    for token in tokens:
        row = rows[-1]
        if token == "" and (len(row) >= width or len(row) == 1):
            rows.append([])
            continue
        row.append(clean_line(token.replace("\r", "\n")))
        if len(row) > width:  # no end mark where one was due: a new row begins
            rows[-1], extra = row[:width], row[width:]
            rows.append(extra)
    table = [r + [""] * (width - len(r)) if len(r) > 1 else r * width for r in rows if any(r)]
    return [Table(table)] if table else []
