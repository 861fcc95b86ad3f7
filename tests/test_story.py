"""Sentences written from the data: each says what its numbers say, and the opposite when they change."""

import pandas as pd
import pytest

from likertkit.counting.log import CleaningLog
from likertkit.report import markup, sections, sentences
from loechting2020 import audit, story

from conftest import ROOT

SCALE4 = pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]})
SCALE3 = pd.DataFrame({"code": [0, 1, 2], "label": ["No", "Some", "Yes"]})


def test_items_are_listed_in_plain_english():
    assert sentences._items([]) == "no item"
    assert sentences._items(["4"]) == "item 4"
    assert sentences._items(["4", "10", "13"]) == "items 4, 10 and 13"


@pytest.mark.parametrize("matches, expected", [
    (dict(cells=10, all=10, valid=6, denominator="all respondents"), "The article's denominator is all respondents, "
                                                                      "so on the 2 items with missing answers"),
    (dict(cells=10, all=6, valid=10, denominator="valid answers"), "denominator is the valid answers"),
    (dict(cells=10, all=8, valid=8, denominator="unclear"), "Neither denominator reproduces every printed percent."),
])
def test_the_denominator_sentence_follows_the_matches(matches, expected):
    assert expected in story.denominator(matches, 61, 2)


def test_denominator_matches_counts_each_printed_cell():
    printed = pd.DataFrame({"item": ["1"], "cell_0": ["1 (10.0)"], "cell_1": ["4 (40.0)"], "cell_2": ["4 (40.0)"]})
    table1 = pd.DataFrame({"item": ["1"], "pct_0": [10.0], "pct_1": [40.0], "pct_2": [40.0],
                           "valid_pct_0": [100 / 9], "valid_pct_1": [400 / 9], "valid_pct_2": [400 / 9]})
    assert audit.denominator_matches(printed, table1, SCALE3) == dict(cells=3, denominator="all respondents", all=3,
                                                                      valid=0)


def test_ordinal_summary_names_both_ends():
    stats = pd.DataFrame({"item": ["a", "b"], "label": ["First", "Second"], "median": [3, 1],
                          "pct_agree": [80.0, 10.0]})
    assert sentences.ordinal_summary(stats, SCALE4) == (
        "Medians: *agree* on 1 item, *strongly disagree* on 1 item. The percent agreeing runs from 80.0% "
        "(item a, First) down to 10.0% (item b, Second).")


def test_the_upper_half_is_called_agreeing_only_on_a_scale_of_agreement():
    """On a scale of frequency (or degree, or yes/no) the percent in its upper half is named by its answers."""
    stats = pd.DataFrame({"item": ["a", "b"], "label": ["First", "Second"], "median": [3, 1],
                          "pct_agree": [80.0, 10.0]})
    often = pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Never", "Rarely", "Often", "Always"]})
    assert "The percent answering *often* or *always* runs from 80.0%" in sentences.ordinal_summary(stats, often)
    degree = pd.DataFrame({"code": range(5), "label": ["Not at all", "To a small degree", "To some degree",
                                                       "To a large degree", "To a very large degree"]})
    assert sentences.upper_half_words(degree) == "answering *to a large degree* or *to a very large degree*"
    assert sentences.upper_half_words(SCALE4) == "agreeing"
    by_group = pd.DataFrame({"group": ["X", "Y"], "item": ["a", "a"], "n_valid": [40, 40], "n_missing": [0, 0],
                             **{f"valid_pct_{c}": v for c, v in zip(range(1, 5), ([10, 10], [10, 40], [40, 40], [40, 10]), strict=True)}})
    text = sentences.group_comparison(by_group, pd.DataFrame({"item": ["a"], "label": ["First"]}), often)
    assert "The groups differ most on item a, First: 80.0% answer *often* or *always* in X against 50.0% in Y" in text


def summary_checks_table(grim_at_n=(True, False, False), among=(True, True, False)):
    return pd.DataFrame({"item": [1, 2, 3], "grim": [True] * 3, "grimmer": [True] * 3, "grim_at_n61": list(grim_at_n),
                         "closure_datasets": [5, 9, 7], "table1_counts_among_them": list(among)})


