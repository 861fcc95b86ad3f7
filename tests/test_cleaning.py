"""The cleaning of a printed table: the article's own data, and each kind of bad input."""

import pandas as pd
import pytest

from likertkit.counting.log import CleaningLog
from likertkit.errors import InputError
from likertkit.io.files import read_csv_strict, write_outputs
from likertkit.scales.table import read_scale
from loechting2020.cleaning import (
    clean_printed_table,
    domains_by_item,
    read_facts,
    read_facts_file,
)
from loechting2020.paths import PROJECT

SCALE = "code,label\n0,No\n1,Some\n2,Yes\n"
HEADER = "item,label,mean_sd,cell_0,cell_1,cell_2\n"
GOOD_ROWS = "1,First item,1.00 (0.8),2 (20.0),6 (60.0),2 (20.0)\n2,Second- item,1.3 (0.5),0 (0),7 (70.0),2 (20.0)\n"


def clean(write_csv, table_text, scale_text=SCALE, n=10):
    table_file = write_csv("table.csv", table_text)
    scale_file = write_csv("scale.csv", scale_text)
    scale = read_scale(read_csv_strict(scale_file, ["code", "label"]), scale_file)
    log = CleaningLog()
    counts, items = clean_printed_table(read_csv_strict(table_file), scale, n, {1: "A", 2: "A"},
                                        table_file, log)
    return counts, items, log.to_frame()


def test_small_table_cleans_to_tidy_counts(write_csv):
    counts, items, log = clean(write_csv, HEADER + GOOD_ROWS)
    assert list(counts.columns) == ["item", "code", "category", "count"]
    assert counts["count"].tolist() == [2, 6, 2, 0, 7, 2]
    assert counts["category"].tolist()[:3] == ["No", "Some", "Yes"]
    assert items.to_dict("records")[1] == dict(item="2", label="Second-item", domain="A", n_respondents=10,
                                               n_valid=9, n_missing=1)
    kinds = log.groupby("kind").size().to_dict()
    assert kinds == {"anomaly": 2, "check": 1, "transformation": 1}
    assert set(log.loc[log["kind"] == "anomaly", "note"].str[:22]) == {"percent printed with 0", "mean printed with 1 de"}


def test_a_lost_row_stops_the_build_naming_where_it_belongs(write_csv):
    rows = GOOD_ROWS.splitlines(keepends=True)
    with pytest.raises(InputError, match="table.csv, line 2, column 'item': item\\(s\\) 1 missing"):
        clean(write_csv, HEADER + rows[1])
    with pytest.raises(InputError, match="table.csv, line 3, column 'item': item\\(s\\) 2 missing"):
        clean(write_csv, HEADER + rows[0])


def test_a_row_missing_a_field_is_refused_with_its_line(write_csv):
    short = GOOD_ROWS.replace(",2 (20.0)\n2,", "\n2,", 1)
    with pytest.raises(InputError, match="table.csv, line 2: has 5 field\\(s\\) where the header has 6"):
        clean(write_csv, HEADER + short)


def test_article_table1_parses_to_the_published_totals():
    raw = PROJECT.raw
    scale = read_scale(read_csv_strict(raw / "scale.csv"), raw / "scale.csv")
    domains = domains_by_item(read_csv_strict(raw / "domains.csv"), raw / "domains.csv")
    facts = read_facts_file(raw / "sample_facts.csv")
    counts, items, = clean_printed_table(read_csv_strict(raw / "table1.csv"), scale, facts["table1_n"], domains,
                                         raw / "table1.csv", CleaningLog())
    assert len(items) == 15 and len(counts) == 75
    assert items["n_missing"].tolist() == [0, 0, 0, 1, 0, 1, 0, 1, 0, 3, 2, 2, 3, 1, 0]
    assert items.groupby("domain").size().tolist() == [4, 11]  # the article's two domains
    assert counts.query("item == '9'")["count"].tolist() == [0, 0, 20, 39, 2]


