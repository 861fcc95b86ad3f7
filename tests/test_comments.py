"""Open-ended answers beside Likert items (COMMENTS=next, an items CSV's comments column): which column is read for
each item, every comment kept byte for byte with its respondent, and one clear error for a column of Likert codes.

The expected comments are read from each file here with Python's csv module (or openpyxl), by position, never
through likertkit's reader.
"""

import csv
import subprocess
import sys

import pandas as pd
import pytest

from likertkit.errors import InputError
from likertkit.survey import load_survey

from conftest import ROOT

SCALE = "code,label\n1,Strongly disagree\n2,Disagree\n3,Agree\n4,Strongly agree\n"
HARD = ['Too much, really: "always" late', "Line one\nline two", "  kept spaces  ", "<b>bold</b> & <script>x</script>",
        "=1+1", "Kurset var nyttig – æøå", "研修は役に立った"]

# The comment itself and who wrote it (the answer they gave the item is tested on its own below).
TEXT_COLUMNS = ["item", "respondent_id", "text"]


@pytest.fixture
def scale(tmp_path):
    path = tmp_path / "scale.csv"
    path.write_text(SCALE, encoding="utf-8")
    return path


def _monkey_export(path):
    """A SurveyMonkey-style export: the question in the first header row, each followed by the same free-text
    question "Please elaborate here:", then a row of answer types, then the answers."""
    header = ["Respondent ID", "Collector ID", "How manageable is your workload?", "Please elaborate here:",
              "How much support do you get?", "Please elaborate here:", "How useful was the training?"]
    types = ["", "", "Response", "Open-Ended Response", "Response", "Open-Ended Response", "Response"]
    rows = [["1001", "42", "1", HARD[0], "3", "", "4"],
            ["1002", "42", "4", "", "2", HARD[1], "2"],
            ["1003", "42", "2", HARD[2], "1", HARD[3], "3"],
            ["1004", "42", "3", HARD[4], "4", HARD[5], "1"],
            ["1005", "42", "2", "   ", "3", HARD[6], "2"]]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, types, *rows])
    return header, rows


def _expected(header, rows, items, id_position=0, with_answer=False):
    """Every non-blank cell of the column right after each item, with the row's id (and, ``with_answer``, the
    row's answer to the item as written): read by position."""
    found = []
    for item in items:
        position = header.index(item) + 1
        found += [(item, row[id_position], *([row[position - 1].strip()] if with_answer else []), row[position])
                  for row in rows if row[position].strip()]
    return found


def test_comments_next_pairs_each_item_with_the_free_text_column_after_it_in_a_platform_export(tmp_path, scale):
    path = tmp_path / "monkey.csv"
    header, rows = _monkey_export(path)
    survey = load_survey(path, "How*", scale, id_column="Respondent ID", comments="next")
    items = ["How manageable is your workload?", "How much support do you get?"]
    assert list(survey.comments[TEXT_COLUMNS].itertuples(index=False, name=None)) == _expected(header, rows, items)
    log = survey.log.to_frame()
    notes = " ".join(log["note"])
    assert "open-ended answers to item How manageable is your workload? read from column #4" in notes
    assert "open-ended answers to item How much support do you get? read from column #6" in notes
    assert "item How useful was the training?: no comment column paired (it is the last column)" in notes
    ignored = " ".join(survey.warnings)
    assert "Please elaborate" not in ignored, "a paired comment column is read, not said to be ignored"
    # the comment '=1+1' is named where every CSV is written: tests/test_nothing_lost.py


def test_the_comments_csv_keeps_every_comment_byte_for_byte(tmp_path, scale):
    path = tmp_path / "monkey.csv"
    header, rows = _monkey_export(path)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(path), "--items", "How*", "--scale",
                          str(scale), "--id", "Respondent ID", "--comments", "next", "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    with open(out / "data" / "processed" / "comments.csv", encoding="utf-8", newline="") as written:
        kept = [(r["item"], r["respondent_id"], r["text"]) for r in csv.DictReader(written)]
    assert kept == _expected(header, rows, ["How manageable is your workload?", "How much support do you get?"])
    assert {text for *_, text in kept} == set(HARD)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in report and "<script>x" not in report
    assert "3 respondents of 5 wrote a comment" in report and "4 respondents of 5 wrote a comment" in report
    assert "研修は役に立った" in report and "The survey beside the qualitative findings" in report


