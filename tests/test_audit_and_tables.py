import pandas as pd
import pytest

from loechting2020 import audit, tables


def test_compare_uses_the_printed_precision():
    assert audit.compare("0.9", 0.928) == ("reproduced", "")
    status, note = audit.compare("0.7", 0.7686)
    assert status == "differs" and "rounds to 0.8, not 0.7" in note and "+0.069" in note


def test_row_computes_status_unless_given():
    assert audit.row("text", "here", 2, "sd", "0.8", 0.8827)["status"] == "differs"
    assert audit.row("sample", "here", None, "mean", "46", float("nan"), status="not_reproducible")["item"] == ""
    assert audit.row("sample", "here", None, "count", "four", 4, numeral="4")["status"] == "reproduced"
    with pytest.raises(ValueError):
        audit.row("x", "y", 1, "mean", "1", 1.0, status="maybe")


def test_summary_counts_statuses():
    frame = audit.to_frame([audit.row("table1", "", 1, "mean", "1.0", 1.0),
                            audit.row("table1", "", 1, "sd", "1.0", 2.0)])
    summary = audit.summarise(frame)
    assert summary.loc["all", "checked"] == 2 and summary.loc["table1", "differs"] == 1


def test_printed_layout_and_renders():
    t1 = pd.DataFrame({"item": [1], "label": ["A & B"], "mean": [2.148], "sd": [0.928], "count_0": [2], "pct_0": [3.279],
                       "count_1": [59], "pct_1": [96.72]})
    scale = pd.DataFrame({"code": [0, 1], "label": ["No", "Yes"]})
    layout = tables.printed_layout(t1, scale)
    assert layout.iloc[0].tolist() == ["1 A & B", "2.15 (0.9)", "2 (3.3)", "59 (96.7)"]
    assert "1 A \\& B" in tables.to_latex(layout, "Cap 50%", "Note_1") and "Cap 50\\%" in tables.to_latex(layout, "Cap 50%", "n")
    html = tables.to_html(layout, "Cap", "Note")
    assert "A &amp; B" in html and html == tables.to_html(layout, "Cap", "Note")  # no random ids
    assert "| 1 A \\& B" in tables.to_markdown(layout, "Cap", "Note"), "escaped: a | or < in a label cannot break the table"


def claim_inputs():
    table1 = pd.DataFrame({"item": [1, 2], "n_missing": [0, 2], "valid_pct_0": [10.0, 60.0], "valid_pct_1": [50.0, 20.0],
                           "valid_pct_2": [40.0, 20.0]})
    item_stats = pd.DataFrame({"item": [1, 2], "pct_floor": [10.0, 60.0], "pct_ceiling": [40.0, 20.0],
                               "skewness": [-0.5, 0.8]})
    facts = {"table1_n": 10, "table1_missing_min": 2, "table1_missing_max": 2, "table1_items_with_missing": 1}
    return table1, item_stats, facts


def claim(test, items="1;2", codes="", comparison="", threshold=""):
    return {"claim": "c", "location": "here", "quote": "q", "test": test, "items": items, "codes": codes,
            "comparison": comparison, "threshold_pct": threshold}


def test_share_of_valid_claims():
    inputs = claim_inputs()
    most = audit.evaluate_claim(claim("share_of_valid", "1", "1;2", ">", "50"), *inputs)
    assert most["verdict"] == "supported" and most["evidence"] == "item 1: 90.0% chose 1/2 (40.0 points over 50%)"
    few = audit.evaluate_claim(claim("share_of_valid", "1;2", "0", "<", "25"), *inputs)
    assert few["verdict"] == "not supported" and "item 2: 60.0%" in few["evidence"]


def test_floor_ceiling_claim():
    verdict = audit.evaluate_claim(claim("floor_ceiling", threshold="15"), *claim_inputs())
    assert verdict["verdict"] == "partly supported"
    assert verdict["evidence"].startswith("2 of 2 items exceed 15% at an end: item 1 (ceiling 40.0%), item 2 (floor 60.0%)")


def test_missing_footnote_claim():
    verdict = audit.evaluate_claim(claim("missing_footnote"), *claim_inputs())
    assert verdict["verdict"] == "supported" and verdict["rule"] == "the counts' shortfall from n = 10, item by item"
    with pytest.raises(ValueError, match="unknown test 'vibes'"):
        audit.evaluate_claim(claim("vibes"), *claim_inputs())


SCALE2 = pd.DataFrame({"code": [0, 1], "label": ["No", "Yes"]})
TABLE1_SMALL = pd.DataFrame({"item": ["1", "2"], "count_0": [2, 1], "count_1": [8, 8], "pct_0": [20.0, 10.0],
                             "pct_1": [80.0, 80.0], "mean": [0.8, 8 / 9], "sd": [0.4216, 0.3333],
                             "n_valid": [10, 9], "n_missing": [0, 1]})


def test_table1_rows_check_every_printed_cell_mean_and_sd():
    printed = pd.DataFrame({"item": ["1", "2"], "location": ["T1 r1", "T1 r2"], "mean_sd": ["0.80 (0.4)", "0.89 (0.5)"],
                            "cell_0": ["2 (20.0)", "1 (10.0)"], "cell_1": ["8 (80.0)", "8 (80.0)"]})
    rows = audit.to_frame(audit.table1_rows(printed, TABLE1_SMALL, SCALE2, 10))
    assert len(rows) == 2 * (2 * 2 + 2)
    assert rows.query("item == '2' and statistic == 'sd'")["status"].tolist() == ["differs"]
    assert (rows["status"] == "reproduced").sum() == len(rows) - 1


def test_text_rows_take_ranges_over_listed_items():
    text = pd.DataFrame({"items": ["1;2", "2"], "statistic": ["mean_min", "sd"], "published": ["0.80", "0.3"],
                         "location": ["R1", "R2"]})
    rows = audit.to_frame(audit.text_rows(text, TABLE1_SMALL))
    assert rows["recomputed"].tolist() == [0.8, 0.3333] and rows["item"].tolist() == ["", "2"]
    assert rows["note"].iloc[0] == "over items 1, 2"


def test_sd_recipes_report_which_recipe_fits():
    frame = audit.to_frame(audit.table1_rows(
        pd.DataFrame({"item": ["1"], "location": ["x"], "mean_sd": ["0.80 (0.4)"], "cell_0": ["2 (20.0)"],
                      "cell_1": ["8 (80.0)"]}), TABLE1_SMALL, SCALE2, 10))
    recipes = audit.sd_recipes(frame, TABLE1_SMALL)
    assert recipes["n_sds"] == 1 and recipes["recipes"]["sample SD, rounded (SPSS)"] == 1
    assert "population SD, rounded" in recipes["explains_all"]


def test_table1_caption_counts_items_and_missing():
    items = pd.DataFrame({"n_respondents": [10, 10]})
    caption, footnote = tables.table1_caption(TABLE1_SMALL, items, SCALE2)
    assert caption.endswith("of the 2 survey items")
    assert "n = 10; missing answers: item 2: 1." in footnote and "Scale: 0 no, 1 yes." in footnote
