"""From printed or raw survey data to the tidy counts every later notebook reads.

The common currency is two tables:

* counts: one row per item x response category, ``item, code, category, count``;
* items: one row per item, ``item, label, domain, n_respondents, n_valid, n_missing``.

Every change made on the way, and every anomaly seen, goes into a
:class:`CleaningLog`; nothing is dropped or repaired silently.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from likertkit.counting.log import CleaningLog
from likertkit.errors import InputError
from likertkit.formats import with_percent_sign
from likertkit.io.files import line_number, read_csv_strict
from likertkit.io.printed import (
    decimals,
    parse_count_cell,
    parse_mean_sd,
    repair_broken_hyphens,
    rounds_to,
)


def domains_by_item(frame: pd.DataFrame, file) -> dict:
    """Map each item number to its domain label from ``first_item``-``last_item`` ranges."""
    domain_of = {}
    for index, row in frame.iterrows():
        try:
            first, last = int(row["first_item"]), int(row["last_item"])
        except ValueError:
            raise InputError(file, "first_item and last_item must be whole numbers",
                              line_number(index), "first_item") from None
        for item in range(first, last + 1):
            if item in domain_of:
                raise InputError(file, f"item {item} is in two domains ({domain_of[item]!r} and {row['label']!r})",
                                 line_number(index), "first_item")
            domain_of[item] = row["label"]
    return domain_of


def clean_printed_table(table: pd.DataFrame, scale: pd.DataFrame, n_respondents: int,
                        domain_of: dict, file, log: CleaningLog):
    """Parse a printed counts table (``item, label, mean_sd, cell_<code>...``).

    Checks that item numbers are unique, that each cell parses, that each
    printed percent is its count over ``n_respondents`` at the printed
    rounding, and that no item's counts exceed ``n_respondents``. Returns the
    tidy ``(counts, items)`` tables.
    """
    step = "parse printed table"
    cell_columns = {f"cell_{code}": code for code in scale["code"]}
    missing = [c for c in cell_columns if c not in table.columns]
    if missing:
        raise InputError(file, f"no column for scale code(s): {', '.join(missing)}", 1)
    unknown = [c for c in table.columns if c.startswith("cell_") and c not in cell_columns]
    if unknown:
        raise InputError(file, f"column(s) for code(s) not in the scale: {', '.join(unknown)}", 1, unknown[0])

    category = dict(zip(scale["code"], scale["label"], strict=True))
    counts, items, seen_items = [], [], {}
    for index, row in table.iterrows():
        line = line_number(index)
        item = _item_number(row["item"], file, line)
        if item in seen_items:
            raise InputError(file, f"item {item} appears twice (also on line {seen_items[item]})", line, "item")
        seen_items[item] = line
        if item not in domain_of:
            raise InputError(file, f"item {item} belongs to no domain", line, "item")
        label = _clean_label(row["label"], file, line, log, step)
        try:
            parse_mean_sd(row["mean_sd"])
        except ValueError as err:
            raise InputError(file, str(err), line, "mean_sd") from None

        item_counts = {}
        for column, code in cell_columns.items():
            cell = _parse_cell(row[column], file, line, column)
            if cell.percent_sign:
                log.record(step, "anomaly", "percent printed with a % sign, unlike most rows; sign dropped",
                           file, line, column, row[column], cell.percent)
            exact = 100 * cell.count / n_respondents
            if not rounds_to(cell.percent, exact):
                raise InputError(file, f"printed percent {cell.percent} disagrees with its count: "
                                       f"{cell.count}/{n_respondents} = {with_percent_sign(exact, 2)}", line, column)
            item_counts[code] = cell.count
        total = sum(item_counts.values())
        if total > n_respondents:
            raise InputError(file, f"counts add to {total}, more than the {n_respondents} respondents", line,
                             ", ".join(cell_columns))
        n_missing = n_respondents - total
        if n_missing:
            log.record(step, "check", f"counts add to {total} of {n_respondents}: {n_missing} missing answer(s)",
                       file, line, "cell_*", "", n_missing)
        counts += [dict(item=str(item), code=code, category=category[code], count=count)
                   for code, count in item_counts.items()]
        items.append(dict(item=str(item), label=label, domain=domain_of[item], n_respondents=n_respondents,
                          n_valid=total, n_missing=n_missing))
    _check_every_item_present(seen_items, domain_of, file)
    _log_odd_decimals(table, file, log, step, list(cell_columns))
    return pd.DataFrame(counts), pd.DataFrame(items)


def _check_every_item_present(seen_items: dict, domain_of: dict, file):
    """Every item the domains name has its row: a deleted or lost row stops the build, naming where it belongs."""
    absent = sorted(set(domain_of) - set(seen_items))
    if absent:
        later = [line for item, line in seen_items.items() if item > absent[0]]
        where = min(later) if later else max(seen_items.values()) + 1
        raise InputError(file, f"item(s) {', '.join(map(str, absent))} missing: the domains name items "
                               f"{min(domain_of)}-{max(domain_of)}, the table has {len(seen_items)}", where, "item")


def _item_number(text, file, line) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise InputError(file, f"item {text!r} is not a whole number", line, "item") from None


def _parse_cell(text, file, line, column):
    if not str(text).strip():
        raise InputError(file, "cell is empty", line, column)
    try:
        return parse_count_cell(text)
    except ValueError as err:
        raise InputError(file, str(err), line, column) from None


def _clean_label(text, file, line, log, step) -> str:
    label = str(text).strip()
    if not label:
        raise InputError(file, "label is empty", line, "label")
    repaired = repair_broken_hyphens(label)
    if repaired != label:
        log.record(step, "transformation", "hyphen broken across a line in the PDF joined up",
                   file, line, "label", label, repaired)
    return repaired


def _log_odd_decimals(table, file, log, step, cell_columns):
    """Flag numbers printed with other decimals than the rest of their kind."""
    cells = [(index, column, table.at[index, column]) for index in table.index for column in cell_columns]
    percents = [parse_count_cell(text).percent for _, _, text in cells]
    usual, _ = Counter(decimals(p) for p in percents).most_common(1)[0]
    for (index, column, text), percent in zip(cells, percents, strict=True):
        if decimals(percent) != usual:
            log.record(step, "anomaly", f"percent printed with {decimals(percent)} decimal(s); "
                                        f"the table's usual is {usual}",
                       file, line_number(index), column, text, percent)
    printed = [parse_mean_sd(text) for text in table["mean_sd"]]
    for position, name in ((0, "mean"), (1, "SD")):
        usual, _ = Counter(decimals(p[position]) for p in printed).most_common(1)[0]
        for index, values in zip(table.index, printed, strict=True):
            if decimals(values[position]) != usual:
                log.record(step, "anomaly", f"{name} printed with {decimals(values[position])} decimal(s); "
                                            f"the column's usual is {usual}",
                           file, line_number(index), "mean_sd", table.at[index, "mean_sd"], values[position])


def read_facts_file(path) -> dict:
    """``{fact: number}`` from a facts file such as ``data/raw/sample_facts.csv``."""
    return read_facts(read_csv_strict(path, ["fact", "value"]), path)


def read_facts(frame: pd.DataFrame, file) -> dict:
    """``{fact: number}`` from a facts table (``fact, value, ...``), numbers typed."""
    facts = {}
    for index, row in frame.iterrows():
        name, text = str(row["fact"]).strip(), str(row["value"]).strip()
        if name in facts:
            raise InputError(file, f"fact {name!r} appears twice", line_number(index), "fact")
        try:
            value = float(text)
        except ValueError:
            raise InputError(file, f"value {text!r} is not a number", line_number(index), "value") from None
        facts[name] = int(value) if value.is_integer() else value
    return facts
