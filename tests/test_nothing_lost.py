"""Nothing lost, round four (issue 29): each test builds its hostile input here and walks the route a person takes
(``python -m likertkit report`` / ``audit``), and failed on the code before its fix.

1. data loss: inputs kept inside OUT, hand-edited manifests; 2. silently wrong output: CSV fields holding a
carriage return, formula-like text, weights that underflow, files that are UTF-8 but for a byte, ids; the audit's
verdicts on impossible values; 3. one line, not a traceback or a hang; 4. defence in depth.

Expected values come from the files as the test writes them, read back with Python's csv module, pandas and
pyarrow, never through likertkit's readers.
"""

import csv
import hashlib
import http.server
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
import unicodedata
import zipfile

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from likertkit.report import joint_page, outfolder

from conftest import ROOT

SCALE = "code,label\n1,Disagree\n2,Neutral\n3,Agree\n"


def run(*args, timeout=300, **kwargs):
    result = subprocess.run([sys.executable, "-m", "likertkit", *map(str, args)], capture_output=True, text=True,
                            cwd=ROOT, timeout=timeout, **kwargs)
    # jupyter_client interrupts the kernel before shutting it down: ipykernel's "[IPKernelApp] ERROR |
    # KeyboardInterrupt caught in kernel." must not reach the terminal of a run (issue 30)
    assert "IPKernelApp" not in result.stderr, result.stderr
    return result


def one_error_line(result) -> str:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith(("warning: ", "note: "))]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0][len("error: "):]


def small_survey(folder, rows=None):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "r.csv").write_text("respondent_id,q1,q2\n" + "".join(rows or ["a,1,2\n", "b,2,3\n", "c,3,3\n"]))
    (folder / "scale.csv").write_text(SCALE)
    return folder / "r.csv", folder / "scale.csv"


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 1. data loss ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_an_input_kept_inside_out_where_the_run_writes_is_refused_and_kept(tmp_path, overwrite):
    survey, scale = small_survey(tmp_path)
    out = tmp_path / "out"
    first = run("report", survey, "--items=q1,q2", f"--scale={scale}", f"--out={out}")
    assert first.returncode == 0, first.stderr
    processed = out / "data" / "processed"
    (processed / "items.csv").write_text("item,label,group\nq1,Mine one,D\nq2,Mine two,D\n")
    (processed / "scale.csv").write_text(SCALE)
    before = tree(out)
    result = run("report", survey, f"--items={processed / 'items.csv'}", f"--scale={processed / 'scale.csv'}",
                 f"--out={out}", *overwrite)
    message = one_error_line(result)
    assert "lies in OUT at data/processed/" in message and "would replace the file it reads" in message, message
    assert tree(out) == before, "nothing written"


def test_a_study_file_kept_inside_out_where_the_run_writes_is_refused(tmp_path):
    survey, scale = small_survey(tmp_path)
    out = tmp_path / "out"
    (out / "data" / "processed").mkdir(parents=True)
    quotes = out / "data" / "processed" / "quotes.csv"
    quotes.write_text("quote_id,theme,speaker,text\nA1,T1,P1,My own words\n")
    result = run("report", survey, "--items=q1,q2", f"--scale={scale}", f"--out={out}", f"--quotes={quotes}",
                 "--overwrite")
    assert "quotes.csv" in one_error_line(result)
    assert quotes.read_text() == "quote_id,theme,speaker,text\nA1,T1,P1,My own words\n"


def test_a_draft_scale_passed_back_from_out_is_still_read(tmp_path):
    (tmp_path / "r.csv").write_text("respondent_id,q1\na,Often\nb,Seldom\nc,Hmm\n")
    out = tmp_path / "out"
    assert "scale-draft.csv" in one_error_line(run("report", tmp_path / "r.csv", "--items=q1", f"--out={out}"))
    (out / "scale-draft.csv").write_text("code,label\n1,Seldom\n2,Hmm\n3,Often\n")
    result = run("report", tmp_path / "r.csv", "--items=q1", f"--scale={out / 'scale-draft.csv'}", f"--out={out}")
    assert result.returncode == 0, result.stderr
    assert (out / "scale-draft.csv").read_text() == "code,label\n1,Seldom\n2,Hmm\n3,Often\n"


