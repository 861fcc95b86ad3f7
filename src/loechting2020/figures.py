"""The article's own figures: its recruitment flow, the joint display and the participant-by-theme matrix,
and the compendium's way of saving any figure (:func:`figure_files` names, in each file's metadata, the
numbered notebook that declares the file among its outputs)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import seaborn as sns
from matplotlib import pyplot as plt

from likertkit import charts
from likertkit.charts.style import drawn_by
from likertkit.formats import with_percent_sign
from loechting2020 import notebooks
from loechting2020.paths import PROJECT


def declaring_notebook(path) -> str:
    """``notebooks/03-plot-diverging-bars.ipynb`` for a file of the project some notebook declares as output."""
    try:
        relative = PROJECT.relative(path)
    except ValueError:
        return ""  # a file outside the project (a survey's OUT): no article notebook made it
    for notebook in notebooks.numbered_notebooks(PROJECT.notebooks):
        if relative in notebooks.declared_paths(notebooks.read(notebook))["Outputs"]:
            return PROJECT.relative(notebook)
    return ""


def figure_files(fig, stem, alt: str | None = None) -> dict:
    """:func:`likertkit.charts.figure_files`, naming the notebook that declares ``stem``'s files as its outputs."""
    stem = Path(stem)
    return charts.figure_files(fig, stem, notebook=declaring_notebook(stem.with_suffix(".svg")), alt=alt)


def recruitment_stages(facts: dict) -> tuple[list, dict]:
    """The article's recruitment flow from its printed facts: ``(stages, exits)`` for :func:`plot_flow`."""
    eligible = facts["survey_invited"] - facts["survey_excluded"]
    rate = 100 * facts["survey_responded"] / eligible
    stages = [(f"Invited: all caseworkers at the {facts['survey_offices']} NAV offices", facts["survey_invited"]),
              ("Eligible", eligible),
              (f"Responded ({with_percent_sign(rate, 0)} of eligible)", facts["survey_responded"])]
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
    title_of = dict(zip(themes["theme"].astype(str), themes["title"], strict=True))
    cells = [[f"{t}. {wrap(title_of[str(t)], 22)}", wrap(f, 38), "\n".join(wrap(part, 38) for part in s.split("; ")) if s else "—",
              q.replace(";", ", "), c] for t, f, s, q, c in
             display[["theme", "finding", "statistics", "quote_ids", "convergence"]].itertuples(index=False)]
    heights = [max(cell.count("\n") + 1 for cell in row) for row in cells]
    fig, ax = plt.subplots(figsize=(width, 0.22 * (sum(heights) + 0.7 * len(cells)) + 0.8))
    ax.axis("off")
    columns = ["Theme", "Finding", "Survey items: mean (SD), % in the upper half", "Quotes", "Convergence"]
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
    ax.tick_params(axis="y", rotation=0)  # the participants' letters read level, as written
    ax.set_title("Quotes per participant and theme", loc="left")
    fig.tight_layout()
    return fig
