"""make survey and the build under hostile input: nothing lost, nothing injected, nothing silently wrong.

Each test keeps one case found when the compendium was tried adversarially (issue 9: its numbered
findings are named in the test names) and failed on the code before the fix.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from likertkit import cli
from likertkit.charts.style import MAX_BARS
from likertkit.errors import InputError
from likertkit.io.files import read_tidy
from likertkit.io.responses import hash_strings
from likertkit.report import outfolder
from likertkit.survey import load_survey
from loechting2020.audit import missing_footnote

from conftest import ROOT, SCRATCH_NAMES, staged_run

EXAMPLE = ROOT / "examples" / "made-up-survey"
SCALE = "code,label\n1,Disagree\n2,Neutral\n3,Agree\n"
ITEMS = "item,label,group\nq1,First,A\nq2,Second,B\n"
HOSTILE = ["--help", 'a "quoted" name', "it's", "$HOME", "$$", "`touch pwned`", "$(touch pwned)", "two  spaces", "back\\slash"]


def run_cli(args, **kwargs):
    return subprocess.run([sys.executable, "-m", "likertkit", "report", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, **kwargs)


def survey_files(folder, responses, items=ITEMS, scale=SCALE):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in (("responses.csv", responses), ("items.csv", items), ("scale.csv", scale)):
        (folder / name).write_bytes(text.encode() if isinstance(text, str) else text)
        paths.append(folder / name)
    return paths


def error_of(capsys, folder, responses, items=ITEMS, scale=SCALE, missing="9", out=None):
    """The one-line error of a run that must stop before any work, with OUT left untouched."""
    responses, items, scale = survey_files(folder, responses, items, scale)
    out = out or folder / "out"
    existed = out.exists()
    with pytest.raises(SystemExit) as caught:
        cli.main(["report", f"{responses}", f"--items={items}", f"--scale={scale}", f"--out={out}",
                     f"--missing={missing}"])
    assert caught.value.code == 2
    assert out.exists() == existed
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("error: "), err
    return err[len("error: "):]


# --- 1. data loss: OUT holds only what runs wrote -------------------------------------------------------------

def test_1_a_folder_with_files_of_yours_is_refused_before_any_work(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "data" / "raw").mkdir(parents=True)
    (out / "data" / "raw" / "responses.csv").write_text("my only copy")
    (out / "notes.txt").write_text("mine")
    message = error_of(capsys, tmp_path / "in", "respondent_id,q1,q2\nr1,1,2\n", out=out)
    assert "holds files this tool did not write" in message and "data/raw/responses.csv" in message
    assert (out / "data" / "raw" / "responses.csv").read_text() == "my only copy"
    assert sorted(p.name for p in out.rglob("*")) == ["data", "notes.txt", "raw", "responses.csv"]


def test_1_overwrite_replaces_only_outputs_and_never_deletes_your_files(tmp_path):
    out = tmp_path / "out"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "fig.svg").write_text("yours, same name as an output")
    (out / "figures" / "mine.svg").write_text("yours")
    with pytest.raises(InputError, match="holds files this tool did not write"):
        staged_run(out, {"figures/fig.svg": "ours"})
    staged_run(out, {"figures/fig.svg": "ours"}, overwrite=True)
    assert (out / "figures" / "fig.svg").read_text() == "ours"
    assert (out / "figures" / "mine.svg").read_text() == "yours"


def test_1_a_previous_run_is_replaced_file_by_file(tmp_path):
    out = tmp_path / "out"
    staged_run(out, {"a/one.csv": "1", "a/two.csv": "2"})
    staged_run(out, {"a/one.csv": "1 again"})  # two.csv is no longer made: removed, as it was ours
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a/one.csv", outfolder.MANIFEST]
    assert (out / "a" / "one.csv").read_text() == "1 again"
    (out / "a" / "one.csv").write_text("edited by you")
    with pytest.raises(InputError, match=r"changed since \(a/one.csv\)"):
        staged_run(out, {"a/one.csv": "1"})
    assert (out / "a" / "one.csv").read_text() == "edited by you"


def test_1_a_failed_run_leaves_out_as_it_was_and_removes_what_it_created(tmp_path):
    out = tmp_path / "new" / "out"
    with pytest.raises(RuntimeError):
        with outfolder.OutFolder(out, names=outfolder.OUTPUT_NAMES | SCRATCH_NAMES) as folder:
            (folder.staging / "x.csv").write_text("half")
            raise RuntimeError("a notebook failed")
    assert not (tmp_path / "new").exists()
    existing = tmp_path / "existing"
    staged_run(existing, {"x.csv": "1"})
    before = {p: p.read_bytes() for p in existing.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError):
        with outfolder.OutFolder(existing, names=outfolder.OUTPUT_NAMES | SCRATCH_NAMES) as folder:
            (folder.staging / "x.csv").write_text("2")
            raise RuntimeError("a notebook failed")
    assert {p: p.read_bytes() for p in existing.rglob("*") if p.is_file()} == before


def test_3_two_runs_into_one_out_are_never_merged(tmp_path):
    out = tmp_path / "out"
    with outfolder.OutFolder(out):
        with pytest.raises(InputError, match="another run is writing into"):
            with outfolder.OutFolder(out):
                pass


def test_10_a_new_out_gets_the_usual_permissions(tmp_path):
    out = tmp_path / "out"
    staged_run(out, {"x.csv": "1"})
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask
    assert (out / "x.csv").stat().st_mode & 0o777 == 0o644


# --- 2. values typed on the make command line reach Python byte for byte -----------------------------------

def make_survey(variables, python=None, **kwargs):
    args = ["make", "--no-print-directory", "survey", *(f"{k}={v}" for k, v in variables.items())]
    if python:
        args.append(f"PYTHON={python}")
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, **kwargs)


def _spy(tmp_path):
    """A stand-in for PYTHON that prints the command line make gave it, as JSON, and does nothing else."""
    spy = tmp_path / "spy"
    spy.write_text(f"#!{sys.executable}\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n")
    spy.chmod(0o755)
    return spy


def _argv_from_make(tmp_path, variables):
    run = make_survey(variables, python=_spy(tmp_path), env={**os.environ, "PWD": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("value", HOSTILE)
def test_2_make_variables_are_neither_shell_nor_make_code(tmp_path, value):
    variables = {name: value for name in ("SURVEY", *cli.OPTIONS.values())}
    argv = _argv_from_make(tmp_path, variables)
    expected = [f"--{option.replace('_', '-')}={value}" for option in cli.OPTIONS]
    assert argv == ["-m", "likertkit", "report", "--follow-parent", expected[0], *expected[1:], "--", value]
    assert not (ROOT / "pwned").exists() and not (tmp_path / "pwned").exists()


def test_2_empty_make_variables_pass_no_option(tmp_path):
    argv = _argv_from_make(tmp_path, dict(SURVEY="s $x.csv", ITEMS="i.csv", OUT='o "q"', MISSING='9,"Don\'t know"',
                                          TITLE="`t`", ORDER="questionnaire", OVERWRITE="yes", GROUP=""))
    assert argv == ["-m", "likertkit", "report", "--follow-parent", '--out=o "q"', "--items=i.csv",
                    '--missing=9,"Don\'t know"', "--order=questionnaire", "--title=`t`", "--overwrite=yes", "--",
                    "s $x.csv"]


def test_2_values_that_look_like_options_stay_values(tmp_path):
    argv = _argv_from_make(tmp_path, dict(SURVEY="-s.csv", ITEMS="--overwrite", SCALE="c.csv", OUT="-o", TITLE="--help"))
    args = cli.parser().parse_args(argv[2:])
    assert (args.survey, args.items, args.out, args.title, args.overwrite) == ("-s.csv", "--overwrite", "-o", "--help",
                                                                               "no")


def test_2_a_path_with_quotes_and_dollars_is_found(tmp_path, capsys):
    folder = tmp_path / 'odd $name "with" `quotes` $(x)'
    message = error_of(capsys, folder, "respondent_id,q1,q2\nr1,1,7\n")
    assert message.startswith("responses.csv, line 2 (respondent r1), column 'q2': value '7'")


# --- 3, 5, 7. every bad value is one clear error; lenient readings are counted -------------------------------

@pytest.mark.parametrize("responses, expected", [
    ("respondent_id,q1,q2\nr1,1,2\nr2,NA,2\n", "line 3 (respondent r2), column 'q1': value 'NA' is not a code or label"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,#N/A,2\n", "line 3 (respondent r2), column 'q1': value '#N/A'"),
    # R's NA and spreadsheets' #N/A: the error says how to declare them missing
    ("respondent_id,q1,q2\nr1,1,2\nr2,NA,2\n", "; if it means no answer, give MISSING=NA"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,#N/A,2\n", "; if it means no answer, give MISSING=#N/A"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,2.5,2\n", "line 3 (respondent r2), column 'q1': value '2.5'"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,1e0,2\n", "line 3 (respondent r2), column 'q1': value '1e0'"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,5.0,2\n", "line 3 (respondent r2), column 'q1': value '5.0'"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,2020-01-31,2\n", "column 'q1': value '2020-01-31'"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,true,2\n", "column 'q1': value 'true'"),
    ("respondent_id,q1,q2\nr1,1,2\n,2,2\n", "line 3, column 'respondent_id': respondent id is empty"),
    ("respondent_id,q1,q2\nr1,1,2\n  ,2,2\n", "line 3, column 'respondent_id': respondent id is empty"),
    # 7. line numbers as an editor shows them: blank lines and quoted line breaks above the bad row
    ("respondent_id,q1,q2\nr1,1,2\n\n\nr2,7,2\n", "line 5 (respondent r2), column 'q1': value '7'"),
    ('respondent_id,q1,q2\n"r\n1",1,2\nr2,7,2\n', "line 4 (respondent r2), column 'q1': value '7'"),
    ("respondent_id,q1,q2\nr1,1,2\nr2,1\nr3,1,2\n", "line 3: has 2 field(s) where the header has 3"),
    ("respondent_id,q1,q2\nr1,1,2\n\nr1,2,2\n", "line 4 (respondent r1), column 'respondent_id': respondent id 'r1' "
                                               "appears twice (also on line 2)"),
    ("respondent_id,q1,q2\nr1,,\nr2,,2\n", "items.csv, line 2, column 'item': item 'q1' has no valid answers"),
])
def test_3_5_7_bad_answers_are_one_clear_error(tmp_path, capsys, responses, expected):
    assert expected in error_of(capsys, tmp_path, responses)


@pytest.mark.parametrize("items, scale, missing, expected", [
    (ITEMS, SCALE, "2", "--missing: missing code(s) 2 are also answers on the scale"),
    (ITEMS, SCALE, "agree", "--missing: missing label(s) 'agree' are also answers on the scale"),
    ("item,label,group\nq1,First,A\nq2,,B\n", SCALE, "", "items.csv, line 3, column 'label': item 'q2' has no label"),
    ("item,label,group\nq1,First,A\nq2,Second\n", SCALE, "", "items.csv, line 3: has 2 field(s) where the header has 3"),
    (ITEMS, "code,label\n1,Disagree\n2.5,Neutral\n", "", "scale.csv, line 3, column 'code': code '2.5'"),
])
def test_5_bad_items_scale_and_missing_are_one_clear_error(tmp_path, capsys, items, scale, missing, expected):
    assert expected in error_of(capsys, tmp_path, "respondent_id,q1,q2\nr1,1,2\n", items, scale, missing)


def test_3_decimal_codes_are_read_the_same_way_in_every_column_and_counted(tmp_path):
    paths = survey_files(tmp_path, "respondent_id,q1,q2\nr1,2.0,Agree\nr2,1,2.00\nr3,03,2\n")
    result = load_survey(*paths)
    counts = result.counts.pivot(index="item", columns="code", values="count")
    assert counts.loc["q1"].tolist() == [1, 1, 1] and counts.loc["q2"].tolist() == [0, 2, 1]
    log = result.log.to_frame()
    written = log[log["note"].str.startswith("codes written as decimals")].set_index("column")["result"]
    assert written.to_dict() == {"q1": 2, "q2": 1}


def test_3_null_like_answers_are_missing_only_when_declared(tmp_path):
    paths = survey_files(tmp_path, "respondent_id,q1,q2\nr1,NA,Don't know\nr2,1,2\nr3,n/a,\n")
    result = load_survey(*paths, missing='NA,N/A,"Don\'t know"')
    items = result.items.set_index("item")
    assert items["n_valid"].tolist() == [1, 1] and items["n_missing"].tolist() == [2, 2]
    log = result.log.to_frame()
    declared = log[log["note"].str.startswith("answers declared missing")]
    assert declared.set_index("column")["result"].to_dict() == {"q1": 2, "q2": 1}
    assert "'n/a', 'na'" in declared["note"].iloc[0]
    assert log.query("column == 'q2' and note == 'blank answers counted as missing'")["result"].tolist() == [1]


def test_5_trailing_empty_rows_are_skipped_and_counted(tmp_path):
    paths = survey_files(tmp_path, "respondent_id,q1,q2\nr1,1,2\nr2,2,3\n,,\n , ,\n")
    result = load_survey(*paths)
    assert result.items["n_respondents"].tolist() == [2, 2]
    skipped = result.log.to_frame().query("note.str.startswith('records with a blank respondent id')")
    assert skipped["result"].tolist() == [2]


def test_4_a_header_wider_than_64_kib_is_read_whole(tmp_path):
    filler = [f"column_with_a_long_name_{i:05d}" for i in range(10_000)]
    header = ",".join(["respondent_id", *filler, "q1", "q2"])
    paths = survey_files(tmp_path, header + "\n" + ",".join(["r1", *[""] * len(filler), "1", "2"]) + "\n")
    assert len(header) > 1 << 16
    result = load_survey(*paths)
    assert result.items["n_valid"].tolist() == [1, 1]


def test_10_a_label_that_is_another_code_is_a_warning(tmp_path):
    paths = survey_files(tmp_path, "respondent_id,q1,q2\nr1,1,2\n", scale="code,label\n1,2\n2,Agree\n")
    assert load_survey(*paths).warnings[0] == (
        "scale.csv: the label '2' of code 1 is also the code 2; an answer '2' is read as code 2")


def test_5_out_that_is_a_file_or_below_one_is_refused_before_any_work(tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("mine")
    assert error_of(capsys, tmp_path, "respondent_id,q1,q2\nr1,1,2\n", out=target).endswith("is a file, not a folder")
    assert "is a file, so" in error_of(capsys, tmp_path, "respondent_id,q1,q2\nr1,1,2\n", out=target / "sub")
    assert target.read_text() == "mine"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder: the check cannot fail as root")
def test_5_a_read_only_parent_is_refused_before_any_work(tmp_path, capsys):
    parent = tmp_path / "locked"
    parent.mkdir(mode=0o555)
    assert "is not writable" in error_of(capsys, tmp_path, "respondent_id,q1,q2\nr1,1,2\n", out=parent / "out")


# --- 3, 5 end to end: ids, labels and groups that look like numbers or nulls stay as written -----------------

def test_3_5_ids_and_labels_are_text_end_to_end(tmp_path):
    items = ("item,label,group\n01,NA,\n1,None,\n1.1,First point one,Numbers\n1.10,First point ten,Numbers\n")
    scale = "code,label\n1,None\n2,20\n3,30\n"
    responses = ("respondent_id,01,1,1.1,1.10\nNA,1,2,3,1\nr2,2.0,,None,3\nr3,3,1,30,20\n")
    paths = survey_files(tmp_path, responses, items, scale)
    out = tmp_path / "out"
    run = run_cli([paths[0], "--items", paths[1], "--scale", paths[2], "--out", out])
    assert run.returncode == 0, run.stderr[-3000:]
    table1 = read_tidy(out / "data" / "processed" / "table1.csv")
    assert table1["item"].tolist() == ["01", "1", "1.1", "1.10"] or sorted(table1["item"]) == ["01", "1", "1.1", "1.10"]
    labels = dict(zip(table1["item"], table1["label"], strict=True))
    assert labels["01"] == "NA" and labels["1"] == "None"
    assert dict(zip(table1["item"], table1["n_valid"], strict=True)) == {"01": 3, "1": 2, "1.1": 3, "1.10": 3}
    scale_out = read_tidy(out / "data" / "processed" / "scale.csv")
    assert scale_out["label"].tolist() == ["None", "20", "30"]
    alt = (out / "figures" / "fig1_likert_diverging.txt").read_text()
    assert "nan" not in alt.lower().split()
    assert not (ROOT / "build" / "failed" / "01-clean-data.ipynb").exists()


# --- 6. signals: an interrupted run leaves no debris and OUT as it was ----------------------------------------

def _wait_for(predicate, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _runtime_files():
    from jupyter_core.paths import jupyter_runtime_dir
    return set(Path(jupyter_runtime_dir()).glob("kernel-*.json"))


def _signals_as_at_a_terminal():
    """For the child: SIGINT and SIGHUP handled by default, as when started from a terminal, even when these tests
    run in a background job (which ignores them, and its children would inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def _children_alive(pid):
    return subprocess.run(["pgrep", "-P", str(pid)], capture_output=True).returncode == 0


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_6_an_interrupted_run_cleans_up(tmp_path, how):
    out = tmp_path / "out"
    staged_run(out, {"data/processed/counts.csv": "an earlier run"})
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    kernels = _runtime_files()
    process = subprocess.Popen([sys.executable, "-m", "likertkit", "report", EXAMPLE / "responses.csv",
                                "--items", EXAMPLE / "items.csv", "--scale", EXAMPLE / "scale.csv", "--out", out,
                                "--missing", "9"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_signals_as_at_a_terminal)
    # the report's notebook is running (in the run's own process): its tables are written in the staging folder
    assert _wait_for(lambda: any(out.glob(outfolder.STAGING_PREFIX + "*/data/processed/cleaning_log.csv")))
    process.send_signal(getattr(signal, how))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert f"interrupted: {out} was left as it was" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.glob(outfolder.STAGING_PREFIX + "*"))
    assert _runtime_files() <= kernels, "a kernel connection file was left behind"
    assert not _children_alive(process.pid)


def test_6_interrupting_make_alone_stops_the_run(tmp_path):
    out = tmp_path / "out"
    make = subprocess.Popen(["make", "--no-print-directory", "survey", f"SURVEY={EXAMPLE / 'responses.csv'}",
                             f"ITEMS={EXAMPLE / 'items.csv'}", f"SCALE={EXAMPLE / 'scale.csv'}", "MISSING=9",
                             f"OUT={out}"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=_signals_as_at_a_terminal)
    assert _wait_for(lambda: any(out.glob(outfolder.STAGING_PREFIX + "*")), seconds=120)
    runner = subprocess.run(["pgrep", "-P", str(make.pid)], capture_output=True, text=True).stdout.split()
    os.kill(make.pid, signal.SIGINT)  # make alone, as `kill -INT <make>` does
    make.communicate(timeout=60)
    assert runner and _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in runner), seconds=60)
    assert not out.exists(), "the run went on after make was interrupted"


