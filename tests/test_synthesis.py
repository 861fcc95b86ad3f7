"""The qualitative data and the joint display's ratings: well formed, complete, closed vocabulary."""

import pandas as pd
import pytest

from likertkit.errors import InputError
from likertkit.io.files import read_csv_strict
from loechting2020 import synthesis

from conftest import ROOT

RAW = ROOT / "data" / "raw"
QUOTES = read_csv_strict(RAW / "quotes.csv")
THEMES = read_csv_strict(RAW / "themes.csv")
STATEMENTS = read_csv_strict(RAW / "integration_statements.csv")
RATINGS = read_csv_strict(RAW / "joint_display_ratings.csv")
LINKS = read_csv_strict(RAW / "theme_item_links.csv")
ITEMS = range(1, 16)


def test_quotes_file_has_the_contract_columns_first():
    assert list(QUOTES.columns[:4]) == ["quote_id", "participant", "theme", "text"]


def test_article_quotes_are_valid_unique_and_cover_every_theme():
    synthesis.validate_quotes(QUOTES, THEMES, "quotes.csv")
    assert len(QUOTES) == 16 and QUOTES["quote_id"].is_unique
    assert set(QUOTES["theme"]) == {"1", "2", "3"}
    assert (QUOTES["quote_id"].str[0] == QUOTES["participant"]).all()


def test_quotes_joined_across_page_breaks_and_tables():
    text = QUOTES.set_index("quote_id")["text"]
    assert "where you really need that sick leave" in text["B1"]
    assert "they talk about low back pain" in text["E1"]
    assert "stressful family situation over many years" in text["C2"]


def test_every_item_is_linked_to_a_theme_in_the_text():
    assert sorted(int(i) for i in LINKS["item"]) == list(ITEMS)


def test_article_ratings_are_valid_and_link_every_item():
    synthesis.validate_ratings(RATINGS, QUOTES["quote_id"], STATEMENTS["statement"], ITEMS, "ratings.csv")
    assert set(RATINGS["convergence"]) <= set(synthesis.CONVERGENCE)


def bad(frame, **changes):
    frame = frame.copy()
    for column, value in changes.items():
        frame.loc[frame.index[0], column] = value  # the first record (the index holds file lines)
    return frame


@pytest.mark.parametrize("changes, line, problem", [
    ({"quote_id": "A01x"}, 2, "not a participant letter and a number"),
    ({"quote_id": "a1"}, 2, "not a participant letter and a number"),
    ({"quote_id": "C1", "participant": "C"}, 3, "quote id C1 appears twice \\(also on line 2\\)"),
    ({"participant": "B"}, 2, "attributed to participant 'B', not 'A'"),
    ({"theme": "4"}, 2, "theme '4' is not one of"),
    ({"text": " "}, 2, "quote text is empty"),
])
def test_bad_quotes_are_refused(changes, line, problem):
    with pytest.raises(InputError, match=problem) as caught:
        synthesis.validate_quotes(bad(QUOTES, **changes), THEMES, "quotes.csv")
    assert caught.value.line == line


def test_a_theme_without_quotes_is_refused():
    with pytest.raises(InputError, match="theme\\(s\\) 3 have no quotes"):
        synthesis.validate_quotes(QUOTES[QUOTES["theme"] != "3"], THEMES, "quotes.csv")


@pytest.mark.parametrize("changes, problem", [
    ({"convergence": "convergence"}, "is not one of agreement, partial agreement, silence, dissonance"),
    ({"quote_ids": "A1;Z9"}, "unknown quote id\\(s\\): Z9"),
    ({"statements": "S99"}, "unknown statement\\(s\\): S99"),
    ({"rationale": ""}, "needs a rationale"),
    ({"convergence": "silence"}, "a finding rated 'silence' has no survey item"),
    ({"items": ""}, "survey item\\(s\\) 1 appear in no finding"),
])
def test_bad_ratings_are_refused(changes, problem):
    with pytest.raises(InputError, match=problem):
        synthesis.validate_ratings(bad(RATINGS, **changes), QUOTES["quote_id"], STATEMENTS["statement"], ITEMS, "r.csv")


def test_participant_theme_matrix_counts_quotes():
    matrix = synthesis.participant_theme_matrix(QUOTES)
    assert matrix.to_numpy().sum() == 16
    assert matrix.loc["A"].to_dict() == {"1": 2, "2": 1, "3": 2}


def test_joint_display_fills_statistics_from_the_data():
    stats = pd.DataFrame({"item": [6, 8], "mean": [2.95, 3.15], "sd": [0.7686, 0.8402], "pct_agree": [75.0, 78.33]})
    ratings = pd.DataFrame({"theme": ["3"], "finding": ["f"], "items": ["6;8"], "quote_ids": ["A5"],
                            "convergence": ["agreement"], "rationale": ["r"]})
    joint = synthesis.joint_display(ratings, stats)
    assert list(joint.columns) == ["theme", "finding", "items", "statistics", "quote_ids", "convergence", "rationale"]
    assert joint.loc[0, "statistics"] == ("item 6: 2.95 (0.77), 75.0% in the upper half; item 8: 3.15 (0.84), 78.3% in the upper half")
