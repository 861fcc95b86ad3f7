"""The joint display: one row per finding, its survey items' statistics beside its quotes and its rating."""

from __future__ import annotations

import pandas as pd

from likertkit.formats import percent, with_percent_sign
from likertkit.io.printed import split_list
from likertkit.scales.table import scale_parts

__all__ = ["NOT_RATED", "joint_display"]

NOT_RATED = "not yet rated"


def _item_cell(item: str, row: pd.Series, scales: dict) -> str:
    """``item q1: n 10, 70.0% in the upper half (95% CI 39.7-89.2), median 3 (agree)``."""
    scale = scales.get(str(row.get("scale", "")), next(iter(scales.values())))
    label = dict(zip(scale["code"], scale["label"], strict=True)).get(row["median"], "")
    return (f"item {item}: n {int(row['n_valid'])}, {with_percent_sign(row['pct_agree'])} in the upper half "
            f"(95% CI {percent(row['pct_agree_ci_low'])}-{percent(row['pct_agree_ci_high'])}), median {row['median']}"
            + (f" ({str(label).lower()})" if label != "" else ""))


def joint_display(findings: pd.DataFrame, item_stats: pd.DataFrame, scale: pd.DataFrame | None = None,
                  describe_item=None) -> pd.DataFrame:
    """One row per finding: ``finding_id, theme, statement, items, item_statistics, quotes, rating, rationale``.

    ``item_statistics`` gives, for each linked item, its valid *n*, the percent in the upper half of the scale
    with its Wilson 95 % interval and the median, as :func:`likertkit.stats.item_statistics` computed them
    (``;``-separated, in the finding's order); a blank rating reads "not yet rated". The ratings are the
    researcher's: nothing here judges convergence. With several scales, ``scale`` is the combined table and
    ``item_stats`` has a ``scale`` column naming each item's. ``describe_item(item, row)``, given an item's id and
    its row of ``item_stats``, may word each item's statistics otherwise (as an article printed them, say); ``scale`` is
    then not needed.

    Examples
    --------
    >>> from likertkit.stats import example_tables, item_statistics
    >>> counts, items, scale = example_tables()
    >>> findings = pd.DataFrame({"finding_id": ["F1"], "theme": ["T1"], "statement": ["Most agree"],
    ...                          "items": ["q1"], "quotes": ["A1"], "rating": [""], "rationale": [""]})
    >>> row = joint_display(findings, item_statistics(counts, items, scale), scale).iloc[0]
    >>> row["item_statistics"]
    'item q1: n 10, 70.0% in the upper half (95% CI 39.7-89.2), median 3 (agree)'
    >>> row["rating"]
    'not yet rated'
    """
    by_item = item_stats.set_index(item_stats["item"].astype(str), drop=False)
    if describe_item is None:
        scales = scale_parts(scale)
    describe = describe_item or (lambda item, row: _item_cell(item, row, scales))
    rows = []
    for _, finding in findings.iterrows():
        linked = split_list(finding["items"])
        rows.append({"finding_id": finding["finding_id"], "theme": finding["theme"], "statement": finding["statement"],
                     "items": ";".join(linked),
                     "item_statistics": "; ".join(describe(item, by_item.loc[item]) for item in linked),
                     "quotes": ";".join(split_list(finding["quotes"])), "rating": finding["rating"] or NOT_RATED,
                     "rationale": finding["rationale"]})
    return pd.DataFrame(rows, columns=["finding_id", "theme", "statement", "items", "item_statistics", "quotes",
                                       "rating", "rationale"])
