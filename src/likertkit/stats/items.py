"""Descriptive statistics of Likert items, computed from tidy counts.

Everything is computed from the count of each response code, never from
expanded respondent rows, so a survey of any size costs one pass over an
items x categories matrix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["FLOOR_CEILING_CRITERION", "agreement_codes", "construct_means", "count_matrix", "counted_answers",
           "describe_items", "example_tables", "item_statistics", "wilson_interval"]

FLOOR_CEILING_CRITERION = 15.0  # percent at the lowest or highest code (Terwee et al. 2007)


def example_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(counts, items, scale)`` of a tiny survey, made up for the examples in this package's docstrings: two items
    answered by 10 respondents (one left q2 blank) on a three-point scale of agreement.

    >>> counts, items, scale = example_tables()
    >>> counts.groupby("item")["count"].sum().to_dict(), list(scale["label"])
    ({'q1': 10, 'q2': 9}, ['Disagree', 'Neutral', 'Agree'])
    """
    scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
    items = pd.DataFrame({"item": ["q1", "q2"], "label": ["Meaningful work", "Enough time"], "domain": ["", ""],
                          "n_respondents": [10, 10]})
    counts = pd.DataFrame({"item": ["q1"] * 3 + ["q2"] * 3, "code": [1, 2, 3] * 2, "count": [1, 2, 7, 5, 3, 1]})
    return counts, items, scale


def count_matrix(counts: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame) -> pd.DataFrame:
    """Items (rows, in the item table's order) x codes (columns, in scale order) of counts; absent = 0."""
    wide = counts.pivot_table(index="item", columns="code", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=items["item"], columns=scale["code"], fill_value=0)
    # counts of answers are whole; sums of survey weights (a weighted chart) are not
    return wide.astype("int64") if pd.api.types.is_integer_dtype(counts["count"]) else wide.astype(float)


def agreement_codes(scale: pd.DataFrame) -> tuple[list, list]:
    """The codes below the scale's centre (the lower half, "disagreeing") and above it (the upper half, "agreeing"),
    as its ``side`` column says (:func:`likertkit.scales.sides.split_sides`); without one, the halves, an odd
    scale's middle in neither."""
    codes = list(scale["code"])
    if "side" in scale:
        sides = list(scale["side"].astype(str))
        return ([c for c, s in zip(codes, sides, strict=True) if s == "lower"],
                [c for c, s in zip(codes, sides, strict=True) if s == "upper"])
    half = len(codes) // 2
    return codes[:half], codes[len(codes) - half:]


def counted_answers(scale: pd.DataFrame) -> dict:
    """``{name: codes}``: the answers each percent of an item counts, ``pct_<name>``: ``agree`` above the scale's
    centre, ``disagree`` below it (:func:`agreement_codes`), and ``top_box`` the answers a ``top_box`` column marks
    (``TOP_BOX``), when it marks any.

    >>> counted_answers(pd.DataFrame({"code": [1, 2, 3], "label": ["No", "Some", "Yes"]}))
    {'agree': [3], 'disagree': [1]}
    """
    disagree, agree = agreement_codes(scale)
    counted = {"agree": agree, "disagree": disagree}
    if "top_box" in scale and scale["top_box"].astype(bool).any():
        counted["top_box"] = list(scale.loc[scale["top_box"].astype(bool).to_numpy(), "code"])
    return counted


