"""A mixed-methods study's qualitative inputs (likertkit.mixed): read verbatim, every bad input one error naming
file, line and column, and the joint display's statistics equal to an independent computation.

Expected values come from Python's csv module (the text written is the text read) and from statsmodels' Wilson
interval on counts tallied here, never from likertkit's own statistics."""

import csv
import html

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from likertkit.errors import InputError
from likertkit.mixed import joint_display, read_findings, read_quotes, read_themes
from likertkit.stats import example_tables, item_statistics

HARD_TEXTS = ['She said, "not yet" - then left.', "Line one\nline two, after a break", "  leading spaces kept",
              "Ærlig talt: søknaden tok én uke. 日本語も。", "=SUM(A1:A3) stays text", "<b>not bold</b>"]


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def study(tmp_path):
    themes = _write(tmp_path / "themes.csv", ["theme", "name", "description"],
                    [["T1", "Time", "Time for follow-up"], ["T2", "Tools", ""]])
    quotes = _write(tmp_path / "quotes.csv", ["quote_id", "theme", "speaker", "text"],
                    [[f"Q{i}", "T1" if i < 3 else "T2", f"P{i % 2}", text] for i, text in enumerate(HARD_TEXTS)])
    findings = _write(tmp_path / "findings.csv",
                      ["finding_id", "theme", "statement", "items", "quotes", "rating", "rationale"],
                      [["F1", "T1", "Too little time", "q1; q2", "Q0;Q1", "Dissonance", "The survey says otherwise"],
                       ["F2", "T2", "Tools lacking", "q2", "Q3", "", ""]])
    return tmp_path, themes, quotes, findings


def test_quotes_are_kept_byte_for_byte(study):
    _, themes, quotes, _ = study
    read = read_quotes(quotes, read_themes(themes))
    assert read["text"].tolist() == HARD_TEXTS
    assert read["source"].eq("").all()


def test_findings_link_quotes_and_items_and_read_ratings_in_any_case(study):
    _, themes, quotes, findings = study
    theme_table = read_themes(themes)
    table, warnings = read_findings(findings, read_quotes(quotes, theme_table), ["q1", "q2"], theme_table)
    assert table["rating"].tolist() == ["dissonance", ""] and warnings == []


