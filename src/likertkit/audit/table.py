"""A Likert table as an article prints it, read and checked number by number against the others.

:func:`read_table` reads ``table.csv`` (one row per item: ``item``, ``label``, ``n``, ``count_<code>``,
``pct_<code>`` or ``cell_<code>`` holding both as printed, ``mean``, ``sd`` or ``mean_sd``), every value as the
text printed, since the number of decimals printed is the rounding. :func:`audit_table` checks every printed
number: counts against the item's *n* (or the respondents *N*); percents against the counts, finding which
denominator (*N* or the item's *n*) the table used; means and SDs against the counts (sample and population SD);
and, without counts, means by GRIM, SDs by GRIMMER and both by CLOSURE (:mod:`likertkit.stats.consistency`).

Each number gets one verdict: ``reproduced`` (recomputed from the table's own numbers and equal as printed),
``consistent`` (some answers could give it, but the table does not say which), ``differs`` (by how much),
``impossible`` (no answers on the scale give it) or ``not checkable`` (why). Reasons say what was computed, never
a cause.

Examples
--------
>>> import pandas as pd
>>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
>>> table = pd.DataFrame({"item": ["q1"], "cell_1": ["2 (20.0)"], "cell_2": ["3 (30.0)"], "cell_3": ["5 (50.0)"],
...                       "mean_sd": ["2.30 (0.82)"]}, index=pd.Index([2], name="line"))
>>> audit = audit_table(parse_table(table, scale, "table.csv"), scale, n_all=12)
>>> audit[["quantity", "printed", "verdict"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['count_sum', '10', 'consistent'], ['pct_1', '20.0', 'reproduced'], ['pct_2', '30.0', 'reproduced'],
 ['pct_3', '50.0', 'reproduced'], ['mean', '2.30', 'reproduced'], ['sd', '0.82', 'reproduced']]
>>> audit.loc[0, "reason"]
'the counts add to 10 of N = 12: 2 gave no answer, as no n is printed to confirm'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from likertkit.errors import InputError
from likertkit.formats import with_percent_sign
from likertkit.io.files import line_number, read_csv_strict
from likertkit.io.printed import decimals, parse_count_cell, rounds_to
from likertkit.stats import consistency

__all__ = ["AUDIT_COLUMNS", "CLOSURE_MAX_N", "CLOSURE_MAX_POINTS", "PrintedItem", "VERDICTS", "audit_table",
           "parse_table", "read_table", "verdict_counts"]

AUDIT_COLUMNS = ["item", "quantity", "printed", "recomputed", "verdict", "reason"]
VERDICTS = ("reproduced", "consistent", "differs", "impossible", "not checkable")
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_MEAN_SD = re.compile(rf"^\s*(?P<mean>{_NUMBER})\s*(?:\(\s*(?P<sd>{_NUMBER})\s*\)|±\s*(?P<pm>{_NUMBER}))\s*$")
_PLAIN = re.compile(rf"^\s*{_NUMBER}\s*%?\s*$")
# CLOSURE enumerates every distribution; beyond these sizes it is left out (said so) rather than run for long.
CLOSURE_MAX_N, CLOSURE_MAX_POINTS = 500, 7


@dataclass
class PrintedItem:
    """One item's printed numbers, as text (``None`` where the table prints nothing)."""

    item: str
    label: str = ""
    n: str | None = None
    counts: dict = field(default_factory=dict)  # code -> count as printed
    percents: dict = field(default_factory=dict)  # code -> percent as printed
    mean: str | None = None
    sd: str | None = None


def _number(text, file, line, column, whole=False) -> str:
    text = str(text).strip().rstrip("%").strip()
    pattern = r"\d+" if whole else _NUMBER
    if whole and re.fullmatch(r"-\s*\d+", text):
        raise InputError(file, f"value {text!r} is negative: a count is never below 0", line, column)
    if not re.fullmatch(pattern, text):
        kind = "a whole number" if whole else "a number"
        raise InputError(file, f"value {text!r} is not {kind} as printed", line, column)
    return text


