"""Answers by group: each group's counts and percents, and the tests of a difference between groups on the
answers' order (Mann–Whitney U, Kruskal–Wallis H, from counts), Holm-adjusted."""

from __future__ import annotations

import numpy as np
import pandas as pd

from likertkit.stats.items import describe_items

__all__ = ["by_group", "dunn_counts", "group_test", "group_test_counts", "group_tests", "holm", "mean_ranks",
           "median_positions", "pairwise_tests"]


def by_group(group_counts: pd.DataFrame, group_sizes: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame) -> pd.DataFrame:
    """Each group's counts, valid percents, mean and SD per item.

    Parameters
    ----------
    group_counts : DataFrame
        ``group, item, code, count``.
    group_sizes : DataFrame
        ``group, n_respondents``: the groups to describe, in order.
    items, scale : DataFrame
        As for :func:`likertkit.describe_items`.

    Returns
    -------
    DataFrame
        One row per group x item: ``group, item, n_valid, n_missing, count_<code>…, valid_pct_<code>…, mean, sd``;
        an item nobody in a group answered has ``n_valid`` 0 and empty percents, mean and SD.

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"code": [1, 2], "label": ["No", "Yes"]})
    >>> items = pd.DataFrame({"item": ["q1"], "label": ["Q"], "domain": [""]})
    >>> group_counts = pd.DataFrame({"group": ["A", "A", "B", "B"], "item": "q1", "code": [1, 2, 1, 2],
    ...                              "count": [1, 3, 2, 2]})
    >>> sizes = pd.DataFrame({"group": ["A", "B"], "n_respondents": [4, 5]})
    >>> by_group(group_counts, sizes, items, scale)[["group", "n_valid", "n_missing", "valid_pct_2"]].values.tolist()
    [['A', 4, 0, 75.0], ['B', 4, 1, 50.0]]
    """
    parts = []
    for group, n in zip(group_sizes["group"], group_sizes["n_respondents"], strict=True):
        with np.errstate(divide="ignore", invalid="ignore"):
            table = describe_items(group_counts[group_counts["group"] == group], items.assign(n_respondents=n), scale)
        parts.append(table.assign(group=group))
    codes = list(scale["code"])
    columns = ["group", "item", "n_valid", "n_missing", *(f"count_{c}" for c in codes),
               *(f"valid_pct_{c}" for c in codes), "mean", "sd"]
    if not parts:  # no group to describe (none reaches MIN_GROUP): a table with no rows
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def _counts_by_group(rows: pd.DataFrame, order: dict) -> np.ndarray:
    """``matrix[g, k]``: how many in group ``g`` answered at position ``k`` of the scale, from tidy counts
    (``group, code, count``) of one item; groups with no answer left out."""
    return _group_matrix(rows, order)[1]


def _group_matrix(rows: pd.DataFrame, order: dict) -> tuple[list, np.ndarray]:
    """``(groups, matrix)``: :func:`_counts_by_group` with the names of its rows."""
    groups = list(dict.fromkeys(rows["group"]))
    matrix = np.zeros((len(groups), len(order)), dtype=np.float64)
    if rows.empty:
        return [], matrix
    np.add.at(matrix, (rows["group"].map({g: i for i, g in enumerate(groups)}).to_numpy(),
                       rows["code"].map(order).to_numpy()), rows["count"].to_numpy(dtype=np.float64))
    answered = matrix.sum(axis=1) > 0
    return [g for g, keep in zip(groups, answered, strict=True) if keep], matrix[answered]


def mean_ranks(matrix) -> np.ndarray:
    """Each group's mean rank among all the answers (ties at their mid-rank), from counts ``matrix[g, k]``: which
    group lies further along the scale, as the rank tests see it."""
    matrix = np.asarray(matrix, dtype=np.float64)
    ties = matrix.sum(axis=0)
    midranks = np.cumsum(ties) - ties + (ties + 1) / 2
    return matrix @ midranks / matrix.sum(axis=1)


def median_positions(matrix) -> list:
    """Each group's median position on the scale (the lower median: inverted empirical CDF), from counts."""
    matrix = np.asarray(matrix, dtype=np.float64)
    return [int(np.searchsorted(np.cumsum(row), row.sum() / 2)) for row in matrix]


