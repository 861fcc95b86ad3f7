"""Figures saved in helper processes (``likertkit.charts.figure_helpers``): the same bytes as saved in this process,
for every kind of chart the report draws; the helpers do the saving (it is not silently done here); a figure that
cannot be pickled is still saved, here; and the helpers are gone when the block ends, however it ends."""

import multiprocessing
import pickle

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

import likertkit  # noqa: E402
from likertkit.charts import files  # noqa: E402

from conftest import ROOT  # noqa: E402

EXAMPLE = ROOT / "examples" / "made-up-survey"


@pytest.fixture(scope="module")
def result():
    frame = pd.read_csv(EXAMPLE / "responses.csv")
    return likertkit.describe(frame, items=EXAMPLE / "items.csv", scale=EXAMPLE / "scale.csv", missing="9")


def charts_of(result) -> dict:
    """A figure of each kind a report draws, from the public functions."""
    return {"diverging": likertkit.plot_diverging(result),
            "stacked": likertkit.plot_stacked_percent(result.percents, result.scale),
            "mean_ci": likertkit.plot_mean_ci(result.statistics, result.scale),
            "heatmap": likertkit.plot_heatmap(result.percents, result.scale)}


def test_helpers_save_the_same_bytes_as_this_process(result, tmp_path):
    figures = charts_of(result)
    alone = {name: files.figure_files(fig, tmp_path / name, notebook="n.ipynb") for name, fig in figures.items()}
    with files.figure_helpers(workers=1) as helpers:
        assert helpers is not None
        helped = {name: files.figure_files(fig, tmp_path / name, notebook="n.ipynb") for name, fig in figures.items()}
    assert helped == alone
    # one helper takes the PDF of each figure: the route is walked, not fallen back from
    assert (helpers.saved_by_helpers, helpers.saved_here) == (len(figures), 0)
    for fig in figures.values():
        plt.close(fig)


def test_two_helpers_take_the_pdf_and_the_png(result, tmp_path):
    fig = likertkit.plot_diverging(result)
    alone = files.figure_files(fig, tmp_path / "d")
    with files.figure_helpers(workers=2) as helpers:
        assert files.figure_files(fig, tmp_path / "d") == alone
    assert helpers.saved_by_helpers == 2
    plt.close(fig)


def test_a_figure_that_cannot_be_pickled_is_saved_here(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.1f} units"))
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(fig)
    alone = files.figure_files(fig, tmp_path / "lambda")
    with files.figure_helpers(workers=1) as helpers:
        assert files.figure_files(fig, tmp_path / "lambda") == alone
    assert helpers.saved_by_helpers == 0
    plt.close(fig)


def test_one_format_is_saved_here(result, tmp_path):
    fig = likertkit.plot_diverging(result)
    with files.figure_helpers(workers=1) as helpers:
        only = files.figure_files(fig, tmp_path / "d", formats="pdf")
    assert list(only) == [tmp_path / "d.pdf"] and helpers.saved_by_helpers == 0
    plt.close(fig)


def test_no_helpers_on_one_core_or_when_asked_for_none_or_for_one_format(monkeypatch):
    before = set(multiprocessing.active_children())
    with files.figure_helpers(workers=0) as helpers:
        assert helpers is None
    with files.figure_helpers(workers=1, formats="png") as helpers:
        assert helpers is None and set(multiprocessing.active_children()) <= before
    monkeypatch.setattr(files.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(files.os, "cpu_count", lambda: 1)
    assert files.helper_count() == 0


def test_the_helpers_stop_when_the_block_is_interrupted():
    """Gone when the block ends, every time: the pool's own thread reaps a helper too, and a block that returned
    before it had done so left the helper listed among this process's children (about one block in 30, on
    2026-12-03's CI), so the block is walked many times."""
    before = set(multiprocessing.active_children())
    for _ in range(40):
        with pytest.raises(KeyboardInterrupt):
            with files.figure_helpers(workers=1) as helpers:
                assert helpers is not None
                assert set(multiprocessing.active_children()) - before, "the helper is started with the block"
                raise KeyboardInterrupt
        assert set(multiprocessing.active_children()) <= before


def test_blocks_nest_and_share_their_helpers():
    with files.figure_helpers(workers=1) as outer:
        with files.figure_helpers(workers=1) as inner:
            assert inner is outer


def test_a_report_saves_every_figures_pdf_in_a_helper(tmp_path):
    """Every figure of the report (its notebook's charts, grouped and weighted) pickles: none is saved here."""
    from likertkit.report import pipeline
    from likertkit.survey import SurveyOptions, load

    survey = load(EXAMPLE / "responses.csv", SurveyOptions(items=EXAMPLE / "items.csv", scale=EXAMPLE / "scale.csv",
                                                           missing="9", group="team", weight="weight"))
    before = set(multiprocessing.active_children())
    with files.figure_helpers(workers=1) as helpers:
        out = pipeline.run_report(survey, tmp_path / "out")
    pdfs = sorted((out / "figures").glob("*.pdf"))
    assert len(pdfs) >= 5
    assert (helpers.saved_by_helpers, helpers.saved_here) == (len(pdfs), 0)
    assert set(multiprocessing.active_children()) <= before
