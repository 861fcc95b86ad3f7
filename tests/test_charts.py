"""Diverging bar geometry, and an image regression against a committed baseline."""

import os

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402
from matplotlib.testing.exceptions import ImageComparisonFailure  # noqa: E402

from likertkit import charts, stats
from loechting2020 import figures
from loechting2020.paths import PROJECT

from conftest import ROOT, tidy_survey  # noqa: E402

BASELINE = ROOT / "tests" / "baseline" / "diverging_small.png"


def survey(rows, labels, n_respondents=None):
    """rows: {item: counts per code} on a scale with the given labels -> (counts, items, scale); items 1-2 in A."""
    return tidy_survey(rows, labels, n_respondents, domain=lambda item: "A" if item < 3 else "B")


FIVE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
# item 2 has an empty category; item 3 has a different n
COUNTS, ITEMS, SCALE = survey({1: [1, 2, 4, 2, 1], 2: [0, 0, 2, 6, 2], 3: [5, 5, 5, 3, 2]}, FIVE)


def test_neutral_segment_straddles_zero_evenly():
    segments, _ = charts.diverging_layout(COUNTS, ITEMS, SCALE)
    neutral = segments[segments["code"] == 3]
    assert np.allclose(neutral["left"], -neutral["width"] / 2)


def test_segment_widths_are_valid_percentages_and_tile_the_bar():
    segments, _ = charts.diverging_layout(COUNTS, ITEMS, SCALE)
    item3 = segments[segments["item"] == 3]
    assert np.allclose(item3["width"], [25, 25, 25, 15, 10])
    for _, bar in segments.groupby("item"):
        assert np.allclose(bar["left"].iloc[1:].to_numpy(), (bar["left"] + bar["width"]).iloc[:-1].to_numpy())
        assert bar["width"].sum() == pytest.approx(100)


def test_empty_category_has_zero_width():
    segments, _ = charts.diverging_layout(COUNTS, ITEMS, SCALE)
    assert segments.query("item == 2 and code in (1, 2)")["width"].tolist() == [0, 0]


def test_even_scale_splits_at_zero_with_no_neutral():
    counts, items, scale = survey({1: [1, 3, 4, 2], 3: [2, 2, 2, 2]}, ["No!", "No", "Yes", "Yes!"])
    segments, rows = charts.diverging_layout(counts, items, scale)
    item1 = segments[segments["item"] == 1]
    assert item1.loc[item1["code"] == 3, "left"].item() == pytest.approx(0)
    assert item1.loc[item1["code"] == 1, "left"].item() == pytest.approx(-40)
    assert rows.set_index("item").loc[1, "pct_agree"] == pytest.approx(60)


def test_bars_sorted_by_agreement_within_groups_or_kept_in_questionnaire_order():
    counts, items, scale = survey({1: [5, 0, 0, 0, 5], 2: [0, 0, 0, 0, 10], 3: [0, 0, 0, 5, 5], 4: [10, 0, 0, 0, 0]}, FIVE)
    _, by_agreement = charts.diverging_layout(counts, items, scale, order="agree")
    assert by_agreement["item"].tolist() == [2, 1, 3, 4]  # group A: 100 %, 50 %; group B: 100 %, 0 %
    assert by_agreement["y"].tolist() == [1, 2, 4, 5]     # a heading line above each group
    _, as_asked = charts.diverging_layout(counts, items, scale, order="questionnaire")
    assert as_asked["item"].tolist() == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="order must be"):
        charts.diverging_layout(counts, items, scale, order="random")


def test_missing_answers_are_counted_per_item():
    counts, items, scale = survey({1: [1, 1, 1, 1, 1], 2: [2, 2, 2, 2, 1]}, FIVE, n_respondents=10)
    _, rows = charts.diverging_layout(counts, items, scale)
    assert rows.set_index("item")["n_missing"].to_dict() == {1: 5, 2: 1}


def test_an_item_with_no_answers_is_an_error():
    counts, items, scale = survey({1: [0, 0, 0, 0, 0], 2: [1, 1, 1, 1, 1]}, FIVE)
    with pytest.raises(ValueError, match="no valid answers to item"):
        charts.diverging_layout(counts, items, scale)


