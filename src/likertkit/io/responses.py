"""Reading and validating your own survey's files: the scale, the missing codes, the items and the responses.

The responses are read as a stream of record batches; each item's distinct answer texts are tallied as
they go by. What an answer means on the scale is decided in :mod:`likertkit.counting`; nothing here writes
anything. Every problem is an :class:`~likertkit.errors.InputError` naming the file, its line, the column
and the value.

The rules, as the README states them:

* every cell is read as text, exactly as written: ``NA``, ``null`` or ``#N/A`` are answers like any
  other (declare them in ``MISSING`` if they mean "no answer"), item ids such as ``01`` stay ``01``;
* a record with a blank respondent id and no answer at all (a spreadsheet's trailing empty row) is
  skipped and counted in the cleaning log; any other record needs an id;
* records are numbered by the file line they start on (blank lines and line breaks inside quoted
  fields are counted as a text editor counts them).
"""

from __future__ import annotations

import collections
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from likertkit.errors import InputError
from likertkit.io import scan
from likertkit.io.batches import (
    KeyBatch,
    NotRegular,
    as_text,
    key_batches,
    text_batches,
)
from likertkit.io.files import (
    first_ragged_record,
    header_names,
    line_number,
    option_values,
    read_csv_strict,
    record_line,
)
from likertkit.io.sources import Source, first_line

__all__ = ["CSV_BLOCK_BYTES", "ITEM_COLUMNS", "MAX_COLUMNS", "MAX_GROUPS", "MissingAnswers", "ID_NAMES", "NO",
           "RESPONDENT_ID", "ROW_NUMBERS", "Responses", "WEIGHT_RANGE", "YES", "check_unique_ids",
           "choose_id_column", "hash_strings", "parse_missing", "parse_whole_number", "read_items", "read_responses",
           "scale_warnings", "survey_header", "text_key", "text_keys", "yes_or_no"]

RESPONDENT_ID = "respondent_id"


ITEM_COLUMNS = ("item", "label", "group")


@dataclass(frozen=True)
class MissingAnswers:
    """What ``MISSING`` declares as "no answer": whole-number codes and text labels (matched in any case)."""

    codes: frozenset = frozenset()
    labels: frozenset = frozenset()

    def describe(self) -> str:
        return ", ".join([*map(str, sorted(self.codes)), *(repr(label) for label in sorted(self.labels))])

    def declares(self, text: str) -> bool:
        """Whether an answer as written is one of these: a code (however written: ``9``, ``9.0``) or a label (any
        case)."""
        return parse_whole_number(text) in self.codes or text_key(text).casefold() in self.labels

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


YES, NO = ("yes", "y", "true", "1"), ("no", "n", "false", "0", "")


def yes_or_no(text, also_yes=()) -> bool | None:
    """``True`` for yes, ``False`` for no or blank, ``None`` for anything else (any case, spaces ignored).

    >>> yes_or_no(" Yes "), yes_or_no(""), yes_or_no("reversed", also_yes=("reversed",)), yes_or_no("maybe")
    (True, False, True, None)
    """
    folded = str(text).strip().casefold()
    return True if folded in YES + tuple(also_yes) else False if folded in NO else None


def parse_missing(text, scale: pd.DataFrame) -> MissingAnswers:
    """``'9,99'`` or ``'9,"Don\\'t know"'`` -> the missing codes and labels; none may be an answer on the scale."""
    parts = option_values(text, "MISSING")
    codes, labels = set(), set()
    for part in (p.strip() for p in parts):
        if not part:
            continue
        number = parse_whole_number(part)
        if number is not None:
            codes.add(number)
        else:
            labels.add(text_key(part).casefold())
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
    for code, label in zip(scale["code"], scale["label"], strict=True):
        number = parse_whole_number(label)
        if number is not None and number in codes and number != code:
            warnings.append(f"{Path(file).name}: the label {label!r} of code {code} is also the code {number}; "
                            f"an answer {label!r} is read as code {number}")
    return warnings


def read_items(path) -> pd.DataFrame:
    """The item table: ``item`` (a column of the responses), ``label``, ``group``; items unique, all text."""
    items = read_csv_strict(path, ITEM_COLUMNS)
    seen = {}
    for index, name, label in zip(items.index, items["item"].str.strip(), items["label"], strict=True):
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


