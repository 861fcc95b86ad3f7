"""The lesson's exercises: the solutions pass every check, the blank notebook fails every one."""

import copy
import re

import nbclient
import nbformat
import numpy as np
import pandas as pd
import pytest

from loechting2020 import lesson
from loechting2020.paths import Project

from conftest import ROOT


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
    return dict(zip(sections[1::2], (s.strip() for s in sections[2::2]), strict=True))


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


def _solved() -> dict:
    """Each exercise's answer as the solutions compute it, in the namespace the exercises notebook sets up."""
    setup = next(c.source for c in nbformat.read(EXERCISES, as_version=4).cells
                 if c.cell_type == "code" and "import" in c.source)
    namespace = {"PROJECT": Project(ROOT)}  # the committed data, also under make test's scratch copy
    with pytest.MonkeyPatch.context() as patch:  # lesson.student_tables reads them too (test_handout calls this)
        patch.setattr(lesson, "PROJECT", Project(ROOT))
        exec(setup.replace("from loechting2020.paths import PROJECT\n", ""), namespace)
        for section in _solutions().values():
            exec(section, namespace)
    return {name: namespace[name] for name in lesson.CHECKS}


def _wrong_but_well_formed(name, right):
    """Answers of the right shape and type that are wrong, each in one part."""
    if name == "q1":
        return [("valid", right[1]), (right[0], right[1] + 5)]
    if name == "q2":
        (a, b), gap = right
        return [((a, "1" if "1" not in (a, b) else "2"), gap), ((a, b), gap + 3)]
    if name in ("q3", "q6"):
        return [set(sorted(right)[1:]), set(right) | {next(i for i in range(1, 100) if i not in right)}]
    if name == "q4":
        return [("agreement", right[1]), (right[0], "S01")]
    if name == "q5":
        return [(right[0] + 1, right[1]), (right[0], right[1] + 10)]
    floor, ceiling = right
    return [({str(i) for i in floor} | {"99"}, ceiling), (floor, set())]


def _secrets(name, right):
    """What a hint must not say: the right answer's values."""
    if name in ("q1", "q2"):
        return [f"{right[1]:.1f}"]
    if name in ("q3", "q6"):
        return [", ".join(sorted(map(str, right))), f"{{{', '.join(sorted(map(str, right)))}}}"]
    if name == "q4":
        return ["dissonance", right[1]]
    if name == "q5":
        return [f"{right[1]} %", f"{right[1]}%"]
    return [repr(right[0]), repr(right[1])]


SOLVED = {}


@pytest.mark.parametrize("name", list(lesson.CHECKS))
def test_a_wrong_answer_fails_with_a_hint_that_does_not_give_it_away(name):
    SOLVED.update(SOLVED or _solved())
    right = SOLVED[name]
    assert lesson.run_check(name, right)[0], "the solution computed another way passes the check"
    for wrong in [*_wrong_but_well_formed(name, right), ("valid", 0.0), ((1, 2), 0.0), {99}, ("agreement", "S99"),
                  (0, 0), (set(), {99})]:
        passed, feedback = lesson.run_check(name, wrong)
        assert not passed and feedback, wrong
        for secret in _secrets(name, right):
            assert secret not in feedback, (wrong, feedback)
    assert lesson.run_check(name, ...) == (False, "Not answered yet: replace the ... with your answer.")


def test_the_solutions_compute_each_answer_another_way_than_its_check():
    """No solution calls the function its check calls, or copies the check's expression."""
    solutions, source = _solutions(), (ROOT / "src" / "loechting2020" / "lesson.py").read_text(encoding="utf-8")
    assert "closure(" not in solutions["q3"] and "denominator_matches" not in solutions["q1"]
    assert not any(line.strip() and line.strip() in source for section in solutions.values()
                   for line in section.splitlines() if not line.strip().startswith("#") and len(line.strip()) > 30)
    assert not any(q.strip().startswith(f"{name} = (\"") for name, q in solutions.items()), "an answer typed in"


def _forms(value):
    """The same answer in each collection type a student may hand in (a pandas or NumPy result, or typed)."""
    if isinstance(value, (set, frozenset)):
        ordered = sorted(value, key=str)
        return [set(value), frozenset(value), list(ordered), tuple(ordered), np.array(ordered),
                pd.Index(ordered), pd.Series(ordered), {str(v) for v in ordered},
                {int(v) for v in ordered} if all(str(v).isdigit() for v in ordered) else set(value)]
    first, second = value
    pairs = [(first, second), [first, second], pd.Series([first, second], dtype=object)]
    if isinstance(first, tuple):  # q2's pair of items
        pairs += [(list(first), second), (np.array(first), second), (pd.Index(first), second)]
    if isinstance(first, set):  # q7's pair of sets
        pairs += [(pd.Index(sorted(first, key=str)), np.array(sorted(second, key=str))),
                  (list(first), tuple(second))]
    if isinstance(second, float):  # a percent as a NumPy number or a one-row Series
        pairs += [(first, np.float64(second)), (first, pd.Series([second]))]
    return pairs


