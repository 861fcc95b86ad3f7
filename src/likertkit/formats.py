"""How each kind of number is shown to a reader: one rule per kind, used by every table and sentence.

The files in ``data/processed/`` keep full precision; these rules are for what people read. Percents have one
decimal, and in a sentence or on a chart their sign right after the number (APA: ``64.1%``); p-values follow
APA style (three decimals, no leading zero, ``< .001`` below that); test statistics, effect sizes, means and SDs
two decimals.

Examples
--------
>>> percent(64.149), percent(44.455), percent(100)
('64.1', '44.5', '100.0')
>>> with_percent_sign(64.149), with_percent_sign(64.5, places=0), with_percent_sign(7.5, None), with_percent_sign(None)
('64.1%', '64%', '7.5%', '')
>>> p_value(0.00126), p_value(0.0126), p_value(0.5), p_value(float("nan"))
('.001', '.013', '.500', '')
>>> p_value(0.0004), p_in_words(0.0004), p_in_words(0.013)
('< .001', 'p < .001', 'p = .013')
>>> two_decimals(-0.123), two_decimals(None)
('-0.12', '')
"""

from __future__ import annotations

import math

__all__ = ["p_in_words", "p_value", "percent", "two_decimals", "with_percent_sign"]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def percent(value) -> str:
    """A percent, one decimal (``64.1``); empty when there is none."""
    return "" if _missing(value) else f"{float(value):.1f}"


def with_percent_sign(value, places: int | None = 1) -> str:
    """A percent as a sentence or a chart writes it: ``64.1%`` (``places=0`` on a chart's axis and bar ends:
    ``64%``; ``places=None``, a threshold, as few decimals as it has: ``15%``, ``7.5%``); empty when there is none.
    The one place a percent sign is written."""
    if _missing(value):
        return ""
    return f"{float(value):g}%" if places is None else f"{float(value):.{places}f}%"


def two_decimals(value) -> str:
    """A mean, SD, test statistic or effect size, two decimals; empty when there is none."""
    return "" if _missing(value) else f"{float(value):.2f}"


def p_value(value) -> str:
    """A p-value as APA prints it in a table: ``.013``, ``< .001``; empty when no test was run."""
    if _missing(value):
        return ""
    value = float(value)
    if value < 0.001:
        return "< .001"
    return f"{value:.3f}".lstrip("0") if value < 1 else "1.000"


def p_in_words(value) -> str:
    """A p-value in a sentence: ``p = .013``, ``p < .001``."""
    shown = p_value(value)
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"
