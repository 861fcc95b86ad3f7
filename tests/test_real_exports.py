"""Your own survey, third round (issue 32): real platform exports. Each case is built here as a researcher's file
would hold it; expected numbers come from pandas reading the same file, not from the code under test.

The N never moves: a respondent who answered no item is a respondent, with or without an id column; a record is
empty (skipped, and counted) only when every column of it is blank; an id column is found by its name
("Response ID", "ResponseId", "Respondent ID" …); and the report says how many answered at least one item.
"""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import likertkit
from likertkit.report import sections

import browsers

SCALE = ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]

# A platform export's shape: metadata columns, then items; respondents 3 and 5 opened the survey and answered no
# item (their start date and progress are there); the fourth record is a blank line of delimiters.
EXPORT = ("StartDate,Progress,q1,q2,q3\n"
          "2026-01-05,100,Agree,Disagree,Strongly agree\n"
          "2026-01-05,100,Agree,,Agree\n"
          "2026-01-06,3,,,\n"
          ",,,,\n"
          "2026-01-07,100,Strongly disagree,Agree,\n"
          "2026-01-07,5,,,\n")


def _expected(path):
    """Respondents and item answers as pandas reads the file: a record with any non-blank cell is a respondent."""
    frame = pd.read_csv(path, dtype=str, skip_blank_lines=True)
    respondents = frame.dropna(how="all")
    items = respondents[["q1", "q2", "q3"]]
    return len(respondents), int(items.notna().any(axis=1).sum()), items.notna().sum().to_dict()


def test_a_respondent_who_answered_no_item_is_counted_with_or_without_an_id(tmp_path):
    plain = tmp_path / "export.csv"
    plain.write_text(EXPORT)
    n, answering, valid = _expected(plain)
    assert (n, answering) == (5, 3)
    result = likertkit.describe(plain, items="q1,q2,q3", scale=SCALE)
    items = result.items.set_index("item")
    assert items["n_respondents"].eq(n).all() and items["n_answering"].eq(answering).all()
    assert items["n_valid"].to_dict() == valid
    skipped = result.log.set_index("note").loc["records with every column blank (empty rows) skipped", "result"]
    assert int(skipped) == 1, "the one record of delimiters is skipped and counted"
    with_ids = tmp_path / "with-ids.csv"
    lines = EXPORT.splitlines()
    with_ids.write_text("\n".join(["Response ID," + lines[0]] + [f"R_{k}," + line for k, line in enumerate(lines[1:])
                                                                 if line.strip(",")]) + "\n")
    identified = likertkit.describe(with_ids, items="q1,q2,q3", scale=SCALE)
    assert identified.items["n_respondents"].eq(n).all(), "the N is the same with an id column"
    assert "respondent ids from the column 'Response ID', found by its name" in " ".join(identified.log["note"])


@pytest.mark.parametrize("name", ["Response ID", "ResponseId", "Respondent ID", "respondent id", "participant_id"])
def test_an_id_column_is_found_by_its_name(tmp_path, name):
    path = tmp_path / "r.csv"
    path.write_text(f"{name},q1\nA7,Agree\nA7,Disagree\n")
    with pytest.raises(likertkit.InputError, match="A7"):  # found as the id: its repeated value is an error
        likertkit.describe(path, items="q1", scale=SCALE)


