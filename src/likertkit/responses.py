"""Reading and validating your own survey's files: the scale, the missing codes, the items and the responses.

Nothing here counts answers (see :mod:`likertkit.counting`) or writes anything. Every problem is an
:class:`~likertkit.errors.InputError` naming the file, its line, the column and the value.

The rules, as the README states them:

* every cell is read as text, exactly as written: ``NA``, ``null`` or ``#N/A`` are answers like any
  other (declare them in ``MISSING`` if they mean "no answer"), item ids such as ``01`` stay ``01``;
* a record with a blank respondent id and no answer at all (a spreadsheet's trailing empty row) is
  skipped and counted in the cleaning log; any other record needs an id;
* records are numbered by the file line they start on (blank lines and line breaks inside quoted
  fields are counted as a text editor counts them).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from .cleaning import read_scale
from .errors import InputError
from .files import first_ragged_record, header_names, line_number, read_csv_strict, read_utf8_bytes, record_line

RESPONDENT_ID = "respondent_id"
ITEM_COLUMNS = ("item", "label", "group")
# Item columns are read as text, exactly as written (in this Arrow version plain strings read faster than
# dictionary-encoded ones: 1.6 s against 2.9 s for 600,000 x 100).
ANSWER_TYPE = pa.string()


@dataclass(frozen=True)
class MissingAnswers:
    """What ``MISSING`` declares as "no answer": whole-number codes and text labels (matched in any case)."""

    codes: frozenset = frozenset()
    labels: frozenset = frozenset()

    def describe(self) -> str:
        return ", ".join([*map(str, sorted(self.codes)), *(repr(label) for label in sorted(self.labels))])

    def __bool__(self):
        return bool(self.codes or self.labels)


def parse_whole_number(text: str):
    """``'2'``, ``' 2 '``, ``'+2'``, ``'02'``, ``'2.0'``, ``'2.00'`` -> 2; anything else (``'2.5'``, ``'1e0'``) -> None."""
    text = text.strip()
    whole, dot, fraction = text.partition(".")
    digits = whole.lstrip("+-")
    if not digits.isdigit() or not digits.isascii() or len(whole) - len(digits) > 1:
        return None
    if dot and (not fraction or fraction.strip("0")):
        return None
    return int(whole)


def parse_missing(text, scale: pd.DataFrame) -> MissingAnswers:
    """``'9,99'`` or ``'9,"Don\\'t know"'`` -> the missing codes and labels; none may be an answer on the scale."""
    text = str(text or "")
    try:
        parts = next(csv.reader([text], skipinitialspace=True), []) if text.strip() else []
    except csv.Error as err:
        raise InputError("MISSING", f"cannot read {text!r}: {err}") from None
    codes, labels = set(), set()
    for part in (p.strip() for p in parts):
        if not part:
            continue
        number = parse_whole_number(part)
        if number is not None:
            codes.add(number)
        else:
            labels.add(part.casefold())
    clash = sorted(codes & set(scale["code"]))
    if clash:
        raise InputError("MISSING", f"missing code(s) {', '.join(map(str, clash))} are also answers on the scale")
    clash = sorted(labels & {label.casefold() for label in scale["label"]})
    if clash:
        raise InputError("MISSING", f"missing label(s) {', '.join(map(repr, clash))} are also answers on the scale")
    return MissingAnswers(frozenset(codes), frozenset(labels))


def scale_warnings(scale: pd.DataFrame, file) -> list[str]:
    """A label that reads as another category's code is ambiguous in the answers: the code wins."""
    warnings = []
    codes = set(scale["code"])
    for code, label in zip(scale["code"], scale["label"]):
        number = parse_whole_number(label)
        if number is not None and number in codes and number != code:
            warnings.append(f"{Path(file).name}: the label {label!r} of code {code} is also the code {number}; "
                            f"an answer {label!r} is read as code {number}")
    return warnings


def read_items(path) -> pd.DataFrame:
    """The item table: ``item`` (a column of the responses), ``label``, ``group``; items unique, all text."""
    items = read_csv_strict(path, ITEM_COLUMNS)
    seen = {}
    for index, name, label in zip(items.index, items["item"].str.strip(), items["label"]):
        line = line_number(index)
        if not name:
            raise InputError(path, "item name is empty", line, "item")
        if name == RESPONDENT_ID:
            raise InputError(path, f"{RESPONDENT_ID!r} is the respondent column, not an item", line, "item")
        if name in seen:
            raise InputError(path, f"item {name!r} appears twice (also on line {seen[name]})", line, "item")
        if not label.strip():
            raise InputError(path, f"item {name!r} has no label", line, "label")
        seen[name] = line
    return items.assign(item=items["item"].str.strip(), label=items["label"].str.strip(), group=items["group"].str.strip())


@dataclass
class Responses:
    """The responses as read: the path, the CSV's bytes (for line numbers; None for Parquet), the column
    names and an Arrow table of the respondent id and the items, every cell as text."""

    path: Path
    raw: bytes | None
    header: list
    table: pa.Table
    skipped_empty_rows: int = 0
    kept_records: np.ndarray | None = None  # the records left after skipping empty ones, when any were

    def _record(self, row: int) -> int:
        return int(self.kept_records[row]) if self.kept_records is not None else int(row)

    def place(self, row: int) -> str:
        """Where row ``row`` of :attr:`table` is in the file: ``'line 7'`` (CSV) or ``'row 5'`` (Parquet)."""
        if self.raw is None:
            return f"row {self._record(row) + 1}"
        return f"line {record_line(self.path, self.raw, self._record(row))}"

    def where(self, row: int, respondent=None) -> dict:
        """``line`` and ``record`` for an :class:`~likertkit.errors.InputError` about row ``row``."""
        who = f"respondent {respondent}" if respondent is not None else None
        if self.raw is None:
            return dict(line=None, record=", ".join(p for p in (self.place(row), who) if p))
        return dict(line=int(self.place(row).split()[1]), record=who)


