"""GROUP=column: counts per group equal an independent count, labelled and blank groups, the words, the errors."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from likertkit import charts, stats
from likertkit.counting.count import MISSING_GROUP
from likertkit.errors import InputError
from likertkit.report import sentences
from likertkit.survey import load_survey

from conftest import ROOT

SCALE = "code,label\n1,Strongly disagree\n2,Disagree\n3,Agree\n4,Strongly agree\n"
FRAME = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(12)],
                      "dept": ["HR", "IT", "IT", "HR", "", "IT", "Ops", "HR", "IT", "Ops", "", "HR"],
                      "q1": [1, 2, 2, 4, 3, 4, 4, 1, 3, 2, 9, 4], "q2": [4, 4, 3, 9, 1, 2, 3, 3, 3, 2, 1, 1]})


@pytest.fixture
def survey(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    FRAME.to_csv(tmp_path / "r.csv", index=False)
    return load_survey(tmp_path / "r.csv", "q1,q2", tmp_path / "scale.csv", missing="9", group="dept",
                                min_group=1)


def compared(survey):
    return survey.group_sizes[survey.group_sizes["compared"]]


def test_counts_per_group_equal_a_plain_pandas_crosstab(survey):
    long = FRAME.melt(id_vars=["respondent_id", "dept"], value_vars=["q1", "q2"], var_name="item", value_name="code")
    long = long[(long["code"] != 9) & (long["dept"] != "")]  # no group value: not compared
    expected = long.groupby(["dept", "item", "code"]).size().to_dict()
    got = {(r.group, r.item, r.code): r.count for r in survey.group_counts.itertuples() if r.count}
    assert got == expected
    sizes = dict(zip(survey.group_sizes["group"], survey.group_sizes["n_respondents"], strict=True))
    assert sizes == {"HR": 4, "IT": 4, "Ops": 2, MISSING_GROUP: 2}
    assert list(survey.group_sizes["group"])[-1] == MISSING_GROUP, "those with no group value are listed last"
    assert list(survey.group_sizes["compared"]) == [True, True, True, False]
    log = survey.log.to_frame()
    said = log[log["note"] == "respondents with no 'dept' value left out of the group charts, sentences and tests"]
    assert list(said["result"].astype(str)) == ["2"]


def test_by_group_table_has_the_promised_columns_and_percents_of_valid_answers(survey):
    items = survey.items.rename(columns={"group": "domain"})
    table = stats.by_group(survey.group_counts, compared(survey), items, survey.scale)
    assert list(table.columns) == ["group", "item", "n_valid", "n_missing", "count_1", "count_2", "count_3", "count_4",
                                   "valid_pct_1", "valid_pct_2", "valid_pct_3", "valid_pct_4", "mean", "sd"]
    hr_q2 = table[(table["group"] == "HR") & (table["item"] == "q2")].iloc[0]
    assert (hr_q2["n_valid"], hr_q2["n_missing"]) == (3, 1)  # answers 4, 3, 1 and one 9
    assert hr_q2["valid_pct_4"] == pytest.approx(100 / 3)
    assert hr_q2["mean"] == pytest.approx((4 + 3 + 1) / 3)


def test_the_comparison_is_computed_and_careful(survey):
    items = survey.items.rename(columns={"group": "domain"})
    table = stats.by_group(survey.group_counts, compared(survey), items, survey.scale)
    text = sentences.group_comparison(table, items, survey.scale)
    assert text.startswith("3 groups: HR (n = 4), IT (n = 4), Ops (n = 2).")
    assert "can arise by chance" in text and "not tests" in text and "cause" in text
    agree = table.assign(a=table["valid_pct_3"] + table["valid_pct_4"]).pivot(index="item", columns="group", values="a")
    gap = (agree.max(axis=1) - agree.min(axis=1))
    assert f"({gap.max():.1f} points)" in text and f"item {gap.idxmax()}" in text


def test_the_grouped_chart_has_one_bar_per_group_and_item(survey):
    items = survey.items.rename(columns={"group": "domain"})
    counts, bars = charts.grouped_items(survey.group_counts, compared(survey), items)
    assert len(bars) == 6 and list(bars["shown"][:3]) == ["HR", "IT", "Ops"]
    fig = charts.plot_diverging(counts, bars, survey.scale, order="questionnaire")
    labels = [t.get_text() for t in charts.row_labels(fig.axes[0], "item")]
    assert labels[:4] == ["HR", "IT", "Ops", "HR"], "no bar for those with no group value"


def test_a_labelled_group_column_is_named_by_its_labels(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"id": ["a", "b", "c", "d"], "sex": [1.0, 2.0, 2.0, None], "q1": [1.0, 2.0, 4.0, 3.0]})
    path = tmp_path / "s.sav"
    pyreadstat.write_sav(frame, path, variable_value_labels={"sex": {1: "Men", 2: "Women"},
                                                             "q1": {1: "Never", 2: "Rarely", 3: "Often", 4: "Always"}})
    result = load_survey(path, "q1", id_column="id", group="sex")
    assert list(result.group_sizes["group"]) == ["Men", "Women", MISSING_GROUP]


def test_values_that_share_a_label_stay_apart_groups_and_the_log_says_so(tmp_path):
    """Two codes labelled alike, and a value written as the blank group's name, are never merged into one group."""
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"id": list("abcdef"), "site": [1.0, 2.0, 2.0, 3.0, None, 1.0],
                          "q1": [1.0, 2.0, 4.0, 3.0, 1.0, 4.0]})
    path = tmp_path / "s.sav"
    pyreadstat.write_sav(frame, path, variable_value_labels={"site": {1: "Other", 2: "Other", 3: "Oslo"},
                                                             "q1": {1: "Never", 2: "Rarely", 3: "Often", 4: "Always"}})
    result = load_survey(path, "q1", id_column="id", group="site", min_group=1)
    sizes = dict(zip(result.group_sizes["group"], result.group_sizes["n_respondents"], strict=True))
    assert sizes == {"Other [1]": 2, "Other [2]": 2, "Oslo": 1, MISSING_GROUP: 1}
    del sizes[MISSING_GROUP]
    assert result.group_counts.groupby("group")["count"].sum().to_dict() == sizes, "each group keeps its own answers"
    notes = result.log.to_frame()
    shared = notes[notes["note"].str.contains("share a label")]
    assert len(shared) == 1 and shared["kind"].iloc[0] == "anomaly" and str(shared["result"].iloc[0]) == "2"

    (tmp_path / "scale.csv").write_text(SCALE)
    pd.DataFrame({"respondent_id": ["r1", "r2", "r3"], "dept": ["(no group)", "", "HR"], "q1": [1, 2, 3]}).to_csv(
        tmp_path / "r.csv", index=False)
    result = load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", group="dept")
    assert sorted(result.group_sizes["group"]) == sorted(["HR", "(no group) [(no group)]", MISSING_GROUP])


