"""The same answers drawn other ways: 100 % stacked bars, means with confidence intervals, a heat map, one
block per response scale (:func:`plot_blocks`), and the means of multi-item constructs."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.ticker import FuncFormatter

from likertkit.charts import style, ticks
from likertkit.charts.diverging import WRAP_CHARS, _item_labels
from likertkit.charts.style import drawn_by

__all__ = ["LEGEND_CHARS", "LEGEND_COLUMNS", "plot_blocks", "plot_construct_means", "plot_heatmap", "plot_mean_ci",
           "plot_stacked_percent"]


@drawn_by
def plot_stacked_percent(table1, scale, ax=None, palette="RdBu"):
    """100 % stacked bars of each item's valid percents, in questionnaire order (to compare with the diverging chart).

    Parameters
    ----------
    table1 : DataFrame
        :func:`likertkit.describe_items`'s table.
    scale : DataFrame
        ``code, label``.
    ax : matplotlib Axes, optional
    palette : str, default "RdBu"
        One of :data:`likertkit.defaults.PALETTES`.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> from likertkit.stats import example_tables
    >>> counts, items, scale = example_tables()  # two items on a three-point scale
    >>> from likertkit.stats import describe_items
    >>> fig = plot_stacked_percent(describe_items(counts, items, scale), scale)
    >>> len(fig.axes[0].patches)
    6
    """
    colours = style.palette(scale, palette)
    labels, row = _wrapped_items(table1)
    columns, legend_rows = _legend_columns(scale["label"])
    if ax is None:
        _, ax = plt.subplots(figsize=(11, row * len(table1) + 1.4 + 0.45 * legend_rows))
    left = np.zeros(len(table1))
    for colour, (code, label) in zip(colours, zip(scale["code"], scale["label"], strict=True), strict=True):
        width = table1[f"valid_pct_{code}"].to_numpy()
        ax.barh(range(len(table1)), width, left=left, color=colour, edgecolor="white", linewidth=0.6,
                label=textwrap.fill(str(label), LEGEND_CHARS))
        left += width
    ax.set_yticks(range(len(table1)), labels)
    ax.set_ylim(len(table1) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(ticks.percent_tick))
    ax.set_xlabel("Percent of valid answers")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=columns, frameon=False, fontsize=8.5)
    ax.figure.tight_layout()
    return ax.figure


# Legend entries and scale labels under a chart are wrapped at this many characters; legends take at most this
# many entries a row.
LEGEND_CHARS, LEGEND_COLUMNS = 18, 6


def _legend_columns(labels) -> tuple[int, int]:
    """``(columns, rows)`` of a legend of ``labels`` above a chart: as many a row as fit about 80 characters."""
    labels = [str(label) for label in labels]
    widest = max(len(line) for label in labels for line in textwrap.wrap(label, LEGEND_CHARS) or [""])
    columns = max(1, min(len(labels), LEGEND_COLUMNS, 80 // (widest + 5)))
    return columns, -(-len(labels) // columns)


def _legend_points(ax) -> float:
    """The height, in points, of the legend above an axes (0 without one): a block's title goes above it."""
    legend = ax.get_legend()
    if legend is None:
        return 0.0
    lines = [text.get_text().count("\n") + 1 for text in legend.get_texts()]
    columns = max(1, legend._ncols)
    rows = [max(lines[i:i + columns]) for i in range(0, len(lines), columns)]
    return 11.0 * sum(rows) + 5.0 * len(rows)


