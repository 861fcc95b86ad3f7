"""Survey files as people hold them: encodings, delimiters, Excel, SPSS, Stata, ids, item patterns, direction.

Each file is made here, and every count is compared with an independent count by plain pandas on the same
answers.
"""

import subprocess
import sys

import pandas as pd
import pytest

from likertkit import stats
from likertkit.errors import InputError
from likertkit.io.formats.text import detect_delimiter
from likertkit.io.sources import open_source
from likertkit.survey import load_survey

from conftest import ROOT

ANSWERS = pd.DataFrame({"respondent_id": ["r1", "r2", "r3", "r4", "r5"],
                        "q1": [1, 2, 2, 4, 3], "q2": [4, 4, 3, 9, 1]})
SCALE = "code,label\n1,Strongly disagree\n2,Disagree\n3,Agree\n4,Strongly agree\n"


def _counts(result) -> dict:
    return {(r.item, r.code): r.count for r in result.counts.itertuples()}


def _expected(frame=ANSWERS, missing=(9,)) -> dict:
    """The independent count: plain pandas value_counts per item."""
    expected = {}
    for item in ("q1", "q2"):
        tally = pd.to_numeric(frame[item]).value_counts()
        for code in (1, 2, 3, 4):
            expected[(item, code)] = int(tally.get(code, 0))
    return expected


@pytest.fixture
def scale(tmp_path):
    path = tmp_path / "scale.csv"
    path.write_text(SCALE)
    return path


@pytest.mark.parametrize("encoding,delimiter,bom", [("utf-8", ",", False), ("utf-8", ";", True), ("cp1252", "\t", False),
                                                    ("cp1252", ";", False), ("utf-8", "|", False)])
def test_text_files_in_any_common_encoding_and_delimiter_count_the_same(tmp_path, scale, encoding, delimiter, bom):
    frame = ANSWERS.assign(comment=["café", "naïve", "", "ok", "x"])  # non-ASCII text, outside the items
    path = tmp_path / ("responses.tsv" if delimiter == "\t" else "responses.csv")
    text = frame.to_csv(index=False, sep=delimiter)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    result = load_survey(path, "q1,q2", scale, missing="9")
    assert _counts(result) == _expected()
    notes = " ".join(result.log.to_frame()["note"])
    assert ("Windows-1252 (detected" in notes) == (encoding == "cp1252")
    assert f"delimiter {({',': 'comma', ';': 'semicolon', chr(9): 'tab', '|': 'bar'})[delimiter]} (detected)" in notes


def test_a_given_encoding_and_delimiter_are_used_and_checked(tmp_path, scale):
    path = tmp_path / "responses.csv"
    path.write_bytes(ANSWERS.to_csv(index=False, sep=";").encode("latin-1"))
    result = load_survey(path, "q1,q2", scale, missing="9", encoding="latin-1", delimiter="semicolon")
    assert _counts(result) == _expected()
    with pytest.raises(InputError, match="DELIMITER: 'colon' is not one of"):
        load_survey(path, "q1,q2", scale, missing="9", delimiter="colon")
    with pytest.raises(InputError, match="ENCODING: 'klingon' is not an encoding"):
        load_survey(path, "q1,q2", scale, missing="9", encoding="klingon")


def test_excel_workbooks_are_read_with_sheet_rows_in_errors(tmp_path, scale):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(ANSWERS.columns))
    for row in ANSWERS.itertuples(index=False):
        sheet.append([row.respondent_id, float(row.q1), row.q2])  # Excel stores numbers as floats: 2.0 is code 2
    sheet.append([None, None, None])  # a trailing empty row
    path = tmp_path / "responses.xlsx"
    workbook.save(path)
    result = load_survey(path, "q1,q2", scale, missing="9")
    assert _counts(result) == _expected()
    assert "empty rows" in " ".join(result.log.to_frame()["note"])
    assert "not read" not in " ".join(result.log.to_frame()["note"])
    workbook.create_sheet("Codebook")
    workbook.create_sheet("Notes")
    workbook.save(path)
    log = load_survey(path, "q1,q2", scale, missing="9").log.to_frame()
    unread = log[log["note"].str.contains("not read: the workbook's other sheets 'Codebook', 'Notes'")]
    assert list(unread["kind"]) == ["anomaly"], "a sheet left unread is said where the report shows it"
    sheet["B4"] = "often"
    workbook.save(path)
    with pytest.raises(InputError, match=r"responses.xlsx, row 4 \(respondent r3\), column 'q1': value 'often'"):
        load_survey(path, "q1,q2", scale, missing="9")


