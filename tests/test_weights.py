"""WEIGHT=column: weighted counts and percents, weighted mean and SD, Kish's effective n, and bad weights.

References: statsmodels' ``DescrStatsW`` for the weighted mean and variance, plain pandas for sums of weights,
and Kish's formula ``(sum w)^2 / sum w^2`` (Kish 1965, *Survey Sampling*).
"""

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.weightstats import DescrStatsW

from likertkit.errors import InputError
from likertkit.survey import load_survey

SCALE = "code,label\n1,Strongly disagree\n2,Disagree\n3,Agree\n4,Strongly agree\n"


@pytest.fixture
def survey(tmp_path):
    rng = np.random.default_rng(11)
    frame = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(120)], "q1": rng.integers(1, 5, 120),
                          "q2": rng.integers(1, 5, 120), "w": np.round(rng.uniform(0.1, 4, 120), 4)})
    frame.loc[[3, 17], "q2"] = 9
    frame.to_csv(tmp_path / "r.csv", index=False)
    (tmp_path / "scale.csv").write_text(SCALE)
    return frame, tmp_path


def test_weighted_percents_means_and_sds_match_statsmodels(survey):
    frame, folder = survey
    result = load_survey(folder / "r.csv", "q1,q2", folder / "scale.csv", missing="9", weight="w")
    table = result.weighted.set_index("item")
    for item in ("q1", "q2"):
        valid = frame[frame[item] != 9]
        sums = valid.groupby(item)["w"].sum()
        for code in range(1, 5):
            assert table.loc[item, f"weighted_count_{code}"] == pytest.approx(sums.get(code, 0.0))
            assert table.loc[item, f"weighted_valid_pct_{code}"] == pytest.approx(100 * sums.get(code, 0.0) / sums.sum())
        described = DescrStatsW(valid[item].to_numpy(float), weights=valid["w"].to_numpy())
        w = valid["w"].to_numpy()
        assert table.loc[item, "mean"] == pytest.approx(described.mean)
        unbiased = described.var * w.sum() / (w.sum() - (w ** 2).sum() / w.sum())
        assert table.loc[item, "sd"] == pytest.approx(np.sqrt(unbiased))
        assert table.loc[item, "n_effective"] == pytest.approx(w.sum() ** 2 / (w ** 2).sum())
        assert table.loc[item, "n_valid"] == len(valid)
    counts = result.counts[result.counts["item"] == "q1"].set_index("code")["count"]
    assert counts.to_dict() == frame["q1"].value_counts().to_dict(), "unweighted counts stay as they were"


def test_equal_weights_give_the_unweighted_figures(survey):
    frame, folder = survey
    frame.assign(w=2.5).to_csv(folder / "r.csv", index=False)
    result = load_survey(folder / "r.csv", "q1", folder / "scale.csv", weight="w")
    row = result.weighted.iloc[0]
    assert row["n_effective"] == pytest.approx(120)
    assert row["sd"] == pytest.approx(frame["q1"].std(ddof=1))


@pytest.mark.parametrize("bad,problem", [("", "is blank"), ("-1.5", "is negative"), ("heavy", "is not a number")])
def test_a_bad_weight_names_file_line_respondent_column_and_value(survey, bad, problem):
    frame, folder = survey
    frame.astype({"w": str}).assign(w=lambda f: f["w"].where(f.index != 40, bad)).to_csv(folder / "r.csv", index=False)
    with pytest.raises(InputError, match=rf"r.csv, line 42 \(respondent r40\), column 'w': weight '{bad}' {problem}"):
        load_survey(folder / "r.csv", "q1", folder / "scale.csv", weight="w")


def test_weights_that_sum_to_zero_and_a_missing_weight_column_are_errors(survey):
    frame, folder = survey
    frame.assign(w=0).to_csv(folder / "r.csv", index=False)
    with pytest.raises(InputError, match="the weights of the valid answers to item 'q1' sum to zero"):
        load_survey(folder / "r.csv", "q1", folder / "scale.csv", weight="w")
    with pytest.raises(InputError, match="WEIGHT column 'weight' is not in the header"):
        load_survey(folder / "r.csv", "q1", folder / "scale.csv", weight="weight")
