"""GRIM, GRIMMER and CLOSURE (scrutipy) against hand-worked cases and brute force."""

import pytest

from likertkit.stats import consistency


def test_grim_by_hand():
    # n = 61: sums 131 and 132 give 2.1475 and 2.1639, so 2.15 and 2.16 are possible...
    assert consistency.grim("2.15", 61) and consistency.grim("2.16", 61)
    # ...but with n = 61, no sum gives 2.47 (150/61 = 2.459, 151/61 = 2.475): only 2.46 and 2.48
    assert not consistency.grim("2.47", 61)
    assert consistency.grim("2.47", 60)  # 148/60 = 2.4667
    # n = 7: 2.43 is 17/7 = 2.4286; 2.44 is impossible (2.4286, 2.5714)
    assert consistency.grim("2.43", 7) and not consistency.grim("2.44", 7)


def test_grimmer_by_hand():
    # n = 3, answers 2 2 3: mean 2.33, SD sqrt(1/3) = 0.577 -> "0.58" possible
    assert consistency.grimmer("2.33", "0.58", 3)
    # mean 2.33 with n = 3 forces a sum of 7: the only multisets on 0-4 give SDs 0.58, 1.15, 1.53, 2.08 ...
    assert not consistency.grimmer("2.33", "0.70", 3)


@pytest.mark.parametrize("mean, sd, n", [("2.15", "0.9", 61), ("2.95", "0.7", 60), ("1.47", "1.0", 58),
                                          ("2.70", "0.5", 61), ("2.33", "0.58", 3), ("3.0", "0.0", 4)])
def test_closure_agrees_with_brute_force(mean, sd, n):
    assert consistency.closure(mean, sd, n, 0, 4) == consistency.enumerate_distributions(mean, sd, n, 0, 4)


def test_closure_by_hand():
    # n = 3 on 0-4 with mean 2.33 (sum 7) and SD 0.58: only {2, 2, 3}
    assert consistency.closure("2.33", "0.58", 3, 0, 4) == [(0, 0, 2, 1, 0)]
    assert consistency.enumerate_distributions("2.33", "0.58", 3, 0, 4) == [(0, 0, 2, 1, 0)]


def test_closure_of_an_impossible_summary_is_empty():
    assert consistency.closure("2.44", "1.00", 7, 0, 4) == []


def test_counts_behind_percents():
    assert consistency.counts_behind_percents(["10", "46", "44"], 61) == [(6, 28, 27)]
    # with 10 people 33/33/33 is impossible (3,3,3 adds to 9; 3,3,4 gives 40%)
    assert consistency.counts_behind_percents(["33", "33", "33"], 10) == []
    # rounding can hide which: 50 % of 200 is anything from 99 to 101 people
    assert consistency.counts_behind_percents(["50", "50"], 200) == [(99, 101), (100, 100), (101, 99)]
    assert len(consistency.counts_behind_percents(["0", "100"], 300)) == 2  # 0 or 1 person rounds to 0 %