def dunn_counts(matrix) -> list:
    """Dunn's pairwise tests after Kruskal–Wallis, from counts: ``[(a, b, z, p)]`` for every pair of groups (rows),
    ``z = (mean rank a - mean rank b) / sqrt((N (N + 1) / 12 - sum(t^3 - t) / (12 (N - 1))) (1 / n_a + 1 / n_b))``
    with the tie correction, two-sided normal p-values (as scikit-posthocs' ``posthoc_dunn``).

    Examples
    --------
    The p-values are scikit-posthocs 0.17.1's ``posthoc_dunn`` for the same answers (0.012866, 0.213597, 0.213597):

    >>> [(a, b, round(z, 3), round(p, 6)) for a, b, z, p in dunn_counts([[3, 1, 0], [0, 1, 3], [1, 2, 1]])]
    [(0, 1, -2.487, 0.012866), (0, 2, -1.244, 0.213597), (1, 2, 1.244, 0.213597)]
    """
    from scipy.special import ndtr  # scipy.stats.norm.sf(x) is ndtr(-x), bit for bit, without importing scipy.stats

    matrix = np.asarray(matrix, dtype=np.float64)
    ties, n_of = matrix.sum(axis=0), matrix.sum(axis=1)
    n = ties.sum()
    spread = n * (n + 1) / 12 - (ties ** 3 - ties).sum() / (12 * (n - 1))
    ranks = mean_ranks(matrix)
    pairs = []
    for a in range(len(matrix)):
        for b in range(a + 1, len(matrix)):
            z = (ranks[a] - ranks[b]) / np.sqrt(spread * (1 / n_of[a] + 1 / n_of[b])) if spread > 0 else 0.0
            pairs.append((a, b, float(z), float(2 * ndtr(-abs(z)))))
    return pairs


def group_test_counts(matrix) -> dict:
    """:func:`group_test` on answers held as counts: ``matrix[g, k]`` answers of group ``g`` at position ``k``.

    The same statistics from the counts alone, in time that does not grow with the respondents: every answer at
    position ``k`` has the mid-rank of its tie block, ``R_g = sum_k n_gk r_k``; Kruskal–Wallis
    ``H = (12 / (N (N + 1)) sum_g R_g^2 / n_g - 3 (N + 1)) / C`` with the tie correction
    ``C = 1 - sum_k (t_k^3 - t_k) / (N^3 - N)``; Mann–Whitney ``U = R_1 - n_1 (n_1 + 1) / 2`` with the normal
    approximation, tie-corrected, with continuity correction, two-sided (as scipy's ``mannwhitneyu(...,
    method="asymptotic")`` and ``kruskal``, which the tests compare it with).

    >>> r = group_test_counts([[3, 1, 0], [0, 1, 3]])  # as mannwhitneyu([0, 0, 0, 1], [1, 2, 2, 2])
    >>> r["test"], r["statistic"], round(r["p_value"], 4)
    ('Mann-Whitney U', 0.5, 0.0325)
    """
    from scipy.special import chdtrc, ndtr  # as scipy.stats' norm.sf and chi2.sf compute them

    matrix = np.asarray(matrix, dtype=np.float64)
    matrix = matrix[matrix.sum(axis=1) > 0]
    if len(matrix) < 2:
        return dict(test="", statistic=np.nan, df=np.nan, p_value=np.nan, effect_size=np.nan, effect_size_name="")
    ties = matrix.sum(axis=0)
    n_of = matrix.sum(axis=1)
    n = ties.sum()
    midranks = np.cumsum(ties) - ties + (ties + 1) / 2
    rank_sums = matrix @ midranks
    tie_sum = float((ties ** 3 - ties).sum())
    if len(matrix) == 2:
        n1, n2 = n_of
        u1 = rank_sums[0] - n1 * (n1 + 1) / 2
        u = max(u1, n1 * n2 - u1)
        sigma = np.sqrt(n1 * n2 / 12 * ((n + 1) - tie_sum / (n * (n - 1))))
        p = 1.0 if sigma == 0 else float(min(1.0, 2 * ndtr(-(u - n1 * n2 / 2 - 0.5) / sigma)))
        return dict(test="Mann-Whitney U", statistic=float(u1), df=np.nan, p_value=p,
                    effect_size=float(-(1 - 2 * u1 / (n1 * n2))), effect_size_name="rank-biserial r")
    correction = 1 - tie_sum / (n ** 3 - n)
    if correction <= 0:  # every answer the same
        return dict(test="Kruskal-Wallis H", statistic=0.0, df=len(matrix) - 1, p_value=1.0, effect_size=0.0,
                    effect_size_name="epsilon squared")
    h = (12 / (n * (n + 1)) * (rank_sums ** 2 / n_of).sum() - 3 * (n + 1)) / correction
    return dict(test="Kruskal-Wallis H", statistic=float(h), df=len(matrix) - 1,
                p_value=float(chdtrc(len(matrix) - 1, h)), effect_size=float(h / (n - 1)),
                effect_size_name="epsilon squared")


