"""Charts that fit real wording: measured on the rendered text boxes (matplotlib's renderer), not by eye.

Real items run to 100 characters; surveys have 100 items, 10 groups, 6-point scales. With all of them the
bars keep at least half the figure's width and nothing overlaps: item labels, x tick labels, the percents
inside segments (left out when they do not fit), the totals at the bars' ends and the n beside them.
"""

import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.transforms import Bbox

from likertkit import charts
from likertkit.charts import diverging

WORDS = "the caseworker finds the follow up of people on sick leave with diffuse disorders demanding and slow".split()


def _survey(n_items, n_codes, label_chars, seed=1):
    rng = np.random.default_rng(seed)
    scale = pd.DataFrame({"code": range(1, n_codes + 1), "label": [f"Answer {c} of {n_codes}" for c in range(1, n_codes + 1)]})
    labels = [" ".join(itertools.islice(itertools.cycle(WORDS[i % 7:] + WORDS), 40))[:label_chars].strip() for i in range(n_items)]
    items = pd.DataFrame({"item": [f"Q{i + 1}" for i in range(n_items)], "label": labels,
                          "domain": [f"Block {i // 25 + 1}" for i in range(n_items)], "n_respondents": 500})
    counts = pd.DataFrame([dict(item=item, code=code, count=int(k)) for item in items["item"]
                           for code, k in zip(scale["code"], rng.multinomial(500, rng.dirichlet(np.ones(n_codes))), strict=True)])
    return counts, items, scale


def _boxes(texts, renderer):
    return [t.get_window_extent(renderer) for t in texts if t.get_visible() and t.get_text()]


def _overlap(a, b, tolerance=0.5):
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance)