def test_an_audit_table_kept_inside_out_at_audit_csv_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "audit.csv").write_text("item,count_1,count_2,count_3\nq1,1,2,3\n")
    (tmp_path / "scale.csv").write_text(SCALE)
    result = run("audit", out / "audit.csv", f"--scale={tmp_path / 'scale.csv'}", f"--out={out}", "--overwrite")
    assert "lies in OUT at audit.csv" in one_error_line(result)
    assert (out / "audit.csv").read_text() == "item,count_1,count_2,count_3\nq1,1,2,3\n"


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_a_manifest_entry_of_no_output_name_never_deletes_the_users_file(tmp_path, overwrite):
    survey, scale = small_survey(tmp_path)
    out = tmp_path / "out"
    assert run("report", survey, "--items=q1,q2", f"--scale={scale}", f"--out={out}").returncode == 0
    mine = out / "mine.txt"
    mine.write_text("my notes")
    manifest = json.loads((out / outfolder.MANIFEST).read_text())
    manifest["files"]["mine.txt"] = hashlib.sha256(b"my notes").hexdigest()
    (out / outfolder.MANIFEST).write_text(json.dumps(manifest))
    result = run("report", survey, "--items=q1,q2", f"--scale={scale}", f"--out={out}", *overwrite)
    assert mine.read_text() == "my notes"
    if overwrite:
        assert result.returncode == 0, result.stderr
        assert "'mine.txt', which no run of this tool writes: left alone" in result.stderr, result.stderr
        assert "mine.txt" not in json.loads((out / outfolder.MANIFEST).read_text())["files"]
    else:  # a file the tool did not write stops the run, as any other does
        assert "holds files this tool did not write" in one_error_line(result)


def test_a_manifest_entry_of_5000_characters_is_one_line(tmp_path):
    survey, scale = small_survey(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / outfolder.MANIFEST).write_text(json.dumps({"files": {"x" * 5000: "0" * 64}}))
    message = one_error_line(run("report", survey, "--items=q1,q2", f"--scale={scale}", f"--out={out}"))
    assert "5,000 characters" in message and "not a manifest this tool wrote" in message


def test_every_output_a_run_writes_is_among_the_known_output_names(tmp_path):
    example = ROOT / "examples" / "made-up-survey"
    study = ROOT / "examples" / "made-up-mixed-study"
    out = tmp_path / "out"
    result = run("report", example / "responses.csv", f"--items={example / 'items.csv'}",
                 f"--scale={example / 'scale.csv'}", "--missing=9", "--group=team", "--weight=weight",
                 f"--quotes={study / 'quotes.csv'}", f"--themes={study / 'themes.csv'}",
                 f"--findings={study / 'findings.csv'}", f"--out={out}")
    assert result.returncode == 0, result.stderr
    written = set(json.loads((out / outfolder.MANIFEST).read_text())["files"])
    assert written <= outfolder.OUTPUT_NAMES, written - outfolder.OUTPUT_NAMES
    assert set(tree(out)) - {outfolder.MANIFEST} == written


# --- 2. silently wrong output ---------------------------------------------------------------------------------

HOSTILE = ["line\r=1+1", "two\nlines", "crlf\r\nend", 'a "quoted", comma', "bell\x07tab\tvt\x0bff\x0c", "@SUM(A1)"]


def _hostile_study(tmp_path):
    """A survey whose every text field holds line breaks, quotes, commas and control characters, with comments,
    groups, constructs, quotes, themes and findings holding them too."""
    rows = [["respondent_id", "q1", "q1_comment", "q2", "team"]]
    for i in range(12):
        rows.append([f"=ID{i}" if i == 0 else f"r{i}", str(i % 3 + 1), HOSTILE[i % len(HOSTILE)] if i < 6 else "",
                     str((i + 1) % 3 + 1), ["+North", "South\rSide"][i % 2]])
    with open(tmp_path / "r.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    with open(tmp_path / "items.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["item", "label", "group", "construct"],
                                      ["q1", "First\r=label", "-Domain", "@Load"], ["q2", "Second, \"x\"", "-Domain",
                                                                                    "@Load"]])
    with open(tmp_path / "themes.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["theme", "name"], ["=T1", "=Time\rnow"]])
    with open(tmp_path / "quotes.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["quote_id", "theme", "speaker", "text", "source"],
                                      ["=Q1", "=T1", "+P1", HOSTILE[0], "-interview"],
                                      ["Q2", "=T1", "P2", HOSTILE[2], "@notes"]])
    with open(tmp_path / "findings.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["finding_id", "theme", "statement", "items", "quotes", "rating", "rationale"],
                                      ["=F1", "=T1", "=Most\rsay", "q1;q2", "=Q1;Q2", "agreement", "+because\rso"]])
    (tmp_path / "scale.csv").write_text(SCALE)
    return ["report", tmp_path / "r.csv", f"--items={tmp_path / 'items.csv'}", f"--scale={tmp_path / 'scale.csv'}",
            "--comments=next", "--group=team", "--min-group=2", f"--quotes={tmp_path / 'quotes.csv'}",
            f"--themes={tmp_path / 'themes.csv'}", f"--findings={tmp_path / 'findings.csv'}",
            "--title=<b>Staff</b> & \"survey\"", f"--out={tmp_path / 'out'}"]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    result = run(*_hostile_study(folder))
    assert result.returncode == 0, result.stderr
    return folder / "out"