PARQUET_SUFFIXES = (".parquet", ".pq")


def read_responses(path, item_names) -> Responses:
    """The respondent id and item columns as an Arrow table, every cell as text, after checking the header.

    ``path`` is a UTF-8 CSV file, or a Parquet file or a folder of Parquet files (a partitioned dataset).
    """
    path = Path(path)
    if path.is_dir() or path.suffix.lower() in PARQUET_SUFFIXES:
        return _drop_empty_records(read_parquet_responses(path, item_names))
    raw = read_utf8_bytes(path)
    header = header_names(path, raw)
    _check_names(path, header, item_names)
    position = {name: i for i, name in enumerate(header)}
    raw_names = header_names(path, raw, strip=False)  # Arrow names columns as written, spaces and all
    wanted = [raw_names[position[name]] for name in [RESPONDENT_ID, *item_names]]
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(raw),
            read_options=pa_csv.ReadOptions(use_threads=True),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                include_columns=wanted, null_values=[], strings_can_be_null=False, quoted_strings_can_be_null=False,
                column_types={raw_names[position[RESPONDENT_ID]]: pa.string(),
                              **{name: ANSWER_TYPE for name in wanted[1:]}}))
    except pa.ArrowInvalid as err:
        ragged = first_ragged_record(path, raw)
        if ragged:
            raise InputError(path, f"has {ragged[1]} field(s) where the header has {ragged[2]}", ragged[0]) from None
        raise InputError(path, f"not a well-formed CSV file: {err}") from None
    table = table.rename_columns([RESPONDENT_ID, *item_names])
    if table.num_rows == 0:
        raise InputError(path, "file has a header but no data rows")
    responses = Responses(path, raw, header, table)
    return _drop_empty_records(responses)


def _drop_empty_records(responses: Responses) -> Responses:
    """Records with a blank id and no answers (a spreadsheet's trailing empty rows) are skipped, and counted.

    Only records whose id is blank are looked at (usually none), so this costs one pass over the id column.
    """
    table = responses.table
    blank_id = pc.equal(pc.utf8_trim_whitespace(table.column(RESPONDENT_ID)), "")
    candidates = np.flatnonzero(np.asarray(blank_id.to_numpy(zero_copy_only=False)))
    if not len(candidates):
        return responses
    rows = table.take(pa.array(candidates))
    empty = np.ones(len(candidates), dtype=bool)
    for name in rows.column_names[1:]:
        text = pc.utf8_trim_whitespace(pc.cast(rows.column(name), pa.string()))
        empty &= np.asarray(pc.equal(text, "").to_numpy(zero_copy_only=False))
    if empty.any():
        keep = np.ones(table.num_rows, dtype=bool)
        keep[candidates[empty]] = False
        responses.table = table.filter(pa.array(keep))
        responses.skipped_empty_rows = int(empty.sum())
        responses.kept_records = np.flatnonzero(keep)
    return responses


def _check_names(path, header, item_names):
    if RESPONDENT_ID not in header:
        raise InputError(path, f"required column {RESPONDENT_ID!r} is missing; found: {', '.join(header)}", 1)
    present = set(header)
    absent = [name for name in item_names if name not in present]
    if absent:
        raise InputError(path, f"item(s) listed in the items file but not in the responses: {', '.join(absent)}", 1)


def read_parquet_responses(path: Path, item_names) -> Responses:
    """A Parquet file or folder through pyarrow's dataset API: typed values become text (``2``, ``2.0``), nulls blank."""
    import pyarrow.dataset as ds

    if not path.exists():
        raise InputError(path, "file not found")
    try:
        dataset = ds.dataset(path, format="parquet")
        header = list(dataset.schema.names)
        _check_names(path, header, item_names)
        table = dataset.to_table(columns=[RESPONDENT_ID, *item_names])
    except (pa.ArrowInvalid, OSError) as err:
        raise InputError(path, f"not a readable Parquet file or folder: {err}") from None
    columns = []
    for name in table.column_names:
        column = table.column(name)
        if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            column = pc.cast(column, pa.string())
        columns.append(pc.fill_null(column, ""))
    table = pa.table(columns, names=[RESPONDENT_ID, *item_names])
    if table.num_rows == 0:
        raise InputError(path, "has no rows")
    return Responses(path, None, header, table)


def respondent_ids(responses: Responses) -> pa.Array:
    """The respondent ids, trimmed; blank or duplicated ids are errors naming the line."""
    ids = pc.utf8_trim_whitespace(responses.table.column(RESPONDENT_ID).combine_chunks())
    blank = pc.equal(ids, "")
    if pc.any(blank).as_py():
        row = int(pc.index(blank, True).as_py())
        raise InputError(responses.path, "respondent id is empty", column=RESPONDENT_ID, **responses.where(row))
    if pc.count_distinct(ids).as_py() < len(ids):
        series = pd.Series(ids.to_pylist())
        row = int(np.flatnonzero(series.duplicated().to_numpy())[0])
        first = int(np.flatnonzero((series == series[row]).to_numpy())[0])
        raise InputError(responses.path, f"respondent id {series[row]!r} appears twice (also on "
                                         f"{responses.place(first)})", column=RESPONDENT_ID,
                         **responses.where(row, series[row]))
    return ids
