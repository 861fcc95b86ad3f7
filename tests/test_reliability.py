"""Multi-item scales: reverse keying, alpha, omega, item analysis, and a wrongly keyed scale visibly flagged.

References: pingouin's ``cronbach_wide_missing`` dataset (shipped with pingouin 0.7.0, public) and the values
pingouin's documentation prints for it: alpha 0.733 [0.435, 0.909] pairwise, 0.802 [0.581, 0.933] listwise
(https://pingouin-stats.org/generated/pingouin.cronbach_alpha.html); pingouin notes these equal R psych's
``alpha(data)`` and ``alpha(data, use="complete.obs")``. Omega is checked against its closed form on a
correlation matrix built from known loadings, and alpha against its definition from the covariance matrix.
"""

import numpy as np
import pandas as pd
import pytest

from likertkit.errors import InputError
from likertkit.stats import reliability
from likertkit.survey import load_survey

pingouin = pytest.importorskip("pingouin")


def test_alpha_matches_the_published_values_for_a_public_dataset_with_missing_answers():
    data = pingouin.read_dataset("cronbach_wide_missing")
    alpha, low, high = reliability._alpha(data)
    assert (round(alpha, 3), low, high) == (0.733, 0.435, 0.909)
    listwise = data.dropna()
    assert round(reliability._alpha(listwise)[0], 3) == 0.802


def test_alpha_is_its_definition_on_complete_data():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.integers(1, 6, size=(200, 5)), columns=list("abcde")).astype(float)
    cov = frame.cov().to_numpy()
    k = 5
    assert reliability._alpha(frame)[0] == pytest.approx(k / (k - 1) * (1 - np.trace(cov) / cov.sum()))


def test_omega_recovers_the_closed_form_from_known_loadings():
    loadings = np.array([0.8, 0.7, 0.6, 0.5, 0.4])
    correlations = np.outer(loadings, loadings)
    np.fill_diagonal(correlations, 1.0)
    expected = loadings.sum() ** 2 / (loadings.sum() ** 2 + (1 - loadings ** 2).sum())
    assert reliability.omega_from_correlations(correlations, 1000) == pytest.approx(expected, abs=1e-4)


def _questionnaire(tmp_path, reverse="yes"):
    """Five items of one construct; item e is worded the other way (answers = 6 - a latent agreement)."""
    rng = np.random.default_rng(7)
    latent = rng.normal(size=300)
    answers = {name: np.clip(np.round(3 + latent + rng.normal(scale=0.8, size=300)), 1, 5).astype(int)
               for name in "abcd"}
    answers["e"] = 6 - np.clip(np.round(3 + latent + rng.normal(scale=0.8, size=300)), 1, 5).astype(int)
    frame = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(300)], **answers})
    frame.to_csv(tmp_path / "r.csv", index=False)
    (tmp_path / "scale.csv").write_text("code,label\n1,Very inaccurate\n2,Inaccurate\n3,Neither\n4,Accurate\n"
                                        "5,Very accurate\n")
    (tmp_path / "items.csv").write_text("item,label,group,construct,reverse\n" + "".join(
        f"{n},Item {n},,Trait,{reverse if n == 'e' else 'no'}\n" for n in "abcde"))
    return frame, tmp_path


def test_reverse_keying_is_applied_where_items_are_combined(tmp_path):
    frame, folder = _questionnaire(tmp_path)
    result = load_survey(folder / "r.csv", folder / "items.csv", folder / "scale.csv")
    row = result.constructs.iloc[0]
    scored = frame[list("abcde")].astype(float).assign(e=6 - frame["e"])
    assert row["alpha"] == pytest.approx(pingouin.cronbach_alpha(scored)[0])
    assert row["mean"] == pytest.approx(scored.mean(axis=1).mean())
    assert (row["n_items"], row["n_complete"]) == (5, 300)
    analysis = result.item_analysis.set_index("item")
    assert analysis.loc["e", "reversed"] and analysis.loc["e", "item_rest_r"] > 0.5
    rest = scored[list("abcd")].mean(axis=1)
    assert analysis.loc["e", "item_rest_r"] == pytest.approx(scored["e"].corr(rest))
    assert analysis.loc["e", "alpha_if_deleted"] == pytest.approx(pingouin.cronbach_alpha(scored[list("abcd")])[0])
    assert not result.warnings
    counts = result.counts[result.counts["item"] == "e"].set_index("code")["count"]
    assert counts.to_dict() == frame["e"].value_counts().reindex(range(1, 6), fill_value=0).to_dict(), \
        "the item's own counts keep its answers as given"


