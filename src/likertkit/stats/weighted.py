"""Item statistics of weighted answers: what :func:`likertkit.stats.item_statistics` gives for counts, computed
from the sums of survey weights (the ``weighted`` table of :func:`likertkit.survey.load`), so that a report given a
weight describes the population the weights stand for.

* Percents are shares of the sum of weights; their Wilson intervals use Kish's effective sample size
  ``(Σw)² / Σw²`` as n (Kish 1965), the usual approximation when only the weights are known (no strata or
  clusters).
* The median and quartiles invert the weighted distribution (Hyndman & Fan type 1 on the cumulative weights), so
  each is one of the scale's answers, as without weights.
* The mean and SD are the weighted table's; the mean's t interval uses Kish's n as well.

Rank tests and reliability have no weighted form here; a report says so beside them.

Examples
--------
>>> import pandas as pd
>>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
>>> weighted = pd.DataFrame({"item": ["q1"], "label": ["One"], "domain": [""], "n_valid": [4], "n_effective": [3.2],
...                          "sum_of_weights": [4.0], "weighted_count_1": [1.0], "weighted_count_2": [0.5],
...                          "weighted_count_3": [2.5], "mean": [2.375], "sd": [0.9]})
>>> table = weighted_item_statistics(weighted, scale)
>>> table[["item", "median", "pct_agree", "pct_disagree"]].values.tolist()
[['q1', 3, 62.5, 25.0]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from likertkit.stats.items import _t_quantile, counted_answers, wilson_interval

__all__ = ["weighted_item_statistics"]


def _weighted_quantile(matrix: np.ndarray, codes: np.ndarray, probability: float) -> np.ndarray:
    """Type 1 on the cumulative weights: the first answer whose cumulative share reaches ``probability``."""
    cumulative = matrix.cumsum(axis=1)
    target = probability * cumulative[:, -1:]
    return codes[(cumulative >= target * (1 - 1e-12)).argmax(axis=1)]


def weighted_item_statistics(weighted: pd.DataFrame, scale: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Per item, from the sums of weights: the median and quartiles, the mode, the weighted percents below and
    above the scale's centre (and in its top box, with ``TOP_BOX``) with Wilson intervals on Kish's effective n,
    and the weighted mean and SD with a t interval on the same n.

    Parameters
    ----------
    weighted : DataFrame
        ``item, label, domain, n_valid, n_effective, sum_of_weights, weighted_count_<code>…, mean, sd``.
    scale : DataFrame
        ``code, label`` (and ``side``, ``top_box``), lowest first.

    Returns
    -------
    DataFrame
        ``item, label, domain, n_valid, n_effective, median, q1, q3, mode, pct_agree, pct_agree_ci_low,
        pct_agree_ci_high, pct_disagree, …, mean, sd, mean_ci_low, mean_ci_high`` (and ``pct_top_box…``).
    """
    codes = np.asarray(scale["code"])
    matrix = weighted[[f"weighted_count_{code}" for code in codes]].to_numpy(dtype=float)
    total = matrix.sum(axis=1)
    n_effective = weighted["n_effective"].to_numpy(dtype=float)
    out = weighted[["item", "label", "domain", "n_valid", "n_effective"]].reset_index(drop=True)
    out["median"] = _weighted_quantile(matrix, codes, 0.5)
    out["q1"] = _weighted_quantile(matrix, codes, 0.25)
    out["q3"] = _weighted_quantile(matrix, codes, 0.75)
    out["mode"] = [";".join(str(c) for c in codes[row == row.max()]) for row in matrix]
    for name, answers in counted_answers(scale).items():
        share = matrix[:, [list(codes).index(c) for c in answers]].sum(axis=1) / total
        low, high = wilson_interval(share * n_effective, n_effective, confidence)
        out[f"pct_{name}"], out[f"pct_{name}_ci_low"], out[f"pct_{name}_ci_high"] = 100 * share, 100 * low, 100 * high
    out["mean"], out["sd"] = weighted["mean"].to_numpy(dtype=float), weighted["sd"].to_numpy(dtype=float)
    half_width = _t_quantile(0.5 + confidence / 2, n_effective - 1) * out["sd"].to_numpy() / np.sqrt(n_effective)
    out["mean_ci_low"], out["mean_ci_high"] = out["mean"] - half_width, out["mean"] + half_width
    return out
