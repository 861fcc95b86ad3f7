import pytest

from likertkit.io.printed import (
    CountCell,
    decimals,
    parse_count_cell,
    parse_mean_sd,
    repair_broken_hyphens,
    rounds_to,
)


@pytest.mark.parametrize("text, expected", [
    ("20 (32.8)", CountCell(20, "32.8", False)),
    ("20 (32.8%)", CountCell(20, "32.8", True)),
    ("0 (0)", CountCell(0, "0", False)),
    (" 36 ( 59.0 ) ", CountCell(36, "59.0", False)),
])
def test_parse_count_cell(text, expected):
    assert parse_count_cell(text) == expected


@pytest.mark.parametrize("text", ["20", "20 (32,8)", "(32.8)", "20 32.8", "-1 (1.6)", "", "2 (3.3))"])
def test_parse_count_cell_rejects_malformed(text):
    with pytest.raises(ValueError, match="not a printed count cell"):
        parse_count_cell(text)


def test_parse_mean_sd_keeps_printed_text():
    assert parse_mean_sd("2.70 (0.5)") == ("2.70", "0.5")
    assert parse_mean_sd("2.3 (0.6)") == ("2.3", "0.6")
    with pytest.raises(ValueError, match="mean \\(SD\\)"):
        parse_mean_sd("2.3, 0.6")


def test_decimals():
    assert [decimals(x) for x in ("0", "2.3", "2.30", "32.8", "1.639")] == [0, 1, 2, 1, 3]


def test_rounds_to_uses_printed_precision():
    assert rounds_to("3.3", 100 * 2 / 61)          # 3.2787 -> 3.3
    assert not rounds_to("3.4", 100 * 2 / 61)
    assert rounds_to("0", 0.0)
    assert rounds_to("2.3", 2.34) and not rounds_to("2.30", 2.34)
    assert rounds_to("0.5", 0.45) and rounds_to("0.4", 0.45)  # a value on the edge rounds either way


def test_repair_broken_hyphens():
    assert repair_broken_hyphens("Non- specific MSD") == "Non-specific MSD"
    assert repair_broken_hyphens("Follow- up plan") == "Follow-up plan"
    assert repair_broken_hyphens("time - and more") == "time - and more"
    assert repair_broken_hyphens("follow-up") == "follow-up"
