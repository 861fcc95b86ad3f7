"""No SCALE for answers in words: a known response scale is inferred, in its order, and logged; answers no known
scale holds stop the run with every answer listed and a draft scale.csv in OUT to put in order and pass back."""

import subprocess
import sys

import pandas as pd
import pytest

from likertkit.survey import load_survey

from conftest import ROOT

FAMILIES = {
    "agreement, 4 points": ["Strongly disagree", "Disagree", "Agree", "Strongly agree"],
    "agreement, 5 points": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    "agreement, 7 points": ["Strongly disagree", "Disagree", "Somewhat disagree", "Neutral", "Somewhat agree", "Agree",
                            "Strongly agree"],
    "frequency": ["Never", "Rarely", "Sometimes", "Often", "Always"],
    "importance": ["Not at all important", "Slightly important", "Moderately important", "Very important",
                   "Extremely important"],
    "satisfaction": ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied",
                     "Very satisfied"],
    "likelihood": ["Very unlikely", "Unlikely", "Neutral", "Likely", "Very likely"],
    "quality": ["Poor", "Fair", "Good", "Very good", "Excellent"],
    "amount": ["Not at all", "A little", "Moderately", "Quite a bit", "Extremely"],
    "extent": ["To no extent", "To a small extent", "To some extent", "To a large extent", "To a very large extent"],
}


def _survey(tmp_path, columns: dict):
    n = max(len(v) for v in columns.values())
    frame = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(n)],
                          **{k: (v * n)[:n] for k, v in columns.items()}})
    frame.to_csv(tmp_path / "r.csv", index=False)
    return tmp_path / "r.csv"


@pytest.mark.parametrize("family", FAMILIES)
def test_each_family_is_inferred_in_its_order_in_any_case_with_categories_nobody_chose(tmp_path, family):
    labels = FAMILIES[family]
    unused = 2 if family == "frequency" else 1  # never, sometimes, often, always is a 4-point frequency scale itself
    answered = [label.upper() if k % 2 else label.lower() for k, label in enumerate(labels) if k != unused]
    shuffled = answered[::-1] * 3
    survey = load_survey(_survey(tmp_path, {"q1": shuffled, "q2": shuffled[1:] + shuffled[:1]}), "q1,q2")
    assert [label.casefold() for label in survey.scale["label"]] == [label.casefold() for label in labels]
    assert list(survey.scale["code"]) == list(range(1, len(labels) + 1))
    counts = survey.counts[survey.counts["item"] == "q1"].set_index("code")["count"]
    assert counts[unused + 1] == 0 and counts.sum() == len(shuffled)
    assert any("scale inferred from the answers of q1, q2" in note for note in survey.log.to_frame()["note"])


def test_items_on_different_scales_get_one_scale_each(tmp_path):
    survey = load_survey(_survey(tmp_path, {"a": FAMILIES["frequency"], "b": FAMILIES["agreement, 4 points"]}),
                                  "a,b")
    assert "scale" in survey.scale and survey.scale["scale"].nunique() == 2


def _report(tmp_path, survey, *more):
    return subprocess.run([sys.executable, "-m", "likertkit", "report", survey, "--items", "q1,q2", "--out",
                           tmp_path / "out", *more], capture_output=True, text=True, cwd=ROOT)


def test_unknown_answers_stop_with_a_listing_and_a_draft_that_works_once_ordered(tmp_path):
    survey = _survey(tmp_path, {"q1": ["Bad", "Fine", "Great", "Great"], "q2": ["Meh", "Fine", "Great", "Bad"]})
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("not ours")
    run = _report(tmp_path, survey, "--overwrite")
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "'Great' (3)" in run.stderr and "'Meh' (1)" in run.stderr and "scale-draft.csv" in run.stderr
    draft = pd.read_csv(tmp_path / "out" / "scale-draft.csv")
    assert sorted(draft["label"]) == ["Bad", "Fine", "Great", "Meh"] and list(draft["code"]) == [1, 2, 3, 4]
    assert (tmp_path / "out" / "keep.txt").read_text() == "not ours"
    ordered = pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Bad", "Meh", "Fine", "Great"]})
    ordered.to_csv(tmp_path / "out" / "scale-draft.csv", index=False)  # the researcher's edit, in place
    again = _report(tmp_path, survey, "--overwrite", "--scale", tmp_path / "out" / "scale-draft.csv")
    assert again.returncode == 0, again.stderr
    assert pd.read_csv(tmp_path / "out" / "scale-draft.csv")["label"].tolist() == ["Bad", "Meh", "Fine", "Great"]
    table = pd.read_csv(tmp_path / "out" / "data" / "processed" / "table1.csv")
    assert table.set_index("item").loc["q1", "count_4"] == 2


def test_codes_without_labels_are_not_guessed(tmp_path):
    survey = _survey(tmp_path, {"q1": ["1", "2", "3"], "q2": ["2", "3", "4"]})
    run = _report(tmp_path, survey)
    assert run.returncode == 2 and "'1' (1)" in run.stderr and "scale-draft.csv" in run.stderr
