"""The same answers drawn other ways: 100 % stacked bars, means with confidence intervals, a heat map, one
block per response scale (:func:`plot_blocks`), and the means of multi-item constructs."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import pyplot as plt
from matplotlib.ticker import FuncFormatter

from likertkit.charts.diverging import WRAP_CHARS, _item_labels
from likertkit.charts.style import drawn_by, palette


@drawn_by
def plot_stacked_percent(table1, scale, ax=None):
    """100 % stacked bars of each item's valid percents, in questionnaire order (to compare with the diverging chart).

    Parameters
    ----------
    table1 : DataFrame
        :func:`likertkit.describe_items`'s table.
    scale : DataFrame
        ``code, label``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
    >>> items = pd.DataFrame({"item": ["q1", "q2"], "label": ["Meaningful work", "Enough time"],
    ...                       "domain": ["", ""], "n_respondents": [10, 10]})
    >>> counts = pd.DataFrame({"item": ["q1"] * 3 + ["q2"] * 3, "code": [1, 2, 3] * 2,
    ...                        "count": [1, 2, 7, 5, 3, 1]})
    >>> from likertkit.stats import describe_items
    >>> fig = plot_stacked_percent(describe_items(counts, items, scale), scale)
    >>> len(fig.axes[0].patches)
    6
    """
    colours = palette(scale)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.4 * len(table1) + 1.6))
    left = np.zeros(len(table1))
    for colour, (code, label) in zip(colours, zip(scale["code"], scale["label"])):
        width = table1[f"valid_pct_{code}"].to_numpy()
        ax.barh(range(len(table1)), width, left=left, color=colour, edgecolor="white", linewidth=0.6, label=label)
        left += width
    ax.set_yticks(range(len(table1)), _item_labels(table1))
    ax.set_ylim(len(table1) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}%"))
    ax.set_xlabel("Percent of valid answers")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(scale), frameon=False, fontsize=8.5)
    ax.figure.tight_layout()
    return ax.figure


@drawn_by
def plot_mean_ci(item_stats, scale, ax=None):
    """Each item's mean with its 95 % confidence interval, on the scale's codes.

    Parameters
    ----------
    item_stats : DataFrame
        :func:`likertkit.item_statistics`'s table.
    scale : DataFrame
        ``code, label``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
    >>> items = pd.DataFrame({"item": ["q1", "q2"], "label": ["Meaningful work", "Enough time"],
    ...                       "domain": ["", ""], "n_respondents": [10, 10]})
    >>> counts = pd.DataFrame({"item": ["q1"] * 3 + ["q2"] * 3, "code": [1, 2, 3] * 2,
    ...                        "count": [1, 2, 7, 5, 3, 1]})
    >>> from likertkit.stats import item_statistics
    >>> fig = plot_mean_ci(item_statistics(counts, items, scale), scale)
    >>> bool(fig.axes[0].get_xlim()[0] <= 1 and fig.axes[0].get_xlim()[1] >= 3)
    True
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.4 * len(item_stats) + 1.4))
    y = np.arange(len(item_stats))
    ax.errorbar(item_stats["mean"], y, xerr=[item_stats["mean"] - item_stats["mean_ci_low"],
                                             item_stats["mean_ci_high"] - item_stats["mean"]],
                fmt="o", color="#2166ac", ecolor="#2166ac", capsize=3, markersize=5)
    ax.set_yticks(y, _item_labels(item_stats))
    ax.set_ylim(len(item_stats) - 0.5, -0.5)
    codes = list(scale["code"])
    ax.set_xlim(codes[0] - 0.1, codes[-1] + 0.1)
    ax.set_xticks(codes, [f"{c}\n{label}" for c, label in zip(codes, scale["label"])], fontsize=8)
    ax.set_xlabel("Mean answer with 95 % confidence interval")
    ax.figure.tight_layout()
    return ax.figure


