"""Diverging stacked bar charts of Likert items (Heiberger & Robbins 2014) and the other views of them.

Drawing only: :mod:`likertkit.figures` saves a figure reproducibly, with its provenance.

The layout is computed apart from the drawing, so its geometry can be tested:
:func:`diverging_layout` says where every segment goes, :func:`plot_diverging`
draws it. Both take tidy counts and the scale's order and labels, so any
number of categories, odd or even, empty categories and items with different
n work alike.
"""

from __future__ import annotations

import functools
import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import pyplot as plt
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MultipleLocator
from matplotlib.transforms import ScaledTranslation

from .figures import REPRODUCIBLE_RC
from .stats import agreement_codes, count_matrix
from .story import label_names_item

NEUTRAL_GREY = "#d4d4d4"
# More bars than this make a chart nobody can read (and a PNG too tall to save): the report then gives tables.
MAX_BARS = 200


def drawn_by(function):
    """Mark the figure a plotting function returns with the function's name, for the files' metadata."""
    @functools.wraps(function)
    def draw(*args, **kwargs):
        fig = function(*args, **kwargs)
        fig.likertkit_drawn_by = f"{function.__module__}.{function.__name__}"
        return fig
    return draw



def apply_style():
    """Seaborn's theme plus the settings that make figure files byte-identical between runs."""
    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update(REPRODUCIBLE_RC)


# ColorBrewer's diverging palettes that stay distinguishable with the common colour-vision deficiencies.
PALETTES = ("RdBu", "PuOr", "BrBG", "PRGn", "PiYG", "RdYlBu")
_palette = {"name": "RdBu"}


def set_palette(name: str) -> None:
    """Draw the answers in another of :data:`PALETTES` (``make survey PALETTE=PuOr``)."""
    if name not in PALETTES:
        raise ValueError(f"{name!r} is not one of {', '.join(PALETTES)}")
    _palette["name"] = name


# A scale with no positive end (how often, how much: see likertkit.direction) is drawn in one hue, light to dark.
SEQUENTIAL = "crest"


def has_no_direction(scale: pd.DataFrame) -> bool:
    """Whether the scale was marked as having no positive end (:func:`likertkit.direction.orient`)."""
    return "direction" in scale and bool((scale["direction"].astype(str) == "none").all())