@pytest.mark.parametrize("name", list(lesson.CHECKS))
def test_every_collection_type_of_a_right_answer_passes(name):
    SOLVED.update(SOLVED or _solved())
    for form in _forms(SOLVED[name]):
        passed, feedback = lesson.run_check(name, form)
        assert passed, (form, feedback)


def test_the_denominator_is_read_in_any_case():
    SOLVED.update(SOLVED or _solved())
    assert lesson.run_check("q1", ("All", SOLVED["q1"][1]))[0]
    passed, feedback = lesson.run_check("q1", ("everyone", SOLVED["q1"][1]))
    assert not passed and "'all' or 'valid'" in feedback


@pytest.mark.parametrize("name", ["q1", "q2", "q5"])
def test_a_fraction_is_told_to_answer_in_percent(name):
    SOLVED.update(SOLVED or _solved())
    first, percent = SOLVED[name]
    passed, feedback = lesson.run_check(name, (first, percent / 100))
    assert not passed and "percent (0 to 100)" in feedback
    assert f"{percent}" not in feedback


def test_an_unrounded_percent_is_told_the_rounding_the_question_states():
    SOLVED.update(SOLVED or _solved())
    people, share = SOLVED["q5"]
    passed, feedback = lesson.run_check("q5", (people, share + 0.3))
    assert not passed and "whole number" in feedback
    assert "whole number" in nbformat.read(EXERCISES, as_version=4).cells[
        next(i for i, c in enumerate(nbformat.read(EXERCISES, as_version=4).cells) if "Weigh a theme" in c.source)].source


def test_answers_that_look_like_the_text_item_trap_name_it():
    """``table1[table1.item == 10]`` matches no row (items are text): the checks say so when an answer is its result."""
    table1 = pd.read_csv(ROOT / "data" / "processed" / "table1.csv", dtype=str)
    empty = table1[table1.item == 10]  # the trap, as a student meets it
    assert empty.empty
    percent = 100 * (empty["count_0"].astype(int) + empty["count_1"].astype(int)) / empty["n_valid"].astype(int)
    for name, answer in (("q1", ("all", percent)), ("q1", ("all", float("nan"))), ("q3", set()), ("q6", []),
                         ("q5", (0, float("nan")))):
        passed, feedback = lesson.run_check(name, answer)
        assert not passed and "hold text" in feedback, (name, feedback)



def _as_asked(name, answer):
    """An answer in the form its question asks for (sets of item numbers as text, percents rounded as asked)."""
    if name in ("q3", "q6"):
        return {str(int(v)) for v in answer}
    if name == "q7":
        return tuple({str(int(v)) for v in part} for part in answer)
    if name == "q2":
        return {str(int(v)) for v in answer[0]}, round(float(answer[1]), 1)
    if name == "q5":
        return int(answer[0]), round(float(answer[1]))
    return str(answer[0]).lower(), (round(float(answer[1]), 1) if name == "q1" else str(answer[1]))


@pytest.mark.parametrize("name", list(lesson.CHECKS))
def test_the_teachers_answer_is_the_solutions_and_passes_its_check(name):
    """The answers the teacher's handout prints equal the solutions, which compute them another way."""
    SOLVED.update(SOLVED or _solved())
    answer = lesson.ANSWERS[name]()
    assert lesson.run_check(name, answer)[0]
    assert _as_asked(name, answer) == _as_asked(name, SOLVED[name])


def test_the_lesson_plan_holds_each_exercise_in_90_minutes():
    """teaching/README.md's plan: contiguous slots from 0 to 90, each as long as its teaching and exercise
    minutes, each exercise once with the minutes its heading in exercises.ipynb states."""
    stated = {}
    for cell in nbformat.read(EXERCISES, as_version=4).cells:
        heading = re.match(r"## (\d+) · .*\((\d+) min\)", cell.source) if cell.cell_type == "markdown" else None
        if heading:
            stated[int(heading.group(1))] = int(heading.group(2))
    assert sorted(stated) == list(range(1, len(lesson.CHECKS) + 1))
    plan = (ROOT / "teaching" / "README.md").read_text(encoding="utf-8")
    plan = plan[plan.index("## Plan (90 minutes)"):]
    rows = re.findall(r"^\| (\d+)–(\d+) \| (\d+): [^|]*\| ([^|]*)\|", plan, flags=re.MULTILINE)
    planned, end = {}, 0
    for start, stop, teaching, exercises in rows:
        assert int(start) == end, f"the slot starting at {start} does not follow the one ending at {end}"
        minutes = re.match(r"\s*(\d+): \*\*exercise (\d+)\*\*", exercises)
        if minutes:
            planned[int(minutes.group(2))] = int(minutes.group(1))
        assert int(stop) - int(start) == int(teaching) + (int(minutes.group(1)) if minutes else 0), (start, stop)
        end = int(stop)
    assert end == 90
    assert planned == stated


