"""make bench runs: a small survey through every contender, in fresh processes, and the promised keys."""

import json
import subprocess
import sys

import pytest

from loechting2020.paths import PROJECT

from conftest import ROOT


def test_the_benchmark_runs_and_writes_every_key():
    run = subprocess.run([sys.executable, "benchmarks/survey_scale.py", "--respondents", "3000", "--items", "12",
                          "--rounds", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    result = json.loads((PROJECT.build / "bench-3000.json").read_text())  # the scratch copy's, under make test
    for key in ("seconds_read", "seconds_summary", "seconds_chart", "seconds_floor", "peak_rss_mb", "seconds_total",
                "seconds_pandas_naive", "peak_rss_mb_pandas_naive", "seconds_read_floor", "seconds_total_group",
                "seconds_total_parquet_group", "seconds_first_run", "seconds_polars_naive", "seconds_duckdb_naive",
                "peak_rss_mb_polars_naive", "peak_rss_mb_duckdb_naive", "seconds_chart_plot_likert",
                "seconds_polars_lazy", "seconds_read_count", "seconds_read_count_pure", "seconds_process_read_count",
                "seconds_process_read_count_pure", "seconds_process_pandas", "seconds_process_polars_lazy",
                "seconds_process_duckdb", "ratio_process_vs_pandas", "ratio_process_vs_polars_lazy", "seconds_help",
                "seconds_small_report", "seconds_bare_figure_process", "ratio_small_report_vs_bare",
                "seconds_small_report_png", "ratio_small_report_png_vs_bare"):
        assert result[key] > 0, key
    assert result["counts_verified"] is True
    assert result["respondents"] == 3000 and result["items"] == 12
    assert "pandas read_csv + value_counts" in run.stdout and "Parquet folder, GROUP=unit" in run.stdout
    assert "polars read_csv (text)" in run.stdout and "DuckDB read_csv + UNPIVOT" in run.stdout
    assert "polars scan_csv + unpivot" in run.stdout and "without numba (pure pyarrow)" in run.stdout


def test_a_peer_whose_counts_differ_stops_the_benchmark(tmp_path):
    """counts_verified is computed, not assumed: one answer counted differently by a peer is an error."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("survey_scale", ROOT / "benchmarks" / "survey_scale.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    (tmp_path / "counts-likertkit.json").write_text(json.dumps([["q001", "1", 3], ["q001", "4", 2], ["q002", "2", 5]]))
    (tmp_path / "counts-same.json").write_text(json.dumps([["q001", "1", 3], ["q001", "Agree", 2], ["q001", "9", 7],
                                                           ["q001", None, 1], ["q002", "2", 5]]))
    (tmp_path / "counts-other.json").write_text(json.dumps([["q001", "1", 3], ["q001", "4", 1], ["q002", "2", 5]]))
    assert bench.verify_counts(tmp_path, ["same"]) is True
    with pytest.raises(SystemExit, match="other's counts differ"):
        bench.verify_counts(tmp_path, ["same", "other"])
