"""Checking published numbers against their recomputation, one row per number."""

from __future__ import annotations

import pandas as pd

from .printed import decimals, rounds_to

AUDIT_COLUMNS = ["source", "location", "item", "statistic", "published", "recomputed", "status", "note"]
STATUSES = ("reproduced", "differs", "not_reproducible")
RULE = ("a published number is reproduced when the recomputed value lies within half a unit of its last "
        "printed decimal (2.15 stands for 2.145-2.155), so either rounding direction at the edge counts")


def compare(published: str, recomputed: float) -> tuple[str, str]:
    """Status and note for one published number against its unrounded recomputation."""
    places = decimals(published)
    if rounds_to(published, recomputed):
        return "reproduced", ""
    difference = recomputed - float(published)
    return "differs", (f"recomputed {recomputed:.{places + 2}f} rounds to {recomputed:.{places}f}, "
                       f"not {published} (difference {difference:+.{places + 2}f})")


def row(source, location, item, statistic, published, recomputed, status=None, note="", numeral=None):
    """One audit row; the status is computed unless given (as for numbers with nothing to check against).

    ``published`` is the number as printed ("eight", "55%"); ``numeral`` is its digits when they differ.
    """
    if status is None:
        status, why = compare(numeral or published, recomputed)
        note = "; ".join(part for part in (why, note) if part)
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    return dict(source=source, location=location, item="" if item is None else str(item), statistic=statistic,
                published=str(published), recomputed=recomputed, status=status, note=note)


def to_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def summarise(audit: pd.DataFrame) -> pd.DataFrame:
    """Numbers checked and their statuses, by source."""
    table = pd.crosstab(audit["source"], audit["status"]).reindex(columns=list(STATUSES), fill_value=0)
    table["checked"] = table.sum(axis=1)
    table.loc["all"] = table.sum()
    return table
