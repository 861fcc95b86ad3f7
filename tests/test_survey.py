"""Your own survey: validated input, clear errors naming file, line, respondent, column and value; no partial output."""

import json
import re
import subprocess
import sys

import pytest

from likertkit import cli
from likertkit.errors import InputError
from likertkit.report import pipeline
from likertkit.survey import load_survey
from test_notebooks import ARTICLE_WORDS

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "made-up-survey"
SCALE = "code,label\n1,Disagree\n2,Neutral\n3,Agree\n"
ITEMS = "item,label,group\nq1,First,A\nq2,Second,B\n"
RESPONSES = "respondent_id,q1,q2\nr1,1,3\nr2, agree ,2\nr3,,9\nr4,NEUTRAL,1\n"


@pytest.fixture
def files(write_csv):
    def make(responses=RESPONSES, items=ITEMS, scale=SCALE):
        return (write_csv("responses.csv", responses), write_csv("items.csv", items), write_csv("scale.csv", scale))
    return make


def test_codes_labels_blanks_and_missing_codes_are_counted_and_logged(files):
    result = load_survey(*files(), missing="9")
    counts = result.counts.pivot(index="item", columns="code", values="count")
    assert counts.loc["q1"].tolist() == [1, 1, 1]  # 1, ' agree ' (label, any case), 'NEUTRAL'; r3 blank
    assert counts.loc["q2"].tolist() == [1, 1, 1]  # 3, 2, 1; r3's 9 is missing
    items = result.items.set_index("item")
    assert items.loc["q1", ["n_respondents", "n_valid", "n_missing", "domain"]].tolist() == [4, 3, 1, "A"]
    log = result.log.to_frame()
    recorded = {(r.column, r.note.split(" ")[2]): r.result for r in log.itertuples() if r.step == "count responses"
                and r.column != "respondent_id"}
    assert recorded == {("q1", "as"): 2, ("q1", "counted"): 1, ("q2", "missing"): 1}


def test_all_number_columns_follow_the_same_rules(files):
    result = load_survey(*files("respondent_id,q1,q2\nr1,1,3\nr2,3,\nr3,9,2\n"), missing="9")
    assert result.items.set_index("item")["n_valid"].to_dict() == {"q1": 2, "q2": 2}


def bad_input(files, capsys, tmp_path, **contents):
    responses, items, scale = files(**contents)
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as caught:
        cli.main(["report", str(responses), "--items", str(items), "--scale", str(scale), "--out", str(out),
                     "--missing", "9"])
    assert caught.value.code == 2
    assert not out.exists(), "bad input must leave no output"
    message = capsys.readouterr().err.strip()
    assert message.count("\n") == 0, "one message"
    return message


@pytest.mark.parametrize("contents, expected", [
    (dict(responses="respondent_id,q1,q2\nr1,1,3\nr2,7,2\n"),
     "error: responses.csv, line 3 (respondent r2), column 'q1': value '7' is not a code or label of the scale"),
    (dict(responses="respondent_id,q1,q2\nr1,1,3\nr2,Agree,Sometimes\n"),
     "error: responses.csv, line 3 (respondent r2), column 'q2': value 'Sometimes' is not a code or label"),
    (dict(responses="respondent_id,q1,q2\nr1,1,3\nr2,2,2\nr1,3,1\n"),
     "error: responses.csv, line 4 (respondent r1), column 'respondent_id': respondent id 'r1' appears twice (also on line 2)"),
    (dict(responses="respondent_id,q1,q2,q1\nr1,1,3,2\n"),
     "error: responses.csv, line 1, column 'q1': column 'q1' appears more than once in the header"),
    (dict(responses="respondent_id,q1\nr1,1\n"),
     "error: responses.csv, line 1: item(s) listed in the items file but not in the responses: q2"),
    (dict(responses=""), "error: responses.csv: file is empty"),
    (dict(responses=b"respondent_id,q1,q2\nr1,1,3\nr\x81\xe9,2,2\n"),  # 0x81: not UTF-8, not Windows-1252 either
     "error: responses.csv: is neither UTF-8 nor Windows-1252 text; say its encoding with ENCODING="),
    (dict(scale="code,label\n1,Disagree\n1,Agree\n"), "error: scale.csv, line 3, column 'code': code 1 appears twice"),
    (dict(responses="respondent_id,q1,q2,q2\nr1,1,3,3\n"), "error: responses.csv, line 1, column 'q2': column 'q2' "
                                                            "appears more than once in the header"),
    (dict(items="item,label\nq1,First\n"), "error: items.csv, line 1: required column(s) missing: group"),
    (dict(scale="code,name\n1,Disagree\n"), "error: scale.csv, line 1: required column(s) missing: label"),
    (dict(items="item,label,group\nq1,First,A\nq1,Again,A\n"), "error: items.csv, line 3, column 'item': item 'q1' appears twice"),
    (dict(items=""), "error: items.csv: file is empty"),
    (dict(responses="respondent_id,q1,q2\n"), "error: responses.csv: file has a header but no data rows"),
])
def test_each_bad_input_exits_with_one_clear_message_and_no_output(files, capsys, tmp_path, contents, expected):
    assert bad_input(files, capsys, tmp_path, **contents).startswith(expected)