def parse_table(frame: pd.DataFrame, scale: pd.DataFrame, file="table.csv") -> list[PrintedItem]:
    """The printed table (every cell as text, its index the file's lines) as :class:`PrintedItem` rows, checked:
    one error naming the file, line, column and value for a cell that is not a number, a ``cell_`` without a
    count, a code not on the scale or a duplicated item."""
    codes = {str(code) for code in scale["code"]}
    if "item" not in frame.columns:
        raise InputError(file, "required column 'item' missing; found: " + ", ".join(frame.columns), 1)
    known = {"item", "label", "n", "mean", "sd", "mean_sd", "location", "note"}
    for column in frame.columns:
        prefix, _, code = column.partition("_")
        if column in known:
            continue
        if prefix in ("count", "pct", "cell") and code:
            if code not in codes:
                raise InputError(file, f"column {column!r} names code {code!r}, which is not on the scale "
                                       f"({', '.join(sorted(codes, key=int))})", 1, column)
            continue
        raise InputError(file, f"column {column!r} is none of item, label, n, count_<code>, pct_<code>, "
                               "cell_<code>, mean, sd, mean_sd", 1, column)
    items, seen = [], {}
    for index, row in frame.iterrows():
        line = line_number(index)
        name = str(row["item"]).strip()
        if not name:
            raise InputError(file, "item is empty", line, "item")
        if name in seen:
            raise InputError(file, f"item {name!r} appears twice (also on line {seen[name]})", line, "item")
        seen[name] = line
        printed = PrintedItem(name, str(row.get("label", "") or "").strip())
        for column, value in row.items():
            value = "" if value is None else str(value).strip()
            if not value or column in ("item", "label", "location", "note"):
                continue
            prefix, _, code = column.partition("_")
            if column == "n":
                printed.n = _number(value, file, line, column, whole=True)
            elif prefix == "count" and code:
                printed.counts[int(code)] = _number(value, file, line, column, whole=True)
            elif prefix == "pct" and code:
                printed.percents[int(code)] = _number(value, file, line, column)
            elif prefix == "cell" and code:
                try:
                    cell = parse_count_cell(value)
                except ValueError:
                    raise InputError(file, f"value {value!r} is not a count with its percent, such as '13 (21.3)' or "
                                           "'21.3% (13)'", line, column) from None
                printed.counts[int(code)], printed.percents[int(code)] = str(cell.count), cell.percent
            elif column == "mean":
                printed.mean = _number(value, file, line, column)
            elif column == "sd":
                printed.sd = _number(value, file, line, column)
            elif column == "mean_sd":
                match = _MEAN_SD.match(value)
                if not match:
                    raise InputError(file, f"value {value!r} is not a mean with its SD, such as '2.15 (0.9)' or "
                                           "'2.15 ± 0.90'", line, column)
                printed.mean, printed.sd = match["mean"], match["sd"] or match["pm"]
        items.append(printed)
    return items


def read_table(path, scale: pd.DataFrame) -> list[PrintedItem]:
    """``table.csv`` read (UTF-8, every cell as text) and parsed (:func:`parse_table`)."""
    return parse_table(read_csv_strict(path, ["item"]), scale, path)


def _row(item, quantity, printed, recomputed, verdict, reason=""):
    return dict(item=item, quantity=quantity, printed=printed, recomputed=recomputed, verdict=verdict, reason=reason)


def _shown(value: float, printed: str) -> str:
    """A recomputed value to two more decimals than printed, as reasons show it."""
    return f"{value:.{decimals(printed) + 2}f}"


def _units(printed: str, value: float) -> str:
    """How far a printed number is from a recomputed one, in units of its last printed decimal."""
    gap = (float(printed) - value) / 10 ** -decimals(printed)
    return f"the printed {printed} is {abs(gap):.1f} units of its last decimal {'above' if gap > 0 else 'below'} it"


def _denominator(items: list, n_all: int | None) -> dict:
    """Which denominator the table's percents were computed from: ``{"name", "reproduced": {name: k}, "of": m}``,
    trying all respondents (``N``) and each item's answers (its printed *n*, else the sum of its counts)."""
    tried = {"all respondents": 0, "valid answers": 0}
    checked = 0
    for printed in items:
        if not printed.counts or not printed.percents:
            continue
        answered = int(printed.n) if printed.n else sum(int(c) for c in printed.counts.values())
        for code, percent in printed.percents.items():
            if code not in printed.counts:
                continue
            checked += 1
            count = int(printed.counts[code])
            if n_all and rounds_to(percent, 100 * count / n_all):
                tried["all respondents"] += 1
            if answered and rounds_to(percent, 100 * count / answered):
                tried["valid answers"] += 1
    best = max(tried, key=lambda name: (tried[name], name == "valid answers"))
    return dict(name=best if checked and tried[best] else "", reproduced=tried, of=checked)


def _sds(counts: np.ndarray, codes: np.ndarray) -> tuple[float, float, float]:
    """``(mean, sample SD, population SD)`` of answers given as counts per code."""
    n = counts.sum()
    mean = counts @ codes / n
    squares = counts @ (codes - mean) ** 2
    return mean, math.sqrt(squares / (n - 1)) if n > 1 else float("nan"), math.sqrt(squares / n)


