"""make survey on real survey data nobody here wrote, as a researcher would hold it.

The American National Election Studies 1996 subset shipped with statsmodels (``statsmodels.datasets.anes96``;
public domain; source: electionstudies.org): 944 respondents placed themselves, Bill Clinton and Bob Dole
on a 7-point scale from "Left" (1) to "Right" (7). The file is written with pandas' ``to_csv``, as a
researcher exporting from Python would, so the codes arrive as ``1.0`` … ``7.0``.
"""

import json
import re
import subprocess
import sys

import pandas as pd
import pytest
import statsmodels.api as sm

from test_notebooks import ARTICLE_WORDS

from conftest import ROOT

ITEMS = {"selfLR": "Respondent's own political leaning", "ClinLR": "Bill Clinton's political leaning",
         "DoleLR": "Bob Dole's political leaning"}


@pytest.fixture(scope="module")
def anes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anes96")
    data = sm.datasets.anes96.load_pandas().data
    data.insert(0, "respondent_id", [f"A{i:04d}" for i in range(len(data))])
    data.to_csv(folder / "responses.csv", index=False)
    pd.DataFrame({"item": list(ITEMS), "label": list(ITEMS.values()), "group": "Left-right placement"}).to_csv(
        folder / "items.csv", index=False)
    pd.DataFrame({"code": range(1, 8), "label": ["Left (1)", "2", "3", "4", "5", "6", "Right (7)"]}).to_csv(
        folder / "scale.csv", index=False)
    out = folder / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", folder / "responses.csv",
                          "--items", folder / "items.csv", "--scale", folder / "scale.csv", "--out", out,
                          "--title", "ANES 1996: left-right placements"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    return data, out, run


def test_counts_equal_an_independent_count(anes):
    data, out, _ = anes
    counts = pd.read_csv(out / "data" / "processed" / "counts.csv", dtype={"item": str})
    for item in ITEMS:
        expected = data[item].value_counts().sort_index()
        got = counts[counts["item"] == item].set_index("code")["count"]
        assert got.tolist() == expected.reindex(range(1, 8), fill_value=0).astype(int).tolist(), item


def test_decimal_codes_are_read_and_counted_in_the_log(anes):
    _, out, run = anes
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: responses.csv: column(s) not in items.csv were ignored: popul, TVnews, PID, age, "
                        "educ, income, vote, logpopul"]
    log = pd.read_csv(out / "data" / "processed" / "cleaning_log.csv", dtype=str, keep_default_na=False)
    written = log[log["note"].str.startswith("codes written as decimals")].set_index("column")["result"]
    assert written.to_dict() == {item: "944" for item in ITEMS}


def test_the_report_speaks_of_this_survey(anes):
    _, out, _ = anes
    nb = json.loads((out / "report.ipynb").read_text())
    shown = "".join("".join(o.get("text") or o.get("data", {}).get("text/markdown", ""))
                    for c in nb["cells"] for o in c.get("outputs", []))
    assert "**944 respondents** answered **3 items** in 1 group (Left-right placement) on a 7-point scale" in shown
    html = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\s]+", "", (out / "report.html").read_text())
    for text in (shown, html):
        assert not [w for w in ARTICLE_WORDS if w in text]
    assert "no middle answer" not in (out / "figures" / "fig1_likert_diverging.txt").read_text()
