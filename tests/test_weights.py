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


def test_weighted_item_statistics_match_statsmodels(survey):
    """Weighted percents (pandas sums of weights), Wilson intervals on Kish's effective n (statsmodels'
    proportion_confint), weighted medians and quartiles (statsmodels' DescrStatsW.quantile, SAS's weighted
    definition, which agrees with the inverted weighted CDF where no quantile falls exactly on a cumulative sum)
    and the mean's t interval on Kish's n (scipy)."""
    from scipy import stats as scipy_stats
    from statsmodels.stats.proportion import proportion_confint

    import likertkit

    frame, folder = survey
    result = likertkit.describe(folder / "r.csv", items="q1,q2", scale=folder / "scale.csv", missing="9", weight="w")
    table = result.weighted_statistics.set_index("item")
    for item in ("q1", "q2"):
        valid = frame[frame[item] != 9]
        w, x = valid["w"].to_numpy(), valid[item].to_numpy(float)
        n_effective = w.sum() ** 2 / (w ** 2).sum()
        share = w[x >= 3].sum() / w.sum()
        row = table.loc[item]
        assert row["pct_agree"] == pytest.approx(100 * share)
        assert row["pct_disagree"] == pytest.approx(100 * w[x <= 2].sum() / w.sum())
        low, high = proportion_confint(share * n_effective, n_effective, method="wilson")
        assert (row["pct_agree_ci_low"], row["pct_agree_ci_high"]) == pytest.approx((100 * low, 100 * high))
        described = DescrStatsW(x, weights=w)
        assert [row["q1"], row["median"], row["q3"]] == list(described.quantile([0.25, 0.5, 0.75], return_pandas=False))
        half = scipy_stats.t.ppf(0.975, n_effective - 1) * row["sd"] / np.sqrt(n_effective)
        assert (row["mean_ci_low"], row["mean_ci_high"]) == pytest.approx((described.mean - half, described.mean + half))
        assert row["n_valid"] == len(valid) and row["n_effective"] == pytest.approx(n_effective)


def test_weighted_group_percents_means_and_sds_match_pandas_and_statsmodels(survey):
    """WEIGHT= with GROUP=: each compared group's sums of weights, percents (plain pandas), mean and SD
    (statsmodels' DescrStatsW) and Kish's n, per item; no row for a group below MIN_GROUP or for no group; a
    group whose weights are all zero has no percents rather than 0 %."""
    import likertkit

    frame, folder = survey
    frame["team"] = np.resize(["North", "South", "East", ""], len(frame))
    frame.loc[frame.index[:3], "team"] = "Tiny"  # 3 respondents: below MIN_GROUP, not compared
    frame.loc[frame["team"] == "East", "w"] = 0.0
    frame.to_csv(folder / "r.csv", index=False)
    result = likertkit.describe(folder / "r.csv", items="q1,q2", scale=folder / "scale.csv", missing="9", weight="w",
                                group="team")
    table = result.weighted_by_group.set_index(["group", "item"])
    assert list(dict.fromkeys(result.weighted_by_group["group"])) == ["East", "North", "South"]
    for (team, item), row in table.iterrows():
        valid = frame[(frame["team"] == team) & (frame[item] != 9)]
        assert row["n_valid"] == len(valid)
        w = valid["w"].to_numpy()
        if team == "East":
            assert row["sum_of_weights"] == 0 and row["n_effective"] == 0
            assert np.isnan(row["weighted_valid_pct_1"]) and np.isnan(row["mean"])
            continue
        sums = valid.groupby(item)["w"].sum()
        for code in range(1, 5):
            assert row[f"weighted_count_{code}"] == pytest.approx(sums.get(code, 0.0))
            assert row[f"weighted_valid_pct_{code}"] == pytest.approx(100 * sums.get(code, 0.0) / sums.sum())
        described = DescrStatsW(valid[item].to_numpy(float), weights=w)
        assert row["mean"] == pytest.approx(described.mean)
        assert row["sd"] == pytest.approx(np.sqrt(described.var * w.sum() / (w.sum() - (w ** 2).sum() / w.sum())))
        assert row["n_effective"] == pytest.approx(w.sum() ** 2 / (w ** 2).sum())
    from likertkit.report.sentences import group_comparison
    from likertkit.report.weighting import groups_shown
    from likertkit.stats import by_group

    compared = result.group_sizes[result.group_sizes["compared"]]
    shown, _ = groups_shown(result, by_group(result.group_counts, compared, result.items, result.scale))
    assert "in East" not in group_comparison(shown, result.items, result.scale), "weights of 0: no percent to compare"


