"""What a survey file is, and how to read it: CSV or TSV in any common encoding and delimiter, Excel, SPSS,
Stata and Parquet.

:func:`open_source` looks at a file's first bytes, not only its name: a file that is not what its name says
is refused with what it looks like ("responses.sav is not an SPSS file: it looks like a CSV text file").
For text files it detects the encoding (UTF-8 with or without a byte-order mark, else Windows-1252) and
the delimiter (comma, semicolon, tab or bar; a space only when nothing else splits the header) unless told, and
says what it found, for the cleaning log.
Excel, SPSS and Stata files are read whole with the maintained readers (openpyxl, pyreadstat), every cell
as text, with SPSS/Stata variable labels, value labels and declared missing values kept for the caller.
CSV and Parquet are streamed by :mod:`likertkit.io.responses`, never read whole.

Examples
--------
>>> detect_delimiter('id;q1;"a, b";q2')
';'
>>> describe_kind("sav")
'an SPSS .sav file'
"""

from __future__ import annotations

import codecs
import csv
import itertools
import numbers
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from likertkit.errors import InputError
from likertkit.io.files import (
    check_line_lengths,
    check_regular,
    csv_records,
    first_undecodable,
    holds_utf8_characters,
    not_utf8_error,
)
from likertkit.wording import plural

__all__ = ["DELIMITERS", "DELIMITER_NAMES", "FIRST_LINE", "FRAME_NAME", "KINDS", "MAX_UNPACKED_BYTES",
           "MAX_XLSX_CELLS", "SNIFF_BYTES", "SUFFIXES", "Source", "declared_missing", "describe_kind",
           "detect_delimiter", "detect_encoding", "extra_header_rows", "first_line", "frame_source",
           "kind_by_content", "open_source"]

KINDS = {"csv": "a CSV text file", "parquet": "a Parquet file", "xlsx": "an Excel .xlsx workbook",
         "xls": "an old Excel .xls workbook", "sav": "an SPSS .sav file", "dta": "a Stata .dta file",
         "zip": "a ZIP archive", "pdf": "a PDF document", "binary": "a binary file of unknown type",
         "r": "an R data file (.rds, .RData)", "compressed": "a compressed file",
         "frame": "a DataFrame in memory"}


SUFFIXES = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tab": "csv", ".parquet": "parquet", ".pq": "parquet",
            ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".sav": "sav", ".zsav": "sav", ".dta": "dta",
            ".rds": "r", ".rdata": "r", ".rda": "r"}
# R's own formats (saveRDS, save), uncompressed, and the compressions R writes them with by default (gzip, bzip2, xz).
_R_HEADS = (b"X\n", b"A\n", b"B\n", b"RDX2", b"RDX3", b"RDA2", b"RDA3", b"RDB2", b"RDB3")
_COMPRESSED_HEADS = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")


DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar", " ": "space"}


DELIMITER_NAMES = {"comma": ",", ",": ",", "semicolon": ";", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t",
                   "space": " ",
                   "bar": "|", "pipe": "|", "|": "|"}


SNIFF_BYTES = 1 << 16


def describe_kind(kind: str) -> str:
    return KINDS[kind]


@dataclass
class Source:
    """A survey file, opened: what it is, how its text is written, and (for Excel, SPSS, Stata) its cells."""

    path: Path
    kind: str
    encoding: str = "utf-8"
    delimiter: str = ","
    table: pa.Table | None = None  # Excel, SPSS, Stata: every cell as text, read whole
    first_row: int = 1  # the user's number for data record 0: 2 in a spreadsheet (row 1 is the header)
    header_rows: int = 1  # CSV records before the data: the header, and a platform export's extra header rows
    variable_labels: dict = field(default_factory=dict)  # column -> its label (SPSS, Stata)
    value_labels: dict = field(default_factory=dict)  # column -> {code: label} (SPSS, Stata)
    user_missing: dict = field(default_factory=dict)  # column -> [codes declared missing] (SPSS)
    notes: list = field(default_factory=list)  # what was detected, for the cleaning log
    left_out: list = field(default_factory=list)  # what the file holds that is not read (logged as anomalies)
    question_text: dict = field(default_factory=dict)  # column -> its question, from a platform export's header rows

    @property
    def is_csv(self) -> bool:
        return self.kind == "csv"

    @property
    def row_word(self) -> str:
        return {"csv": "line", "xlsx": "row", "sav": "case", "dta": "observation"}.get(self.kind, "row")

    def place(self, record: int) -> str:
        """Where data record ``record`` (0 = the first) is, in the file's own terms (not for CSV: see responses)."""
        return f"{self.row_word} {record + self.first_row}"


