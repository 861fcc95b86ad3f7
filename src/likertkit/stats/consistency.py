"""Consistency checks on published summary statistics alone: GRIM, GRIMMER, CLOSURE.

They ask what a reader with only a mean, an SD and n could have detected:

* GRIM: can any n integer answers have a mean that rounds to the printed mean?
* GRIMMER: can they have both that mean and an SD that rounds to the printed SD?
* CLOSURE: which sets of answers on the scale have both? (all of them, listed)

The checks call scrutipy (a maintained Rust implementation). Its errors are
Rust panics, which derive from BaseException, so they are caught here and
re-raised as ValueError. :func:`enumerate_distributions` is the brute-force
reference the tests hold scrutipy to.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import scrutipy

from likertkit.io.printed import half_unit, rounds_to

__all__ = ["closure", "counts_behind_percents", "enumerate_distributions", "grim", "grimmer"]


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except BaseException as err:  # pyo3_runtime.PanicException is not an Exception
        if isinstance(err, (KeyboardInterrupt, SystemExit)):
            raise
        raise ValueError(f"scrutipy.{function.__name__} failed on {args}: {err}") from None


def grim(mean: str, n: int) -> bool:
    """GRIM: the printed mean (a string, trailing zeros kept) is possible for n integer answers."""
    return bool(_call(scrutipy.grim_scalar, str(mean), int(n), rounding="up_or_down"))


def grimmer(mean: str, sd: str, n: int) -> bool:
    """GRIMMER: the printed mean and SD are jointly possible for n integer answers."""
    return bool(_call(scrutipy.grimmer, [str(mean)], [str(sd)], [int(n)], "up_or_down", items=[1])[0])


def closure(mean: str, sd: str, n: int, scale_min: int, scale_max: int) -> list[tuple[int, ...]]:
    """CLOSURE: every distribution of n answers on the scale consistent with the printed mean and SD.

    Returned as count vectors (answers at scale_min, ..., scale_max), sorted.
    """
    datasets = _call(scrutipy.closure, float(mean), float(sd), int(n), int(scale_min), int(scale_max),
                     half_unit(mean), half_unit(sd))
    width = scale_max - scale_min + 1
    return sorted(tuple(np.bincount(np.asarray(d) - scale_min, minlength=width).tolist()) for d in datasets)


def enumerate_distributions(mean: str, sd: str, n: int, scale_min: int, scale_max: int) -> list[tuple[int, ...]]:
    """Brute force: every way to spread n answers over the scale, kept if mean and SD round to the printed ones.

    Exhaustive (C(n + k - 1, k - 1) candidates for k categories), so only for small scales; the tests use it
    to check :func:`closure`. Boundaries count as consistent, as in :func:`closure`.
    """
    k = scale_max - scale_min + 1
    codes = np.arange(scale_min, scale_max + 1, dtype=float)
    # stars and bars: choose k - 1 bar positions among n + k - 1 slots
    bars = np.array(list(combinations(range(n + k - 1), k - 1)))
    edges = np.hstack([np.full((len(bars), 1), -1), bars, np.full((len(bars), 1), n + k - 1)])
    counts = np.diff(edges, axis=1) - 1
    means = counts @ codes / n
    sds = np.sqrt((counts * (codes[None, :] - means[:, None]) ** 2).sum(axis=1) / (n - 1))
    ok = (np.abs(means - float(mean)) <= half_unit(mean) + 1e-9) & \
         (np.abs(sds - float(sd)) <= half_unit(sd) + 1e-9)
    return sorted(tuple(row) for row in counts[ok].tolist())


def counts_behind_percents(percents: list[str], n: int) -> list[tuple[int, ...]]:
    """Every set of whole counts, adding to n, whose percents of n round to the printed ones.

    One solution means the counts are uniquely determined; several, that the
    rounding hides which; none, that the percents cannot come from n people.
    """
    options = [[k for k in range(n + 1) if rounds_to(p, 100 * k / n)] for p in percents]
    solutions = [()]
    for choices in options:
        solutions = [s + (k,) for s in solutions for k in choices if sum(s) + k <= n]
    return [s for s in solutions if sum(s) == n]
