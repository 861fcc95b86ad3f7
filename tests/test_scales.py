"""Several response scales in one survey: agreement items beside frequency items, in one run and one report."""

import subprocess
import sys

import pandas as pd
import pytest

from likertkit import stats
from likertkit.errors import InputError
from likertkit.report import sections
from likertkit.survey import combined, load_survey, split_by_scale

from conftest import ROOT

RESPONSES = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(8)],
                          "a1": [1, 2, 3, 4, 4, 3, 2, 4], "a2": [4, 4, 3, 3, 2, 1, 9, 4],
                          "f1": [1, 1, 2, 3, 5, 5, 4, 2], "f2": [5, 4, 4, 3, 2, 1, 1, 1]})
SCALES = ("scale,code,label\nagreement,1,Strongly disagree\nagreement,2,Disagree\nagreement,3,Agree\n"
          "agreement,4,Strongly agree\nfrequency,1,Never\nfrequency,2,Rarely\nfrequency,3,Sometimes\n"
          "frequency,4,Often\nfrequency,5,Always\n")
ITEMS = ("item,label,group,scale\na1,My work is meaningful,Work,agreement\na2,I get support,Work,agreement\n"
         "f1,I work late,Time,frequency\nf2,I take breaks,Time,frequency\n")


@pytest.fixture
def files(tmp_path):
    RESPONSES.to_csv(tmp_path / "r.csv", index=False)
    (tmp_path / "scale.csv").write_text(SCALES)
    (tmp_path / "items.csv").write_text(ITEMS)
    return tmp_path


def test_each_item_is_read_on_its_own_scale_and_counted_independently(files):
    result = load_survey(files / "r.csv", files / "items.csv", files / "scale.csv", missing="9")
    got = {(r.item, r.code): r.count for r in result.counts.itertuples()}
    for item in ("a1", "a2", "f1", "f2"):
        codes = range(1, 5) if item.startswith("a") else range(1, 6)
        tally = RESPONSES[item][RESPONSES[item] != 9].value_counts()
        assert {c: got[(item, c)] for c in codes} == {c: int(tally.get(c, 0)) for c in codes}
    assert set(result.scale["scale"]) == {"agreement", "frequency"}
    assert list(result.items["scale"]) == ["agreement", "agreement", "frequency", "frequency"]


def test_table1_gets_a_scale_column_and_empty_cells_for_codes_a_scale_lacks(files):
    result = load_survey(files / "r.csv", files / "items.csv", files / "scale.csv", missing="9")
    items = result.items.rename(columns={"group": "domain"})
    parts = split_by_scale(result.counts, items, result.scale)
    table1 = combined(parts, stats.describe_items)
    assert list(table1.columns[:2]) == ["scale", "item"]
    assert table1.set_index("item").loc["a1", "count_5"] != table1.set_index("item").loc["a1", "count_5"]  # NaN
    assert table1.set_index("item").loc["f1", "count_5"] == 2
    item_stats = combined(parts, stats.item_statistics)
    always = item_stats.set_index("item").loc["f1"]
    # sometimes, often, always: above the centre of a unipolar scale (never … always has no neutral middle)
    assert always["pct_agree"] == pytest.approx(100 * RESPONSES["f1"].isin([3, 4, 5]).mean())
    assert result.scale.set_index(["scale", "label"]).loc[("frequency", "Sometimes"), "side"] == "upper"
    assert result.scale.set_index(["scale", "label"]).loc[("agreement", "Agree"), "side"] == "upper"
    assert "on 2 scales: *agreement*, a 4-point scale" in sections.overview(items, result.scale, item_stats,
                                                                            result.log.to_frame())


