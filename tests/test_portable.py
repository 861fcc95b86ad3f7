"""The library runs where POSIX is not (issue 31): without fcntl (no flock) and without SIGHUP or pthread_sigmask,
as on Windows, a survey is described in memory and a report is written and its lock released; library code raises
exceptions, and only the command
turns them into exit codes."""

import subprocess
import sys

import pytest

from likertkit.errors import NotebookFailed
from likertkit.report import execution, outfolder

from conftest import ROOT

WITHOUT_POSIX = """
import sys, signal
sys.modules["fcntl"] = None
del signal.SIGHUP
del signal.pthread_sigmask
from pathlib import Path
from likertkit.interrupts import signals_raise
import pandas as pd
from likertkit import describe
from likertkit.report import pipeline
from likertkit.survey import load_survey
example, out = Path(sys.argv[1]), Path(sys.argv[2])
result = describe(pd.read_csv(example / "responses.csv"), items=example / "items.csv", scale=example / "scale.csv",
                  missing="9")
assert len(result.statistics) == 7, result
with signals_raise():
    survey = load_survey(example / "responses.csv", example / "items.csv", example / "scale.csv", missing="9")
    pipeline.run_report(survey, out)
"""


def test_describe_and_a_report_run_without_flock_sighup_or_a_signal_mask(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-c", WITHOUT_POSIX, str(ROOT / "examples" / "made-up-survey"), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert {"report.html", "report.ipynb", outfolder.MANIFEST} <= {p.name for p in out.iterdir()}
    assert not (out / outfolder.LOCK_FILE).exists(), "the lock file goes when the run ends"
    (out / outfolder.LOCK_FILE).write_text("")  # a run holds the folder
    again = subprocess.run([sys.executable, "-c", WITHOUT_POSIX, str(ROOT / "examples" / "made-up-survey"), str(out)],
                           capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 1 and "another run is writing into" in again.stderr and outfolder.LOCK_FILE in again.stderr


def test_a_failing_notebook_raises_an_exception_not_system_exit(tmp_path):
    notebook = tmp_path / "fails.ipynb"
    notebook.write_text('{"cells": [{"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, '
                        '"outputs": [], "source": "1 / 0"}], "metadata": {"kernelspec": {"name": "python3", '
                        '"display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}')
    with pytest.raises(NotebookFailed, match="fails.ipynb failed in cell 1: ZeroDivisionError") as failed:
        execution.execute(notebook, tmp_path / "out.ipynb", failed_dir=tmp_path / "failed")
    assert "ZeroDivisionError" in failed.value.details and (tmp_path / "failed" / "fails.ipynb").exists()
