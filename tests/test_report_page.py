"""The report's page (likertkit.report.page): what the executed notebook shows, as one page a browser reads.

Checked against the files beside it, read here on their own: each figure's alt text file and its PNG's size in
pixels (from the PNG's header), the notebook's Markdown headings, and the page parsed by the standard library's
HTML parser.
"""

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from likertkit.report.page import render_page

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "made-up-survey"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(EXAMPLE / "responses.csv"),
                          f"--items={EXAMPLE / 'items.csv'}", f"--scale={EXAMPLE / 'scale.csv'}", "--missing=9",
                          "--group=team", f"--out={out}"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    return out


class _Page(HTMLParser):
    """Every start tag with its attributes, and whether each element that must close did, in order."""

    VOID = {"meta", "img", "br", "hr", "input", "link", "col", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.open, self.unbalanced = [], [], []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.unbalanced.append(tag)
        else:
            self.open.pop()


def test_the_page_is_well_formed_and_shows_every_figure_with_its_alt_text_at_half_its_pixels(report):
    page = _Page((report / "report.html").read_text(encoding="utf-8"))
    assert not page.unbalanced and not page.open, (page.unbalanced, page.open)
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    pngs = sorted((report / "figures").glob("*.png"))
    assert len(images) == len(pngs) == 6
    alts = {attrs["alt"]: attrs for attrs in images}
    for png in pngs:
        alt = png.with_suffix(".txt").read_text(encoding="utf-8").strip()
        assert alt in alts, png.name
        pixels = int.from_bytes(png.read_bytes()[16:20], "big")
        assert int(alts[alt]["width"]) == (pixels + 1) // 2, png.name
    assert not [tag for tag, _ in page.tags if tag in ("script", "iframe", "object", "link")]


def test_every_section_of_the_notebook_is_a_heading_with_its_anchor(report):
    notebook = json.loads((report / "report.ipynb").read_text(encoding="utf-8"))
    sections = [line[3:].strip() for cell in notebook["cells"] if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines() if line.startswith("## ")]
    assert len(sections) >= 6
    page = (report / "report.html").read_text(encoding="utf-8")
    for section in sections:
        assert f'<h2 id="{html.escape(section.replace(" ", "-"))}">{html.escape(section, quote=False)}</h2>' in page


def test_the_code_is_hidden_and_the_answers_shown(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "import pandas" not in page and "display(" not in page
    assert "<strong>40 respondents</strong>" in page


def _notebook(*cells) -> dict:
    return {"cells": list(cells), "metadata": {}}


def test_markdown_shows_raw_html_as_text_and_a_repeated_heading_gets_its_own_anchor():
    page = render_page(_notebook({"cell_type": "markdown", "source": "## Notes\n\n<b onclick=x>bold</b>"},
                                 {"cell_type": "markdown", "source": ["## Notes"]}), "t")
    assert "&lt;b onclick=x&gt;bold&lt;/b&gt;" in page and "<b " not in page
    assert '<h2 id="Notes">Notes</h2>' in page and '<h2 id="Notes-2">Notes</h2>' in page


def test_an_output_shows_its_html_before_its_markdown_before_its_text_and_nothing_unknown():
    def shown(data):
        cell = {"cell_type": "code", "source": "", "outputs": [
            {"output_type": "execute_result", "data": data, "metadata": {}, "execution_count": 1}]}
        return render_page(_notebook(cell), "t").split("<main>")[1]

    assert "<em>h</em>" in shown({"text/html": "<em>h</em>", "text/markdown": "*m*", "text/plain": "p"})
    assert "<em>m</em>" in shown({"text/markdown": "*m*", "text/plain": "p"})
    assert "<pre>&lt;p&gt;</pre>" in shown({"text/plain": "<p>"})
    assert "application" not in shown({"application/vnd.widget+json": {"x": 1}})
    assert '<div class="output">' not in shown({"application/vnd.widget+json": {"x": 1}})


def test_a_figure_kept_in_lines_is_one_image_with_its_alt_text_escaped():
    cell = {"cell_type": "code", "source": "", "outputs": [
        {"output_type": "display_data", "data": {"image/png": ["iVBORw0K\n", "GgoAAAA=\n"], "text/plain": "<Figure>"},
         "metadata": {"image/png": {"alt": 'Bars of "q1" <b>', "width": 550}}}]}
    page = render_page(_notebook(cell), "t")
    assert '<img src="data:image/png;base64,iVBORw0KGgoAAAA=" width="550" alt="Bars of &quot;q1&quot; &lt;b&gt;">' in page
    assert "&lt;Figure&gt;" not in page


def _make_survey(tmp_path, *variables):
    return subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={EXAMPLE / 'responses.csv'}",
                           f"ITEMS={EXAMPLE / 'items.csv'}", f"SCALE={EXAMPLE / 'scale.csv'}", "MISSING=9",
                           *variables], capture_output=True, text=True, cwd=ROOT)


def test_formats_writes_only_the_figure_files_asked_for_and_the_page_still_shows_every_figure(tmp_path, report):
    """make survey FORMATS=svg: no PNG and no PDF in figures/, every figure on the page (drawn for it), each with the
    alt text of its .txt; the SVG files are the ones a run with every format writes, byte for byte."""
    out = tmp_path / "out"
    run = _make_survey(tmp_path, f"OUT={out}", "GROUP=team", "FORMATS=SVG")
    assert run.returncode == 0, run.stderr
    written = sorted(path.name for path in (out / "figures").iterdir())
    every = sorted(path.name for path in (report / "figures").iterdir())
    assert written == [name for name in every if name.endswith((".svg", ".txt"))]
    for name in written:
        assert (out / "figures" / name).read_bytes() == (report / "figures" / name).read_bytes(), name
    page = _Page((out / "report.html").read_text(encoding="utf-8"))
    alts = [attrs["alt"] for tag, attrs in page.tags if tag == "img"]
    assert sorted(alts) == sorted(path.read_text(encoding="utf-8").strip() for path in (out / "figures").glob("*.txt"))
    manifest = json.loads((out / "likertkit-manifest.json").read_text())
    assert not [path for path in json.dumps(manifest).split('"') if path.endswith((".png", ".pdf"))]


@pytest.mark.parametrize("value", ["jpg", "png;touch pwned", " , "])
def test_a_format_it_does_not_write_is_one_error_naming_formats_and_nothing_is_written(tmp_path, value):
    out = tmp_path / "out"
    run = _make_survey(tmp_path, f"OUT={out}", f"FORMATS={value}")
    assert run.returncode == 2 and run.stderr.startswith("error: FORMATS: ") and "is not one of svg, pdf, png" in \
        run.stderr, run.stderr
    assert "Traceback" not in run.stderr and not out.exists() and not (ROOT / "pwned").exists()


def test_the_page_opens_with_its_findings_then_a_list_of_its_sections_each_a_link_to_it(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="([^"]*)">(.*?)</h2>', page)
    nav = re.search(r'<div class="contents" role="navigation" aria-label="Contents">(.*?)</div>', page, re.S)
    assert nav and len(headings) >= 6
    assert re.findall(r'<li><a href="#([^"]*)">(.*?)</a></li>', nav.group(1)) == headings
    assert page.index("<strong>40 respondents</strong>") < nav.start() < page.index("<h2 ")


def test_a_page_of_one_or_two_sections_has_no_list_of_them():
    page = render_page(_notebook({"cell_type": "markdown", "source": "## One"},
                                 {"cell_type": "markdown", "source": "## Two"}), "t")
    assert 'class="contents"' not in page