# --- 8. the article's own build -----------------------------------------------------------------------------

def test_8_generated_make_rules_are_written_by_one_build_at_a_time():
    makefile = (ROOT / "Makefile").read_text()
    rule = makefile[makefile.index("$(DEPS):"):].split("\n\n")[0]
    assert "$@.tmp " not in rule and "mktemp" in rule


def test_8_the_footnote_check_says_what_the_counts_give():
    items = pd.DataFrame({"item": ["1", "2", "3"], "n_missing": [0, 1, 4]})
    facts = {"table1_missing_min": 1, "table1_missing_max": 3, "table1_items_with_missing": 2}
    holds, note, claimed, found = missing_footnote(items, facts)
    assert (claimed, found) == ("1-3 on 2 items", "1-4 on 2 items")
    assert not holds and note == ("footnote a (2 items missing 1-3) does not hold: counts give 2 items missing 1-4 "
                                  "(items 2, 3)")


def test_5_an_unwritable_parent_is_refused_even_when_run_as_root(tmp_path, monkeypatch):
    """As root the folder's mode cannot block a write, so the permission answer is simulated: the check is ours."""
    monkeypatch.setattr(outfolder.os, "access", lambda path, mode: False)
    with pytest.raises(InputError, match="is not writable: cannot write the results into"):
        outfolder.check_writable(tmp_path / "out")


