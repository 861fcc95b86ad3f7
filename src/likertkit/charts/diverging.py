"""Diverging stacked bar charts of Likert items (Heiberger & Robbins 2014): the layout, computed apart from the
drawing so its geometry can be tested (:func:`diverging_layout`), the chart (:func:`plot_diverging`), one
block per response scale (:func:`plot_diverging_blocks`) and one bar per group (:func:`grouped_items`)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MultipleLocator
from matplotlib.transforms import ScaledTranslation

from likertkit.charts import style, ticks
from likertkit.charts.style import drawn_by, text_colour
from likertkit.formats import with_percent_sign
from likertkit.stats.items import agreement_codes, count_matrix
from likertkit.wording import shortened

__all__ = ["LEGEND_WRAP", "MAX_ID_CHARS", "MAX_LABEL_CHARS", "WRAP_CHARS", "diverging_layout", "grouped_items",
           "label_names_item", "plot_diverging", "plot_diverging_blocks", "row_labels", "short_id"]


def label_names_item(item, label) -> bool:
    """Whether an item's label already names it: the label is the item itself (``selfLR``), or starts with it, as
    a survey platform's header does (``Q1_1 I find my work meaningful``)."""
    return str(label) == str(item) or str(label).startswith(str(item))


def diverging_layout(counts, items, scale, group="domain", order="agree"):
    """Where each bar segment goes, in percent of the item's valid answers.

    Returns ``(segments, rows)``. ``segments`` has one row per item x code:
    ``item, code, left, width``; the lower half of the scale lies left of
    zero, the upper half right, and an odd scale's middle answer straddles
    zero evenly. ``rows`` has one row per item in drawing order (top first):
    ``item, label, group, y, n_valid, n_missing, pct_disagree, pct_agree``.
    ``order`` is ``"agree"`` (most agreement first within each group) or
    ``"questionnaire"`` (the item table's order).
    """
    if order not in ("agree", "questionnaire"):
        raise ValueError(f"order must be 'agree' or 'questionnaire', not {order!r}")
    matrix = count_matrix(counts, items, scale)
    n_valid = matrix.sum(axis=1)
    if (n_valid == 0).any():
        raise ValueError(f"no valid answers to item(s) {', '.join(map(str, n_valid[n_valid == 0].index))}")
    percent = matrix.div(n_valid, axis=0) * 100
    disagree, agree = agreement_codes(scale)
    codes = list(scale["code"])
    neutral = [c for c in codes if c not in disagree + agree]

    rows = items.set_index("item").loc[matrix.index, ["label"] + (["shown"] if "shown" in items else [])].assign(
        group=items.set_index("item").loc[matrix.index, group] if group else "",
        n_valid=n_valid, n_missing=items.set_index("item").loc[matrix.index, "n_respondents"] - n_valid,
        pct_disagree=percent[disagree].sum(axis=1), pct_agree=percent[agree].sum(axis=1),
        position=range(len(matrix))).reset_index()
    if order == "agree":
        rows = rows.sort_values(["pct_agree", "position"], ascending=[False, True], kind="stable")
    group_order = list(dict.fromkeys(items[group])) if group else [""]
    rows["group"] = pd.Categorical(rows["group"], categories=group_order, ordered=True)
    rows = rows.sort_values("group", kind="stable").reset_index(drop=True)
    # one blank line above each group for its heading
    rows["y"] = rows.index + rows["group"].cat.codes + 1 if group else rows.index.astype(float)
    rows["group"] = rows["group"].astype(str)

    start = -(percent[disagree].sum(axis=1) + percent[neutral].sum(axis=1) / 2)
    lefts = percent.cumsum(axis=1).sub(percent).add(start, axis=0)
    segments = pd.DataFrame({"item": np.repeat(percent.index, len(codes)), "code": codes * len(percent),
                             "left": lefts.to_numpy().ravel(), "width": percent.to_numpy().ravel()})
    return segments, rows.drop(columns="position")


# Item labels are wrapped at this many characters, so long wording takes lines, not the bars' width: with
# labels of up to 100 characters the bars keep more than half of the figure (tests/test_chart_fit.py).
WRAP_CHARS = 40
LEGEND_WRAP = 24  # the answers in the legend, wrapped so that six fit a row