def test_summary_checks_count_flagged_items_among_those_with_missing_answers():
    text = story.summary_checks(summary_checks_table(), 61, ["2", "5"])
    assert "GRIM would wrongly flag items 2 and 3, 1 of them among the 2 items with missing answers" in text
    assert "for item 3 the printed distribution is **not** among the CLOSURE solutions" in text
    text = story.summary_checks(summary_checks_table(among=(True, True, True)), 61, ["2", "3"])
    assert "all of them among the 2 items" in text and "CLOSURE solutions" not in text.split("distributions for each")[1]


def test_audit_differences_says_which_kinds_reproduce_and_the_largest_gap():
    differs = pd.DataFrame({"statistic": ["sd", "sd"], "item": ["6", "10"], "published": ["0.7", "0.8"],
                            "recomputed": [0.77, 0.86]})
    recipes = dict(n_sds=15, recipes={"sample SD, rounded (SPSS)": 13}, explains_all=[])
    text = story.audit_differences(differs, audit.differences_in_units(differs), recipes, ["count", "mean", "pct"])
    assert text.startswith("**2** numbers differ, all of them SDs of single items; every count, percent and mean that "
                           "can be checked")
    assert "2 of them are printed lower than the counts give and 0 higher" in text
    assert text.endswith("The largest gap is 0.07 (sd of item 6).")
    assert story.audit_differences(differs.iloc[:0], [], recipes, []) == (
        "Every published number that can be recomputed is reproduced.")


def test_reproduced_kinds_leave_out_a_kind_with_one_difference():
    table = pd.DataFrame({"statistic": ["count", "count", "sd", "sd", "mean"],
                          "status": ["reproduced", "reproduced", "reproduced", "differs", "not_reproducible"]})
    assert audit.reproduced_kinds(table) == ["count"]


def layout_rows(n_missing=(0, 2)):
    return pd.DataFrame({"item": ["q1", "q2"], "label": ["One", "Two"], "group": ["", ""], "n_valid": [10, 8],
                         "n_missing": list(n_missing), "pct_agree": [70.0, 20.0], "pct_disagree": [10.0, 60.0]})


def test_alt_text_speaks_of_agreement_only_on_a_scale_of_agreement():
    often = pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Never", "Rarely", "Often", "Always"]})
    text = sentences.alt_text(layout_rows(), often, "respondents")
    assert "agree" not in text
    assert "the lower half of the scale left of zero and the upper half right" in text
    assert "sorted by the percent in the upper half" in text
    assert ("The percent answering 'often' or 'always' is highest for item q1, One (70.0%), and the percent answering "
            "'never' or 'rarely' for item q2, Two (60.0%). 1 of 2 items have a majority answering 'often' or 'always'; "
            "1 have a majority answering 'never' or 'rarely'.") in text
    assert "Agreement is highest for item q1, One (70.0% agreeing)" in sentences.alt_text(layout_rows(), SCALE4, "people")


def test_alt_text_fits_even_scales_ungrouped_items_and_order():
    text = sentences.alt_text(layout_rows(), SCALE4, "respondents", order="questionnaire")
    assert "no middle answer: the lower 2 answers lie left of zero, the upper 2 right" in text
    assert "middle answer split" not in text and "grouped" not in text
    assert "Items are in questionnaire order." in text
    assert text.endswith("1 item has missing answers (2 per item).")
    assert sentences.alt_text(layout_rows((0, 0)), SCALE3, "people").endswith("No item has missing answers.")
    assert "with the middle answer split across zero in grey" in sentences.alt_text(layout_rows(), SCALE3, "people")


def test_cleaning_sentence_counts_the_log():
    log = CleaningLog()
    log.record("s", "anomaly", "odd")
    log.record("s", "anomaly", "odd again")
    log.record("check footnote a", "check", "Footnote a (1 item missing 1-1) holds: counts give it")
    counts = pd.DataFrame({"item": ["1", "1"], "code": [0, 1], "count": [3, 1]})
    items = pd.DataFrame({"item": ["1"], "n_missing": [1]})
    text = story.cleaning(counts, items, log, 5)
    assert text.startswith("1 items × 2 answers = **2 counts** parsed, 4 answers of 5 possible (5 respondents)")
    assert "0 transformations, 2 anomalies kept as printed and 1 check passed" in text
    assert text.endswith("Table 1's footnote a (1 item missing 1-1) holds: counts give it.")