def test_a_wrongly_keyed_scale_is_visibly_flagged(tmp_path):
    _, folder = _questionnaire(tmp_path, reverse="no")
    result = load_survey(folder / "r.csv", folder / "items.csv", folder / "scale.csv")
    analysis = result.item_analysis.set_index("item")
    assert analysis.loc["e", "item_rest_r"] < 0
    assert any("item 'e' correlates negatively with the rest of 'Trait'" in w and "is it reverse-keyed?" in w
               for w in result.warnings)


def test_bad_reverse_values_name_the_file_line_column_and_value(tmp_path):
    _, folder = _questionnaire(tmp_path, reverse="maybe")
    with pytest.raises(InputError, match=r"items.csv, line 6, column 'reverse': reverse 'maybe' is neither yes nor no"):
        load_survey(folder / "r.csv", folder / "items.csv", folder / "scale.csv")
    (folder / "items.csv").write_text("item,label,group,construct,reverse\na,A,,,yes\n")
    with pytest.raises(InputError, match="line 2, column 'construct': item 'a' is reverse-keyed but in no construct"):
        load_survey(folder / "r.csv", folder / "items.csv", folder / "scale.csv")


def test_few_items_and_low_alpha_are_warned_about():
    constructs = pd.DataFrame([dict(construct="Short", n_items=2, alpha=0.5)])
    found = reliability.warnings(constructs, pd.DataFrame(columns=["construct", "item", "reversed", "item_rest_r"]))
    assert "construct 'Short' has 2 items" in found[0] and "alpha 0.50, below 0.7" in found[1]


def test_construct_means_have_t_intervals_overall_and_per_group(tmp_path):
    from scipy import stats as sps

    frame, folder = _questionnaire(tmp_path)
    frame.assign(team=["A", "B", "C"] * 100).to_csv(folder / "r.csv", index=False)
    result = load_survey(folder / "r.csv", folder / "items.csv", folder / "scale.csv", group="team")
    means = result.construct_means.set_index("group")
    scores = frame[list("abcd")].assign(e=6 - frame["e"]).mean(axis=1)
    overall = means.loc[""]
    half = sps.t.ppf(0.975, 299) * scores.std(ddof=1) / np.sqrt(300)
    assert (overall["n"], overall["mean"], overall["ci_high"]) == pytest.approx((300, scores.mean(), scores.mean() + half))
    assert means.loc["B", "mean"] == pytest.approx(scores[1::3].mean())
    assert result.items.set_index("item").loc["e", "label"] == "Item e (reverse-keyed)", "marked where shown"
    assert set(result.items["domain"]) == {"Trait"}, "the item chart is grouped by construct"


# --- against R psych on real answers with missing ones ---------------------------------------------------------
# Data: pingouin's dataset "cronbach_alpha" (15 respondents x 10 items on a 1-7 scale, from real-statistics.com,
# shipped inside pingouin), items Q1, Q2, Q3, Q4, Q9, Q10, with five answers deleted: respondent 2's Q1, 5's Q3,
# 9's Q9, 12's Q10 and 14's Q2 (1-based rows). The values come from R 4 with psych 2.2.9 (Debian r-cran-psych):
#
#   x <- read.csv("answers.csv")[, c("Q1", "Q2", "Q3", "Q4", "Q9", "Q10")]
#   x[2, "Q1"] <- NA; x[5, "Q3"] <- NA; x[9, "Q9"] <- NA; x[12, "Q10"] <- NA; x[14, "Q2"] <- NA
#   a <- psych::alpha(x, check.keys = FALSE)
#   a$total$raw_alpha        # 0.779875
#   a$item.stats$r.drop      # 0.620172 0.666129 0.522945 0.520234 0.489961 0.431007
#   a$alpha.drop$raw_alpha   # 0.724648 0.723229 0.751782 0.748821 0.756538 0.773047
#   psych::omega(x, nfactors = 1)$omega.tot   # 0.797927
#   a$total$std.alpha        # 0.791145
#   a$total$average_r        # 0.387005
#   a$item.stats$raw.r       # 0.775161 0.768799 0.69692 0.669069 0.679751 0.672488
#   psych::fa(x, nfactors = 1, fm = "minres")$loadings[, 1]
#                            # 0.717699 0.785178 0.636512 0.549582 0.574916 0.497806
PSYCH = dict(alpha=0.779875, r_drop=[0.620172, 0.666129, 0.522945, 0.520234, 0.489961, 0.431007],
             alpha_drop=[0.724648, 0.723229, 0.751782, 0.748821, 0.756538, 0.773047], omega_total=0.797927,
             std_alpha=0.791145, average_r=0.387005,
             raw_r=[0.775161, 0.768799, 0.69692, 0.669069, 0.679751, 0.672488],
             loadings=[0.717699, 0.785178, 0.636512, 0.549582, 0.574916, 0.497806])