def audit_table(items: list, scale: pd.DataFrame, n_all: int | None = None) -> pd.DataFrame:
    """Every printed number checked against the others: ``item, quantity, printed, recomputed, verdict, reason``.

    Parameters
    ----------
    items : list of PrintedItem
        From :func:`read_table` or :func:`parse_table`.
    scale : DataFrame
        ``code, label``: the answers' codes, lowest to highest.
    n_all : int, optional
        The number of respondents, when the article gives it (``N``).

    Returns
    -------
    DataFrame
        One row per checked quantity: ``count_sum`` (the counts against *n* or *N*), ``pct_<code>``, ``mean``,
        ``sd``; ``recomputed`` is the value the other numbers give (empty where none does). ``audit.attrs
        ["denominator"]`` says which denominator the percents were computed from, and how many each reproduces.
    """
    codes = np.array(sorted(int(code) for code in scale["code"]), dtype=float)
    lowest, highest = int(codes[0]), int(codes[-1])
    denominator = _denominator(items, n_all)
    rows = []
    for printed in items:
        rows += _check_item(printed, codes, lowest, highest, n_all, denominator)
    audit = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    audit.attrs["denominator"] = denominator
    return audit


def _check_item(printed: PrintedItem, codes, lowest, highest, n_all, denominator) -> list:
    rows, item = [], printed.item
    full = len(printed.counts) == len(codes)
    counts = np.array([int(printed.counts.get(int(code), 0)) for code in codes], dtype=float)
    total = int(counts.sum())
    n = int(printed.n) if printed.n else None
    if printed.counts:
        if not full:
            rows.append(_row(item, "count_sum", str(total), "", "not checkable",
                             f"counts printed for {len(printed.counts)} of the {len(codes)} answers"))
        elif n is not None:
            rows.append(_row(item, "count_sum", str(total), n, "reproduced" if total == n else "differs",
                             f"the counts add to {total}, the printed n" if total == n else
                             f"the counts add to {total}, not the printed n = {n} ({total - n:+d})"))
        elif n_all is not None:
            verdict = "reproduced" if total == n_all else "consistent" if total < n_all else "impossible"
            rows.append(_row(item, "count_sum", str(total), n_all, verdict,
                             f"the counts add to N = {n_all}" if total == n_all else
                             f"the counts add to {total} of N = {n_all}: {n_all - total} gave no answer, as no n "
                             "is printed to confirm" if total < n_all else
                             f"the counts add to {total}, more than N = {n_all}"))
        else:
            rows.append(_row(item, "count_sum", str(total), "", "not checkable", "neither the item's n nor N is given"))
    answered = n if n is not None else total if full else None
    for code in codes:
        code = int(code)
        if code not in printed.percents:
            continue
        rows.append(_out_of_range(item, f"pct_{code}", printed.percents[code], 0, 100, "a percent")
                    or _check_percent(printed, code, answered, n_all, denominator))
    no_answers = n == 0 or (n is None and full and total == 0)
    for quantity, value, low, high, what in (("mean", printed.mean, lowest, highest, "a mean on the scale"),
                                             ("sd", printed.sd, 0, math.inf, "an SD")):
        impossible = value is not None and (_out_of_range(item, quantity, value, low, high, what) or (
            _row(item, quantity, value, "", "impossible", f"the item has no answers (n = 0), which give no "
                                                          f"{'mean' if quantity == 'mean' else 'SD'}")
            if no_answers else None))
        if impossible:
            rows.append(impossible)
            setattr(printed, quantity, None)  # checked: nothing more to recompute
    if printed.mean is not None or printed.sd is not None:
        if full and total > 0:
            rows += _check_from_counts(printed, counts, codes)
        else:
            rows += _check_without_counts(printed, n if n is not None else n_all, n is None, lowest, highest)
    return rows


def _out_of_range(item, quantity, printed: str, low, high, what: str):
    """An ``impossible`` row for a printed value outside ``[low, high]`` (a percent over 100, a negative SD, a mean
    beyond the scale's ends), else ``None``."""
    value = float(printed)
    if low <= value <= high:
        return None
    bound = f"below {low:g}" if value < low else f"above {high:g}"
    return _row(item, quantity, printed, "", "impossible", f"{what} is never {bound}")