def test_10_a_survey_with_more_items_than_a_chart_can_hold_gets_tables_not_a_chart(tmp_path):

    names = [f"q{i:04d}" for i in range(MAX_BARS + 1)]
    responses = "respondent_id," + ",".join(names) + "\n" + "".join(
        f"r{r}," + ",".join(str(1 + (r + i) % 3) for i in range(len(names))) + "\n" for r in range(5))
    items = "item,label,group\n" + "".join(f"{n},Statement {n},\n" for n in names)
    paths = survey_files(tmp_path, responses, items)
    out = tmp_path / "out"
    started = time.monotonic()
    run = run_cli([paths[0], "--items", paths[1], "--scale", paths[2], "--out", out])
    assert run.returncode == 0, run.stderr[-3000:]
    assert time.monotonic() - started < 120
    assert len(read_tidy(out / "data" / "processed" / "table1.csv")) == MAX_BARS + 1
    assert not (out / "figures").exists()
    assert f"With {MAX_BARS + 1} items, one bar each would make a chart nobody can read" in (out / "report.html").read_text()


# --- Parquet: a file or a partitioned folder, read with the same rules ----------------------------------------

def parquet_survey(folder, partitioned=False):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"respondent_id": ["r1", "r2", "r3", "r4"], "q1": [1, 2, None, 3],
                      "q2": ["Agree", "2", "", "9"], "year": [2024, 2024, 2025, 2025]})
    folder.mkdir(parents=True, exist_ok=True)
    if partitioned:
        pq.write_to_dataset(table, folder / "responses", partition_cols=["year"])
        return folder / "responses"
    pq.write_table(table, folder / "responses.parquet")
    return folder / "responses.parquet"


