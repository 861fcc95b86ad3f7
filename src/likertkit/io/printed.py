"""Parsing numbers as a journal prints them: ``20 (32.8%)``, ``32.8% (20)``, ``2.15 (0.9)``.

Printed numbers keep their text, because how many decimals were printed is
itself information: it fixes the rounding interval the true value lies in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CountCell", "decimals", "half_unit", "parse_count_cell", "parse_mean_sd", "repair_broken_hyphens",
           "rounds_to", "split_list"]

_COUNT = r"(?P<count>\d{1,3}(?:,\d{3})+|\d+)"  # 528, 1,234 (a thousands separator as journals print it)
_PERCENT = r"(?P<pct>\d+(?:\.\d*)?|\.\d+)"
_COUNT_CELL = re.compile(rf"^\s*{_COUNT}\s*\(\s*{_PERCENT}\s*(?P<sign>%?)\s*\)\s*$")
# The other common order, the percent first with its sign: "46.8% (528)".
_PERCENT_FIRST = re.compile(rf"^\s*{_PERCENT}\s*(?P<sign>%)\s*\(\s*{_COUNT}\s*\)\s*$")


_MEAN_SD = re.compile(r"^\s*(?P<mean>\d+(?:\.\d+)?)\s*\(\s*(?P<sd>\d+(?:\.\d+)?)\s*\)\s*$")


# A word broken across a line in the PDF keeps its hyphen and gains a space: "Non- specific".
_BROKEN_HYPHEN = re.compile(r"(?<=\w)- (?=\w)")


@dataclass(frozen=True)
class CountCell:
    count: int
    percent: str  # as printed, without any % sign
    percent_sign: bool


def parse_count_cell(text: str) -> CountCell:
    """A printed count and percent, in either order journals print them: ``'20 (32.8%)'`` and ``'32.8% (20)'``
    -> ``CountCell(20, '32.8', True)``; ``'1,234 (46.8)'`` -> ``CountCell(1234, '46.8', False)``; ValueError if
    malformed.

    >>> parse_count_cell("46.8% (528)"), parse_count_cell("1,234 (46.8)").count
    (CountCell(count=528, percent='46.8', percent_sign=True), 1234)
    """
    match = _COUNT_CELL.match(str(text)) or _PERCENT_FIRST.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a printed count cell like '20 (32.8)' or '32.8% (20)'")
    return CountCell(int(match["count"].replace(",", "")), match["pct"], bool(match["sign"]))


def parse_mean_sd(text: str) -> tuple[str, str]:
    """``'2.15 (0.9)'`` -> ``('2.15', '0.9')``, both kept as printed text."""
    match = _MEAN_SD.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a printed 'mean (SD)' like '2.15 (0.9)'")
    return match["mean"], match["sd"]


def decimals(printed: str) -> int:
    """How many decimals a printed number shows: ``'2.3'`` -> 1, ``'0'`` -> 0."""
    printed = str(printed).strip()
    return len(printed.split(".", 1)[1]) if "." in printed else 0


def half_unit(printed: str) -> float:
    """Half a unit of the last printed decimal: ``'2.15'`` -> 0.005 (it stands for 2.145-2.155)."""
    return 0.5 * 10 ** -decimals(printed)


def split_list(text) -> list[str]:
    """A ``;``-separated list as transcribed: ``'10;11;13'`` -> ``['10', '11', '13']``; blank -> ``[]``."""
    return [part.strip() for part in str(text).split(";") if part.strip()]


def rounds_to(printed: str, value: float) -> bool:
    """Whether ``value`` rounds to ``printed`` at the decimals printed.

    A printed number with d decimals stands for the interval ±0.5·10^-d around
    it; the tiny slack absorbs binary floating point at the interval's edge, so
    both half-up and half-even rounding count as agreeing.
    """
    return abs(float(printed) - value) <= half_unit(printed) + 1e-9


def repair_broken_hyphens(text: str) -> str:
    """``'Non- specific'`` -> ``'Non-specific'``: undo a PDF line-break artefact."""
    return _BROKEN_HYPHEN.sub("-", text)