def test_the_report_says_how_many_answered_at_least_one_item(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(EXPORT)
    n, answering, valid = _expected(path)
    result = likertkit.describe(path, items="q1,q2,q3", scale=SCALE)
    text = sections.overview(result.items, result.scale, result.statistics, result.log)
    missing = 3 * n - sum(valid.values())
    assert text.startswith(f"Of **{n} respondents**, **{answering}** answered at least one of the **3 items**")
    assert f"; {n - answering} left every item blank." in text
    assert f"({100 * missing / (3 * n):.1f}% of all possible answers; " in text
    among = (missing - 3 * (n - answering)) / (3 * answering)
    assert f"{100 * among:.1f}% of those of the {answering} who answered any)" in text
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(path), "--items=q1,q2,q3",
                          f"--out={out}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"{answering}</strong> answered at least one of the" in (out / "report.html").read_text(encoding="utf-8")


def test_audit_reads_a_percent_printed_before_its_count(tmp_path):
    """"46.8% (528)" and "1,234 (46.8%)" are printed cells as common as "528 (46.8)": read, and checked."""
    (tmp_path / "table.csv").write_text('item,cell_1,cell_2\nq1,46.8% (528),53.2% (600)\nq2,"1,234 (46.8%)",'
                                        '"1,403 (53.2%)"\n')
    (tmp_path / "scale.csv").write_text("code,label\n1,No\n2,Yes\n")
    run = subprocess.run([sys.executable, "-m", "likertkit", "audit", str(tmp_path / "table.csv"), "--scale",
                          str(tmp_path / "scale.csv"), "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    audit = pd.read_csv(tmp_path / "out" / "audit.csv", dtype=str).set_index(["item", "quantity"])
    assert audit.loc[("q1", "count_sum"), "printed"] == str(528 + 600)
    assert audit.loc[("q1", "pct_1"), "verdict"] == "reproduced"  # 528 / 1128 = 46.81 %
    assert audit.loc[("q2", "count_sum"), "printed"] == str(1234 + 1403)
    assert audit.loc[("q2", "pct_1"), "verdict"] == "reproduced"  # 1234 / 2637 = 46.80 %


def test_rank_biserial_r_means_the_same_for_items_and_constructs(tmp_path):
    """group_tests.csv names group_a and group_b, and r is positive where group_a ranks higher, for the items and
    for the construct alike (it changed sign between them when the construct's groups came in file order)."""
    rows = ["respondent_id,q1,q2,sex"] + [f"r{k},{1 + (k % 2) * 2 + (k % 3 == 0)},{1 + (k % 2) * 2},"
                                          f"{'M' if k % 2 else 'F'}" for k in range(1, 25)]
    rows[1:1] = ["r0,4,4,M"]  # the first respondent is M: file order would put M first for the construct
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "items.csv").write_text("item,label,group,construct\nq1,One,,Both\nq2,Two,,Both\n")
    result = likertkit.describe(tmp_path / "r.csv", items=tmp_path / "items.csv",
                                scale=["Strongly disagree", "Disagree", "Agree", "Strongly agree"], group="sex")
    tests = result.group_tests.set_index("item")
    assert tests["group_a"].nunique() == 1 and tests["group_b"].nunique() == 1
    a = tests["group_a"].iloc[0]
    # M answered higher throughout: r is positive exactly when group_a is M, on every row
    assert ((tests["effect_size"] > 0) == (a == "M")).all(), tests[["group_a", "effect_size"]]
    from likertkit.report import sentences

    said = sentences.group_tests(result.group_tests, 12)
    assert f"The rank-biserial r is positive where {a} ranks higher than {tests['group_b'].iloc[0]}." in said


def test_each_comment_carries_the_rating_its_writer_gave(tmp_path):
    """comments.csv and the report show who commented from which side: the answer to the item, as its label,
    whether the file wrote a code ("2"), a decimal code ("4.0") or a label ("agree"); blank for no answer."""
    (tmp_path / "r.csv").write_text("respondent_id,q1,q1_why,q2\n"
                                    "r1,1,Far too many cases,2\n"
                                    "r2,4.0,Works well,3\n"
                                    "r3,9,Cannot say,1\n"
                                    "r4,agree,,2\n"
                                    "r5,,Skipped the question but had a view,4\n")
    result = likertkit.describe(tmp_path / "r.csv", items="q1,q2", scale=SCALE, missing="9", comments="next")
    expected = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    expected = expected[expected["q1_why"].str.strip() != ""]
    words = {"1": "Strongly disagree", "4.0": "Strongly agree", "9": "", "": ""}  # codes 1-4, 9 = no answer
    assert result.comments[["respondent_id", "answer", "text"]].values.tolist() == [
        [who, words[answer], text] for who, answer, text in expected[["respondent_id", "q1", "q1_why"]].values]
    out = tmp_path / "out"
    (tmp_path / "scale.csv").write_text("code,label\n" + "".join(f"{k},{label}\n" for k, label in enumerate(SCALE, 1)))
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(tmp_path / "r.csv"), "--items=q1,q2",
                          f"--scale={tmp_path / 'scale.csv'}", "--missing=9", "--comments=next", f"--out={out}"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Far too many cases" in page and "(r1, answered Strongly disagree)" in page and "(r5)" in page


def test_a_median_on_an_exact_split_is_stated_as_the_lower_answer_and_r_s_midpoint_named(tmp_path):
    """Ten answers, five 'Disagree' and five 'Agree': the report's median is an answer (the lower, Disagree), and
    the text says that R and SPSS give the midpoint of the codes (pandas' median, the same rule as R's, is 2.5)."""
    answers = ["Disagree"] * 5 + ["Agree"] * 5
    frame = pd.DataFrame({"q1": answers, "q2": ["Agree"] * 10})
    result = likertkit.describe(frame, items=["q1", "q2"], scale=SCALE)
    codes = pd.Series(answers).map({label: k for k, label in enumerate(SCALE, start=1)})
    assert codes.median() == 2.5  # R's median(), SPSS's
    assert result.statistics.set_index("item").loc["q1", "median"] == 2  # the lower middle answer
    from likertkit.report import sentences

    said = sentences.median_splits(result.counts, result.items, result.scale)
    assert "On item q1, the valid answers split exactly in half (between *disagree* and *agree*)" in said
    assert "midpoint of the two codes (2.5)" in said and "q2" not in said


@pytest.mark.parametrize("labels", [
    ["Very unimportant", "Unimportant", "Neither important nor unimportant", "Important", "Very important"],
    ["Not at all", "Not much", "Some", "A lot"],
    ["Never", "Once in a while", "About half the time", "Usually", "Always"],
    ["Never or hardly ever", "Less than once a month", "Once a month", "Several times a month", "Once a week",
     "Several times a week", "Every day"],
    ["Never or almost never", "Once or twice a month", "Once or twice a week", "Every day or almost every day"]])
def test_more_scale_words_are_read_in_a_csv_and_in_a_zero_config_spss_file(tmp_path, labels):
    """Scales researchers use that were refused (importance both ways, amount, frequency as the ESS, TIMSS and
    PISA word it): a CSV of these words needs no SCALE, and a .sav whose value labels are these is read with no
    ITEMS and no SCALE. Counts are checked against pandas' value_counts of the same answers."""
    import pyreadstat

    answers = [labels[k % len(labels)] for k in range(3 * len(labels))] + [labels[0]]
    (tmp_path / "r.csv").write_text("respondent_id,q1\n" + "".join(f"r{k},{a}\n" for k, a in enumerate(answers)))
    result = likertkit.describe(tmp_path / "r.csv", items="q1")
    assert list(result.scale["label"]) == labels
    expected = pd.Series(answers).value_counts()
    assert result.counts.set_index("category")["count"].to_dict() == {label: int(expected[label]) for label in labels}
    codes = {label: k for k, label in enumerate(labels, start=1)}
    frame = pd.DataFrame({"id": [f"r{k}" for k in range(len(answers))],
                          "q1": [float(codes[a]) for a in answers], "age": [30.0] * len(answers)})
    pyreadstat.write_sav(frame, tmp_path / "r.sav", variable_value_labels={"q1": {v: k for k, v in codes.items()}})
    survey = likertkit.describe(tmp_path / "r.sav", id="id")
    assert list(survey.items["item"]) == ["q1"] and list(survey.scale["label"]) == labels


def test_two_answers_are_never_put_on_one_step_of_an_inferred_scale(tmp_path):
    """'Seldom' and 'Rarely' were both read as the second step of never … always, their answers merged: now no known
    scale holds them apart, so a SCALE is asked for, with a draft listing both."""
    (tmp_path / "r.csv").write_text("respondent_id,q1\nr1,Never\nr2,Seldom\nr3,Rarely\nr4,Often\n")
    with pytest.raises(likertkit.InputError, match="'Seldom' \\(1\\).*'Rarely' \\(1\\)|'Rarely' \\(1\\).*'Seldom' \\(1\\)"):
        likertkit.describe(tmp_path / "r.csv", items="q1")


# A platform export's header: the question code on its first line, then the whole question, ~700 characters, which
# every item of the matrix shares but for its last words.
STEM = ("Thinking about the past twelve months at your workplace, including every change of team, manager, office, "
        "caseload, software, routine or rule that you may have been through, and bearing in mind that there are no "
        "right or wrong answers and that your answers will be read only in summaries of twenty or more people, please "
        "say how far you agree or disagree with each of the following statements about your work, your colleagues, "
        "your manager and the organisation as a whole, thinking of how things usually are rather than of any "
        "single day, and answering as honestly as you can even where a statement does not fit your situation "
        "exactly; if you moved jobs, think of your current job only. Statement:")
OPTIONS = ["I have enough time for each case", "I can ask colleagues for help", "My manager backs my decisions",
           "I get useful training", "I would recommend my workplace", "My workload is manageable",
           "The software helps me", "Meetings are useful", "I know what is expected of me", "I feel valued",
           "Changes are explained", "I can plan my week"]


def _long_export(path, n_respondents=60):
    import csv
    import random

    rng = random.Random(5)
    header = ["ResponseId", "team"] + [f"Q7_{k}\n{STEM} {option}" for k, option in enumerate(OPTIONS, start=1)]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for r in range(n_respondents):
            writer.writerow([f"R_{r:03d}", ["North", "South", "East"][r % 3]]
                            + [rng.choice(SCALE + [""]) for _ in OPTIONS])
    return header


def _png_sizes(notebook):
    import base64
    import json
    import struct

    sizes = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:  # the size it is shown at: the 200-dpi file at the width its metadata gives (that of 100 dpi)
                raw = base64.b64decode("".join(png))
                width, height = struct.unpack(">II", raw[16:24])
                shown = output.get("metadata", {}).get("image/png", {}).get("width", width)
                sizes.append((shown, round(height * shown / width)))
    return sizes


def test_a_long_header_export_gets_short_labels_a_key_and_charts_sized_by_their_items(tmp_path):
    """Twelve items whose headers are 700-character questions: charts as tall as twelve items need (at 100 dpi,
    two screens of 800 px per ten bars at most, for each chart), labels that tell the items apart, the whole
    questions in items.csv and in the report's key."""
    path = tmp_path / "export.csv"
    header = _long_export(path)
    assert min(len(name) for name in header[2:]) > 700
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(path), "--items=Q7_*", "--group=team",
                          f"--out={out}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    items = pd.read_csv(out / "data" / "processed" / "items.csv", dtype=str, keep_default_na=False)
    assert items["label"].tolist() == [f"Q7_{k} {option}" for k, option in enumerate(OPTIONS, start=1)], \
        "the stem every question shares is left out, the question's code kept"
    assert items["question"].tolist() == [" ".join(name.split()) for name in header[2:]]
    sizes = _png_sizes(out / "report.ipynb")
    assert len(sizes) >= 5
    rows = 12 * 3 + 12  # the grouped chart, the tallest: a bar per team and a heading per item
    for width, height in sizes:
        assert width <= 1400 and height <= 2 * 800 * rows / 10, (width, height)
    assert sizes[0][1] <= 2 * 800 * 12 / 10, sizes[0]  # the diverging chart of the twelve items
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Key to the item labels" in page and page.count("Thinking about the past twelve months") == 12, \
        "each whole question once, in the key"
    result = likertkit.describe(path, items="Q7_*", scale=SCALE)
    said = sections.overview(result.items, result.scale, result.statistics, result.log)
    assert "Thinking about" not in said and "(item Q7\\_1 I have enough time for each case)" in said, \
        "sentences name items by their short labels (Markdown-escaped)"


def test_an_items_csv_may_name_a_column_by_its_headers_first_line(tmp_path):
    path = tmp_path / "export.csv"
    _long_export(path)
    (tmp_path / "items.csv").write_text("item,label,group\nQ7_1,Enough time,\nQ7_3,Backed by manager,\n")
    result = likertkit.describe(path, items=tmp_path / "items.csv", scale=SCALE)
    assert result.items["label"].tolist() == ["Enough time", "Backed by manager"]
    assert result.items["item"].str.startswith("Q7_1\n").iloc[0]


def test_long_labels_and_groups_leave_no_text_overlapping(tmp_path):
    """The text-overlap check of tests/test_chart_fit.py, on the export's long labels and on its groups."""
    from likertkit import charts
    from test_chart_fit import check_fits

    path = tmp_path / "export.csv"
    _long_export(path)
    result = likertkit.describe(path, items="Q7_*", scale=SCALE, group="team")
    check_fits(likertkit.plot_diverging(result))
    compared = sections.compared_groups(result.group_sizes)
    counts, rows = charts.grouped_items(result.group_counts, compared, result.items)
    check_fits(charts.plot_diverging(counts, rows, result.scale, order="questionnaire"))


def test_a_charts_size_follows_its_items_not_the_length_of_their_questions(tmp_path):
    """The same answers under 700-character headers and under short ones give charts of the same size."""
    import csv

    long_path, short_path = tmp_path / "long.csv", tmp_path / "short.csv"
    header = _long_export(long_path)
    with open(long_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    with open(short_path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[name.split("\n")[0] for name in header]] + rows)
    sizes = []
    for path in (long_path, short_path):
        result = likertkit.describe(path, items="Q7_*", scale=SCALE)
        sizes.append(tuple(likertkit.plot_diverging(result).get_size_inches()))
    assert sizes[0] == pytest.approx(sizes[1], rel=0.15), sizes


ZERO_CONFIG = ("StartDate,ResponseId,Progress,Gender,q1,q2,q3,Why?,q4\n"
               "2026-01-05,R_1,100,Woman,Agree,Strongly agree,Disagree,Too busy,Often\n"
               "2026-01-05,R_2,100,Man,Disagree,Agree,Don't know,\"Fine, really\",Never\n"
               "2026-01-06,R_3,40,Woman,Strongly disagree,,Agree,,Sometimes\n"
               "2026-01-07,R_4,100,Man,Agree,Agree,Strongly agree,No comment,Always\n")


def test_a_zero_config_csv_finds_its_items_by_their_answers_as_an_spss_file_does_by_its_labels(tmp_path):
    """No ITEMS, no SCALE: the columns whose answers in words are a response scale are the items (two scales
    here, agreement and frequency); numbers, free text, yes/no-like categories and the id are not; "Don't know"
    is named in the draft, not taken for an answer; counts checked against pandas."""
    path = tmp_path / "export.csv"
    path.write_text(ZERO_CONFIG)
    result = likertkit.describe(path, missing="Don't know")
    assert list(result.items["item"]) == ["q1", "q2", "q3", "q4"]
    frame = pd.read_csv(path, dtype=str)
    for item in ("q1", "q2", "q3", "q4"):
        expected = frame[item].dropna()
        expected = expected[expected != "Don't know"].value_counts().to_dict()
        got = result.counts[(result.counts["item"] == item) & (result.counts["count"] > 0)]
        assert got.set_index("category")["count"].to_dict() == expected
    assert len(set(result.items["scale"])) == 2
    notes = " ".join(result.log["note"])
    assert "found by their answers" in notes and "StartDate, Progress, Gender, Why?" in notes
    assert "export.csv: column(s) not taken as items were ignored: StartDate, Progress, Gender, Why?" in result.warnings
    out = tmp_path / "out"
    run = subprocess.run(["make", "--no-print-directory", "survey", f"SURVEY={path}", f"OUT={out}",
                          "MISSING=Don't know"], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.returncode == 0, run.stderr
    assert "4 items, 4 respondents" in run.stdout


def test_a_csv_with_no_scale_in_words_asks_for_items_by_name(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("id,q1,q2\nr1,1,2\nr2,3,4\n")
    with pytest.raises(likertkit.InputError, match=r"^ITEMS: is needed for codes.csv: no column's answers are, in words"):
        likertkit.describe(path)


@browsers.required_or_skipped(browsers.missing())
def test_a_long_header_report_reads_well_in_chromium_at_1280_px(tmp_path):
    """The report of a platform export with 700-character questions, as a reader's browser shows it at
    1,280 × 800: nothing scrolls sideways, every chart is at most two screen heights per ten of its bars, and no
    two pieces of text overlap."""
    path = tmp_path / "export.csv"
    _long_export(path)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(path), "--items=Q7_*", "--group=team",
                          f"--out={out}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    driver = browsers.chromium()
    try:
        driver.set_window_size(1280, 800)
        driver.get((out / "report.html").as_uri())
        screen = driver.execute_script("return window.innerHeight")
        assert driver.execute_script("return document.documentElement.scrollWidth") <= \
            driver.execute_script("return window.innerWidth")
        heights = driver.execute_script(
            "return [...document.querySelectorAll('img')].map(i => [i.alt.slice(0, 100), i.getBoundingClientRect().height])")
        assert len(heights) >= 5
        bars = {"grouped": 12 * 3, "other": 12}  # the by-group chart has a bar per team under each of the 12 items
        for alt, height in heights:
            kind = "grouped" if "one bar per group" in alt else "other"
            assert height <= 2 * screen * bars[kind] / 10, (alt, height)
        overlaps = driver.execute_script("""
            const rects = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let node, index = 0;
            while ((node = walker.nextNode())) {
                if (!node.textContent.trim()) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                for (const r of range.getClientRects())
                    if (r.width > 0 && r.height > 0) rects.push([index, r, node.textContent.trim().slice(0, 40)]);
                index++;
            }
            const found = [];
            for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
                const [a, p, s] = rects[i], [b, q, t] = rects[j];
                if (a === b) continue;
                const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                if (w > 2 && h > 2) found.push(`${s} | ${t}`);
            }
            return found.slice(0, 10);""")
        assert not overlaps, overlaps
    finally:
        driver.quit()


BLOCKS = ("id,Gender,q1,q2,q3,q4\n"
          "r1,Woman,Meh,Superb,Seldomly,Constantly\n"
          "r2,Man,Fine,Fine,Now and then,Seldomly\n"
          "r3,Woman,Superb,Meh,Constantly,Now and then\n"
          "r4,Man,Fine,,Seldomly,Seldomly\n")


def test_unknown_scales_are_drafted_one_per_block_and_passed_back_without_an_items_csv(tmp_path):
    """Two blocks of items on two scales nobody here knows: the draft holds one scale per block (not one pooled
    draft of six answers); ordered and given back as SCALE, each item is matched to the scale holding its answers,
    with ITEMS as a pattern or with no ITEMS at all. Counts checked against pandas."""
    from likertkit.survey import ScaleNeeded

    path = tmp_path / "r.csv"
    path.write_text(BLOCKS)
    with pytest.raises(ScaleNeeded, match="one scale per block of items that share answers") as raised:
        likertkit.describe(path, items="q*")
    draft = raised.value.draft
    assert list(draft.columns) == ["scale", "code", "label"]
    assert {name: set(part["label"]) for name, part in draft.groupby("scale")} == {
        "q1 … q2": {"Meh", "Fine", "Superb"}, "q3 … q4": {"Seldomly", "Now and then", "Constantly"}}
    ordered = pd.DataFrame({"scale": ["quality"] * 3 + ["frequency"] * 3, "code": [1, 2, 3] * 2,
                            "label": ["Meh", "Fine", "Superb", "Seldomly", "Now and then", "Constantly"]})
    ordered.to_csv(tmp_path / "scale.csv", index=False)
    frame = pd.read_csv(path, dtype=str)
    for items in ("q*", ""):
        result = likertkit.describe(path, items=items, scale=tmp_path / "scale.csv")
        assert list(result.items["item"]) == ["q1", "q2", "q3", "q4"], "the Gender column is no item"
        assert list(result.items["scale"]) == ["quality", "quality", "frequency", "frequency"]
        for item in ("q1", "q2", "q3", "q4"):
            got = result.counts[(result.counts["item"] == item) & (result.counts["count"] > 0)]
            assert got.set_index("category")["count"].to_dict() == frame[item].dropna().value_counts().to_dict()
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "likertkit", "report", str(path), "--items=q*", f"--out={out}"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "one scale per block" in run.stderr
    assert pd.read_csv(out / "scale-draft.csv")["scale"].nunique() == 2


def test_an_item_whose_answers_fit_no_scale_or_several_is_one_error(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("q1,q2\nYes,1\nNo,2\n")
    scales = pd.DataFrame({"scale": ["a", "a", "b", "b"], "code": [1, 2, 1, 2], "label": ["No", "Yes", "Low", "High"]})
    with pytest.raises(likertkit.InputError, match=r"the answers of item 'q2' \('1', '2'\) are in each of a, b"):
        likertkit.describe(path, items="q1,q2", scale=scales)
    path.write_text("q1\nMaybe\n")
    with pytest.raises(likertkit.InputError, match=r"the answers of item 'q1' \('Maybe'\) are in none of them"):
        likertkit.describe(path, items="q1", scale=scales)
