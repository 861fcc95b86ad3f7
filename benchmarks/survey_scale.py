"""Benchmark: the survey pipeline on a survey the size of the US Federal Employee Viewpoint Survey.

    python benchmarks/survey_scale.py [--respondents 600000] [--items 100]   (make bench [BENCH_RESPONDENTS=...])

Generates a seeded survey (5-point codes, about 2 % blank, 0.5 % "no answer" code 9, five items
answered with text labels, a ``unit`` column of 12 groups) under build/bench/, as one CSV file and as a
folder of Parquet files (one per survey year, five years). A first process reads a small survey, so that
the compiled CSV scanner is compiled and cached before anything is timed, as after the first run of an
install (seconds_first_run). Then, each in a fresh process so that memory is measured for it alone: the
pipeline on the CSV, timing reading + validating (seconds_read), counting and summarising (seconds_summary)
and drawing and saving the chart (seconds_chart); the same with ``GROUP=unit`` (seconds_total_group); the
Parquet folder with ``GROUP=unit`` (seconds_total_parquet_group); what a user would write without us
(pandas ``read_csv`` + ``value_counts`` per item); its peers done the same naive way, polars (``read_csv`` with
every column as text, ``value_counts`` per item) and DuckDB (``read_csv(all_varchar=true)``, ``UNPIVOT``,
``GROUP BY``); and pyarrow's bare ``read_csv`` (the read floor). Every peer's counts of each item's answers are
checked against the pipeline's (counts_verified). The chart is timed beside plot-likert's chart of the same
counts (``plot_counts``, percents with bar labels, the same size and resolution; seconds_chart_plot_likert). The
floor of counting is one vectorised numpy.bincount over the same codes held in memory. seconds_process_* are
the wall times of whole processes (interpreter start and imports included). Writes build/bench.json
(build/bench-N.json for other sizes) and prints a table.

Targets: summary within 3x the floor; read + summary + chart under 20 s and under 2 GB.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

from loechting2020.paths import PROJECT  # the project's folders (dataclasses and pathlib only)

# Each measurement runs in a fresh process of this script (:func:`fresh`), timed whole: so this module imports
# nothing at its top but the standard library, and each measurement imports what it measures, as its user's
# script would. Otherwise every process, the peers' included, would carry likertkit's chart and pandas imports.

SEED = 20201130
BENCH = PROJECT.build / "bench"
LABELS = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
LABEL_ITEMS = 5


def generate_codes(respondents, items):
    """The survey's codes as an int8 matrix: 1-5, 0 = blank, 9 = declared missing (seeded)."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    codes = np.empty((respondents, items), dtype=np.int8)
    for j in range(items):
        weights = rng.dirichlet(np.full(5, 2.0))
        column = rng.choice(np.arange(1, 6, dtype=np.int8), size=respondents, p=weights)
        u = rng.random(respondents)
        column[u < 0.02] = 0
        column[(u >= 0.02) & (u < 0.025)] = 9
        codes[:, j] = column
    return codes


YEARS = 5  # the Parquet folder holds one file per survey year
UNITS = 12  # groups in the unit column


