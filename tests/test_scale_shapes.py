"""Every scale shape drawn and summarised right (issue 32, part 4): a scale with no neutral middle is not split
around an invented one, CENTER= moves the centre as R likert's center= does, TOP_BOX= gives the top-k box, and
the words under a chart say what the chart draws.

Each survey is built here; the expected percents come from pandas' value_counts of the same answers and the
intervals from statsmodels' proportion_confint, never from the code under test.
"""

import subprocess
import sys

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

import likertkit
from likertkit import charts
from likertkit.charts.style import NEUTRAL_GREY
from likertkit.report import sentences

UNIPOLAR = ["No", "Somewhat", "Very"]


def _answers(labels, counts):
    return [label for label, k in zip(labels, counts, strict=True) for _ in range(k)]


def _share(answers, chosen):
    """Percent of ``answers`` that are in ``chosen``, by pandas."""
    counts = pd.Series(answers).value_counts()
    return 100 * sum(int(counts.get(label, 0)) for label in chosen) / len(answers)


def _frame(**columns):
    size = max(len(v) for v in columns.values())
    return pd.DataFrame({k: v + [None] * (size - len(v)) for k, v in columns.items()})


def test_a_unipolar_scale_has_no_invented_middle():
    """No / Somewhat / Very: 41.7% said at least somewhat; the old split counted only Very (8.3%)."""
    q1 = _answers(UNIPOLAR, [7, 4, 1])
    result = likertkit.describe(_frame(q1=q1), items=["q1"])
    assert list(result.scale["label"]) == UNIPOLAR
    row = result.statistics.iloc[0]
    assert row["pct_agree"] == pytest.approx(_share(q1, ["Somewhat", "Very"]))
    assert row["pct_disagree"] == pytest.approx(_share(q1, ["No"]))
    assert any("unipolar" in note and "no neutral middle" in note for note in result.log["note"])


@pytest.mark.parametrize("labels, lower", [
    (["Never", "Rarely", "Sometimes", "Often", "Always"], ["Never", "Rarely"]),
    (["Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important"],
     ["Not at all important", "Slightly important"]),
    (["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
     ["Strongly disagree", "Disagree"]),
    (["Strongly disagree", "Disagree", "Agree", "Strongly agree"], ["Strongly disagree", "Disagree"]),
])
def test_each_side_counts_what_the_scale_means(labels, lower):
    """A unipolar five-point scale's middle answer lies above the centre; a bipolar scale keeps its neutral
    middle out of both sides; an even scale is split in half."""
    answers = _answers(labels, [3, 5, 7, 11, 13, 17, 19][:len(labels)])
    row = likertkit.describe(_frame(q1=answers), items=["q1"], scale=labels).statistics.iloc[0]
    neutral = [label for label in labels if label.startswith("Neither")]
    upper = [label for label in labels if label not in lower + neutral]
    assert row["pct_disagree"] == pytest.approx(_share(answers, lower))
    assert row["pct_agree"] == pytest.approx(_share(answers, upper))


@pytest.mark.parametrize("center, lower, middle", [("2", ["No"], ["Somewhat"]), ("1.5", ["No"], []),
                                                   ("2.5", ["No", "Somewhat"], [])])
def test_center_moves_the_centre_as_r_likert_center_does(center, lower, middle):
    """R likert's center=: the first answer is 1; a whole number is the middle answer, a half lies between two."""
    q1 = _answers(UNIPOLAR, [7, 4, 1])
    result = likertkit.describe(_frame(q1=q1), items=["q1"], center=center)
    upper = [label for label in UNIPOLAR if label not in lower + middle]
    row = result.statistics.iloc[0]
    assert row["pct_disagree"] == pytest.approx(_share(q1, lower))
    assert row["pct_agree"] == pytest.approx(_share(q1, upper))
    segments, _ = charts.diverging_layout(result.counts, result.items, result.scale, group=None)
    shares = pd.Series(q1).value_counts(normalize=True) * 100
    # the chart: what lies below the centre ends at zero, a middle answer straddles it evenly
    left_of_zero = sum(shares.get(label, 0) for label in lower) + sum(shares.get(label, 0) for label in middle) / 2
    assert segments.iloc[0]["left"] == pytest.approx(-left_of_zero)


@pytest.mark.parametrize("center", ["1", "3", "0.5", "2.25", "middle"])
def test_a_center_outside_the_scale_is_one_error_naming_the_option(center, tmp_path):
    with pytest.raises(likertkit.InputError, match=r"^CENTER: .* counting the first answer as 1"):
        likertkit.describe(_frame(q1=UNIPOLAR), items=["q1"], center=center)
    path = tmp_path / "r.csv"
    path.write_text("q1\nNo\nVery\n")
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(path), "--items=q1", f"--center={center}",
                          f"--out={tmp_path / 'out'}"], capture_output=True, text=True)
    assert run.returncode == 2 and run.stderr.startswith(f"error: --center: {center!r} is not a position")
    assert "Traceback" not in run.stderr and not (tmp_path / "out").exists()