def test_report_overview_is_about_the_survey_at_hand():
    items = pd.DataFrame({"item": ["q1", "q2"], "domain": ["", ""], "n_respondents": [10, 10], "n_missing": [0, 0]})
    stats = pd.DataFrame({"item": ["q1", "q2"], "label": ["One", "Two"], "pct_agree": [70.0, 20.0]})
    text = sections.overview(items, SCALE3, stats, pd.DataFrame())
    assert text.startswith("**10 respondents** answered **2 items** on a 3-point scale (0 = No, 1 = Some, 2 = Yes). "
                           "Every respondent answered every item.")
    assert text.endswith("The percent answering *yes* runs from 70.0% (item q1, One) down to 20.0% (item q2, Two), "
                         "of each item's valid answers."), "No/Some/Yes is not a scale of agreement"
    text = sections.overview(items, SCALE4, stats, pd.DataFrame())
    assert "The percent agreeing runs from 70.0% (item q1, One) down to 20.0% (item q2, Two)" in text
    table = sections.item_table(stats.assign(n_valid=10, median=3, q1=2, q3=3, pct_agree_ci_low=1.0,
                                           pct_agree_ci_high=2.0), items.assign(item=["q1", "q2"]), SCALE4)
    assert "% agreeing" in table and "% upper half" not in table


def test_alt_text_names_groups_with_their_items():
    rows = layout_rows().assign(group=["Workload", "Overall"])
    assert "Items are grouped as Workload (item q1); Overall (item q2), and sorted by agreement within each group." \
        in sentences.alt_text(rows, SCALE4, "respondents")


def test_an_item_whose_label_is_its_name_is_named_once():
    stats = pd.DataFrame({"item": ["selfLR", "b"], "label": ["selfLR", "Second"], "median": [3, 1],
                          "pct_agree": [80.0, 10.0]})
    text = sentences.ordinal_summary(stats, SCALE4)
    assert "(item selfLR)" in text and "(item b, Second)" in text
    export = stats.assign(item=["Q1_1", "b"], label=["Q1_1 I find my work meaningful", "Second"])
    assert "(item Q1_1 I find my work meaningful)" in markup.to_html(sentences.ordinal_summary(export, SCALE4)), "as the chart names it"


def test_the_dissonant_items_are_said_with_and_without_the_middle_answer():
    """'To some degree or higher' counts the scale's middle answer; the upper half alone is given beside it, each
    item's percent computed here from table1.csv's counts (issue 30)."""
    from likertkit.io.files import read_tidy

    table1 = read_tidy(ROOT / "data" / "processed" / "table1.csv").set_index("item")
    upper = {str(i): 100 * (table1.loc[i, "count_3"] + table1.loc[i, "count_4"]) / table1.loc[i, "n_valid"]
             for i in table1.index}
    sentence = story.survey_beside_dissonance(read_tidy(ROOT / "data" / "processed" / "joint_display.csv"),
                                           read_tidy(ROOT / "data" / "processed" / "item_statistics.csv"),
                                           read_tidy(ROOT / "data" / "processed" / "scale.csv"))
    assert "the middle answer included" in sentence
    assert f"{upper['5']:.1f}% (item 5) to {upper['9']:.1f}% (item 9)" in sentence, sentence


def test_an_eleven_point_scale_takes_an():
    """'a 11-point scale' (issue 32): the article follows the number as it is spoken."""
    from likertkit import stats

    from conftest import tidy_survey

    counts, items, scale = tidy_survey({"q1": [1] * 11}, [str(code) for code in range(11)], codes=range(11))
    text = sections.overview(items, scale, stats.item_statistics(counts, items, scale), pd.DataFrame(
        columns=["step", "file", "row", "column", "kind", "original", "result", "note"]))
    assert "on an 11-point scale" in text, text