def write_survey(codes, folder):
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyarrow import csv as pa_csv

    respondents, items = codes.shape
    names = [f"q{j + 1:03d}" for j in range(items)]
    units = np.random.default_rng(SEED + 1).integers(1, UNITS + 1, size=respondents)
    columns = {"respondent_id": pa.array([f"R{i:07d}" for i in range(respondents)]),
               "unit": pa.array(np.char.add("Unit ", np.char.zfill(units.astype(str), 2)))}
    for j, name in enumerate(names):
        column = codes[:, j]
        if j < LABEL_ITEMS:  # these items carry text labels instead of codes
            text = np.array([""] + LABELS + ["", "", "", "9"], dtype=object)
            columns[name] = pa.array(text[column])
        else:
            columns[name] = pa.array(column.astype(np.int16), mask=column == 0)
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.table(columns)
    pa_csv.write_csv(table, folder / "responses.csv")
    year_of = np.arange(respondents) * YEARS // respondents
    for year in range(YEARS):
        part = folder / "responses-parquet" / f"year={2021 + year}"
        part.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.filter(pa.array(year_of == year)), part / "part-0.parquet")
    (folder / "items.csv").write_text("item,label,group\n" + "".join(
        f"{name},Statement number {j + 1},Block {j // 20 + 1}\n" for j, name in enumerate(names)))
    (folder / "scale.csv").write_text("code,label\n" + "".join(f"{code},{label}\n" for code, label in enumerate(LABELS, start=1)))


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started (Linux: ``VmHWM``). Not ``ru_maxrss``: on Linux a
    child inherits the peak of the parent that forked it, here the generator's."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(folder):
    """Run in a fresh process: read, summarise and chart; print timings and peak memory as JSON."""
    import matplotlib

    matplotlib.use("Agg")
    from likertkit import charts, stats
    from likertkit.counting.count import count_survey
    from likertkit.io.responses import check_unique_ids
    from likertkit.survey import SurveyOptions, read_survey

    start = time.perf_counter()
    scale, missing, items, responses = read_survey(folder / "responses.csv", SurveyOptions(
        items=folder / "items.csv", scale=folder / "scale.csv", missing="9"))
    check_unique_ids(responses)
    read_done = time.perf_counter()
    survey = count_survey(responses, items, scale, missing, folder / "items.csv")
    del responses  # as in the report, only the tidy counts go on
    stats.describe_items(survey.counts, survey.items, scale)
    stats.item_statistics(survey.counts, survey.items, scale)
    summary_done = time.perf_counter()
    charts.apply_style()
    fig = charts.plot_diverging(survey.counts, survey.items, scale, title="Benchmark survey")
    (folder / "chart.png").write_bytes(charts.figure_bytes(fig, "png"))
    chart_done = time.perf_counter()
    _write_counts(folder, "likertkit", {(item, str(code)): int(count) for item, code, count in
                                        survey.counts[["item", "code", "count"]].itertuples(index=False)})
    print(json.dumps(dict(seconds_read=read_done - start, seconds_summary=summary_done - read_done,
                          seconds_chart=chart_done - summary_done,
                          peak_rss_mb=peak_rss_mb())))


def _write_counts(folder, who, tallies):
    """``{(item, answer text): count}`` as JSON, after the timing, for :func:`verify_counts`."""
    (folder / f"counts-{who}.json").write_text(json.dumps([[item, text, n] for (item, text), n in tallies.items()]))


def verify_counts(folder, peers) -> bool:
    """Every peer's count of each item's answers on the scale (codes, or their labels) equals the pipeline's."""
    code_of = {**{str(code): str(code) for code in range(1, 6)}, **{label: str(code) for code, label in
                                                                    enumerate(LABELS, start=1)}}
    expected = {(item, text): n for item, text, n in json.loads((folder / "counts-likertkit.json").read_text()) if n}
    for peer in peers:
        found = {}
        for item, text, n in json.loads((folder / f"counts-{peer}.json").read_text()):
            if text is not None and str(text).strip() in code_of:
                key = (item, code_of[str(text).strip()])
                found[key] = found.get(key, 0) + n
        if found != expected:
            differ = sorted(set(found.items()) ^ set(expected.items()))[:3]
            raise SystemExit(f"error: {peer}'s counts differ from likertkit's, e.g. {differ}")
    return True


def _item_names(folder) -> list:
    return [line.split(",")[0] for line in (folder / "items.csv").read_text().splitlines()[1:]]


def measure_polars_naive(folder):
    """polars, the naive way: every column read as text, ``value_counts`` per item (fresh process)."""
    import polars as pl

    start = time.perf_counter()
    frame = pl.read_csv(folder / "responses.csv", infer_schema=False)
    tallies = {item: frame[item].value_counts() for item in _item_names(folder)}
    seconds = time.perf_counter() - start
    _write_counts(folder, "polars", {(item, text): int(n) for item, table in tallies.items()
                                     for text, n in table.iter_rows()})
    print(json.dumps(dict(seconds=seconds, peak_rss_mb=peak_rss_mb())))


