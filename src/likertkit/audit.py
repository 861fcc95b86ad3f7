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


def missing_footnote(items: pd.DataFrame, facts: dict) -> tuple[bool, str, str, str]:
    """Table 1's footnote ("missing ranged from 1 to 3 for eight of the items") against the counts.

    Returns ``(holds, note, claimed, found)``: ``note`` states the claim and what the counts give, item
    by item; ``claimed`` and ``found`` are the two short forms ("1-3 on 8 items").
    """
    with_missing = items[items["n_missing"] > 0]
    claim = (facts["table1_missing_min"], facts["table1_missing_max"], facts["table1_items_with_missing"])
    found = (with_missing["n_missing"].min(), with_missing["n_missing"].max(), len(with_missing))
    holds = tuple(map(int, found)) == tuple(map(int, claim)) if len(with_missing) else False
    note = (f"footnote a ({claim[2]} items missing {claim[0]}-{claim[1]}) {'holds' if holds else 'does not hold'}: "
            f"counts give {found[2]} items missing {found[0]}-{found[1]} "
            f"(items {', '.join(map(str, with_missing['item']))})")
    return holds, note, f"{claim[0]}-{claim[1]} on {claim[2]} items", f"{found[0]}-{found[1]} on {found[2]} items"


def evaluate_claim(claim, table1: pd.DataFrame, item_stats: pd.DataFrame, facts: dict) -> dict:
    """Test one row of ``claims.csv`` against the counts: ``{claim, location, quote, rule, evidence, verdict}``.

    Tests: ``share_of_valid`` (the share of valid answers at ``codes`` is ``comparison`` ``threshold_pct``
    on every listed item), ``floor_ceiling`` (no item beyond ``threshold_pct`` at either end, and
    |skewness| <= 1), ``missing_footnote`` (Table 1's footnote against each item's shortfall from n).
    """
    listed = [i.strip() for i in str(claim["items"]).split(";")]
    by_item = table1.set_index(table1["item"].astype(str))
    stats_by_item = item_stats.set_index(item_stats["item"].astype(str))
    if claim["test"] == "share_of_valid":
        chosen = [int(c) for c in str(claim["codes"]).split(";")]
        shares = [by_item.loc[i, [f"valid_pct_{c}" for c in chosen]].sum() for i in listed]
        limit = float(claim["threshold_pct"])
        holds = all(s > limit if claim["comparison"] == ">" else s < limit for s in shares)
        evidence = "; ".join(f"item {i}: {s:.1f}% chose {'/'.join(map(str, chosen))}" for i, s in zip(listed, shares))
        rule = f"share of valid answers {claim['comparison']} {limit:g}%"
        verdict = "supported" if holds else "not supported"
    elif claim["test"] == "floor_ceiling":
        limit = float(claim["threshold_pct"])
        chosen_stats = stats_by_item.loc[listed]
        over = chosen_stats[(chosen_stats["pct_floor"] > limit) | (chosen_stats["pct_ceiling"] > limit)]
        skewed = chosen_stats[chosen_stats["skewness"].abs() > 1]
        evidence = (f"{len(over)} of {len(listed)} items exceed {limit:g}% at an end: "
                    + ", ".join(f"item {i} ({'floor' if r.pct_floor > limit else 'ceiling'} "
                                f"{max(r.pct_floor, r.pct_ceiling):.1f}%)" for i, r in over.iterrows())
                    + f"; skewness between {chosen_stats['skewness'].min():.2f} and "
                      f"{chosen_stats['skewness'].max():.2f} ({len(skewed)} items beyond ±1)")
        rule = f"no item with more than {limit:g}% of valid answers at the lowest or highest code; |skewness| <= 1"
        verdict = "supported" if over.empty and skewed.empty else "partly supported" if skewed.empty else "not supported"
    elif claim["test"] == "missing_footnote":
        found = by_item.loc[listed, "n_missing"]
        found = found[found > 0]
        holds = missing_footnote(by_item.loc[listed].reset_index(drop=True), facts)[0]
        evidence = f"{len(found)} items miss {found.min()} to {found.max()} answers (items {', '.join(map(str, found.index))})"
        rule = f"the counts' shortfall from n = {facts['table1_n']}, item by item"
        verdict = "supported" if holds else "not supported"
    else:
        raise ValueError(f"claims.csv: unknown test {claim['test']!r} for claim {claim['claim']!r}")
    return dict(claim=claim["claim"], location=claim["location"], quote=claim["quote"], rule=rule,
                evidence=evidence, verdict=verdict)