CSV_BLOCK_BYTES = 1 << 22  # the CSV is read in blocks of 4 MB of text: memory depends on this and the items


ROW_NUMBERS = "(row number)"  # the respondent "column" of a file without ids: respondents are numbered 1, 2, ...


def _line(source: Source, record: int):
    """The file line of data record ``record`` in a CSV (found by re-reading it); None for other files."""
    if not source.is_csv:
        return None
    return record_line(source.path, source.path, record + source.header_rows - 1, (source.encoding, source.delimiter))


def _where(source: Source, record: int, respondent=None) -> dict:
    """``line`` and ``record`` for an :class:`~likertkit.errors.InputError`: the line of a CSV record, or the
    row (case, observation) of any other file's record, named beside the respondent."""
    who = f"respondent {respondent}" if respondent is not None else None
    if source.is_csv:
        return dict(line=_line(source, record), record=who)
    return dict(line=None, place=source.place(record), record=who)


@dataclass
class Responses:
    """The responses as read, in one pass of record batches: per item, each distinct answer text with its count,
    and a 64-bit hash of each respondent id. Neither the answers nor the ids' texts are kept: the counts add up
    batch by batch, so memory grows by the hashes only (8 bytes a respondent), not with the items.

    ``id_column`` is the column holding the ids, or :data:`ROW_NUMBERS` when the file has none (respondents
    are then numbered 1, 2, ... in file order). ``records`` maps the kept respondents to the file's data
    records when empty rows were skipped.
    """

    source: Source
    header: list
    item_names: list
    id_column: str
    n_rows: int  # respondents kept
    id_hashes: np.ndarray | None  # a 64-bit hash of each trimmed id (None when rows are numbered: unique anyway)
    tallies: dict
    skipped_empty_rows: int = 0
    records: np.ndarray | None = None
    group_column: str = ""
    group_tallies: dict | None = None  # group -> item -> answer text -> count (with GROUP=)
    group_sizes: dict | None = None  # group -> respondents ("" is the group of those with no group value)
    answers: dict | None = None  # item -> its answers, respondent by respondent (dictionary-encoded text), when kept
    group_values: pa.ChunkedArray | None = None  # each respondent's group value, kept with the answers
    weight_column: str = ""
    weighted_tallies: dict | None = None  # item -> answer text -> [sum of weights, sum of squared weights] (WEIGHT=)
    group_spellings: dict | None = None  # group value -> the different ways it was written, when more than one
    n_answering: int | None = None  # respondents kept who answered at least one item (left not every item blank)
    weighted_group_tallies: dict | None = None  # group -> item -> answer text -> [sum of w, sum of w^2] (both given)

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def is_csv(self) -> bool:
        return self.source.is_csv

    @property
    def num_rows(self) -> int:
        return self.n_rows

    def id_texts(self, rows) -> list:
        """The trimmed ids of respondents ``rows`` (ascending), read again from the file: needed only when two
        hashes are equal, to tell a duplicate from a collision."""
        records = [self.record_of(row) for row in rows]
        found, offset = {}, 0
        for batch in text_batches(self.source, self.header, [self.id_column], CSV_BLOCK_BYTES):
            size = batch.num_rows
            inside = [record for record in records if offset <= record < offset + size]
            if inside:
                taken = as_text(batch.column(0)).take(pa.array([record - offset for record in inside]))
                found.update(zip(inside, text_keys(taken).to_pylist(), strict=True))
            offset += size
        return [found[record] for record in records]

    def record_of(self, row: int) -> int:
        """The data record (0 = first after the header) of respondent ``row``."""
        return int(self.records[row]) if self.records is not None else int(row)

    def place(self, record: int) -> str:
        """Where data record ``record`` is: ``'line 7'`` (CSV, as an editor numbers lines), ``'row 5'``, ``'case 4'``."""
        line = _line(self.source, record)
        return f"line {line}" if line is not None else self.source.place(record)

    def where(self, record: int, respondent=None) -> dict:
        """``line`` and ``record`` for an :class:`~likertkit.errors.InputError` about data record ``record``."""
        return _where(self.source, record, respondent)

    def locate(self, item: str, value: str) -> tuple[int, str]:
        """The first data record whose ``item`` holds ``value``, and its respondent (a second pass, on error only)."""
        offset = 0
        with_ids = self.id_column != ROW_NUMBERS
        for batch in text_batches(self.source, self.header, [self.id_column, item] if with_ids else [item],
                                  CSV_BLOCK_BYTES):
            found = pc.index(as_text(batch.column(batch.num_columns - 1)), value).as_py()
            if found >= 0:
                who = str(batch.column(0)[found].as_py()).strip() if with_ids else str(offset + found + 1)
                return offset + found, who
            offset += batch.num_rows
        raise LookupError(value)