def test_a_weighted_report_weighs_every_descriptive_figure_and_says_what_is_not(tmp_path):
    """make survey WEIGHT=…: the opening sentence, the item table, the first chart and the other views are of the
    weighted answers, with Kish's effective n, and so are the groups' percents and chart (their sentence's figures
    from pandas sums of weights); the unweighted chart is shown for comparison; beside the tests, the reliability
    and the joint display the report says they use the unweighted answers."""
    import subprocess
    import sys

    from conftest import ROOT

    example = ROOT / "examples" / "made-up-survey"
    frame = pd.read_csv(example / "responses.csv", dtype={f"q{k}": str for k in range(1, 8)})
    scale = pd.read_csv(example / "scale.csv")
    code_of = {str(c): c for c in scale["code"]} | {label.casefold(): c
                                                    for c, label in zip(scale["code"], scale["label"], strict=True)}
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(example / "responses.csv"),
                          f"--items={example / 'items.csv'}", f"--scale={example / 'scale.csv'}", "--missing=9",
                          "--group=team", "--weight=weight", f"--out={out}",
                          *(f"--{name}={ROOT / 'examples' / 'made-up-mixed-study' / f'{name}.csv'}"
                            for name in ("quotes", "themes", "findings"))], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    shares = {}
    for item in [f"q{k}" for k in range(1, 8)]:  # answers given as codes or as labels in any case; 9 = no answer
        codes = frame[item].str.strip().str.casefold().map(code_of)
        valid = frame[codes.notna()]
        shares[item] = 100 * valid.loc[codes[codes.notna()] >= 3, "weight"].sum() / valid["weight"].sum()
    top = max(shares, key=shares.get)
    assert f"The percent agreeing runs from {shares[top]:.1f}% (item {top}," in html
    assert "of each item&#x27;s valid answers weighted by the column weight (Kish&#x27;s effective n" in html or \
        "of each item's valid answers weighted by the column weight (Kish's effective n" in html
    assert "% agreeing (weighted)" in html and "n effective" in html and "95 % CI (Kish n)" in html
    first, second = html.index("Diverging stacked bar chart of weighted percents"), html.index("The same answers unweighted")
    assert first < html.index(">The items in numbers</h2>") < second  # the section, not its entry in the contents
    assert html.count("use the <strong>unweighted</strong> answers") == 2  # the tests, and the reliability
    assert "The groups&#x27; percents and chart are of the <strong>weighted</strong> answers" in html or \
        "The groups' percents and chart are of the <strong>weighted</strong> answers" in html
    teams = frame[frame["team"].notna()]
    by_team = {}  # each team's weighted percent agreeing, per item (every team here has 5 or more respondents)
    for item in [f"q{k}" for k in range(1, 8)]:
        codes = teams[item].str.strip().str.casefold().map(code_of)
        valid = teams[codes.notna()].assign(code=codes[codes.notna()])
        by_team[item] = valid.groupby("team").apply(lambda g: 100 * g.loc[g["code"] >= 3, "weight"].sum() / g["weight"].sum(),
                                                    include_groups=False)
    item = max(by_team, key=lambda i: by_team[i].max() - by_team[i].min())
    high, low = by_team[item].idxmax(), by_team[item].idxmin()
    said = (f"{by_team[item][high]:.1f}% agree in {high} against {by_team[item][low]:.1f}% in {low} "
            f"({by_team[item][high] - by_team[item][low]:.1f} points)")
    assert said in html, said
    alt = (out / "figures" / "by_group_diverging.txt").read_text(encoding="utf-8")
    assert alt.startswith("Weighted by the column weight. Diverging stacked bar chart") and said in alt
    listed = html[html.index(">Files</h2>"):]  # every table and figure of the run, those counted first too
    made = [*(out / "data" / "processed").iterdir(), *(out / "figures").iterdir()]
    assert len(made) > 30 and all(path.relative_to(out).as_posix() in listed for path in made)
    assert "The joint display&#x27;s numbers and bars are of the <strong>unweighted</strong> answers" in html or \
        "The joint display's numbers and bars are of the <strong>unweighted</strong> answers" in html
    alt = (out / "figures" / "teaching_stacked_percent.txt").read_text(encoding="utf-8")
    assert alt.startswith("Weighted by the column weight. Stacked bar chart of 7 survey items")
