"""Every statistic against values worked by hand."""

import numpy as np
import pandas as pd
import pytest

from likertkit import stats

from conftest import tidy_survey

SCALE = pd.DataFrame({"code": [0, 1, 2, 3, 4], "label": ["a", "b", "c", "d", "e"]})


def tidy(rows, n_respondents):
    """rows: {item: [count at code 0..4]} -> (counts, items)."""
    counts, items, _ = tidy_survey(rows, list(SCALE["label"]), n_respondents, codes=SCALE["code"])
    return counts, items


# Item 1: answers 0,1,1,2,4 (complete; code 3 empty). Item 2: answers 2,2,3 (two of five missing).
COUNTS, ITEMS = tidy({1: [1, 2, 1, 0, 1], 2: [0, 0, 2, 1, 0]}, n_respondents=5)


def test_describe_items_by_hand():
    t = stats.describe_items(COUNTS, ITEMS, SCALE).set_index("item")
    assert t.loc[1, "mean"] == pytest.approx(8 / 5)
    # deviations from 1.6: -1.6, -.6, -.6, .4, 2.4 -> squares sum 2.56+.36+.36+.16+5.76 = 9.2; / (5-1)
    assert t.loc[1, "sd"] == pytest.approx(np.sqrt(9.2 / 4))
    assert t.loc[2, "mean"] == pytest.approx(7 / 3)
    assert t.loc[2, "sd"] == pytest.approx(np.sqrt((2 * (1 / 3) ** 2 + (2 / 3) ** 2) / 2))
    assert (t.loc[2, "n_valid"], t.loc[2, "n_missing"]) == (3, 2)
    assert t.loc[2, "pct_2"] == pytest.approx(40.0)        # of all 5 respondents
    assert t.loc[2, "valid_pct_2"] == pytest.approx(200 / 3)  # of the 3 who answered
    assert t.loc[1, "count_3"] == 0 and t.loc[1, "pct_3"] == 0


def test_describe_items_columns_follow_the_contract():
    t = stats.describe_items(COUNTS, ITEMS, SCALE)
    expected = (["item", "label", "domain", "n_valid", "n_missing"] + [f"count_{c}" for c in range(5)]
                + [f"pct_{c}" for c in range(5)] + [f"valid_pct_{c}" for c in range(5)] + ["mean", "sd"])
    assert list(t.columns) == expected


def test_item_statistics_by_hand():
    s = stats.item_statistics(COUNTS, ITEMS, SCALE).set_index("item")
    # item 1 sorted: 0 1 1 2 4 -> type 1 quantiles: Q1 = x(ceil(1.25)) = x2 = 1, median x3 = 1, Q3 x4 = 2
    assert (s.loc[1, "q1"], s.loc[1, "median"], s.loc[1, "q3"], s.loc[1, "iqr"]) == (1, 1, 2, 1)
    assert s.loc[1, "mode"] == "1"
    assert s.loc[1, "pct_agree"] == pytest.approx(20.0) and s.loc[1, "pct_disagree"] == pytest.approx(60.0)
    assert s.loc[1, "pct_floor"] == pytest.approx(20.0) and s.loc[1, "floor_effect"]
    assert s.loc[1, "pct_ceiling"] == pytest.approx(20.0) and s.loc[1, "ceiling_effect"]
    # item 2: 2 2 3 -> median 2, mode 2, agree 1/3
    assert (s.loc[2, "median"], s.loc[2, "mode"]) == (2, "2")
    assert s.loc[2, "pct_agree"] == pytest.approx(100 / 3)
    assert not s.loc[2, "floor_effect"] and not s.loc[2, "ceiling_effect"]


def test_wilson_interval_by_hand():
    # Wilson, k = 1 of n = 5, z = 1.959964: centre (p + z²/2n) / (1 + z²/n), half-width z/(1+z²/n) sqrt(p(1-p)/n + z²/4n²)
    z, n, p = 1.959963984540054, 5, 0.2
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    s = stats.item_statistics(COUNTS, ITEMS, SCALE).set_index("item")
    assert s.loc[1, "pct_agree_ci_low"] == pytest.approx(100 * (centre - half))
    assert s.loc[1, "pct_agree_ci_high"] == pytest.approx(100 * (centre + half))


def test_mean_interval_and_skewness_by_hand():
    s = stats.item_statistics(COUNTS, ITEMS, SCALE).set_index("item")
    sd = np.sqrt(9.2 / 4)
    t = 2.7764451051977987  # t(0.975, 4)
    assert s.loc[1, "mean_ci_low"] == pytest.approx(1.6 - t * sd / np.sqrt(5))
    # adjusted Fisher-Pearson: m2 = 9.2/5, m3 = sum d^3 / 5, G1 = m3/m2^1.5 * sqrt(n(n-1))/(n-2)
    d = np.array([0, 1, 1, 2, 4]) - 1.6
    g1 = (d**3).mean() / (d**2).mean() ** 1.5
    assert s.loc[1, "skewness"] == pytest.approx(g1 * np.sqrt(20) / 3)


def test_tied_modes_are_all_listed():
    counts, items = tidy({1: [0, 2, 2, 0, 1]}, n_respondents=5)
    assert stats.item_statistics(counts, items, SCALE).loc[0, "mode"] == "1;2"


def test_agreement_codes_split_any_scale():
    four = pd.DataFrame({"code": [1, 2, 3, 4], "label": list("abcd")})
    assert stats.agreement_codes(four) == ([1, 2], [3, 4])
    assert stats.agreement_codes(SCALE) == ([0, 1], [3, 4])
    seven = pd.DataFrame({"code": range(1, 8), "label": list("abcdefg")})
    assert stats.agreement_codes(seven) == ([1, 2, 3], [5, 6, 7])


def test_codes_absent_from_the_counts_count_as_zero():
    counts = COUNTS[COUNTS["code"] != 3]
    matrix = stats.count_matrix(counts, ITEMS, SCALE)
    assert matrix[3].tolist() == [0, 0] and list(matrix.columns) == [0, 1, 2, 3, 4]