def test_a_group_column_that_is_not_there_is_an_error(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    FRAME.to_csv(tmp_path / "r.csv", index=False)
    with pytest.raises(InputError, match="GROUP column 'team' is not in the header"):
        load_survey(tmp_path / "r.csv", "q1,q2", tmp_path / "scale.csv", missing="9", group="team")
    with pytest.raises(InputError, match="'q1' is the id column, an item"):
        load_survey(tmp_path / "r.csv", "q1,q2", tmp_path / "scale.csv", missing="9", group="q1")


def test_make_survey_by_group_writes_by_group_csv_and_its_chart(tmp_path):
    example = ROOT / "examples" / "made-up-survey"
    out = tmp_path / "by team"
    run = subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={example / 'responses.csv'}",
                          f"ITEMS={example / 'items.csv'}", f"SCALE={example / 'scale.csv'}", "MISSING=9", "GROUP=team",
                          f"OUT={out}", f"PYTHON={sys.executable}"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "team" not in run.stderr, "the group column is not reported as ignored"
    table = pd.read_csv(out / "data" / "processed" / "by_group.csv", dtype={"group": str})
    assert set(table["group"]) == {"North", "South", "East"} and len(table) == 3 * 7
    assert (out / "figures" / "by_group_diverging.txt").read_text().startswith("Diverging stacked bar chart of 7")
    report = (out / "report.html").read_text()
    assert "The groups differ most on item" in report


def test_tests_between_groups_match_pingouin_and_holm(survey):
    """Mann-Whitney / Kruskal-Wallis on the answers, checked against pingouin's mwu and kruskal on the raw
    answers, Holm's adjustment against statsmodels; the respondents with no group are left out."""
    pingouin = pytest.importorskip("pingouin")
    from statsmodels.stats.multitest import multipletests

    tests = survey.group_tests.set_index("item")
    answered = FRAME[(FRAME["dept"] != "")]
    for item in ("q1", "q2"):
        rows = answered[answered[item] != 9]
        reference = pingouin.kruskal(data=rows, dv=item, between="dept")
        assert tests.loc[item, "test"] == "Kruskal-Wallis H"
        assert tests.loc[item, "statistic"] == pytest.approx(reference["H"].iloc[0])
        assert tests.loc[item, "p_value"] == pytest.approx(reference["p_unc"].iloc[0])
        assert tests.loc[item, "df"] == 2
    assert list(tests["p_holm"]) == pytest.approx(multipletests(tests["p_value"], method="holm")[1])


def test_two_groups_get_mann_whitney_with_pingouins_rank_biserial():
    pingouin = pytest.importorskip("pingouin")
    a, b = np.array([1, 2, 2, 3, 4, 4]), np.array([3, 4, 4, 5, 5, 2, 5])
    got = stats.group_test({"A": a, "B": b})
    reference = pingouin.mwu(a, b).iloc[0]
    assert got["test"] == "Mann-Whitney U"
    assert (got["statistic"], got["p_value"], got["effect_size"]) == pytest.approx(
        (reference["U_val"], reference["p_val"], reference["RBC"]))


@pytest.mark.parametrize("seed", range(40))
def test_tests_from_counts_equal_scipy_on_the_answers(seed):
    """Items are tested from their counts (time independent of the respondents); the statistics are scipy's
    ``mannwhitneyu`` (asymptotic) and ``kruskal`` on the answers themselves, ties and one-answer items included."""
    from scipy import stats as sps

    rng = np.random.default_rng(seed)
    matrix = rng.integers(0, 25, size=(rng.integers(2, 6), rng.integers(2, 8)))
    if seed % 5 == 0:
        matrix[:, 1:] = 0  # every answer the same
    samples = [np.repeat(np.arange(matrix.shape[1]), row) for row in matrix if row.sum()]
    got = stats.group_test_counts(matrix)
    if len(samples) == 2:
        reference = sps.mannwhitneyu(*samples, alternative="two-sided", method="asymptotic")
    elif len({value for sample in samples for value in sample}) == 1:  # scipy refuses all-equal input: no difference
        assert (got["statistic"], got["p_value"]) == (0.0, 1.0)
        return
    else:
        reference = sps.kruskal(*samples)
    assert (got["statistic"], got["p_value"]) == pytest.approx((reference.statistic, reference.pvalue), rel=1e-12)


def test_items_coded_against_the_scale_are_tested_on_the_scales_order():
    counts = pd.DataFrame({"group": ["A"] * 2 + ["B"] * 2, "item": "q", "code": [5, 1] * 2, "count": [9, 1, 1, 9]})
    scale_up = {"q": pd.DataFrame({"code": [1, 5]})}
    scale_down = {"q": pd.DataFrame({"code": [5, 1]})}
    up = stats.group_tests(counts, pd.DataFrame({"item": ["q"]}), scale_up).iloc[0]
    down = stats.group_tests(counts, pd.DataFrame({"item": ["q"]}), scale_down).iloc[0]
    assert up["p_value"] == pytest.approx(down["p_value"]) and up["effect_size"] == pytest.approx(-down["effect_size"])


def test_construct_scores_are_tested_between_groups_too(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    FRAME.to_csv(tmp_path / "r.csv", index=False)
    (tmp_path / "items.csv").write_text("item,label,group,construct,reverse\nq1,One,,Both,no\nq2,Two,,Both,yes\n")
    result = load_survey(tmp_path / "r.csv", tmp_path / "items.csv", tmp_path / "scale.csv", missing="9",
                                  group="dept")
    assert list(result.group_tests["item"]) == ["q1", "q2", "Both"]
    scores = result.construct_scores
    assert set(scores["group"]) == {"HR", "IT", "Ops", MISSING_GROUP}
    rows = FRAME.assign(q1=FRAME["q1"].where(FRAME["q1"] != 9), q2=(5 - FRAME["q2"]).where(FRAME["q2"] != 9))
    expected = rows[["q1", "q2"]].mean(axis=1)
    assert list(scores["Both"]) == pytest.approx(list(expected))


def test_dunn_pairwise_tests_equal_an_independent_computation_from_ranks(tmp_path):
    """Dunn's z from the answers themselves (scipy's average ranks, tie correction written out), Holm by
    statsmodels; each group's mean rank and median in group_tests.csv say which way a difference goes."""
    from scipy import stats as sps
    from statsmodels.stats.multitest import multipletests

    (tmp_path / "scale.csv").write_text(SCALE)
    rng = np.random.default_rng(11)
    teams = np.repeat(["North", "South", "East"], [20, 25, 15])
    q1 = np.clip(rng.integers(1, 5, size=60) + (teams == "South"), 1, 4)
    pd.DataFrame({"respondent_id": [f"r{i}" for i in range(60)], "team": teams, "q1": q1}).to_csv(
        tmp_path / "r.csv", index=False)
    survey = load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", group="team")
    pairs = survey.pairwise_tests.set_index(["group_a", "group_b"])
    ranks = sps.rankdata(q1)
    n, ties = len(q1), np.unique(q1, return_counts=True)[1]
    spread = n * (n + 1) / 12 - (ties ** 3 - ties).sum() / (12 * (n - 1))
    order = list(dict.fromkeys(survey.group_counts["group"]))
    expected = {}
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            z = (ranks[teams == a].mean() - ranks[teams == b].mean()) / np.sqrt(
                spread * (1 / (teams == a).sum() + 1 / (teams == b).sum()))
            expected[(a, b)] = (z, 2 * sps.norm.sf(abs(z)))
    assert set(pairs.index) == set(expected)
    holm = dict(zip(expected, multipletests([p for _, p in expected.values()], method="holm")[1], strict=True))
    for pair, (z, p) in expected.items():
        assert pairs.loc[pair, "z"] == pytest.approx(z) and pairs.loc[pair, "p_value"] == pytest.approx(p)
        assert pairs.loc[pair, "p_holm"] == pytest.approx(holm[pair])
    row = survey.group_tests.iloc[0]
    means = {g: ranks[teams == g].mean() for g in order}
    assert row["highest_group"] == max(means, key=means.get)
    assert row["group_mean_ranks"] == "; ".join(f"{g}: {means[g]:.1f}" for g in order)


def test_group_labels_name_a_csvs_group_codes(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    (tmp_path / "labels.csv").write_text("code,label\n1,Women\n02,Men\n")
    pd.DataFrame({"respondent_id": [f"r{i}" for i in range(12)], "sex": ["1", "2", "1", "2"] * 3,
                  "q1": [1, 2, 3, 4] * 3}).to_csv(tmp_path / "r.csv", index=False)
    survey = load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", group="sex",
                                  group_labels=tmp_path / "labels.csv")
    assert dict(zip(survey.group_sizes["group"], survey.group_sizes["n_respondents"], strict=True)) == {"Women": 6, "Men": 6}
    assert "the values of 'sex' named by labels.csv" in " ".join(survey.log.to_frame()["note"])
    with pytest.raises(InputError, match="GROUP_LABELS: names the values of a GROUP column: give GROUP too"):
        load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", group_labels=tmp_path / "labels.csv")
    (tmp_path / "labels.csv").write_text("code,label\n1,Women\n1,Men\n")
    with pytest.raises(InputError, match=r"labels.csv, line 3, column 'code': code '1' appears twice"):
        load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", group="sex",
                             group_labels=tmp_path / "labels.csv")


def test_constructs_get_dunn_pairwise_rows_as_items_do(tmp_path):
    """A construct's scores between three groups: Dunn's z from scipy's average ranks of the scores (tie correction
    written out), Holm by statsmodels, within the construct, as for an item."""
    from scipy import stats as sps
    from statsmodels.stats.multitest import multipletests

    (tmp_path / "scale.csv").write_text(SCALE)
    rng = np.random.default_rng(7)
    teams = np.repeat(["North", "South", "East"], [18, 22, 20])
    q1 = np.clip(rng.integers(1, 5, size=60) + (teams == "East"), 1, 4)
    q2 = rng.integers(1, 5, size=60)
    pd.DataFrame({"respondent_id": [f"r{i}" for i in range(60)], "team": teams, "q1": q1, "q2": q2}).to_csv(
        tmp_path / "r.csv", index=False)
    (tmp_path / "items.csv").write_text("item,label,group,construct,reverse\nq1,One,,Both,no\nq2,Two,,Both,no\n")
    survey = load_survey(tmp_path / "r.csv", tmp_path / "items.csv", tmp_path / "scale.csv", group="team")
    pairs = survey.pairwise_tests[survey.pairwise_tests["item"] == "Both"].set_index(["group_a", "group_b"])
    scores = (q1 + q2) / 2
    ranks = sps.rankdata(scores)
    n, ties = len(scores), np.unique(scores, return_counts=True)[1]
    spread = n * (n + 1) / 12 - (ties ** 3 - ties).sum() / (12 * (n - 1))
    assert {frozenset(pair) for pair in pairs.index} == {frozenset(p) for p in [("North", "South"), ("North", "East"),
                                                                                 ("South", "East")]}
    expected = {}
    for a, b in pairs.index:  # z is positive where group_a ranks higher
        z = (ranks[teams == a].mean() - ranks[teams == b].mean()) / np.sqrt(
            spread * (1 / (teams == a).sum() + 1 / (teams == b).sum()))
        expected[(a, b)] = (z, 2 * sps.norm.sf(abs(z)))
    holm = dict(zip(expected, multipletests([p for _, p in expected.values()], method="holm")[1], strict=True))
    for pair, (z, p) in expected.items():
        assert pairs.loc[pair, "z"] == pytest.approx(z) and pairs.loc[pair, "p_value"] == pytest.approx(p)
        assert pairs.loc[pair, "p_holm"] == pytest.approx(holm[pair])
        a, b = pair
        assert pairs.loc[pair, "effect_size"] == pytest.approx(z / np.sqrt((teams == a).sum() + (teams == b).sum()))
    assert set(survey.pairwise_tests["item"]) == {"q1", "q2", "Both"}
    item_pairs = survey.pairwise_tests[survey.pairwise_tests["item"] == "q1"][["group_a", "group_b"]]
    assert list(pairs.index) == [tuple(pair) for pair in item_pairs.values], "groups in the same order as the items'"
