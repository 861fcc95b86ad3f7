import pandas as pd
import pytest

from likertkit import audit, tables


def test_compare_uses_the_printed_precision():
    assert audit.compare("0.9", 0.928) == ("reproduced", "")
    status, note = audit.compare("0.7", 0.7686)
    assert status == "differs" and "rounds to 0.8, not 0.7" in note and "+0.069" in note


def test_row_computes_status_unless_given():
    assert audit.row("text", "here", 2, "sd", "0.8", 0.8827)["status"] == "differs"
    assert audit.row("sample", "here", None, "mean", "46", float("nan"), status="not_reproducible")["item"] == ""
    assert audit.row("sample", "here", None, "count", "four", 4, numeral="4")["status"] == "reproduced"
    with pytest.raises(ValueError):
        audit.row("x", "y", 1, "mean", "1", 1.0, status="maybe")


def test_summary_counts_statuses():
    frame = audit.to_frame([audit.row("table1", "", 1, "mean", "1.0", 1.0),
                            audit.row("table1", "", 1, "sd", "1.0", 2.0)])
    summary = audit.summarise(frame)
    assert summary.loc["all", "checked"] == 2 and summary.loc["table1", "differs"] == 1


def test_printed_layout_and_renders():
    t1 = pd.DataFrame({"item": [1], "label": ["A & B"], "mean": [2.148], "sd": [0.928], "count_0": [2], "pct_0": [3.279],
                       "count_1": [59], "pct_1": [96.72]})
    scale = pd.DataFrame({"code": [0, 1], "label": ["No", "Yes"]})
    layout = tables.printed_layout(t1, scale)
    assert layout.iloc[0].tolist() == ["1 A & B", "2.15 (0.9)", "2 (3.3)", "59 (96.7)"]
    assert "1 A \\& B" in tables.to_latex(layout, "Cap 50%", "Note_1") and "Cap 50\\%" in tables.to_latex(layout, "Cap 50%", "n")
    html = tables.to_html(layout, "Cap", "Note")
    assert "A &amp; B" in html and html == tables.to_html(layout, "Cap", "Note")  # no random ids
    assert "| 1 A & B" in tables.to_markdown(layout, "Cap", "Note")
