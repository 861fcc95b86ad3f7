"""Multi-item scales (constructs): reverse-keyed items, construct scores, Cronbach's alpha, McDonald's omega and
item analysis.

Items sharing a ``construct`` in the items file form one scale. A reverse-keyed item (``reverse`` = yes) is
scored ``lowest code + highest code - code`` wherever items are combined; the item-level tables and charts
keep its answers as given. Missing answers are handled **pairwise**, as the reference implementations do by
default (pingouin's ``cronbach_alpha``, R psych's ``alpha``): every covariance and correlation uses the
respondents who answered both items, and a construct score is the mean of the items a respondent answered.

* alpha and its 95 % confidence interval (Feldt's F-based interval): the arithmetic of
  :func:`pingouin.cronbach_alpha`, written out here (importing pingouin takes seconds) and tested against it;
* omega total: McDonald's omega from a one-factor model fitted to the pairwise correlation matrix by iterated
  principal axes (statsmodels; factor_analyzer 0.5.1 fails with scikit-learn 1.9), as R psych's ``omega``
  reports it: ``1 - sum of uniquenesses / sum of the correlation matrix`` (the observed variance of the total
  score), items that load negatively flipped first;
* item-rest correlation: the item (after reversal) against the sum of the construct's other items, from the
  pairwise covariance matrix, as R psych's ``alpha`` reports it (``r.drop``): with missing answers each
  covariance uses the respondents who answered both items;
* alpha if deleted: alpha of the construct without the item;
* standardized alpha and the mean inter-item correlation, from the pairwise covariances scaled to correlations
  (psych's ``std.alpha`` and ``average_r``); the uncorrected item-total correlation, the item against the mean of
  the items each respondent answered (psych's ``raw.r``); each item's loading on the one factor.

A negative item-rest correlation usually means an item is keyed the wrong way; :func:`warnings` says so.

Examples
--------
>>> import pandas as pd
>>> reverse_scored(pd.Series([1, 2, 5]), low=1, high=5).tolist()
[5, 4, 1]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["MIN_ALPHA", "MIN_ITEMS", "analyse", "item_rest_correlations", "omega_from_correlations", "omega_total",
           "one_factor_loadings", "reverse_scored", "warnings"]

MIN_ITEMS = 3  # fewer items than this make alpha and omega unstable


MIN_ALPHA = 0.7  # the usual floor for a scale used to compare groups


def reverse_scored(codes: pd.Series, low: int, high: int) -> pd.Series:
    """A reverse-keyed item's codes turned around: ``low + high - code`` (missing stays missing)."""
    return low + high - codes


def _alpha(frame: pd.DataFrame, confidence: float = 0.95) -> tuple[float, float, float]:
    """Cronbach's alpha from the pairwise covariances, with Feldt's F-based interval rounded to three decimals: the
    arithmetic of ``pingouin.cronbach_alpha(frame, nan_policy="pairwise", ci=0.95)``, against which (and R psych)
    the tests check it, without importing pingouin (seconds) for one formula."""
    n, k = frame.shape
    if k < 2 or n < 2:
        return np.nan, np.nan, np.nan
    from scipy.special import fdtri  # scipy.stats.f.isf(q, d1, d2) is fdtri(d1, d2, 1 - q)

    covariances = frame.cov(numeric_only=True)
    alpha = (k / (k - 1)) * (1 - np.trace(covariances) / covariances.sum().sum())
    tail = (1 - confidence) / 2
    df1 = n - 1
    df2 = df1 * (k - 1)
    low, high = np.round([1 - (1 - alpha) * fdtri(df1, df2, 1.0 - tail),
                          1 - (1 - alpha) * fdtri(df1, df2, 1.0 - (1 - tail))], 3)
    return float(alpha), float(low), float(high)