def measure_duckdb_naive(folder):
    """DuckDB, the naive way: ``read_csv(all_varchar=true)``, every item unpivoted, ``GROUP BY`` (fresh process).
    UNPIVOT drops blank answers (NULL), which are not on the scale anyway."""
    import duckdb

    items = ", ".join(f'"{item}"' for item in _item_names(folder))
    start = time.perf_counter()
    rows = duckdb.sql(f"""SELECT item, answer, count(*) FROM (
                             UNPIVOT (SELECT {items} FROM read_csv('{folder / "responses.csv"}', all_varchar = true))
                             ON {items} INTO NAME item VALUE answer)
                          GROUP BY item, answer""").fetchall()
    seconds = time.perf_counter() - start
    _write_counts(folder, "duckdb", {(item, text): int(n) for item, text, n in rows})
    print(json.dumps(dict(seconds=seconds, peak_rss_mb=peak_rss_mb())))


def measure_polars(folder):
    """polars as its users write it: a lazy ``scan_csv`` with every column as text, one ``unpivot`` of the items and
    ``group_by().len()``, collected on the streaming engine (fresh process)."""
    import polars as pl

    start = time.perf_counter()
    tallies = (pl.scan_csv(folder / "responses.csv", infer_schema=False).select(_item_names(folder))
               .unpivot(variable_name="item", value_name="answer").group_by("item", "answer").len()
               .collect(engine="streaming"))
    seconds = time.perf_counter() - start
    _write_counts(folder, "polars-lazy", {(item, text): int(n) for item, text, n in tallies.iter_rows()})
    print(json.dumps(dict(seconds=seconds, peak_rss_mb=peak_rss_mb())))


def measure_read_count(folder):
    """likertkit's read, check and count (``likertkit.survey.load``) and its item statistics, no chart: the work a
    command-line user waits for, timed as a whole process by :func:`fresh` (fresh process)."""
    from likertkit import stats
    from likertkit.survey import SurveyOptions, load

    start = time.perf_counter()
    survey = load(folder / "responses.csv", SurveyOptions(items=folder / "items.csv", scale=folder / "scale.csv",
                                                          missing="9"))
    stats.item_statistics(survey.counts, survey.items, survey.scale)
    print(json.dumps(dict(seconds=time.perf_counter() - start, peak_rss_mb=peak_rss_mb())))


def measure_bare_figure(folder):
    """The floor of a report: a process that imports pandas and matplotlib and saves one figure (fresh process)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas  # noqa: F401

    fig, ax = plt.subplots(figsize=(11, 4))
    ax.barh(["q1", "q2", "q3"], [40, 55, 70])
    fig.savefig(folder / "bare-figure.png", dpi=200)
    print(json.dumps(dict(seconds=0.0)))


def measure_plot_likert(folder):
    """plot-likert's chart of the same counts (its ``plot_counts``: percents of each item's answers, bar labels),
    saved as a 200 dpi PNG at the pipeline's chart size. plot-likert 0.5.0 calls ``DataFrame.applymap``, which
    pandas 3 removed: it is given ``DataFrame.map``, the same function under its new name; its own conversion to
    percents indexes rows by position, which pandas 3 refuses, so the percents are given to it."""
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    pd.DataFrame.applymap = pd.DataFrame.map
    import plot_likert

    counts = json.loads((folder / "counts-likertkit.json").read_text())
    table = pd.DataFrame(counts, columns=["item", "code", "n"]).pivot(index="item", columns="code", values="n")
    table = table[[str(code) for code in range(1, 6)]].set_axis(LABELS, axis=1)
    table.index = [f"Statement number {int(item[1:])}" for item in table.index]
    height = _pipeline_chart_inches(folder)
    start = time.perf_counter()
    percents = table.div(table.sum(axis=1), axis=0) * 100  # its own percentages index rows by position: pandas 3
    with warnings.catch_warnings():  # fails there, and its older parameter for percents given is deprecated
        warnings.simplefilter("ignore", FutureWarning)
        ax = plot_likert.plot_counts(percents, LABELS, plot_percentage=True, bar_labels=True, figsize=(11, height))
    ax.figure.savefig(folder / "chart-plot-likert.png", dpi=200)
    print(json.dumps(dict(seconds=time.perf_counter() - start, peak_rss_mb=peak_rss_mb())))


def _pipeline_chart_inches(folder) -> float:
    """The height of the pipeline's chart, read from its PNG (200 dpi), so both charts have the same size."""
    import struct

    with open(folder / "chart.png", "rb") as png:
        header = png.read(24)
    return struct.unpack(">I", header[20:24])[0] / 200