def test_a_missing_code_that_is_also_an_answer_is_refused(files):
    with pytest.raises(InputError, match="missing code\\(s\\) 2 are also answers on the scale"):
        load_survey(*files(), missing="2")


def test_columns_not_in_the_items_file_are_a_warning_and_logged(files):
    result = load_survey(*files("respondent_id,q1,q2,notes,age\nr1,1,3,hi,40\n"))
    assert result.warnings == ["responses.csv: column(s) not in items.csv were ignored: notes, age"]
    excluded = result.log.to_frame().query("step == 'select columns'")
    assert excluded["column"].tolist() == ["notes", "age"] and excluded["result"].tolist() == ["1 values excluded"] * 2


def test_out_may_not_be_the_compendium_itself():
    with pytest.raises(InputError, match=f"would overwrite the files of {ROOT}"):
        pipeline.check_out(ROOT / "data" / "processed")
    with pytest.raises(InputError, match=f"holds {ROOT} itself"):
        pipeline.check_out(ROOT.parent)


def test_worked_example_end_to_end(tmp_path):
    """make survey on the bundled made-up survey: a report (notebook and code-hidden HTML), tidy data, figures."""
    out = tmp_path / "example"
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "data" / "processed").iterdir()}
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(EXAMPLE / "responses.csv"),
                          "--items", str(EXAMPLE / "items.csv"), "--scale", str(EXAMPLE / "scale.csv"),
                          "--out", str(out), "--missing", "9"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "warning: responses.csv: column(s) not in items.csv were ignored: comment_length, team, weight" in run.stderr
    assert "warning: construct 'Support' has alpha" in run.stderr, "the made-up constructs are flagged, as they should be"
    table1 = (out / "data" / "processed" / "table1.csv").read_text().splitlines()
    assert table1[0] == ("item,label,domain,n_valid,n_missing,count_1,count_2,count_3,count_4,pct_1,pct_2,pct_3,pct_4,"
                         "valid_pct_1,valid_pct_2,valid_pct_3,valid_pct_4,"
                         "cum_valid_pct_1,cum_valid_pct_2,cum_valid_pct_3,cum_valid_pct_4,mean,sd")
    assert len(table1) == 8  # the header and seven items
    nb = json.loads((out / "report.ipynb").read_text())
    assert not any(o["output_type"] == "error" for c in nb["cells"] for o in c.get("outputs", []))
    shown = "".join("".join(o.get("text") or o.get("data", {}).get("text/markdown", ""))
                    for c in nb["cells"] for o in c.get("outputs", []))
    assert "**40 respondents** answered **7 items** in 3 groups (Workload, Support, Overall)" in shown
    html = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\s]+", "", (out / "report.html").read_text())
    assert "charts.plot_diverging" not in html, "the HTML report hides the code"
    alts = re.findall(r'<img[^>]*alt="([^"]*)"', html)
    assert len(alts) == 5 and all(a.strip() and "No description" not in a for a in alts), "every figure has its alt text"
    assert (out / "figures" / "teaching_heatmap.txt").read_text().startswith("Heat map with one row per survey item (7)")
    assert "likertkit-table" in html, "tables for reading, not raw pandas"
    for text in (shown, html):
        assert not [w for w in ARTICLE_WORDS if w in text], "the report speaks of your survey only"
    for fmt in ("svg", "pdf", "png"):
        assert (out / "figures" / f"fig1_likert_diverging.{fmt}").stat().st_size > 0
    assert not (out / "figures" / "recruitment_flow.svg").exists()  # the article's own figure is not drawn
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "data" / "processed").iterdir()} == before


def test_report_counts_equal_an_independent_count(tmp_path):
    """The counts the report reads are those plain pandas gives on the same file."""
    import pandas as pd

    result = load_survey(EXAMPLE / "responses.csv", EXAMPLE / "items.csv", EXAMPLE / "scale.csv", "9")
    raw = pd.read_csv(EXAMPLE / "responses.csv", dtype=str, keep_default_na=False)
    scale = pd.read_csv(EXAMPLE / "scale.csv")
    by_label = {label.lower(): str(code) for code, label in zip(scale["code"], scale["label"], strict=True)}
    for item in result.items["item"]:
        answers = raw[item].str.strip().str.lower().replace(by_label)
        expected = answers[answers.isin(scale["code"].astype(str))].astype(int).value_counts()
        got = result.counts[result.counts["item"] == item].set_index("code")["count"]
        assert got[got > 0].to_dict() == expected.to_dict()