def check_fits(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    axes_box = ax.get_window_extent(renderer)
    assert axes_box.width >= 0.5 * fig.bbox.width, f"bars get {axes_box.width / fig.bbox.width:.0%} of the width"
    ticks = _boxes(charts.row_labels(ax, "item"), renderer)
    assert all(t.x1 <= axes_box.x0 + 1 for t in ticks), "item labels stay left of the bars"
    assert all(t.x0 >= 0 for t in ticks), "item labels stay inside the figure"
    for a, b in itertools.pairwise(ticks):
        assert not _overlap(a, b), "item labels overlap"
    xticks = _boxes(ax.get_xticklabels(), renderer)
    for a, b in itertools.pairwise(xticks):
        assert a.x1 < b.x0, "x tick labels run together"
    inside = [t for t in ax.texts if t.get_ha() == "center"]
    totals = [t for t in ax.texts if t.get_ha() in ("left", "right") and t.get_text().endswith("%")]
    n_labels = _boxes(charts.row_labels(ax, "n"), renderer)
    assert all(n.x0 >= axes_box.x1 - 1 for n in n_labels), "the n labels stay right of the bars"
    assert all(n.x1 <= fig.bbox.x1 + 1 for n in n_labels), "the n labels stay inside the figure"
    for t in totals:
        box = t.get_window_extent(renderer)
        assert axes_box.x0 - 1 <= box.x0 and box.x1 <= axes_box.x1 + 1, f"total {t.get_text()} leaves the plot"
        assert not any(_overlap(box, n) for n in n_labels)
    bars = [Bbox(np.sort(ax.transData.transform(path.get_extents().get_points()), axis=0))  # y runs downwards
            for path in ax.collections[0].get_paths()]
    for t in inside:
        box = t.get_window_extent(renderer)
        assert any(b.x0 - 1 <= box.x0 and box.x1 <= b.x1 + 1 and b.y0 - 1 <= box.y0 and box.y1 <= b.y1 + 1
                   for b in bars), f"segment label {t.get_text()} does not fit its segment"


@pytest.mark.parametrize("n_items,n_codes,label_chars", [(15, 5, 30), (12, 4, 100), (100, 5, 100), (20, 6, 95),
                                                        (8, 7, 50)])
def test_the_diverging_chart_fits_real_wording(n_items, n_codes, label_chars):
    counts, items, scale = _survey(n_items, n_codes, label_chars)
    fig = charts.plot_diverging(counts, items, scale, title="A long title " * 12)
    check_fits(fig)
    diverging.plt.close(fig)


def test_the_grouped_chart_fits_ten_groups_and_long_labels():
    counts, items, scale = _survey(6, 5, 100)
    groups = [f"Department number {g} of the organisation" for g in range(10)]
    group_counts = pd.concat([counts.assign(group=g, count=counts["count"] // (i + 1)) for i, g in enumerate(groups)])
    sizes = pd.DataFrame({"group": groups, "n_respondents": [500 // (i + 1) for i in range(10)]})
    bars_counts, bars = charts.grouped_items(group_counts, sizes, items)
    fig = charts.plot_diverging(bars_counts, bars, scale, order="questionnaire")
    check_fits(fig)
    diverging.plt.close(fig)


def test_a_label_that_already_names_its_item_is_not_prefixed_twice():
    table = pd.DataFrame({"item": ["Q1_1", "q2"], "label": ["Q1_1 I find my work meaningful", "Support"]})
    assert diverging._item_labels(table) == ["Q1_1 I find my work meaningful", "q2. Support"]


# --- the other views, with real wording: 100-character items, 2- to 11-point scales with long answers --------------

def _texts(fig):
    """Every visible text of the figure with its box: tick labels, titles, axis labels, legends, annotations."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        texts = [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.title, ax._left_title, ax.xaxis.label,
                 ax.yaxis.label, *ax.texts]
        legend = ax.get_legend()
        if legend:
            texts += list(legend.get_texts())
        cells = set(map(id, ax.texts))
        found += [(t, t.get_window_extent(renderer), (id(ax) if id(t) in cells else None)) for t in texts
                  if t.get_visible() and t.get_text().strip()]
    return found, renderer


def check_view_fits(fig, min_plot_share=0.4):
    """No two texts overlap (but a heat map's cell labels, which sit on their cells), none leaves the figure, and
    the plot keeps a fair share of the width."""
    texts, renderer = _texts(fig)
    width = fig.bbox.width
    plots = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    for ax in plots:
        share = ax.get_window_extent(renderer).width / width
        assert share >= min_plot_share, f"the plot gets {share:.0%} of the width"
    for text, box, _ in texts:
        assert box.x0 >= -1 and box.x1 <= width + 1 and box.y0 >= -1 and box.y1 <= fig.bbox.height + 1, \
            f"{text.get_text()[:30]!r} leaves the figure"
    for (a, box_a, cells_a), (b, box_b, cells_b) in itertools.combinations(texts, 2):
        if cells_a is not None and cells_a == cells_b:
            continue  # the cell labels of one heat map, each on its own cell
        assert not _overlap(box_a, box_b, tolerance=1.0), f"{a.get_text()[:30]!r} overlaps {b.get_text()[:30]!r}"


def _view_tables(n_codes, label_chars=100, n_items=8):
    from likertkit.stats import describe_items, item_statistics

    counts, items, scale = _survey(n_items, n_codes, label_chars)
    scale = scale.assign(label=[f"{'Strongly ' if c in (1, n_codes) else ''}answer number {c} of {n_codes} points"
                                for c in scale["code"]])
    return describe_items(counts, items, scale), item_statistics(counts, items, scale), scale


@pytest.mark.parametrize("n_codes", [2, 5, 7, 11])
@pytest.mark.parametrize("view", ["plot_stacked_percent", "plot_mean_ci", "plot_heatmap"])
def test_every_other_view_fits_long_wording_and_long_scales(view, n_codes):
    table1, item_stats, scale = _view_tables(n_codes)
    table = item_stats if view == "plot_mean_ci" else table1
    fig = getattr(charts, view)(table, scale)
    check_view_fits(fig)
    diverging.plt.close(fig)


@pytest.mark.parametrize("view", ["plot_stacked_percent", "plot_mean_ci", "plot_heatmap"])
def test_blocks_of_several_scales_do_not_run_into_each_other(view):
    blocks = []
    for name, n_codes in (("agreement", 5), ("frequency", 7)):
        table1, item_stats, scale = _view_tables(n_codes, n_items=5)
        blocks.append((name, item_stats if view == "plot_mean_ci" else table1, scale))
    fig = charts.plot_blocks(getattr(charts, view), blocks)
    check_view_fits(fig)
    diverging.plt.close(fig)


def test_the_grouped_charts_headings_keep_every_word():
    counts, items, scale = _survey(3, 5, 100)
    sizes = pd.DataFrame({"group": ["North", "South"], "n_respondents": [300, 200]})
    group_counts = pd.concat([counts.assign(group=g) for g in sizes["group"]])
    bars_counts, bars = charts.grouped_items(group_counts, sizes, items)
    fig = charts.plot_diverging(bars_counts, bars, scale, order="questionnaire")
    headings = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert headings == [f"{i}. {label}" for i, label in zip(items["item"], items["label"], strict=True)]
    diverging.plt.close(fig)
