"""What people open and send is safe and says what it is (issue 20): each test keeps one case that ~100
hostile inputs and six real surveys found, and failed on the code before its fix.

1. report pages run no one's code and need no network; 2. nothing outside OUT, ever; 3. never silently
wrong; 4. sentences and displays that do not mislead; 5. one line, not a traceback or a hang.
"""

import json
import re
import subprocess
from html.parser import HTMLParser
import sys
from pathlib import Path

import pandas as pd
import pytest

import browsers
from conftest import ROOT, tidy_survey
from likertkit import markup, report, stats, story

# Text that runs script, or links to it, wherever a page renders it as HTML or Markdown.
SCRIPT = "<script>document.title='pwned'</script>"
IMAGE = "<img src=x onerror=\"document.title='pwned'\">"
LINK = "[click](javascript:document.title='pwned')"
HOSTILE_LABELS = [f"Label {IMAGE}", LINK, f"*{SCRIPT}* _x_ `y` &amp;"]


def run_cli(args, **kwargs):
    return subprocess.run([sys.executable, "-m", "likertkit.survey", *map(str, args)], capture_output=True, text=True,
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
    parts = report.split_by_scale(counts, items, scale)
    sentences = [report.heading(f"Title {SCRIPT} {LINK}", items, scale),
                 report.overview(items, scale, item_stats, pd.DataFrame()),
                 story.ordinal_summary(item_stats, scale),
                 report.per_scale_text(parts, lambda c, i, s: story.ordinal_summary(report.of_items(item_stats, i), s))]
    for sentence in sentences:
        rendered = markup.to_html(sentence)
        _no_markup_from(rendered)
    shown = markup.to_html(" ".join(sentences))
    for label in HOSTILE_LABELS[:2]:
        assert label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in shown
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in shown


def test_the_group_sentences_escape_group_names_in_markdown_and_keep_them_in_plain_text():
    by_group = pd.DataFrame([dict(group=g, item="q1", n_valid=10, n_missing=0, valid_pct_1=a, valid_pct_2=100 - a)
                             for g, a in ((SCRIPT, 20.0), ("North", 70.0))])
    items = pd.DataFrame({"item": ["q1"], "label": [LINK]})
    scale = pd.DataFrame({"code": [1, 2], "label": ["Disagree", "Agree"]})
    _no_markup_from(markup.to_html(story.group_comparison(by_group, items, scale)))
    assert SCRIPT in story.group_comparison(by_group, items, scale, quote="'"), "alt text is plain text, as typed"


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
    result = run_cli([f"--survey={survey_file}", f"--items={folder / 'items.csv'}", f"--scale={folder / 'scale.csv'}",
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


@pytest.mark.skipif(bool(MISSING_BROWSER) and __import__("os").environ.get("LIKERTKIT_REQUIRE_BROWSER") != "1",
                    reason=f"BROWSER TESTS NOT RUN: {MISSING_BROWSER}")
def test_a_report_whose_text_tries_to_run_script_runs_nothing_in_a_browser(hostile_report):
    browsers.required_or_skipped(MISSING_BROWSER)
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

from likertkit import outfolder, run  # noqa: E402
from likertkit.errors import InputError  # noqa: E402

EXAMPLE = ROOT / "examples" / "made-up-survey"


def staged_run(out, files, overwrite=False):
    with outfolder.OutFolder(out, overwrite) as folder:
        for relative, text in files.items():
            (folder.staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder.staging / relative).write_text(text)
        folder.commit()


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
    from likertkit import survey

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "processed").mkdir(parents=True)
    (elsewhere / "processed" / "table1.csv").write_text("the user's table")
    out = tmp_path / "out"
    out.mkdir()
    (out / "data").symlink_to(elsewhere)
    with pytest.raises(SystemExit) as stopped:
        survey.main([f"--survey={EXAMPLE / 'responses.csv'}", f"--items={EXAMPLE / 'items.csv'}",
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
        with outfolder.OutFolder(out, overwrite=True) as folder:
            (folder.staging / "figures" / "sub").mkdir(parents=True)
            (folder.staging / "figures" / "sub" / "fig.svg").write_text("ours")
            (folder.staging / "report.html").write_text("ours")
            (out / "figures" / "sub").symlink_to(elsewhere)
            folder.commit()
    assert not (out / "report.html").exists() and not (elsewhere / "fig.svg").exists()


KILL_DURING_MOVES = """
import os, signal, sys
from likertkit import outfolder
moves = []
real = os.replace
def replace(a, b):
    moves.append(b)
    if len(moves) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    real(a, b)
outfolder.os.replace = replace
with outfolder.OutFolder(sys.argv[1]) as folder:
    for name in ("a.csv", "b.csv", "c.csv"):
        (folder.staging / name).write_text("new " + name)
    folder.commit()
"""


def test_a_run_killed_while_moving_its_files_in_is_cleaned_up_by_the_next(tmp_path):
    out = tmp_path / "out"
    staged_run(out, {"a.csv": "old a", "b.csv": "old b", "c.csv": "old c"})
    killed = subprocess.run([sys.executable, "-c", KILL_DURING_MOVES, str(out)], cwd=ROOT,
                            env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    assert killed.returncode == -9
    assert (out / "a.csv").read_text() == "new a.csv" and (out / "c.csv").read_text() == "old c", "half moved"
    assert len(list(out.glob(outfolder.STAGING_PREFIX + "*"))) == 1
    outfolder.check_contents(out, overwrite=False)  # the half-moved files are known as a run's, not the user's
    staged_run(out, {"a.csv": "3", "b.csv": "3"})
    assert not list(out.glob(outfolder.STAGING_PREFIX + "*"))
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.csv", outfolder.MANIFEST], "c.csv was ours: removed"


def _dead_pid():
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(finished.stdout)


def test_what_a_killed_notebook_run_left_is_removed_by_the_next_and_said(tmp_path, capsys):
    import tempfile

    from likertkit import notebooks

    pid = _dead_pid()
    notebook = tmp_path / "01-tiny.ipynb"
    notebooks.write({"cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {},
                                "outputs": [], "source": "x = 1"}], "metadata": {}, "nbformat": 4,
                     "nbformat_minor": 5}, notebook)
    scratch = tmp_path / f".01-tiny.{pid}.abc123.ipynb"
    scratch.write_text("{}")
    sockets = Path(tempfile.gettempdir()) / f"{run.KERNEL_PREFIX}{pid}.xyz"
    sockets.mkdir()
    alive = tmp_path / f".01-tiny.{__import__('os').getppid()}.running.ipynb"  # a run still going: kept
    alive.write_text("{}")
    run.execute(notebook, tmp_path / "01-tiny.out.ipynb", check_outputs=False, failed_dir=tmp_path / "failed")
    assert not scratch.exists() and not sockets.exists()
    assert "left by a run that was killed" in capsys.readouterr().err
    assert alive.exists()


def test_sigterm_to_a_notebook_run_leaves_no_scratch_notebook(tmp_path):
    import os
    import signal
    import time

    from likertkit import notebooks

    notebook = tmp_path / "01-slow.ipynb"
    notebooks.write({"cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {},
                                "outputs": [], "source": "import time\ntime.sleep(60)"}], "metadata": {},
                     "nbformat": 4, "nbformat_minor": 5}, notebook)
    process = subprocess.Popen([sys.executable, "-m", "likertkit.run", str(notebook), "--no-check-outputs"], cwd=ROOT,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    end = time.monotonic() + 60
    while not list(tmp_path.glob(".01-slow.*.ipynb")) and time.monotonic() < end:
        time.sleep(0.1)
    time.sleep(2)  # the kernel is running the cell
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert not list(tmp_path.glob(".01-slow.*.ipynb")), "the scratch notebook was left behind"