def measure_grouped(survey_path, folder):
    """Run in a fresh process: read and count with GROUP=unit (tallies per group, tests between groups)."""
    from likertkit.survey import load_survey

    start = time.perf_counter()
    survey = load_survey(survey_path, folder / "items.csv", folder / "scale.csv", "9", group="unit")
    print(json.dumps(dict(seconds=time.perf_counter() - start, groups=len(survey.group_sizes),
                          peak_rss_mb=peak_rss_mb())))


def measure_first_run(folder):
    """Run in a fresh process: a small survey through the pipeline, with GROUP=unit (compiles the CSV scanner and
    its group tally if they are not cached)."""
    from likertkit.io import scan
    from likertkit.survey import load_survey

    scan.COMPILE_FROM_BYTES = 0  # a small file, read by the scanner all the same, so that its kernels are compiled

    small = folder / "small.csv"
    small.write_bytes(b"".join((folder / "responses.csv").open("rb").readlines()[:200]))
    start = time.perf_counter()
    load_survey(small, folder / "items.csv", folder / "scale.csv", "9", group="unit")
    print(json.dumps(dict(seconds=time.perf_counter() - start)))


def measure_pandas_naive(folder):
    """What a user would write without us: ``pandas.read_csv`` and ``value_counts`` per item (fresh process)."""
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(folder / "responses.csv")
    items = pd.read_csv(folder / "items.csv")["item"]
    tallies = {item: frame[item].value_counts(dropna=False) for item in items}
    print(json.dumps(dict(seconds=time.perf_counter() - start, n_tallies=len(tallies),
                          peak_rss_mb=peak_rss_mb())))


def measure_read_floor(folder):
    """The bare read: pyarrow's multi-threaded ``read_csv`` with inferred types, nothing else (fresh process)."""
    from pyarrow import csv as pa_csv

    start = time.perf_counter()
    table = pa_csv.read_csv(folder / "responses.csv")
    print(json.dumps(dict(seconds=time.perf_counter() - start, rows=table.num_rows,
                          peak_rss_mb=peak_rss_mb())))


# Modes run with something taken away: the pure-pyarrow path is likertkit without its compiled scanner (numba).
PURE = "read-count-pure"


def fresh(mode, folder) -> dict:
    """Run one measurement in a fresh Python process and return what it printed, with the process's wall time."""
    env = dict(os.environ, LIKERTKIT_NO_NUMBA="1") if mode == PURE else None
    start = time.perf_counter()
    run = subprocess.run([sys.executable, __file__, f"--{mode.removesuffix('-pure')}", str(folder)], check=True,
                         capture_output=True, text=True, env=env)
    return json.loads(run.stdout.splitlines()[-1]) | dict(seconds_process=time.perf_counter() - start)


def command_seconds(command: list, cwd=None) -> float:
    """The wall time of one whole command, as its user waits for it."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - start


def small_report_seconds(folder) -> tuple[float, float, float]:
    """``likertkit report`` on the made-up example (40 respondents, 7 items, every figure and the HTML page), the
    bare floor beside it (:func:`measure_bare_figure`), and the same report with ``--formats=png``, in the same
    minutes."""
    example = Path(__file__).resolve().parents[1] / "examples" / "made-up-survey"  # the checkout's, under make test too
    command = [sys.executable, "-m", "likertkit", "report", str(example / "responses.csv"),
               f"--items={example / 'items.csv'}", f"--scale={example / 'scale.csv'}", "--missing=9", "--overwrite"]
    report = command_seconds([*command, f"--out={folder / 'small-report'}"])
    bare = command_seconds([sys.executable, __file__, "--bare-figure", str(folder)])
    png_only = command_seconds([*command, f"--out={folder / 'small-report-png'}", "--formats=png"])
    return report, bare, png_only


ROUNDS = 3  # rounds of fresh processes at the default size; the 10x case runs once


def best(runs: list) -> dict:
    """The round with the least time for the work measured (``seconds_read + seconds_summary`` or ``seconds``)."""
    return min(runs, key=lambda run: run.get("seconds", run.get("seconds_read", 0) + run.get("seconds_summary", 0)))


def machine() -> str:
    """Cores and processor, for the record."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    return f"{os.cpu_count()} cores, {model or 'processor unknown'}, Python {sys.version.split()[0]}"


