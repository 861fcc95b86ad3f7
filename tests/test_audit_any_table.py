"""likertkit audit: a printed Likert table, made from real public answers and printed as journals print them,
with errors planted; the audit finds exactly the planted errors and flags nothing else. The expected values are
computed here by plain arithmetic (and the possible sums of whole answers by enumeration), not by the audit.

Data: pingouin's "cronbach_alpha" questionnaire (15 respondents x 10 items on 1-7, from real-statistics.com,
shipped inside pingouin) and statsmodels' ANES 1996 seven-point scales (944 respondents).
"""

import json
import math
import subprocess
import sys
from itertools import combinations

import numpy as np
import pandas as pd
import pingouin
import pytest
import statsmodels.api as sm

from likertkit.audit import audit_table, parse_table, read_table
from likertkit.report.audit_page import audit_page

from conftest import ROOT

SEVEN = pd.DataFrame({"code": range(1, 8), "label": [f"point {k}" for k in range(1, 8)]})


def _questionnaire() -> pd.DataFrame:
    return pingouin.read_dataset("cronbach_alpha").pivot(index="Subj", columns="Items", values="Scores")


def _printed(answers: pd.DataFrame, with_n=True, percent_sign=False) -> pd.DataFrame:
    """The items as a journal prints them: 'count (percent)' per answer, 'mean (SD)', n; rounded half up."""
    rows = []
    for item in answers.columns:
        values = answers[item].dropna().astype(int)
        n = len(values)
        row = {"item": item, "label": f"Question {item}"}
        if with_n:
            row["n"] = str(n)
        for code in range(1, 8):
            k = int((values == code).sum())
            row[f"cell_{code}"] = f"{k} ({_half_up(100 * k / n, 1)}{'%' if percent_sign else ''})"
        row["mean_sd"] = f"{_half_up(values.mean(), 2)} ({_half_up(values.std(), 2)})"
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index(range(2, len(rows) + 2), name="line"))


def _half_up(value, places) -> str:
    shifted = math.floor(value * 10 ** places + 0.5 + 1e-9)
    return f"{shifted / 10 ** places:.{places}f}"


def _flagged(audit) -> set:
    return set(map(tuple, audit.loc[audit["verdict"].isin(["differs", "impossible"]), ["item", "quantity"]].values))


def test_a_faithfully_printed_table_is_reproduced_in_full():
    table = _printed(_questionnaire(), percent_sign=True)
    audit = audit_table(parse_table(table, SEVEN), SEVEN, n_all=15)
    assert set(audit["verdict"]) == {"reproduced"}
    assert len(audit) == 10 * (1 + 7 + 2)
    assert audit.attrs["denominator"]["name"] == "valid answers" or audit.attrs["denominator"]["reproduced"][
        "all respondents"] == audit.attrs["denominator"]["of"]


def test_planted_errors_are_found_and_nothing_else():
    table = _printed(_questionnaire())
    table.loc[3, "cell_4"] = table.loc[3, "cell_4"].replace("(", "(1")  # Q10: a percent off by ten points
    q2_mean, q2_sd = table.loc[4, "mean_sd"].replace(")", "").split(" (")
    table.loc[4, "mean_sd"] = f"{float(q2_mean) + 0.3:.2f} ({q2_sd})"  # Q2: a mean 0.3 too high
    q3_mean, q3_sd = table.loc[5, "mean_sd"].replace(")", "").split(" (")
    table.loc[5, "mean_sd"] = f"{q3_mean} ({float(q3_sd) + 0.25:.2f})"  # Q3: an SD 0.25 too high
    table.loc[6, "n"] = str(int(table.loc[6, "n"]) + 1)  # Q4: an n that the counts do not add to
    audit = audit_table(parse_table(table, SEVEN), SEVEN)
    flagged = _flagged(audit)
    assert ("Q10", "pct_4") in flagged and ("Q2", "mean") in flagged and ("Q3", "sd") in flagged
    assert ("Q4", "count_sum") in flagged
    assert {item for item, _ in flagged} == {"Q10", "Q2", "Q3", "Q4"}, flagged
    assert {q for item, q in flagged if item in ("Q10", "Q2", "Q3")} == {"pct_4", "mean", "sd"}
    reason = audit.set_index(["item", "quantity"]).loc[("Q2", "mean"), "reason"]
    assert "units of its last decimal above" in reason and not any(w in reason for w in ("slip", "error", "typo"))


def _possible_sums(mean: str, n: int, low: int, high: int) -> list:
    """Whole answers' sums whose mean rounds to the printed one (plain arithmetic)."""
    places = len(mean.split(".")[1])
    return [s for s in range(n * low, n * high + 1) if abs(s / n - float(mean)) <= 0.5 * 10 ** -places + 1e-9]