def _rows_by_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return [row for row in csv.reader(handle)]


def test_every_csv_a_run_writes_reads_back_to_the_same_rows_with_csv_pandas_and_pyarrow(hostile_run):
    tables = sorted((hostile_run / "data" / "processed").glob("*.csv"))
    assert {p.name for p in tables} >= {"comments.csv", "quotes.csv", "themes.csv", "items.csv", "joint_display.csv",
                                        "group_sizes.csv", "cleaning_log.csv", "table1.csv"}
    for path in tables:
        by_csv = _rows_by_csv(path)
        header, rows = by_csv[0], by_csv[1:]
        by_pandas = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(by_pandas.columns) == header and by_pandas.values.tolist() == rows, path.name
        by_arrow = pa_csv.read_csv(path, read_options=pa_csv.ReadOptions(),
                                   parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                                   convert_options=pa_csv.ConvertOptions(
                                       column_types={name: "string" for name in header}, strings_can_be_null=False))
        assert by_arrow.column_names == header and [list(r.values()) for r in by_arrow.to_pylist()] == rows, path.name
    comments = _rows_by_csv(hostile_run / "data" / "processed" / "comments.csv")[1:]
    assert [row[3] for row in comments] == HOSTILE, "every comment byte for byte, one row each (item, id, answer, text)"
    quotes = _rows_by_csv(hostile_run / "data" / "processed" / "quotes.csv")[1:]
    assert [row[3] for row in quotes] == [HOSTILE[0], HOSTILE[2]]


def test_formula_like_text_in_every_csv_is_named_in_one_log_line(hostile_run):
    log = pd.read_csv(hostile_run / "data" / "processed" / "cleaning_log.csv", dtype=str, keep_default_na=False)
    said = log[log["note"].str.contains("read as a formula")]
    assert len(said) == 1
    note = said["note"].iloc[0]
    for text in ["=ID0", "+North", "-Domain", "@Load", "=Q1", "=T1", "+P1", "-interview", "@notes", "=F1",
                 "=Most\rsay", "+because\rso", "=Time\rnow", "@SUM(A1)", "=Q1;Q2"]:
        assert repr(text) in note, text
    assert "comments.csv respondent_id" in note and "quotes.csv speaker" in note


def test_the_report_s_browser_title_is_its_title_escaped(hostile_run):
    page = (hostile_run / "report.html").read_text(encoding="utf-8")
    assert "<title>&lt;b&gt;Staff&lt;/b&gt; &amp; \"survey\"</title>" in page or \
           "<title>&lt;b&gt;Staff&lt;/b&gt; &amp; &quot;survey&quot;</title>" in page, \
           re.search(r"<title>.*?</title>", page).group(0)


def test_a_weight_that_underflows_to_zero_is_refused_naming_its_cell(tmp_path):
    survey, scale = small_survey(tmp_path, ["a,1,2,1\n", "b,2,3,1e-400\n", "c,3,3,0\n"])
    survey.write_text("respondent_id,q1,q2,w\n" + survey.read_text().split("\n", 1)[1])
    message = one_error_line(run("report", survey, "--items=q1,q2", f"--scale={scale}", "--weight=w",
                                 f"--out={tmp_path / 'out'}"))
    assert "line 3" in message and "column 'w'" in message and "'1e-400'" in message, message