def test_an_item_must_name_a_scale_that_exists(files):
    (files / "items.csv").write_text(ITEMS.replace("f2,I take breaks,Time,frequency", "f2,I take breaks,Time,freq"))
    with pytest.raises(InputError, match=r"items.csv, line 5, column 'scale': scale 'freq' is not in SCALE"):
        load_survey(files / "r.csv", files / "items.csv", files / "scale.csv", missing="9")
    (files / "items.csv").write_text(ITEMS.replace(",scale\n", "\n").replace(",agreement\n", "\n")
                                     .replace(",frequency\n", "\n"))
    # codes fit both scales: each item's scale must be named
    with pytest.raises(InputError, match=r"^SCALE: holds 2 scales \(agreement, frequency\) and the answers of item 'a1' "
                                         r"\('1', '2', '3', '4'\) are in each of agreement, frequency"):
        load_survey(files / "r.csv", files / "items.csv", files / "scale.csv", missing="9")


def test_an_spss_file_with_two_label_sets_gives_two_scales(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = RESPONSES.drop(columns="respondent_id").astype(float).assign(respondent_id=RESPONSES["respondent_id"])
    agree = {1: "Strongly disagree", 2: "Disagree", 3: "Agree", 4: "Strongly agree"}
    often = {1: "Never", 2: "Rarely", 3: "Sometimes", 4: "Often", 5: "Always"}
    path = tmp_path / "two.sav"
    pyreadstat.write_sav(frame, path, variable_value_labels={"a1": agree, "a2": agree, "f1": often, "f2": often},
                         missing_ranges={"a2": [9]})
    result = load_survey(path)
    assert set(result.scale["scale"]) == {"Strongly disagree – Strongly agree", "Never – Always"}
    assert result.counts["count"].sum() == 4 * 8 - 1


def test_the_report_runs_with_two_scales(files):
    out = files / "out"
    RESPONSES.assign(w=[1.0, 2.0, 1.0, 0.5, 1.0, 1.5, 1.0, 2.0], team=["A", "B"] * 4).to_csv(files / "r.csv", index=False)
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(files / "r.csv"), "--items",
                          str(files / "items.csv"), "--scale", str(files / "scale.csv"), "--missing", "9",
                          "--weight", "w", "--group", "team", "--min-group", "1", "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    table1 = pd.read_csv(out / "data" / "processed" / "table1.csv")
    assert "scale" in table1.columns and len(table1) == 4
    kinds = [c.rsplit("_", 1)[0] for c in table1.columns if c.rsplit("_", 1)[-1].isdigit()]
    assert kinds == sorted(kinds, key=kinds.index) and list(table1.columns)[-2:] == ["mean", "sd"], \
        "each kind of per-code column together, codes in order, the mean and SD last"
    for row in table1.itertuples():  # SPSS's cumulative valid percent, from the counts
        codes = sorted(int(c.split("_")[-1]) for c in table1.columns if c.startswith("count_") and
                       pd.notna(getattr(row, c)))
        running = 0
        for code in codes:
            running += getattr(row, f"count_{code}")
            assert getattr(row, f"cum_valid_pct_{code}") == pytest.approx(100 * running / row.n_valid)
    alt = (out / "figures" / "fig1_likert_diverging.txt").read_text()  # with WEIGHT, the unweighted comparison
    assert alt.startswith("The same answers unweighted, each respondent counted once. Block for the scale agreement:")
    assert "Block for the scale frequency:" in alt
    for view in ("teaching_stacked_percent", "teaching_mean_ci", "teaching_heatmap"):  # one block per scale, weighted
        alt = (out / "figures" / f"{view}.txt").read_text()
        assert alt.startswith("Weighted by the column w. Block for the scale agreement:"), view
        assert "Block for the scale frequency:" in alt, view
    assert (out / "figures" / "weighted_diverging.png").exists(), "the weighted chart too, one block per scale"
    weighted = (out / "figures" / "weighted_diverging.txt").read_text()
    assert weighted.startswith("Diverging stacked bar chart of weighted percents")
    grouped = (out / "figures" / "by_group_diverging.txt").read_text()  # an alt text is plain text: no Markdown
    assert grouped.startswith("Weighted by the column w. Block for the scale agreement: Diverging stacked bar chart")
    assert "Block for the scale frequency: Diverging" in grouped and "*" not in grouped