def _distributions(mean: str, sd: str, n: int, low: int, high: int) -> int:
    """How many count vectors on the scale give the printed mean and SD (stars and bars, enumerated)."""
    k = high - low + 1
    codes = np.arange(low, high + 1, dtype=float)
    bars = np.array(list(combinations(range(n + k - 1), k - 1)))
    edges = np.hstack([np.full((len(bars), 1), -1), bars, np.full((len(bars), 1), n + k - 1)])
    counts = np.diff(edges, axis=1) - 1
    means = counts @ codes / n
    sds = np.sqrt((counts * (codes[None, :] - means[:, None]) ** 2).sum(axis=1) / (n - 1))
    hm, hs = 0.5 * 10 ** -len(mean.split(".")[1]), 0.5 * 10 ** -len(sd.split(".")[1])
    return int(((np.abs(means - float(mean)) <= hm + 1e-9) & (np.abs(sds - float(sd)) <= hs + 1e-9)).sum())


def test_a_table_of_only_n_mean_and_sd_is_checked_by_grim_grimmer_and_closure():
    """Q1-Q4 with 8 of the 15 respondents (8 answers on 1-5 after folding 6-7 into 5, so that enumeration is
    quick): their printed means and SDs are possible; a planted mean no 8 whole answers give is impossible, and so
    is a planted SD no distribution gives."""
    answers = _questionnaire()[["Q1", "Q2", "Q3", "Q4"]].iloc[:8].clip(upper=5)
    low, high, n = 1, 5, 8
    rows = [dict(item=q, n=str(n), mean=_half_up(answers[q].mean(), 2), sd=_half_up(answers[q].std(), 2))
            for q in answers.columns]
    impossible_mean = next(f"{m / 100:.2f}" for m in range(300, 400) if not _possible_sums(f"{m / 100:.2f}", n, low, high))
    rows.append(dict(item="Q9", n=str(n), mean=impossible_mean, sd="1.00"))
    possible_mean = rows[0]["mean"]
    impossible_sd = next(f"{s / 100:.2f}" for s in range(5, 300, 7) if _possible_sums(possible_mean, n, low, high)
                         and not _distributions(possible_mean, f"{s / 100:.2f}", n, low, high))
    rows.append(dict(item="Q10", n=str(n), mean=possible_mean, sd=impossible_sd))
    table = pd.DataFrame(rows, index=pd.Index(range(2, len(rows) + 2), name="line"))
    scale = pd.DataFrame({"code": range(low, high + 1), "label": list("abcde")})
    audit = audit_table(parse_table(table, scale), scale).set_index(["item", "quantity"])
    for q in answers.columns:
        assert audit.loc[(q, "mean"), "verdict"] == "consistent"
        found = _distributions(audit.loc[(q, "mean"), "printed"], audit.loc[(q, "sd"), "printed"], n, low, high)
        assert audit.loc[(q, "sd"), "verdict"] == "consistent" and audit.loc[(q, "sd"), "recomputed"] == found
    assert audit.loc[("Q9", "mean"), "verdict"] == "impossible"
    assert audit.loc[("Q10", "sd"), "verdict"] == "impossible"
    assert set(audit.index[audit["verdict"] == "impossible"]) == {("Q9", "mean"), ("Q10", "sd")}


def test_a_large_survey_printed_with_percents_of_all_respondents():
    """ANES 1996's three seven-point scales, 944 respondents; percents printed of N with one answer per item
    dropped as if missing, so the denominator must be found: all respondents, not the answers."""
    anes = sm.datasets.anes96.load_pandas().data[["selfLR", "ClinLR", "DoleLR"]].astype(float)
    anes.iloc[0] = np.nan
    table = _printed(anes, with_n=False)
    for line, item in zip(table.index, anes.columns, strict=True):
        values = anes[item].dropna().astype(int)
        for code in range(1, 8):
            k = int((values == code).sum())
            table.loc[line, f"cell_{code}"] = f"{k} ({_half_up(100 * k / 944, 1)})"
    audit = audit_table(parse_table(table, SEVEN), SEVEN, n_all=944)
    assert audit.attrs["denominator"]["name"] == "all respondents"
    assert set(audit.loc[audit["quantity"] == "count_sum", "verdict"]) == {"consistent"}
    assert set(audit.loc[audit["quantity"] != "count_sum", "verdict"]) == {"reproduced"}