@pytest.mark.parametrize("partitioned", [False, True])
def test_parquet_files_and_folders_are_counted_like_csv(tmp_path, partitioned):
    path = parquet_survey(tmp_path, partitioned)
    _, items, scale = survey_files(tmp_path, "respondent_id,q1,q2\nr1,1,2\n")
    result = load_survey(path, items, scale, missing="9")
    counts = result.counts.pivot(index="item", columns="code", values="count")
    assert counts.loc["q1"].tolist() == [1, 1, 1] and counts.loc["q2"].tolist() == [0, 1, 1]
    assert result.items.set_index("item")["n_missing"].to_dict() == {"q1": 1, "q2": 2}


def test_parquet_errors_name_the_row(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp_path.mkdir(exist_ok=True)
    pq.write_table(pa.table({"respondent_id": ["r1", "r2"], "q1": [1, 7], "q2": [1, 2]}), tmp_path / "bad.parquet")
    _, items, scale = survey_files(tmp_path, "respondent_id,q1,q2\nr1,1,2\n")
    with pytest.raises(InputError) as caught:
        load_survey(tmp_path / "bad.parquet", items, scale)
    assert str(caught.value).startswith("bad.parquet, row 2 (respondent r2), column 'q1': value '7' is not a code")


# --- counting as a stream: the same counts and the same errors whatever the batch size ------------------------

@pytest.mark.parametrize("block_bytes", [64, 1 << 22])
def test_stream_counts_equal_in_memory_counts_whatever_the_batch_size(tmp_path, monkeypatch, block_bytes):
    from likertkit.io import responses as reader

    monkeypatch.setattr(reader, "CSV_BLOCK_BYTES", block_bytes)
    rows = ["respondent_id,q1,q2"] + [f"r{i},{1 + i % 3},{['Agree', '2', '', '9'][i % 4]}" for i in range(500)]
    rows[250] = ",,"  # an empty row in the middle, skipped and counted
    paths = survey_files(tmp_path, "\n".join(rows) + "\n")
    result = load_survey(*paths, missing="9")
    frame = pd.read_csv(paths[0], dtype=str, keep_default_na=False)
    frame = frame[frame["respondent_id"] != ""]
    expected_q1 = frame["q1"].astype(int).value_counts().sort_index().tolist()
    assert result.counts.query("item == 'q1'")["count"].tolist() == expected_q1
    assert result.items["n_respondents"].tolist() == [499, 499]
    bad = rows[:]
    bad[400] = "r399,7,2"
    paths = survey_files(tmp_path / "bad", "\n".join(bad) + "\n")
    with pytest.raises(InputError, match="line 401 \\(respondent r399\\), column 'q1': value '7'"):
        load_survey(*paths, missing="9")


def test_id_hashes_are_equal_for_equal_ids_and_follow_slices():
    import pyarrow as pa


    ids = pa.array(["r1", "r2", "", "a longer id with spaces", "r1"])
    hashes = hash_strings(ids)
    assert hashes[0] == hashes[4] and len(set(hashes[:4].tolist())) == 4
    assert (hash_strings(ids.slice(1, 3)) == hashes[1:4]).all()


def test_a_duplicate_id_in_another_batch_is_found(tmp_path, monkeypatch):
    from likertkit.io import responses as reader

    monkeypatch.setattr(reader, "CSV_BLOCK_BYTES", 64)
    rows = ["respondent_id,q1,q2"] + [f"r{i},1,2" for i in range(300)] + ["r7,2,3"]
    paths = survey_files(tmp_path, "\n".join(rows) + "\n")
    with pytest.raises(InputError, match="line 302 \\(respondent r7\\), column 'respondent_id': respondent id 'r7' "
                                         "appears twice \\(also on line 9\\)"):
        load_survey(*paths)
