"""A survey split by response scale: each part goes through the same statistics and charts as a survey with one
scale, and their tables are stacked again.

Examples
--------
>>> from likertkit.stats import example_tables, item_statistics
>>> counts, items, scale = example_tables()
>>> parts = split_by_scale(counts, items, scale)
>>> len(parts), list(combined(parts, item_statistics)["item"])
(1, ['q1', 'q2'])
"""

from __future__ import annotations

import re

import pandas as pd

from likertkit.scales.table import scale_parts

__all__ = ["combined", "of_items", "split_by_scale", "weighted_counts"]


def split_by_scale(counts: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame) -> list:
    """``[(scale name, counts, items, scale)]``: the survey split by response scale (one part, named ``""``, for a
    survey with one scale), so each part goes through the same statistics and charts as a one-scale survey."""
    scales = scale_parts(scale)
    if len(scales) == 1:
        return [("", counts, items, next(iter(scales.values())))]
    parts = []
    for name, part in scales.items():
        its = items[items["scale"].astype(str) == name]
        parts.append((name, counts[counts["item"].isin(set(its["item"]))], its, part))
    return parts


def combined(parts: list, compute) -> pd.DataFrame:
    """``compute(counts, items, scale)`` for each part, stacked, with a ``scale`` column when there are several
    (columns for codes a scale lacks are left empty)."""
    if len(parts) == 1:
        _, counts, items, scale = parts[0]
        return compute(counts, items, scale)
    tables = [compute(counts, items, scale).assign(scale=name) for name, counts, items, scale in parts]
    table = pd.concat(tables, ignore_index=True)
    return table[["scale", *_in_order([c for c in table.columns if c != "scale"])]]


_PER_CODE = re.compile(r"^(?P<kind>[a-z_]+?)_(?P<code>-?\d+)$")


def _in_order(columns: list) -> list:
    """A stacked table's columns with each kind of per-code column together, codes in order (``count_5`` beside
    ``count_4``, not after ``sd``, when a later scale has more codes)."""
    kinds = list(dict.fromkeys(m["kind"] for m in map(_PER_CODE.match, columns) if m))
    first = next((i for i, c in enumerate(columns) if _PER_CODE.match(c)), len(columns))
    per_code = sorted((c for c in columns if _PER_CODE.match(c)),
                      key=lambda c: (kinds.index(_PER_CODE.match(c)["kind"]), int(_PER_CODE.match(c)["code"])))
    rest = [c for c in columns if not _PER_CODE.match(c)]
    return rest[:first] + per_code + rest[first:]


def of_items(table: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` (item statistics, group counts …) that are about one part's ``items``."""
    return table[table["item"].isin(set(items["item"]))]


def weighted_counts(weighted: pd.DataFrame, scale: pd.DataFrame) -> pd.DataFrame:
    """The weighted table's sums of weights as tidy counts (``item, code, count``), for a chart of weighted percents."""
    return pd.DataFrame([dict(item=item, code=code, count=float(row[f"weighted_count_{code}"]))
                         for item, (_, row) in zip(weighted["item"], weighted.iterrows(), strict=True) for code in scale["code"]])
