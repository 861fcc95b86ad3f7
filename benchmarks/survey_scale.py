"""Benchmark: the survey pipeline on a survey the size of the US Federal Employee Viewpoint Survey.

    python benchmarks/survey_scale.py [--respondents 600000] [--items 100]

Generates a seeded survey (5-point codes, about 2 % blank, 0.5 % "no answer" code 9, five items
answered with text labels) under build/bench/, then, in a fresh process so that memory is measured
for the pipeline alone, times reading + validating (seconds_read), counting and summarising
(seconds_summary), and drawing and saving the chart (seconds_chart). The floor is one vectorised
numpy.bincount over the same codes held in memory. Writes build/bench.json and prints a table.

Targets: summary within 3x the floor; read + summary + chart under 20 s and under 2 GB.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
from pyarrow import csv as pa_csv

from likertkit.paths import PROJECT

SEED = 20201130
BENCH = PROJECT.build / "bench"
LABELS = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
LABEL_ITEMS = 5


def generate_codes(respondents, items):
    """The survey's codes as an int8 matrix: 1-5, 0 = blank, 9 = declared missing (seeded)."""
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


def write_survey(codes, folder):
    respondents, items = codes.shape
    names = [f"q{j + 1:03d}" for j in range(items)]
    columns = {"respondent_id": pa.array([f"R{i:07d}" for i in range(respondents)])}
    for j, name in enumerate(names):
        column = codes[:, j]
        if j < LABEL_ITEMS:  # these items carry text labels instead of codes
            text = np.array([""] + LABELS + ["", "", "", "9"], dtype=object)
            columns[name] = pa.array(text[column])
        else:
            columns[name] = pa.array(column.astype(np.int16), mask=column == 0)
    folder.mkdir(parents=True, exist_ok=True)
    pa_csv.write_csv(pa.table(columns), folder / "responses.csv")
    (folder / "items.csv").write_text("item,label,group\n" + "".join(
        f"{name},Statement number {j + 1},Block {j // 20 + 1}\n" for j, name in enumerate(names)))
    (folder / "scale.csv").write_text("code,label\n" + "".join(f"{c},{l}\n" for c, l in enumerate(LABELS, start=1)))


def measure(folder):
    """Run in a fresh process: read, summarise and chart; print timings and peak memory as JSON."""
    import matplotlib

    matplotlib.use("Agg")
    from likertkit import charts, figures, stats
    from likertkit.counting import count_survey
    from likertkit.responses import respondent_ids
    from likertkit.survey import read_survey

    start = time.perf_counter()
    scale, missing, items, responses = read_survey(folder / "responses.csv", folder / "items.csv",
                                                   folder / "scale.csv", "9")
    ids = respondent_ids(responses)
    read_done = time.perf_counter()
    survey = count_survey(responses, ids, items, scale, missing, folder / "items.csv")
    del responses, ids  # as in the report, only the tidy counts go on
    stats.describe_items(survey.counts, survey.items, scale)
    stats.item_statistics(survey.counts, survey.items, scale)
    summary_done = time.perf_counter()
    charts.apply_style()
    fig = charts.plot_diverging(survey.counts, survey.items, scale, title="Benchmark survey")
    (folder / "chart.png").write_bytes(figures.figure_bytes(fig, "png"))
    chart_done = time.perf_counter()
    print(json.dumps(dict(seconds_read=read_done - start, seconds_summary=summary_done - read_done,
                          seconds_chart=chart_done - summary_done,
                          peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))


def floor_seconds(codes, repeats=3):
    """One vectorised counting pass over the codes in memory: numpy.bincount with a per-column offset."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        offsets = np.arange(codes.shape[1], dtype=np.int64) * 10
        np.bincount((codes + offsets).ravel(), minlength=10 * codes.shape[1])
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=600_000)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.measure)

    folder = BENCH / f"survey-{args.respondents}x{args.items}-seed{SEED}"
    codes = generate_codes(args.respondents, args.items)
    if not (folder / "responses.csv").exists():
        print(f"generating {folder.relative_to(PROJECT.root)} ...", flush=True)
        write_survey(codes, folder)
    run = subprocess.run([sys.executable, __file__, "--measure", str(folder)], check=True, capture_output=True, text=True)
    result = dict(respondents=args.respondents, items=args.items, **json.loads(run.stdout.splitlines()[-1]),
                  seconds_floor=floor_seconds(codes))
    result = {key: result[key] for key in ("respondents", "items", "seconds_read", "seconds_summary", "seconds_chart",
                                           "seconds_floor", "peak_rss_mb")}
    (PROJECT.build / "bench.json").write_text(json.dumps(result, indent=2) + "\n")

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
    print(f"written: {(PROJECT.build / 'bench.json').relative_to(PROJECT.root)}")


if __name__ == "__main__":
    main()