def test_an_excel_sheet_whose_comment_columns_share_a_header_is_read_by_position(tmp_path, scale):
    import openpyxl

    header = ["respondent_id", "q1", "Please elaborate here:", "q2", "Please elaborate here:"]
    rows = [["r1", 1, HARD[0], 2, None], ["r2", 4, None, 3, HARD[1]], ["r3", 2, HARD[5], 1, HARD[3]]]
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    book.save(tmp_path / "s.xlsx")
    survey = load_survey(tmp_path / "s.xlsx", "q1,q2", scale, comments="next")
    read_back = openpyxl.load_workbook(tmp_path / "s.xlsx").active
    cells = [[c.value for c in row] for row in read_back.iter_rows(min_row=2)]
    expected = [(item, row[0], row[position]) for item, position in (("q1", 2), ("q2", 4))
                for row in cells if row[position] and str(row[position]).strip()]
    assert list(survey.comments[TEXT_COLUMNS].itertuples(index=False, name=None)) == expected


def test_an_items_csv_names_comment_columns_by_header_or_by_position(tmp_path, scale):
    (tmp_path / "s.csv").write_text("respondent_id,q1,q2,Please elaborate here:,Why?,Please elaborate here:\n"
                                    "r1,1,2,first,why one,second\nr2,3,4,,why two,\n", encoding="utf-8")
    (tmp_path / "items.csv").write_text("item,label,group,comments\nq1,One,,#6\nq2,Two,,Why?\n", encoding="utf-8")
    survey = load_survey(tmp_path / "s.csv", tmp_path / "items.csv", scale)
    assert list(survey.comments[TEXT_COLUMNS].itertuples(index=False, name=None)) == [
        ("q1", "r1", "second"), ("q2", "r1", "why one"), ("q2", "r2", "why two")]
    assert "Please elaborate here:" in " ".join(survey.warnings), "column #4, not paired, is said to be ignored"
    (tmp_path / "items.csv").write_text("item,label,group,comments\nq1,One,,Please elaborate here:\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_survey(tmp_path / "s.csv", tmp_path / "items.csv", scale)
    assert str(raised.value) == ("items.csv, line 2, column 'comments': comments column 'Please elaborate here:' of "
                                 "item 'q1' appears 2 times in the header (columns #4, #6): name it as #N")


@pytest.mark.parametrize("comments, expected", [
    ("#9", "items.csv, line 2, column 'comments': comments '#9' of item 'q1' is not a column: #1 to #4"),
    ("q2", "items.csv, line 2, column 'comments': comments column 'q2' of item 'q1' is an item or the id, group "
           "or weight column"),
    ("Nope", "items.csv, line 2, column 'comments': comments column 'Nope' of item 'q1' is not in the survey's "
             "header"),
])
def test_a_bad_comments_entry_is_one_error_naming_its_line(tmp_path, scale, comments, expected):
    (tmp_path / "s.csv").write_text("respondent_id,q1,q2,note\nr1,1,2,x\n", encoding="utf-8")
    (tmp_path / "items.csv").write_text(f"item,label,group,comments\nq1,One,,{comments}\nq2,Two,,\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_survey(tmp_path / "s.csv", tmp_path / "items.csv", scale)
    assert str(raised.value) == expected


def test_a_comment_column_that_holds_likert_codes_is_an_error_naming_line_column_and_value(tmp_path, scale):
    (tmp_path / "s.csv").write_text("respondent_id,q1,q1_again,q2\nr1,1,,3\nr2,4,Agree,2\nr3,2,3,1\n",
                                    encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_survey(tmp_path / "s.csv", "q1,q2", scale, comments="next")
    assert str(raised.value) == (
        "s.csv, line 3, column 'q1_again': value 'Agree': column #3, taken as the comments on item 'q1', holds only "
        "the scale's answers, not free text: leave COMMENTS out or name the comment columns in the items CSV")


def test_a_column_of_text_that_holds_some_numbers_is_free_text(tmp_path, scale):
    (tmp_path / "s.csv").write_text("respondent_id,q1,why\nr1,1,3\nr2,4,because\n", encoding="utf-8")
    survey = load_survey(tmp_path / "s.csv", "q1", scale, comments="next")
    assert survey.comments["text"].tolist() == ["3", "because"]


def test_comments_next_skips_an_item_followed_by_an_item_and_says_so(tmp_path, scale):
    (tmp_path / "s.csv").write_text("respondent_id,q1,q2,why\nr1,1,2,x\n", encoding="utf-8")
    survey = load_survey(tmp_path / "s.csv", "q1,q2", scale, comments="next")
    assert survey.comments["item"].tolist() == ["q2"]
    assert "item q1: no comment column paired (the next column, 'q2', is an item)" in " ".join(survey.log.to_frame()["note"])


def test_a_respondent_who_only_commented_is_a_respondent_and_numbered_rows_keep_their_numbers(tmp_path, scale):
    (tmp_path / "s.csv").write_text("q1,why\n1,first\n,commented only\n,\n2,third\n", encoding="utf-8")
    survey = load_survey(tmp_path / "s.csv", "q1", scale, comments="next")
    # a record with a comment and no rating is a respondent (issue 32: the N never moves); the record of blanks
    # alone is an empty row, skipped, so the fifth line is respondent 3
    assert list(survey.comments[TEXT_COLUMNS].itertuples(index=False, name=None)) == [
        ("q1", "1", "first"), ("q1", "2", "commented only"), ("q1", "3", "third")]
    assert survey.items["n_respondents"].tolist() == [3] and survey.items["n_answering"].tolist() == [2]
    log = survey.log.to_frame()
    assert log.set_index("note").loc["records with every column blank (empty rows) skipped", "result"] == 1


def test_comments_other_than_next_are_refused(tmp_path, scale):
    (tmp_path / "s.csv").write_text("respondent_id,q1\nr1,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^COMMENTS: 'after' is not 'next'"):
        load_survey(tmp_path / "s.csv", "q1", scale, comments="after")


def test_many_comments_show_a_stated_sample_the_same_on_every_run():
    from likertkit.report.study import COMMENT_SEED, MAX_COMMENTS, comments_blocks

    comments = pd.DataFrame({"item": ["q1"] * 120, "respondent_id": [f"r{i}" for i in range(120)],
                             "text": [f"comment {i}" for i in range(120)]})
    items = pd.DataFrame({"item": ["q1"], "label": ["One"], "n_respondents": [300]})
    said, listed = comments_blocks(comments, items)
    shown = [f"comment {i}" for i in range(120) if f">comment {i} <" in listed.markup]
    assert len(shown) == MAX_COMMENTS and shown == sorted(shown, key=lambda t: int(t.split()[1])), "file order"
    assert f"120 respondents of 300 wrote a comment. Shown: {MAX_COMMENTS} of them" in said.text
    assert f"default_rng({COMMENT_SEED})" in said.text
    again = comments_blocks(comments, items)[1].markup
    assert again == listed.markup


def test_the_platform_export_example_runs_in_one_command_and_its_readme_counts_what_it_writes(tmp_path):
    example = ROOT / "examples" / "made-up-platform-export"
    out = tmp_path / "example-comments"
    run = subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={example / 'responses.csv'}",
                          "ITEMS=My*,I can*,The*", "ID=Respondent ID", "COMMENTS=next", f"OUT={out}",
                          f"PYTHON={sys.executable}"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    with open(example / "responses.csv", encoding="utf-8", newline="") as handle:
        header, _, *rows = list(csv.reader(handle))
    written = pd.read_csv(out / "data" / "processed" / "comments.csv", dtype=str, keep_default_na=False)
    items = [name for name in header if name.startswith(("My", "I can", "The"))]
    # each comment with the answer its writer gave the item (issue 32): the rating as the file holds it
    assert list(written.itertuples(index=False, name=None)) == _expected(header, rows, items, with_answer=True)
    counts = written.groupby("item", sort=False).size().rename("comments").rename_axis("item").reset_index()
    assert counts.to_markdown(index=False) in (example / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".sav", ".parquet"])
def test_comments_are_read_from_spss_and_parquet_files_too(tmp_path, scale, suffix):
    frame = pd.DataFrame({"id": ["a", "b", "c"], "q1": [1.0, 2.0, 4.0], "q1_why": [HARD[0], "", HARD[1]],
                          "q2": [3.0, 1.0, 2.0]})
    path = tmp_path / f"s{suffix}"
    if suffix == ".sav":
        import pyreadstat

        labels = dict(zip([1, 2, 3, 4], ["Strongly disagree", "Disagree", "Agree", "Strongly agree"], strict=True))
        pyreadstat.write_sav(frame, path, variable_value_labels={"q1": labels, "q2": labels})
        survey = load_survey(path, id_column="id", comments="next")
    else:
        frame.to_parquet(path)
        survey = load_survey(path, "q1,q2", scale, id_column="id", comments="next")
    assert list(survey.comments[TEXT_COLUMNS].itertuples(index=False, name=None)) == [("q1", "a", HARD[0]), ("q1", "c", HARD[1])]
