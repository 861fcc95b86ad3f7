"""Open-ended answers beside Likert items: which column holds each item's comments, and the comments read verbatim.

Survey platforms put a free-text question after a Likert item ("Please elaborate here:", often the same header
many times). ``COMMENTS=next`` pairs each item with the column right after it when that column holds free text;
an items CSV's ``comments`` column names an item's comment column instead, by header or as ``#N`` (the N-th
column, for headers that repeat). Each non-blank comment is kept byte for byte with its respondent's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from likertkit.errors import InputError
from likertkit.io.batches import _unique_names, as_text, text_batches
from likertkit.io.files import line_number
from likertkit.io.responses import (
    CSV_BLOCK_BYTES,
    ROW_NUMBERS,
    Responses,
    parse_whole_number,
)
from likertkit.io.sources import first_line

__all__ = ["COMMENT_COLUMNS", "Comments", "NEXT", "describe_pairs", "pair_columns", "read_comments"]

COMMENT_COLUMNS = ["item", "respondent_id", "answer", "text"]  # answer: the rating given to the item, as its label

NEXT = "next"


@dataclass
class Comments:
    """The comments read: ``table`` (``item, respondent_id, answer, text``), the column each item's came from (1-based
    position and header), and what was not paired or left out, for the cleaning log."""

    table: pd.DataFrame
    columns: dict  # item -> (position, header)
    not_paired: list = field(default_factory=list)  # (item, why)
    on_empty_rows: int = 0  # comments on skipped empty rows (no id, no answer), left out


def _column(value: str, header: list, items_file, line: int, item: str) -> int:
    """The 0-based position of an items CSV's ``comments`` value: ``#N`` or a header that appears once."""
    value = value.strip()
    if value.startswith("#"):
        number = parse_whole_number(value[1:])
        if number is None or not 1 <= number <= len(header):
            raise InputError(items_file, f"comments {value!r} of item {item!r} is not a column: #1 to #{len(header)}",
                             line, "comments")
        return number - 1
    found = [i for i, name in enumerate(header) if first_line(name) == value or name == value]
    if not found:
        raise InputError(items_file, f"comments column {value!r} of item {item!r} is not in the survey's header",
                         line, "comments")
    if len(found) > 1:
        raise InputError(items_file, f"comments column {value!r} of item {item!r} appears {len(found)} times in the "
                                     f"header (columns {', '.join(f'#{i + 1}' for i in found)}): name it as #N",
                         line, "comments")
    return found[0]


def pair_columns(header: list, items: pd.DataFrame, spec: str, taken: tuple, items_file="ITEMS") -> tuple[dict, list]:
    """``({item: column position}, [(item, why not paired)])``: each item's comment column, from the items CSV's
    ``comments`` column where it has one, else (``spec == "next"``) the column right after the item when it is
    no item and no id, group or weight column (``taken``).

    Examples
    --------
    >>> header = ["id", "q1", "Please elaborate", "q2", "q3", "Please elaborate"]
    >>> items = pd.DataFrame({"item": ["q1", "q2", "q3"]})
    >>> pair_columns(header, items, "next", ("id",))
    ({'q1': 2, 'q3': 5}, [('q2', "the next column, 'q3', is an item")])
    """
    spec = str(spec or "").strip()
    if spec and spec.lower() != NEXT:
        raise InputError("COMMENTS", f"{spec!r} is not 'next' (name other comment columns in the items CSV's "
                                     "comments column)")
    names = list(items["item"])
    position = {name: header.index(name) for name in names}
    roles = {i for i, name in enumerate(header) if name in taken or name in position}
    named = items["comments"] if "comments" in items else pd.Series([""] * len(items), index=items.index)
    pairs, not_paired, used = {}, [], {}
    for index, item, value in zip(items.index, names, named, strict=True):
        line = line_number(index)
        if str(value).strip():
            column = _column(str(value), header, items_file, line, item)
            if column in roles:
                raise InputError(items_file, f"comments column {str(value).strip()!r} of item {item!r} is an item or "
                                             "the id, group or weight column", line, "comments")
        elif spec:
            column = position[item] + 1
            if column >= len(header):
                not_paired.append((item, "it is the last column"))
                continue
            if column in roles:
                what = "an item" if header[column] in position else "the id, group or weight column"
                not_paired.append((item, f"the next column, {first_line(header[column])!r}, is {what}"))
                continue
        else:
            continue
        if column in used:
            raise InputError(items_file, f"column #{column + 1} ({first_line(header[column])!r}) would hold the "
                                         f"comments of both {used[column]!r} and {item!r}", line, "comments")
        used[column], pairs[item] = item, column
    return pairs, not_paired