def describe_items(counts, items, scale, cumulative: bool = False) -> pd.DataFrame:
    """Per item: its counts, percents of all respondents and of valid answers, mean and SD (Table 1 recomputed).

    Parameters
    ----------
    counts : DataFrame
        Tidy counts, ``item, code, count`` (one row per item and answer code).
    items : DataFrame
        ``item, label, domain, n_respondents``: the items in the order to report them.
    scale : DataFrame
        ``code, label``, negative to positive.
    cumulative : bool, default False
        Add the cumulative valid percents.

    Returns
    -------
    DataFrame
        ``item, label, domain, n_valid, n_missing, count_<code>…, pct_<code>…, valid_pct_<code>…, mean, sd``.
        ``pct`` divides by every respondent, ``valid_pct`` by the answers given; the SD is the sample SD
        (n - 1), as SPSS reports it. With ``cumulative``, ``cum_valid_pct_<code>…`` too: the valid percent up to
        and including each answer, in the scale's order, as SPSS's frequency tables show it.

    Examples
    --------
    >>> counts, items, scale = example_tables()  # two items on a three-point scale
    >>> table = describe_items(counts, items, scale)
    >>> table[["item", "n_valid", "n_missing", "valid_pct_3", "mean"]].round(2).values.tolist()
    [['q1', 10, 0, 70.0, 2.6], ['q2', 9, 1, 11.11, 1.56]]
    """
    matrix = count_matrix(counts, items, scale)
    codes = np.asarray(scale["code"], dtype=float)
    n_valid = matrix.sum(axis=1).to_numpy()
    n_all = items["n_respondents"].to_numpy()
    mean = matrix.to_numpy() @ codes / n_valid
    squares = matrix.to_numpy() * (codes[None, :] - mean[:, None]) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):  # one valid answer has no SD: NaN, shown blank
        sd = np.sqrt(squares.sum(axis=1) / (n_valid - 1))
    table = items[["item", "label", "domain"]].reset_index(drop=True).assign(
        n_valid=n_valid, n_missing=n_all - n_valid)
    for code in scale["code"]:
        table[f"count_{code}"] = matrix[code].to_numpy()
    for code in scale["code"]:
        table[f"pct_{code}"] = 100 * matrix[code].to_numpy() / n_all
    for code in scale["code"]:
        table[f"valid_pct_{code}"] = 100 * matrix[code].to_numpy() / n_valid
    if cumulative:  # as SPSS's frequency tables show them
        running = np.cumsum(matrix.to_numpy(), axis=1)
        for position, code in enumerate(scale["code"]):
            table[f"cum_valid_pct_{code}"] = 100 * running[:, position] / n_valid
    return table.assign(mean=mean, sd=sd)


def _quantile_codes(matrix: np.ndarray, codes: np.ndarray, probability: float) -> np.ndarray:
    """Hyndman & Fan type 1 (inverted empirical CDF): always one of the scale's codes."""
    cumulative = matrix.cumsum(axis=1)
    target = probability * cumulative[:, -1:]
    # Q(p) = x_(ceil(n p)): the first code whose cumulative count reaches n p
    position = (cumulative >= target - 1e-9).argmax(axis=1)
    return codes[position]


def item_statistics(counts, items, scale, confidence=0.95) -> pd.DataFrame:
    """What a careful reviewer adds per item: ordinal statistics of the valid answers.

    The median and quartiles (inverted empirical CDF, so always one of the scale's codes), the mode, the percent
    in the upper and lower halves of the scale with Wilson intervals, a t interval for the mean, floor and
    ceiling percentages against the 15 % criterion, and sample skewness (adjusted Fisher-Pearson, as SPSS
    reports it).

    Parameters
    ----------
    counts, items, scale : DataFrame
        As for :func:`describe_items`.
    confidence : float, default 0.95
        The confidence level of the intervals.

    Returns
    -------
    DataFrame
        One row per item: ``item, label, n_valid, median, q1, q3, mode, pct_agree, pct_agree_ci_low,
        pct_agree_ci_high, pct_disagree, …, mean, sd, …, pct_floor, pct_ceiling, floor_effect, ceiling_effect``;
        ``pct_agree`` counts the answers above the scale's centre and ``pct_disagree`` those below it
        (:func:`agreement_codes`). A scale with a ``top_box`` column (:func:`likertkit.scales.sides.mark_top_box`)
        adds ``pct_top_box`` and its interval.

    Examples
    --------
    >>> counts, items, scale = example_tables()  # two items on a three-point scale
    >>> stats = item_statistics(counts, items, scale)
    >>> stats[["item", "median", "pct_agree"]].round(1).values.tolist()
    [['q1', 3, 70.0], ['q2', 1, 11.1]]
    """
    table = describe_items(counts, items, scale)
    matrix = count_matrix(counts, items, scale).to_numpy()
    codes = np.asarray(scale["code"])
    n = table["n_valid"].to_numpy()
    out = table[["item", "label", "domain", "n_valid", "mean", "sd"]].copy()
    out["median"] = _quantile_codes(matrix, codes, 0.5)
    out["q1"] = _quantile_codes(matrix, codes, 0.25)
    out["q3"] = _quantile_codes(matrix, codes, 0.75)
    out["iqr"] = (out["q3"] - out["q1"]).abs()  # in code units, whichever way the codes run along the scale
    out["mode"] = [";".join(str(c) for c in codes[row == row.max()]) for row in matrix]
    for name, chosen in counted_answers(scale).items():
        k = matrix[:, [list(codes).index(c) for c in chosen]].sum(axis=1)
        low, high = wilson_interval(k, n, confidence)
        out[f"pct_{name}"], out[f"pct_{name}_ci_low"], out[f"pct_{name}_ci_high"] = 100 * k / n, 100 * low, 100 * high
    half_width = _t_quantile(0.5 + confidence / 2, n - 1) * out["sd"].to_numpy() / np.sqrt(n)
    out["mean_ci_low"], out["mean_ci_high"] = out["mean"] - half_width, out["mean"] + half_width
    out["pct_floor"], out["pct_ceiling"] = 100 * matrix[:, 0] / n, 100 * matrix[:, -1] / n
    out["floor_effect"] = out["pct_floor"] > FLOOR_CEILING_CRITERION
    out["ceiling_effect"] = out["pct_ceiling"] > FLOOR_CEILING_CRITERION
    out["skewness"] = _skewness(matrix, codes.astype(float), n)
    return out


