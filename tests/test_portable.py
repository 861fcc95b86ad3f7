"""The library runs where POSIX is not (issue 31): without fcntl (no flock) and without SIGHUP or pthread_sigmask,
as on Windows, a report is written and its lock released; library code raises exceptions, and only the command
turns them into exit codes."""

import subprocess
import sys

import pytest
from conftest import ROOT

from likertkit.errors import NotebookFailed
from likertkit.report import execution, outfolder

WITHOUT_POSIX = """
import sys, signal
sys.modules["fcntl"] = None
del signal.SIGHUP
del signal.pthread_sigmask
from pathlib import Path
from likertkit.interrupts import signals_raise
from likertkit.report import pipeline
example, out = Path(sys.argv[1]), Path(sys.argv[2])
with signals_raise():
    survey = pipeline.load_survey(example / "responses.csv", example / "items.csv", example / "scale.csv", missing="9")
    pipeline.run_report(survey, out)
"""


def test_a_report_is_written_without_flock_sighup_or_a_signal_mask(tmp_path):
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