def _psych_answers():
    wide = pingouin.read_dataset("cronbach_alpha").pivot(index="Subj", columns="Items", values="Scores")
    frame = wide[["Q1", "Q2", "Q3", "Q4", "Q9", "Q10"]].astype(float).reset_index(drop=True)
    for row, column in ((2, "Q1"), (5, "Q3"), (9, "Q9"), (12, "Q10"), (14, "Q2")):
        frame.loc[row - 1, column] = np.nan
    return frame


def test_reliability_matches_r_psych_with_missing_answers():
    frame = _psych_answers()
    items = pd.DataFrame({"item": frame.columns, "construct": "C", "reversed": False})
    constructs, analysis = reliability.analyse(frame, items)
    assert constructs["alpha"].iloc[0] == pytest.approx(PSYCH["alpha"], abs=5e-6)
    assert constructs["omega_total"].iloc[0] == pytest.approx(PSYCH["omega_total"], abs=5e-6)
    assert analysis["item_rest_r"].tolist() == pytest.approx(PSYCH["r_drop"], abs=5e-6)
    assert analysis["alpha_if_deleted"].tolist() == pytest.approx(PSYCH["alpha_drop"], abs=5e-6)
    assert constructs["alpha_standardized"].iloc[0] == pytest.approx(PSYCH["std_alpha"], abs=5e-6)
    assert constructs["mean_inter_item_r"].iloc[0] == pytest.approx(PSYCH["average_r"], abs=5e-6)
    assert analysis["item_total_r"].tolist() == pytest.approx(PSYCH["raw_r"], abs=5e-6)
    assert analysis["loading"].tolist() == pytest.approx(PSYCH["loadings"], abs=5e-5)  # minres vs principal axes


def test_an_item_rest_r_shown_as_minus_zero_is_not_called_negative():
    """"r = -0.00 correlates negatively" said a warning for r = -0.004 (issue 32): the warning follows the value as
    shown, two decimals."""
    from likertkit.stats.reliability import warnings

    constructs = pd.DataFrame({"construct": ["C"], "n_items": [4], "alpha": [0.8]})
    analysis = pd.DataFrame({"construct": ["C", "C"], "item": ["q1", "q2"], "item_rest_r": [-0.004, -0.006],
                             "reversed": [False, False]})
    said = warnings(constructs, analysis)
    assert said == ["item 'q2' correlates negatively with the rest of 'C' (r = -0.01): is it reverse-keyed?"]


def test_one_factor_loadings_are_statsmodels_principal_axes_to_the_last_bit():
    """The principal-axis iteration written out (so that a report need not import statsmodels) gives the loadings
    statsmodels' Factor(method="pa") gives, bit for bit, on 300 random correlation matrices of 3 to 8 items, some
    with an item keyed the other way."""
    from statsmodels.multivariate.factor import Factor

    from likertkit.stats.reliability import one_factor_loadings

    rng = np.random.default_rng(1)
    for case in range(300):
        k, n = int(rng.integers(3, 9)), int(rng.integers(20, 200))
        answers = rng.normal(size=(n, k)) + rng.normal(size=(n, 1)) * rng.uniform(0, 2)
        if case % 5 == 0:
            answers[:, 0] *= -1
        correlations = np.corrcoef(answers.T)
        fitted = np.asarray(Factor(corr=correlations, n_factor=1, method="pa", nobs=n).fit(maxiter=500, tol=1e-10)
                            .loadings)[:, 0]
        expected = fitted if fitted.sum() >= 0 else -fitted
        assert np.array_equal(one_factor_loadings(correlations, n), expected), case