@pytest.mark.parametrize("kind", ["sav", "dta"])
def test_spss_and_stata_files_bring_their_scale_items_and_missing_codes(tmp_path, kind):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = ANSWERS.assign(q1=ANSWERS["q1"].astype(float), q2=ANSWERS["q2"].astype(float))
    # Positive-first labels, as SPSS files often have: 1 = Strongly agree ... 4 = Strongly disagree.
    labels = {1: "Strongly agree", 2: "Agree", 3: "Disagree", 4: "Strongly disagree", 9: "Don't know"}
    path = tmp_path / f"survey.{kind}"
    if kind == "sav":
        pyreadstat.write_sav(frame, path, column_labels=["Respondent", "Work is meaningful", "Support is enough"],
                             variable_value_labels={"q1": labels, "q2": labels},
                             missing_ranges={"q1": [9], "q2": [9]})
    else:
        pyreadstat.write_dta(frame, path, column_labels=["Respondent", "Work is meaningful", "Support is enough"],
                             variable_value_labels={"q1": labels, "q2": labels})
    result = load_survey(path)
    assert list(result.items["item"]) == ["q1", "q2"]
    assert list(result.items["label"]) == ["Work is meaningful", "Support is enough"]
    assert list(result.scale["code"]) == [4, 3, 2, 1], "ordered negative → positive whatever the codes"
    assert _counts(result) == _expected()
    notes = " ".join(result.log.to_frame()["note"])
    assert "reordered negative → positive" in notes
    assert "codes the file declares missing: 9" in notes
    if kind == "dta":  # Stata has no declared missing codes: the label says it is not an answer
        assert "value labels read as no answer (set missing): 9 = Don't know" in notes


def test_percent_agreeing_follows_the_labels_not_the_codes(tmp_path):
    """The headline bug: positive-first codes must not swap agreement and disagreement."""

    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(8)], "q1": [1.0, 1, 1, 1, 1, 2, 4, 4]})
    labels = {1: "Strongly agree", 2: "Agree", 3: "Disagree", 4: "Strongly disagree"}
    path = tmp_path / "s.sav"
    pyreadstat.write_sav(frame, path, variable_value_labels={"q1": labels})
    result = load_survey(path)
    item = stats.item_statistics(result.counts, result.items.rename(columns={"group": "domain"}), result.scale).iloc[0]
    assert item["pct_agree"] == pytest.approx(75.0) and item["pct_disagree"] == pytest.approx(25.0)
    assert item["median"] == 1, "the median answer is 'Strongly agree' (code 1)"
    # In the scale's order (4 Strongly disagree … 1 Strongly agree) the 2nd of 8 answers is a 4, the 6th a 1.
    assert (item["q1"], item["q3"]) == (4, 1), "quartiles follow the scale's order, not the codes'"
    assert item["iqr"] == 3, "the spread between them is never negative"


def test_positive_overrides_the_labels(tmp_path, scale):
    path = tmp_path / "r.csv"
    ANSWERS.to_csv(path, index=False)
    result = load_survey(path, "q1,q2", scale, missing="9", positive="first")
    assert list(result.scale["code"]) == [4, 3, 2, 1]
    with pytest.raises(InputError, match="POSITIVE: 'top' is neither first nor last"):
        load_survey(path, "q1,q2", scale, missing="9", positive="top")


