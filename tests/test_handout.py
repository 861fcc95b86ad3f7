"""The printable handout: at most four A4 pages, with the figure, the two tables and the exercises as text."""

import os
import shutil
import subprocess

import pytest
from conftest import ROOT

weasyprint = pytest.importorskip("weasyprint", reason="HANDOUT TEST NOT RUN: pip install -r requirements-site.txt")


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    from loechting2020 import handout

    return handout.build(ROOT, tmp_path_factory.mktemp("handout") / "handout.pdf")


def test_the_handout_fits_four_a4_pages(handout):
    path, pages = handout
    assert path.exists() and 1 <= pages <= 4


def test_its_text_is_selectable_and_holds_each_part(handout):
    path, _ = handout
    if not shutil.which("pdftotext"):
        if os.environ.get("LIKERTKIT_REQUIRE_BROWSER") == "1":
            raise AssertionError("pdftotext (poppler-utils) is needed here")
        pytest.skip("HANDOUT TEXT NOT CHECKED: pdftotext (Debian poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for part in ("Figure 1", "The joint display", "GRAMMS", "Exercise sheet", "Choose the denominator",
                 "doi:10.1186/s12889-020-09804-0"):
        assert part in text, part
    alt = (ROOT / "figures" / "fig1_likert_diverging.txt").read_text(encoding="utf-8").split()[:6]
    assert " ".join(alt) in " ".join(text.split()), "the figure's description is printed with it"
