"""What a report shows when its run was given a weight (``WEIGHT=column``): every descriptive figure is of the
weighted answers (percents of the sums of weights, medians of the weighted distribution, means with intervals on
Kish's effective n: :func:`likertkit.stats.weighted_item_statistics`), and the unweighted answers appear only as a
comparison, or where a statistic has no weighted form here (rank tests, reliability), which the report says beside
it (:data:`UNWEIGHTED`). The groups' percents are weighted too (:func:`groups_shown`). Without a weight, everything is
as counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from likertkit.report.markup import literal
from likertkit.report.sentences import alt_blocks, weighting

__all__ = ["UNWEIGHTED", "WEIGHTED_GROUPS", "Shown", "diverging_chart", "groups_note", "groups_shown", "shown",
           "unweighted"]


@dataclass(frozen=True)
class Shown:
    """The tables a report's descriptive figures are drawn from.

    Parameters
    ----------
    statistics : DataFrame
        Per item, as :attr:`likertkit.Description.statistics` (weighted: with ``n_effective``).
    percents : DataFrame
        Per item, ``item, label, domain, n_valid, valid_pct_<code>…`` (the views' input).
    parts : list
        ``[(scale name, counts, items, scale)]``, the counts sums of weights when weighted.
    weight : str
        The weight column, or ``""``.
    """

    statistics: pd.DataFrame
    percents: pd.DataFrame
    parts: list
    weight: str = ""

    def said(self, text: str, markdown: bool = False) -> str:
        """An alt text (or, with ``markdown``, a sentence of the report) preceded by what the weighting is when there
        is one."""
        if not self.weight:
            return text
        name = literal(self.weight) if markdown else self.weight
        return f"Weighted by the column {name}. {text}"


def shown(result) -> Shown:
    """What the report's descriptive figures show for a :class:`likertkit.Description`: its weighted tables when it
    was given a weight, else its tables as counted."""
    if result.weighted is None:
        return Shown(result.statistics, result.percents, result.parts)
    weighted = result.weighted
    per_code = [c for c in weighted.columns if c.startswith("weighted_valid_pct_")]
    percents = weighted[["item", "label", "domain", "n_valid", "n_effective", *per_code]].rename(
        columns={c: c.replace("weighted_", "", 1) for c in per_code})
    return Shown(result.weighted_statistics, percents, result.weighted_parts, result.weight)


def diverging_chart(result, order: str, title: str, palette: str, comparison: bool = False) -> tuple:
    """``(file stem, figure, alt text)`` of a report's diverging chart: of the weighted answers when the run was given
    a weight (``weighted_diverging``), else of the answers as counted (``fig1_likert_diverging``). With
    ``comparison``, a weighted report's second chart: the answers unweighted, shown beside the account of the
    weighting."""
    from likertkit.charts import plot_diverging_blocks

    if result.weighted is not None and not comparison:
        return ("weighted_diverging",
                plot_diverging_blocks(result.weighted_parts, order=order, weighted=True, palette=palette,
                                      title=f"Weighted percents (weights: {result.weight})"),
                "Diverging stacked bar chart of weighted percents, one bar per item. "
                + weighting(result.weighted, result.weight))
    alt = alt_blocks(result.parts, "respondents", order)
    return ("fig1_likert_diverging", plot_diverging_blocks(result.parts, order=order, title=title, palette=palette),
            "The same answers unweighted, each respondent counted once. " + alt if comparison else alt)


def groups_shown(result, by_group: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(by group, counts)`` that a report's comparison of groups shows: ``by_group`` (:func:`likertkit.stats.by_group`
    of the answers as counted) and the groups' counts; with a weight, each group's weighted percents, mean and SD
    per item (:attr:`likertkit.Description.weighted_by_group`), with Kish's effective n beside the raw ``n_valid``
    and ``n_missing``, and the sums of weights as the counts the chart draws."""
    if result.weighted_by_group is None:
        return by_group, result.group_counts
    weighted = result.weighted_by_group
    per_code = [c for c in weighted.columns if c.startswith("weighted_valid_pct_")]
    shown_groups = by_group[["group", "item", "n_valid", "n_missing"]].merge(
        weighted[["group", "item", "n_effective", "sum_of_weights", *per_code, "mean", "sd"]], on=["group", "item"],
        how="left", validate="one_to_one").rename(columns={c: c.replace("weighted_", "", 1) for c in per_code})
    sums = weighted.melt(id_vars=["group", "item"], value_vars=[c for c in weighted.columns if c.startswith("weighted_count_")],
                         var_name="code", value_name="count").dropna(subset=["count"])
    sums["code"] = sums["code"].str.removeprefix("weighted_count_").astype(int)
    return shown_groups, sums.reset_index(drop=True)


# What a weighted report says of its comparison of groups.
WEIGHTED_GROUPS = ("The groups' percents and chart are of the **weighted** answers: each group's percents are of the "
                   "sums of its respondents' weights (`weighted_by_group.csv`, with Kish's effective n for each group "
                   "and item). The chart gives each bar's sum of weights (Σw), the sentences each group's respondents "
                   "as counted; `by_group.csv` keeps the unweighted counts and percents.")


def groups_note(weight: str, n_compared: int) -> str:
    """:data:`WEIGHTED_GROUPS` when the run was given a weight and has groups to compare; else ``""``."""
    return WEIGHTED_GROUPS if weight and n_compared > 1 else ""


# What a weighted report says beside the figures that are not weighted.
UNWEIGHTED = {
    "tests": "The tests use the **unweighted** answers: Mann–Whitney, Kruskal–Wallis and Dunn's tests rank the "
             "answers and have no form for survey weights here.",
    "reliability": "Reliability and the constructs' scores use the **unweighted** answers: alpha, omega and the "
                   "item-rest correlations have no form for survey weights here.",
    "joint": "The joint display's numbers and bars are of the **unweighted** answers, each respondent counted once, "
             "as `joint_display.csv` and `item_statistics.csv` give them.",
}


def unweighted(weight: str, what: str) -> str:
    """The sentence :data:`UNWEIGHTED` holds for ``what`` when the run was given a weight; else ``""``."""
    return UNWEIGHTED[what] if weight else ""
