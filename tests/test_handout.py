"""The printable handouts: the students' answers no exercise and needs no computer; the teacher's has every answer.

The answers looked for in the teacher's PDF (and not found in the students') are the solutions'
(``teaching/solutions/answers.py``), computed another way than the handout's key."""

import os
import re
import shutil
import subprocess

import pytest

from loechting2020 import lesson
from loechting2020.paths import Project
from test_lesson import _solved

from conftest import ROOT

weasyprint = pytest.importorskip("weasyprint", reason="HANDOUT TEST NOT RUN: pip install -r requirements-site.txt")


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    """Both editions, built from the committed data (under make test, the root is a scratch copy)."""
    from loechting2020 import handout

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lesson, "PROJECT", Project(ROOT))
        folder = tmp_path_factory.mktemp("handout")
        return {edition: handout.build(ROOT, folder / f"{edition}.pdf", edition) for edition in handout.EDITIONS}


def _text(path) -> str:
    if not shutil.which("pdftotext"):
        if os.environ.get("LIKERTKIT_REQUIRE_BROWSER") == "1":
            raise AssertionError("pdftotext (poppler-utils) is needed here")
        pytest.skip("HANDOUT TEXT NOT CHECKED: pdftotext (Debian poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_each_edition_fits_its_pages(handouts):
    from loechting2020.handout import MAX_PAGES

    for edition, (path, pages) in handouts.items():
        assert path.exists() and 1 <= pages <= MAX_PAGES[edition], edition


def test_its_text_is_selectable_and_holds_each_part(handouts):
    text = _text(handouts["student"][0])
    for part in ("Figure 1", "The joint display", "GRAMMS", "Exercise sheet", "Choose the denominator",
                 "doi:10.1186/s12889-020-09804-0"):
        assert part in text, part
    alt = (ROOT / "figures" / "fig1_likert_diverging.txt").read_text(encoding="utf-8").split()[:6]
    assert " ".join(alt) in text, "the figure's description is printed with it"


def _number(value, decimals) -> str:
    return rf"(?<![\d.]){float(value):.{decimals}f}(?![\d])"


def test_the_students_handout_gives_no_answer_and_no_code(handouts):
    student, teacher = _text(handouts["student"][0]), _text(handouts["teacher"][0])
    solved = _solved()
    assert "Answers" not in student and "Answers" in teacher
    assert not re.search(_number(solved["q1"][1], 1) + r" ?%", student), "q1's percent"
    exercise_5 = student[student.index("5 · Weigh a theme"):student.index("6 · Apply GRAMMS")]
    assert not re.search(r"(?<![\d.])" + f"{round(solved['q5'][1])}" + r" ?%", exercise_5), "q5's percent"
    assert "holds more than" not in student
    assert "points apart in agreement" not in student and "cannot give their printed mean" not in student  # q2, q3's reasons
    ratings = ("agreement", "partial agreement", "silence", "dissonance")
    question = student[student.index("4 · Rate convergence"):student.index("5 · Weigh a theme")]
    for rating in ratings:  # a rating appears only where exercise 4 names the four to choose from
        assert student.count(rating) == question.count(rating), rating
    assert "convergence" not in student.replace("Rate convergence", "")
    assert not re.search(r"\b(Yes|Partly|No):", student), "q6: the GRAMMS verdicts"
    assert "floor effect" not in student.replace("a floor or ceiling effect", "").replace("show a floor effect", "")
    prose = re.sub(r"\b[\w-]+/[\w./-]+\.ipynb\b", "a notebook", student)  # a notebook's path names where to look
    assert not re.findall(r"\b\w+\(|==|\b[a-z]+_[a-z_]+\b|\.csv\b|\.ipynb\b|\bimport\b|`", prose)


def test_the_students_handout_prints_the_data_each_exercise_needs(handouts):
    student = _text(handouts["student"][0])
    sheet = student[student.index("Exercise sheet"):]
    for needed in ("Table 1 as printed", "valid answers", "Means and percent in the upper half", "S10", "Quotes per participant",
                   "GRAMMS checklist on page 3"):
        assert needed in sheet, needed
    assert sheet.count("1 · ") >= 1 and all(f"{n} · " in sheet for n in range(1, 8))


def test_the_teachers_handout_has_every_answer(handouts):
    teacher = _text(handouts["teacher"][0])
    key = teacher[teacher.index("Answers (teacher"):]
    solved = _solved()
    parts = {n: key[key.index(f"{n} · "):key.index(f"{n + 1} · ") if n < 7 else None] for n in range(1, 8)}
    assert "all respondents" in parts[1] and re.search(_number(solved["q1"][1], 1), parts[1])
    assert all(str(int(i)) in parts[2] for i in solved["q2"][0]) and re.search(_number(solved["q2"][1], 1), parts[2])
    assert all(re.search(rf"\b{int(i)}\b", parts[3]) for i in solved["q3"])
    assert solved["q4"][0] in parts[4] and solved["q4"][1] in parts[4]
    assert re.search(rf"\b{solved['q5'][0]} participants", parts[5]) and f"{round(solved['q5'][1])}%" in parts[5]
    assert all(re.search(rf"\b{int(i)}\b", parts[6]) for i in solved["q6"])
    floor, ceiling = solved["q7"]
    assert all(re.search(rf"floor: items? [^;]*\b{int(i)}\b", parts[7]) for i in floor)
    assert all(re.search(rf"ceiling: items? [^;]*\b{int(i)}\b", parts[7]) for i in ceiling)


def test_one_item_is_named_in_the_singular(handouts):
    """"floor: item 13", not "items 13" (issue 30)."""
    teacher = _text(handouts["teacher"][0])
    assert not re.search(r"\bitems \d+\s*[;.\n]", teacher.replace("\n", " ")), "a lone number after 'items'"


def test_the_teachers_handout_carries_the_plan_and_the_discussion_questions(handouts):
    """The plan's slots and every discussion question, as teaching/README.md writes them (read here with a regex),
    are in the teacher's edition and not in the student's (issue 30)."""
    readme = (ROOT / "teaching" / "README.md").read_text(encoding="utf-8")
    slots = re.findall(r"^\| (\d+–\d+) \|", readme, flags=re.MULTILINE)
    questions = re.findall(r"^- \*\*(\d\d · [^*]+)\*\*", readme[readme.index("## Discussion questions"):],
                           flags=re.MULTILINE)
    assert len(slots) >= 8 and len(questions) == 5
    teacher, student = (" ".join(_text(handouts[edition][0]).split()) for edition in ("teacher", "student"))
    for text in [*slots, *questions]:
        assert text in teacher, text
    assert "Discussion questions" not in student and "The plan (90 minutes)" not in student