def group_test(samples: dict) -> dict:
    """A test of a difference between groups suited to ordinal answers.

    Mann–Whitney U for two groups (effect size: the rank-biserial correlation, ``1 - 2U / (n1 n2)``, as
    pingouin's ``mwu``), Kruskal–Wallis H for more (effect size: epsilon squared, ``H / (n - 1)``); the values
    are counted per distinct value and tested from the counts (:func:`group_test_counts`), equal to scipy's
    ``mannwhitneyu`` (asymptotic, tie- and continuity-corrected) and ``kruskal``.

    Parameters
    ----------
    samples : dict
        ``{group: values}``: each group's answers as positions on the scale (or construct scores).

    Returns
    -------
    dict
        ``test, statistic, df, p_value, effect_size, effect_size_name``; empty test and NaN values when fewer
        than two groups have values.

    Examples
    --------
    >>> result = group_test({"A": [0, 0, 0, 1], "B": [1, 2, 2, 2]})
    >>> result["test"], result["statistic"], round(result["p_value"], 4), result["effect_size"]
    ('Mann-Whitney U', 0.5, 0.0325, -0.9375)
    """
    samples = [np.asarray(v, dtype=float) for v in samples.values() if len(v)]
    if not samples:
        return group_test_counts(np.zeros((0, 0)))
    values = np.unique(np.concatenate(samples))
    return group_test_counts(np.array([np.bincount(np.searchsorted(values, v), minlength=len(values))
                                       for v in samples]))


