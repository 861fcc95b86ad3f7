"""Your own survey, third round (issue 32): real platform exports. Each case is built here as a researcher's file
would hold it; expected numbers come from pandas reading the same file, not from the code under test.

The N never moves: a respondent who answered no item is a respondent, with or without an id column; a record is
empty (skipped, and counted) only when every column of it is blank; an id column is found by its name
("Response ID", "ResponseId", "Respondent ID" …); and the report says how many answered at least one item.
"""

import subprocess
import sys

import pandas as pd
import pytest

import likertkit
from likertkit.report import sections

SCALE = ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]

# A platform export's shape: metadata columns, then items; respondents 3 and 5 opened the survey and answered no
# item (their start date and progress are there); the fourth record is a blank line of delimiters.
EXPORT = ("StartDate,Progress,q1,q2,q3\n"
          "2026-01-05,100,Agree,Disagree,Strongly agree\n"
          "2026-01-05,100,Agree,,Agree\n"
          "2026-01-06,3,,,\n"
          ",,,,\n"
          "2026-01-07,100,Strongly disagree,Agree,\n"
          "2026-01-07,5,,,\n")


def _expected(path):
    """Respondents and item answers as pandas reads the file: a record with any non-blank cell is a respondent."""
    frame = pd.read_csv(path, dtype=str, skip_blank_lines=True)
    respondents = frame.dropna(how="all")
    items = respondents[["q1", "q2", "q3"]]
    return len(respondents), int(items.notna().any(axis=1).sum()), items.notna().sum().to_dict()


def test_a_respondent_who_answered_no_item_is_counted_with_or_without_an_id(tmp_path):
    plain = tmp_path / "export.csv"
    plain.write_text(EXPORT)
    n, answering, valid = _expected(plain)
    assert (n, answering) == (5, 3)
    result = likertkit.describe(plain, items="q1,q2,q3", scale=SCALE)
    items = result.items.set_index("item")
    assert items["n_respondents"].eq(n).all() and items["n_answering"].eq(answering).all()
    assert items["n_valid"].to_dict() == valid
    skipped = result.log.set_index("note").loc["records with every column blank (empty rows) skipped", "result"]
    assert int(skipped) == 1, "the one record of delimiters is skipped and counted"
    with_ids = tmp_path / "with-ids.csv"
    lines = EXPORT.splitlines()
    with_ids.write_text("\n".join(["Response ID," + lines[0]] + [f"R_{k}," + line for k, line in enumerate(lines[1:])
                                                                 if line.strip(",")]) + "\n")
    identified = likertkit.describe(with_ids, items="q1,q2,q3", scale=SCALE)
    assert identified.items["n_respondents"].eq(n).all(), "the N is the same with an id column"
    assert "respondent ids from the column 'Response ID', found by its name" in " ".join(identified.log["note"])


@pytest.mark.parametrize("name", ["Response ID", "ResponseId", "Respondent ID", "respondent id", "participant_id"])
def test_an_id_column_is_found_by_its_name(tmp_path, name):
    path = tmp_path / "r.csv"
    path.write_text(f"{name},q1\nA7,Agree\nA7,Disagree\n")
    with pytest.raises(likertkit.InputError, match="A7"):  # found as the id: its repeated value is an error
        likertkit.describe(path, items="q1", scale=SCALE)


def test_the_report_says_how_many_answered_at_least_one_item(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(EXPORT)
    n, answering, valid = _expected(path)
    result = likertkit.describe(path, items="q1,q2,q3", scale=SCALE)
    text = sections.overview(result.items, result.scale, result.statistics, result.log)
    missing = 3 * n - sum(valid.values())
    assert text.startswith(f"Of **{n} respondents**, **{answering}** answered at least one of the **3 items**")
    assert f"; {n - answering} left every item blank." in text
    assert f"({100 * missing / (3 * n):.1f}% of all possible answers; " in text
    among = (missing - 3 * (n - answering)) / (3 * answering)
    assert f"{100 * among:.1f}% of those of the {answering} who answered any)" in text
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(path), "--items=q1,q2,q3",
                          f"--out={out}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"{answering}</strong> answered at least one of the" in (out / "report.html").read_text(encoding="utf-8")