def test_the_articles_table_1_gives_notebook_05s_verdicts():
    """Table 1 of Loechting et al. (2020), as transcribed (data/raw/table1.csv is already in this format), with
    N = 61: the numbers notebook 05 found to differ (data/processed/audit.csv, its Table 1 rows) are exactly those
    this audit finds not reproduced, and the percents are of all respondents, as notebook 02 found."""
    scale = pd.DataFrame({"code": range(5), "label": ["Not at all", "Small", "Some", "Large", "Very large"]})
    audit = audit_table(read_table(ROOT / "data" / "raw" / "table1.csv", scale), scale, n_all=61)
    notebook = pd.read_csv(ROOT / "data" / "processed" / "audit.csv", dtype=str, keep_default_na=False)
    notebook = notebook[notebook["source"] == "table1"]
    differs = {(r.item, r.statistic) for r in notebook.itertuples() if r.status == "differs"}
    assert {(item, q) for item, q in _flagged(audit)} == differs
    assert audit.attrs["denominator"]["name"] == "all respondents"


@pytest.mark.parametrize("cell, expected", [
    ("x (3.3)", "value 'x (3.3)' is not a count with its percent"),
    ("(21.3)", "value '(21.3)' is not a count with its percent"),
])
def test_bad_cells_are_one_line_naming_file_line_column_and_value(tmp_path, cell, expected):
    (tmp_path / "scale.csv").write_text("code,label\n1,No\n2,Yes\n")
    (tmp_path / "table.csv").write_text(f'item,cell_1,cell_2\nq1,1 (50.0),1 (50.0)\nq2,"{cell}",2 (100.0)\n')
    run = _audit_cli(tmp_path)
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert run.stderr.startswith(f"error: table.csv, line 3, column 'cell_1': {expected}")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("table, expected", [
    ("item,count_1,count_3\nq1,1,2\n", "column 'count_3' names code '3', which is not on the scale"),
    ("item,count_1,count_2\nq1,1,2\nq1,2,1\n", "line 3, column 'item': item 'q1' appears twice (also on line 2)"),
    ("item,mean\nq1,2.1a\n", "line 2, column 'mean': value '2.1a' is not a number as printed"),
    ("label,mean\nx,2\n", "required column(s) missing: item"),
])
def test_bad_tables_are_one_line(tmp_path, table, expected):
    (tmp_path / "scale.csv").write_text("code,label\n1,No\n2,Yes\n")
    (tmp_path / "table.csv").write_text(table)
    run = _audit_cli(tmp_path)
    assert run.returncode == 2 and expected in run.stderr and run.stderr.count("\n") == 1, run.stderr


def _audit_cli(tmp_path, *more):
    return subprocess.run([sys.executable, "-m", "likertkit", "audit", tmp_path / "table.csv", "--scale",
                           tmp_path / "scale.csv", "--out", tmp_path / "out", *more], capture_output=True, text=True,
                          cwd=ROOT)


def test_make_audit_writes_the_csv_and_a_page_that_runs_nothing(tmp_path):
    (tmp_path / "scale.csv").write_text("code,label\n1,No\n2,Yes\n")
    label = "<script>document.title='pwned'</script>"
    (tmp_path / "table.csv").write_text(f'item,label,cell_1,cell_2,mean_sd\nq1,"{label}",1 (25.0),3 (75.0),1.75 ± 0.50\n'
                                        "q2,plain,2 (50.0),2 (55.0),1.50 (0.58)\n")
    out = tmp_path / 'out "dir" $x'
    run = subprocess.run(["make", "--no-print-directory", "audit", f"TABLE={tmp_path / 'table.csv'}",
                          f"SCALE={tmp_path / 'scale.csv'}", "N=4", f"OUT={out}", f"PYTHON={sys.executable}"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    audit = pd.read_csv(out / "audit.csv", dtype=str, keep_default_na=False)
    assert list(audit.columns) == ["item", "quantity", "printed", "recomputed", "verdict", "reason"]
    flagged = audit[audit["verdict"] != "reproduced"]
    assert flagged[["item", "quantity", "verdict"]].values.tolist() == [["q2", "pct_2", "differs"]]
    page = (out / "audit.html").read_text()
    assert "<script" not in page and "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "Numbers not reproduced" in page and "item q2, pct_2" in page
    assert json.loads((out / "likertkit-manifest.json").read_text())["files"].keys() == {"audit.csv", "audit.html"}


def test_the_page_escapes_what_the_table_prints():
    table = pd.DataFrame({"item": ["<b>q1</b>"], "cell_1": ["1 (50.0)"], "cell_2": ["1 (40.0)"]},
                         index=pd.Index([2], name="line"))
    scale = pd.DataFrame({"code": [1, 2], "label": ["No", "Yes"]})
    page = audit_page(audit_table(parse_table(table, scale), scale), "Audit of <i>t</i>.csv")
    assert "<b>q1</b>" not in page and "&lt;b&gt;q1&lt;/b&gt;" in page and "<i>t</i>" not in page