def kind_by_content(head: bytes, path: Path) -> str:
    """What a file's first bytes say it is."""
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                return "xlsx" if "xl/workbook.xml" in archive.namelist() else "zip"
        except zipfile.BadZipFile:
            return "zip"
    if head.startswith((b"$FL2", b"$FL3")):
        return "sav"
    if head.startswith(b"<stata_dta>") or (len(head) > 1 and head[0] in (113, 114, 115) and head[1] in (1, 2)):
        return "dta"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_R_HEADS):
        return "r"
    if head.startswith(_COMPRESSED_HEADS):
        return "r" if path.suffix.lower() in (".rds", ".rdata", ".rda") else "compressed"
    if b"\x00" in head[:4096] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary"
    return "csv"


def detect_encoding(path: Path, given: str = "") -> tuple[str, str]:
    """``(encoding, note)``: the given one (checked), else UTF-8 (with or without BOM), else Windows-1252."""
    if given:
        try:
            name = codecs.lookup(given).name
        except LookupError:
            raise InputError("ENCODING", f"{given!r} is not an encoding Python knows (e.g. utf-8, windows-1252, latin-1)") from None
        _decode_all(path, name, given=True)
        return name, f"encoding {given} (given)"
    with open(path, "rb") as stream:
        bom = stream.read(3) == codecs.BOM_UTF8
    bad = first_undecodable(path, "utf-8")
    if bad is None:
        return ("utf-8-sig", "encoding UTF-8 with a byte-order mark (detected)") if bom else ("utf-8", "encoding UTF-8 (detected)")
    if bom or holds_utf8_characters(path):  # UTF-8 but for a few bytes: never re-read every label as Windows-1252
        with open(path, "rb") as stream:
            first = stream.read(SNIFF_BYTES).decode("utf-8", errors="replace").lstrip("\ufeff")
        delimiter = detect_delimiter(next((line for line in first.splitlines() if line.strip()), ""))
        raise not_utf8_error(path, bad[2], delimiter, "correct the byte, or give ENCODING= if the file is in "
                                                      "another encoding")
    if _decode_all(path, "cp1252", given=False):
        return "cp1252", "encoding Windows-1252 (detected: the file is not valid UTF-8)"
    raise InputError(path, "is neither UTF-8 nor Windows-1252 text; say its encoding with ENCODING=... (e.g. latin-1)")


def _decode_all(path: Path, encoding: str, given: bool) -> bool:
    """Does the whole file decode (:func:`likertkit.io.files.first_undecodable`)? With ``given``, a failure is an error
    naming the line."""
    bad = first_undecodable(path, encoding)
    if bad and given:
        raise InputError(path, f"is not valid {encoding} (byte {bad[1]:#04x})", bad[0])
    return bad is None


def detect_delimiter(header: str) -> str:
    """The delimiter of a header line: the candidate that splits it into the most fields, quotes respected (a
    split that leaves a quote inside a field is the wrong one); a space only when nothing else splits it
    (column names often hold spaces); comma when none does."""
    best, fields = ",", 1
    for candidate in DELIMITERS:
        if candidate == " " and fields > 1:
            break
        split = next(csv.reader([header], delimiter=candidate), [])
        if any('"' in field for field in split):
            continue
        if len(split) > fields:
            best, fields = candidate, len(split)
    return best


def _text_dialect(path: Path, encoding: str, delimiter: str) -> tuple[str, str, list]:
    check_line_lengths(path)
    encoding, note = detect_encoding(path, encoding)
    notes = [note]
    if delimiter:
        if delimiter not in DELIMITER_NAMES:
            raise InputError("DELIMITER", f"{delimiter!r} is not one of comma, semicolon, tab, bar, space")
        delimiter = DELIMITER_NAMES[delimiter]
        notes.append(f"delimiter {DELIMITERS[delimiter]} (given)")
    else:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES).decode(encoding, errors="replace")
        first = next((line for line in head.splitlines() if line.strip()), "")
        delimiter = detect_delimiter(first)
        notes.append(f"delimiter {DELIMITERS[delimiter]} (detected)")
    return encoding, delimiter, notes


