"""What a survey file is, and how to open it: :func:`open_source` looks at a file's first bytes, not only its name
(a file that is not what its name says is refused with what it looks like: "responses.sav is not an SPSS file: it
looks like a CSV text file"), and hands it to its format's module (:mod:`likertkit.io.formats`, by
:data:`READERS`), which gives a :class:`Source`: how to read the file, and, for the formats read whole (Excel,
SPSS, Stata, R), every cell as text with the file's variable labels, value labels and declared missing values.
CSV and Parquet are streamed by :mod:`likertkit.io.responses`, never read whole.

Examples
--------
>>> describe_kind("sav")
'an SPSS .sav file'
"""

from __future__ import annotations

import codecs
import importlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from likertkit.errors import InputError
from likertkit.io.files import check_regular

__all__ = ["FIRST_LINE", "KINDS", "READERS", "SNIFF_BYTES", "SUFFIXES", "Source", "cell_text", "describe_kind",
           "first_line", "kind_by_content", "open_source", "optional_module", "text_table"]

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




def cell_text(value) -> str:
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


def text_table(header: list, rows: list) -> pa.Table:
    """A table of text from a header and rows of cells (:func:`cell_text`), as the formats read whole give it."""
    names = [cell_text(name).strip() for name in header]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return pa.table([pa.array([cell_text(v) for v in column], type=pa.string()) for column in columns],
                    names=names)


def optional_module(module: str, extra: str, path: Path, kind: str):
    """An optional reader's module, or an error saying how to install it (``pip install 'likertkit[spss]'``)."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(path, f"is {describe_kind(kind)}; reading it needs the package {module}, which is not "
                               f"installed here: pip install 'likertkit[{extra}]' (or save the survey as CSV)") from None


# Each kind of file that can be read, and the module of likertkit.io.formats that opens it.
READERS = {"csv": "text", "xlsx": "excel", "sav": "stats", "dta": "stats", "r": "rdata", "parquet": "parquet"}


def open_source(path, encoding: str = "", delimiter: str = "") -> Source:
    """Open a survey file: check it is what its name says, and learn how to read it (its format's module)."""
    path = Path(path)
    check_regular(path)
    if path.is_dir():  # a partitioned Parquet dataset
        return _reader("parquet").open_file(path, "parquet")
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
    if by_content not in READERS:
        raise InputError(path, f"looks like {describe_kind(by_content)}, which cannot be read" + _hint(by_content))
    if (encoding or delimiter) and by_content != "csv":
        raise InputError("ENCODING" if encoding else "DELIMITER", f"applies to text files only; {path.name} is "
                         f"{describe_kind(by_content)}")
    return _reader(by_content).open_file(path, by_content, encoding, delimiter)


def _reader(kind: str):
    """The module of :mod:`likertkit.io.formats` that opens files of ``kind``, imported when first needed."""
    return importlib.import_module(f"likertkit.io.formats.{READERS[kind]}")


def _hint(kind: str) -> str:
    return {"xls": " (save it as .xlsx or CSV)", "zip": " (unpack it first)",
            "pdf": " (a survey's data are needed, not a report)"}.get(kind, "")


FIRST_LINE = re.compile(r"[^\r\n]*")


def first_line(name: str) -> str:
    """The first line of a header (platform exports put question text below the short name)."""
    return FIRST_LINE.match(name).group(0).strip()
