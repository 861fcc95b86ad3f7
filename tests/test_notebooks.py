"""The notebooks as build steps: declared inputs and outputs, tidy metadata, and strict nbval."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from likertkit import ipynb
from loechting2020 import notebooks

from conftest import ROOT

NOTEBOOKS = notebooks.numbered_notebooks(ROOT / "notebooks")


def test_notebooks_are_numbered_and_named_verb_object():
    assert NOTEBOOKS, "no numbered notebooks found"
    for position, path in enumerate(NOTEBOOKS, start=1):
        assert path.name.startswith(f"{position:02d}-"), f"{path.name} is out of sequence"
        assert path.stem == path.stem.lower() and "_" not in path.stem and " " not in path.stem


ARTICLE_WORDS = ("Løchting", "caseworker", "NAV", "the article", "Table 1", "focus group", "MSD", "sick leave")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_its_question_and_takes_no_parameters(path):
    nb = ipynb.read(path)
    opening = "".join(nb["cells"][0]["source"])
    assert opening.startswith(f"# {path.name[:2]} · "), "the first cell starts with the numbered title"
    assert "**Question.**" in opening and "**What" in opening, "the first screen states the question and findings"
    assert "**Inputs**" not in opening, "build plumbing lives in the metadata, out of the reader's way"
    declared = notebooks.declared_paths(nb)
    assert declared["Inputs"] and declared["Outputs"]
    for listed in declared["Inputs"]:
        assert (ROOT / listed).exists(), f"{path.name} lists an input that does not exist: {listed}"
    assert not any("parameters" in c["metadata"].get("tags", []) for c in nb["cells"]), "the article's notebooks " \
        "take no parameters: your own survey has its own report"


def code_lengths(paths):
    return [len("".join(c["source"]).strip().splitlines()) for p in paths for c in ipynb.read(p)["cells"]
            if c["cell_type"] == "code"]


def test_code_cells_are_short():
    lengths = sorted(code_lengths(NOTEBOOKS))
    assert lengths[len(lengths) // 2] <= 8 and max(lengths) <= 25, lengths


def test_the_survey_report_speaks_of_your_survey_only():
    report = ROOT / "src" / "likertkit" / "report" / "survey-report.ipynb"
    text = "".join("".join(c["source"]) for c in ipynb.read(report)["cells"])
    assert ipynb.read(report)["metadata"]["kernelspec"] == ipynb.PYTHON3_KERNELSPEC, "any Python's kernel, not ours"
    assert not [word for word in ARTICLE_WORDS if word.lower() in text.lower()]
    assert max(code_lengths([report])) <= 25


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_executed_and_free_of_run_metadata(path):
    nb = ipynb.read(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] is not None for c in code), "commit notebooks executed (make all)"
    assert not any(o["output_type"] == "error" for c in code for o in c["outputs"])
    assert "papermill" not in json.dumps([c["metadata"] for c in nb["cells"]])
    assert "start_time" not in json.dumps(nb["metadata"])


def test_declared_paths_are_read_from_the_metadata():
    nb = {"metadata": {"likertkit": {"inputs": ["a.csv", "b.csv"], "outputs": ["c.csv"]}}, "cells": []}
    assert notebooks.declared_paths(nb) == {"Inputs": ["a.csv", "b.csv"], "Outputs": ["c.csv"]}
    assert notebooks.declared_paths({"metadata": {}, "cells": []}) == {"Inputs": [], "Outputs": []}


def test_make_rules_group_each_notebooks_outputs():
    rules = notebooks.make_rules(ROOT / "notebooks")
    first = notebooks.declared_paths(ipynb.read(NOTEBOOKS[0]))
    outputs = " ".join(first["Outputs"])
    stamp = f"$(STAMPS)/{NOTEBOOKS[0].stem}.ran"
    assert f"{outputs} &: {stamp} ;" in rules, "outputs hang off the run's stamp with an empty recipe"
    assert f"{stamp}: {NOTEBOOKS[0].as_posix()} " in rules
    assert f"$(call if_absent,{outputs})" in rules, "a deleted output makes its notebook run again"


def test_strip_volatile_removes_timing_and_keeps_parameters():
    nb = {"metadata": {"papermill": {"duration": 1.2, "start_time": "x", "parameters": {"a": 1}}},
          "cells": [{"metadata": {"papermill": {"duration": 0.1}, "execution": {}, "tags": ["t"]}}]}
    assert ipynb.strip_volatile(nb, notebooks.KERNELSPEC) == {"metadata": {"papermill": {"parameters": {"a": 1}},
                                                         "kernelspec": notebooks.KERNELSPEC},
                                            "cells": [{"metadata": {"tags": ["t"]}}]}


def test_clear_outputs():
    nb = {"metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "outputs": [1], "execution_count": 3},
                                    {"cell_type": "markdown", "metadata": {}, "source": "x"}]}
    cleared = notebooks.clear_outputs(nb)
    assert cleared["cells"][0]["outputs"] == [] and cleared["cells"][0]["execution_count"] is None


def run_nbval(path):
    """Strict nbval on one notebook, writing its outputs into a scratch project beside it, never the repository."""
    scratch = path.parent / "project"
    if not scratch.exists():
        shutil.copytree(ROOT / "data" / "raw", scratch / "data" / "raw")
        (scratch / "notebooks").mkdir()
        shutil.copy(ROOT / "notebooks" / "references.json", scratch / "notebooks")
    return subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
                           "--nbval-sanitize-with", str(ROOT / "tests" / "nbval-sanitize.cfg"), str(path)],
                          capture_output=True, text=True, cwd=path.parent,
                          env={**os.environ, "LIKERTKIT_PROJECT_ROOT": str(scratch)})


def test_strict_nbval_fails_when_a_stored_number_changes(tmp_path):
    """A control run passes; the same notebook with one stored count altered fails."""
    source = NOTEBOOKS[0]
    control = tmp_path / "control" / source.name
    control.parent.mkdir()
    shutil.copy(source, control)
    passed = run_nbval(control)
    assert passed.returncode == 0, passed.stdout[-2000:]

    nb = ipynb.read(source)
    output = next(o for c in nb["cells"] for o in c.get("outputs", [])
                  if re.search(r"\d", "".join(o.get("text") or o.get("data", {}).get("text/markdown", ""))))
    key, holder = ("text", output) if "text" in output else ("text/markdown", output["data"])
    holder[key] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), "".join(holder[key]), count=1)
    tampered = tmp_path / "tampered" / source.name
    tampered.parent.mkdir()
    ipynb.write(nb, tampered)
    failed = run_nbval(tampered)
    assert failed.returncode == 1, failed.stdout[-2000:]
    assert "1 failed" in failed.stdout