def _wrapped_items(table) -> tuple[list, float]:
    """The items' labels wrapped (:data:`WRAP_CHARS`), and the inches a row needs for the longest."""
    labels = [textwrap.fill(label, WRAP_CHARS, break_long_words=True) for label in _item_labels(table)]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return labels, max(0.4, 0.17 * lines + 0.14)


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
    >>> from likertkit.stats import example_tables
    >>> counts, items, scale = example_tables()  # two items on a three-point scale
    >>> from likertkit.stats import item_statistics
    >>> fig = plot_mean_ci(item_statistics(counts, items, scale), scale)
    >>> bool(fig.axes[0].get_xlim()[0] <= 1 and fig.axes[0].get_xlim()[1] >= 3)
    True
    """
    labels, row = _wrapped_items(item_stats)
    codes = list(scale["code"])
    named = len(codes) <= 5  # up to five answers are named under their ticks; more get their codes, named below
    if ax is None:
        _, ax = plt.subplots(figsize=(11, row * len(item_stats) + (1.9 if named else 2.2)))
    y = np.arange(len(item_stats))
    ax.errorbar(item_stats["mean"], y, xerr=[item_stats["mean"] - item_stats["mean_ci_low"],
                                             item_stats["mean_ci_high"] - item_stats["mean"]],
                fmt="o", color="#2166ac", ecolor="#2166ac", capsize=3, markersize=5)
    ax.set_yticks(y, labels)
    ax.set_ylim(len(item_stats) - 0.5, -0.5)
    ax.set_xlim(codes[0] - 0.1, codes[-1] + 0.1)
    if named:
        ax.set_xticks(codes, [f"{c}\n{textwrap.fill(str(label), 12)}" for c, label in zip(codes, scale["label"], strict=True)],
                      fontsize=8)
        ax.set_xlabel("Mean answer with 95 % confidence interval")
    else:
        ax.set_xticks(codes, [str(c) for c in codes], fontsize=8)
        ax.set_xlabel("Mean answer with 95 % confidence interval; " + textwrap.fill(
            "; ".join(f"{c} = {label}" for c, label in zip(codes, scale["label"], strict=True)), 75), fontsize=8.5)
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
    palette : str, default "RdBu"
        One of :data:`likertkit.defaults.PALETTES`.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> from likertkit.stats import example_tables
    >>> counts, items, scale = example_tables()  # two items on a three-point scale
    >>> from likertkit.stats import describe_items
    >>> fig = plot_heatmap(describe_items(counts, items, scale), scale)
    >>> sorted(text.get_text() for text in fig.axes[0].texts)
    ['10', '11', '20', '33', '56', '70']
    """
    labels, row = _wrapped_items(table1)
    width = max(8, 64 // len(scale))  # the answers head their columns, wrapped to the columns' width
    headers = [textwrap.fill(str(label), width, break_long_words=False) for label in scale["label"]]
    header_lines = max(header.count("\n") + 1 for header in headers)
    grid = pd.DataFrame(np.column_stack([table1[f"valid_pct_{code}"].to_numpy() for code in scale["code"]]),
                        columns=range(len(scale)), index=labels)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(11, 4.2 + 0.75 * len(scale)), row * len(table1) + 1.2 + 0.15 * header_lines))
    _heatmap(grid, ax, "Percent of valid answers", fontsize=8)
    ax.set_xticks(np.arange(len(scale)) + 0.5, headers, fontsize=8 if len(scale) > 7 else 8.5)
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", rotation=0, labelsize=8.5)
    ax.tick_params(axis="y", rotation=0)  # seaborn turns labels upright when a short axes looks crowded to it
    ax.set_ylabel("")
    ax.figure.tight_layout()
    return ax.figure