def test_palette_is_diverging_with_a_grey_middle():
    assert charts.palette(SCALE)[2] == charts.NEUTRAL_GREY
    assert len(charts.palette(SCALE.iloc[:4])) == 4 and charts.NEUTRAL_GREY not in charts.palette(SCALE.iloc[:4])


def test_figure_files_are_byte_identical_between_renders():
    charts.apply_style()
    fig = charts.plot_diverging(COUNTS, ITEMS, SCALE, title="Test")
    for fmt in ("svg", "pdf"):
        assert charts.figure_bytes(fig, fmt) == charts.figure_bytes(fig, fmt)
    svg = charts.figure_bytes(fig, "svg").decode()
    assert "<text" in svg and "Strongly disagree" in svg  # text kept as text
    assert b"CreationDate" not in charts.figure_bytes(fig, "pdf")


def render(tmp_path, counts, name):
    charts.apply_style()
    fig = charts.plot_diverging(counts, ITEMS, SCALE, title="Test survey")
    path = tmp_path / name
    path.write_bytes(charts.figure_bytes(fig, "png", dpi=80))
    return path


def test_image_matches_baseline(tmp_path):
    actual = render(tmp_path, COUNTS, "diverging_small.png")
    if os.environ.get("LIKERTKIT_UPDATE_BASELINE"):  # after a deliberate change of design
        BASELINE.write_bytes(actual.read_bytes())
    assert BASELINE.exists(), "no baseline: run with LIKERTKIT_UPDATE_BASELINE=1 once and commit it"
    assert compare_images(str(BASELINE), str(actual), tol=5) is None


def test_image_regression_catches_a_changed_chart(tmp_path):
    changed = COUNTS.assign(count=COUNTS["count"].where(COUNTS["item"] != 1, COUNTS["count"][::-1].to_numpy()))
    try:
        difference = compare_images(str(BASELINE), str(render(tmp_path, changed, "changed.png")), tol=5)
    except ImageComparisonFailure as failure:  # raised instead when even the image size changed
        difference = str(failure)
    assert difference is not None


def test_the_zero_line_runs_beneath_the_bars_not_through_the_middle_answers_number():
    """Looked at in the drawn pixels: at x = 0 the line shows between the bars, and inside each bar (where the
    neutral answer's number sits) the bar's grey shows, not the line."""
    fig = charts.plot_diverging(COUNTS, ITEMS, SCALE)
    fig.canvas.draw()
    ax, image = fig.axes[0], np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int)

    def darkest_at(y):  # the darkest pixel across the zero line's width, at data height y
        x_px, y_px = ax.transData.transform((0, y))
        row = image.shape[0] - int(round(y_px))
        return image[row, int(round(x_px)) - 2: int(round(x_px)) + 3].sum(axis=1).min()

    ys = [text.get_position()[1] for text in charts.row_labels(ax, "item")]
    assert len(ys) == 3
    for y in ys:
        assert darkest_at(y + 0.5) < 3 * 0x60, "the line shows in the gap below each bar"
        assert darkest_at(y + 0.2) > 3 * 0xB0, "inside the bar, the grey of the neutral answer, not the line"


# --- the other views, and every figure's provenance ------------------------------------------------------------


TABLE1 = stats.describe_items(COUNTS.assign(item=COUNTS["item"].astype(str)),
                              ITEMS.assign(item=ITEMS["item"].astype(str)), SCALE)
ITEM_STATS = stats.item_statistics(COUNTS.assign(item=COUNTS["item"].astype(str)),
                                   ITEMS.assign(item=ITEMS["item"].astype(str)), SCALE)


def test_stacked_percent_bars_run_from_0_to_100():
    fig = charts.plot_stacked_percent(TABLE1, SCALE)
    bars = fig.axes[0].patches
    ends = {}
    for bar in bars:
        ends[round(bar.get_y(), 3)] = max(ends.get(round(bar.get_y(), 3), 0), bar.get_x() + bar.get_width())
    assert len(bars) == len(TABLE1) * len(SCALE) and np.allclose(list(ends.values()), 100)


