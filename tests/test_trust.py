"""What people open and send is safe and says what it is (issue 20): each test keeps one case that ~100
hostile inputs and six real surveys found, and failed on the code before its fix.

1. report pages run no one's code and need no network; 2. nothing outside OUT, ever; 3. never silently
wrong; 4. sentences and displays that do not mislead; 5. one line, not a traceback or a hang.
"""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from likertkit import stats
from likertkit.errors import InputError
from likertkit.report import execution, markup, outfolder, sections, sentences
from likertkit.survey import load_survey, of_items, split_by_scale

import browsers
from conftest import ROOT, SCRATCH_NAMES, staged_run, tidy_survey

# Text that runs script, or links to it, wherever a page renders it as HTML or Markdown.
SCRIPT = "<script>document.title='pwned'</script>"
IMAGE = "<img src=x onerror=\"document.title='pwned'\">"
LINK = "[click](javascript:document.title='pwned')"
HOSTILE_LABELS = [f"Label {IMAGE}", LINK, f"*{SCRIPT}* _x_ `y` &amp;"]


def run_cli(args, **kwargs):
    return subprocess.run([sys.executable, "-m", "likertkit", "report", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, **kwargs)


class _Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


MARKDOWN_TAGS = {"p", "em", "strong", "a", "code", "h1", "h2", "h3", "ul", "ol", "li", "blockquote", "br"}


def _no_markup_from(html: str):
    """Only the elements Markdown makes, none with an event handler, no link to script."""
    for tag, attrs in _Elements(html).found:
        assert tag in MARKDOWN_TAGS, f"<{tag}> made from user text"
        assert not any(name.startswith("on") for name in attrs), attrs
        assert not attrs.get("href", "").strip().lower().startswith(("javascript", "vbscript", "data")), attrs


# --- 1. report pages that run no one's code --------------------------------------------------------------------

def _hostile_survey():
    counts, items, scale = tidy_survey({"q1": [1, 2, 3, 4], "q2": [4, 3, 2, 1], "q3": [2, 2, 2, 2]},
                                       [f"Strongly disagree {SCRIPT}", "Disagree", "Agree", f"Strongly agree {IMAGE}"])
    items["label"] = HOSTILE_LABELS
    items["domain"] = [SCRIPT, LINK, SCRIPT]
    return counts, items, scale


def test_every_sentence_shows_user_text_as_typed_and_makes_no_markup_of_it():
    counts, items, scale = _hostile_survey()
    item_stats = stats.item_statistics(counts, items, scale)
    parts = split_by_scale(counts, items, scale)
    shown_sentences = [sections.heading(f"Title {SCRIPT} {LINK}", items, scale),
                 sections.overview(items, scale, item_stats, pd.DataFrame()),
                 sentences.ordinal_summary(item_stats, scale),
                 sections.per_scale_text(parts, lambda c, i, s: sentences.ordinal_summary(of_items(item_stats, i), s))]
    for sentence in shown_sentences:
        rendered = markup.to_html(sentence)
        _no_markup_from(rendered)
    shown = markup.to_html(" ".join(shown_sentences))
    for label in HOSTILE_LABELS[:2]:
        assert label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in shown
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in shown


def test_the_group_sentences_escape_group_names_in_markdown_and_keep_them_in_plain_text():
    by_group = pd.DataFrame([dict(group=g, item="q1", n_valid=10, n_missing=0, valid_pct_1=a, valid_pct_2=100 - a)
                             for g, a in ((SCRIPT, 20.0), ("North", 70.0))])
    items = pd.DataFrame({"item": ["q1"], "label": [LINK]})
    scale = pd.DataFrame({"code": [1, 2], "label": ["Disagree", "Agree"]})
    _no_markup_from(markup.to_html(sentences.group_comparison(by_group, items, scale)))
    assert SCRIPT in sentences.group_comparison(by_group, items, scale, quote="'"), "alt text is plain text, as typed"


def test_plain_text_and_safe_markdown_render_no_element():
    assert markup.Plain(SCRIPT)._repr_html_() == "<p>&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;</p>"
    _no_markup_from(markup.to_html(f"A {SCRIPT} {IMAGE} {LINK} <a href='javascript:x'>y</a>"))
    assert markup.to_html("[a reference](#ref-x2001)") == '<p><a href="#ref-x2001">a reference</a></p>\n'


MISSING_BROWSER = browsers.missing()


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """A report whose title, file name, item labels, scale labels and group values all try to run script."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "items.csv").write_text("item,label,group\n" + "".join(
        f'q{i},"{label.replace(chr(34), chr(34) * 2)}",D\n' for i, label in enumerate(HOSTILE_LABELS, 1)))
    (folder / "scale.csv").write_text(f'code,label\n1,Disagree\n2,"Agree {IMAGE.replace(chr(34), chr(34) * 2)}"\n')
    rows = [f"r{k},{1 + k % 2},{1 + k // 2 % 2},{2 - k % 2},\"{SCRIPT if k % 3 else 'North'}\"" for k in range(24)]
    survey_file = folder / f"{IMAGE.replace('/', '_')}.csv"
    survey_file.write_text("respondent_id,q1,q2,q3,team\n" + "\n".join(rows) + "\n")
    out = folder / "out"
    result = run_cli([f"{survey_file}", f"--items={folder / 'items.csv'}", f"--scale={folder / 'scale.csv'}",
                      f"--out={out}", "--group=team"])
    assert result.returncode == 0, result.stderr
    return out / "report.html"


def test_the_report_loads_nothing_from_the_network_and_forbids_script(hostile_report):
    page = hostile_report.read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "nothing is fetched from elsewhere"
    policies = [attrs["content"] for tag, attrs in _Elements(page).found
                if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(policies) == 1 and "default-src 'none'" in policies[0]


@browsers.required_or_skipped(MISSING_BROWSER)
def test_a_report_whose_text_tries_to_run_script_runs_nothing_in_a_browser(hostile_report):
    driver = browsers.chromium()
    try:
        driver.get(hostile_report.as_uri())
        assert driver.title != "pwned"
        assert driver.execute_script("return document.querySelectorAll('script').length") == 0
        assert driver.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
        assert driver.execute_script("return document.querySelectorAll('img[onerror]').length") == 0
        text = driver.execute_script("return document.body.innerText")
        assert SCRIPT in text and "[click](javascript:" in text, "the hostile text is shown as typed"
        requests = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
        fetched = {m["params"]["request"]["url"].split(":")[0] for m in requests if m["method"] == "Network.requestWillBeSent"}
        assert fetched <= {"file", "data"}, f"the report fetched {fetched}"
    finally:
        driver.quit()


# --- 2. nothing outside OUT, ever -------------------------------------------------------------------------------


EXAMPLE = ROOT / "examples" / "made-up-survey"


def _sha256(path):
    import hashlib
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.parametrize("entry", ["../../somefile", "ABSOLUTE", "a/../../somefile", "./x", ""])
def test_a_manifest_entry_outside_out_is_refused_and_its_file_kept(tmp_path, entry):
    victim = tmp_path / "somefile"
    victim.write_text("the user's")
    out = tmp_path / "a" / "out"
    staged_run(out, {"x.csv": "1"})
    entry = str(victim) if entry == "ABSOLUTE" else entry
    manifest = json.loads((out / outfolder.MANIFEST).read_text())
    manifest["files"][entry] = _sha256(victim)
    (out / outfolder.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(InputError, match="not a path inside"):
        staged_run(out, {"y.csv": "2"})  # x.csv and the hostile entry are no longer made: the run would delete them
    assert victim.read_text() == "the user's" and (out / "x.csv").exists()


def test_a_manifest_entry_behind_a_symlink_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "table1.csv").write_text("the user's")
    out = tmp_path / "out"
    staged_run(out, {"x.csv": "1"})
    (out / "link").symlink_to(elsewhere)
    manifest = json.loads((out / outfolder.MANIFEST).read_text())
    manifest["files"]["link/table1.csv"] = _sha256(elsewhere / "table1.csv")
    (out / outfolder.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(InputError, match="symbolic link"):
        staged_run(out, {"x.csv": "2"}, overwrite=True)
    assert (elsewhere / "table1.csv").read_text() == "the user's"


def test_overwrite_never_writes_through_a_symlinked_folder_in_out(tmp_path, capsys):
    from likertkit import cli

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "processed").mkdir(parents=True)
    (elsewhere / "processed" / "table1.csv").write_text("the user's table")
    out = tmp_path / "out"
    out.mkdir()
    (out / "data").symlink_to(elsewhere)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", f"{EXAMPLE / 'responses.csv'}", f"--items={EXAMPLE / 'items.csv'}",
                     f"--scale={EXAMPLE / 'scale.csv'}", f"--out={out}", "--missing=9", "--overwrite"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"{out / 'data'} is a symbolic link" in err and err.count("\n") == 1
    assert (elsewhere / "processed" / "table1.csv").read_text() == "the user's table"
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["processed", "table1.csv"]
    # a link deeper down, met only when the files are moved in, is refused as well, with nothing moved
    (out / "data").unlink()
    (out / "figures").mkdir()
    with pytest.raises(InputError, match="symbolic link"):
        with outfolder.OutFolder(out, overwrite=True, names=outfolder.OUTPUT_NAMES | SCRATCH_NAMES) as folder:
            (folder.staging / "figures" / "sub").mkdir(parents=True)
            (folder.staging / "figures" / "sub" / "fig.svg").write_text("ours")
            (folder.staging / "report.html").write_text("ours")
            (out / "figures" / "sub").symlink_to(elsewhere)
            folder.commit()
    assert not (out / "report.html").exists() and not (elsewhere / "fig.svg").exists()


KILL_DURING_MOVES = """
import os, signal, sys
from likertkit.report import outfolder
moves = []
real = os.replace
def replace(a, b):
    moves.append(b)
    if len(moves) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    real(a, b)
outfolder.os.replace = replace
with outfolder.OutFolder(sys.argv[1], names=outfolder.OUTPUT_NAMES | {"a.csv", "b.csv", "c.csv"}) as folder:
    for name in ("a.csv", "b.csv", "c.csv"):
        (folder.staging / name).write_text("new " + name)
    folder.commit()
"""


def test_a_run_killed_while_moving_its_files_in_is_cleaned_up_by_the_next(tmp_path):
    out = tmp_path / "out"
    staged_run(out, {"a.csv": "old a", "b.csv": "old b", "c.csv": "old c"})
    killed = subprocess.run([sys.executable, "-c", KILL_DURING_MOVES, str(out)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert killed.returncode == -9
    assert (out / "a.csv").read_text() == "new a.csv" and (out / "c.csv").read_text() == "old c", "half moved"
    assert len(list(out.glob(outfolder.STAGING_PREFIX + "*"))) == 1
    # the half-moved files are known as a run's, not the user's
    outfolder.check_contents(out, overwrite=False, names=outfolder.OUTPUT_NAMES | SCRATCH_NAMES)
    staged_run(out, {"a.csv": "3", "b.csv": "3"})
    assert not list(out.glob(outfolder.STAGING_PREFIX + "*"))
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.csv", outfolder.MANIFEST], "c.csv was ours: removed"


def _dead_pid():
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(finished.stdout)


def test_what_a_killed_notebook_run_left_is_removed_by_the_next_and_said(tmp_path, capsys):
    import tempfile

    from likertkit import ipynb as notebooks

    pid = _dead_pid()
    notebook = tmp_path / "01-tiny.ipynb"
    notebooks.write({"cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {},
                                "outputs": [], "source": "x = 1"}], "metadata": {}, "nbformat": 4,
                     "nbformat_minor": 5}, notebook)
    scratch = tmp_path / f".01-tiny.{pid}.abc123.ipynb"
    scratch.write_text("{}")
    sockets = Path(tempfile.gettempdir()) / f"{execution.KERNEL_PREFIX}{pid}.xyz"
    sockets.mkdir()
    alive = tmp_path / f".01-tiny.{os.getppid()}.running.ipynb"  # a run still going: kept
    alive.write_text("{}")
    execution.execute(notebook, tmp_path / "01-tiny.out.ipynb", failed_dir=tmp_path / "failed")
    assert not scratch.exists() and not sockets.exists()
    assert "left by a run that was killed" in capsys.readouterr().err
    assert alive.exists()


def test_sigterm_to_a_notebook_run_leaves_no_scratch_notebook(tmp_path):
    import signal
    import time

    from likertkit import ipynb as notebooks

    notebook = tmp_path / "01-slow.ipynb"
    notebooks.write({"cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {},
                                "outputs": [], "source": "import time\ntime.sleep(60)"}], "metadata": {},
                     "nbformat": 4, "nbformat_minor": 5}, notebook)
    process = subprocess.Popen([sys.executable, "-m", "loechting2020.run", str(notebook), "--no-check-outputs"], cwd=ROOT,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    end = time.monotonic() + 60
    while not list(tmp_path.glob(".01-slow.*.ipynb")) and time.monotonic() < end:
        time.sleep(0.1)
    time.sleep(2)  # the kernel is running the cell
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert not list(tmp_path.glob(".01-slow.*.ipynb")), "the scratch notebook was left behind"


# --- 3. never silently wrong ------------------------------------------------------------------------------------


FREQUENCY = {1: "Never", 2: "Rarely", 3: "Sometimes", 4: "Often", 5: "Always"}


def test_an_spss_missing_range_wider_than_a_thousand_is_applied_by_membership(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    q1 = [1.0, 5.0, 99.0, 150.0, 3.0, 3.0]
    frame = pd.DataFrame({"id": list("abcdef"), "q1": q1})
    pyreadstat.write_sav(frame, tmp_path / "s.sav", variable_value_labels={"q1": {**FREQUENCY, 99: "No response"}},
                         missing_ranges={"q1": [{"lo": 90, "hi": 99999}]})
    survey = load_survey(tmp_path / "s.sav", id_column="id")
    counts = survey.counts.set_index("code")["count"]
    valid = [v for v in q1 if v < 90]
    assert list(survey.scale["code"]) == [1, 2, 3, 4, 5], "99 'No response' is no answer on the scale"
    assert counts.sum() == len(valid) and int(survey.items["n_missing"].iloc[0]) == 2
    assert stats.describe_items(survey.counts, survey.items, survey.scale)["mean"].iloc[0] == pytest.approx(
        sum(valid) / len(valid))


def test_a_parquet_file_without_an_item_column_is_an_error_naming_it(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    folder = tmp_path / "waves"
    folder.mkdir()
    pq.write_table(pa.table({"respondent_id": ["a", "b"], "q1": ["1", "2"], "q2": ["2", "3"]}), folder / "w1.parquet")
    pq.write_table(pa.table({"respondent_id": ["c", "d"], "q1": ["3", "1"]}), folder / "w2.parquet")
    (tmp_path / "scale.csv").write_text("code,label\n1,Disagree\n2,Neutral\n3,Agree\n")
    with pytest.raises(InputError, match=r"w2.parquet, column 'q2': has no column 'q2'"):
        load_survey(folder, "q1,q2", tmp_path / "scale.csv")


def test_a_formula_without_a_saved_value_is_an_error_naming_the_cell(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in (["respondent_id", "q1"], ["a", 1], ["b", "=1+1"], ["c", 3]):
        sheet.append(row)
    workbook.save(tmp_path / "r.xlsx")
    (tmp_path / "scale.csv").write_text("code,label\n1,Disagree\n2,Neutral\n3,Agree\n")
    with pytest.raises(InputError, match=r"r.xlsx, row 3, column 'B': cell B3 holds a formula with no saved value"):
        load_survey(tmp_path / "r.xlsx", "q1", tmp_path / "scale.csv")


@pytest.mark.parametrize("weight, problem", [("1e308", "is outside the range"), ("1e-320", "is outside the range"),
                                             ("-1", "is negative"), ("x", "is not a number")])
def test_weights_that_would_overflow_or_underflow_are_refused_in_one_line(tmp_path, weight, problem):
    (tmp_path / "scale.csv").write_text("code,label\n1,Disagree\n2,Neutral\n3,Agree\n")
    (tmp_path / "r.csv").write_text(f"respondent_id,q1,w\na,1,1\nb,2,{weight}\nc,3,2\n")
    with pytest.raises(InputError, match=rf"r.csv, line 3 \(respondent b\), column 'w': weight '{re.escape(weight)}' {problem}"):
        load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", weight="w")


def test_a_weight_of_minus_zero_is_zero_and_nothing_written_is_nan_or_infinite(tmp_path):
    (tmp_path / "scale.csv").write_text("code,label\n1,Disagree\n2,Neutral\n3,Agree\n")
    (tmp_path / "r.csv").write_text("respondent_id,q1,w\na,1,1e150\nb,2,-0\nc,3,1e-150\nd,3,1e150\n")
    weighted = load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", weight="w").weighted
    numbers = weighted.select_dtypes("number").to_numpy(dtype=float)
    assert pd.notna(numbers).all() and (abs(numbers) < float("inf")).all()
    assert weighted["weighted_valid_pct_2"].iloc[0] == 0.0 and weighted["weighted_valid_pct_3"].iloc[0] == pytest.approx(50)
    assert weighted["mean"].iloc[0] == pytest.approx(2.0)


def test_one_rule_for_text_keys_groups_merge_and_are_logged_ids_clash(tmp_path):
    import unicodedata

    composed, decomposed = unicodedata.normalize("NFC", "Nörth"), unicodedata.normalize("NFD", "Nörth")
    (tmp_path / "scale.csv").write_text("code,label\n1,Disagree\n2,Neutral\n3,Agree\n")
    rows = [("a", "North"), ("b", "North "), ("c", " North"), ("d", composed), ("e", decomposed), ("f", "South")]
    (tmp_path / "r.csv").write_text("respondent_id,q1,g\n" + "".join(f'{i},1,"{g}"\n' for i, g in rows))
    survey = load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv", group="g", min_group=1)
    assert dict(zip(survey.group_sizes["group"], survey.group_sizes["n_respondents"], strict=True)) == {
        "North": 3, composed: 2, "South": 1}
    merges = survey.log.to_frame().query("note.str.contains('written differently')", engine="python")
    assert len(merges) == 2 and "'North', ' North', 'North '" in " ".join(merges["note"]) or \
        "' North', 'North', 'North '" in " ".join(merges["note"])
    for first, second in (("A1", "A1 "), (composed, decomposed)):
        (tmp_path / "r.csv").write_text(f'respondent_id,q1\n"{first}",1\n"{second}",2\n')
        with pytest.raises(InputError, match="appears twice"):
            load_survey(tmp_path / "r.csv", "q1", tmp_path / "scale.csv")


def _labelled_sav(path, **more):
    pyreadstat = pytest.importorskip("pyreadstat")
    n = 12
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(n)], "sex": [1.0 + i % 2 for i in range(n)],
                          "employed": [float(i % 2) for i in range(n)], "rel": [1.0 + i % 8 for i in range(n)],
                          "CNT": [1.0 + i % 2 for i in range(n)], "q1": [1.0 + i % 5 for i in range(n)],
                          "q2": [1.0 + (i * 3) % 5 for i in range(n)]} | more)
    labels = {"sex": {1: "Male", 2: "Female"}, "employed": {0: "No", 1: "Yes"},
              "rel": dict(enumerate(["Single", "Married", "Cohabiting", "Divorced", "Widowed", "Separated",
                                     "Partnered", "Other"], start=1)),
              "CNT": {1: "Norway", 2: "Sweden"}, "q1": FREQUENCY, "q2": {k: v.upper() for k, v in FREQUENCY.items()}}
    pyreadstat.write_sav(frame, path, variable_value_labels=labels)
    return path


def test_zero_config_spss_takes_only_response_scales_as_items_and_group_is_never_one(tmp_path):
    survey = load_survey(_labelled_sav(tmp_path / "s.sav"), id_column="id", group="CNT")
    assert list(survey.items["item"]) == ["q1", "q2"]
    assert "scale" not in survey.scale, "NEVER … ALWAYS is the same scale as Never … Always"
    log = survey.log.to_frame()
    left = " ".join(log.loc[log["kind"] == "anomaly", "note"])
    assert "not taken as items" in left and "sex (Male, Female)" in left and "employed (No, Yes)" in left
    assert "rel (Single, Married, Cohabiting, Divorced, …)" in left and "ITEMS=" in left and "CNT" not in left
    assert "differ from an earlier item's only in case" in " ".join(log["note"])


def test_direction_is_claimed_only_from_evaluative_labels(tmp_path):
    from likertkit import charts, scales

    smoke = pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Never", "Occas", "Regul", "Heavy"]})
    trapped = pd.DataFrame({"code": [1, 2, 3, 4, 5], "label": list(FREQUENCY.values())})
    for scale in (smoke, trapped):
        oriented, note = scales.orient(scale)
        assert note.startswith("labels give no direction") and "negative → positive" not in note
        assert list(oriented["code"]) == list(scale["code"]), "the given order is kept"
        colours = charts.palette(oriented)
        diverging = charts.palette(scale.assign(direction="labels"))
        assert not set(colours) & set(diverging + [charts.NEUTRAL_GREY]), "no red-blue valence"
        lightness = [sum(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colours]
        assert lightness == sorted(lightness, reverse=True), "one hue, light to dark"
    oriented, note = scales.orient(smoke, positive="first")
    assert note.startswith("POSITIVE=first") and not charts.has_no_direction(oriented)
    agree = pd.DataFrame({"code": [1, 2, 3], "label": ["Agree", "Neutral", "Disagree"]})
    assert scales.orient(agree)[0]["direction"].tolist() == ["labels"] * 3


# --- 4. sentences and displays that do not mislead ----------------------------------------------------------------

def _grouped_csv(tmp_path):
    (tmp_path / "scale.csv").write_text("code,label\n1,Strongly disagree\n2,Disagree\n3,Agree\n4,Strongly agree\n")
    teams = ["North"] * 6 + ["South"] * 6 + ["Tiny"] * 2 + [""] * 3
    rows = [f"r{k},{1 + k % 4},{1 + (k * 3) % 4},{team}" for k, team in enumerate(teams)]
    (tmp_path / "r.csv").write_text("respondent_id,q1,q2,team\n" + "\n".join(rows) + "\n")


def test_blank_and_small_groups_are_listed_never_compared(tmp_path):
    _grouped_csv(tmp_path)
    out = tmp_path / "out"
    result = run_cli([f"{tmp_path / 'r.csv'}", "--items=q1,q2", f"--scale={tmp_path / 'scale.csv'}",
                      f"--out={out}", "--group=team"])
    assert result.returncode == 0, result.stderr
    by_group = pd.read_csv(out / "data" / "processed" / "by_group.csv")
    assert set(by_group["group"]) == {"North", "South"}
    tests = pd.read_csv(out / "data" / "processed" / "group_tests.csv")
    assert set(tests["test"].dropna()) == {"Mann-Whitney U"}, "two groups compared, so no Kruskal-Wallis"
    alt = (out / "figures" / "by_group_diverging.txt").read_text()
    assert "(no group)" not in alt and "Tiny" not in alt
    page = (out / "report.html").read_text()
    assert "Too small to compare" in page and "Tiny (2 respondents)" in page
    assert "3 respondents gave no team value" in page and "it tests nothing" not in page
    small = run_cli([f"{tmp_path / 'r.csv'}", "--items=q1,q2", f"--scale={tmp_path / 'scale.csv'}",
                     f"--out={tmp_path / 'out2'}", "--group=team", "--min-group=2"])
    assert small.returncode == 0
    assert set(pd.read_csv(tmp_path / "out2" / "data" / "processed" / "by_group.csv")["group"]) == {"North", "South",
                                                                                                       "Tiny"}


def test_one_display_rule_per_kind_of_number():
    table = sections.item_table(pd.DataFrame({"item": ["a", "b"], "label": ["A", "B"], "n_valid": [10, 10],
                                            "median": [1, 2], "q1": [1, 1], "q3": [2, 2], "pct_agree": [64.149, 44.455],
                                            "pct_agree_ci_low": [30.04, 20.0], "pct_agree_ci_high": [80.0, 70.06]}),
                              pd.DataFrame({"item": ["a", "b"], "n_missing": [0, 0]}),
                              pd.DataFrame({"code": [1, 2], "label": ["No", "Yes"]}))
    assert list(table["% upper half"]) == ["64.1", "44.5"] and list(table["95 % CI"]) == ["30.0–80.0", "20.0–70.1"]
    tests = pd.DataFrame({"item": ["a", "b"], "test": ["Mann-Whitney U"] * 2, "statistic": [3.0, 4.5], "df": [None, None],
                          "p_value": [0.00126, 0.0004], "p_holm": [0.0126, 0.0008], "effect_size": [0.5, -0.25],
                          "effect_size_name": ["rank-biserial r"] * 2})
    shown = sections.test_table(tests)
    assert list(shown["p"]) == [".001", "< .001"] and list(shown["p (Holm)"]) == [".013", "< .001"]
    assert "adjusted p = .013" in sentences.group_tests(tests.iloc[:1], 40)


def test_a_report_shows_no_warnings_and_the_terminal_gets_them(tmp_path):
    (tmp_path / "scale.csv").write_text("code,label\n1,Disagree\n2,Agree\n")
    (tmp_path / "items.csv").write_text("item,label,group\nq1,満足していますか,D\nq2,Second,D\n")
    (tmp_path / "r.csv").write_text("respondent_id,q1,q2\n" + "".join(f"r{k},{1 + k % 2},{2 - k % 2}\n" for k in range(8)))
    out = tmp_path / "out"
    result = run_cli([f"{tmp_path / 'r.csv'}", f"--items={tmp_path / 'items.csv'}",
                      f"--scale={tmp_path / 'scale.csv'}", f"--out={out}"])
    assert result.returncode == 0, result.stderr
    assert "warning (from the report's code" in result.stderr and "Glyph" in result.stderr
    notebook = json.loads((out / "report.ipynb").read_text())
    assert not [o for c in notebook["cells"] for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert "Glyph" not in (out / "report.html").read_text()


def test_the_audit_names_no_cause_it_did_not_compute():
    differs = pd.DataFrame({"statistic": ["sd"], "item": ["2"], "published": ["0.9"], "recomputed": [0.98]})
    from loechting2020 import story

    text = story.audit_differences(differs, [-0.8], {"n_sds": 3, "recipes": {"sample SD": 2, "population SD": 2},
                                                     "explains_all": []}, ["count", "pct", "mean"])
    assert "No single recipe reproduces them all" in text
    assert not re.search(r"slip|copying|mistake|error", text)


# --- 5. one line, not a traceback or a hang ------------------------------------------------------------------------

def _one_error_line(result, out=None, existed=False):
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("warning: ")]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    if out is not None:
        assert out.exists() == existed
    return lines[0][len("error: "):]


def _survey_args(survey, tmp_path, *more, items="q1,q2", scale=None):
    if scale is None:
        scale = tmp_path / "scale.csv"
        scale.write_text("code,label\n1,Disagree\n2,Neutral\n3,Agree\n")
    return [f"{survey}", f"--items={items}", f"--scale={scale}", f"--out={tmp_path / 'out'}", *more]


def test_a_group_column_blank_for_everyone_is_one_line(tmp_path):
    (tmp_path / "r.csv").write_text("respondent_id,q1,q2,g\na,1,2,\nb,2,3, \n")
    message = _one_error_line(run_cli(_survey_args(tmp_path / "r.csv", tmp_path, "--group=g")), tmp_path / "out")
    assert "GROUP column 'g' is blank for every respondent" in message


def test_a_construct_item_everyone_answered_alike_is_one_line(tmp_path):
    (tmp_path / "items.csv").write_text("item,label,group,construct\nq1,One,,C\nq2,Two,,C\nq3,Three,,C\n")
    (tmp_path / "r.csv").write_text("respondent_id,q1,q2,q3\na,2,2,1\nb,2,2,3\nc,2,2,2\n")
    message = _one_error_line(run_cli(_survey_args(tmp_path / "r.csv", tmp_path, items=tmp_path / "items.csv")),
                              tmp_path / "out")
    assert "items.csv, line 2, column 'construct': item 'q1' of construct 'C' has one answer only (2)" in message


def test_a_string_variable_with_value_labels_is_one_line(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"id": ["a", "b"], "q1": ["M", "F"], "q2": [1.0, 2.0]})
    pyreadstat.write_sav(frame, tmp_path / "s.sav", variable_value_labels={"q1": {"M": "Male", "F": "Female"},
                                                                           "q2": {1: "Disagree", 2: "Agree"}})
    message = _one_error_line(run_cli([f"{tmp_path / 's.sav'}", "--items=q1,q2", "--id=id",
                                       f"--out={tmp_path / 'out'}"]), tmp_path / "out")
    assert "value label codes must be whole numbers" in message and "'M'" in message


def test_a_sheet_reaching_xfd1048576_is_refused_in_one_line(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in (["respondent_id", "q1", "q2"], ["a", 1, 2], ["b", 2, 3]):
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    workbook.save(tmp_path / "r.xlsx")
    assert (tmp_path / "r.xlsx").stat().st_size < 20_000
    message = _one_error_line(run_cli(_survey_args(tmp_path / "r.xlsx", tmp_path)), tmp_path / "out")
    assert "reaches cell XFD1048576" in message


def _mount_tmpfs(folder, size):
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return mounted.returncode == 0


def test_a_full_disk_under_out_is_one_line_and_out_is_kept(tmp_path):
    disk = tmp_path / "small disk"
    if not _mount_tmpfs(disk, "600k"):
        pytest.skip("no tmpfs can be mounted here (not root, or in a container that forbids it)")
    try:
        out = disk / "out"
        (out / "notes").mkdir(parents=True)
        message = _one_error_line(run_cli([f"{EXAMPLE / 'responses.csv'}", f"--items={EXAMPLE / 'items.csv'}",
                                           f"--scale={EXAMPLE / 'scale.csv'}", "--missing=9", f"--out={out}",
                                           "--overwrite"]))
        assert "no space left on the disk of" in message
        assert sorted(p.name for p in out.iterdir()) == ["notes"], "OUT as it was: no staging folder, no half output"
    finally:
        subprocess.run(["umount", str(disk)])


def test_a_fifo_as_the_survey_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "r.csv")
    message = _one_error_line(run_cli(_survey_args(tmp_path / "r.csv", tmp_path), timeout=60), tmp_path / "out")
    assert "is a FIFO (named pipe), not a file" in message


@pytest.mark.parametrize("case, expected", [
    ("utf16", "is UTF-16 text"), ("empty folder", "is an empty folder"),
    ("folder named csv", "is a folder, not a CSV text file as its name says"),
    ("link loop", "is a symbolic link that leads nowhere or in a loop"),
    ("sav that is not", "cannot be read as an SPSS .sav file")])
def test_errors_name_the_right_cause(tmp_path, case, expected):
    survey = tmp_path / "r.csv"
    if case == "utf16":
        survey.write_bytes("respondent_id,q1,q2\na,1,2\n".encode("utf-16"))
    elif case == "empty folder":
        survey = tmp_path / "waves"
        survey.mkdir()
    elif case == "folder named csv":
        survey.mkdir()
        (survey / "x.txt").write_text("")
    elif case == "link loop":
        survey.symlink_to(tmp_path / "other.csv")
        (tmp_path / "other.csv").symlink_to(survey)
    else:
        survey = tmp_path / "r.sav"
        survey.write_bytes(b"$FL2" + b"\x00" * 200)
    message = _one_error_line(run_cli(_survey_args(survey, tmp_path)), tmp_path / "out")
    assert expected in message, message


def test_a_weight_of_minus_zero_is_not_called_negative(tmp_path):
    (tmp_path / "r.csv").write_text("respondent_id,q1,q2,w\na,1,2,-0\nb,2,3,1\n")
    result = run_cli(_survey_args(tmp_path / "r.csv", tmp_path, "--weight=w"))
    assert "negative" not in result.stderr and result.returncode == 0, result.stderr


def test_labels_a_spreadsheet_reads_as_formulas_are_kept_exact_and_logged(tmp_path):
    (tmp_path / "scale.csv").write_text('code,label\n1,"=1+1 disagree"\n2,Agree\n')
    (tmp_path / "items.csv").write_text('item,label,group\nq1,"@SUM(A1:A9)",D\nq2,-1,D\n')
    (tmp_path / "r.csv").write_text("respondent_id,q1,q2\na,1,2\nb,2,1\n")
    out = tmp_path / "out"
    result = run_cli([f"{tmp_path / 'r.csv'}", f"--items={tmp_path / 'items.csv'}",
                      f"--scale={tmp_path / 'scale.csv'}", f"--out={out}"])
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(out / "data" / "processed" / "table1.csv", dtype=str, keep_default_na=False)
    assert list(table["label"]) == ["@SUM(A1:A9)", "-1"] or list(table["label"]) == ["-1", "@SUM(A1:A9)"]
    log = pd.read_csv(out / "data" / "processed" / "cleaning_log.csv", dtype=str, keep_default_na=False)
    said = log[log["note"].str.contains("read as a formula")]
    assert len(said) == 1 and "'=1+1 disagree'" in said["note"].iloc[0] and "'@SUM(A1:A9)'" in said["note"].iloc[0]
    assert "'-1'" not in said["note"].iloc[0], "a negative number is a number, not a formula"
    assert (out / "report.html").read_text().count("read as a formula") == 1


# --- the same run gives the same bytes, before and after any refactoring ----------------------------------------

GOLDEN = ROOT / "tests" / "golden" / "example-survey.sha256"


def test_the_example_survey_gives_the_same_bytes_every_run_and_as_recorded(tmp_path):
    """Two runs into one OUT write identical files (the report too: papermill's random cell id and the staging
    folder's name are settled); the tables and figures equal those recorded in tests/golden/ when the trust issue
    landed, so a refactoring that changes any of them fails here. To accept an intended change, regenerate the
    file from a run (``sha256sum`` of ``data/`` and ``figures/``) and say why in the commit."""
    import hashlib

    out = tmp_path / "example"
    args = [f"{EXAMPLE / 'responses.csv'}", f"--items={EXAMPLE / 'items.csv'}",
            f"--scale={EXAMPLE / 'scale.csv'}", "--missing=9", "--group=team", "--weight=weight", f"--out={out}"]
    digests = []
    for _ in range(2):
        assert run_cli(args).returncode == 0
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted(out.rglob("*")) if p.is_file()})
    assert digests[0] == digests[1]
    assert "The survey beside the qualitative findings" not in (out / "report.html").read_text(encoding="utf-8"), \
        "without quotes, findings or comments the report has no mixed-methods section"
    recorded = dict(reversed(line.split("  ", 1)) for line in GOLDEN.read_text().splitlines())
    assert {name: digests[0][name] for name in digests[0] if name.startswith(("data/", "figures/"))} == recorded


def test_a_column_with_no_header_is_named_among_those_ignored_not_dropped_silently(tmp_path):
    """R's write.csv puts its row names in a first column headed "": that column is said to be ignored."""
    (tmp_path / "answers.csv").write_text('"","q1","q2"\n"101",1,2\n"102",2,NA\n', encoding="utf-8")
    (tmp_path / "scale.csv").write_text("code,label\n1,Disagree\n2,Agree\n", encoding="utf-8")
    survey = load_survey(tmp_path / "answers.csv", "q1,q2", tmp_path / "scale.csv", missing="NA")
    assert "answers.csv: column(s) not in ITEMS were ignored: (column 1, no header)" in survey.warnings
    excluded = survey.log.to_frame()
    assert "(column 1, no header)" in set(excluded.loc[excluded["step"] == "select columns", "column"])