def _check_percent(printed: PrintedItem, code: int, answered, n_all, denominator) -> dict:
    item, percent = printed.item, printed.percents[code]
    quantity = f"pct_{code}"
    if code in printed.counts:
        count = int(printed.counts[code])
        options = {"all respondents": n_all, "valid answers": answered}
        preferred = denominator["name"] or ("valid answers" if answered else "all respondents")
        base = options.get(preferred)
        recomputed = 100 * count / base if base else None
        if recomputed is not None and rounds_to(percent, recomputed):
            return _row(item, quantity, percent, recomputed, "reproduced",
                        f"{count} of the {base} {'respondents' if preferred == 'all respondents' else 'answers'}")
        for other, value in options.items():
            if other != preferred and value and rounds_to(percent, 100 * count / value):
                return _row(item, quantity, percent, 100 * count / value, "reproduced",
                            f"{count} of {value} ({other}), not the {preferred} most of the table's percents use")
        if recomputed is None:
            return _row(item, quantity, percent, "", "not checkable", "neither the item's n nor N is given")
        return _row(item, quantity, percent, recomputed, "differs",
                    f"{count} of {base} is {with_percent_sign(recomputed, decimals(percent) + 2)}; "
                    f"{_units(percent, recomputed)}; "
                    "no denominator reproduces it")
    base = answered or n_all
    if not base:
        return _row(item, quantity, percent, "", "not checkable", "no count, and neither n nor N to divide by")
    possible = [k for k in range(base + 1) if rounds_to(percent, 100 * k / base)]
    if possible:
        return _row(item, quantity, percent, "", "consistent",
                    f"{' or '.join(map(str, possible))} of {base} give it; no count is printed to say which")
    return _row(item, quantity, percent, "", "impossible", f"no whole count of {base} gives {percent}%")  # as printed


def _check_from_counts(printed: PrintedItem, counts, codes) -> list:
    item, rows = printed.item, []
    mean, sample_sd, population_sd = _sds(counts, codes)
    if printed.mean is not None:
        ok = rounds_to(printed.mean, mean)
        rows.append(_row(item, "mean", printed.mean, mean, "reproduced" if ok else "differs",
                         f"the counts give {_shown(mean, printed.mean)}" + ("" if ok else
                                                                          f"; {_units(printed.mean, mean)}")))
    if printed.sd is not None:
        if rounds_to(printed.sd, sample_sd):
            rows.append(_row(item, "sd", printed.sd, sample_sd, "reproduced",
                             f"the counts' sample SD (n - 1) is {_shown(sample_sd, printed.sd)}"))
        elif rounds_to(printed.sd, population_sd):
            rows.append(_row(item, "sd", printed.sd, population_sd, "reproduced",
                             f"the counts' population SD (n) is {_shown(population_sd, printed.sd)}; the sample "
                             f"SD would be {_shown(sample_sd, printed.sd)}"))
        else:
            rows.append(_row(item, "sd", printed.sd, sample_sd, "differs",
                             f"the counts' sample SD is {_shown(sample_sd, printed.sd)} and population SD "
                             f"{_shown(population_sd, printed.sd)}; {_units(printed.sd, sample_sd)} (the sample SD); "
                             "no recipe reproduces it"))
    return rows


def _check_without_counts(printed: PrintedItem, n, assumed, lowest, highest) -> list:
    item, rows = printed.item, []
    if n is None or n < 1:
        for quantity, value in (("mean", printed.mean), ("sd", printed.sd)):
            if value is not None:
                rows.append(_row(item, quantity, value, "", "not checkable", "no counts, and neither n nor N"))
        return rows
    at = f"{n} answers (N, as no n is printed)" if assumed else f"{n} answers"
    mean_ok = None
    if printed.mean is not None:
        mean_ok = consistency.grim(printed.mean, n)
        rows.append(_row(item, "mean", printed.mean, "", "consistent" if mean_ok else "impossible",
                         f"GRIM: {'some' if mean_ok else 'no'} {at} on whole codes give a mean of {printed.mean}"))
    if printed.sd is not None:
        if printed.mean is None:
            rows.append(_row(item, "sd", printed.sd, "", "not checkable", "an SD alone is checked only with its mean"))
            return rows
        if not mean_ok:
            rows.append(_row(item, "sd", printed.sd, "", "not checkable", "the mean is impossible (GRIM)"))
            return rows
        if not consistency.grimmer(printed.mean, printed.sd, n):
            rows.append(_row(item, "sd", printed.sd, "", "impossible",
                             f"GRIMMER: no {at} on whole codes give a mean of {printed.mean} with an SD of "
                             f"{printed.sd}"))
        elif n <= CLOSURE_MAX_N and highest - lowest + 1 <= CLOSURE_MAX_POINTS:
            found = len(consistency.closure(printed.mean, printed.sd, n, lowest, highest))
            rows.append(_row(item, "sd", printed.sd, found, "consistent" if found else "impossible",
                             f"CLOSURE: {found} distribution(s) of {at} on the scale {lowest}-{highest} give this "
                             f"mean and SD" if found else f"CLOSURE: no distribution of {at} on the scale "
                             f"{lowest}-{highest} gives this mean and SD, though GRIMMER allows it"))
        else:
            rows.append(_row(item, "sd", printed.sd, "", "consistent",
                             f"GRIMMER: some {at} give this mean and SD (CLOSURE not run: over {CLOSURE_MAX_N} "
                             f"answers or {CLOSURE_MAX_POINTS} points)"))
    return rows


def verdict_counts(audit: pd.DataFrame) -> pd.Series:
    """How many numbers got each verdict, in :data:`VERDICTS` order."""
    return audit["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