@pytest.mark.parametrize("name,content,looks_like", [
    ("survey.sav", b"respondent_id,q1\nr1,1\n", "a CSV text file"),
    ("survey.xlsx", b"respondent_id,q1\nr1,1\n", "a CSV text file"),
    ("survey.csv", b"$FL2@(#) IBM SPSS STATISTICS", "an SPSS .sav file"),
    ("survey.csv", b"PAR1\x15\x04", "a Parquet file"),
    ("survey.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls workbook"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused_with_what_it_looks_like(tmp_path, name, content, looks_like):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"looks like {looks_like}"):
        open_source(path)


def test_ids_come_from_ID_or_respondent_id_or_row_numbers(tmp_path, scale):
    path = tmp_path / "r.csv"
    ANSWERS.rename(columns={"respondent_id": "Ref"}).to_csv(path, index=False)
    numbered = load_survey(path, "q1,q2", scale, missing="9")
    assert "respondents are numbered 1, 2, ... in file order" in " ".join(numbered.log.to_frame()["note"])
    assert _counts(numbered) == _expected()
    ANSWERS.rename(columns={"respondent_id": "Response ID"}).to_csv(path, index=False)
    found = load_survey(path, "q1,q2", scale, missing="9")  # a platform's id column, found by its name (issue 32)
    assert "respondent ids from the column 'Response ID', found by its name" in " ".join(found.log.to_frame()["note"])
    named = load_survey(path, "q1,q2", scale, missing="9", id_column="Response ID")
    assert _counts(named) == _expected() == _counts(found)
    ANSWERS.assign(respondent_id=["r1", "r2", "r1", "r4", "r5"]).rename(columns={"respondent_id": "Response ID"}).to_csv(
        path, index=False)
    with pytest.raises(InputError, match=r"line 4 \(respondent r1\), column 'Response ID': respondent id 'r1' appears twice"):
        load_survey(path, "q1,q2", scale, missing="9", id_column="Response ID")
    with pytest.raises(InputError, match="ID column 'RID' is not in the header"):
        load_survey(path, "q1,q2", scale, missing="9", id_column="RID")


def test_a_platform_export_runs_without_hand_editing(tmp_path, scale):
    """Question text under the short name (multi-line headers), repeated headers of columns that are not items."""
    path = tmp_path / "export.csv"
    path.write_text('Response ID,"Q1_1\nI find my work meaningful","Q1_2\nI get enough support",'
                    '"Please elaborate here:","Please elaborate here:"\n'
                    'R1,1,4,,\nR2,2,4,"long, text",x\nR3,2,3,,\nR4,4,9,,\nR5,3,1,,\n')
    result = load_survey(path, "Q1_*", scale, missing="9", id_column="Response ID")
    assert list(result.items["label"]) == ["Q1_1 I find my work meaningful", "Q1_2 I get enough support"]
    renamed = {("q1" if "Q1_1" in k[0] else "q2", k[1]): v for k, v in _counts(result).items()}
    assert renamed == _expected()


def test_item_patterns_that_match_nothing_say_what_columns_there_are(tmp_path, scale):
    path = tmp_path / "r.csv"
    ANSWERS.to_csv(path, index=False)
    with pytest.raises(InputError, match="'Q9_\\*' matches no column of r.csv; its columns: respondent_id, q1, q2"):
        load_survey(path, "Q9_*", scale)


def test_delimiter_detection_ignores_delimiters_inside_quotes():
    assert detect_delimiter('id;"a, b, c";q2') == ";"
    assert detect_delimiter("id\tq1\tq2") == "\t"
    assert detect_delimiter("id") == ","
    assert detect_delimiter("popul TVnews selfLR") == " ", "space only when nothing else splits the header"
    assert detect_delimiter("Response ID,My work is meaningful") == ","


def test_make_survey_passes_the_new_options_byte_for_byte(tmp_path, scale):
    path = tmp_path / "r;1.csv"
    ANSWERS.to_csv(path, index=False, sep=";")
    out = tmp_path / "out $HOME"
    run = subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={path}", "ITEMS=q*", f"SCALE={scale}",
                          f"OUT={out}", "MISSING=9", "DELIMITER=semicolon", "ID=respondent_id", "POSITIVE=last",
                          "PALETTE=PuOr", f"PYTHON={sys.executable}"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    log = pd.read_csv(out / "data" / "processed" / "cleaning_log.csv", dtype=str)
    assert "delimiter semicolon (given)" in set(log["note"])
    assert "POSITIVE=last" in " ".join(log["note"])
    import seaborn as sns

    svg = (out / "figures" / "fig1_likert_diverging.svg").read_text()
    assert sns.color_palette("PuOr", 5).as_hex()[0] in svg, "PALETTE reached the chart"
    bad = subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={path}", "ITEMS=q*", f"SCALE={scale}",
                          f"OUT={tmp_path / 'other'}", "PALETTE=rainbow", f"PYTHON={sys.executable}"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "error: PALETTE: 'rainbow' is not one of RdBu" in bad.stderr


def test_a_qualtrics_export_with_two_extra_header_rows_is_read_and_says_so(tmp_path, scale):
    path = tmp_path / "qualtrics.csv"
    path.write_text('StartDate,ResponseId,Q1_1,Q1_2,Q2\n'
                    'Start Date,Response ID,"How true is this? - My work is meaningful","How true is this? - I get support",'
                    '"Please elaborate here:"\n'
                    '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1_1""}",'
                    '"{""ImportId"":""QID1_2""}","{""ImportId"":""QID2_TEXT""}"\n'
                    '2026-01-01,R_1,1,4,\n2026-01-01,R_2,2,4,text\n2026-01-02,R_3,2,3,\n2026-01-02,R_4,4,9,\n'
                    '2026-01-03,R_5,3,often,\n')
    with pytest.raises(InputError, match=r"qualtrics.csv, line 8 \(respondent R_5\), column 'Q1_2': value 'often'"):
        load_survey(path, "Q1_*", scale, missing="9", id_column="ResponseId")
    path.write_text(path.read_text().replace("often", "1"))
    result = load_survey(path, "Q1_*", scale, missing="9", id_column="ResponseId")
    renamed = {("q1" if k[0] == "Q1_1" else "q2", k[1]): v for k, v in _counts(result).items()}
    assert renamed == _expected()
    assert "2 extra header row(s) after the header skipped" in " ".join(result.log.to_frame()["note"])
    result = load_survey(path, "Q1_*", scale, missing="9")  # no ID: the export's ResponseId, not numbers
    log = " ".join(result.log.to_frame()["note"])
    assert "respondent ids from the column 'ResponseId', found by its name" in log and "a Qualtrics" in log
    assert list(result.items["label"]) == ["How true is this? - My work is meaningful",
                                           "How true is this? - I get support"], "the question text is the label"


def test_a_legacy_qualtrics_export_with_one_row_of_question_text_is_read(tmp_path, scale):
    """The legacy layout (as the qualtRics package's sample_legacy.csv): the names, then one row that repeats the
    metadata columns' names and gives each question's text."""
    path = tmp_path / "legacy.csv"
    meta = "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished"
    rows = [f"R_{k},Default Response Set,Anonymous,,,1.2.3.4,0,2026-01-01 10:00,2026-01-01 10:05,1,{q1},{q2}"
            for k, (q1, q2) in enumerate([(1, 4), (2, 4), (2, 3), (4, 9), (3, 1)], start=1)]
    path.write_text(f"{meta},Q1,Q2\n{meta},This is a multiple choice question.,How true is this? - I get support\n"
                    + "\n".join(rows) + "\n")
    result = load_survey(path, "Q1,Q2", scale, missing="9")
    assert _counts(result) == {("Q1" if k[0] == "q1" else "Q2", k[1]): v for k, v in _expected().items()}
    log = " ".join(result.log.to_frame()["note"])
    assert "1 extra header row(s) after the header skipped: a Qualtrics, legacy" in log
    assert "respondent ids from the column 'ResponseID', found by its name" in log
    assert list(result.items["label"]) == ["This is a multiple choice question.", "How true is this? - I get support"]


# --- R data: .rds and .RData (written here by pyreadr, as R writes them: compressed) ------------------------------

def test_r_data_files_are_read_with_factor_levels_as_the_scale(tmp_path):
    pyreadr = pytest.importorskip("pyreadr")
    agree = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
    answers = ["Agree", "Neutral", "Strongly agree", "Agree", "Disagree", None]
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(6)],
                          "q1": pd.Categorical(answers, categories=agree, ordered=True),
                          "q2": pd.Categorical(answers[::-1], categories=agree),
                          "sex": pd.Categorical(["f", "m", "f", "m", "f", "m"]), "age": [31, 45, 27, 52, 38, 41]})
    pyreadr.write_rds(tmp_path / "s.rds", frame, compress="gzip")
    pyreadr.write_rdata(tmp_path / "s.RData", frame, df_name="survey")
    assert (tmp_path / "s.rds").read_bytes()[:2] == b"\x1f\x8b"
    for path in (tmp_path / "s.rds", tmp_path / "s.RData"):
        survey = load_survey(path, id_column="id")
        assert list(survey.items["item"]) == ["q1", "q2"], "factors whose levels are a response scale; not sex, age"
        assert list(survey.scale["label"]) == agree and list(survey.scale["code"]) == [1, 2, 3, 4, 5]
        counts = survey.counts[survey.counts["item"] == "q1"].set_index("category")["count"]
        assert counts.to_dict() == {"Strongly disagree": 0, "Disagree": 1, "Neutral": 1, "Agree": 2,
                                    "Strongly agree": 1}
        assert survey.items.set_index("item").loc["q1", "n_missing"] == 1
        log = " ".join(survey.log.to_frame()["note"])
        assert "an R data file" in log and "sex (f, m)" in log
    (tmp_path / "bad.rds").write_bytes(b"\x1f\x8b" + b"\x00" * 50)
    with pytest.raises(InputError, match="cannot be read as an R data file"):
        load_survey(tmp_path / "bad.rds", "q1", id_column="id")


