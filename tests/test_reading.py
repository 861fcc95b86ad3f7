"""Tables, figures and references as readers get them: in the notebooks, the report and the reader's edition."""

import json
import re

import pandas as pd
import pytest

from likertkit.errors import InputError
from likertkit.report import reading, sentences
from loechting2020 import notebooks, references, story

from conftest import ROOT

NOTEBOOKS = notebooks.numbered_notebooks(ROOT / "notebooks")


def test_a_default_index_is_left_out_and_a_named_one_kept():
    frame = pd.DataFrame({"item": ["1", "2"], "valid_pct_4": [4.9, 11.5]})
    html = reading.table_html(frame)
    assert ">item<" in html and ">valid % 4<" in html
    assert not re.search(r"<td[^>]*>0</td>", html), "no 0, 1 … index column"
    named = reading.table_html(frame.set_index("item"))
    assert named.count("<th ") == 2 and ">1<" in named


def test_text_is_left_aligned_numbers_right_and_nothing_is_cut():
    note = "a long cleaning note " * 10
    html = reading.table_html(pd.DataFrame({"note": [note], "n": [3]}))
    assert note in html, "the whole text, not 'a long cleaning…'"
    assert re.search(r'<td style="[^"]*text-align:left;">a long', html)
    assert re.search(r'<td style="[^"]*text-align:right;">3</td>', html)
    assert "min-width" in html, "a long text column gets room to wrap"
    assert "overflow-x:auto" in html, "a wide table scrolls inside its own box"


def test_text_is_escaped_and_rows_beyond_the_limit_are_counted():
    html = reading.table_html(pd.DataFrame({"label": ["<script>alert(1)</script>"] * (reading.MAX_ROWS + 5)}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f"The first {reading.MAX_ROWS} of {reading.MAX_ROWS + 5} rows" in html


def test_the_same_table_gives_the_same_bytes():
    frame = pd.DataFrame({"a": [1.5, None], "b": ["x", "y"]})
    assert reading.table_html(frame) == reading.table_html(frame.copy())


def test_a_figure_without_alt_text_is_refused():
    import matplotlib.pyplot as plt

    fig = plt.figure()
    with pytest.raises(ValueError, match="alt text"):
        reading.show(fig, "  ")
    plt.close(fig)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_inline_figure_has_alt_text_and_every_table_is_for_reading(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                assert output["metadata"]["image/png"]["alt"].strip(), f"{path.name}: an image with no alt text"
            if "text/html" in output.get("data", {}) and "text/markdown" not in output["data"]:  # not a sentence
                assert "likertkit-table" in "".join(output["data"]["text/html"]), f"{path.name}: a raw pandas table"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_ends_with_the_works_it_cites(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    last = nb["cells"][-1]
    assert "references.reference_list" in "".join(last["source"])
    listed = "".join(last["outputs"][0]["data"]["text/markdown"])
    keys = references.cited_keys(references.notebook_markdown(path))
    assert "loechting2020" in keys, "every notebook cites the article its data come from"
    for key in keys:
        assert f"{{#ref-{key}}}" in listed


def test_every_work_in_the_bibliography_is_cited_and_has_a_doi_or_says_why_not():
    bibliography = references.read_bibliography(ROOT / "notebooks" / "references.json")
    cited = set()
    for path in [*NOTEBOOKS, *sorted((ROOT / "teaching").glob("*.ipynb")), *sorted((ROOT / "teaching").glob("*.md"))]:
        text = references.notebook_markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
        cited |= set(references.cited_keys(text))
    assert set(bibliography) == cited, f"never cited: {set(bibliography) - cited}; not listed: {cited - set(bibliography)}"
    for key, entry in bibliography.items():
        assert entry.get("DOI") or entry.get("URL") or entry.get("note"), key


def test_a_citation_missing_from_the_bibliography_is_an_error(tmp_path):
    notebook = tmp_path / "99-x.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": ["see [X 2001](#ref-x2001)"]}]}))
    with pytest.raises(InputError, match="x2001"):
        references.reference_list(notebook, bibliography={})


def test_authors_are_formatted_in_apa_style():
    people = [{"family": f"F{i}", "given": "Ann B."} for i in range(3)]
    assert references._authors(people) == "F0, A. B., F1, A. B., & F2, A. B."


def test_figure_alt_texts_read_their_numbers_from_the_data():
    scale = pd.DataFrame({"code": [0, 1, 2], "label": ["No", "Some", "Yes"]})
    stats = pd.DataFrame({"item": ["1", "2"], "label": ["A", "B"], "mean": [0.5, 1.75]})
    text = sentences.alt_mean_ci(stats, scale)
    assert "0.50 (item 1, A) to 1.75 (item 2, B)" in text and "3-point scale from 0 'no' to 2 'yes'" in text
    flow = story.alt_flow([("Invited", 10), ("Responded", 6)], {0: ("Did not respond", 4)})
    assert flow == "Flow chart of the survey's recruitment, top to bottom: Invited: 10; then did not respond (4); Responded: 6."