def group_tests(group_counts: pd.DataFrame, items: pd.DataFrame, scale_of: dict, scores: dict | None = None
                ) -> pd.DataFrame:
    """One test of a difference between groups per item and per construct score, Holm-adjusted over all.

    Each item is tested on its answers' positions along its scale, so the codes' direction does not matter
    (:func:`group_test`).

    Parameters
    ----------
    group_counts : DataFrame
        ``group, item, code, count``: the groups to compare.
    items : DataFrame
        ``item``: the items to test, in order.
    scale_of : dict
        ``{item: scale}``, each scale ``code, label`` negative to positive.
    scores : dict, optional
        ``{construct: {group: scores}}``: construct scores to test as well.

    Returns
    -------
    DataFrame
        ``item, test, statistic, df, p_value, p_holm, effect_size, effect_size_name, group_a, group_b,
        group_medians, group_mean_ranks, highest_group``: with two groups, the rank-biserial r is positive where
        ``group_a`` ranks higher, for items and constructs alike.

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
    >>> group_counts = pd.DataFrame({"group": ["A"] * 3 + ["B"] * 3, "item": "q1", "code": [1, 2, 3] * 2,
    ...                              "count": [3, 1, 0, 0, 1, 3]})
    >>> tests = group_tests(group_counts, pd.DataFrame({"item": ["q1"]}), {"q1": scale})
    >>> tests[["item", "test", "statistic"]].values.tolist(), float(round(tests["p_holm"].iloc[0], 4))
    ([['q1', 'Mann-Whitney U', 0.5]], 0.0325)
    """
    kept = group_counts
    rows = []
    for item in items["item"]:
        scale = scale_of[item]
        order = {code: position for position, code in enumerate(scale["code"])}
        groups, matrix = _group_matrix(kept[kept["item"] == item], order)
        labels = [str(label) for label in (scale["label"] if "label" in scale else scale["code"])]
        rows.append(dict(item=item, **group_test_counts(matrix), **_directions(groups, matrix, labels)))
    for construct, samples in (scores or {}).items():
        groups = [g for g, v in samples.items() if len(v)]
        values = np.unique(np.concatenate([np.asarray(samples[g], dtype=float) for g in groups])) if groups else []
        matrix = np.array([np.bincount(np.searchsorted(values, np.asarray(samples[g], dtype=float)),
                                       minlength=len(values)) for g in groups]) if groups else np.zeros((0, 0))
        rows.append(dict(item=construct, **group_test(samples),
                         **_directions(groups, matrix, [f"{v:.2f}" for v in values])))
    table = pd.DataFrame(rows)
    tested = table["p_value"].notna()
    table["p_holm"] = np.nan
    if tested.any():
        table.loc[tested, "p_holm"] = holm(table.loc[tested, "p_value"])
    return table[["item", "test", "statistic", "df", "p_value", "p_holm", "effect_size", "effect_size_name", "group_a",
                  "group_b", "group_medians", "group_mean_ranks", "highest_group"]]


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjustment of ``p_values``, in their order: the arithmetic of statsmodels'
    ``multipletests(p, method="holm")[1]`` (against which the tests check it), without the full garbage collection
    statsmodels runs on every call (9 s of a grouped survey's 101 calls at 600,000 respondents).

    >>> holm([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p)
    adjusted = np.maximum.accumulate(p[order] * np.arange(len(p), 0, -1))
    adjusted[adjusted > 1] = 1
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


def _directions(groups: list, matrix, labels: list) -> dict:
    """Which way a difference goes: with two groups, which is ``group_a`` (the rank-biserial r is positive where
    it ranks higher) and ``group_b``; each group's median answer and mean rank, and the group ranked highest."""
    if len(groups) < 2:
        return dict(group_a="", group_b="", group_medians="", group_mean_ranks="", highest_group="")
    ranks, medians = mean_ranks(matrix), median_positions(matrix)
    pair = groups if len(groups) == 2 else ["", ""]
    return dict(group_a=pair[0], group_b=pair[1],
                group_medians="; ".join(f"{g}: {labels[m]}" for g, m in zip(groups, medians, strict=True)),
                group_mean_ranks="; ".join(f"{g}: {r:.1f}" for g, r in zip(groups, ranks, strict=True)),
                highest_group=groups[int(np.argmax(ranks))])


def pairwise_tests(group_counts: pd.DataFrame, items: pd.DataFrame, scale_of: dict, scores: dict | None = None
                   ) -> pd.DataFrame:
    """Dunn's tests between every pair of groups, for each item with three groups or more (after Kruskal–Wallis),
    Holm-adjusted within the item (as scikit-posthocs' ``posthoc_dunn(..., p_adjust="holm")`` and jamovi):
    ``item, group_a, group_b, z, p_value, p_holm, effect_size`` (``r = z / sqrt(n_a + n_b)``; positive when
    ``group_a`` lies further along the scale). ``scores`` (``{construct: {group: scores}}``, as for
    :func:`group_tests`) adds the same rows for each construct, its name in ``item``.

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
    >>> counts = pd.DataFrame({"group": ["A"] * 3 + ["B"] * 3 + ["C"] * 3, "item": "q1", "code": [1, 2, 3] * 3,
    ...                        "count": [3, 1, 0, 0, 1, 3, 1, 2, 1]})
    >>> table = pairwise_tests(counts, pd.DataFrame({"item": ["q1"]}), {"q1": scale})
    >>> table[["group_a", "group_b"]].values.tolist(), table["p_holm"].round(6).tolist()
    ([['A', 'B'], ['A', 'C'], ['B', 'C']], [0.038597, 0.427195, 0.427195])
    """

    tested = []
    for item in items["item"]:
        order = {code: position for position, code in enumerate(scale_of[item]["code"])}
        tested.append((item, *_group_matrix(group_counts[group_counts["item"] == item], order)))
    for construct, samples in (scores or {}).items():
        samples = {group: np.asarray(values, dtype=float) for group, values in samples.items() if len(values)}
        values = np.unique(np.concatenate(list(samples.values()))) if samples else np.array([])
        tested.append((construct, list(samples), np.array([np.bincount(np.searchsorted(values, v), minlength=len(values))
                                                           for v in samples.values()])))
    rows = []
    for item, groups, matrix in tested:
        if len(groups) < 3:
            continue
        pairs = dunn_counts(matrix)
        adjusted = holm([p for *_, p in pairs])
        n_of = matrix.sum(axis=1)
        rows += [dict(item=item, group_a=groups[a], group_b=groups[b], z=z, p_value=p, p_holm=float(holm),
                      effect_size=z / np.sqrt(n_of[a] + n_of[b])) for (a, b, z, p), holm in zip(pairs, adjusted, strict=True)]
    return pd.DataFrame(rows, columns=["item", "group_a", "group_b", "z", "p_value", "p_holm", "effect_size"])