@pytest.mark.parametrize("rows, line, column, problem", [
    ("1,First item,1.00 (0.8),2 (20.0),six (60.0),2 (20.0)\n", 2, "cell_1", "not a printed count cell"),
    ("1,First item,1.00 (0.8),2 (20.0),,2 (20.0)\n", 2, "cell_1", "cell is empty"),
    ("1,First item,1.00 (0.8),2 (20.0),9 (90.0),2 (20.0)\n", 2, "cell_0, cell_1, cell_2", "counts add to 13, more than the 10"),
    ("1,First item,1.00 (0.8),2 (20.0),6 (55.0),2 (20.0)\n", 2, "cell_1", "printed percent 55.0 disagrees with its count: 6/10 = 60.00%"),
    ("1,First item,1.00 (0.8),2 (20.0),6 (60.0),2 (20.0)\n"
     "1,Again,1.00 (0.8),2 (20.0),6 (60.0),2 (20.0)\n", 3, "item", "item 1 appears twice"),
    ("x,First item,1.00 (0.8),2 (20.0),6 (60.0),2 (20.0)\n", 2, "item", "not a whole number"),
    ("7,First item,1.00 (0.8),2 (20.0),6 (60.0),2 (20.0)\n", 2, "item", "item 7 belongs to no domain"),
    ("1,First item,1.00,2 (20.0),6 (60.0),2 (20.0)\n", 2, "mean_sd", "not a printed 'mean (SD)'"),
    ("1, ,1.00 (0.8),2 (20.0),6 (60.0),2 (20.0)\n", 2, "label", "label is empty"),
])
def test_bad_table_rows_name_file_row_column_and_problem(write_csv, rows, line, column, problem):
    with pytest.raises(InputError) as caught:
        clean(write_csv, HEADER + rows)
    error = caught.value
    assert (error.file, error.line, error.column) == ("table.csv", line, column)
    assert problem in error.problem
    assert str(error).startswith(f"table.csv, line {line}, column {column!r}: ")


def test_a_cell_for_an_unknown_code_is_an_error(write_csv):
    with pytest.raises(InputError, match="code\\(s\\) not in the scale: cell_3"):
        clean(write_csv, HEADER.strip() + ",cell_3\n" + "1,First item,1.00 (0.8),2 (20.0),6 (60.0),2 (20.0),0 (0)\n")


def test_a_scale_code_without_a_column_is_an_error(write_csv):
    with pytest.raises(InputError, match="no column for scale code\\(s\\): cell_2"):
        clean(write_csv, "item,label,mean_sd,cell_0,cell_1\n1,A,1.00 (0.8),2 (20.0),6 (60.0)\n")


@pytest.mark.parametrize("scale_text, problem", [
    ("code,label\n0,No\n0,Yes\n", "code 0 appears twice"),
    ("code,label\n0,No\n1,no\n", "label 'no' appears twice"),
    ("code,label\n0,No\nx,Yes\n", "code 'x' is not a whole number"),
    ("code,label\n0,No\n", "at least two categories"),
])
def test_bad_scales(write_csv, scale_text, problem):
    with pytest.raises(InputError, match=problem):
        clean(write_csv, HEADER + GOOD_ROWS, scale_text)


@pytest.mark.parametrize("content, problem", [
    ("", "file is empty"),
    ("   \n", "file is empty"),
    ("item,label\n", "no data rows"),
    ("item,item\n1,2\n", "column 'item' appears more than once"),
    ("label\nx\n", "required column(s) missing: item"),
    (b"item,label\n1,caf\xe9\n", "not valid UTF-8 (byte 0xe9 at offset 16)"),
])
def test_unreadable_files(write_csv, content, problem):
    path = write_csv("bad.csv", content)
    with pytest.raises(InputError) as caught:
        read_csv_strict(path, ["item"])
    assert problem in str(caught.value) and str(caught.value).startswith("bad.csv")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.csv: file not found"):
        read_csv_strict(tmp_path / "nope.csv")


def test_domains_must_not_overlap(write_csv):
    path = write_csv("domains.csv", "label,first_item,last_item\nA,1,4\nB,4,6\n")
    with pytest.raises(InputError, match="line 3.*item 4 is in two domains"):
        domains_by_item(read_csv_strict(path), path)


def test_facts_are_typed_and_unique(write_csv):
    path = write_csv("facts.csv", "fact,value\nn,61\nrate,55.5\n")
    assert read_facts(read_csv_strict(path), path) == {"n": 61, "rate": 55.5}
    path = write_csv("facts.csv", "fact,value\nn,61\nn,62\n")
    with pytest.raises(InputError, match="line 3, column 'fact': fact 'n' appears twice"):
        read_facts(read_csv_strict(path), path)


def test_log_refuses_unknown_kinds():
    with pytest.raises(ValueError, match="log kind"):
        CleaningLog().record("step", "fixed", "note")


class Unwritable:
    def __str__(self):
        raise RuntimeError("disk full")


def test_write_outputs_writes_all_or_nothing(tmp_path):
    first = tmp_path / "out" / "first.csv"
    with pytest.raises(RuntimeError, match="disk full"):
        write_outputs({first: pd.DataFrame({"a": [1]}), tmp_path / "out" / "second.txt": Unwritable()})
    assert list((tmp_path / "out").iterdir()) == []


def test_write_outputs_leaves_unchanged_files_alone(tmp_path):
    target = tmp_path / "same.csv"
    write_outputs({target: pd.DataFrame({"a": [0.1 + 0.2]})})
    assert target.read_text() == "a\n0.3\n"  # stable float text
    before = target.stat().st_mtime_ns
    write_outputs({target: pd.DataFrame({"a": [0.1 + 0.2]})})
    assert target.stat().st_mtime_ns == before
    write_outputs({target: pd.DataFrame({"a": [1.5]})})
    assert target.read_text() == "a\n1.5\n"
