"""Excel workbooks (.xlsx, read with openpyxl): the first sheet, every cell as the text a CSV would hold, up to its
last filled cell; a sheet reaching far beyond its data, a workbook unpacking to more than a gigabyte, or a formula
whose value was never saved is an error naming the cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

from likertkit.errors import InputError
from likertkit.io.sources import Source, text_table
from likertkit.wording import plural

__all__ = ["MAX_UNPACKED_BYTES", "MAX_XLSX_CELLS", "open_file"]

# A worksheet may name a cell as far out as XFD1048576 in a few bytes; a survey spreadsheet this large (rows x
# columns up to its last filled cell) is refused rather than built out in memory.
MAX_XLSX_CELLS = 20_000_000


def _sheet_rows(path: Path, sheet, formulas) -> list:
    """The sheet's rows up to its last filled column, streamed (the sheet's own dimensions are not trusted). A
    formula without a saved value (a workbook written by a program, never opened in Excel) is an
    error naming its cell, never a blank."""
    from openpyxl.utils import get_column_letter

    sheet.reset_dimensions()
    formulas.reset_dimensions()
    rows, width, height = [], 0, 0
    for number, (values, written) in enumerate(zip(sheet.iter_rows(values_only=True),
                                                   formulas.iter_rows(values_only=True), strict=True), start=1):
        values = list(values)
        # the sheet read for values and read for formulas: rows as long, as the same sheet's
        for column, (value, formula) in enumerate(zip(values, written, strict=True), start=1):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                raise InputError(path, f"cell {get_column_letter(column)}{number} holds a formula with no saved value "
                                       "(the workbook was written by a program and never calculated): open and save it "
                                       "in Excel or LibreOffice, or save the sheet as CSV", place=f"row {number}",
                                 column=get_column_letter(column))
        filled = [i for i, value in enumerate(values) if value not in (None, "")]
        if filled:
            width, height = max(width, filled[-1] + 1), number
            if width * height > MAX_XLSX_CELLS:
                raise InputError(path, f"the first sheet reaches cell {get_column_letter(width)}{height}: {height:,} "
                                       f"rows by {width:,} columns is more than a survey sheet holds; delete the stray "
                                       "cells far from the data, or save the sheet as CSV", place=f"row {number}")
        rows.append(values[:width] if filled else [])
    if len(rows) * width > MAX_XLSX_CELLS:  # empty rows below the data (kept: they are skipped and counted)
        rows = rows[:height]
    return [row + [None] * (width - len(row)) for row in rows]


MAX_UNPACKED_BYTES = 1 << 30  # an .xlsx unpacks to this at most (Excel's largest sheets are well below it)


def open_file(path: Path, kind: str = "xlsx", encoding: str = "", delimiter: str = "") -> Source:
    """The workbook's first sheet as a table of text, its other sheets named in the log."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(path, f"unpacks to {unpacked / (1 << 30):.1f} GB, more than the {MAX_UNPACKED_BYTES >> 30} GB "
                               "this tool reads from a workbook: save the sheet as CSV")

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except Exception as err:  # openpyxl raises many kinds for a damaged workbook
        raise InputError(path, f"is not a readable Excel workbook: {err}") from None
    sheet = workbook.worksheets[0]
    others = [other.title for other in workbook.worksheets[1:]]
    try:
        rows = _sheet_rows(path, sheet, formulas.worksheets[0])
    finally:
        workbook.close()
        formulas.close()
    if not rows:
        raise InputError(path, f"the first sheet ({sheet.title!r}) is empty")
    source = Source(path, "xlsx", table=text_table(rows[0], rows[1:]), first_row=2)
    source.notes.append(f"Excel workbook, first sheet {sheet.title!r} ({len(rows) - 1} data rows)")
    if others:
        source.left_out.append(f"not read: the workbook's other {plural('sheet', len(others))} "
                               f"{', '.join(map(repr, others))} (only the first sheet is read: put the survey first, "
                               "or save it as CSV)")
    return source
