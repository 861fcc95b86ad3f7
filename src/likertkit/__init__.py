"""likertkit: Likert survey data read as researchers hold them, counted, described, tested and drawn.

The data walk through one subpackage per stage, each importing only those before it:

* :mod:`likertkit.io` reads survey files (CSV in any common encoding, Excel, SPSS, Stata, Parquet) and counts
  each item's answers in one streamed pass;
* :mod:`likertkit.scales` says what the answers mean: the scale's codes and labels, its direction;
* :mod:`likertkit.stats` describes items (percents, medians, Wilson intervals), constructs (alpha, omega) and
  differences between groups, and checks printed summaries (GRIM, GRIMMER, CLOSURE);
* :mod:`likertkit.counting` validates every answer and counts a survey into tidy tables, with a cleaning log;
* :mod:`likertkit.survey` reads, checks, counts and describes a survey in memory (:func:`describe`), from a file
  or a DataFrame;
* :mod:`likertkit.mixed` reads a mixed-methods study's quotes, themes and findings and sets each finding beside the
  survey items it cites (the joint display);
* :mod:`likertkit.charts` draws diverging stacked bar charts and the other views, saved reproducibly;
* :mod:`likertkit.report` writes sentences from the data, renders them safely, and runs the survey report.

Any stage may use :mod:`likertkit.formats` (how each kind of number is shown) and :mod:`likertkit.wording`
(lists in words).

``import likertkit`` is light: the names below are loaded when first used.
"""

from __future__ import annotations

from likertkit.lazy import attach

__version__ = "0.2.0"

# Public name -> the module that holds it.
_API = {
    "describe": "likertkit.survey", "Description": "likertkit.survey", "SurveyOptions": "likertkit.survey",
    "load_survey": "likertkit.survey", "read_survey": "likertkit.survey", "load": "likertkit.survey",
    "run_report": "likertkit.report.pipeline",
    "describe_items": "likertkit.stats.items", "item_statistics": "likertkit.stats.items",
    "by_group": "likertkit.stats.groups", "group_tests": "likertkit.stats.groups",
    "group_test": "likertkit.stats.groups",
    "analyse_constructs": "likertkit.stats.reliability:analyse",
    "plot_diverging": "likertkit.charts.diverging", "plot_stacked_percent": "likertkit.charts.views",
    "plot_mean_ci": "likertkit.charts.views", "plot_heatmap": "likertkit.charts.views",
    "figure_files": "likertkit.charts.files",
    "InputError": "likertkit.errors", "NotebookFailed": "likertkit.errors",
}
__all__ = sorted(_API)


__getattr__, __dir__ = attach(globals(), _API)