MAX_COLUMNS = 16_384  # Excel's own limit: a survey wider than a spreadsheet can hold is refused, not read for hours


def survey_header(source: Source) -> list:
    """The column names of a survey file, spaces stripped (a name may repeat: see :func:`choose_id_column`); more
    than :data:`MAX_COLUMNS` columns is an error."""
    if source.is_csv:
        header = header_names(source.path, source.path, dialect=(source.encoding, source.delimiter), unique=False)
    elif source.table is not None:
        header = list(source.table.column_names)
    else:
        header = _parquet_header(source.path)
    if len(header) > MAX_COLUMNS:
        raise InputError(source.path, f"has {len(header):,} columns, more than the {MAX_COLUMNS:,} a spreadsheet holds "
                                      "and this tool reads: keep the survey's own columns (split the file)", 1)
    return header


# The id columns of survey platforms' exports (Qualtrics current, Qualtrics legacy), taken when no ID is given.
# A respondent id column's name as survey platforms and statistics packages write it, compared without case,
# spaces, underscores, hyphens or dots: Qualtrics' ResponseId and "Response ID", SurveyMonkey's "Respondent ID",
# LimeSurvey's "Response ID", "participant_id", "Resp ID".
ID_NAMES = frozenset({"respondentid", "responseid", "participantid", "respid", "respondentno", "respondentnumber"})


def is_id_name(name: str) -> bool:
    """Whether a column's name (its first line) names respondent ids (:data:`ID_NAMES`).

    >>> is_id_name("Response ID"), is_id_name("ResponseId"), is_id_name("respondent id"), is_id_name("Q1")
    (True, True, True, False)
    """
    return re.sub(r"[\s_.\-]", "", first_line(str(name))).casefold() in ID_NAMES


def choose_id_column(source: Source, header: list, id_column: str = "") -> str:
    """The column holding respondent ids: ``ID`` if given (it must exist), else ``respondent_id`` when present,
    else the first column whose name says it holds ids (:func:`is_id_name`: ``Response ID``, ``ResponseId``,
    ``Respondent ID`` …, said in the log), else :data:`ROW_NUMBERS`."""
    if id_column == ROW_NUMBERS:
        return id_column
    if id_column:
        if id_column not in header:
            raise InputError(source.path, f"ID column {id_column!r} is not in the header; found: {', '.join(header)}", 1)
        return id_column
    if RESPONDENT_ID in header:
        return RESPONDENT_ID
    named = next((name for name in header if is_id_name(name)), None)
    if named:
        source.notes.append(f"respondent ids from the column {first_line(named)!r}, found by its name (ID= names "
                            "another)")
        return named
    return ROW_NUMBERS


_NUMBER = r"^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"


_NEGATIVE_ZERO = r"^-(0+(\.0*)?|\.0+)([eE][+-]?\d+)?$"  # -0, -0.0: zero, written with a sign


_ZERO = r"^[+-]?(0+(\.0*)?|\.0+)([eE][+-]?\d+)?$"  # 0, 0.0, -0, 0e5: a zero as written, not one that underflows


# Weights are summed with their squares (Kish's effective n): within these bounds neither overflows nor loses
# precision to subnormal numbers, for any number of respondents a file can hold. Any constant factor leaves the
# weighted percents, means and SDs as they are, so weights outside can be rescaled.
WEIGHT_RANGE = (1e-150, 1e150)


MAX_GROUPS = 200  # groups a report can show: as many as a chart's bars (likertkit.charts.MAX_BARS)