def test_top_box_gives_the_percent_in_the_highest_answers_with_wilson_intervals():
    labels = ["Never", "Rarely", "Sometimes", "Often", "Always"]
    q1, q2 = _answers(labels, [2, 3, 5, 7, 9]), _answers(labels, [9, 7, 5, 3, 1])
    result = likertkit.describe(_frame(q1=q1, q2=q2), items=["q1", "q2"], top_box=2)
    for item, answers in (("q1", q1), ("q2", q2)):
        row = result.statistics.set_index("item").loc[item]
        k = sum(a in ("Often", "Always") for a in answers)
        low, high = proportion_confint(k, len(answers), method="wilson")
        assert row["pct_top_box"] == pytest.approx(_share(answers, ["Often", "Always"]))
        assert (row["pct_top_box_ci_low"], row["pct_top_box_ci_high"]) == pytest.approx((100 * low, 100 * high))
    with pytest.raises(likertkit.InputError, match="^TOP_BOX: '5' is not a number of answers"):
        likertkit.describe(_frame(q1=q1), items=["q1"], top_box=5)


def test_the_words_under_a_chart_say_what_it_draws():
    """A neutral middle is grey only where the palette draws it grey (a scale with a positive end); a scale with
    no middle is said to have none; the colours follow the sides."""
    agree = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
    cases = [(agree, "", True, True), (["Never", "Rarely", "Sometimes", "Often", "Always"], "3", True, False),
             (UNIPOLAR, "", False, False)]
    for labels, center, has_middle, grey in cases:
        result = likertkit.describe(_frame(q1=labels * 3), items=["q1"], scale=labels, center=center)
        _, rows = charts.diverging_layout(result.counts, result.items, result.scale, group=None)
        said = sentences.alt_text(rows, result.scale, "respondents")
        colours = charts.palette(result.scale)
        assert ("middle answer split across zero" in said) == has_middle, said
        assert ("in grey" in said) == grey and (NEUTRAL_GREY in colours) == grey, (said, colours)
        assert ("with no middle answer" in said) == (not has_middle)
        assert len(set(colours)) == len(labels)


def test_a_report_with_center_and_top_box_says_both(tmp_path):
    """make survey CENTER=… TOP_BOX=…: the scale table written says each answer's side and box, and the report's
    item table and text give the top box."""
    labels = ["Not at all", "A little", "Moderately", "Quite a bit", "Extremely"]
    q1, q2 = _answers(labels, [1, 2, 3, 4, 10]), _answers(labels, [6, 5, 4, 3, 2])
    path = tmp_path / "r.csv"
    _frame(q1=q1, q2=q2).to_csv(path, index=False)
    out = tmp_path / "out"
    run = subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={path}", f"OUT={out}", "ITEMS=q1,q2",
                          "CENTER=3.5", "TOP_BOX=1"], capture_output=True, text=True,
                         cwd=__import__("pathlib").Path(__file__).parents[1])
    assert run.returncode == 0, run.stderr
    scale = pd.read_csv(out / "data" / "processed" / "scale.csv")
    assert list(scale["side"]) == ["lower"] * 3 + ["upper"] * 2 and list(scale["top_box"]) == [False] * 4 + [True]
    html = (out / "report.html").read_text(encoding="utf-8")
    top = _share(q1, ["Extremely"])
    assert "% top 1" in html and f"The top-1 box (<em>extremely</em>) runs from {top:.1f}%" in html
    assert f"{_share(q1, ['Quite a bit', 'Extremely']):.1f}%" in html