def read_comments(responses: Responses, pairs: dict, is_scale_answer, not_paired=(), answer_of=None) -> Comments:
    """Each paired item's non-blank comments, ``item, respondent_id, answer, text`` (text byte for byte), item by
    item in file order; ``pairs`` is :func:`pair_columns`' ``{item: column position}``, ``is_scale_answer(text)``
    says whether a text is one of the scale's answers or a declared missing code or label (as the answers are
    read: :func:`likertkit.counting.count.scale_answers`); ``answer_of[item](text)`` names the rating the
    commenter gave the item (its label; blank when none), so a reader sees who commented from which side.

    Raises
    ------
    InputError
        When a comment column holds only the scale's answers (codes, labels or missing codes) rather than text,
        naming the first such value's line.
    """
    header = responses.header
    unique = _unique_names(header)
    with_ids = responses.id_column != ROW_NUMBERS
    rated = [header.index(item) for item in pairs]  # each commented item's own column, for the commenter's rating
    columns = (([unique[header.index(responses.id_column)]] if with_ids else []) + [unique[p] for p in pairs.values()]
               + [unique[p] for p in rated])
    if not responses.is_csv and responses.source.table is None:  # Parquet: names are unique
        columns = [name.split("\x00")[0] for name in columns]
    kept = None if responses.records is None else {int(record): row for row, record in enumerate(responses.records)}
    found = {item: [] for item in pairs}
    text_seen = dict.fromkeys(pairs, False)
    first_answer = {}
    on_empty, offset = 0, 0
    for batch in _batches(responses, header, columns):
        for j, item in enumerate(pairs, 1 if with_ids else 0):
            column = as_text(batch.column(j))  # comments are sparse: only the non-blank cells become Python text
            written = np.flatnonzero(pc.not_equal(pc.utf8_trim_whitespace(column), "").to_numpy(zero_copy_only=False))
            taken = pa.array(written, type=pa.int64())
            texts = column.take(taken).to_pylist()
            ids = as_text(batch.column(0)).take(taken).to_pylist() if with_ids else None
            ratings = as_text(batch.column(j + len(pairs))).take(taken).to_pylist()
            for k, (i, text) in enumerate(zip(written.tolist(), texts, strict=True)):
                record = offset + i
                row = record if kept is None else kept.get(record)
                if row is None:
                    on_empty += 1
                    continue
                if is_scale_answer(text):
                    first_answer.setdefault(item, (record, text))
                else:
                    text_seen[item] = True
                found[item].append((ids[k].strip() if with_ids else str(row + 1),
                                    answer_of[item](ratings[k]) if answer_of else "", text))
        offset += batch.num_rows
    for item, (record, text) in first_answer.items():
        if not text_seen[item]:
            column = pairs[item]
            raise InputError(responses.path, f"value {text!r}: column #{column + 1}, taken as the comments on item "
                                             f"{item!r}, holds only the scale's answers, not free text: leave COMMENTS "
                                             "out or name the comment columns in the items CSV",
                             column=first_line(header[column]), **responses.where(record))
    rows = [(item, who, answer, text) for item in pairs for who, answer, text in found[item]]
    table = pd.DataFrame(rows, columns=COMMENT_COLUMNS)
    return Comments(table, {item: (p + 1, first_line(header[p])) for item, p in pairs.items()}, list(not_paired),
                    on_empty)


def _batches(responses: Responses, header: list, columns: list):
    """Record batches of the comment columns (and the id column), read by position where headers repeat."""
    source = responses.source
    if source.table is not None:  # Excel, SPSS, Stata: by position
        unique = _unique_names(header)
        table = source.table.select([unique.index(name) for name in columns])
        yield from table.rename_columns([str(i) for i in range(len(columns))]).to_batches()
        return
    yield from text_batches(source, header, columns, CSV_BLOCK_BYTES)


def describe_pairs(comments: Comments) -> list[tuple]:
    """Cleaning-log entries ``(kind, note, column, result)`` for the comments read and those not paired."""
    entries = [("check", f"open-ended answers to item {item} read from column #{position} ({name}), verbatim",
                name, int((comments.table["item"] == item).sum())) for item, (position, name) in comments.columns.items()]
    entries += [("check", f"item {item}: no comment column paired ({why})", item, "") for item, why in comments.not_paired]
    if comments.on_empty_rows:
        entries.append(("anomaly", "comments on empty rows (no respondent id and no answer) left out", "",
                        comments.on_empty_rows))
    return entries