def _weights(column: pa.Array, source: Source, offset: int, weight_column: str, keep=None, ids=None) -> pa.Array:
    """A batch's weights as numbers (of the records kept); a blank, negative or non-numeric weight, or one outside
    :data:`WEIGHT_RANGE` (other than zero), is an error naming its row."""
    text = pc.utf8_trim_whitespace(column)
    good = np.asarray(pc.match_substring_regex(text, _NUMBER).to_numpy(zero_copy_only=False)) | \
        np.asarray(pc.match_substring_regex(text, _NEGATIVE_ZERO).to_numpy(zero_copy_only=False))
    numbers = np.zeros(len(text))
    numbers[good] = pc.cast(text.filter(pa.array(good)), pa.float64()).to_numpy(zero_copy_only=False)
    low, high = WEIGHT_RANGE
    # Zero only as written: 1e-400 is no zero weight but one too small for a double (it would read as 0).
    written_zero = np.asarray(pc.match_substring_regex(text, _ZERO).to_numpy(zero_copy_only=False))
    usable = good & ((written_zero & (numbers == 0)) | ((np.abs(numbers) >= low) & (np.abs(numbers) <= high)))
    if keep is not None:
        usable = usable | ~keep
    if not usable.all():
        row = int(np.flatnonzero(~usable)[0])
        value = text[row].as_py()
        problem = ("is blank" if value == "" else
                   f"is outside the range weights are computed in ({low:g} to {high:g}, or 0): multiply every weight "
                   "by one factor to bring them in, which leaves weighted percents, means and SDs as they are"
                   if good[row] else
                   "is negative" if value.startswith("-") and pc.match_substring_regex(pa.array([value[1:]]),
                                                                                          _NUMBER)[0].as_py()
                   else "is not a number")
        respondent = ids[row].as_py() if ids is not None else str(offset + row + 1)
        raise InputError(source.path, f"weight {value!r} {problem}", column=weight_column,
                         **_where(source, offset + row, respondent))
    return pa.array(np.abs(numbers if keep is None else numbers[keep]))


def _check_role_column(source: Source, header: list, role: str, name: str, taken: tuple):
    """A GROUP or WEIGHT column must be in the header once and be neither the id column nor an item."""
    if name not in header:
        raise InputError(source.path, f"{role} column {name!r} is not in the header; found: {', '.join(header)}", 1)
    if name in taken or header.count(name) > 1:
        raise InputError(role, f"{name!r} is the id column, an item, the group column or appears twice in the header")


def read_responses(source: Source, item_names, id_column: str = "", group_column: str = "", per_respondent=(),
                   weight_column: str = "") -> Responses:
    """Read the respondent ids and tally each item's answer texts, batch by batch, after checking the header.

    ``source`` is an opened survey file (:func:`likertkit.io.sources.open_source`): CSV and Parquet are streamed
    (:mod:`likertkit.io.batches`), Excel, SPSS and Stata were read whole. Records with a blank id and no answer (a
    spreadsheet's trailing empty rows) are skipped and counted; a blank id beside answers is an error. The items
    in ``per_respondent`` (those of multi-item constructs) also keep each respondent's answer, dictionary-encoded.
    """
    item_names = list(item_names)
    header = survey_header(source)
    id_column = choose_id_column(source, header, id_column)
    _check_names(source.path, header, item_names, id_column)
    if group_column:
        _check_role_column(source, header, "GROUP", group_column, (id_column, *item_names))
    if weight_column:
        _check_role_column(source, header, "WEIGHT", weight_column, (id_column, group_column, *item_names))
    # Without ids, a record is empty (and skipped) only when every column is blank, not only its items: a respondent
    # who answered no item is still a respondent, so the N does not move with ID=.
    others = [name for name in header if name and header.count(name) == 1 and name not in
              (id_column, group_column, weight_column, *item_names)] if id_column == ROW_NUMBERS else []
    roles = _Roles(id_column, group_column, weight_column, item_names, list(per_respondent), others)
    if source.kind == "parquet":  # large files are counted by the compiled tallies (a CSV's reader decides for itself)
        files = [source.path] if source.path.is_file() else list(source.path.rglob("*"))
        scan.use_compiled(sum(path.stat().st_size for path in files if path.is_file()))
    try:
        return _read(source, header, roles, regular=True)
    except NotRegular:  # not a CSV the scanner reads: Arrow's reader gives its results and errors
        return _read(source, header, roles, regular=False)