def _error(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize("rows, expected", [
    ([["Q1", "T1", "P1", "a"], ["Q1", "T1", "P2", "b"]], "quotes.csv, line 3, column 'quote_id': 'Q1' is used twice (first on line 2)"),
    ([["Q1", "T1", "P1", "   "]], "quotes.csv, line 2 (quote Q1), column 'text': the quote's text is empty"),
    ([["Q1", "T9", "P1", "a"]], "quotes.csv, line 2, column 'theme': theme 'T9' is not in the themes file"),
])
def test_a_bad_quote_is_one_error_naming_its_place(study, rows, expected):
    folder, themes, _, _ = study
    path = _write(folder / "quotes.csv", ["quote_id", "theme", "speaker", "text"], rows)
    assert _error(lambda: read_quotes(path, read_themes(themes))) == expected


@pytest.mark.parametrize("row, expected", [
    (["F1", "T1", "s", "q9", "Q0", "", ""], "line 2 (finding F1), column 'items': item 'q9' is not an item of the survey"),
    (["F1", "T1", "s", "q1", "Q9", "", ""], "line 2 (finding F1), column 'quotes': quote 'Q9' is not in the quotes file"),
    (["F1", "T1", "s", "q1", "Q0", "convergent", ""], "column 'rating': rating 'convergent' is not one of agreement"),
    (["F1", "T7", "s", "q1", "Q0", "", ""], "line 2 (finding F1), column 'theme': theme 'T7' is not in the themes file"),
])
def test_a_bad_finding_is_one_error_naming_its_place(study, row, expected):
    folder, themes, quotes, _ = study
    theme_table = read_themes(themes)
    path = _write(folder / "findings.csv", ["finding_id", "theme", "statement", "items", "quotes", "rating",
                                            "rationale"], [row])
    message = _error(lambda: read_findings(path, read_quotes(quotes, theme_table), ["q1", "q2"], theme_table))
    assert message.startswith("findings.csv, ") and expected in message


def test_a_quote_under_two_themes_is_a_warning(study):
    folder, themes, quotes, _ = study
    theme_table = read_themes(themes)
    path = _write(folder / "findings.csv", ["finding_id", "theme", "statement", "items", "quotes", "rating",
                                            "rationale"], [["F1", "T1", "s", "q1", "Q0", "", ""],
                                                           ["F2", "T2", "t", "q2", "Q0", "", ""]])
    _, warnings = read_findings(path, read_quotes(quotes, theme_table), ["q1", "q2"], theme_table)
    assert warnings == ["findings.csv: quote Q0 is linked to findings of 2 themes: T1, T2"]


def test_a_duplicated_theme_is_an_error(tmp_path):
    path = _write(tmp_path / "themes.csv", ["theme", "name"], [["T1", "a"], ["T1", "b"]])
    assert _error(lambda: read_themes(path)) == "themes.csv, line 3, column 'theme': 'T1' is used twice (first on line 2)"


def test_the_joint_display_gives_each_items_statistics_as_an_independent_tally(study):
    _, themes, quotes, findings = study
    counts, items, scale = example_tables()
    theme_table = read_themes(themes)
    table, _ = read_findings(findings, read_quotes(quotes, theme_table), items["item"], theme_table)
    joint = joint_display(table, item_statistics(counts, items, scale), scale)
    assert joint.columns.tolist() == ["finding_id", "theme", "statement", "items", "item_statistics", "quotes",
                                      "rating", "rationale"]
    assert joint["rating"].tolist() == ["dissonance", "not yet rated"]
    upper = scale["code"].iloc[-1]  # a three-point scale: its upper half is the top answer
    for item in ("q1", "q2"):
        answered = counts[counts["item"] == item]
        n, k = int(answered["count"].sum()), int(answered.loc[answered["code"] == upper, "count"].sum())
        low, high = proportion_confint(k, n, method="wilson")
        expected = f"item {item}: n {n}, {100 * k / n:.1f}% in the upper half (95% CI {100 * low:.1f}-{100 * high:.1f})"
        assert expected in joint.loc[0, "item_statistics"], (expected, joint.loc[0, "item_statistics"])
    assert joint.loc[0, "quotes"] == "Q0;Q1" and joint.loc[0, "items"] == "q1;q2"


def test_findings_without_a_themes_file_take_the_quotes_themes(study):
    _, _, quotes, findings = study
    quote_table = read_quotes(quotes)
    table, _ = read_findings(findings, quote_table, ["q1", "q2"])
    assert list(pd.unique(quote_table["theme"])) == ["T1", "T2"] and len(table) == 2


def _likertkit(*args):
    import subprocess
    import sys

    from conftest import ROOT

    return subprocess.run([sys.executable, "-m", "likertkit", *map(str, args)], capture_output=True, text=True, check=False,
                          cwd=ROOT)


def test_likertkit_report_writes_the_joint_display_and_the_quotes_verbatim(study):
    """End to end on the made-up survey: QUOTES, THEMES and FINDINGS give quotes.csv, themes.csv and
    joint_display.csv, whose statistics are those of the run's own table1 (valid n) and item statistics."""
    from conftest import ROOT

    folder, themes, quotes, _ = study
    example = ROOT / "examples" / "made-up-survey"
    findings = _write(folder / "findings.csv", ["finding_id", "theme", "statement", "items", "quotes", "rating",
                                                "rationale"],
                      [["F1", "T1", "Workload is heavy", "q1;q2", "Q0;Q1;Q2", "partial agreement", "Split answers"],
                       ["F2", "T2", "Colleagues help", "q3", "Q3;Q4;Q5", "", ""]])
    out = folder / "report"
    run = _likertkit("report", example / "responses.csv", "--items", example / "items.csv", "--scale",
                     example / "scale.csv", "--missing", "9", "--out", out, "--quotes", quotes, "--themes", themes,
                     "--findings", findings)
    assert run.returncode == 0, run.stderr[-2000:]
    processed = out / "data" / "processed"
    with open(processed / "quotes.csv", encoding="utf-8", newline="") as written:
        assert [row["text"] for row in csv.DictReader(written)] == HARD_TEXTS
    joint = pd.read_csv(processed / "joint_display.csv", dtype=str, keep_default_na=False)
    assert joint["finding_id"].tolist() == ["F1", "F2"] and joint["rating"].tolist() == ["partial agreement",
                                                                                        "not yet rated"]
    for page in (out / "joint_display.html", out / "report.html"):  # every quote in full, shown as text
        shown = page.read_text(encoding="utf-8")
        assert all(html.escape(text, quote=False) in shown.replace("&quot;", '"') for text in HARD_TEXTS), page.name
        assert "<b>not bold" not in shown, page.name
    stats = pd.read_csv(processed / "item_statistics.csv", dtype={"item": str}).set_index("item")
    table1 = pd.read_csv(processed / "table1.csv", dtype={"item": str}).set_index("item")
    for item in ("q1", "q2"):
        row = stats.loc[item]
        counts = table1.loc[item, [f"count_{code}" for code in (1, 2, 3, 4)]].to_numpy()
        assert f"item {item}: n {int(counts.sum())}, {100 * counts[2:].sum() / counts.sum():.1f}% in the upper half" \
            in joint.loc[0, "item_statistics"], "valid n and upper half from table1.csv's counts"
        assert (f"item {item}: n {int(row['n_valid'])}, {row['pct_agree']:.1f}% in the upper half "
                f"(95% CI {row['pct_agree_ci_low']:.1f}-{row['pct_agree_ci_high']:.1f})") in joint.loc[0, "item_statistics"]


def test_likertkit_report_stops_on_a_finding_that_cites_a_missing_item_before_writing_anything(study):
    from conftest import ROOT

    folder, _, quotes, _ = study
    example = ROOT / "examples" / "made-up-survey"
    findings = _write(folder / "findings.csv", ["finding_id", "theme", "statement", "items", "quotes", "rating",
                                                "rationale"], [["F1", "T1", "s", "q99", "Q0", "", ""]])
    out = folder / "report"
    run = _likertkit("report", example / "responses.csv", "--items", example / "items.csv", "--scale",
                     example / "scale.csv", "--missing", "9", "--out", out, "--quotes", quotes, "--findings", findings)
    assert run.returncode == 2 and not out.exists()
    assert run.stderr.strip().splitlines()[-1] == (
        "error: findings.csv, line 2 (finding F1), column 'items': item 'q99' is not an item of the survey")


MIXED_EXAMPLE = "examples/made-up-mixed-study"


def example_table_markdown(joint: pd.DataFrame) -> str:
    """The joint display as the example's README shows it: a Markdown table of the file's columns but the rationale."""
    shown = joint[["finding_id", "theme", "statement", "items", "item_statistics", "quotes", "rating"]]
    return shown.to_markdown(index=False)


def test_the_mixed_example_runs_in_one_command_and_its_readme_shows_what_it_writes(tmp_path):
    from conftest import ROOT

    survey, study = ROOT / "examples" / "made-up-survey", ROOT / MIXED_EXAMPLE
    out = tmp_path / "example-mixed"
    run = _likertkit("report", survey / "responses.csv", "--items", survey / "items.csv", "--scale",
                     survey / "scale.csv", "--missing", "9", "--out", out, "--quotes", study / "quotes.csv",
                     "--themes", study / "themes.csv", "--findings", study / "findings.csv")
    assert run.returncode == 0, run.stderr[-2000:]
    joint = pd.read_csv(out / "data" / "processed" / "joint_display.csv", dtype=str, keep_default_na=False)
    assert example_table_markdown(joint) in (study / "README.md").read_text(encoding="utf-8")
    assert joint["rating"].iloc[-1] == "not yet rated" and joint["item_statistics"].iloc[-1] == ""


def test_who_speaks_under_which_theme_is_a_tally_of_the_quotes():
    from collections import Counter

    from likertkit.mixed import speakers_by_theme

    from conftest import ROOT

    study = ROOT / MIXED_EXAMPLE
    themes, quotes = read_themes(study / "themes.csv"), read_quotes(study / "quotes.csv")
    table = speakers_by_theme(quotes, themes)
    with open(study / "quotes.csv", encoding="utf-8", newline="") as source:
        tally = Counter((row["speaker"], row["theme"]) for row in csv.DictReader(source))
    names = dict(zip(themes["theme"], themes["name"], strict=True))
    assert {(speaker, theme): int(table.loc[speaker, names[theme]]) for speaker, theme in tally} == dict(tally)
    assert int(table.to_numpy().sum()) == sum(tally.values()) and list(table.columns) == list(themes["name"])


def test_the_joint_sentences_count_ratings_and_links_as_the_file_holds_them(tmp_path):
    from collections import Counter

    from likertkit.mixed import joint_sentences

    from conftest import ROOT

    study = ROOT / MIXED_EXAMPLE
    with open(study / "findings.csv", encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    ratings = Counter(row["rating"] or "not yet rated" for row in rows)
    joint = pd.DataFrame({"theme": [r["theme"] for r in rows], "items": [r["items"] for r in rows],
                          "rating": [r["rating"] or "not yet rated" for r in rows]})
    themes = read_themes(study / "themes.csv")
    first, *rest = joint_sentences(joint, themes, [f"q{i}" for i in range(1, 8)])
    assert first.startswith(f"The joint display has {len(rows)} findings: ")
    for rating, n in ratings.items():
        assert (f"{n} rated {rating}" if rating != "not yet rated" else f"{n} not yet rated") in first
    cited = {item for row in rows for item in row["items"].split(";") if item}
    uncited = sorted({f"q{i}" for i in range(1, 8)} - cited)
    assert uncited == ["q6"], "the example leaves one item uncited"
    assert rest == ["No finding cites item q6."]  # every theme of the example links some item