def test_a_count_of_zero_on_theme_3_names_the_text_trap_with_the_themes_own_selection():
    ok, hint = lesson.check_theme_weight((0, 50))
    assert not ok and 'select with `quotes.theme == "3"`, not `== 3`' in hint and "10" not in hint


def _loaded() -> dict:
    """Every object the exercises notebook defines before the student writes code (its set-up cell, run here)."""
    setup = next(c.source for c in nbformat.read(EXERCISES, as_version=4).cells
                 if c.cell_type == "code" and "import" in c.source)
    namespace = {"PROJECT": Project(ROOT)}
    exec(setup.replace("from loechting2020.paths import PROJECT\n", ""), namespace)
    return {name: value for name, value in namespace.items() if not name.startswith("__")}


def _parts(answer) -> list:
    """An answer's parts: texts, sets of items and numbers, each on its own."""
    if isinstance(answer, (set, frozenset)) or (isinstance(answer, tuple) and all(isinstance(v, str) and v.isdigit()
                                                                                  for v in answer)):
        return [{str(v) for v in answer}]  # a set of items, or q2's pair of items
    if isinstance(answer, tuple):
        return [part for value in answer for part in _parts(value)]
    return [answer]


def test_no_answer_can_be_read_off_what_the_exercises_load():
    """No text of an answer stands in a cell; no column splits the items (or GRAMMS items) into an answer's set,
    by its values or by their first word; no cell holds an answer's percent at its decimals (issue 30). A whole
    number (q5's count of participants and whole percent) is not looked for: small whole numbers stand in any table
    as counts, and q5's are counted from the quotes, not read."""
    frames = {name: value for name, value in _loaded().items() if isinstance(value, pd.DataFrame)}
    assert {"table1", "item_stats", "joint", "quotes", "gramms"} <= set(frames)
    for name, answer in lesson.ANSWERS.items():
        for part in _parts(answer()):
            for frame_name, frame in frames.items():
                cells = frame.astype(str)
                if isinstance(part, str):
                    found = cells.apply(lambda column: column.str.contains(rf"\b{re.escape(part)}\b", case=False))
                    assert not found.any().any(), (name, part, frame_name)
                elif isinstance(part, set):
                    key = next((k for k in ("item", "gramms_item") if k in frame), None)
                    flags = frame.select_dtypes(exclude="number").columns  # a flag or a verdict, not a count
                    for column in [c for c in flags if key and c != key]:
                        for grouping in (cells[column], cells[column].str.split(r"[:\s]").str[0].str.lower()):
                            groups = frame[key].astype(str).groupby(grouping.to_numpy()).agg(set)
                            if len(groups) <= 5:  # a flag or a verdict: a few values, each a set of items
                                assert part not in list(groups), (name, frame_name, column)
                elif not float(part).is_integer():
                    numbers = frame.select_dtypes("number").round(1)
                    assert not (numbers == round(float(part), 1)).any().any(), (name, part, frame_name)


@pytest.mark.parametrize("name, universe", [("q3", [str(i) for i in range(1, 16)]), ("q6", [str(i) for i in range(1, 7)])])
def test_probing_one_item_at_a_time_or_all_but_one_learns_nothing(name, universe):
    """The hints of q3 and q6 say which kind of mistake, never a count, and answer every single-item probe alike and
    every all-but-one probe alike, so the set cannot be found by trying without reading the data (issue 30)."""
    right = {str(v) for v in lesson.ANSWERS[name]()}
    assert 1 < len(right) < len(universe) - 1
    singles = {lesson.run_check(name, {item})[1] for item in universe}
    all_but_one = {lesson.run_check(name, set(universe) - {item})[1] for item in universe}
    assert len(singles) == 1 and len(all_but_one) == 1, (singles, all_but_one)
    for feedback in singles | all_but_one:
        assert not re.search(r"\d", feedback.split(".")[0]), feedback
    missing_one = lesson.run_check(name, right - {sorted(right)[0]})[1]
    assert "one that belongs is missing" in missing_one
    one_extra = lesson.run_check(name, right | {next(i for i in universe if i not in right)})[1]
    if 2 * (len(right) + 1) < len(right) + len(universe):  # else one extra is all but one: said as any other miss
        assert "one of yours does not belong" in one_extra


def test_natural_variations_of_right_work_get_a_hint_that_fits():
    """A whole-number percent is asked for its decimal; a negative gap is a gap; swapped parts are said to be swapped."""
    used, percent = lesson.answer_denominator()
    passed, feedback = lesson.run_check("q1", (used, float(round(percent))))
    assert not passed and "one decimal" in feedback
    (a, b), gap = lesson.answer_same_mean()
    assert lesson.run_check("q2", ((a, b), -gap))[0]
    rating, statement = lesson.answer_convergence()
    assert "Order swapped?" in lesson.run_check("q4", (statement, rating))[1]
    floor, ceiling = lesson.answer_floor_ceiling()
    assert "Order swapped?" in lesson.run_check("q7", (ceiling, floor))[1]