@dataclass
class _Roles:
    """Which columns are read, and for what."""

    id_column: str
    group_column: str
    weight_column: str
    item_names: list
    per_respondent: list
    other_names: list  # without ids: the other columns, read only to tell an empty record from a silent respondent

    @property
    def with_ids(self) -> bool:
        return self.id_column != ROW_NUMBERS

    @property
    def text_names(self) -> list:
        """The columns read as text, in this order: id, group, weight (those that are used)."""
        return [name for name in (self.id_column if self.with_ids else "", self.group_column, self.weight_column)
                if name]


def _any_value(counts: np.ndarray) -> np.ndarray:
    """``used[j, k]``: is any count (or sum) of item ``j`` and key ``k`` not zero?"""
    return counts.reshape(counts.shape[0], counts.shape[1], int(np.prod(counts.shape[2:]))).any(axis=2)


class _TextCounts:
    """Per item, answer text -> count (or -> ``[sum of weights, sum of squares]``), added up batch by batch.
    Keys whose text is the same in every batch (:attr:`KeyBatch.fixed_keys`) are summed as arrays and named
    once, at the end; the others by their text, batch by batch."""

    def __init__(self, item_names: list):
        self.item_names = item_names
        self.fixed, self.fixed_texts = None, []
        self.by_text = [{} for _ in item_names]

    def add(self, counts: np.ndarray, texts: list, fixed_keys: int):
        """``counts[j, k, ...]``: item ``j``'s count (or sums) of key ``k``, whose text is ``texts[k]``."""
        if fixed_keys:
            head = counts[:, :fixed_keys]
            if self.fixed is None:
                self.fixed = np.zeros_like(head)
            elif self.fixed.shape[1] < fixed_keys:  # more texts known than before
                grown = np.zeros_like(head)
                grown[:, : self.fixed.shape[1]] = self.fixed
                self.fixed = grown
            self.fixed[:, :fixed_keys] += head
            self.fixed_texts = texts
        rest = counts[:, fixed_keys:]
        used = _any_value(rest)
        for j in np.flatnonzero(used.any(axis=1)).tolist():
            into = self.by_text[j]
            for k in np.flatnonzero(used[j]).tolist():
                self._add(into, texts[fixed_keys + k], rest[j, k])

    @staticmethod
    def _add(into: dict, text: str, value):
        if np.ndim(value):
            total = into.setdefault(text, [0.0] * len(value))
            for i, v in enumerate(value.tolist()):
                total[i] += v
        else:
            into[text] = into.get(text, 0) + int(value)

    def result(self) -> dict:
        if self.fixed is not None:
            used = _any_value(self.fixed)
            for j, into in enumerate(self.by_text):
                for k in np.flatnonzero(used[j]).tolist():
                    self._add(into, self.fixed_texts[k], self.fixed[j, k])
            self.fixed = None
        return dict(zip(self.item_names, self.by_text, strict=True))


class _Tallies:
    """Counts added up batch by batch: answers per item, per group and item, and weights per item (and per group and
    item, when both are given)."""

    def __init__(self, roles: _Roles):
        self.roles = roles
        self.answers = _TextCounts(roles.item_names)
        self.by_group = {} if roles.group_column else None
        self.group_sizes = {} if roles.group_column else None
        self.weighted = _TextCounts(roles.item_names) if roles.weight_column else None
        self.weighted_by_group = {} if roles.weight_column and roles.group_column else None

    def add(self, batch: KeyBatch, keys: np.ndarray, counts: np.ndarray, groups: pa.Array | None,
            weights: pa.Array | None):
        """Add one batch (``keys``: its rows that are kept): ``counts`` is the tally of ``keys``
        (:func:`likertkit.io.scan.tally`)."""
        texts, fixed, n_keys = batch.texts, batch.fixed_keys, len(batch.texts)
        self.answers.add(counts, texts, fixed)
        if groups is not None:
            encoded = pc.dictionary_encode(groups)
            names = encoded.dictionary.to_pylist()
            codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
            for name, n in zip(names, np.bincount(codes, minlength=len(names)).tolist(), strict=True):
                self.group_sizes[name] = self.group_sizes.get(name, 0) + n
            by_group = scan.tally_by_group(keys, codes, len(names), n_keys)
            for g, name in enumerate(names):
                self.by_group.setdefault(name, _TextCounts(self.roles.item_names)).add(by_group[g], texts, fixed)
        if weights is not None:
            w = np.asarray(weights.to_numpy(zero_copy_only=False), dtype=np.float64)
            self.weighted.add(np.moveaxis(scan.tally_weighted(keys, w, n_keys), 0, -1), texts, fixed)
            if groups is not None:
                sums = np.moveaxis(scan.tally_weighted_by_group(keys, codes, w, len(names), n_keys), 0, -1)
                for g, name in enumerate(names):
                    self.weighted_by_group.setdefault(name, _TextCounts(self.roles.item_names)).add(sums[g], texts, fixed)

    def results(self) -> tuple:
        """``(answers, by group, group sizes, weighted, weighted by group)`` as :class:`Responses` holds them."""
        by_group = {name: counts.result() for name, counts in self.by_group.items()} if self.by_group is not None \
            else None
        weighted_by_group = ({name: sums.result() for name, sums in self.weighted_by_group.items()}
                             if self.weighted_by_group is not None else None)
        return (self.answers.result(), by_group, self.group_sizes,
                self.weighted.result() if self.weighted is not None else None, weighted_by_group)