def _skewness(matrix, codes, n):
    mean = matrix @ codes / n
    deviation = codes[None, :] - mean[:, None]
    m2 = (matrix * deviation**2).sum(axis=1) / n
    m3 = (matrix * deviation**3).sum(axis=1) / n
    with np.errstate(divide="ignore", invalid="ignore"):  # fewer than three answers, or all alike: no skewness
        g1 = m3 / m2**1.5
        return g1 * np.sqrt(n * (n - 1)) / (n - 2)


def wilson_interval(k, n, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of the proportions ``k / n`` (arrays), clipped to [0, 1]: the same arithmetic as
    ``statsmodels.stats.proportion.proportion_confint(k, n, alpha=1 - confidence, method="wilson")``, against
    which the tests check it, without importing statsmodels and scipy.stats for one formula.

    >>> low, high = wilson_interval(np.array([7]), np.array([10]))
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.3968, 0.8922)
    """
    from scipy.special import ndtri

    k, n = np.asarray(k), np.asarray(n)
    crit = -ndtri((1 - confidence) / 2.0)
    q, crit2 = k / n, crit**2
    denom = 1 + crit2 / n
    center = (q + crit2 / (2 * n)) / denom
    dist = crit * np.sqrt(q * (1.0 - q) / n + crit2 / (4.0 * n**2)) / denom
    return np.clip(center - dist, 0, 1), np.clip(center + dist, 0, 1)


def _t_quantile(p, df):
    """Student's t quantile (as ``scipy.stats.t.ppf``, which computes it with this same special function)."""
    from scipy.special import stdtrit

    return stdtrit(df, p)


def construct_means(scores: pd.DataFrame, constructs: list, confidence=0.95) -> pd.DataFrame:
    """``construct, group, n, mean, sd, ci_low, ci_high`` of each construct's scores (t-based interval), overall
    (group ``""``) and, when ``scores`` has a ``group`` column, per group."""
    rows = []
    parts = [("", scores)] + (list(scores.groupby("group", sort=False)) if "group" in scores else [])
    for construct in constructs:
        for group, part in parts:
            values = part[construct].dropna().to_numpy(dtype=float)
            n = len(values)
            mean, sd = (values.mean(), values.std(ddof=1)) if n > 1 else (values.mean() if n else np.nan, np.nan)
            half = _t_quantile(0.5 + confidence / 2, n - 1) * sd / np.sqrt(n) if n > 1 else np.nan
            rows.append(dict(construct=construct, group=group, n=n, mean=mean, sd=sd, ci_low=mean - half,
                             ci_high=mean + half))
    return pd.DataFrame(rows)