@drawn_by
def plot_heatmap(table1, scale, ax=None):
    """A heat-map table: one cell per item and answer, shaded and labelled with the valid percent.

    Parameters
    ----------
    table1 : DataFrame
        :func:`likertkit.describe_items`'s table.
    scale : DataFrame
        ``code, label``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]})
    >>> items = pd.DataFrame({"item": ["q1", "q2"], "label": ["Meaningful work", "Enough time"],
    ...                       "domain": ["", ""], "n_respondents": [10, 10]})
    >>> counts = pd.DataFrame({"item": ["q1"] * 3 + ["q2"] * 3, "code": [1, 2, 3] * 2,
    ...                        "count": [1, 2, 7, 5, 3, 1]})
    >>> from likertkit.stats import describe_items
    >>> fig = plot_heatmap(describe_items(counts, items, scale), scale)
    >>> sorted(text.get_text() for text in fig.axes[0].texts)
    ['10', '11', '20', '33', '56', '70']
    """
    grid = pd.DataFrame({textwrap.fill(label, 14): table1[f"valid_pct_{code}"].to_numpy()
                         for code, label in zip(scale["code"], scale["label"])},
                        index=_item_labels(table1))
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.4 * len(table1) + 1.8))
    sns.heatmap(grid, annot=True, fmt=".0f", cmap="Greys", vmin=0, vmax=100, cbar_kws={"label": "Percent of valid answers"},
                linewidths=0.5, linecolor="white", ax=ax)
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", rotation=0, labelsize=8.5)
    ax.tick_params(axis="y", rotation=0)  # seaborn turns labels upright when a short axes looks crowded to it
    ax.set_ylabel("")
    ax.figure.tight_layout()
    return ax.figure


@drawn_by
def plot_blocks(draw, blocks: list, width=10):
    """One of the other views (:func:`plot_stacked_percent`, :func:`plot_mean_ci`, :func:`plot_heatmap`) of a
    survey with several response scales: ``draw(table, scale, ax=ax)`` for each scale's ``(name, table, scale)``
    in ``blocks``, one block (axes) under another, each headed by its scale and as tall as its items need. One
    block is drawn as ``draw`` draws it alone."""
    if len(blocks) == 1:
        _, table, scale = blocks[0]
        return draw(table, scale)
    heights = [0.4 * len(table) + 2.2 for _, table, _ in blocks]
    fig, axes = plt.subplots(len(blocks), 1, figsize=(width, sum(heights)), gridspec_kw={"height_ratios": heights})
    for ax, (name, table, scale) in zip(axes, blocks):
        draw(table, scale, ax=ax)
        ax.set_title(f"Scale: {name}", loc="left", fontsize=11, fontweight="bold", pad=34)
    fig.tight_layout()
    return fig


@drawn_by
def plot_construct_means(means: pd.DataFrame, low: float, high: float):
    """Each construct's mean score with its 95 % confidence interval, on the scale's range; one dot per group
    when there are groups (from :func:`likertkit.stats.items.construct_means`)."""
    constructs = list(dict.fromkeys(means["construct"]))
    groups = [g for g in dict.fromkeys(means["group"]) if g != ""] or [""]
    shown = means[means["group"].isin(groups)]
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(constructs) * max(1, len(groups) * 0.6) + 1.6))
    offsets = np.linspace(-0.25, 0.25, len(groups)) if len(groups) > 1 else [0.0]
    colours = sns.color_palette("colorblind", len(groups))
    for offset, group, colour in zip(offsets, groups, colours):
        rows = shown[shown["group"] == group].set_index("construct").loc[constructs]
        y = np.arange(len(constructs)) + offset
        ax.errorbar(rows["mean"], y, xerr=[rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]], fmt="o",
                    color=colour, capsize=3, label=f"{group} (n = {int(rows['n'].max())})" if group else None)
    ax.set_yticks(range(len(constructs)), [textwrap.fill(c, WRAP_CHARS) for c in constructs])
    ax.set_ylim(len(constructs) - 0.5, -0.5)
    ax.set_xlim(low - 0.1, high + 0.1)
    ax.set_xlabel("Construct score (mean of its items, reverse-keyed items turned around) with 95 % CI")
    if groups != [""]:
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(groups), 5), frameon=False, fontsize=8.5)
    fig.tight_layout()
    return fig
