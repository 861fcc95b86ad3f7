"""The joint display as a page (joint_display.html, joint_display.pdf) and the report's mixed-methods section, on the
made-up mixed study: every quote in full and escaped, each item's bar equal to its answers tallied here from the
responses file with the csv module, the PDF holding the same words, the GRAMMS facts counted from the study's
files, and the page readable in a browser at 1,280 and 390 px.
"""

import csv
import html
import re
import shutil
import subprocess
import sys

import pytest

import browsers
from conftest import ROOT

SURVEY, STUDY = ROOT / "examples" / "made-up-survey", ROOT / "examples" / "made-up-mixed-study"


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("mixed") / "out"
    done = subprocess.run([sys.executable, "-m", "likertkit", "report", str(SURVEY / "responses.csv"), "--items",
                           str(SURVEY / "items.csv"), "--scale", str(SURVEY / "scale.csv"), "--missing", "9", "--out",
                           str(out), "--quotes", str(STUDY / "quotes.csv"), "--themes", str(STUDY / "themes.csv"),
                           "--findings", str(STUDY / "findings.csv"), "--title", "Made-up <study>"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def _tally(item):
    """An item's answers as percents of its valid answers, by code, from the responses file (labels in any case
    read as their codes, 9 and blanks missing)."""
    scale = {row["label"].lower(): int(row["code"]) for row in _rows(SURVEY / "scale.csv")}
    codes = sorted(scale.values())
    answers = []
    for row in _rows(SURVEY / "responses.csv"):
        text = row[item].strip()
        if not text or text == "9":
            continue
        answers.append(int(text) if text.isdigit() else scale[text.lower()])
    return [100 * answers.count(code) / len(answers) for code in codes]


def test_the_page_is_self_contained_and_shows_every_quote_of_every_finding_escaped(run):
    page = (run / "joint_display.html").read_text(encoding="utf-8")
    assert "<script" not in page and "Content-Security-Policy" in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "Joint display · Made-up &lt;study&gt;" in page
    quotes = {row["quote_id"]: row for row in _rows(STUDY / "quotes.csv")}
    for finding in _rows(STUDY / "findings.csv"):
        assert html.escape(finding["statement"]) in page
        for quote in filter(None, finding["quotes"].split(";")):
            assert html.escape(quotes[quote]["text"]) in page


@pytest.mark.parametrize("item", ["q1", "q3", "q5"])
def test_each_items_bar_is_its_answers_as_tallied_from_the_responses_file(run, item):
    page = (run / "joint_display.html").read_text(encoding="utf-8")
    block = re.search(rf'<div class="lk-item"><p><strong>{item}</strong>.*?</svg>', page).group(0)
    widths = [float(w) for w in re.findall(r'<rect x="[-\d.]+" y="2" width="([\d.]+)"', block)]
    expected = [round(p, 2) for p in _tally(item) if p > 0]
    assert widths == pytest.approx(expected, abs=0.005)


def test_the_pdf_holds_every_statement_and_quote(run):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(run / "joint_display.pdf"), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for row in _rows(STUDY / "findings.csv"):
        assert " ".join(row["statement"].split()) in flat
    for row in _rows(STUDY / "quotes.csv"):
        assert " ".join(row["text"].split()) in flat


def test_the_reports_section_counts_what_the_study_files_hold(run):
    report = (run / "report.html").read_text(encoding="utf-8")
    findings, quotes = _rows(STUDY / "findings.csv"), _rows(STUDY / "quotes.csv")
    items = {i for row in findings for i in row["items"].split(";") if i}
    cited = {q for row in findings for q in row["quotes"].split(";") if q}
    rated = sum(1 for row in findings if row["rating"].strip())
    assert (f"The joint display links {len(findings)} findings to {len(items)} survey items and {len(cited)} quotes; "
            f"the researcher rated {rated} of the {len(findings)} findings.") in report
    speakers = {row["speaker"] for row in quotes}
    assert f"{len(quotes)} quotes from {len(speakers)} speakers" in report
    assert report.count("For the researcher to state: the tool cannot know it.") == 4, "GRAMMS items 1, 2, 5 and 6"


needs_browser = browsers.required_or_skipped(browsers.missing())


@needs_browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_fits_a_desk_and_a_phone(run, width):
    driver = browsers.chromium()
    try:
        driver.set_window_size(width, 900)
        driver.get((run / "joint_display.html").as_uri())
        scroll, client = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        columns = driver.execute_script(
            "return getComputedStyle(document.querySelector('.lk-strands')).gridTemplateColumns.split(' ').length")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
    assert scroll <= client and not errors
    assert columns == (2 if width == 1280 else 1), "survey and quotes side by side at a desk, stacked on a phone"


AXE = ROOT / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


@browsers.required_or_skipped(browsers.missing() or ("" if AXE.exists() else
                                                     "axe-core is not installed (make test installs it when npm is here)"))
def test_axe_finds_no_violation_on_the_page(run):
    driver = browsers.chromium()
    try:
        driver.get((run / "joint_display.html").as_uri())
        driver.execute_script(AXE.read_text(encoding="utf-8"))
        violations = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => [v.id, v.impact])));")
    finally:
        driver.quit()
    assert violations == []


@needs_browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_articles_joint_display_has_the_same_layout_and_fits_a_desk_and_a_phone(width):
    """figures/joint_display.html is laid out as likertkit report lays out any study's (one card a finding, survey and
    quotes side by side at a desk, stacked on a phone), and nothing in it scrolls sideways (it was a table 1,643 px
    wide; issue 30). Its findings are counted from data/raw/joint_display_ratings.csv."""
    with open(ROOT / "data" / "raw" / "joint_display_ratings.csv", newline="", encoding="utf-8") as handle:
        findings = sum(1 for _ in csv.DictReader(handle))
    driver = browsers.chromium()
    try:
        driver.set_window_size(width, 900)
        driver.get((ROOT / "figures" / "joint_display.html").as_uri())
        scroll, client, cards, columns = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " document.querySelectorAll('.lk-finding').length,"
            " getComputedStyle(document.querySelector('.lk-strands')).gridTemplateColumns.split(' ').length]")
    finally:
        driver.quit()
    assert scroll <= client, f"{scroll} px wide in {client} px"
    assert cards == findings and columns == (2 if width == 1280 else 1)