def omega_total(frame: pd.DataFrame) -> float:
    """McDonald's omega total from a one-factor model of the pairwise correlations, fitted by iterated principal
    axes (as statsmodels' ``Factor``, ``method="pa"``: :func:`one_factor_loadings`): at convergence the unweighted
    least-squares solution, the same as R psych's default minimum-residual fit."""
    if frame.shape[1] < 3:
        return np.nan  # a one-factor model of two items is not identified
    return omega_from_correlations(frame.corr(min_periods=2).to_numpy(), len(frame))


def one_factor_loadings(correlations: np.ndarray, nobs: int) -> np.ndarray:
    """The loadings of a one-factor model fitted to a correlation matrix by iterated principal axes, at convergence
    R psych's minimum-residual fit (``fa(x, nfactors = 1)``), oriented so that most are positive.

    The iteration is statsmodels' ``Factor(corr=…, n_factor=1, method="pa").fit(maxiter=500, tol=1e-10)`` step for
    step (squared multiple correlations to start, the communalities on the diagonal, the largest eigenpair of
    NumPy's ``eigh``), written out so that a report need not import statsmodels (0.6 s) for it; the tests check the
    two give the same loadings to the last bit. ``nobs`` is not used by the fit (kept for the callers)."""
    matrix = np.array(correlations, dtype=float)
    communality = 1 - 1 / np.diag(np.linalg.inv(matrix))
    loadings = np.zeros(len(matrix))
    for _ in range(500):
        np.fill_diagonal(matrix, communality)
        values, vectors = np.linalg.eigh(matrix, UPLO="U")
        top = np.argsort(values)[::-1][0]
        last = communality
        loadings = vectors[:, top] * np.sqrt(values[top]) if values[top] > 0 else np.zeros(len(matrix))
        communality = loadings ** 2
        if np.linalg.norm(last - communality) < 1e-10:
            break
    return loadings if loadings.sum() >= 0 else -loadings


def omega_from_correlations(correlations: np.ndarray, nobs: int) -> float:
    """Omega total of a one-factor model fitted to a correlation matrix (see :func:`omega_total`)."""
    loadings = one_factor_loadings(correlations, nobs)
    signs = np.where(loadings < 0, -1.0, 1.0) if loadings.sum() >= 0 else np.where(loadings > 0, -1.0, 1.0)
    total = (np.asarray(correlations) * np.outer(signs, signs)).sum()
    return float(1 - (1 - loadings ** 2).sum() / total)


def _standardized(frame: pd.DataFrame) -> tuple[float, float]:
    """``(mean inter-item correlation, standardized alpha)`` from the pairwise covariance matrix scaled to
    correlations (R's ``cov2cor``), as R psych's ``alpha`` reports ``average_r`` and ``std.alpha``."""
    k = frame.shape[1]
    if k < 2:
        return np.nan, np.nan
    covariance = frame.cov(min_periods=2).to_numpy()
    sd = np.sqrt(np.diag(covariance))
    correlations = covariance / np.outer(sd, sd)
    mean_r = (correlations.sum() - k) / (k * (k - 1))
    return float(mean_r), float(k * mean_r / (1 + (k - 1) * mean_r))


def item_rest_correlations(frame: pd.DataFrame) -> pd.Series:
    """Each item's correlation with the sum of the other items, from the pairwise covariance matrix ``C``:
    ``sum_j C_ij / sqrt(C_ii sum_jk C_jk)`` over the other items ``j, k`` (R psych's ``r.drop``).

    >>> frame = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 3, 2, 4], "c": [2, 2, 3, 3]})
    >>> bool(abs(item_rest_correlations(frame)["a"] - frame["a"].corr(frame["b"] + frame["c"])) < 1e-12)
    True
    """
    covariance = frame.cov(min_periods=2).to_numpy()
    values = []
    for i in range(covariance.shape[0]):
        rest = [j for j in range(covariance.shape[0]) if j != i]
        values.append(covariance[i, rest].sum() / np.sqrt(covariance[i, i] * covariance[np.ix_(rest, rest)].sum()))
    return pd.Series(values, index=frame.columns)


