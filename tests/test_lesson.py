"""The lesson's exercises: the solutions pass every check, the blank notebook fails every one."""

import copy
import re

import nbclient
import nbformat
import pytest
from conftest import ROOT

from loechting2020 import lesson
from loechting2020.paths import Project


@pytest.fixture(autouse=True)
def committed_data(monkeypatch):
    """The checks read the committed data (under make test, the project root is a scratch copy whose
    processed data the notebooks have not written yet), in this process and in the notebook's kernel."""
    monkeypatch.setattr(lesson, "PROJECT", Project(ROOT))
    monkeypatch.setenv("LIKERTKIT_PROJECT_ROOT", str(ROOT))

EXERCISES = ROOT / "teaching" / "exercises.ipynb"
ANSWERS = ROOT / "teaching" / "solutions" / "answers.py"


def _solutions() -> dict:
    sections = re.split(r"^# %% (q\d+)\n", ANSWERS.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return dict(zip(sections[1::2], (s.strip() for s in sections[2::2])))


def _run(nb):
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(EXERCISES.parent)}}).execute()
    checks = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown", "")
            found = re.match(r"\*\*(q\d+) (✔|✘)", text)
            if found:
                checks[found.group(1)] = found.group(2) == "✔"
            score = re.search(r"Score: (\d+) of (\d+)", text)
            if score:
                checks["score"] = (int(score.group(1)), int(score.group(2)))
    return checks


@pytest.fixture(scope="module")
def blank():
    return nbformat.read(EXERCISES, as_version=4)


def test_every_exercise_has_an_answer_cell_a_check_and_a_solution(blank):
    answers = [c for c in blank.cells if "answer" in c.metadata.get("tags", [])]
    names = [re.match(r"(q\d+) = \.\.\.", c.source).group(1) for c in answers]
    assert names == list(lesson.CHECKS) == list(_solutions())
    assert 6 <= len(names) <= 8


def test_the_blank_notebook_fails_every_check(blank):
    checks = _run(copy.deepcopy(blank))
    assert checks.pop("score") == (0, len(lesson.CHECKS))
    assert checks == {name: False for name in lesson.CHECKS}


def test_the_solutions_pass_every_check(blank):
    nb, solutions = copy.deepcopy(blank), _solutions()
    for cell in nb.cells:
        if "answer" in cell.metadata.get("tags", []):
            cell.source = solutions[cell.source.split(" =")[0]]
    checks = _run(nb)
    assert checks.pop("score") == (len(lesson.CHECKS), len(lesson.CHECKS))
    assert checks == {name: True for name in lesson.CHECKS}


@pytest.mark.parametrize("name", list(lesson.CHECKS))
def test_a_wrong_answer_fails_with_a_hint_that_does_not_give_it_away(name):
    for wrong in [("valid", 0.0), ((1, 2), 0.0), {99}, ("agreement", "S99"), (0, 0), {99}, (set(), {99})]:
        passed, feedback = lesson.run_check(name, wrong)
        assert not passed and feedback
    assert lesson.run_check(name, ...) == (False, "Not answered yet: replace the ... with your answer.")
