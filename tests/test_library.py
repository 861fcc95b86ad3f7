"""likertkit as a library (issue 31): a survey in memory described with ``likertkit.describe``, the same numbers as
``likertkit report`` writes (byte for byte), checked again against pandas and statsmodels; its chart drawn from the
result; and a report run in this process that leaves its caller's process as it found it."""

import builtins
import doctest
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

import likertkit
from likertkit.errors import InputError
from likertkit.io.files import write_outputs

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "made-up-survey"

# Each table likertkit report writes to data/processed/, by the Description field that holds it.
REPORT_TABLES = {"counts": "counts", "items": "items", "scale": "scale", "weighted": "weighted",
                 "group_counts": "group_counts", "group_sizes": "group_sizes", "group_tests": "group_tests",
                 "pairwise_tests": "pairwise_tests", "constructs": "constructs", "item_analysis": "item_analysis",
                 "construct_means": "construct_means", "percents": "table1", "statistics": "item_statistics"}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(EXAMPLE / "responses.csv"),
                          f"--items={EXAMPLE / 'items.csv'}", f"--scale={EXAMPLE / 'scale.csv'}", "--missing=9",
                          "--group=team", "--weight=weight", f"--out={out}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out


def test_describe_on_a_dataframe_gives_the_reports_tables_byte_for_byte(report, tmp_path):
    frame = pd.read_csv(EXAMPLE / "responses.csv")  # as a researcher reads it: numbers as numbers, blanks as NaN
    result = likertkit.describe(frame, items=EXAMPLE / "items.csv", scale=EXAMPLE / "scale.csv", missing="9",
                                group="team", weight="weight")
    assert (result.group, result.weight, result.n_respondents) == ("team", "weight", 40)
    written = {name: report / "data" / "processed" / f"{stem}.csv" for name, stem in REPORT_TABLES.items()}
    present = {name: path for name, path in written.items() if path.exists()}
    assert set(written) - set(present) <= {"pairwise_tests"}, "every table but the optional one was written"
    mine = write_outputs({tmp_path / f"{name}.csv": getattr(result, name) for name in present})
    for name, path in present.items():
        assert (tmp_path / f"{name}.csv").read_bytes() == path.read_bytes(), name
    assert len(mine) == len(present)


def test_describe_on_ordered_categoricals_matches_pandas_and_statsmodels():
    rng = np.random.default_rng(7)
    levels = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
    raw = {f"q{i}": rng.choice(levels + [None], size=150, p=[0.1, 0.15, 0.2, 0.3, 0.2, 0.05]) for i in range(1, 5)}
    frame = pd.DataFrame({name: pd.Categorical(values, categories=levels, ordered=True)
                          for name, values in raw.items()})
    result = likertkit.describe(frame)
    assert list(result.scale["label"]) == levels and list(result.items["item"]) == list(raw)
    for item, values in raw.items():
        answered = pd.Series(values).dropna()
        row = result.statistics.set_index("item").loc[item]
        upper = answered.isin(levels[3:]).sum()
        assert row["n_valid"] == len(answered)
        assert row["pct_agree"] == pytest.approx(100 * upper / len(answered))
        low, high = proportion_confint(upper, len(answered), alpha=0.05, method="wilson")
        assert (row["pct_agree_ci_low"], row["pct_agree_ci_high"]) == pytest.approx((100 * low, 100 * high))
        codes = answered.map({label: k for k, label in enumerate(levels, start=1)})
        assert row["mean"] == pytest.approx(codes.mean()) and row["sd"] == pytest.approx(codes.std())
        counted = result.counts[result.counts["item"] == item].set_index("category")["count"]
        assert counted.to_dict() == {label: int((answered == label).sum()) for label in levels}


def test_describe_takes_a_scale_as_labels_and_names_the_row_of_a_bad_answer():
    frame = pd.DataFrame({"id": ["a", "b", "c"], "q1": ["Agree", "disagree ", "Agree"], "q2": [2, 1, 2]})
    result = likertkit.describe(frame, items=["q1", "q2"], scale=["Disagree", "Agree"], id="id")
    assert result.counts["count"].tolist() == [1, 2, 1, 2]
    with pytest.raises(InputError) as err:
        likertkit.describe(frame.assign(q2=[2, 7, 2]), items=["q1", "q2"], scale=["Disagree", "Agree"], id="id")
    assert "the DataFrame" in str(err.value) and "'q2'" in str(err.value) and "'7'" in str(err.value)
    assert "respondent b" in str(err.value)


def test_plot_diverging_draws_a_description_as_a_figure():
    frame = pd.read_csv(EXAMPLE / "responses.csv")
    result = likertkit.describe(frame, items=EXAMPLE / "items.csv", scale=EXAMPLE / "scale.csv", missing="9",
                                weight="weight")
    fig = likertkit.plot_diverging(result, palette="PuOr")
    assert isinstance(fig, matplotlib.figure.Figure) and fig.likertkit_drawn_by == "likertkit.charts.plot_diverging"
    from likertkit.charts import row_labels

    assert len(row_labels(fig.axes[0], "item")) == len(result.items)
    weighted = likertkit.plot_diverging(result, weighted=True)
    assert isinstance(weighted, matplotlib.figure.Figure)
    with pytest.raises(ValueError, match="weight"):
        likertkit.plot_diverging(likertkit.describe(frame, items=EXAMPLE / "items.csv", scale=EXAMPLE / "scale.csv",
                                                    missing="9"), weighted=True)
    with pytest.raises(ValueError, match="palette 'Nope'"):
        likertkit.plot_diverging(result, palette="Nope")