def _blank_texts(texts: list) -> np.ndarray:
    """Per key: is its text blank (empty or spaces only, as Arrow trims whitespace)?"""
    trimmed = pc.utf8_trim_whitespace(pa.array(texts, type=pa.string()))
    return np.asarray(pc.fill_null(pc.equal(trimmed, ""), False).to_numpy(zero_copy_only=False), dtype=np.bool_)


def _kept_answers(keys: np.ndarray, texts: list) -> pa.DictionaryArray:
    """One item's answers in a batch, dictionary-encoded (each distinct text once)."""
    used, indices = np.unique(keys, return_inverse=True)
    return pa.DictionaryArray.from_arrays(pa.array(indices.astype(np.int32)),
                                          pa.array([texts[k] for k in used.tolist()], type=pa.string()))


@dataclass
class _Prepared:
    """A batch with what can be worked out on its own (on the scanning cores): every row's tally, which keys are
    blank, and the respondent ids trimmed and hashed."""

    batch: KeyBatch
    counts: np.ndarray
    blank: np.ndarray
    ids: pa.Array | None
    id_hashes: np.ndarray | None


def text_keys(array) -> pa.Array:
    """The one rule for text that names something (a respondent id, a group value; answers and labels follow it
    too, in :func:`text_key`): surrounding white space removed, Unicode normalised to NFC, so ``'North '`` and
    ``'North'``, or a composed and a decomposed ``'Nörth'``, are one key. Case is kept."""
    trimmed = pc.utf8_trim_whitespace(array)
    if len(trimmed) == 0 or pc.all(pc.string_is_ascii(trimmed)).as_py() is not False:
        return trimmed
    return pc.utf8_normalize(trimmed, "NFC")


def text_key(text: str) -> str:
    """:func:`text_keys` for one text."""
    return unicodedata.normalize("NFC", str(text).strip())


def _prepare(batch: KeyBatch, with_ids: bool) -> _Prepared:
    ids = text_keys(batch.columns[0]) if with_ids and batch.num_rows else None
    return _Prepared(batch, scan.tally(batch.keys, len(batch.texts)), _blank_texts(batch.texts), ids,
                     hash_strings(ids) if ids is not None else None)


