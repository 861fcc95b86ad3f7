"""Charts of Likert items, drawn reproducibly: the diverging stacked bar chart (:mod:`~likertkit.charts.diverging`),
the other views (:mod:`~likertkit.charts.views`), their look (:mod:`~likertkit.charts.style`) and their files
(:mod:`~likertkit.charts.files`).

Importing it is light: each name loads its module when first used, so that saving a figure
(:mod:`~likertkit.charts.files`, matplotlib alone) does not load the drawing modules and pandas.
"""

from __future__ import annotations

from likertkit.lazy import attach

# Public name -> the module that holds it.
_API = {
    **dict.fromkeys(["WRAP_CHARS", "diverging_layout", "grouped_items", "label_names_item", "plot_diverging",
                     "plot_diverging_blocks", "row_labels"], "likertkit.charts.diverging"),
    **dict.fromkeys(["FIGURE_FORMATS", "REPRODUCIBLE_RC", "content_box", "figure_bytes", "figure_files", "figure_formats",
                     "figure_helpers", "provenance"], "likertkit.charts.files"),
    **dict.fromkeys(["MAX_BARS", "NEUTRAL_GREY", "PALETTES", "SEQUENTIAL", "apply_style", "drawn_by", "has_no_direction",
                     "palette", "text_colour"], "likertkit.charts.style"),
    **dict.fromkeys(["plot_blocks", "plot_construct_means", "plot_heatmap", "plot_mean_ci", "plot_stacked_percent"],
                    "likertkit.charts.views"),
}
__all__ = sorted(_API)


__getattr__, __dir__ = attach(globals(), _API)