def test_a_report_in_this_process_leaves_the_callers_process_as_it_was(tmp_path):
    import matplotlib.pyplot as plt

    from likertkit.report import pipeline
    from likertkit.survey import load_survey

    rc_before = dict(matplotlib.rcParams)
    float_format = pd.get_option("display.float_format")
    main, displayhook, excepthook = sys.modules["__main__"], sys.displayhook, sys.excepthook
    had_ipython = hasattr(builtins, "__IPYTHON__")
    figures = plt.get_fignums()
    survey = load_survey(EXAMPLE / "responses.csv", EXAMPLE / "items.csv", EXAMPLE / "scale.csv", missing="9")
    pipeline.run_report(survey, tmp_path / "out")
    assert dict(matplotlib.rcParams) == rc_before
    assert pd.get_option("display.float_format") is float_format
    assert (sys.modules["__main__"], sys.displayhook, sys.excepthook) == (main, displayhook, excepthook)
    assert hasattr(builtins, "__IPYTHON__") == had_ipython and not hasattr(builtins, "display")
    assert plt.get_fignums() == figures, "every figure the report drew is closed"
    from IPython.core.interactiveshell import InteractiveShell

    assert not InteractiveShell.initialized()


def test_the_api_page_runs(tmp_path, monkeypatch):
    """docs/api.md's examples, run as doctests (in a scratch folder: one example names files)."""
    monkeypatch.chdir(tmp_path)
    failed, attempted = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                                         optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted >= 10 and failed == 0


def test_the_formulas_written_out_equal_statsmodels_scipy_and_pingouin_exactly():
    """Wilson's interval, Student's t quantile and Cronbach's alpha with Feldt's interval are computed with
    scipy.special (importing statsmodels, scipy.stats and pingouin took seconds): the same floats, bit for bit."""
    import pingouin
    from scipy import stats as scipy_stats

    from likertkit.stats.items import _t_quantile, wilson_interval
    from likertkit.stats.reliability import _alpha

    rng = np.random.default_rng(11)
    n = rng.integers(1, 3000, 2000)
    k = rng.integers(0, n + 1)
    for mine, theirs in zip(wilson_interval(k, n, 0.95), proportion_confint(k, n, alpha=1 - 0.95, method="wilson"),
                            strict=True):
        assert np.array_equal(mine, theirs)
    df = rng.integers(1, 5000, 2000).astype(float)
    assert np.array_equal(_t_quantile(0.975, df), scipy_stats.t.ppf(0.975, df))
    for _ in range(100):
        rows, columns = int(rng.integers(3, 90)), int(rng.integers(2, 9))
        answers = np.clip(rng.integers(1, 6, (rows, 1)) + rng.integers(-1, 2, (rows, columns)), 1, 5).astype(float)
        answers[rng.random((rows, columns)) < 0.05] = np.nan
        frame = pd.DataFrame(answers)
        alpha, (low, high) = pingouin.cronbach_alpha(frame, nan_policy="pairwise", ci=0.95)
        assert _alpha(frame) == (alpha, low, high)


NO_NUMBA = """
import json, sys
sys.modules["numba"] = None  # as where the extra likertkit[fast] is not installed
from likertkit.io import scan
assert not scan.COMPILED
from likertkit import describe
result = describe(sys.argv[1], items=sys.argv[2], scale=sys.argv[3], missing="9", group="team", weight="weight")
print(json.dumps({name: getattr(result, name).to_csv(index=False) for name in sys.argv[4:]}))
"""

# Quoted fields, a line break and a comma inside a quoted note, CRLF line ends, a label in place of a code.
AWKWARD = ('respondent_id,q1,q2,team,weight,note\r\n"r1","1",2,North,1.5,"fine"\r\nr2,4,"3",South,0.5,"two\r\nlines, '
           'and a comma"\r\nr3,Agree,9,North,1,\r\nr4,,1,"South",2,""\r\nr5,2,4,East,1,"say ""hi"""\r\n')


def test_without_numba_the_survey_is_counted_to_the_same_tables(tmp_path):
    """The pure-pyarrow path (no compiled scanner: Arrow's reader and NumPy's tallies) gives the tables the
    scanner gives: on the example, and on a CSV of quoted fields, a line break inside quotes and CRLF endings."""
    import io
    import json

    (tmp_path / "awkward.csv").write_bytes(AWKWARD.encode())
    (tmp_path / "items.csv").write_text("item,label,group\nq1,First,\nq2,Second,\n")
    names = ["counts", "items", "statistics", "weighted", "group_counts", "group_sizes", "group_tests"]
    for survey, items in ((EXAMPLE / "responses.csv", EXAMPLE / "items.csv"), (tmp_path / "awkward.csv",
                                                                              tmp_path / "items.csv")):
        compiled = likertkit.describe(survey, items=items, scale=EXAMPLE / "scale.csv", missing="9", group="team",
                                      weight="weight", min_group=1)
        run = subprocess.run([sys.executable, "-c", NO_NUMBA.replace('weight="weight")', 'weight="weight", min_group=1)'),
                              str(survey), str(items), str(EXAMPLE / "scale.csv"), *names], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        pure = json.loads(run.stdout)
        for name in names:
            expected = getattr(compiled, name)
            assert expected is not None and len(expected), name
            pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(pure[name])),
                                          pd.read_csv(io.StringIO(expected.to_csv(index=False))), rtol=1e-12)


def test_holm_equals_statsmodels_exactly():
    """Holm's adjustment written out (statsmodels collects all garbage on every call: seconds per grouped survey)."""
    from statsmodels.stats.multitest import multipletests

    from likertkit.stats.groups import holm

    rng = np.random.default_rng(5)
    for size in (1, 2, 3, 10, 100):
        for _ in range(50):
            p = rng.random(size) ** 3
            p[rng.random(size) < 0.2] = p[0]  # ties
            assert np.array_equal(holm(p), multipletests(p, method="holm")[1])