@drawn_by
def plot_diverging(counts, items=None, scale=None, group="domain", order="agree", ax=None, label_min=7.0, title=None,
                   weighted=False, palette="RdBu"):
    """A diverging stacked bar chart (Heiberger & Robbins 2014): one bar per item, centred on the middle of the scale.

    The lower half of the scale lies left of zero and the upper half right; an odd scale's middle answer is split
    across zero in grey. The totals at the ends are the percents in each half, each item's *n* and missing
    answers stand on the right. Labels are wrapped (:data:`WRAP_CHARS`); a percent that does not fit inside its
    segment, as drawn, is left out. A scale marked as having no positive end (how often, how much) is drawn in one
    hue.

    Parameters
    ----------
    counts : Description or DataFrame
        What :func:`likertkit.describe` returned (then ``items`` and ``scale`` are not given: a survey with several
        response scales is drawn one block per scale); or tidy counts, as for :func:`likertkit.describe_items`.
    items, scale : DataFrame
        With tidy counts: ``items`` also needs ``n_valid`` and ``n_missing``, and its ``domain`` (or the column
        named by ``group``) groups the bars.
    group : str, default "domain"
        The column of ``items`` whose values head blocks of bars.
    order : {"agree", "questionnaire"}
        Sort the items by the percent in the upper half, or keep their order.
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the items otherwise.
    label_min : float, default 7.0
        Segments narrower than this many percent get no label.
    title : str, optional
    weighted : bool, default False
        The counts are sums of survey weights: each bar says its sum of weights instead of its *n*. With a
        Description, its weighted percents are drawn (it needs a ``weight``).
    palette : str, default "RdBu"
        One of :data:`likertkit.defaults.PALETTES` (a scale with no positive end is drawn in one hue whatever it is).

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> from likertkit.stats import example_tables
    >>> counts, items, scale = example_tables()  # two items on a three-point scale
    >>> items = items.assign(n_valid=[10, 9], n_missing=[0, 1])
    >>> fig = plot_diverging(counts, items, scale, title="Two items")
    >>> [text.get_text() for text in row_labels(fig.axes[0], "item")]
    ['q1. Meaningful work', 'q2. Enough time']
    """
    if items is None and scale is None and hasattr(counts, "parts"):  # a likertkit.Description
        parts = counts.weighted_parts if weighted else counts.parts
        if parts is None:
            raise ValueError("weighted=True needs a survey described with a weight column (describe(..., weight=))")
        return plot_diverging_blocks(parts, group=group, order=order, title=title, weighted=weighted, palette=palette)
    segments, rows = diverging_layout(counts, items, scale, group, order)
    colours = dict(zip(scale["code"], style.palette(scale, palette), strict=True))
    labels = [textwrap.fill(label, WRAP_CHARS, break_long_words=True) for label in _item_labels(rows)]
    lines = max(label.count("\n") + 1 for label in labels)
    row_inches = max(0.42, 0.16 * lines + 0.12)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, row_inches * (rows["y"].max() + 2) + 1.6))
    fig = ax.figure
    y_of = dict(zip(rows["item"], rows["y"], strict=True))
    ys = segments["item"].map(y_of)
    _bars(ax, ys.to_numpy(float), segments["left"].to_numpy(float), segments["width"].to_numpy(float), 0.72,
          list(segments["code"].map(colours)))
    inside = []
    for (_, s), y in zip(segments.iterrows(), ys, strict=True):
        if s["width"] >= label_min:
            text = ax.text(s["left"] + s["width"] / 2, y, f"{s['width']:.0f}", ha="center", va="center", fontsize=8,
                           color=text_colour(colours[s["code"]]))
            inside.append((text, s["left"], s["left"] + s["width"]))

    ends = segments.assign(right=segments["left"] + segments["width"]).groupby("item")
    left_end, right_end = ends["left"].min(), ends["right"].max()
    reach = float(np.ceil(max(-left_end.min(), right_end.max()) / 10) * 10) + 12
    for _, r in rows.iterrows():
        ax.text(left_end[r["item"]] - 1.5, r["y"], with_percent_sign(r['pct_disagree'], 0), ha="right", va="center",
                fontsize=8.5, color="#444444")
        ax.text(right_end[r["item"]] + 1.5, r["y"], with_percent_sign(r['pct_agree'], 0), ha="left", va="center",
                fontsize=8.5, color="#444444")
    ax.set_xlim(-reach, reach)
    ax.set_ylim(rows["y"].max() + 0.7, -0.7 if group else rows["y"].min() - 0.7)
    ax.axvline(0, color="#333333", linewidth=1, zorder=0.9)  # beneath the bars: not through the middle answer's number
    ax.xaxis.set_major_locator(MultipleLocator(20 if reach > 60 else 10))
    ax.xaxis.set_major_formatter(FuncFormatter(ticks.distance_percent_tick))
    ax.set_yticks([])
    _row_labels(ax, rows["y"], labels, "item", side="left", fontsize=9 if lines > 1 else 10)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Percent of valid answers (missing answers excluded)")
    if group:
        for name, first in rows.groupby("group", sort=False)["y"].min().items():
            ax.text(-reach, first - 1, shortened(name, MAX_LABEL_CHARS), ha="left", va="center",  # one line, above its bars
                    fontweight="bold", fontsize=10)
    _row_labels(ax, rows["y"], [_n_label(n, m, weighted) for n, m in zip(rows["n_valid"], rows["n_missing"], strict=True)], "n",
                side="right", fontsize=8.5)
    handles = [Patch(facecolor=colours[c], edgecolor="white", label=textwrap.fill(str(label), LEGEND_WRAP))
               for c, label in zip(scale["code"], scale["label"], strict=True)]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(scale), 6), frameon=False,
              fontsize=8.5, handlelength=1.2, columnspacing=1.0)
    if title:
        ax.set_title(textwrap.fill(title, 110), pad=28 + 14 * ((len(scale) - 1) // 6), loc="left", fontsize=11)
    fig.tight_layout()
    _drop_labels_that_do_not_fit(fig, ax, inside)
    return fig


def _bars(ax, ys, lefts, widths, height, colours):
    """Horizontal bars as one collection: one artist for all segments (a hundred items have five hundred), so
    drawing does not slow down with each bar as ``barh``'s rectangles do; the axes' limits are set by the caller."""
    low, high = ys - height / 2, ys + height / 2
    corners = np.stack([np.column_stack(pair) for pair in ((lefts, low), (lefts + widths, low), (lefts + widths, high),
                                                            (lefts, high))], axis=1)
    ax.add_collection(PolyCollection(corners, facecolors=colours, edgecolors="white", linewidths=0.6), autolim=False)


def _row_labels(ax, ys, texts, role, side, fontsize):
    """A label beside each bar, outside the plot, as plain text (``role`` is its :meth:`~matplotlib.text.Text.get_label`:
    "item" or "n"). Not tick labels: a hundred rows would make two hundred ticks, each several artists that
    matplotlib measures again for every title and axis label it places."""
    pad = ScaledTranslation((-1 if side == "left" else 1) * 5 / 72, 0, ax.figure.dpi_scale_trans)
    where = ax.get_yaxis_transform() + pad  # x in axes fractions, y in data
    for y, text in zip(ys, texts, strict=True):
        ax.text(0 if side == "left" else 1, y, text, transform=where, ha="right" if side == "left" else "left",
                va="center", fontsize=fontsize, label=role)


def row_labels(ax, role: str) -> list:
    """The labels :func:`plot_diverging` wrote beside its bars, top to bottom: ``role`` "item" (left) or "n"
    (right)."""
    return [text for text in ax.texts if text.get_label() == role]


def _n_label(n, missing, weighted=False) -> str:
    """``n = 58 (3 missing)``, ``n = 584,865 (15,135 missing)``; for a chart of weighted percents, the sum of the
    weights instead, ``Σw = 10.0`` (whole or not)."""
    if weighted:
        return f"Σw = {n:,.1f}"
    return f"n = {int(n):,}" + (f" ({int(missing):,} missing)" if missing else "")


def _drop_labels_that_do_not_fit(fig, ax, inside):
    """Remove each segment's percent whose text, as drawn, is wider than its segment (measured, not guessed)."""
    renderer = fig.canvas.get_renderer()
    to_display = ax.transData.transform
    for text, left, right in inside:
        box = text.get_window_extent(renderer)
        x_left, x_right = to_display([(left, 0), (right, 0)])[:, 0]
        if box.width > (x_right - x_left) - 2:
            text.remove()


# An item's row label is at most this long (three lines of WRAP_CHARS), whatever its text: a chart's size follows
# its number of items, never the length of a question (the whole question is in the tables and the report's key).
MAX_LABEL_CHARS = 3 * WRAP_CHARS


# An item id longer than this (a platform export's whole question as the column name) is not printed before
# its label.
MAX_ID_CHARS = 16


def short_id(item) -> str:
    """An item id as tables and charts show it: as it is, or, when it is itself a long text (a platform export's
    whole question as the column name), its first line cut to :data:`MAX_ID_CHARS` (``Q7_1``).

    >>> short_id("q3"), short_id("Q7_1\\nThinking about the past twelve months at work, how far do you agree")
    ('q3', 'Q7_1')
    """
    item = str(item)
    if len(item) <= MAX_ID_CHARS and "\n" not in item:
        return item
    return shortened(item.split("\n", 1)[0], MAX_ID_CHARS)


def _item_labels(table):
    """``'3. Importance of knowing the diagnosis'``; just the label when it is the item itself or already names it
    (a platform export's "Q1_1 I find my work…") or when the id is itself a long text; the ``shown`` column instead
    when the table has one (the groups of a grouped chart). Each at most :data:`MAX_LABEL_CHARS`."""
    if "shown" in table:
        return [shortened(text, MAX_LABEL_CHARS) for text in table["shown"].astype(str)]
    return [shortened(label if label_names_item(i, label) or len(str(i)) > MAX_ID_CHARS or "\n" in str(i)
                      else f"{i}. {label}", MAX_LABEL_CHARS)
            for i, label in zip(table["item"], table["label"].astype(str), strict=True)]


def grouped_items(group_counts: pd.DataFrame, group_sizes: pd.DataFrame, items: pd.DataFrame) -> tuple:
    """``(counts, items)`` for :func:`plot_diverging` with one bar per group under each item's heading.

    A group with no valid answer to an item has no bar there (and the n beside the others says so).
    """
    shown = group_counts[group_counts["count"] > 0][["group", "item"]].drop_duplicates()
    n_of = dict(zip(group_sizes["group"], group_sizes["n_respondents"], strict=True))
    label_of = dict(zip(items["item"], items["label"], strict=True))
    order = {g: i for i, g in enumerate(group_sizes["group"])}
    item_order = {item: i for i, item in enumerate(items["item"])}
    shown = shown.assign(o1=shown["item"].map(item_order), o2=shown["group"].map(order)).sort_values(["o1", "o2"])
    key = lambda item, group: f"{item}\x1f{group}"  # noqa: E731
    rows = pd.DataFrame({"item": [key(i, g) for i, g in zip(shown["item"], shown["group"], strict=True)],
                         "label": list(shown["group"]), "shown": list(shown["group"]),
                         "domain": _item_labels(pd.DataFrame({"item": list(shown["item"]),
                                                              "label": [label_of[i] for i in shown["item"]]})),
                         "n_respondents": [n_of[g] for g in shown["group"]]})
    counts = group_counts.assign(item=[key(i, g) for i, g in zip(group_counts["item"], group_counts["group"], strict=True)])
    return counts[counts["item"].isin(set(rows["item"]))], rows


@drawn_by
def plot_diverging_blocks(parts: list, group="domain", order="agree", title=None, weighted=False, palette="RdBu"):
    """:func:`plot_diverging` for each response scale of a survey, one block (axes) under another, each with its
    own legend; ``parts`` is ``[(scale name, counts, items, scale)]`` (see :func:`likertkit.report.split_by_scale`).
    One part is drawn as :func:`plot_diverging` draws it."""
    if len(parts) == 1:
        _, counts, items, scale = parts[0]
        return plot_diverging(counts, items, scale, group=group, order=order, title=title, weighted=weighted,
                              palette=palette)
    heights = [len(items) + (items[group].nunique() if group else 0) + 3 for _, _, items, _ in parts]
    fig, axes = plt.subplots(len(parts), 1, figsize=(11, 0.42 * sum(heights) + 1.6 * len(parts)),
                             gridspec_kw={"height_ratios": heights})
    for ax, (name, counts, items, scale), first in zip(axes, parts, [True] + [False] * (len(parts) - 1), strict=True):
        plot_diverging(counts, items, scale, group=group, order=order, ax=ax, weighted=weighted, palette=palette,
                       title=(f"{title} — scale: {name}" if title and first else f"Scale: {name}"))
    return fig