# A survey platform's export puts more header rows under the column names: Qualtrics the question text and
# then {"ImportId":"QID1_1"} in every column; SurveyMonkey a row of "Response" and answer option texts.
_IMPORT_ID = re.compile(r'^\{"ImportId":')


_PLATFORM_WORDS = {"response", "open-ended response", "other (please specify)"}


def _is_header_row(fields: list, header: list) -> bool:
    filled = [f.strip() for f in fields if f.strip()]
    if len(filled) < max(1, len(header) // 2):
        return False
    if sum(bool(_IMPORT_ID.match(f)) for f in filled) >= len(filled) / 2:
        return True
    return sum(f.casefold() in _PLATFORM_WORDS for f in filled) >= len(filled) / 2


def _repeats_the_header(fields: list, header: list) -> bool:
    """A legacy Qualtrics export's second row: its first columns repeat their names (``ResponseID``, ``Status``)
    and its questions' columns hold the question text."""
    repeated = sum(f.strip() == h.strip() for f, h in zip(fields, header, strict=False) if f.strip())  # rows may be ragged
    return repeated >= 2 and repeated >= len(header) // 8 and not _looks_like_answers(fields)


def extra_header_rows(path: Path, encoding: str, delimiter: str) -> tuple[int, str, list]:
    """``(rows, platform, question texts)``: how many records after the header are a platform export's extra header
    rows (0, 1 or 2), whose export it is, and the row of question text under the names (or [])."""
    try:
        records = list(itertools.islice(csv_records(path, path, (encoding, delimiter)), 4))
    except InputError:
        return 0, "", []  # a malformed file: the reader names the line
    if len(records) < 3:
        return 0, "", []
    header = records[0][1]
    if _is_header_row(records[2][1], header) and not _looks_like_answers(records[1][1]):
        return 2, "Qualtrics (question text, then import ids)", records[1][1]
    if _repeats_the_header(records[1][1], header):
        return 1, "Qualtrics, legacy (a row of question text)", records[1][1]
    if _is_header_row(records[1][1], header):
        return 1, "SurveyMonkey (a row of answer options)", []
    return 0, "", []


def _looks_like_answers(fields: list) -> bool:
    """A row with some whole numbers in it is a respondent's, not a row of question texts."""
    return sum(f.strip().isdigit() for f in fields) >= max(2, len(fields) // 3)


def _cell_text(value) -> str:
    """A spreadsheet or statistics-package cell as the text a CSV would hold: 3.0 -> '3', None/NaN -> ''."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN: a system-missing value
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _table(header: list, rows: list) -> pa.Table:
    names = [_cell_text(name).strip() for name in header]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return pa.table([pa.array([_cell_text(v) for v in column], type=pa.string()) for column in columns],
                    names=names)


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


def _read_xlsx(path: Path) -> Source:
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
    source = Source(path, "xlsx", table=_table(rows[0], rows[1:]), first_row=2)
    source.notes.append(f"Excel workbook, first sheet {sheet.title!r} ({len(rows) - 1} data rows)")
    if others:
        source.left_out.append(f"not read: the workbook's other {plural('sheet', len(others))} "
                               f"{', '.join(map(repr, others))} (only the first sheet is read: put the survey first, "
                               "or save it as CSV)")
    return source


def _optional(module: str, extra: str, path: Path, kind: str):
    """An optional reader's module, or an error saying how to install it (``pip install 'likertkit[spss]'``)."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(path, f"is {describe_kind(kind)}; reading it needs the package {module}, which is not "
                               f"installed here: pip install 'likertkit[{extra}]' (or save the survey as CSV)") from None


def _read_stats_file(path: Path, kind: str) -> Source:
    pyreadstat = _optional("pyreadstat", "spss", path, kind)

    reader = pyreadstat.read_sav if kind == "sav" else pyreadstat.read_dta
    try:
        frame, meta = reader(str(path), user_missing=True, apply_value_formats=False)
    except Exception as err:  # pyreadstat.ReadstatError and friends
        raise InputError(path, f"cannot be read as {describe_kind(kind)}: {err}") from None
    rows = frame.itertuples(index=False, name=None)
    source = Source(path, kind, table=_table(list(frame.columns), list(rows)))
    source.variable_labels = {name: label for name, label in zip(meta.column_names, meta.column_labels, strict=True) if label}
    source.value_labels = {name: {_code(code): label for code, label in labels.items()}
                           for name, labels in meta.variable_value_labels.items()}
    for name, ranges in (getattr(meta, "missing_ranges", None) or {}).items():
        source.user_missing[name] = declared_missing(ranges, frame[name], source.value_labels.get(name, {}))
    source.notes.append(f"{describe_kind(kind)}: {frame.shape[0]} {source.row_word}s, "
                        f"{len(source.value_labels)} variables with value labels")
    return source


def _read_r(path: Path) -> Source:
    """An R data file (pyreadr): the data frame it holds (an .RData file's first, the others named in the log);
    each factor's levels, in order, are its value labels, coded 1, 2, … as R codes them."""
    pyreadr = _optional("pyreadr", "r", path, "r")
    try:
        frames = pyreadr.read_r(str(path))
    except Exception as err:  # pyreadr.custom_errors.LibrdataError and friends
        raise InputError(path, f"cannot be read as {describe_kind('r')}: {err}") from None
    frames = {name: frame for name, frame in frames.items() if hasattr(frame, "columns")}
    if not frames:
        raise InputError(path, "holds no data frame")
    name, frame = next(iter(frames.items()))
    source = Source(path, "r")
    source.table, source.value_labels = _frame_cells(frame)
    source.notes.append(f"{describe_kind('r')}: {f'data frame {name!r}' if name else 'its data frame'}, {frame.shape[0]} rows, "
                        f"{len(source.value_labels)} factors (their levels, in order, are the scale)")
    if len(frames) > 1:
        source.left_out.append(f"not read: the file's other data frames {', '.join(map(repr, list(frames)[1:]))} "
                               "(only the first is read: save the survey alone with saveRDS)")
    return source


def _frame_cells(frame) -> tuple[pa.Table, dict]:
    """A data frame's cells as text, as a CSV would hold them, and its categorical columns' categories, in order,
    as value labels coded 1, 2, … (as R codes a factor's levels)."""
    columns, value_labels = {}, {}
    for column in frame.columns:
        values = frame[column]
        if hasattr(values, "cat"):
            value_labels[str(column)] = {k + 1: str(level) for k, level in enumerate(values.cat.categories)}
            codes = values.cat.codes.to_numpy()
            columns[str(column)] = [str(code + 1) if code >= 0 else "" for code in codes]
        else:
            columns[str(column)] = [_cell_text(value) for value in values.tolist()]
    return pa.table({column: pa.array(texts, type=pa.string()) for column, texts in columns.items()}), value_labels


# How a data frame in memory is named in messages and the cleaning log, in place of a file's name.
FRAME_NAME = "the DataFrame"


def frame_source(frame) -> Source:
    """A pandas DataFrame in memory as a survey source: each cell as the text a CSV would hold (``3.0`` as
    ``3``, NaN and None as blank), its categorical columns' categories, in order, as value labels coded 1, 2, …
    (an ordered ``pd.Categorical`` of "Disagree" … "Agree" is a scale), and a named index (``respondent_id``) as
    a column. Rows are named as ``DataFrame.iloc`` counts them, from 0."""
    if frame.index.name is not None or frame.index.names[0] is not None:
        frame = frame.reset_index()
    names = [str(column) for column in frame.columns]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise InputError(FRAME_NAME, f"has two columns named {duplicated[0]!r}")
    source = Source(Path(FRAME_NAME), "frame", first_row=0)
    source.table, source.value_labels = _frame_cells(frame)
    source.notes.append(f"a DataFrame in memory: {len(frame)} rows, {len(source.value_labels)} categorical columns "
                        "(their categories, in order, are the scale)")
    return source


def _code(code):
    """A value label's code: a whole number as an int (``1.0`` -> ``1``), any other as it is (a string
    variable's ``'M'``)."""
    if isinstance(code, numbers.Real) and float(code).is_integer():
        return int(code)
    return code


def declared_missing(ranges: list, values, labels: dict) -> list:
    """The codes a statistics file declares missing, among those its column holds or labels: SPSS declares
    single values and ranges (``90`` to ``99999``); membership in a range is tested, never enumerated.

    >>> import pandas as pd
    >>> declared_missing([{"lo": 90, "hi": 99999}, {"lo": 8, "hi": 8}], pd.Series([1, 5, 99, 150, None]), {99: "No answer"})
    [8, 99, 150]
    """
    numeric = [(span["lo"], span["hi"]) for span in ranges
               if isinstance(span["lo"], numbers.Real) and isinstance(span["hi"], numbers.Real)]
    seen = {float(value) for value in values.dropna().unique() if isinstance(value, numbers.Real)}
    seen |= {float(code) for code in labels if isinstance(code, numbers.Real)}
    seen |= {low for low, high in numeric if low == high}
    codes = sorted(value for value in seen if any(low <= value <= high for low, high in numeric))
    return [int(code) if float(code).is_integer() else code for code in codes]


def _check_no_links(folder: Path) -> None:
    """A folder of Parquet files is read as it lies: a symbolic link in it (one to the folder itself would read every
    file again, and again) is an error naming it."""
    import os

    for top, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            if os.path.islink(os.path.join(top, name)):
                link = Path(top, name).relative_to(folder)
                raise InputError(folder, f"holds a symbolic link, {link.as_posix()}: a folder of Parquet files is "
                                         "read with no links in it (one may lead back into the folder); copy the "
                                         "files in instead")


def open_source(path, encoding: str = "", delimiter: str = "") -> Source:
    """Open a survey file: check it is what its name says, and learn how to read it."""
    path = Path(path)
    check_regular(path)
    if path.is_dir():
        _check_no_links(path)
        suffix = SUFFIXES.get(path.suffix.lower())
        if suffix and suffix != "parquet":
            raise InputError(path, f"is a folder, not {describe_kind(suffix)} as its name says")
        if not any(p.is_file() for p in path.rglob("*.parquet")) and not any(p.is_file() for p in path.rglob("*.pq")):
            raise InputError(path, "is a folder with no Parquet file (.parquet) in it" if any(path.iterdir()) else
                                   "is an empty folder")
        return Source(path, "parquet", notes=["a folder of Parquet files (a partitioned dataset)"])
    with open(path, "rb") as stream:
        head = stream.read(SNIFF_BYTES)
    if not head.strip():
        raise InputError(path, "file is empty")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or encoding.lower().replace("-", "").startswith(
            ("utf16", "utf32")):
        raise InputError(path, "is UTF-16 text (its byte-order mark says so), as Excel's 'Unicode Text' saves it: "
                               "save it as 'CSV UTF-8' instead" if not encoding else
                               f"ENCODING={encoding} cannot be read: save the file as UTF-8")
    by_content = kind_by_content(head, path)
    by_name = SUFFIXES.get(path.suffix.lower(), by_content)
    if by_name != by_content:
        raise InputError(path, f"is not {describe_kind(by_name)} as its name says: it looks like "
                         f"{describe_kind(by_content)}" + _hint(by_content))
    if by_content in ("xls", "zip", "pdf", "binary", "compressed"):
        raise InputError(path, f"looks like {describe_kind(by_content)}, which cannot be read" + _hint(by_content))
    if (encoding or delimiter) and by_content != "csv":
        raise InputError("ENCODING" if encoding else "DELIMITER", f"applies to text files only; {path.name} is "
                         f"{describe_kind(by_content)}")
    if by_content == "csv":
        encoding, delimiter, notes = _text_dialect(path, encoding, delimiter)
        extra, platform, questions = extra_header_rows(path, encoding, delimiter)
        if extra:
            notes.append(f"{extra} extra header row(s) after the header skipped: a {platform} export")
        source = Source(path, "csv", encoding=encoding, delimiter=delimiter, notes=notes, header_rows=1 + extra)
        source.question_text = {name.strip(): text.strip() for name, text in
                                zip(next(iter(csv_records(path, path, (encoding, delimiter))))[1], questions,
                                    strict=False)  # no row of questions: none
                                if text.strip() and text.strip() != name.strip()}
        return source
    if by_content == "xlsx":
        return _read_xlsx(path)
    if by_content in ("sav", "dta"):
        return _read_stats_file(path, by_content)
    if by_content == "r":
        return _read_r(path)
    return Source(path, "parquet")


def _hint(kind: str) -> str:
    return {"xls": " (save it as .xlsx or CSV)", "zip": " (unpack it first)",
            "pdf": " (a survey's data are needed, not a report)"}.get(kind, "")


FIRST_LINE = re.compile(r"[^\r\n]*")


def first_line(name: str) -> str:
    """The first line of a header (platform exports put question text below the short name)."""
    return FIRST_LINE.match(name).group(0).strip()