def _read(source: Source, header: list, roles: _Roles, regular: bool) -> Responses:
    names = roles.text_names + roles.other_names
    position = {name: i for i, name in enumerate(names)}
    tallies = _Tallies(roles)
    kept_answers = {name: [] for name in roles.per_respondent}
    kept_columns = [roles.item_names.index(name) for name in roles.per_respondent]
    kept_groups, hashes, kept, skipped, offset, n_rows, spellings, answering = [], [], [], 0, 0, 0, {}, 0
    group_values: set = set()
    batches = key_batches(source, header, names, roles.item_names, CSV_BLOCK_BYTES, regular,
                          prepare=lambda batch: _prepare(batch, roles.with_ids))
    try:
        for prepared in batches:
            batch = prepared.batch
            size, keys, counts = batch.num_rows, batch.keys, prepared.counts
            if size == 0:
                continue
            column = {name: batch.columns[i] for name, i in position.items()}
            trimmed, id_hashes = prepared.ids, prepared.id_hashes  # None when rows are numbered
            groups = text_keys(column[roles.group_column]) if roles.group_column else None
            if groups is not None:
                group_values.update(pc.unique(groups).to_pylist())
                if len(group_values) > MAX_GROUPS:
                    raise InputError(source.path, f"the GROUP column holds more than {MAX_GROUPS:,} different values: "
                                     f"a report shows at most {MAX_GROUPS:,} groups; give a column of fewer groups",
                                     column=roles.group_column)
                raw = pc.unique(column[roles.group_column])
                for written, key in zip(raw.to_pylist(), text_keys(raw).to_pylist(), strict=True):
                    spellings.setdefault(key, set()).add(written)
            filled = _any_filled([column[name] for name in roles.other_names]) if roles.other_names else None
            keep = _keep_mask(keys, prepared.blank, trimmed if roles.with_ids else None, source, offset,
                              roles.id_column, filled)
            weights = (_weights(column[roles.weight_column], source, offset, roles.weight_column, keep, trimmed)
                       if roles.weight_column else None)
            kept.append((offset, size, keep))
            if keep is not None:
                skipped += int((~keep).sum())
                mask = pa.array(keep)
                keys = keys[keep]
                if trimmed is not None:
                    trimmed, id_hashes = trimmed.filter(mask), id_hashes[keep]
                groups = groups.filter(mask) if groups is not None else None
                counts = scan.tally(keys, len(batch.texts))
            tallies.add(batch, keys, counts, groups, weights)
            n_rows += len(keys)
            answering += len(keys) - int(scan.all_blank(keys, prepared.blank).sum()) if len(keys) else 0
            if id_hashes is not None:
                hashes.append(id_hashes)
            for name, j in zip(roles.per_respondent, kept_columns, strict=True):
                kept_answers[name].append(_kept_answers(keys[:, j], batch.texts))
            if kept_answers and groups is not None:
                kept_groups.append(groups)
            offset += size
    except pa.ArrowInvalid as err:
        dialect = (source.encoding, source.delimiter)
        ragged = first_ragged_record(source.path, source.path, dialect) if source.is_csv else None
        if ragged:
            raise InputError(source.path, f"has {ragged[1]} field(s) where the header has {ragged[2]}", ragged[0]) from None
        raise InputError(source.path, f"not a well-formed {'CSV' if source.is_csv else 'Parquet'} file: {err}") from None
    finally:
        batches.close()
    if offset == 0:
        raise InputError(source.path, "file has a header but no data rows")
    records = np.concatenate([start + (np.arange(size) if keep is None else np.flatnonzero(keep))
                              for start, size, keep in kept]) if skipped else None
    answers, by_group, group_sizes, weighted, weighted_by_group = tallies.results()
    return Responses(source, header, roles.item_names, roles.id_column, n_rows,
                     np.concatenate(hashes) if roles.with_ids else None, answers, skipped, records, roles.group_column,
                     by_group, group_sizes,
                     kept_answers or None, pa.chunked_array(kept_groups, type=pa.string()) if kept_groups else None,
                     roles.weight_column, weighted,
                     {key: sorted(written) for key, written in spellings.items() if key and len(written) > 1},
                     answering, weighted_by_group)


_POWERS = np.ones(1, dtype=np.uint64)


def hash_strings(array: pa.Array) -> np.ndarray:
    """A 64-bit polynomial hash of each string, computed on Arrow's buffers with numpy (no Python objects).

    Equal strings hash equal; different strings collide rarely, and :func:`check_unique_ids` compares the
    texts of any that do.
    """
    global _POWERS
    array = array.cast(pa.string()) if not pa.types.is_string(array.type) else array
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset: array.offset + len(array) + 1]
    data = np.frombuffer(array.buffers()[2], dtype=np.uint8) if array.buffers()[2] is not None else np.zeros(0, np.uint8)
    starts, lengths = offsets[:-1].astype(np.int64), np.diff(offsets).astype(np.int64)
    total = int(lengths.sum())
    powers = _POWERS  # read once: batches are hashed on several threads, and another may replace it meanwhile
    if len(powers) < lengths.max(initial=0) + 1:
        powers = _POWERS = np.cumprod(np.r_[np.uint64(1), np.full(int(lengths.max()) * 2, 1099511628211,
                                                                   dtype=np.uint64)], dtype=np.uint64)
    first = np.cumsum(lengths) - lengths  # where each string's bytes start among the gathered bytes
    position = np.arange(total, dtype=np.int64) - np.repeat(first, lengths)
    gathered = data[np.repeat(starts, lengths) + position].astype(np.uint64)
    with np.errstate(over="ignore"):
        weighted = gathered * powers[position]
        hashes = np.zeros(len(lengths), dtype=np.uint64)
        filled = lengths > 0
        hashes[filled] = np.add.reduceat(weighted, first[filled]) if total else 0
        return hashes ^ (lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))