def test_a_surveymonkey_export_with_its_row_of_answer_options_is_read(tmp_path, scale):
    """SurveyMonkey's layout: the question in the first header row, 'Response' (or the answer options) in the
    second, then the answers."""
    path = tmp_path / "monkey.csv"
    path.write_text("Respondent ID,Collector ID,Start Date,q1,q2\n"
                    ",,,Response,Response\n"
                    + "".join(f"{1000 + k},42,2026-01-0{k},{q1},{q2}\n"
                              for k, (q1, q2) in enumerate([(1, 4), (2, 4), (2, 3), (4, 9), (3, 1)], start=1)))
    result = load_survey(path, "q1,q2", scale, missing="9", id_column="Respondent ID")
    assert _counts(result) == _expected()
    assert "1 extra header row(s) after the header skipped: a SurveyMonkey" in " ".join(result.log.to_frame()["note"])


def test_an_option_is_named_as_the_user_typed_it(tmp_path):
    """'ORDER:' to a command-line user who typed --order (issue 32): the command names the option, make the variable
    (the make route is tested above with PALETTE)."""
    (tmp_path / "r.csv").write_text("respondent_id,q1\na,1\n")
    (tmp_path / "scale.csv").write_text("code,label\n1,No\n2,Yes\n")
    bad = subprocess.run([sys.executable, "-m", "likertkit", "report", str(tmp_path / "r.csv"), "--items=q1",
                          f"--scale={tmp_path / 'scale.csv'}", f"--out={tmp_path / 'out'}", "--order=sideways",
                          "--min-group=0"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and bad.stderr.startswith("error: --order: 'sideways' is not one of"), bad.stderr