def test_a_file_utf8_but_for_one_byte_is_an_error_naming_line_column_and_byte(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    (tmp_path / "r.csv").write_bytes("respondent_id,q1,q2,g\na,1,2,Nörth\nb,2,3,S".encode() + b"\xf6uth\n")
    message = one_error_line(run("report", tmp_path / "r.csv", "--items=q1,q2", f"--scale={tmp_path / 'scale.csv'}",
                                 "--group=g", f"--out={tmp_path / 'out'}"))
    assert "line 3" in message and "column 'g'" in message and "0xf6" in message, message


def test_a_windows_1252_file_is_still_read_as_windows_1252(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    (tmp_path / "r.csv").write_bytes("respondent_id,q1,q2,g\na,1,2,Nörth\nb,2,3,Söuth\n".encode("cp1252"))
    out = tmp_path / "out"
    result = run("report", tmp_path / "r.csv", "--items=q1,q2", f"--scale={tmp_path / 'scale.csv'}", "--group=g",
                 "--min-group=1", f"--out={out}")
    assert result.returncode == 0, result.stderr
    sizes = pd.read_csv(out / "data" / "processed" / "group_sizes.csv", dtype=str)
    assert set(sizes["group"]) == {"Nörth", "Söuth"}


def _study(tmp_path, quotes, findings="", themes=""):
    survey, scale = small_survey(tmp_path)
    (tmp_path / "quotes.csv").write_text(quotes, encoding="utf-8")
    args = ["report", survey, "--items=q1,q2", f"--scale={scale}", f"--quotes={tmp_path / 'quotes.csv'}",
            f"--out={tmp_path / 'out'}"]
    if findings:
        (tmp_path / "findings.csv").write_text(findings, encoding="utf-8")
        args.append(f"--findings={tmp_path / 'findings.csv'}")
    if themes:
        (tmp_path / "themes.csv").write_text(themes, encoding="utf-8")
        args.append(f"--themes={tmp_path / 'themes.csv'}")
    return args


def test_a_quote_id_holding_the_list_separator_is_refused(tmp_path):
    args = _study(tmp_path, "quote_id,theme,speaker,text\nA;B,T1,P1,Words\nA,T1,P2,More\n",
                  "finding_id,theme,statement,items,quotes,rating,rationale\nF1,T1,S,q1,A;B,,\n")
    message = one_error_line(run(*args))
    assert "quotes.csv, line 2" in message and "'A;B' holds ';'" in message, message


def test_ids_that_differ_only_in_spaces_or_unicode_form_are_one_id_and_said(tmp_path):
    decomposed = "O\u0301"  # O and a combining acute accent: "Ó" in NFD
    composed = unicodedata.normalize("NFC", decomposed)
    assert composed != decomposed
    args = _study(tmp_path, f"quote_id,theme,speaker,text\n{decomposed},T1 ,P1,Words\n",
                  f"finding_id,theme,statement,items,quotes,rating,rationale\nF1,T1,S,q1,{composed},,\n",
                  "theme,name\nT1,Time\n")
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "ids read without surrounding spaces and in one Unicode form (NFC)" in result.stderr
    quotes = _rows_by_csv(tmp_path / "out" / "data" / "processed" / "quotes.csv")
    assert quotes[1][:2] == [composed, "T1"]
    twice = _study(tmp_path / "twice", "quote_id,theme,speaker,text\nA,T1,P1,x\nA ,T1,P2,y\n")
    assert "'A' is used twice" in one_error_line(run(*twice))


AUDIT_SCALE = "code,label\n1,Low\n2,Mid\n3,High\n"


@pytest.mark.parametrize("table, quantity, verdict", [
    ("item,n,mean,sd\nq1,0,2.00,0.50\n", "mean", "impossible"),
    ("item,n,mean,sd\nq1,0,2.00,0.50\n", "sd", "impossible"),
    ("item,count_1,count_2,count_3,mean,sd\nq1,0,0,0,2.00,0.50\n", "mean", "impossible"),
    ("item,n,mean,sd\nq1,10,2.00,-0.50\n", "sd", "impossible"),
    ("item,count_1,count_2,count_3,pct_1,pct_2,pct_3\nq1,1,2,3,120.0,33.3,50.0\n", "pct_1", "impossible"),
    ("item,n,mean\nq1,10,3.50\n", "mean", "impossible"),
])
def test_the_audit_calls_impossible_values_impossible(tmp_path, table, quantity, verdict):
    (tmp_path / "t.csv").write_text(table)
    (tmp_path / "scale.csv").write_text(AUDIT_SCALE)
    result = run("audit", tmp_path / "t.csv", f"--scale={tmp_path / 'scale.csv'}", f"--out={tmp_path / 'out'}")
    assert result.returncode == 0, result.stderr
    audit = pd.read_csv(tmp_path / "out" / "audit.csv", dtype=str, keep_default_na=False)
    assert audit.loc[audit["quantity"] == quantity, "verdict"].tolist() == [verdict], audit


def test_a_negative_count_is_said_to_be_negative(tmp_path):
    (tmp_path / "t.csv").write_text("item,count_1,count_2,count_3\nq1,-5,2,3\n")
    (tmp_path / "scale.csv").write_text(AUDIT_SCALE)
    message = one_error_line(run("audit", tmp_path / "t.csv", f"--scale={tmp_path / 'scale.csv'}",
                                 f"--out={tmp_path / 'out'}"))
    assert "'-5' is negative" in message and "column 'count_1'" in message, message


def test_an_audited_item_a_spreadsheet_reads_as_a_formula_is_named(tmp_path):
    (tmp_path / "t.csv").write_text("item,count_1,count_2,count_3\n=HYPERLINK(1),1,2,3\n")
    (tmp_path / "scale.csv").write_text(AUDIT_SCALE)
    result = run("audit", tmp_path / "t.csv", f"--scale={tmp_path / 'scale.csv'}", f"--out={tmp_path / 'out'}")
    assert result.returncode == 0 and "'=HYPERLINK(1)' (audit.csv item)" in result.stderr, result.stderr
    assert "=HYPERLINK(1)" in (tmp_path / "out" / "audit.html").read_text().split("read as a formula")[1]


# --- 3. one line, not a traceback or a hang ---------------------------------------------------------------------

@pytest.mark.parametrize("weighted", [False, True])
def test_no_group_reaching_min_group_is_said_and_the_groups_sizes_shown(tmp_path, weighted):
    rows = [f"r{i},{i % 3 + 1},{(i // 3) % 3 + 1},G{i % 10},{1 + i % 4 / 2}\n" for i in range(30)]
    survey, scale = small_survey(tmp_path, rows)
    survey.write_text("respondent_id,q1,q2,g,w\n" + "".join(rows))
    out = tmp_path / "out"
    result = run("report", survey, "--items=q1,q2", f"--scale={scale}", "--group=g", f"--out={out}",
                 *(["--weight=w"] if weighted else []))
    assert result.returncode == 0, result.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "No group has 5 respondents or more (MIN_GROUP), so no group is large enough to compare" in page
    assert "percents and chart are of the" not in page, "no group compared: nothing to say of their percents"
    if weighted:  # the table of each compared group's weighted figures: none, but with its columns
        table = pd.read_csv(out / "data" / "processed" / "weighted_by_group.csv")
        assert table.empty and {"group", "item", "n_effective", "weighted_valid_pct_1", "mean"} <= set(table.columns)
    sizes = pd.read_csv(out / "data" / "processed" / "group_sizes.csv", dtype=str)
    assert len(sizes) == 10 and all(f">G{i}<" in page for i in range(10)), "each group's size in a table"


def _bounded(args, seconds=60, max_gb=2.0):
    """Run the command with a time bound and return the result and the child's peak memory in GB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = run(*args, timeout=seconds)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak / 2**20 < max_gb or peak == before, f"{peak / 2**20:.1f} GB"
    return result


def test_a_million_groups_are_refused_early_in_bounded_memory(tmp_path):
    survey, scale = small_survey(tmp_path)
    with open(survey, "w") as handle:
        handle.write("respondent_id,q1,q2,g\n")
        handle.writelines(f"r{i},{i % 3 + 1},{i % 2 + 1},G{i}\n" for i in range(1_000_000))
    started = time.perf_counter()
    message = one_error_line(_bounded(["report", survey, "--items=q1,q2", f"--scale={scale}", "--group=g",
                                       f"--out={tmp_path / 'out'}"]))
    assert "more than 200 different values" in message and time.perf_counter() - started < 60


def test_100000_columns_are_refused_naming_the_limit(tmp_path):
    survey, scale = small_survey(tmp_path)
    with open(survey, "w") as handle:
        handle.write("respondent_id," + ",".join(f"q{i}" for i in range(100_000)) + "\n")
        handle.writelines(f"r{r}," + ",".join("1" for _ in range(100_000)) + "\n" for r in range(20))
    message = one_error_line(_bounded(["report", survey, "--items=q*", f"--scale={scale}",
                                       f"--out={tmp_path / 'out'}"]))
    assert "100,001 columns, more than the 16,384" in message


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read(tmp_path):
    (tmp_path / "scale.csv").write_text(SCALE)
    book = tmp_path / "r.xlsx"
    with zipfile.ZipFile(book, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            blank = b" " * (1 << 24)
            for _ in range(70):  # 1.1 GB of whitespace
                sheet.write(blank)
    assert book.stat().st_size < 10 << 20
    message = one_error_line(_bounded(["report", book, "--items=q1", f"--scale={tmp_path / 'scale.csv'}",
                                       f"--out={tmp_path / 'out'}"]))
    assert "unpacks to 1.1 GB, more than the 1 GB" in message


def test_a_line_with_no_end_is_refused_in_bounded_memory(tmp_path):
    survey, scale = small_survey(tmp_path)
    with open(survey, "wb") as handle:
        handle.write(b"respondent_id,q1,q2\n")
        for _ in range(40):
            handle.write(b"x" * (1 << 20))
    message = one_error_line(_bounded(["report", survey, "--items=q1,q2", f"--scale={scale}",
                                       f"--out={tmp_path / 'out'}"], max_gb=1.0))
    assert "line 2" in message and "longer than 16 MB" in message


def test_3000_findings_are_refused_early(tmp_path):
    findings = "finding_id,theme,statement,items,quotes,rating,rationale\n" + "".join(
        f"F{i},T1,S,q1,A,,\n" for i in range(3000))
    args = _study(tmp_path, "quote_id,theme,speaker,text\nA,T1,P1,Words\n", findings)
    started = time.perf_counter()
    message = one_error_line(run(*args, timeout=120))
    assert "3,000 findings, more than the 500" in message and "line 502" in message
    assert time.perf_counter() - started < 60


def test_a_parquet_folder_holding_a_link_to_itself_names_the_link(tmp_path):
    folder = tmp_path / "survey.parquet"
    folder.mkdir()
    pq.write_table(pa.table({"respondent_id": ["R001"], "q1": ["1"]}), folder / "part-0.parquet")
    (folder / "again").symlink_to(folder)
    (tmp_path / "scale.csv").write_text(SCALE)
    message = one_error_line(run("report", folder, "--items=q1", f"--scale={tmp_path / 'scale.csv'}",
                                 f"--out={tmp_path / 'out'}"))
    assert "holds a symbolic link, again" in message and "appears twice" not in message


def test_a_quotes_file_in_utf16_is_said_to_be_utf16(tmp_path):
    args = _study(tmp_path, "")
    (tmp_path / "quotes.csv").write_bytes("quote_id,theme,speaker,text\nA,T1,P1,Words\n".encode("utf-16"))
    assert "is UTF-16 text" in one_error_line(run(*args))


def test_a_600_kb_quote_is_said_to_be_over_the_field_limit(tmp_path):
    args = _study(tmp_path, "quote_id,theme,speaker,text\nA,T1,P1,\"" + "x" * 600_000 + "\"\n")
    message = one_error_line(run(*args))
    assert "a field is longer than 131,072 characters" in message and "not a well-formed" not in message


# --- 4. defence in depth ---------------------------------------------------------------------------------------

class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        _Counting.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"SERVED-BY-LOOPBACK")

    def log_message(self, *args):
        pass


def test_the_joint_display_pdf_fetches_no_file_and_no_address(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FILE-TEXT")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        page = (f'<html><head><link rel="attachment" href="file://{secret}">'
                f'<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">'
                f'<link rel="attachment" href="http://127.0.0.1:{port}/x.txt"></head><body><p>Page</p>'
                f'<img src="file://{secret}"><img src="http://127.0.0.1:{port}/i.png"></body></html>')
        pdf = joint_page.pdf_bytes(page)
    finally:
        server.shutdown()
    if pdf is None:
        pytest.skip("WeasyPrint cannot run here (no Pango)")
    assert b"SECRET-FILE-TEXT" not in pdf and b"SERVED-BY-LOOPBACK" not in pdf
    assert _Counting.requests == [], _Counting.requests
    assert os.path.exists(secret)
