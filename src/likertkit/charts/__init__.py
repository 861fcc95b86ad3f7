"""Charts of Likert items, drawn reproducibly: the diverging stacked bar chart (:mod:`~likertkit.charts.diverging`),
the other views (:mod:`~likertkit.charts.views`), their look (:mod:`~likertkit.charts.style`) and their files
(:mod:`~likertkit.charts.files`)."""

from likertkit.charts.diverging import (
                                        WRAP_CHARS,
                                        diverging_layout,
                                        grouped_items,
                                        label_names_item,
                                        plot_diverging,
                                        plot_diverging_blocks,
                                        row_labels,
)
from likertkit.charts.files import (
                                        FIGURE_FORMATS,
                                        REPRODUCIBLE_RC,
                                        content_box,
                                        figure_bytes,
                                        figure_files,
                                        figure_formats,
                                        provenance,
)
from likertkit.charts.style import (
                                        MAX_BARS,
                                        NEUTRAL_GREY,
                                        PALETTES,
                                        SEQUENTIAL,
                                        apply_style,
                                        drawn_by,
                                        has_no_direction,
                                        palette,
                                        text_colour,
)
from likertkit.charts.views import (
                                        plot_blocks,
                                        plot_construct_means,
                                        plot_heatmap,
                                        plot_mean_ci,
                                        plot_stacked_percent,
)

__all__ = ["FIGURE_FORMATS", "MAX_BARS", "NEUTRAL_GREY", "PALETTES", "REPRODUCIBLE_RC", "SEQUENTIAL", "WRAP_CHARS",
           "apply_style", "content_box", "diverging_layout", "drawn_by", "figure_bytes", "figure_files",
           "figure_formats", "grouped_items", "has_no_direction", "label_names_item", "palette", "plot_blocks", "plot_construct_means",
           "plot_diverging", "plot_diverging_blocks", "plot_heatmap", "plot_mean_ci", "plot_stacked_percent",
           "provenance", "row_labels", "text_colour"]