def _heatmap(grid: pd.DataFrame, ax, label: str, fontsize: float) -> None:
    """seaborn's ``heatmap(grid, annot=True, fmt=".0f", cmap="Greys", vmin=0, vmax=100, linewidths=0.5,
    linecolor="white", cbar_kws={"label": label}, annot_kws={"fontsize": fontsize})`` (seaborn 0.13), drawn step
    for step as it draws it, so that a report need not import seaborn and scipy.stats (0.6 s) for one chart; the
    tests check the two give the same SVG bytes. The labels that would overlap are turned as seaborn turns them."""
    import matplotlib as mpl

    data = np.ma.masked_where(np.asarray(grid.isnull()), grid.to_numpy())
    for spine in ax.spines.values():
        spine.set_visible(False)
    mesh = ax.pcolormesh(data, cmap=mpl.colormaps["Greys"], linewidths=0.5, edgecolor="white", vmin=0, vmax=100)
    ax.set(xlim=(0, grid.shape[1]), ylim=(0, grid.shape[0]))
    ax.invert_yaxis()
    colorbar = ax.figure.colorbar(mesh, None, ax, label=label)
    colorbar.outline.set_linewidth(0)
    ticks = {}
    for axis, (which, names) in enumerate(((ax.xaxis, grid.columns.values), (ax.yaxis, grid.index.values))):
        box = ax.get_window_extent().transformed(ax.figure.dpi_scale_trans.inverted())
        tick, = which.set_ticks([0])
        most = int([box.width, box.height][axis] // (tick.label1.get_size() / 72))  # seaborn's "auto" ticks
        every = len(names) // most + 1 if most >= 1 else 0
        ticks[axis] = ((np.arange(0, len(names), every) + .5, names[::every]) if every > 1 else
                       (np.arange(len(names)) + .5, names) if every == 1 else ([], []))
    ax.set(xticks=ticks[0][0], yticks=ticks[1][0])
    x_labels = ax.set_xticklabels(ticks[0][1])
    y_labels = ax.set_yticklabels(ticks[1][1], rotation="vertical")
    plt.setp(y_labels, va="center")
    ax.figure.canvas.draw()
    if ax.figure.stale:
        ax.figure.draw(ax.figure.canvas.get_renderer())
    for labels, turned in ((x_labels, "vertical"), (y_labels, "horizontal")):
        boxes = [text.get_window_extent() for text in labels]
        if boxes and max(box.count_overlaps(boxes) for box in boxes) > 1:
            plt.setp(labels, rotation=turned)
    ax.set(xlabel="", ylabel="")
    mesh.update_scalarmappable()
    rows, columns = data.shape
    xs, ys = np.meshgrid(np.arange(columns) + .5, np.arange(rows) + .5)
    for x, y, value, colour in zip(xs.flat, ys.flat, mesh.get_array().flat, mesh.get_facecolors(), strict=True):
        if value is not np.ma.masked:
            rgb = np.asarray(colour[:3])
            linear = np.where(rgb <= .03928, rgb / 12.92, ((rgb + .055) / 1.055) ** 2.4)
            ax.text(x, y, f"{value:.0f}", color=".15" if linear.dot([.2126, .7152, .0722]) > .408 else "w",
                    ha="center", va="center", fontsize=fontsize)


@drawn_by
def plot_blocks(draw, blocks: list, width=10):
    """One of the other views (:func:`plot_stacked_percent`, :func:`plot_mean_ci`, :func:`plot_heatmap`) of a
    survey with several response scales: ``draw(table, scale, ax=ax)`` for each scale's ``(name, table, scale)``
    in ``blocks``, one block (axes) under another, each headed by its scale and as tall as its items need. One
    block is drawn as ``draw`` draws it alone."""
    if len(blocks) == 1:
        _, table, scale = blocks[0]
        return draw(table, scale)
    heights = [_wrapped_items(table)[1] * len(table) + 3.0 for _, table, _ in blocks]
    fig, axes = plt.subplots(len(blocks), 1, figsize=(max(width, 11), sum(heights)),
                             gridspec_kw={"height_ratios": heights})
    for ax, (name, table, scale) in zip(axes, blocks, strict=True):
        draw(table, scale, ax=ax)
        ax.set_title(f"Scale: {name}", loc="left", fontsize=11, fontweight="bold", pad=12 + _legend_points(ax))
    fig.tight_layout(h_pad=2.5)
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
    colours = [style.COLOUR_BLIND[k % len(style.COLOUR_BLIND)] for k in range(len(groups))]
    for offset, group, colour in zip(offsets, groups, colours, strict=True):
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