def _parquet_header(path: Path) -> list:
    import pyarrow.dataset as ds

    if not path.exists():
        raise InputError(path, "file not found")
    try:  # every column any file of a folder has (the dataset's schema is its first file's)
        schemas = [fragment.physical_schema for fragment in ds.dataset(path, format="parquet").get_fragments()]
        return list(dict.fromkeys(name for schema in schemas for name in schema.names))
    except (pa.ArrowInvalid, OSError) as err:
        raise InputError(path, f"not a readable Parquet file or folder: {err}") from None


def _any_filled(columns: list) -> np.ndarray:
    """Per record: does any of ``columns`` (text) hold more than spaces?"""
    filled = np.zeros(len(columns[0]), dtype=bool)
    for column in columns:
        filled |= np.asarray(pc.not_equal(pc.utf8_trim_whitespace(as_text(column)), "").to_numpy(zero_copy_only=False))
    return filled


def _keep_mask(keys: np.ndarray, blank: np.ndarray, trimmed_ids, source: Source, offset: int, id_column: str,
               filled=None):
    """None when every record is kept; else which to keep. Without ids, a record every column of which is blank
    (``filled``: does a column other than the items hold anything?) is an empty row, skipped and counted; with
    ids, a record with no id and no answer is; a blank id beside answers is an error. ``blank[k]``: is key
    ``k``'s text blank?"""
    if trimmed_ids is None:
        empty = scan.all_blank(keys, blank)
        if filled is not None:
            empty &= ~filled
        return ~empty if empty.any() else None
    no_id = np.asarray(pc.equal(trimmed_ids, "").to_numpy(zero_copy_only=False))
    if not no_id.any():
        return None
    rows = np.flatnonzero(no_id)
    lone = rows[~scan.all_blank(np.ascontiguousarray(keys[rows]), blank)]
    if len(lone):
        raise InputError(source.path, "respondent id is empty", column=id_column, **_where(source, offset + int(lone[0])))
    return ~no_id


def _check_names(path, header, item_names, id_column):
    present = set(header)
    absent = [name for name in item_names if name not in present]
    if absent:
        raise InputError(path, f"item(s) listed in the items file but not in the responses: {', '.join(absent)}", 1)
    times = collections.Counter(header)
    for name in [id_column, *item_names]:
        if times[name] > 1:
            raise InputError(path, f"column {name!r} appears more than once in the header", 1, name)
    if id_column in item_names:
        raise InputError(path, f"{id_column!r} is the respondent id column; it cannot also be an item", 1, id_column)


def check_unique_ids(responses: Responses) -> int:
    """The number of respondents, after checking that no id appears twice (an error naming both places).

    Memory-bounded: uniqueness is checked on a 64-bit hash of each id (8 bytes a respondent, sorted once: 16
    bytes a respondent at the peak); only the ids whose hashes are equal are read again from the file, as
    text, so a collision of hashes is never taken for a duplicate. Numbered rows are unique by construction.
    """
    hashes = responses.id_hashes
    if hashes is None:
        return responses.num_rows
    ordered = np.sort(hashes)
    repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
    if len(repeated):
        rows = np.flatnonzero(np.isin(hashes, repeated))
        first_of, duplicate = {}, None
        for row, text in zip(rows.tolist(), responses.id_texts(rows.tolist()), strict=True):
            if text in first_of:
                duplicate = (row, first_of[text], text)
                break
            first_of[text] = row
        if duplicate:
            row, first, text = duplicate
            raise InputError(responses.path, f"respondent id {text!r} appears twice (also on "
                                             f"{responses.place(responses.record_of(first))})", column=responses.id_column,
                             **responses.where(responses.record_of(row), text))
    return responses.num_rows
