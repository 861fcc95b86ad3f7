"""make bench runs: a small survey through every contender, in fresh processes, and the promised keys."""

import json
import subprocess
import sys

from conftest import ROOT

from loechting2020.paths import PROJECT


def test_the_benchmark_runs_and_writes_every_key():
    run = subprocess.run([sys.executable, "benchmarks/survey_scale.py", "--respondents", "3000", "--items", "12",
                          "--rounds", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    result = json.loads((PROJECT.build / "bench-3000.json").read_text())  # the scratch copy's, under make test
    for key in ("seconds_read", "seconds_summary", "seconds_chart", "seconds_floor", "peak_rss_mb", "seconds_total",
                "seconds_pandas_naive", "peak_rss_mb_pandas_naive", "seconds_read_floor", "seconds_total_group",
                "seconds_total_parquet_group", "seconds_first_run"):
        assert result[key] > 0, key
    assert result["respondents"] == 3000 and result["items"] == 12
    assert "pandas read_csv + value_counts" in run.stdout and "Parquet folder, GROUP=unit" in run.stdout