def test_mean_ci_puts_each_item_at_its_mean():
    fig = charts.plot_mean_ci(ITEM_STATS, SCALE)
    points = fig.axes[0].lines[0].get_xdata()
    assert np.allclose(points, ITEM_STATS["mean"])


def test_heatmap_labels_every_cell_with_its_valid_percent():
    fig = charts.plot_heatmap(TABLE1, SCALE)
    shown = [t.get_text() for t in fig.axes[0].texts]
    expected = [f"{v:.0f}" for row in TABLE1[[f"valid_pct_{c}" for c in SCALE["code"]]].to_numpy() for v in row]
    assert shown == expected


def test_flow_draws_one_box_per_stage_and_exit():
    facts = dict(survey_invited=115, survey_excluded=4, survey_excluded_on_leave=3, survey_excluded_new_role=1,
                 survey_responded=61, survey_offices=6)
    stages, exits = figures.recruitment_stages(facts)
    assert [n for _, n in stages] == [115, 111, 61] and exits[1] == ("Did not respond", 50)
    assert "55% of eligible" in stages[2][0]
    fig = figures.plot_flow(stages, exits)
    assert len([t for t in fig.axes[0].texts if t.get_bbox_patch() is not None]) == 5


def test_participant_matrix_annotates_the_counts():
    matrix = pd.DataFrame({"1": [2, 0], "2": [1, 3]}, index=["A", "B"])
    fig = figures.plot_participant_matrix(matrix)
    assert [t.get_text() for t in fig.axes[0].texts] == ["2", "1", "0", "3"]


@pytest.mark.parametrize("fmt, needle", [("svg", b"<dc:description>Drawn by likertkit.charts.plot_heatmap in "
                                                 b"notebooks/99-x.ipynb</dc:description>"),
                                         ("pdf", b"likertkit.charts.plot_heatmap"),
                                         ("png", b"likertkit.charts.plot_heatmap")])
def test_figure_files_name_the_function_and_the_notebook(fmt, needle):
    files = charts.figure_files(charts.plot_heatmap(TABLE1, SCALE), ROOT / "x" / "fig", notebook="notebooks/99-x.ipynb")
    assert needle in files[ROOT / "x" / f"fig.{fmt}"]
    again = charts.figure_files(charts.plot_heatmap(TABLE1, SCALE), ROOT / "x" / "fig", notebook="notebooks/99-x.ipynb")
    assert again == files, "provenance keeps rebuilds byte-identical"


def test_the_declaring_notebook_is_found_for_project_figures_only(tmp_path):
    assert figures.declaring_notebook(PROJECT.root / "figures" / "fig1_likert_diverging.svg") == \
        "notebooks/03-plot-diverging-bars.ipynb"
    assert figures.declaring_notebook(tmp_path / "figures" / "fig1_likert_diverging.svg") == ""


def test_dollar_signs_in_titles_and_labels_are_shown_as_typed():
    charts.apply_style()
    counts, items, scale = survey({1: [1, 2, 3, 2, 1]}, FIVE)
    items = items.assign(label="Pay from $5 to $10 an hour")
    fig = charts.plot_diverging(counts, items, scale, title="Costs: $x$ and $y$")
    texts = [t for t in fig.findobj(matplotlib.text.Text) if "$" in t.get_text()]
    assert {t.get_text() for t in texts} >= {"Costs: $x$ and $y$"}
    assert texts and not any(t.get_parse_math() for t in texts), "a '$' pair would be typeset as mathematics"


def test_a_weighted_chart_says_its_sum_of_weights_even_when_it_is_whole():
    """Weights summing to a whole number once made the bar say ``n = 10 (-2 missing)``."""
    weighted = COUNTS.assign(count=COUNTS["count"].astype(float))
    fig = charts.plot_diverging(weighted, ITEMS, SCALE, weighted=True)
    shown = [t.get_text() for t in charts.row_labels(fig.axes[0], "n")]
    assert shown and all(text.startswith("Σw = ") and "missing" not in text for text in shown), shown
    plain = [t.get_text() for t in charts.row_labels(charts.plot_diverging(COUNTS, ITEMS, SCALE).axes[0], "n")]
    assert all(text.startswith("n = ") for text in plain)