def palette(scale: pd.DataFrame) -> list:
    """A colour-blind-safe diverging palette (ColorBrewer RdBu unless :func:`set_palette` chose another), the
    middle answer in light grey; for a scale with no positive end, one hue from light to dark, so that neither
    end looks good or bad."""
    k = len(scale)
    if has_no_direction(scale):
        return sns.color_palette(SEQUENTIAL, k).as_hex()
    colours = sns.color_palette(_palette["name"], k if k % 2 else k + 1).as_hex()
    if k % 2:
        colours[k // 2] = NEUTRAL_GREY
    else:
        del colours[k // 2]  # even scales have no neutral answer
    return colours


DARK_TEXT = "#222222"


def _luminance(colour) -> float:
    """WCAG relative luminance of a colour."""
    channels = np.array(mpl.colors.to_rgb(colour))
    linear = np.where(channels <= 0.03928, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def text_colour(background) -> str:
    """White or near-black, whichever contrasts more with ``background`` (WCAG contrast ratio)."""
    light = _luminance(background)
    white, dark = 1.05 / (light + 0.05), (light + 0.05) / (_luminance(DARK_TEXT) + 0.05)
    return "white" if white > dark else DARK_TEXT


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


@drawn_by
def plot_diverging(counts, items, scale, group="domain", order="agree", ax=None, label_min=7.0, title=None,
                   weighted=False):
    """Draw a diverging stacked bar chart; returns the figure. ``weighted``: the counts are sums of survey weights,
    and each bar says its sum of weights instead of its n.

    Labels are wrapped (:data:`WRAP_CHARS`); a percent that does not fit inside its segment, as drawn, is
    left out; rows grow with the lines of their labels.
    """
    segments, rows = diverging_layout(counts, items, scale, group, order)
    colours = dict(zip(scale["code"], palette(scale)))
    labels = [textwrap.fill(label, WRAP_CHARS, break_long_words=True) for label in _item_labels(rows)]
    lines = max(label.count("\n") + 1 for label in labels)
    row_inches = max(0.42, 0.16 * lines + 0.12)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, row_inches * (rows["y"].max() + 2) + 1.6))
    fig = ax.figure
    y_of = dict(zip(rows["item"], rows["y"]))
    ys = segments["item"].map(y_of)
    _bars(ax, ys.to_numpy(float), segments["left"].to_numpy(float), segments["width"].to_numpy(float), 0.72,
          list(segments["code"].map(colours)))
    inside = []
    for (_, s), y in zip(segments.iterrows(), ys):
        if s["width"] >= label_min:
            text = ax.text(s["left"] + s["width"] / 2, y, f"{s['width']:.0f}", ha="center", va="center", fontsize=8,
                           color=text_colour(colours[s["code"]]))
            inside.append((text, s["left"], s["left"] + s["width"]))

    ends = segments.assign(right=segments["left"] + segments["width"]).groupby("item")
    left_end, right_end = ends["left"].min(), ends["right"].max()
    reach = float(np.ceil(max(-left_end.min(), right_end.max()) / 10) * 10) + 12
    for _, r in rows.iterrows():
        ax.text(left_end[r["item"]] - 1.5, r["y"], f"{r['pct_disagree']:.0f}%", ha="right", va="center",
                fontsize=8.5, color="#444444")
        ax.text(right_end[r["item"]] + 1.5, r["y"], f"{r['pct_agree']:.0f}%", ha="left", va="center",
                fontsize=8.5, color="#444444")
    ax.set_xlim(-reach, reach)
    ax.set_ylim(rows["y"].max() + 0.7, -0.7 if group else rows["y"].min() - 0.7)
    ax.axvline(0, color="#333333", linewidth=1)
    ax.xaxis.set_major_locator(MultipleLocator(20 if reach > 60 else 10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{abs(x):.0f}%"))
    ax.set_yticks([])
    _row_labels(ax, rows["y"], labels, "item", side="left", fontsize=9 if lines > 1 else 10)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Percent of valid answers (missing answers excluded)")
    if group:
        for name, first in rows.groupby("group", sort=False)["y"].min().items():
            ax.text(-reach, first - 1, textwrap.shorten(str(name), 110, placeholder=" …"), ha="left", va="center",
                    fontweight="bold", fontsize=10)
    _row_labels(ax, rows["y"], [_n_label(n, m, weighted) for n, m in zip(rows["n_valid"], rows["n_missing"])], "n",
                side="right", fontsize=8.5)
    handles = [Patch(facecolor=colours[c], edgecolor="white", label=label) for c, label in zip(scale["code"], scale["label"])]
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
    for y, text in zip(ys, texts):
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


def _item_labels(table):
    """``'3. Importance of knowing the diagnosis'``; just the label when it is the item itself or already names it
    (a platform export's "Q1_1 I find my work…"); the ``shown`` column instead when the table has one (the
    groups of a grouped chart)."""
    if "shown" in table:
        return list(table["shown"].astype(str))
    return [str(label) if label_names_item(i, label) else f"{i}. {label}" for i, label in zip(table["item"], table["label"])]


@drawn_by
def plot_stacked_percent(table1, scale, ax=None):
    """100 % stacked bars of the valid percents, in questionnaire order (for comparison with the diverging chart)."""
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
    """Each item's mean with its 95 % confidence interval, on the scale's codes."""
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
    """A heat-map table: one cell per item x answer, shaded and labelled with the valid percent."""
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


def recruitment_stages(facts: dict) -> tuple[list, dict]:
    """The article's recruitment flow from its printed facts: ``(stages, exits)`` for :func:`plot_flow`."""
    eligible = facts["survey_invited"] - facts["survey_excluded"]
    rate = 100 * facts["survey_responded"] / eligible
    stages = [(f"Invited: all caseworkers at the {facts['survey_offices']} NAV offices", facts["survey_invited"]),
              ("Eligible", eligible),
              (f"Responded ({rate:.0f}% of eligible)", facts["survey_responded"])]
    exits = {0: (f"Excluded: {facts['survey_excluded_on_leave']} on leave, "
                 f"{facts['survey_excluded_new_role']} in new roles", facts["survey_excluded"]),
             1: ("Did not respond", eligible - facts["survey_responded"])}
    return stages, exits


@drawn_by
def plot_flow(stages, exits, ax=None):
    """A participant flow chart: ``stages`` is a list of (label, n) top to bottom; ``exits`` maps a stage's
    position to the (label, n) that left after it, drawn to the side."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.5 * len(stages) + 0.5))
    box = dict(boxstyle="round,pad=0.6", facecolor="#f2f2f2", edgecolor="#555555")
    side = dict(boxstyle="round,pad=0.5", facecolor="white", edgecolor="#999999")
    for position, (label, n) in enumerate(stages):
        ax.text(0.3, -position, f"{label}\nn = {n}", ha="center", va="center", fontsize=10, bbox=box)
        if position:
            ax.annotate("", xy=(0.3, -position + 0.28), xytext=(0.3, -position + 0.72),
                        arrowprops=dict(arrowstyle="-|>", color="#555555"))
    for position, (label, n) in exits.items():
        ax.annotate(f"{label}\nn = {n}", xy=(0.3, -position - 0.5), xytext=(0.78, -position - 0.5), ha="center",
                    va="center", fontsize=9, bbox=side, arrowprops=dict(arrowstyle="<|-", color="#999999"))
    ax.set_xlim(-0.15, 1.1)
    ax.set_ylim(-len(stages) + 0.5, 0.5)
    ax.axis("off")
    ax.figure.tight_layout()
    return ax.figure


CONVERGENCE_COLOURS = {"agreement": "#4393c3", "partial agreement": "#92c5de", "silence": "#e0e0e0",
                       "dissonance": "#f4a582"}


@drawn_by
def plot_joint_display(display: pd.DataFrame, themes: pd.DataFrame, width=13):
    """The joint display as a figure: one row per finding, its convergence as a coloured cell."""
    wrap = lambda text, n: textwrap.fill(str(text), n)  # noqa: E731
    title_of = dict(zip(themes["theme"].astype(str), themes["title"]))
    cells = [[f"{t}. {wrap(title_of[str(t)], 22)}", wrap(f, 38), "\n".join(wrap(part, 38) for part in s.split("; ")) if s else "—",
              q.replace(";", ", "), c] for t, f, s, q, c in
             display[["theme", "finding", "statistics", "quote_ids", "convergence"]].itertuples(index=False)]
    heights = [max(cell.count("\n") + 1 for cell in row) for row in cells]
    fig, ax = plt.subplots(figsize=(width, 0.22 * (sum(heights) + 0.7 * len(cells)) + 0.8))
    ax.axis("off")
    columns = ["Theme", "Finding", "Survey items: mean (SD), % agreeing", "Quotes", "Convergence"]
    table = ax.table(cellText=cells, colLabels=columns, loc="upper center", cellLoc="left",
                     colWidths=[0.17, 0.3, 0.3, 0.08, 0.15])
    table.auto_set_font_size(False)
    table.set_fontsize(8.5)
    total = sum(heights) + 0.7 * len(cells) + 1.5
    for (r, c), cell in table.get_celld().items():
        lines = 1.5 if r == 0 else heights[r - 1] + 0.7
        cell.set_height(lines / total)
        cell.set_edgecolor("#bbbbbb")
        if r == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("#f2f2f2")
        elif c == 4:
            cell.set_facecolor(CONVERGENCE_COLOURS[cells[r - 1][4]])
    fig.tight_layout()
    return fig


@drawn_by
def plot_participant_matrix(matrix: pd.DataFrame):
    """Quotes per participant (rows) and theme (columns), as an annotated heat map."""
    fig, ax = plt.subplots(figsize=(5.5, 4))
    sns.heatmap(matrix, annot=True, fmt="d", cmap="Blues", cbar=False, linewidths=0.5, linecolor="white", ax=ax)
    ax.set_xlabel("Theme")
    ax.set_ylabel("Participant")
    ax.set_title("Quotes per participant and theme", loc="left")
    fig.tight_layout()
    return fig


def grouped_items(group_counts: pd.DataFrame, group_sizes: pd.DataFrame, items: pd.DataFrame) -> tuple:
    """``(counts, items)`` for :func:`plot_diverging` with one bar per group under each item's heading.

    A group with no valid answer to an item has no bar there (and the n beside the others says so).
    """
    shown = group_counts[group_counts["count"] > 0][["group", "item"]].drop_duplicates()
    n_of = dict(zip(group_sizes["group"], group_sizes["n_respondents"]))
    label_of = dict(zip(items["item"], items["label"]))
    order = {g: i for i, g in enumerate(group_sizes["group"])}
    item_order = {item: i for i, item in enumerate(items["item"])}
    shown = shown.assign(o1=shown["item"].map(item_order), o2=shown["group"].map(order)).sort_values(["o1", "o2"])
    key = lambda item, group: f"{item}\x1f{group}"  # noqa: E731
    rows = pd.DataFrame({"item": [key(i, g) for i, g in zip(shown["item"], shown["group"])],
                         "label": list(shown["group"]), "shown": list(shown["group"]),
                         "domain": [f"{i}. {label_of[i]}" if str(label_of[i]) != str(i) else str(i) for i in shown["item"]],
                         "n_respondents": [n_of[g] for g in shown["group"]]})
    counts = group_counts.assign(item=[key(i, g) for i, g in zip(group_counts["item"], group_counts["group"])])
    return counts[counts["item"].isin(set(rows["item"]))], rows


@drawn_by
def plot_diverging_blocks(parts: list, group="domain", order="agree", title=None, weighted=False):
    """:func:`plot_diverging` for each response scale of a survey, one block (axes) under another, each with its
    own legend; ``parts`` is ``[(scale name, counts, items, scale)]`` (see :func:`likertkit.report.split_by_scale`).
    One part is drawn as :func:`plot_diverging` draws it."""
    if len(parts) == 1:
        _, counts, items, scale = parts[0]
        return plot_diverging(counts, items, scale, group=group, order=order, title=title, weighted=weighted)
    heights = [len(items) + (items[group].nunique() if group else 0) + 3 for _, _, items, _ in parts]
    fig, axes = plt.subplots(len(parts), 1, figsize=(11, 0.42 * sum(heights) + 1.6 * len(parts)),
                             gridspec_kw={"height_ratios": heights})
    for ax, (name, counts, items, scale), first in zip(axes, parts, [True] + [False] * (len(parts) - 1)):
        plot_diverging(counts, items, scale, group=group, order=order, ax=ax, weighted=weighted,
                       title=(f"{title} — scale: {name}" if title and first else f"Scale: {name}"))
    return fig


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
    when there are groups (from :func:`likertkit.stats.construct_means`)."""
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