def floor_seconds(codes, repeats=3):
    """One vectorised counting pass over the codes in memory: numpy.bincount with a per-column offset."""
    import numpy as np

    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        offsets = np.arange(codes.shape[1], dtype=np.int64) * 10
        np.bincount((codes + offsets).ravel(), minlength=10 * codes.shape[1])
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    from_make = os.environ.get("LIKERTKIT_BENCH_RESPONDENTS", "").strip()  # make bench BENCH_RESPONDENTS=...
    if from_make and not from_make.isdigit():
        raise SystemExit(f"error: BENCH_RESPONDENTS: {from_make!r} is not a whole number")
    parser.add_argument("--respondents", type=int, default=int(from_make or 600_000))
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--rounds", type=int, help="rounds of fresh processes (default: 3, or 1 above 1,000,000)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pandas-naive", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--read-floor", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--grouped-csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--grouped-parquet", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--first-run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--polars-naive", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--duckdb-naive", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plot-likert", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--polars", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--read-count", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bare-figure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    for mode, run_mode in ((args.measure, measure), (args.pandas_naive, measure_pandas_naive),
                           (args.polars_naive, measure_polars_naive), (args.duckdb_naive, measure_duckdb_naive),
                           (args.plot_likert, measure_plot_likert), (args.polars, measure_polars),
                           (args.read_count, measure_read_count), (args.bare_figure, measure_bare_figure),
                           (args.read_floor, measure_read_floor), (args.first_run, measure_first_run),
                           (args.grouped_csv, lambda f: measure_grouped(f / "responses.csv", f)),
                           (args.grouped_parquet, lambda f: measure_grouped(f / "responses-parquet", f))):
        if mode:
            return run_mode(mode)

    folder = BENCH / f"survey-{args.respondents}x{args.items}-seed{SEED}-units{UNITS}"
    codes = generate_codes(args.respondents, args.items)
    if not (folder / "responses-parquet").exists():
        print(f"generating {folder.relative_to(PROJECT.root)} ...", flush=True)
        write_survey(codes, folder)
    first_run = fresh("first-run", folder)
    floor = floor_seconds(codes)
    del codes
    rounds = args.rounds or (ROUNDS if args.respondents <= 1_000_000 else 1)
    print(f"timing, best of {rounds} round(s), each process fresh ...", flush=True)
    runs = {mode: [] for mode in ("measure", "pandas-naive", "read-floor", "grouped-csv", "grouped-parquet",
                                  "polars-naive", "duckdb-naive", "plot-likert", "polars", "read-count", PURE)}
    reports, helps = [], []
    for _ in range(rounds):  # interleaved, so that a slow minute of the machine hits every contender
        for mode, done in runs.items():
            done.append(fresh(mode, folder))
        reports.append(small_report_seconds(folder))
        helps.append(command_seconds([sys.executable, "-m", "likertkit", "--help"]))
    (measured, naive, read_floor, grouped, parquet, polars, duck, plot_likert, polars_lazy, read_count,
     pure) = (best(done) for done in runs.values())
    whole = {name: min(run["seconds_process"] for run in runs[mode])
             for name, mode in (("likertkit", "read-count"), ("pure", PURE), ("pandas", "pandas-naive"),
                                ("polars", "polars"), ("duckdb", "duckdb-naive"))}
    report, bare, png_only = min(reports, key=lambda times: times[0] / times[1])
    counts_verified = verify_counts(folder, ("polars", "duckdb", "polars-lazy"))
    result = dict(respondents=args.respondents, items=args.items, **measured, seconds_floor=floor, rounds=rounds)
    result.update(seconds_total=result["seconds_read"] + result["seconds_summary"],
                  seconds_pandas_naive=naive["seconds"], peak_rss_mb_pandas_naive=naive["peak_rss_mb"],
                  seconds_read_floor=read_floor["seconds"], peak_rss_mb_read_floor=read_floor["peak_rss_mb"],
                  seconds_total_group=grouped["seconds"], peak_rss_mb_group=grouped["peak_rss_mb"],
                  seconds_total_parquet_group=parquet["seconds"], peak_rss_mb_parquet_group=parquet["peak_rss_mb"],
                  seconds_first_run=first_run["seconds"], seconds_process_likertkit=measured["seconds_process"],
                  seconds_process_pandas_naive=naive["seconds_process"], machine=machine(),
                  seconds_polars_naive=polars["seconds"], peak_rss_mb_polars_naive=polars["peak_rss_mb"],
                  seconds_duckdb_naive=duck["seconds"], peak_rss_mb_duckdb_naive=duck["peak_rss_mb"],
                  counts_verified=counts_verified, seconds_chart_plot_likert=plot_likert["seconds"],
                  seconds_polars_lazy=polars_lazy["seconds"], peak_rss_mb_polars_lazy=polars_lazy["peak_rss_mb"],
                  seconds_read_count_pure=pure["seconds"], seconds_read_count=read_count["seconds"],
                  seconds_process_read_count=whole["likertkit"], seconds_process_read_count_pure=whole["pure"],
                  seconds_process_pandas=whole["pandas"], seconds_process_polars_lazy=whole["polars"],
                  seconds_process_duckdb=whole["duckdb"],
                  ratio_process_vs_pandas=whole["likertkit"] / whole["pandas"],
                  ratio_process_vs_polars_lazy=whole["likertkit"] / whole["polars"],
                  seconds_help=min(helps), seconds_small_report=report, seconds_bare_figure_process=bare,
                  ratio_small_report_vs_bare=report / bare, seconds_small_report_png=png_only,
                  ratio_small_report_png_vs_bare=png_only / bare)
    result = {key: result[key] for key in ("respondents", "items", "seconds_read", "seconds_summary", "seconds_chart",
                                           "seconds_floor", "peak_rss_mb", "seconds_total", "seconds_pandas_naive",
                                           "peak_rss_mb_pandas_naive", "seconds_read_floor", "peak_rss_mb_read_floor",
                                           "seconds_total_group", "peak_rss_mb_group", "seconds_total_parquet_group",
                                           "peak_rss_mb_parquet_group", "seconds_first_run",
                                           "seconds_process_likertkit", "seconds_process_pandas_naive",
                                           "seconds_polars_naive", "peak_rss_mb_polars_naive", "seconds_duckdb_naive",
                                           "peak_rss_mb_duckdb_naive", "counts_verified", "seconds_chart_plot_likert",
                                           "seconds_polars_lazy", "peak_rss_mb_polars_lazy", "seconds_read_count",
                                           "seconds_read_count_pure", "seconds_process_read_count",
                                           "seconds_process_read_count_pure", "seconds_process_pandas",
                                           "seconds_process_polars_lazy", "seconds_process_duckdb",
                                           "ratio_process_vs_pandas", "ratio_process_vs_polars_lazy", "seconds_help",
                                           "seconds_small_report", "seconds_bare_figure_process",
                                           "ratio_small_report_vs_bare", "seconds_small_report_png",
                                           "ratio_small_report_png_vs_bare", "rounds",
                                           "machine")}
    name = "bench.json" if args.respondents == 600_000 and args.items == 100 else f"bench-{args.respondents}.json"
    (PROJECT.build / name).write_text(json.dumps(result, indent=2) + "\n")

    total = result["seconds_read"] + result["seconds_summary"] + result["seconds_chart"]
    ratio = result["seconds_summary"] / result["seconds_floor"]
    print(f"{args.respondents:,} respondents x {args.items} items")
    for label, value, target in (("read + validate", result["seconds_read"], ""),
                                 ("summary", result["seconds_summary"], f"{ratio:.1f}x floor (target <= 3x)"),
                                 ("chart", result["seconds_chart"], ""),
                                 ("floor (numpy.bincount)", result["seconds_floor"], ""),
                                 ("whole run", total, "target < 20 s")):
        print(f"  {label:24s} {value:7.2f} s   {target}")
    print(f"  {'peak memory':24s} {result['peak_rss_mb']:7.0f} MB  target < 2048 MB")
    print("side by side, each in a fresh process on the same file:")
    print(f"  {'':34s} {'seconds':>8s} {'peak MB':>8s}")
    for label, seconds, mb in (("likertkit: read + validate + count", result["seconds_total"], result["peak_rss_mb"]),
                               ("  the same with GROUP=unit", result["seconds_total_group"], result["peak_rss_mb_group"]),
                               ("  Parquet folder, GROUP=unit", result["seconds_total_parquet_group"],
                                result["peak_rss_mb_parquet_group"]),
                               ("pandas read_csv + value_counts", result["seconds_pandas_naive"],
                                result["peak_rss_mb_pandas_naive"]),
                               ("polars read_csv (text) + value_counts", result["seconds_polars_naive"],
                                result["peak_rss_mb_polars_naive"]),
                               ("DuckDB read_csv + UNPIVOT + GROUP BY", result["seconds_duckdb_naive"],
                                result["peak_rss_mb_duckdb_naive"]),
                               ("pyarrow read_csv alone (floor)", result["seconds_read_floor"],
                                result["peak_rss_mb_read_floor"])):
        print(f"  {label:34s} {seconds:8.2f} {mb:8.0f}")
    print(f"  whole processes (start, imports, work): likertkit {result['seconds_process_likertkit']:.2f} s "
          f"(with the chart), pandas {result['seconds_process_pandas_naive']:.2f} s; first run after install: "
          f"{result['seconds_first_run']:.2f} s for 200 rows with GROUP")
    print(f"  likertkit / pandas: {result['seconds_total'] / result['seconds_pandas_naive']:.2f}x time, "
          f"{result['peak_rss_mb'] / result['peak_rss_mb_pandas_naive']:.2f}x memory (targets <= 0.5x; the chart is "
          "timed apart)")
    print(f"  every peer's counts equal likertkit's: {result['counts_verified']}; the chart: likertkit "
          f"{result['seconds_chart']:.2f} s, plot-likert {result['seconds_chart_plot_likert']:.2f} s for the same counts")
    print("whole processes, as a command-line user waits (interpreter start and imports included):")
    for label, seconds in (("likertkit read + check + count + statistics", result["seconds_process_read_count"]),
                           ("  the same without numba (pure pyarrow)", result["seconds_process_read_count_pure"]),
                           ("pandas read_csv + value_counts", result["seconds_process_pandas"]),
                           ("polars scan_csv + unpivot + group_by().len()", result["seconds_process_polars_lazy"]),
                           ("DuckDB read_csv + UNPIVOT + GROUP BY", result["seconds_process_duckdb"])):
        print(f"  {label:46s} {seconds:8.2f} s")
    print(f"  likertkit / pandas {result['ratio_process_vs_pandas']:.2f}x (target <= 0.6x), likertkit / polars "
          f"{result['ratio_process_vs_polars_lazy']:.2f}x (target <= 0.8x)")
    print(f"likertkit --help: {result['seconds_help']:.2f} s; the made-up example's whole report: "
          f"{result['seconds_small_report']:.2f} s against a bare process saving one figure "
          f"{result['seconds_bare_figure_process']:.2f} s ({result['ratio_small_report_vs_bare']:.1f}x, target <= 2x); "
          f"with --formats=png {result['seconds_small_report_png']:.2f} s ({result['ratio_small_report_png_vs_bare']:.1f}x)")
    print(f"written: {(PROJECT.build / name).relative_to(PROJECT.root)}")


if __name__ == "__main__":
    main()
