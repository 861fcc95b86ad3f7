"""GROUP=column: counts per group equal an independent count, labelled and blank groups, the words, the errors."""

import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from likertkit import charts, pipeline, stats, story
from likertkit.counting import MISSING_GROUP
from likertkit.errors import InputError

SCALE = "code,label\n1,Strongly disagree\n2,Disagree\n3,Agree\n4,Strongly agree\n"
FRAME = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(12)],
                      "dept": ["HR", "IT", "IT", "HR", "", "IT", "Ops", "HR", "IT", "Ops", "", "HR"],
                      "q1": [1, 2, 2, 4, 3, 4, 4, 1, 3, 2, 9, 4], "q2": [4, 4, 3, 9, 1, 2, 3, 3, 3, 2, 1, 1]})


@pytest.fixture
def survey(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    FRAME.to_csv(tmp_path / "r.csv", index=False)
    return pipeline.load_survey(tmp_path / "r.csv", "q1,q2", tmp_path / "scale.csv", missing="9", group="dept")


def test_counts_per_group_equal_a_plain_pandas_crosstab(survey):
    long = FRAME.melt(id_vars=["respondent_id", "dept"], value_vars=["q1", "q2"], var_name="item", value_name="code")
    long = long[long["code"] != 9].assign(dept=long["dept"].replace("", MISSING_GROUP))
    expected = long.groupby(["dept", "item", "code"]).size().to_dict()
    got = {(r.group, r.item, r.code): r.count for r in survey.group_counts.itertuples() if r.count}
    assert got == expected
    sizes = dict(zip(survey.group_sizes["group"], survey.group_sizes["n_respondents"]))
    assert sizes == {"HR": 4, "IT": 4, "Ops": 2, MISSING_GROUP: 2}
    assert list(survey.group_sizes["group"])[-1] == MISSING_GROUP, "the blank group comes last"
    assert "respondents with no 'dept' value form the group (no group)" in set(survey.log.to_frame()["note"])


def test_by_group_table_has_the_promised_columns_and_percents_of_valid_answers(survey):
    items = survey.items.rename(columns={"group": "domain"})
    table = stats.by_group(survey.group_counts, survey.group_sizes, items, survey.scale)
    assert list(table.columns) == ["group", "item", "n_valid", "n_missing", "count_1", "count_2", "count_3", "count_4",
                                   "valid_pct_1", "valid_pct_2", "valid_pct_3", "valid_pct_4", "mean", "sd"]
    hr_q2 = table[(table["group"] == "HR") & (table["item"] == "q2")].iloc[0]
    assert (hr_q2["n_valid"], hr_q2["n_missing"]) == (3, 1)  # answers 4, 3, 1 and one 9
    assert hr_q2["valid_pct_4"] == pytest.approx(100 / 3)
    assert hr_q2["mean"] == pytest.approx((4 + 3 + 1) / 3)


def test_the_comparison_is_computed_and_careful(survey):
    items = survey.items.rename(columns={"group": "domain"})
    table = stats.by_group(survey.group_counts, survey.group_sizes, items, survey.scale)
    text = story.group_comparison(table, items, survey.scale)
    assert text.startswith("4 groups: HR (n = 4), IT (n = 4), Ops (n = 2), (no group) (n = 2).")
    assert "can arise by chance" in text and "not tests" in text and "cause" in text
    agree = table.assign(a=table["valid_pct_3"] + table["valid_pct_4"]).pivot(index="item", columns="group", values="a")
    gap = (agree.max(axis=1) - agree.min(axis=1))
    assert f"({gap.max():.0f} points)" in text and f"item {gap.idxmax()}" in text


def test_the_grouped_chart_has_one_bar_per_group_and_item(survey):
    items = survey.items.rename(columns={"group": "domain"})
    counts, bars = charts.grouped_items(survey.group_counts, survey.group_sizes, items)
    assert len(bars) == 8 and list(bars["shown"][:4]) == ["HR", "IT", "Ops", MISSING_GROUP]
    fig = charts.plot_diverging(counts, bars, survey.scale, order="questionnaire")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[:4] == ["HR", "IT", "Ops", MISSING_GROUP]


def test_a_labelled_group_column_is_named_by_its_labels(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"id": ["a", "b", "c", "d"], "sex": [1.0, 2.0, 2.0, None], "q1": [1.0, 2.0, 4.0, 3.0]})
    path = tmp_path / "s.sav"
    pyreadstat.write_sav(frame, path, variable_value_labels={"sex": {1: "Men", 2: "Women"},
                                                             "q1": {1: "Never", 2: "Rarely", 3: "Often", 4: "Always"}})
    result = pipeline.load_survey(path, "q1", id_column="id", group="sex")
    assert list(result.group_sizes["group"]) == ["Men", "Women", MISSING_GROUP]


def test_a_group_column_that_is_not_there_is_an_error(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    FRAME.to_csv(tmp_path / "r.csv", index=False)
    with pytest.raises(InputError, match="GROUP column 'team' is not in the header"):
        pipeline.load_survey(tmp_path / "r.csv", "q1,q2", tmp_path / "scale.csv", missing="9", group="team")
    with pytest.raises(InputError, match="'q1' is the id column, an item"):
        pipeline.load_survey(tmp_path / "r.csv", "q1,q2", tmp_path / "scale.csv", missing="9", group="q1")


def test_make_survey_by_group_writes_by_group_csv_and_its_chart(tmp_path):
    example = ROOT / "examples" / "made-up-survey"
    out = tmp_path / "by team"
    run = subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={example / 'responses.csv'}",
                          f"ITEMS={example / 'items.csv'}", f"SCALE={example / 'scale.csv'}", "MISSING=9", "GROUP=team",
                          f"OUT={out}", f"PYTHON={sys.executable}"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "team" not in run.stderr, "the group column is not reported as ignored"
    table = pd.read_csv(out / "data" / "processed" / "by_group.csv", dtype={"group": str})
    assert set(table["group"]) == {"North", "South", "East", MISSING_GROUP} and len(table) == 4 * 6
    assert (out / "figures" / "by_group_diverging.txt").read_text().startswith("Diverging stacked bar chart of 6")
    report = (out / "report.html").read_text()
    assert "The groups differ most on item" in report