def analyse(scored: pd.DataFrame, items: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reliability of multi-item constructs, as R psych's ``alpha`` and ``omega`` report it.

    Parameters
    ----------
    scored : DataFrame
        Each respondent's codes, one column per item, already reverse-scored where an item is keyed so
        (:func:`reverse_scored`); missing answers as NaN, handled pairwise.
    items : DataFrame
        ``item, construct, reversed``; items with an empty construct are left out.

    Returns
    -------
    constructs : DataFrame
        ``construct, n_items, n_complete, mean, sd, alpha, alpha_ci_low, alpha_ci_high, omega_total,
        alpha_standardized, mean_inter_item_r``.
    item_analysis : DataFrame
        ``construct, item, reversed, item_rest_r, alpha_if_deleted, item_total_r, loading``.

    Examples
    --------
    >>> import pandas as pd
    >>> scored = pd.DataFrame({"a": [1, 2, 3, 4, 5, 2], "b": [2, 2, 3, 5, 4, 1], "c": [1, 3, 3, 4, 5, 2]})
    >>> items = pd.DataFrame({"item": ["a", "b", "c"], "construct": "C", "reversed": False})
    >>> constructs, item_analysis = analyse(scored, items)
    >>> import pingouin
    >>> bool(abs(constructs["alpha"].iloc[0] - pingouin.cronbach_alpha(scored)[0]) < 1e-12)
    True
    >>> rest_of_a = scored["b"] + scored["c"]
    >>> bool(abs(item_analysis["item_rest_r"].iloc[0] - scored["a"].corr(rest_of_a)) < 1e-12)
    True
    """
    rows, item_rows = [], []
    for construct, members in items[items["construct"] != ""].groupby("construct", sort=False):
        frame = scored[list(members["item"])].astype(float)
        alpha, low, high = _alpha(frame)
        score = frame.mean(axis=1, skipna=True)
        mean_r, standardized = _standardized(frame)
        rows.append(dict(construct=construct, n_items=len(members), n_complete=int(frame.notna().all(axis=1).sum()),
                         mean=float(score.mean()), sd=float(score.std(ddof=1)), alpha=alpha, alpha_ci_low=low,
                         alpha_ci_high=high, omega_total=omega_total(frame), alpha_standardized=standardized,
                         mean_inter_item_r=mean_r))
        rest_r = item_rest_correlations(frame)
        loadings = (one_factor_loadings(frame.corr(min_periods=2).to_numpy(), len(frame)) if frame.shape[1] >= 3
                    else np.full(frame.shape[1], np.nan))
        for (item, reversed_), loading in zip(zip(members["item"], members["reversed"], strict=True), loadings, strict=True):
            item_rows.append(dict(construct=construct, item=item, reversed=bool(reversed_),
                                  item_rest_r=float(rest_r[item]), alpha_if_deleted=_alpha(frame.drop(columns=item))[0],
                                  item_total_r=float(frame[item].corr(score)), loading=float(loading)))
    return pd.DataFrame(rows), pd.DataFrame(item_rows)


def warnings(constructs: pd.DataFrame, item_analysis: pd.DataFrame) -> list[str]:
    """What a reader must know before using the constructs: too few items, low alpha, items keyed the wrong way."""
    found = []
    for row in constructs.itertuples():
        if row.n_items < MIN_ITEMS:
            found.append(f"construct {row.construct!r} has {row.n_items} items: alpha and omega need at least "
                         f"{MIN_ITEMS} to be stable")
        if not row.alpha >= MIN_ALPHA:
            found.append(f"construct {row.construct!r} has alpha {row.alpha:.2f}, below {MIN_ALPHA}")
    for row in item_analysis[item_analysis["item_rest_r"].round(2) < 0].itertuples():  # as shown: -0.00 is not below 0
        found.append(f"item {row.item!r} correlates negatively with the rest of {row.construct!r} "
                     f"(r = {row.item_rest_r:.2f}): is it {'not ' if row.reversed else ''}reverse-keyed?")
    return found
